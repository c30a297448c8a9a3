/* app.h - the use-case layer: the only door to the store.
 *
 * The command line and the screens call these functions and nothing
 * below them.  Every use case takes the acting person (a struct
 * app_actor, authenticated here) and decides three things in one place:
 *
 *  - who may do it: one permission table (perm.c; app_may), the same
 *    for every front end, their help and the manual;
 *  - what time it is: app_now, the system clock (a test build reads
 *    CSLOG_NOW; see clock.c); the store never reads a clock;
 *  - what one action writes: one transaction, all or nothing (a contact
 *    saved removes its draft in the same transaction).
 *
 * struct app holds no global state: each front end makes one. */
#ifndef CSLOG_APP_H
#define CSLOG_APP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cslog/error.h"
#include "cslog/policy.h"
#include "cslog/policy_load.h"
#include "cslog/query.h"
#include "cslog/record.h"

struct store;
struct pgstore;

/* A growing byte buffer, kept and reused (the app layer's). */
struct app_buf {
	char *p;
	size_t len, cap;
	bool failed;                 /* out of memory, or refused */
};
void app_buf_free(struct app_buf *b);

struct app {
	const char *db_path;       /* --db, or NULL: see app_db_path */
	const char *policies_dir;  /* --policies DIR, or NULL */
	bool existing;             /* the database must exist (reading commands):
	                              never create nor initialise it, and open it
	                              read-only where it cannot be written */
	unsigned db_mode;          /* its files' mode; 0: 0600 (STORE_MODE) */
	/* While an import holds the log, a write waits for it when wait_bulk
	 * is set: told once what is going on (msg), it returns true to wait
	 * (the write then goes on as soon as the import ends) or false to
	 * give up.  NULL (the screens): the write fails at once with
	 * CS_TEMPFAIL, saying so, and the screen tries again later. */
	bool (*wait_bulk)(void *ctx, const char *msg);
	void *wait_bulk_ctx;
	bool demo;                 /* the throw-away sample database */

	struct policy_set policies;  /* owned; empty until loaded */
	bool policies_loaded;

	/* The use-case layer's own; front ends leave them alone. */
	int64_t now;                 /* the time of the action under way */
	int64_t fixed_now;           /* generate.c's clock on its own fresh
	                                database; 0: the system clock */
	struct store *store;         /* owned; NULL until opened */
	char *db_path_owned;         /* owned copy of the resolved path */
	char *damage;                /* owned: the damage recorded (app_damage) */
	int64_t damage_checked;      /* when it was last read */
	bool verify_cleared;         /* the last verify removed a record of it */
	int anchor_fd;               /* the anchor file, opened with the store
	                                (-1: none); see anchor.c */
	char *anchor_path;           /* owned; NULL: none */
	struct store_head anchor_seen;  /* what it held when opened */
	int64_t anchored;            /* the last head written there */
	char db_real[4096];          /* the database's resolved path */
	struct app_buf line;         /* one line of output, reused (jsonw.c) */
	struct pgstore *pg;          /* owned: a PostgreSQL server (pg.c), or NULL */
	char service_file[4096];     /* the group deployment's pg_service.conf */
};

void app_init(struct app *a);
void app_done(struct app *a);

/* What time it is (unix seconds, UTC): the system clock.  Only a test
 * build (build/test/cslog) lets CSLOG_NOW move it. */
int64_t app_now(struct app *a);

/* The database path: --db, else CSLOG_DB, else
 * $XDG_DATA_HOME/cslog/cslog.db (~/.local/share/cslog/cslog.db).
 * Returns NULL with err set when no home directory can be found. */
const char *app_db_path(struct app *a, struct cs_err *err);

/* Is the database a PostgreSQL server ("postgresql://...", "postgres://...",
 * "service=NAME"; in the group deployment, its service file)?  What is not
 * yet done for a server refuses with CS_UNAVAILABLE (exit 69). */
bool app_db_is_server(struct app *a);
/* Does this store run op (enum app_op; negative: none) at all?  Always
 * on a file; on a server, only the use cases written for it
 * (docs/postgresql.md).  The one list: a command whose use case is not
 * here refuses (exit 69), and the screens offer no key for it. */
bool app_available(struct app *a, int op);

/* cslog admin init-server URL: run by the database's owner, create the
 * schema cslog, its roles (cslog_owner, cslog_terminal) and the first
 * supervisor (badge, name, pin).  See docs/postgresql.md. */
int app_init_server(struct app *a, const char *url, const char *badge, const char *name,
                    const char *pin, int64_t *id, struct cs_err *err);
/* cslog admin upgrade-server URL: run by the database's owner, make the
 * parts of the schema the server lacks, in one transaction;
 * made(ctx, name, what) for each (said once committed: CS_OK), *n_made
 * how many (0: up to date). */
int app_upgrade_server(struct app *a, const char *url,
                       void (*made)(void *ctx, const char *name, const char *what),
                       void *ctx, int *n_made, struct cs_err *err);

/* ---- set-group-id: the group deployment (secure.c) ------------------ */

/* Let the group cslog runs with go for good (a command, once the
 * database is open; a command that needs no database, at once).  A
 * no-op when cslog is not set-group-id. */
int app_group_drop(struct cs_err *err);
/* The screens: let the group go while waiting for a key, take it back
 * for the key's work.  No-ops when not set-group-id, or once dropped. */
void app_group_release(void);
void app_group_hold(void);
/* Set-group-id and not run by root: the environment is not read for
 * paths or test hooks (glibc's secure mode). */
bool app_secure(void);

/* Where policies are searched (see policy_load.h). */
void app_policy_where(const struct app *a, struct policy_where *w);

/* Load the policies once.  On a broken file, every diagnostic is
 * appended to diags and CS_CONFIG is returned. */
int app_load_policies(struct app *a, struct policy_diags *diags, struct cs_err *err);

/* Find a loaded policy, or set err (CS_USAGE: unknown policy, naming the
 * known ones). */
const struct policy *app_policy(struct app *a, const char *id, struct cs_err *err);

/* What the crew chose from: the label a loaded policy gives a customer
 * kind ('k'), channel ('c') or outcome ('o') id in policy_id's policy;
 * without one (or when it does not know the id), the label the other
 * policies agree on.  The id itself when no loaded policy knows it (a
 * policy since retired) or they give it different labels. */
const char *app_label(const struct app *a, const char *policy_id, int what, const char *id);

/* Every label the loaded policies give the id, each once, joined by
 * " / " ("Internal customer (co-worker) / Internal"); the id itself
 * when none knows it. */
void app_label_all(const struct app *a, int what, const char *id, char *buf, size_t len);

/* Open the database now (never creating it when a->existing), so that a front
 * end can report a bad file before it takes over the terminal. */
int app_open(struct app *a, struct cs_err *err);

/* What the person should be told about the open database, one message
 * each to cb (nothing when it is not open): its files' mode was
 * tightened (or cannot be), verify found it damaged. */
void app_notices(struct app *a, void (*cb)(void *ctx, const char *msg), void *ctx);

/* ---- who is acting (actor.c) ---------------------------------------- */

struct app_actor {
	int64_t id;
	enum member_role role;
	bool has_pin;
	char badge[MEMBER_BADGE_MAX + 1];
	char name[MEMBER_NAME_MAX + 1];
	char last_policy[RECORD_ID_MAX + 1];   /* "" none */
	bool pin_reset;     /* the PIN was set by a supervisor: until the member
	                       chooses their own, it is all they may do */
};

/* Asked for m's PIN when m has one and is not locked: write it into
 * pin[len] and return CS_OK, or return an error (err set). */
typedef int (*app_pin_fn)(void *ctx, const struct member *m, char *pin, size_t len,
                          struct cs_err *err);

/* Who is acting on the command line: the member with this badge, with
 * the PIN from ask when they have one.  Refused with CS_NOPERM (the
 * reason in err): no badge, no such member, locked, wrong PIN (each
 * wrong PIN counts toward the lockout kept in the database); with
 * CS_DATAERR, before any PIN is asked, when the member's row is not as
 * their newest audit event recorded it ("member S1's record was changed
 * outside cslog"). */
int app_authenticate(struct app *a, const char *badge, app_pin_fn ask, void *ctx,
                     struct app_actor *out, struct cs_err *err);

/* Sign-in on the screens: member_id with pin ("" when none).  CS_OK and
 * *out filled, or CS_NOPERM with res saying why (wrong, locked), or
 * CS_DATAERR when the member's row was changed outside cslog. */
int app_sign_in(struct app *a, int64_t member_id, const char *pin, struct app_actor *out,
                struct pin_result *res, struct cs_err *err);

/* ---- who may do what (perm.c) --------------------------------------- */

enum app_op {
	APP_LOG,              /* log a contact */
	APP_LOG_FOR,          /* log a contact for another member */
	APP_READ,             /* list and show contacts */
	APP_READ_PROTECTED,   /* one contact's customer data */
	APP_BULK_PROTECTED,   /* customer data in list and export */
	APP_AMEND,            /* correct a contact */
	APP_REVIEW,           /* sign off, debrief, commend */
	APP_FOLLOWUP,         /* see and act on follow-ups */
	APP_REPORT,           /* report figures */
	APP_REPORT_BY_MEMBER, /* figures member by member */
	APP_EXPORT,           /* export contacts */
	APP_IMPORT,           /* import contacts */
	APP_BACKUP,           /* copy the whole database */
	APP_VERIFY,           /* check the record is intact */
	APP_MEMBER_LIST,      /* see members' names, badges, roles */
	APP_MEMBER_ADD,       /* add members */
	APP_MEMBER_PIN,       /* set or clear a PIN */
	APP_DRILL_READ,       /* drill and quiz results */
	APP_DRILL_RUN,        /* run a drill, keep its answers */
	APP_REDACT,           /* remove customer data (redact, purge) */
	APP_VIEWS,            /* saved views of the review queue */
	APP_CLOCK,            /* accept a clock that went back */
	APP_RESTORE,          /* replace the database with a verified backup */
	APP_SHOPPER_ADD,      /* record a secret-shopper evaluation */
	APP_SHOPPER_READ,     /* see evaluations (an evaluator: those entered) */
	APP_SURVEY_ADD,       /* enter or import survey responses */
	APP_SURVEY_READ,      /* survey responses and satisfaction */
	APP_SURVEY_COMMENT,   /* survey comments: free text from the public */
	APP_RECOGNITION_ADD,  /* record a recognition */
	APP_RECOGNITION_READ, /* recognitions and the evidence for them */
	APP_MEETING,          /* the staff-meeting report */
	APP_OP_COUNT
};

enum app_scope {
	SCOPE_NONE = 0,   /* not allowed */
	SCOPE_OWN,        /* their own records only */
	SCOPE_ALL,        /* everyone's */
};

struct app_perm {
	const char *name;                 /* "log", "read", ... */
	const char *what;                 /* "log a contact" */
	enum app_scope scope[MEMBER_ROLES]; /* by enum member_role */
};

const struct app_perm *app_perm(enum app_op op);

/* What who may do of op (SCOPE_NONE when who is NULL). */
enum app_scope app_scope_of(const struct app_actor *who, enum app_op op);

/* CS_OK when who may do op on a record of member `owner` (0: no
 * particular member, i.e. everyone's when the scope matters); otherwise
 * CS_NOPERM with the rule in words. */
int app_may(const struct app_actor *who, enum app_op op, int64_t owner, struct cs_err *err);

/* The rule in words: "members: their own; supervisors: everyone's". */
void app_perm_words(enum app_op op, char *buf, size_t len);

/* ---- members (member.c) --------------------------------------------- */

/* How many members there are (0: the first run).  Needs nobody. */
int app_member_count(struct app *a, int64_t *n, struct cs_err *err);

/* Members whose name or badge holds text, by name, at most limit: the
 * sign-in screen's search.  Needs nobody; gives no PIN hash. */
int app_member_search(struct app *a, const char *text, size_t limit,
                      int (*cb)(void *ctx, const struct member *m), void *ctx,
                      struct cs_err *err);

int app_member_list(struct app *a, const struct app_actor *who,
                    int (*cb)(void *ctx, const struct member *m), void *ctx,
                    struct cs_err *err);

/* The member with this badge (*out owned: record_member_clear).
 * CS_NOINPUT when there is none. */
int app_member_find(struct app *a, const struct app_actor *who, const char *badge,
                    struct member *out, struct cs_err *err);

/* The policy member_id last logged under (out[0] '\0': none yet), on
 * either store: where 'cslog log' without --policy starts for a contact
 * of theirs, as it would were they logging it themself.  One's own
 * (APP_LOG), or another's for one who may log for them (APP_LOG_FOR). */
int app_member_last_policy(struct app *a, const struct app_actor *who, int64_t member_id,
                           char *out, size_t len, struct cs_err *err);

/* Add a member.  who NULL only on an empty database, whose first member
 * must be a supervisor.  Supervisors and trainers must have a PIN. */
int app_member_add(struct app *a, const struct app_actor *who, const char *badge,
                   const char *name, int role, const char *pin, int64_t *id,
                   struct cs_err *err);

/* Set (pin) or clear (NULL) badge's PIN: one's own, or a supervisor
 * anyone's; a supervisor's or trainer's cannot be cleared.  A PIN a
 * supervisor sets for another is a reset: that member chooses their own
 * before anything else (struct app_actor's pin_reset). */
int app_member_set_pin(struct app *a, const struct app_actor *who, const char *badge,
                       const char *pin, struct cs_err *err);

/* Change badge's role (supervisors).  Refused: one's own (a supervisor
 * does not demote themself), the last supervisor's, and a supervisor's
 * or trainer's role for a member without a PIN (set one first). */
int app_member_set_role(struct app *a, const struct app_actor *who, const char *badge,
                        int role, struct cs_err *err);

/* End badge's lockout after too many wrong PINs (supervisors). */
int app_member_unlock(struct app *a, const struct app_actor *who, const char *badge,
                      struct cs_err *err);

/* ---- contacts (contact.c, read.c) ----------------------------------- */

/* Log c.  c->member_id 0: who's own contact; another member needs
 * APP_LOG_FOR.  The contact is checked against its policy, stamped
 * with the clock, and written with, in the same transaction, the
 * removal of who's draft `draft_slot` (NULL: none) and the policy
 * remembered for next time.  *id gets the new id. */
int app_contact_log(struct app *a, const struct app_actor *who, struct contact *c,
                    const char *draft_slot, int64_t *id, struct cs_err *err);

/* The contact as it stands, protected fields included, for amending it
 * (APP_AMEND on its member).  *out owned: record_contact_clear. */
int app_contact_for_amend(struct app *a, const struct app_actor *who, int64_t id,
                          struct contact *out, struct cs_err *err);

/* Amend contact original_id with the corrected version c (checked like a
 * new contact, under the policy it was logged under). */
int app_contact_amend(struct app *a, const struct app_actor *who, int64_t original_id,
                      struct contact *c, const char *reason, int64_t *id,
                      struct cs_err *err);

/* One contact (APP_READ on its member).  With protected, its customer
 * data too (APP_READ_PROTECTED); that read is an audit event, and is
 * refused when the event cannot be written.  *out owned. */
int app_contact_get(struct app *a, const struct app_actor *who, int64_t id,
                    bool protected, struct contact *out, struct cs_err *err);

/* A page of the log (see store_contact_query).  A member's scope is
 * their own contacts: f->member_id is set to theirs, and asking for
 * another member's is refused.  Not with f->include_protected: use
 * app_contact_each. */
int app_contact_query(struct app *a, const struct app_actor *who,
                      struct contact_filter *f, const struct store_cursor *after,
                      size_t limit, int (*cb)(void *ctx, const struct contact *c),
                      void *ctx, struct store_cursor *next, struct cs_err *err);

/* Every contact matching f after `after`, at most limit (0: all), in
 * pages; *next (may be NULL) where it stopped.  With
 * f->include_protected (APP_BULK_PROTECTED) the read is first recorded
 * as one audit event holding the filter, the count and a hash of the
 * ids, and only those contacts are delivered. */
int app_contact_each(struct app *a, const struct app_actor *who, struct contact_filter *f,
                     const struct store_cursor *after, size_t limit,
                     int (*cb)(void *ctx, const struct contact *c), void *ctx,
                     struct store_cursor *next, struct cs_err *err);

/* ---- reviews, follow-ups, customer data ----------------------------- */

/* A supervisor's review (kind: enum review_kind): a sign-off (note
 * optional), a debrief or a commendation (note needed). */
int app_review_add(struct app *a, const struct app_actor *who, int64_t contact_id,
                   int kind, const char *note, int64_t *id, struct cs_err *err);

/* Follow-ups, by due time (see store_followup_list); a member's scope is
 * their own. */
int app_followup_list(struct app *a, const struct app_actor *who, struct followup_filter *f,
                      size_t limit, int (*cb)(void *ctx, const struct followup *fu),
                      void *ctx, struct cs_err *err);

enum app_followup_act { FOLLOWUP_ACT_DONE, FOLLOWUP_ACT_PAUSE, FOLLOWUP_ACT_RESUME };

/* Close (text: what was done), pause (text: why, required) or resume
 * follow-up id: one's own, or a supervisor anyone's. */
int app_followup_act(struct app *a, const struct app_actor *who, enum app_followup_act act,
                     int64_t id, const char *text, struct cs_err *err);

/* A supervisor removes contact id's protected customer data for good,
 * saying why (required); the stub and the audit event remain. */
int app_redact(struct app *a, const struct app_actor *who, int64_t id, const char *reason,
               struct cs_err *err);

/* Apply each loaded policy's retention-days (or only policy_id's), in
 * one transaction; with dry_run nothing changes.  cb(ctx, policy id,
 * days, contact id) for each contact reached; *n their count. */
typedef void (*app_purge_cb)(void *ctx, const char *policy_id, long days, int64_t id);
int app_purge(struct app *a, const struct app_actor *who, const char *policy_id,
              bool dry_run, app_purge_cb cb, void *ctx, size_t *n, struct cs_err *err);

/* ---- drafts and saved views (draft.c) ------------------------------- */

/* who's own drafts: saved as typed, not audited.  slot names one
 * ("contact", "drill"). */
int app_draft_save(struct app *a, const struct app_actor *who, const char *slot,
                   const char *body, struct cs_err *err);
/* *body malloc'd (caller frees); CS_NOINPUT when there is none. */
int app_draft_load(struct app *a, const struct app_actor *who, const char *slot,
                   char **body, int64_t *updated_at, struct cs_err *err);
int app_draft_delete(struct app *a, const struct app_actor *who, const char *slot,
                     struct cs_err *err);
/* who's drafts whose slot starts with prefix ("contact": "contact",
 * "contact-1", ...), the latest first. */
int app_draft_list(struct app *a, const struct app_actor *who, const char *prefix,
                   int (*cb)(void *ctx, const char *slot, const char *body,
                             int64_t updated_at),
                   void *ctx, struct cs_err *err);
/* A slot no draft of who's uses yet: "prefix-N", N one more than the
 * highest kept, so a new draft never overwrites an unfinished one. */
int app_draft_new_slot(struct app *a, const struct app_actor *who, const char *prefix,
                       char *slot, size_t len, struct cs_err *err);

/* who's saved views of the review queue (1..9). */
int app_view_save(struct app *a, const struct app_actor *who, int slot, const char *name,
                  const char *filter, struct cs_err *err);
int app_view_list(struct app *a, const struct app_actor *who,
                  int (*cb)(void *ctx, int slot, const char *name, const char *filter),
                  void *ctx, struct cs_err *err);

/* ---- the head of the chain, anchored outside the file (anchor.c) ----- */

/* A head to check the chain against: from the anchor file, a backup, or
 * given by hand ("44:3fa2b1c4d5e6f708", a hash prefix of 16 or more hex
 * digits).  source says where it came from, for messages. */
struct app_anchor {
	struct store_head head;
	char source[320];
};

/* The head of the chain now (anyone signed in). */
int app_head(struct app *a, const struct app_actor *who, struct store_head *h,
             struct cs_err *err);

/* "44:3fa2b1c4d5e6f708" (event and the first 16 hex digits of its hash):
 * what a supervisor notes, and what 'verify --anchor' takes back. */
void app_head_short(const struct store_head *h, char *buf, size_t len);

/* Read --anchor: ID:HASH, an anchor file, or a cslog database (a
 * backup, whose newest event is its head).  CS_USAGE / CS_NOINPUT /
 * CS_DATAERR with the reason. */
int app_anchor_parse(const char *spec, struct app_anchor *out, struct cs_err *err);

/* The anchor file of the open database (NULL: none). */
const char *app_anchor_file(const struct app *a);

/* ---- the whole database (admin.c) ----------------------------------- */

/* A backup to path.  When verify found the database damaged, refused
 * (CS_DATAERR) unless damaged_ok, and then written to path with
 * "-damaged" before its extension.  made[len] gets the file written;
 * the copy's head is *head (may be NULL). */
int app_backup(struct app *a, const struct app_actor *who, const char *path,
               bool damaged_ok, char *made, size_t len, struct store_head *head,
               struct cs_err *err);

/* A supervisor replaces the database's content with the backup at path
 * once it verifies (store_restore: in place, under the write lock, the
 * file as it was kept aside in <database>.before-restore-<time>, whose
 * name goes to aside[len]).  The restore is then recorded as an audit
 * event of the restored log; when that cannot be written the restore
 * stands, *recorded is false and note says why. */
int app_restore(struct app *a, const struct app_actor *who, const char *path,
                char *aside, size_t len, struct store_restore_result *res,
                bool *recorded, struct cs_err *note, struct cs_err *err);
/* Verify the database, then that its chain still reaches the anchor
 * file's head and `given` (NULL: none): a tail cut is named ("audit
 * events 41-44 are missing after the anchor of 2026-12-04 17:02"), a
 * rewritten chain too.  res->anchors counts the anchors reached.  When
 * it is intact, a record of damage found earlier is removed (then
 * app_verify_cleared is true). */
int app_verify(struct app *a, const struct app_actor *who, const struct app_anchor *given,
               void (*progress)(void *ctx, int64_t done, int64_t total), void *ctx,
               struct store_verify_result *res, struct cs_err *err);
bool app_verify_cleared(struct app *a);

/* Only what was written after the anchor `from` (a head noted at the
 * last shift change, an anchor file, a backup): that the chain still
 * reaches it with the same hash, then the events after it and the
 * contacts they wrote (store_verify_since says what it leaves out). */
int app_verify_since(struct app *a, const struct app_actor *who,
                     const struct app_anchor *from, struct store_verify_result *res,
                     struct cs_err *err);

/* ---- damage (damage.c) ---------------------------------------------- */

#define APP_INTEGRITY_LINES 100   /* SQLite's report lines shown, at most */

struct app_damage_result {
	size_t lines;                 /* report lines given to line() */
	bool more;                    /* SQLite had more than that */
	bool recorded;                /* recorded for every command and screen */
	struct cs_err not_recorded;   /* why not (a read-only medium ...) */
};

/* After a verify that found the file damaged (res->damaged): SQLite's
 * whole integrity report, at most APP_INTEGRITY_LINES lines, to
 * line(ctx, text), and the damage recorded beside the database for
 * every command and screen (app_damage).  Anyone who may verify. */
int app_damage_report(struct app *a, const struct app_actor *who,
                      const struct store_verify_result *res,
                      void (*line)(void *ctx, const char *text), void *ctx,
                      struct app_damage_result *out, struct cs_err *err);

/* The damage recorded for the open database (one line, owned by a), or
 * NULL.  The screens may ask at every redraw: the file is read again at
 * most every few seconds. */
const char *app_damage(struct app *a);

/* A supervisor accepts that the clock is earlier than the newest event
 * (it had run ahead, or the record holds a future stamp): recorded as an
 * event stamped with the clock, after which writing goes on.  *head_at
 * gets the newest event's time, *now the clock's (on a server, the
 * server's); *accepted is false when the clock was not behind it
 * (nothing to accept, nothing written). */
int app_clock_accept(struct app *a, const struct app_actor *who, int64_t *head_at,
                     int64_t *now, bool *accepted, struct cs_err *err);

#endif
