/* pgstore.h - cslog's records on a PostgreSQL server (libpq).
 *
 * The second store.  Where store.h's SQLite file trusts the program that
 * opens it, the server enforces the record itself: station terminals
 * connect as the role cslog_terminal, which may only call the functions
 * 'cslog admin init-server' creates (src/store/pg_schema.c); each takes
 * the session token that pgstore_sign_in got, so the acting member is
 * the server's fact, and every write appends an audit event chained with
 * SHA-256 and stamped by the server's clock in the same transaction.
 *
 * Rules as in store.h: an enum cs_status back, err filled for the user.
 * Codes: CS_TEMPFAIL the server cannot be reached or dropped the
 * connection (try again), CS_NOPERM refused by the server (not signed
 * in, not allowed), CS_DATAERR refused data or not a cslog database,
 * CS_NOINPUT no such record, CS_USAGE a malformed connection string.
 * Records handed to callbacks are borrowed, as in store.h. */
#ifndef CSLOG_PGSTORE_H
#define CSLOG_PGSTORE_H

#include <stdbool.h>
#include <stdint.h>

#include "cslog/error.h"
#include "cslog/query.h"
#include "cslog/record.h"

struct pgstore;

/* Does db name a PostgreSQL database ("postgresql://...",
 * "postgres://...", or a conninfo string starting "service=")?
 * Anything else is a file path. */
bool pgstore_is_conninfo(const char *db);

/* Connect (the string as libpq takes it).  *out to pgstore_close. */
int pgstore_open(const char *conninfo, struct pgstore **out, struct cs_err *err);
/* Sign out (when signed in) and disconnect.  pg may be NULL. */
void pgstore_close(struct pgstore *pg);

/* What the connection string names, without its password, for messages. */
const char *pgstore_where(const struct pgstore *pg);

/* Run by the database owner: create the schema cslog, the roles
 * cslog_owner and cslog_terminal, and the first supervisor (badge,
 * name, pin: 4..64 bytes), in one transaction.  CS_DATAERR when the
 * database has a schema cslog already. */
int pgstore_init_server(struct pgstore *pg, const char *badge, const char *name,
                        const char *pin, int64_t *member_id, struct cs_err *err);

/* ---- the schema's parts (pg_upgrade.c) ---- */

/* Run by the database owner: make, in one transaction, every part of the
 * schema this cslog has that the server lacks (cslog.schema_part), in
 * order, made(ctx, name, what) for each (the transaction not yet
 * committed); *n_made how many (0: up to date).  CS_DATAERR for a
 * database that is not cslog's or was made before the parts were
 * recorded (it cannot be upgraded: made again). */
int pgstore_upgrade_server(struct pgstore *pg, void (*made)(void *ctx, const char *name,
                           const char *what), void *ctx, int *n_made, struct cs_err *err);
/* Has the server every part of the schema this cslog needs?  One
 * SELECT; CS_UNAVAILABLE saying to run upgrade-server when not (or, for
 * a server older than the record of parts, to make it again).  CS_OK
 * for a database with no schema cslog (its first call says so). */
int pgstore_schema_check(struct pgstore *pg, struct cs_err *err);

/* ---- sign-in: the server checks the PIN and counts wrong ones ---- */

/* Sign in as badge with pin ("" none).  CS_OK with *m filled (owned:
 * record_member_clear) and res->check PIN_OK: the store keeps the
 * session for every call after.  CS_OK with res->check PIN_WRONG or
 * PIN_LOCKED when refused; CS_NOUSER when there is no such badge. */
int pgstore_sign_in(struct pgstore *pg, const char *badge, const char *pin,
                    struct member *m, struct pin_result *res, struct cs_err *err);

/* Sign in as badge if the member has no PIN, in one round trip: as
 * pgstore_sign_in with no PIN; or, for a member with a PIN, CS_OK with
 * *needs true and nobody signed in (nothing counted): ask for it, then
 * pgstore_sign_in. */
int pgstore_sign_in_bare(struct pgstore *pg, const char *badge, struct member *m,
                         struct pin_result *res, bool *needs, struct cs_err *err);

/* Does badge sign in with a PIN?  CS_NOUSER when there is no such badge. */
int pgstore_sign_in_needs_pin(struct pgstore *pg, const char *badge, bool *needs,
                              struct cs_err *err);

int pgstore_member_count(struct pgstore *pg, int64_t *n, struct cs_err *err);
int pgstore_member_add(struct pgstore *pg, const struct member *m, const char *pin,
                       int64_t *id, struct cs_err *err);
int pgstore_member_list(struct pgstore *pg, int (*cb)(void *ctx, const struct member *m),
                        void *ctx, struct cs_err *err);
/* The last policy of member (the server's id) into out ("" none yet):
 * one's own, or as a supervisor anyone's (pg_schema_member_policy.c). */
int pgstore_member_policy(struct pgstore *pg, int64_t member, char *out, size_t len,
                          struct cs_err *err);
/* A supervisor changes badge's role (member, supervisor, trainer), ends
 * its lockout; a member sets their own PIN, a supervisor anyone's (a
 * reset); pin NULL or "" clears it.  The server decides again (never
 * one's own role, never the last supervisor, ...) and hashes the PIN. */
int pgstore_member_role(struct pgstore *pg, const char *badge, enum member_role role,
                        struct cs_err *err);
int pgstore_member_unlock(struct pgstore *pg, const char *badge, struct cs_err *err);
int pgstore_member_set_pin(struct pgstore *pg, const char *badge, const char *pin,
                           struct cs_err *err);

/* ---- contacts ---------------------------------------------------- */

/* Log c as the signed-in member (c->member_badge NULL: their own; else
 * that member's, which the server allows supervisors only).  The
 * server stamps logged_at; *id gets the id. */
int pgstore_contact_log(struct pgstore *pg, const struct contact *c, int64_t *id,
                        struct cs_err *err);

/* The same with an idempotency key (32 hex digits): a key the server
 * has committed already gives that contact's id, nothing logged again;
 * draft (NULL: none) is one of the member's drafts, removed in the same
 * transaction (pg_schema_drafts.c). */
int pgstore_contact_log_keyed(struct pgstore *pg, const struct contact *c, const char *key,
                              const char *draft, int64_t *id, struct cs_err *err);

/* A page of the log, as store_contact_query, every filter answered by
 * the server (cslog.contact_find; the server keeps a member to their
 * own contacts).  Search matches what a SQLite file's matches for the
 * same words (pg_schema_query.c); overdue is at the server's clock.
 * With f->include_protected (supervisors) the customer data too, each
 * page's read recorded by the server as an audit event. */
int pgstore_contact_query(struct pgstore *pg, const struct contact_filter *f,
                          const struct store_cursor *after, size_t limit,
                          int (*cb)(void *ctx, const struct contact *c), void *ctx,
                          struct store_cursor *next, struct cs_err *err);

/* Amend contact old_id (one's own; a supervisor anyone's; not one
 * amended already): c, with reason, a new version pointing at it, under
 * the old one's member and policy; the old one's unfinished follow-ups
 * go with it.  *id gets the new version's id. */
int pgstore_contact_amend(struct pgstore *pg, int64_t old_id, const struct contact *c,
                          const char *reason, int64_t *id, struct cs_err *err);

/* One contact (*out owned); with protected, its customer data too, the
 * read recorded by the server in the same transaction. */
int pgstore_contact_get(struct pgstore *pg, int64_t id, bool protected,
                        struct contact *out, struct cs_err *err);

int pgstore_followup_done(struct pgstore *pg, int64_t id, const char *note,
                          struct cs_err *err);
/* The unfinished follow-ups (f->overdue_only: only those open past
 * their limit at the server's clock), soonest due first, or f->done the
 * done ones, latest first; f->member_id 0: all the member may see;
 * limit 0: all.  Records borrowed, as store_followup_list. */
int pgstore_followup_list(struct pgstore *pg, const struct followup_filter *f, size_t limit,
                          int (*cb)(void *ctx, const struct followup *fu), void *ctx,
                          struct cs_err *err);
/* Pause follow-up id, saying why; reason NULL resumes it (its times
 * moved by the pause). */
int pgstore_followup_pause(struct pgstore *pg, int64_t id, const char *reason,
                           struct cs_err *err);
int pgstore_review_add(struct pgstore *pg, int64_t contact_id, enum review_kind kind,
                       const char *note, int64_t *id, struct cs_err *err);

/* ---- a transaction over many calls (survey import) ---- */

/* Transaction control on the connection that writes: PG_BEGIN (refused
 * on a hot standby, naming the primary), a savepoint around one row
 * (PG_SAVEPOINT; PG_RELEASE keeps the row, PG_ROLLBACK_TO drops it and
 * lets the transaction go on), PG_COMMIT, PG_ROLLBACK (never fails). */
enum pg_xact { PG_BEGIN, PG_SAVEPOINT, PG_RELEASE, PG_ROLLBACK_TO, PG_COMMIT, PG_ROLLBACK };
int pgstore_xact(struct pgstore *pg, enum pg_xact what, struct cs_err *err);

/* ---- the signed-in member's drafts and saved views (pg_draft.c) ---- */

int pgstore_draft_save(struct pgstore *pg, const char *slot, const char *body,
                       struct cs_err *err);
int pgstore_draft_delete(struct pgstore *pg, const char *slot, struct cs_err *err);
/* Drafts whose slot starts with prefix (NULL: all), or (slot) that one,
 * by slot; the text borrowed. */
int pgstore_draft_list(struct pgstore *pg, const char *prefix, const char *slot,
                       int (*cb)(void *ctx, const char *slot, const char *body, int64_t at),
                       void *ctx, struct cs_err *err);
/* filter NULL: the view is dropped. */
int pgstore_view_save(struct pgstore *pg, int slot, const char *name, const char *filter,
                      struct cs_err *err);
int pgstore_view_list(struct pgstore *pg,
                      int (*cb)(void *ctx, int slot, const char *name, const char *filter),
                      void *ctx, struct cs_err *err);

/* ---- one contact's story, for show (pg_story.c, pg_followup.c) ---- */

/* Every follow-up of contact id, oldest first, where each stands at the
 * server's clock; the reviews of version id, oldest first (reviewer's
 * badge and name given); the amendments of the chain holding id, oldest
 * first, with the badge and name of who wrote each.  A contact the
 * member may not read is CS_NOINPUT, as none. */
int pgstore_followup_of_contact(struct pgstore *pg, int64_t id,
                                int (*cb)(void *ctx, const struct followup *fu), void *ctx,
                                struct cs_err *err);
int pgstore_review_list(struct pgstore *pg, int64_t id,
                        int (*cb)(void *ctx, const struct review *r), void *ctx,
                        struct cs_err *err);
int pgstore_amendment_list(struct pgstore *pg, int64_t id,
                           int (*cb)(void *ctx, const struct amendment *a, const char *badge,
                                     const char *name), void *ctx, struct cs_err *err);

/* ---- customer data removed (pg_privacy.c) ---- */

/* Redact contact id (supervisors): its customer data emptied for good,
 * the reason kept in its audit event.  CS_NOINPUT no such contact;
 * CS_DATAERR already redacted, or its data changed behind cslog's back. */
int pgstore_contact_redact(struct pgstore *pg, int64_t id, const char *reason,
                           struct cs_err *err);
/* The contacts of policy whose customer data is older than days at the
 * server's clock, not yet redacted, by id. */
int pgstore_private_older(struct pgstore *pg, const char *policy, long days,
                          int (*cb)(void *ctx, int64_t id), void *ctx, struct cs_err *err);
/* Redact n contacts (ids[i], for reasons[i]) in one transaction: all or
 * none. */
int pgstore_redact_many(struct pgstore *pg, size_t n, const int64_t *ids,
                        const char *const *reasons, struct cs_err *err);
/* When contact id was redacted (*at 0: it was not). */
int pgstore_contact_redacted(struct pgstore *pg, int64_t id, int64_t *at, struct cs_err *err);

/* ---- whose a record is (pg_owner.c) ---- */

/* The member whose contact id is (a follow-up's: its contact's), for
 * the permission table to decide; *owner 0 when there is none.  Asked
 * of anyone signed in: nothing of the row but its member's id. */
int pgstore_contact_owner(struct pgstore *pg, int64_t id, int64_t *owner, struct cs_err *err);
int pgstore_followup_owner(struct pgstore *pg, int64_t id, int64_t *owner, struct cs_err *err);

/* ---- reports: the server's aggregates (pg_schema_report.c) ---- */

/* Contacts counted by dim (a name of store_dim_name: "kind",
 * "followup_done"...) over the UTC days since..until ("YYYY-MM-DD";
 * NULL: open), of one policy (NULL: all), of one member's contacts (0:
 * everyone's), a row per value in byte order, as store_report. */
int pgstore_report(struct pgstore *pg, const char *dim, const char *since, const char *until,
                   const char *policy, int64_t member,
                   int (*cb)(void *ctx, const char *value, int64_t n), void *ctx,
                   struct cs_err *err);

/* Follow-ups open past their limit at the server's clock, of the
 * contacts of that period. */
int pgstore_report_overdue(struct pgstore *pg, const char *since, const char *until,
                           const char *policy, int64_t member, int64_t *n,
                           struct cs_err *err);

/* ---- import: COPY into a staging table, then cslog.import_commit ---- */

/* Begin a transaction and a COPY into the staging table. */
int pgstore_import_begin(struct pgstore *pg, struct cs_err *err);

/* One checked record (read at line of the input), its member's badge
 * and name as the file gives them: the file's id (0: a new one), times,
 * amendment kept. */
int pgstore_import_row(struct pgstore *pg, long line, const struct contact *c,
                       const char *badge, const char *member_name, struct cs_err *err);

struct pg_import_result {
	size_t imported, members, bad;
};

/* End the COPY.  With keep, the server writes every staged record as
 * the signed-in supervisor's (those it refuses go to bad(ctx, line,
 * why)), and the transaction commits unless one was refused without
 * skip_bad (then nothing is imported: res->imported 0).  Without keep,
 * everything is rolled back. */
int pgstore_import_end(struct pgstore *pg, bool keep, bool skip_bad,
                       void (*bad)(void *ctx, long line, const char *why), void *ctx,
                       struct pg_import_result *res, struct cs_err *err);

/* ---- cslog copy: a station's file into the server (pg_copy.c) ---- */

struct store;

/* Is a contact of policy (id, version) with this outcome negative (a
 * debrief is due)?  The policy's to say: the use-case layer answers. */
typedef bool (*pg_copy_negative_fn)(void *ctx, const char *policy_id,
                                    const char *policy_version, const char *outcome);

struct pg_copy_result {
	int64_t members, members_new, contacts, followups, reviews, events;
	int64_t drills, recognitions, evaluations, surveys, redactions;   /* part copy2 */
	int64_t surveys_shared;           /* of surveys, their reference already on the server */
	int64_t last_policies;            /* members whose last policy was carried */
	int64_t contact_offset;           /* server id = the file's + this */
	struct store_head segment_head;   /* the file's chain's head (BLAKE2b) */
	struct store_head server_head;    /* the server's, after the merge event */
};

/* Copy the whole log of st (verified up to event verified_head) into
 * the server as station, in one server transaction run as the
 * database's owner (cslog_owner): members, contacts with every version
 * and customer data, follow-ups, reviews, each with a server event, the
 * file's audit events as the station's segment and a 'station.merge'
 * event naming its head.  Nothing is written on the file.
 * Drills, recognitions, evaluations and survey responses (comments
 * as they were) each with a server event too, evaluators given a PIN
 * nobody knows, redacted contacts redacted there too with their event
 * (part copy2: CS_UNAVAILABLE without it, when the file holds any),
 * members' last policies (part copy-last-policy: the newer of the
 * station's and the server's; CS_UNAVAILABLE without it, when the file
 * holds any),
 * CS_DATAERR a station copied already or a badge of another name, CS_NOPERM not the owner,
 * CS_TEMPFAIL the file written meanwhile or the server gone. */
int pgstore_copy_from_file(struct pgstore *pg, struct store *st, const char *station,
                           int64_t verified_head, pg_copy_negative_fn negative, void *ctx,
                           struct pg_copy_result *res, struct cs_err *err);

/* The server's whole log into a new file at path (refused when it
 * exists: CS_CANTCREAT), read as the database's owner after
 * cslog.copy_check found it whole (else CS_DATAERR), the read recorded
 * on the server ('copy.out').  Members who had a PIN get pin (a
 * server's bcrypt hashes do not carry; CS_USAGE when there is none);
 * ids and times of contacts, follow-ups and reviews kept; the file's own
 * chain, events at now.  Written under path.copying, verified, then
 * linked to path.  Each member's last policy kept (none from a server
 * without the part last-policy).  res: contacts, followups, reviews, members;
 * server_head the server's, segment_head the new file's. */
int pgstore_copy_to_file(struct pgstore *pg, const char *path, const char *pin, int64_t now,
                         struct pg_copy_result *res, struct cs_err *err);

/* ---- drills and quizzes (pg_drill.c) ---- */

/* Keep attempt d as the signed-in member's (a trainer's or a
 * supervisor's for anyone), stamped by the server; *id gets its id. */
int pgstore_drill_add(struct pgstore *pg, const struct drill_attempt *d, int64_t *id,
                      struct cs_err *err);
/* The attempts f asks for, oldest first, as store_drill_query (the
 * server keeps a member to their own).  Records borrowed. */
int pgstore_drill_query(struct pgstore *pg, const struct drill_filter *f,
                        int (*cb)(void *ctx, const struct drill_attempt *d), void *ctx,
                        struct cs_err *err);

/* ---- the chain ----------------------------------------------------- */

int pgstore_head(struct pgstore *pg, struct store_head *h, struct cs_err *err);
/* verify --since-anchor: the events after audit event after (whose
 * hash the caller has judged), their chain computed again here from
 * that event's hash, and the contacts they wrote (those the member may
 * read) hashed again and compared with their events.  As
 * store_verify_since. */
int pgstore_verify_since(struct pgstore *pg, int64_t after, struct store_verify_result *res,
                         struct cs_err *err);
/* clock-accept (supervisors): when the server's clock is behind the
 * newest event, an audit event recording it (*accepted); *head_at the
 * newest event's time, *now the server's clock. */
int pgstore_clock_accept(struct pgstore *pg, int64_t *head_at, int64_t *now, bool *accepted,
                         struct cs_err *err);
/* Audit event id's hash (*found false when there is none). */
int pgstore_event(struct pgstore *pg, int64_t id, struct store_head *h, bool *found,
                  struct cs_err *err);

/* Every audit event fetched and its SHA-256 chain computed again here;
 * every contact the member may read hashed again here and compared
 * with its event; the rest, and the customer data, compared on the
 * server (cslog.verify_server).  As store_verify. */
int pgstore_verify(struct pgstore *pg, void (*progress)(void *ctx, int64_t done, int64_t total),
                   void *ctx, struct store_verify_result *res, struct cs_err *err);

#endif
