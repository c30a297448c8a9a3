/* app_int.h - what the use-case layer's files share; nothing outside
 * src/app includes this (the store is theirs alone). */
#ifndef CSLOG_APP_INT_H
#define CSLOG_APP_INT_H

#include "cslog/app.h"
#include "cslog/store.h"
#include "cslog/store_measures.h"

/* The store, opened on first use (never created when a->existing).  Owned
 * by a; NULL with err set when it cannot be opened. */
struct store *app_store(struct app *a, struct cs_err *err);

/* Before a write: while another process's import holds the log, wait
 * for it (a->wait_bulk) or fail at once with CS_TEMPFAIL saying so. */
int app_writable(struct app *a, struct store *st, struct cs_err *err);

/* One action's writes, as one transaction: the store (*st) with the
 * write lock taken, and a->now stamped only then, so that no other
 * terminal can have written a later event in between.  app_end commits
 * when rc is CS_OK, else rolls everything back; it returns the outcome. */
int app_begin(struct app *a, const char *what, struct store **st, struct cs_err *err);
int app_end(struct app *a, int rc, struct cs_err *err);

/* How far a time a person or a file states may be ahead of the clock
 * (their watch and the terminal's clock differ): one day. */
#define APP_TIME_SLACK 86400

/* The times of a contact (contact.c), for every way in: the contact's
 * time (at) not more than APP_TIME_SLACK ahead of the clock (now), nor
 * of the time it was logged (logged_at; 0: now), which may not be
 * more than that ahead of the clock either.  CS_DATAERR naming them. */
int app_check_times(const struct contact *c, int64_t now, struct cs_err *err);

/* The follow-up promised with a contact still keepable at now (its limit
 * not past) unless it is entered late (followup_late): the one rule for
 * a live save, on a file and on a server (contact.c).  A spooled
 * contact handed over later is not judged again (app_pg_contact_replay).
 * CS_DATAERR saying so. */
int app_check_followup(const struct policy *p, const struct contact *c, int64_t now,
                       struct cs_err *err);

/* damage.c: after an intact verify, remove a record of damage (*was:
 * there was one); "x.db" -> "x-damaged.db" for a backup of a damaged
 * database. */
void app_damage_cleared(struct app *a, bool *was);
int app_damaged_name(const char *path, char *out, size_t len, struct cs_err *err);
/* After a write was committed: record the head of the chain outside
 * the file (syslog, the anchor file); nothing when it did not move.
 * Never fails the action (it is done). */
void app_anchor(struct app *a);
/* After a restore (admin.c): the anchor file's old head kept beside the
 * database kept aside (aside ".head"), the anchor moved to the restored
 * chain's head. */
void app_anchor_restored(struct app *a, const char *aside);
/* Open (and read) the anchor file of a just-opened database; close it. */
void app_anchor_open(struct app *a);
void app_anchor_close(struct app *a);
/* Is the chain still reaching anchor `an`?  CS_OK, or CS_DATAERR with
 * the gap or the mismatch in res and err. */
/* The chain's event of an id, from a file or a server (anchor.c). */
typedef int (*anchor_event_fn)(void *ctx, int64_t id, struct store_head *at, bool *found,
                               struct cs_err *err);
int app_anchor_judge(const struct app_anchor *an, const struct store_head *head,
                     const char *head_note, anchor_event_fn event, void *ctx,
                     struct store_verify_result *res, struct cs_err *err);
int app_anchor_check(struct app *a, const struct app_anchor *an,
                     struct store_verify_result *res, struct cs_err *err);

/* getenv for a variable that names a path or a test hook: NULL in
 * secure mode, and when unset or empty. */
const char *app_env(const char *name);

/* Is path a file in the group deployment's directory? */
bool app_in_group_dir(const char *path);
/* How to open the database at path: what a->existing asks, and in the
 * group deployment its files' rules (CS_OK, or why it cannot be used). */
int app_store_flags(struct app *a, const char *path, unsigned *flags, struct cs_err *err);

/* The group deployment's data directory, compiled in (deploy.c); NULL
 * in every other build. */
const char *app_group_dir(void);

/* The policy cache (policy_cache.c).  get: 0 and out filled from the
 * cache when it matches the files w finds now (key: theirs); -1 when it
 * does not (parse them, then put); -2 when there is no cache (off, or a
 * file that cannot be read whole: the loader will say). */
int app_policy_cache_get(const struct policy_where *w, unsigned char key[32],
                         struct policy_set *out);
void app_policy_cache_put(const struct policy_where *w, const unsigned char key[32],
                          const struct policy_set *set);
/* The installed share directory (its policies/), compiled in. */
const char *app_share_dir(void);

/* The system clock (clock.c): a test build also reads CSLOG_NOW. */
int64_t app_clock(void);
/* The test build only: hold the program at point for as long as
 * CSLOG_TEST_PAUSE=point:seconds says (the shipped build: nothing). */
void app_test_pause(const char *point);
/* The test build only: is the environment variable NAME "1"?  (Always
 * false in the program people run.) */
bool app_test_flag(const char *name);

/* who as a member of the record, without a PIN check: for the program's
 * own work (the generator's members, a member an import creates). */
int app_actor_load(struct app *a, int64_t member_id, struct app_actor *out,
                   struct cs_err *err);
void app_actor_set(struct app_actor *out, const struct member *m);

/* The status in err, or CS_SOFTWARE when none was set. */
static inline int
app_err(const struct cs_err *err)
{
	return err != NULL && err->code != CS_OK ? err->code : CS_SOFTWARE;
}

/* ---- a PostgreSQL server (pg.c) ---- */
/* A server's sign-in answer (pgstore_sign_in's rc and res) judged: the
 * refusals in words, out set when right; m cleared (pg.c). */
int app_pg_sign_in_judge(const char *badge, int rc, const struct pin_result *res,
                         struct member *m, struct app_actor *out, struct cs_err *err);
struct pgstore *app_pg(struct app *a, struct cs_err *err);
/* CS_UNAVAILABLE: not yet done on a server. */
int app_unavailable(struct app *a, struct cs_err *err);
/* The group deployment's service file when there is one, else NULL. */
const char *app_group_service(struct app *a);
int app_pg_authenticate(struct app *a, const char *badge, app_pin_fn ask, void *ctx,
                        struct app_actor *out, struct cs_err *err);
int app_pg_member_count(struct app *a, int64_t *n, struct cs_err *err);
int app_pg_member_add(struct app *a, const struct app_actor *who, const char *badge,
                      const char *name, int role, const char *pin, int64_t *id,
                      struct cs_err *err);
int app_pg_member_list(struct app *a, const struct app_actor *who,
                       int (*cb)(void *ctx, const struct member *m), void *ctx,
                       struct cs_err *err);
/* By badge, or (badge NULL) by id. */
int app_pg_member_find(struct app *a, const struct app_actor *who, const char *badge,
                       int64_t id, struct member *out, struct cs_err *err);
/* key: the contact's idempotency key (NULL: none); draft: who's draft
 * removed with it (NULL: none).  A live save: the follow-up judged as on
 * a file (app_check_followup).  _replay: a contact the screens spooled
 * while the server was away, handed over (spool.c): judged when it was
 * entered, so a limit passed since is not refused. */
int app_pg_contact_log(struct app *a, const struct app_actor *who, struct contact *c,
                       const char *key, const char *draft, int64_t *id, struct cs_err *err);
int app_pg_contact_replay(struct app *a, const struct app_actor *who, struct contact *c,
                          const char *key, const char *draft, int64_t *id,
                          struct cs_err *err);
int app_pg_contact_query(struct app *a, const struct app_actor *who,
                         struct contact_filter *f, const struct store_cursor *after,
                         size_t limit, int (*cb)(void *ctx, const struct contact *c),
                         void *ctx, struct store_cursor *next, struct cs_err *err);
/* verify --since-anchor on a server (pg_more2.c): after the anchor is
 * judged (app_pg_anchor_check), the events since and their contacts. */
int app_pg_verify_since(struct app *a, int64_t after, struct store_verify_result *res,
                        struct cs_err *err);
/* clock-accept on a server (pg_more2.c): the server's clock against its
 * newest event. */
int app_pg_clock_accept(struct app *a, int64_t *head_at, int64_t *now, bool *accepted,
                        struct cs_err *err);
/* redact and purge on a server (pg_more2.c), as app_redact, app_purge. */
int app_pg_redact(struct app *a, const struct app_actor *who, int64_t id, const char *reason,
                  struct cs_err *err);
int app_pg_purge(struct app *a, const struct app_actor *who, const char *policy_id,
                 bool dry_run, app_purge_cb cb, void *ctx, size_t *n, struct cs_err *err);
/* May who do op to contact (follow-up) id on a server: its owner asked
 * of the server, then the permission table, as a file decides (66 "no
 * contact N" when there is none, 77 the rule's words). pg_owner.c */
int app_pg_may_contact(struct app *a, const struct app_actor *who, enum app_op op,
                       int64_t id, struct cs_err *err);
int app_pg_may_followup(struct app *a, const struct app_actor *who, enum app_op op,
                        int64_t id, struct cs_err *err);
int app_pg_contact_get(struct app *a, const struct app_actor *who, int64_t id,
                       bool protected, struct contact *out, struct cs_err *err);
int app_pg_review_add(struct app *a, const struct app_actor *who, int64_t contact_id,
                      int kind, const char *note, int64_t *id, struct cs_err *err);
int app_pg_followup_done(struct app *a, const struct app_actor *who, int64_t id,
                         const char *note, struct cs_err *err);
int app_pg_head(struct app *a, const struct app_actor *who, struct store_head *h,
                struct cs_err *err);
int app_pg_verify(struct app *a, const struct app_actor *who,
                  void (*progress)(void *ctx, int64_t done, int64_t total), void *ctx,
                  struct store_verify_result *res, struct cs_err *err);
/* Follow-ups listed, paused, resumed; a member's role, lockout, PIN
 * (pg_more.c): as their file counterparts. */
int app_pg_followup_list(struct app *a, const struct app_actor *who, struct followup_filter *f,
                         size_t limit, int (*cb)(void *ctx, const struct followup *fu),
                         void *ctx, struct cs_err *err);
/* reason NULL: resume. */
int app_pg_followup_pause(struct app *a, const struct app_actor *who, int64_t id,
                          const char *reason, struct cs_err *err);
int app_pg_member_role(struct app *a, const struct app_actor *who, const char *badge,
                       int role, struct cs_err *err);
int app_pg_member_unlock(struct app *a, const struct app_actor *who, const char *badge,
                         struct cs_err *err);
int app_pg_member_set_pin(struct app *a, const struct app_actor *who, const char *badge,
                          const char *pin, struct cs_err *err);
/* The amendment c (checked by contact.c) of contact original_id. */
int app_pg_contact_amend(struct app *a, int64_t original_id, const struct contact *c,
                         const char *reason, int64_t *id, struct cs_err *err);
/* Reports from the server's aggregates (report_pg.c). */
struct report;
int app_pg_report_counts(struct app *a, enum store_dim dim, const char *since,
                         const char *until, const char *policy, int64_t member,
                         store_report_cb cb, void *ctx, struct cs_err *err);
/* Rows by member id become rows by badge, labelled with the name. */
int app_pg_report_badges(struct app *a, const struct app_actor *who, struct report *r,
                         struct cs_err *err);
int app_pg_followup_stats(struct app *a, const char *since, const char *until,
                          const char *policy, int64_t member, struct followup_stats *out,
                          int64_t *debrief_pending, struct cs_err *err);
/* The screens on a server (pg_screens.c): drafts and saved views, as
 * draft.c's, the signed-in member's own. */
int app_pg_draft_save(struct app *a, const char *slot, const char *body, struct cs_err *err);
int app_pg_draft_load(struct app *a, const char *slot, char **body, int64_t *updated_at,
                      struct cs_err *err);
int app_pg_draft_delete(struct app *a, const char *slot, struct cs_err *err);
int app_pg_draft_list(struct app *a, const char *prefix,
                      int (*cb)(void *ctx, const char *slot, const char *body, int64_t at),
                      void *ctx, struct cs_err *err);
int app_pg_view_save(struct app *a, int slot, const char *name, const char *filter,
                     struct cs_err *err);
int app_pg_view_list(struct app *a,
                     int (*cb)(void *ctx, int slot, const char *name, const char *filter),
                     void *ctx, struct cs_err *err);
int app_pg_member_search(struct app *a, const char *text,
                         int (*cb)(void *ctx, const struct member *m), void *ctx,
                         struct cs_err *err);
/* Drill and quiz attempts read and kept, on a file or a server
 * (pg_drill.c). */
int app_drill_rows(struct app *a, const struct drill_filter *f, store_drill_cb cb, void *ctx,
                   struct cs_err *err);
int app_drill_keep(struct app *a, const struct app_actor *who, const struct drill_attempt *d,
                   struct cs_err *err);
/* Secret-shopper evaluations on a server (pg_measures.c): as
 * store_shopper_add (e checked and judged by shopper.c), _get, _list,
 * _tally. */
int app_pg_shopper_add(struct app *a, const struct shopper_eval *e, int64_t *id,
                       struct cs_err *err);
int app_pg_shopper_get(struct app *a, int64_t id, struct shopper_eval *out, struct cs_err *err);
int app_pg_shopper_list(struct app *a, const struct measure_filter *f,
                        int (*cb)(void *ctx, const struct shopper_eval *e), void *ctx,
                        struct cs_err *err);
int app_pg_shopper_tally(struct app *a, const struct measure_filter *f, enum shopper_by by,
                         int (*cb)(void *ctx, const struct shopper_tally *t), void *ctx,
                         struct cs_err *err);
/* Survey responses on a server (pg_measures.c), as store_survey_*;
 * and the counts the measures' reports make, from a file or a server. */
int app_pg_survey_add(struct app *a, const struct survey_response *r, int64_t *id,
                      struct cs_err *err);
int app_pg_survey_get(struct app *a, int64_t id, bool comment, struct survey_response *out,
                      struct cs_err *err);
int app_pg_survey_list(struct app *a, const struct measure_filter *f, bool comments,
                       int (*cb)(void *ctx, const struct survey_response *r), void *ctx,
                       struct cs_err *err);
int app_survey_tally_rows(struct app *a, const struct measure_filter *f, enum survey_by by,
                          const char *question,
                          int (*cb)(void *ctx, const struct survey_tally *t), void *ctx,
                          struct cs_err *err);
int app_survey_count_rows(struct app *a, const struct measure_filter *f, int64_t *responses,
                          int64_t *linked, struct cs_err *err);
int app_shopper_tally_rows(struct app *a, const struct measure_filter *f, enum shopper_by by,
                           int (*cb)(void *ctx, const struct shopper_tally *t), void *ctx,
                           struct cs_err *err);
/* Recognitions and the evidence on a server (pg_measures.c), as
 * store_recognition_add, _list, store_evidence, store_evidence_items. */
int app_pg_recognition_add(struct app *a, const struct recognition *r, int64_t *id,
                           struct cs_err *err);
int app_pg_recognition_list(struct app *a, const struct measure_filter *f,
                            int (*cb)(void *ctx, const struct recognition *r), void *ctx,
                            struct cs_err *err);
int app_pg_evidence(struct app *a, const struct measure_filter *f, const char *headline,
                    int (*cb)(void *ctx, const struct evidence *e), void *ctx,
                    struct cs_err *err);
int app_pg_evidence_items(struct app *a, const struct measure_filter *f, int64_t member_id,
                          const char *headline, size_t each,
                          int (*cb)(void *ctx, const struct evidence_item *it), void *ctx,
                          struct cs_err *err);
/* The staff-meeting report's recognitions (every one of the period)
 * and follow-up figures, from a file or a server (pg_measures.c). */
int app_meeting_recognitions(struct app *a, const struct measure_filter *f,
                             int (*cb)(void *ctx, const struct recognition *r), void *ctx,
                             struct cs_err *err);
int app_meeting_followups(struct app *a, const char *since, const char *until,
                          const char *policy, struct followup_stats *out, struct cs_err *err);
/* verify --anchor on a server: the chain still reaches that head
 * (pg_anchor.c); as app_anchor_check. */
int app_pg_anchor_check(struct app *a, const struct app_anchor *an,
                        struct store_verify_result *res, struct cs_err *err);

#endif
