/* store.h - where cslog keeps its records.
 *
 * The interface hides the engine (SQLite today).  Rules that hold for
 * every function below:
 *
 *  - Functions return an enum cs_status and fill err (may be NULL) with a
 *    message for the user.  Codes: CS_DATAERR bad data (too long, bad
 *    id, duplicate badge), CS_NOINPUT no such record, CS_NOUSER no such
 *    member, CS_CANTCREAT cannot create or write the file (read-only),
 *    CS_IOERR input/output error or disk full, CS_TEMPFAIL the database
 *    stayed busy (another terminal held it for 10 s), CS_OSERR out of
 *    memory, CS_SOFTWARE a bug (SQL error).
 *  - Each write is one transaction, done inside the function: it happens
 *    entirely or not at all.  Every write of a record leaves an audit
 *    event in the same transaction (actor_id is the member acting; 0 is
 *    the program itself).  Drafts and remembered preferences are not
 *    audited.
 *  - Times come from the caller (`now`, unix seconds UTC): the store never
 *    reads the clock.
 *  - Checks here are structural only (lengths, required fields, id
 *    syntax, referenced records exist).  Validation against a policy
 *    belongs to the layer above.
 *  - Callbacks return 0 to go on, anything else to stop early (the
 *    function then returns CS_OK).  Records handed to them are borrowed
 *    (see record.h).  A callback may call other store functions (e.g.
 *    store_review_list for each contact of an export), but not the
 *    function that is calling it (statements are shared per store).
 *  - A struct store is used by one thread at a time. */
#ifndef CSLOG_STORE_H
#define CSLOG_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cslog/error.h"
#include "cslog/query.h"
#include "cslog/record.h"

struct store;

/* ---- opening ------------------------------------------------------- */

enum store_flags {
	STORE_READONLY = 1 << 0,  /* never write (nor create the file) */
	STORE_EXISTING = 1 << 1,  /* the file must exist and be a cslog database:
	                             never create nor initialise it (an empty
	                             file is refused) */
	STORE_NO_UPGRADE = 1 << 2, /* an older schema is refused, not upgraded */
	STORE_SHARED = 1 << 3,    /* the group deployment: files made 0660, the
	                             -wal and -shm kept between connections */
	STORE_FALLBACK_RO = 1 << 4, /* where the file cannot be written (a
	                             read-only mount, a file or directory this
	                             user may not write), open it read-only
	                             instead: store_readonly() then says why */
};

/* The mode of a database file, its -wal and -shm unless told otherwise:
 * the owner's alone. */
#define STORE_MODE 0600

/* Open (or create) the database at path.
 *
 * Creating: missing parent directories are made 0700, the file 0600.
 * The file is put in WAL mode, fully synchronous, foreign keys on, with
 * a 10 s busy timeout.  An older schema is migrated forward, after a
 * backup of the file to "<path>.backup-v<old version>"; if that backup
 * fails nothing is migrated.  Errors: CS_NOINPUT (READONLY and no file),
 * CS_DATAERR (not a database, not cslog's, or a newer schema than this
 * program knows: "upgrade cslog"), CS_CANTCREAT, CS_IOERR, CS_TEMPFAIL.
 * On success *out is an open store to release with store_close(). */
int store_open(const char *path, unsigned flags, struct store **out,
               struct cs_err *err);

/* The same with the files' mode (STORE_MODE, or e.g. 0660 where a group
 * shares the database): a new file is made so, and an existing one,
 * with its -wal and -shm, loses every bit mode does not give
 * (store_tighten); where that cannot be done it is refused
 * (CS_CANTCREAT, with the chmod to run), except on a read-only file
 * system, where it is read and store_notice() says so. */
int store_open_mode(const char *path, unsigned flags, unsigned mode, struct store **out,
                    struct cs_err *err);

/* Why st was opened read-only ("it is on a read-only file system"), or
 * NULL when it can be written.  Every write is then refused
 * (CS_CANTCREAT) naming it. */
const char *store_readonly(const struct store *st);

/* What the user should be told about the file once it is open (its
 * mode was tightened, or cannot be), or NULL. */
const char *store_notice(const struct store *st);

/* Close and free.  st may be NULL.  An unfinished bulk is rolled back. */
void store_close(struct store *st);

/* The schema version this program writes (PRAGMA user_version). */
int store_schema_version(void);

/* Report the text of each statement the store runs, its parameters
 * filled in, to fn (NULL: stop).  For tools that compare cslog's
 * queries with the same SQL in the sqlite3 shell, and for debugging. */
typedef void (*store_trace_fn)(void *ctx, const char *sql);
void store_trace(struct store *st, store_trace_fn fn, void *ctx);

/* The path given to store_open (owned by the store). */
const char *store_path(const struct store *st);

/* A consistent copy of the whole database to dest_path (created 0600;
 * an existing file is replaced), made with the online backup API: safe
 * while other terminals write.  dest_path may not be the database or
 * one of its files (compared by device and inode, or by name when it
 * does not exist yet): CS_USAGE. */
int store_backup(struct store *st, const char *dest_path, struct cs_err *err);

/* Replace the database's content with the backup at path, in place.
 * The backup must be cslog's, of this schema version, another file
 * than the database, and verify (store_verify); it is opened read-only
 * and never changed.  Its pages are copied in with SQLite's backup API
 * under the database's write lock (other terminals keep the file open
 * and see the old content or the new, whole: never a rename over it),
 * and while that lock is held the file as it was, and its -wal, are
 * copied byte for byte to aside (and aside-wal), which must not exist.
 * Errors: CS_DATAERR the backup does not verify or is of another
 * version, CS_USAGE it is the database itself, CS_NOINPUT no backup,
 * CS_CANTCREAT/CS_IOERR writing, CS_TEMPFAIL busy; nothing changes. */
int store_restore(struct store *st, const char *backup, const char *aside,
                  struct store_restore_result *res, struct cs_err *err);

/* Take from the database at path, and from its -wal, -shm and -journal
 * and cslog's markers, every permission bit that mode (e.g. 0600, or
 * 0660 for a group deployment) does not give.  *was gets the bits they
 * had when any was taken away (0: nothing to do).  CS_CANTCREAT, with
 * the chmod to run, when a file cannot be changed (another owner, a
 * read-only medium). */
int store_tighten(const char *path, unsigned mode, unsigned *was, struct cs_err *err);
/* The same, and *head the copy's newest event (read in the same read
 * transaction as the copy). */
int store_backup_head(struct store *st, const char *dest_path, struct store_head *head,
                      struct cs_err *err);

/* Tests and tools only: create a database at path with the schema of
 * an older `version` (1 .. store_schema_version()), as an older cslog
 * would have made it. */
int store_create_version(const char *path, int version, struct cs_err *err);

/* ---- one user action (the use-case layer) ------------------------- */

/* Every write between store_tx_begin and store_tx_end joins one
 * transaction: a contact saved with its draft removed, a sign-off with
 * its note.  store_tx_end(st, rc) commits when rc and every write were
 * CS_OK, and otherwise rolls everything back and returns the failure.
 * `what` says what is lost if it fails ("the contact was not saved").
 * Reads in between see the writes. */
int store_tx_begin(struct store *st, const char *what, struct cs_err *err);
int store_tx_end(struct store *st, int rc, struct cs_err *err);

/* ---- bulk writing (import, demo, benchmark) ------------------------ */

/* Between store_bulk_begin and store_bulk_commit every write joins one
 * transaction and aggregates are kept in memory until the commit.  A
 * write that fails with anything but CS_DATAERR / CS_NOUSER / CS_NOINPUT
 * (found before anything was written) spoils the bulk: store_bulk_commit
 * then rolls everything back and returns that error. */
int store_bulk_begin(struct store *st, struct cs_err *err);
int store_bulk_commit(struct store *st, struct cs_err *err);
void store_bulk_rollback(struct store *st);
/* Is a bulk open (nothing of it committed yet)? */
bool store_in_bulk(const struct store *st);

/* A bulk holds the write lock for as long as it writes (seconds for a
 * large import).  So that others can wait for it instead of failing
 * after the busy timeout, store_bulk_begin first takes an exclusive
 * flock(2) on "<database>-import" and writes its process id and start
 * time there, and lets go at the commit or rollback (the kernel lets go
 * when the process dies).  store_bulk_begin fails with CS_TEMPFAIL when
 * another process holds it.  store_bulk_holder: does another process's
 * bulk hold the log now?  info (may be NULL) says which and since when. */
struct store_bulk_info {
	long pid;           /* 0: unknown */
	int64_t since;      /* unix seconds; 0: unknown */
};
bool store_bulk_holder(struct store *st, struct store_bulk_info *info);
/* An import's bulk: SQLite's foreign-key checks off (the importer
 * resolves every reference: members found or created, amended contacts
 * looked up), on again after its commit or rollback.  Only outside a
 * transaction (SQLite ignores the pragma inside one). */
int store_import_checks(struct store *st, bool on, struct cs_err *err);

/* ---- members ------------------------------------------------------- */

typedef int (*store_member_cb)(void *ctx, const struct member *m);

/* Add a member (badge, name, role, created_at from m) with an optional
 * PIN (NULL or "": none; otherwise 4..64 bytes, kept only as an argon2id
 * hash).  *id gets the new id.  CS_DATAERR when the badge is taken or a
 * field is malformed. */
int store_member_add(struct store *st, int64_t actor_id, const struct member *m,
                     const char *pin, int64_t now, int64_t *id, struct cs_err *err);

/* Change name and role of member m->id (badge and PIN stay). */
int store_member_update(struct store *st, int64_t actor_id, const struct member *m,
                        int64_t now, struct cs_err *err);

/* Fill *out (owned; record_member_clear) by id, or by exact badge.
 * CS_NOUSER when there is none. */
int store_member_get(struct store *st, int64_t id, struct member *out,
                     struct cs_err *err);
int store_member_find(struct store *st, const char *badge, struct member *out,
                      struct cs_err *err);

/* Members whose name or badge contains text (case-insensitive for
 * ASCII), by name, at most limit (0: no limit). */
int store_member_search(struct store *st, const char *text, size_t limit,
                        store_member_cb cb, void *ctx, struct cs_err *err);

/* Every member, by name. */
int store_member_list(struct store *st, store_member_cb cb, void *ctx,
                      struct cs_err *err);

/* How many members there are (0: first run). */
int store_member_count(struct store *st, int64_t *n, struct cs_err *err);

/* Set (pin non-empty) or clear (NULL or "") the PIN; clears a lockout.
 * A PIN set by another (actor_id not the member, nor 0) is a reset: the
 * member is marked to choose their own (member.pin_reset). */
int store_member_set_pin(struct store *st, int64_t actor_id, int64_t member_id,
                         const char *pin, int64_t now, struct cs_err *err);

/* End a lockout (the wrong PINs forgotten), audited. */
int store_member_unlock(struct store *st, int64_t actor_id, int64_t member_id, int64_t now,
                        struct cs_err *err);


/* Check a PIN at time now.  STORE_PIN_TRIES wrong PINs in a row lock the
 * member for STORE_PIN_LOCK_SECONDS (kept in the database, so closing
 * the program does not help).  While locked, no PIN is even checked.
 * Misses and lockouts are audited.  CS_OK whatever the PIN: look at
 * res->check.  CS_NOUSER when there is no such member. */
int store_member_check_pin(struct store *st, int64_t member_id, const char *pin,
                           int64_t now, struct pin_result *res, struct cs_err *err);

/* Is member id's row as its newest audit event recorded it (one indexed
 * look-up)?  CS_OK, also when there is no such member; CS_DATAERR
 * "member BADGE's record was changed outside cslog" when the row was
 * edited behind cslog's back (a role raised in the sqlite3 shell).
 * Every write of a member checks the same first. */
int store_member_attested(struct store *st, int64_t id, struct cs_err *err);

/* Remember the policy the member last logged under (not audited). */
int store_member_set_last_policy(struct store *st, int64_t member_id,
                                 const char *policy_id, struct cs_err *err);

/* ---- contacts ------------------------------------------------------ */

typedef int (*store_contact_cb)(void *ctx, const struct contact *c);

/* Write a new contact (with its answers, standards, protected fields and,
 * when c->followup_due != 0, a follow-up).  With c->amends set this is
 * an amendment, as store_contact_amend.  c->id may name the id to use
 * (import); it must be free.  *id gets the id.  Errors: CS_DATAERR
 * (missing or malformed field, id taken), CS_NOUSER (no such member). */
int store_contact_insert(struct store *st, int64_t actor_id, const struct contact *c,
                         int64_t now, int64_t *id, struct cs_err *err);
/* The same for an import inside its bulk: c->member_id is one the
 * importer found or created in this bulk, not looked up again; with
 * id_free, c->id is above every contact id the bulk has seen (the
 * largest at its start and each it wrote), so not looked up either. */
int store_import_contact(struct store *st, int64_t actor_id, const struct contact *c,
                         int64_t now, bool id_free, int64_t *id, struct cs_err *err);

/* Correct contact original_id: new_version is written as a new contact
 * with amends = original_id and amend_reason = reason (required), and
 * the original is marked superseded.  Unfinished follow-ups of the
 * original move to the new version.  CS_NOINPUT no such contact;
 * CS_DATAERR when it was already amended (the message names the newer
 * version to amend instead). */
int store_contact_amend(struct store *st, int64_t actor_id, int64_t original_id,
                        const struct contact *new_version, const char *reason,
                        int64_t now, int64_t *id, struct cs_err *err);

enum store_get_flags {
	STORE_PROTECTED = 1 << 0,  /* return the protected fields */
};

/* Fill *out (owned: record_contact_clear) with contact id, derived fields
 * computed at `now`.  CS_NOINPUT when there is none. */
int store_contact_get(struct store *st, int64_t id, unsigned flags, int64_t now,
                      struct contact *out, struct cs_err *err);

/* Every version of the amendment chain that contains id, oldest first
 * (protected fields withheld). */
int store_contact_versions(struct store *st, int64_t id, store_contact_cb cb,
                           void *ctx, struct cs_err *err);

/* The amendments of the chain that contains id, oldest first. */
int store_amendment_list(struct store *st, int64_t id,
                         int (*cb)(void *ctx, const struct amendment *a),
                         void *ctx, struct cs_err *err);

/* Remove the protected fields of contact id for good, leaving a stub
 * (redacted_at, redacted_by; the audit event holds the reason).
 * CS_NOINPUT no such contact; CS_DATAERR already redacted. */
int store_contact_redact(struct store *st, int64_t actor_id, int64_t id,
                         const char *reason, int64_t now, struct cs_err *err);

/* Contacts of policy_id logged before `before` whose protected data is
 * still there, oldest first: cb(ctx, id) for each (non-zero stops). */
int store_private_older(struct store *st, const char *policy_id, int64_t before,
                        int (*cb)(void *ctx, int64_t id), void *ctx,
                        struct cs_err *err);

/* The largest contact id (0 when empty). */
int store_contact_max_id(struct store *st, int64_t *id, struct cs_err *err);

/* ---- the log: filtered, paged by key -------------------------------- */



/* Deliver at most limit (1..10000) contacts matching f, in log order
 * (newest logged first, or oldest first), strictly after the cursor
 * `after` (NULL: from the start), to cb.  *next (may be NULL) gets the
 * cursor for the following page.  Pages by key, never by offset; holds
 * no more than one row in memory. */
int store_contact_query(struct store *st, const struct contact_filter *f,
                        const struct store_cursor *after, size_t limit,
                        store_contact_cb cb, void *ctx, struct store_cursor *next,
                        struct cs_err *err);

/* ---- saved views of the log (view.c) ------------------------------- */

#define STORE_VIEW_SLOTS 9
#define STORE_VIEW_TEXT_MAX 1024

typedef int (*store_view_cb)(void *ctx, int slot, const char *name, const char *filter);

/* Keep filter (the caller's filter-line text) as member_id's view
 * number slot (1..9) called name, replacing what was there; filter NULL
 * drops the view.  Audited under member_id. */
int store_view_save(struct store *st, int64_t member_id, int slot, const char *name,
                    const char *filter, int64_t now, struct cs_err *err);

/* member_id's views, by slot. */
int store_view_list(struct store *st, int64_t member_id, store_view_cb cb, void *ctx,
                    struct cs_err *err);

/* ---- follow-ups ---------------------------------------------------- */

typedef int (*store_followup_cb)(void *ctx, const struct followup *f);

/* Open a follow-up on contact_id due at due_at, with an optional note;
 * its limit is its target (store_followup_add_clock with limit_at 0). */
int store_followup_add(struct store *st, int64_t actor_id, int64_t contact_id,
                       int64_t due_at, const char *note, int64_t now, int64_t *id,
                       struct cs_err *err);

/* The same with a target (due_at) and a limit (limit_at, not before the
 * target; 0: the target), as deadline.h describes: overdue only past the
 * limit.  CS_DATAERR when the limit is before the target. */
int store_followup_add_clock(struct store *st, int64_t actor_id, int64_t contact_id,
                             int64_t due_at, int64_t limit_at, const char *note,
                             int64_t now, int64_t *id, struct cs_err *err);

/* Pause an open follow-up (the clock stops; reason required), resume a
 * paused one (due_eff and limit_eff move by the time paused), close one
 * as done (how it kept its clock is kept: deadline_grade)
 * (done_by = actor_id, optional note).  CS_NOINPUT no such follow-up,
 * CS_DATAERR when the state does not allow it. */
int store_followup_pause(struct store *st, int64_t actor_id, int64_t id,
                         const char *reason, int64_t now, struct cs_err *err);
int store_followup_resume(struct store *st, int64_t actor_id, int64_t id,
                          int64_t now, struct cs_err *err);
int store_followup_done(struct store *st, int64_t actor_id, int64_t id,
                        const char *note, int64_t now, struct cs_err *err);

/* Fill *out (owned: record_followup_clear), overdue and the clock's
 * state computed at now by deadline.h's rules. */
int store_followup_get(struct store *st, int64_t id, int64_t now,
                       struct followup *out, struct cs_err *err);


/* Unfinished (open and paused) follow-ups, by effective due time, at
 * most limit (0: no limit). */
int store_followup_list(struct store *st, const struct followup_filter *f,
                        size_t limit, store_followup_cb cb, void *ctx,
                        struct cs_err *err);

/* Every follow-up of one contact, oldest first. */
int store_followup_of_contact(struct store *st, int64_t contact_id, int64_t now,
                              store_followup_cb cb, void *ctx, struct cs_err *err);

/* ---- reviews ------------------------------------------------------- */

typedef int (*store_review_cb)(void *ctx, const struct review *r);

/* Record a review of contact_id by actor_id (the reviewer).  A debrief
 * or commendation needs a note.  CS_NOINPUT no such contact. */
int store_review_add(struct store *st, int64_t actor_id, int64_t contact_id,
                     enum review_kind kind, const char *note, int64_t now,
                     int64_t *id, struct cs_err *err);

/* The reviews of one contact, oldest first. */
int store_review_list(struct store *st, int64_t contact_id, store_review_cb cb,
                      void *ctx, struct cs_err *err);

/* ---- drills -------------------------------------------------------- */

typedef int (*store_drill_cb)(void *ctx, const struct drill_attempt *d);

/* Keep one attempt (audited as actor_id, normally the trainer). */
int store_drill_add(struct store *st, int64_t actor_id, const struct drill_attempt *d,
                    int64_t now, int64_t *id, struct cs_err *err);


/* Matching attempts, oldest first (spaced repetition reads history in
 * order). */
int store_drill_query(struct store *st, const struct drill_filter *f,
                      store_drill_cb cb, void *ctx, struct cs_err *err);

/* ---- reports (aggregates) ----------------------------------------- */

/* What a report counts, per contact (current versions only). */
enum store_dim {
	DIM_DAY = 0,         /* value: the UTC day "YYYY-MM-DD" */
	DIM_KIND,            /* customer kind id */
	DIM_CHANNEL,
	DIM_OUTCOME,         /* "" when none */
	DIM_MEMBER,          /* member id in decimal */
	DIM_EMPOWERED,       /* "yes", "no", "none" (no check) */
	DIM_ADDED_VALUE,     /* "yes", "no" */
	DIM_NEEDS_MET,       /* "yes", "no", "unknown" */
	DIM_QUESTION_ASKED,  /* question id: once per answered question */
	DIM_QUESTION_FAILED, /* question id: once per "no" */
	DIM_MEMBER_ADDED,    /* member id: contacts with added value */
	DIM_FOLLOWUP_DONE,   /* "on-target", "within-limit", "late"
	                      * (deadline_grade_name): follow-ups done, by
	                      * their contact's day (contacts not superseded) */
	DIM_FOLLOWUP_OPEN,   /* "open": follow-ups open or paused, likewise */
	DIM_DEBRIEF_DUE,     /* "due": negative calls waiting for a debrief */
	DIM_FOLLOWUP_LIMIT,  /* the UTC day "YYYY-MM-DD" of the limit of each
	                        follow-up open and running (not paused): the
	                        overdue ones now are those of the days before
	                        today, and today's past the time (stats.c) */
	DIM_COUNT
};

/* "day", "kind", "channel", "outcome", "member", "empowered",
 * "added_value", "needs_met", "question_asked", "question_failed", "member_added_value"; and
 * back (-1 when unknown). */
const char *store_dim_name(enum store_dim d);
int store_dim_parse(const char *s);

typedef int (*store_report_cb)(void *ctx, const char *value, int64_t n);

/* Count contacts by dim over UTC days since_day .. until_day inclusive
 * ("YYYY-MM-DD"; NULL: open), for one policy or all (NULL).  Rows come
 * by value, ascending (bytewise).  Reads only the aggregates kept as
 * contacts are written: a few thousand rows whatever the log's size. */
int store_report(struct store *st, enum store_dim dim, const char *since_day,
                 const char *until_day, const char *policy_id, store_report_cb cb,
                 void *ctx, struct cs_err *err);

/* The same answer computed from the contacts themselves (tests, bench),
 * or for one member's contacts (member_id; 0: everyone's). */
int store_report_fullscan(struct store *st, enum store_dim dim, const char *since_day,
                          const char *until_day, const char *policy_id, int64_t member_id,
                          store_report_cb cb, void *ctx, struct cs_err *err);

/* ---- other report figures (stats.c) -------------------------------- */

struct followup_stats {
	int64_t done_on_time;  /* done by their limit: on target or within it */
	int64_t done_on_target;     /* done by their target */
	int64_t done_within_limit;  /* after the target, by the limit */
	int64_t done;
	int64_t unfinished;    /* open or paused */
	int64_t overdue;       /* open and past their limit at now */
};

/* Tallies of report rows (store_report_cb), for a file's counts and a
 * server's alike: a done follow-up's grade ("on-target", "within-limit",
 * "late") into *(struct followup_stats *)ctx, and a plain count into
 * *(int64_t *)ctx. */
int store_followup_stats_add(void *ctx, const char *grade, int64_t n);
int store_count_add(void *ctx, const char *value, int64_t n);

/* Follow-ups of the current contacts made over UTC days since..until
 * ("YYYY-MM-DD"; NULL: open), for one policy or all (NULL), of one
 * member's contacts or everyone's (member_id 0). */
int store_followup_stats(struct store *st, const char *since_day, const char *until_day,
                         const char *policy_id, int64_t member_id, int64_t now,
                         struct followup_stats *out, struct cs_err *err);

/* Negative calls of that period still waiting for a debrief. */
int store_debrief_pending(struct store *st, const char *since_day, const char *until_day,
                          const char *policy_id, int64_t member_id, int64_t *n,
                          struct cs_err *err);

/* ---- audit and verification --------------------------------------- */

typedef int (*store_audit_cb)(void *ctx, const struct audit_event *e);

/* Audit events, newest first; entity NULL: all, else only those about
 * (entity, entity_id); before_id 0: from the newest.  At most limit
 * (0: no limit). */
int store_audit_list(struct store *st, const char *entity, int64_t entity_id,
                     int64_t before_id, size_t limit, store_audit_cb cb, void *ctx,
                     struct cs_err *err);

/* Record an event that writes nothing else: a protected read (who read
 * which contact's customer data, or which bulk), a clock accepted by a
 * supervisor ("clock.accept", the one action whose stamp may be earlier
 * than the newest event).  detail is a JSON object text (NULL: "{}"). */
int store_audit_note(struct store *st, int64_t actor_id, const char *action,
                     const char *entity, int64_t entity_id, const char *detail,
                     int64_t now, struct cs_err *err);

/* The newest audit event: the head of the chain (h->event 0: none). */
int store_head(struct store *st, struct store_head *h, struct cs_err *err);

/* Audit event id as stored (*found false when there is none). */
int store_event(struct store *st, int64_t id, struct store_head *h, bool *found,
                struct cs_err *err);

/* The head of the chain in another cslog database file (a backup),
 * opened read-only.  CS_DATAERR when it is not one. */
int store_head_of_file(const char *path, struct store_head *h, struct cs_err *err);

/* The time of the newest audit event (0: none): no stamp may be earlier. */
int store_clock_head(struct store *st, int64_t *at, struct cs_err *err);


/* Check the hash chain of the audit trail event by event, every
 * contact against the content hash its audit event recorded, the
 * amendment links, every other record (member, review, follow-up,
 * drill result, saved view, redaction, evaluation, survey response,
 * recognition) against the row hash of its
 * newest event, the queues and the aggregates recomputed, and PRAGMA
 * integrity_check; each message names the table and the row.  progress (may be NULL)
 * is called now and then with (done, total) events.  Returns CS_OK with
 * res->ok true when intact; CS_DATAERR with res filled (and err saying
 * the same) at the first problem. */
int store_verify(struct store *st, void (*progress)(void *ctx, int64_t done, int64_t total),
                 void *ctx, struct store_verify_result *res, struct cs_err *err);

/* The audit events after event `after` only (which must be there):
 * their chain from its hash, each event's hash, and each contact they
 * wrote or amended against the content hash recorded (res->events: the
 * events checked, res->contacts: those contacts).  It does not run
 * SQLite's integrity check, recompute the queues or the report
 * aggregates, check the other records' row hashes or the links between
 * contacts, nor look at anything written up to `after`: that is what
 * a full store_verify is for. */
int store_verify_since(struct store *st, int64_t after, struct store_verify_result *res,
                       struct cs_err *err);

/* SQLite's integrity report, line by line, at most max lines (and
 * never more than 1000): cb(ctx, line) for each problem (nothing when
 * the file is intact); cb returns non-zero to stop. */
int store_integrity(struct store *st, size_t max, int (*cb)(void *ctx, const char *line),
                    void *ctx, struct cs_err *err);

/* Damage found by verify, recorded beside the database (a file,
 * "<database>-damaged", written whole, with the database's mode) so that
 * every process sees it before it reads anything: text is one line for
 * the user (at most 2 KiB).  CS_CANTCREAT where nothing can be written. */
int store_damage_record(struct store *st, const char *text, struct cs_err *err);
/* The record (malloc'd: caller frees), or NULL when there is none. */
char *store_damage_read(const struct store *st);
/* Remove the record (a restore, or a verify that finds the file intact). */
int store_damage_clear(struct store *st, struct cs_err *err);

/* ---- drafts (not audited; one per member and slot; a member may keep
 * several, e.g. slots "contact-1", "contact-2") -------------------- */

/* Save body (JSON text from the caller, at most 1 MiB) for (member_id,
 * slot), e.g. slot "contact" or "drill", replacing an older draft. */
int store_draft_save(struct store *st, int64_t member_id, const char *slot,
                     const char *body, int64_t now, struct cs_err *err);

/* *body gets a malloc'd copy (caller frees), *updated_at (may be NULL)
 * when it was saved.  CS_NOINPUT when there is no draft. */
int store_draft_load(struct store *st, int64_t member_id, const char *slot,
                     char **body, int64_t *updated_at, struct cs_err *err);

/* member_id's drafts whose slot starts with prefix, the latest first:
 * cb(ctx, slot, body, updated_at), non-zero stops. */
int store_draft_list(struct store *st, int64_t member_id, const char *prefix,
                     int (*cb)(void *ctx, const char *slot, const char *body,
                               int64_t updated_at),
                     void *ctx, struct cs_err *err);

/* Drop the draft; CS_OK also when there was none. */
int store_draft_delete(struct store *st, int64_t member_id, const char *slot,
                       struct cs_err *err);

#endif
