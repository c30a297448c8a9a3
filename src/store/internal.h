/* internal.h - what the store's files share; nothing outside src/store
 * includes this. */
#ifndef CSLOG_STORE_INTERNAL_H
#define CSLOG_STORE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sqlite3.h>

#include "cslog/error.h"
#include "cslog/record.h"
#include "cslog/store.h"

#define SCHEMA_VERSION 9
#define STMT_SLOTS 256
#define HASH_BYTES AUDIT_HASH_BYTES
#define BUSY_TIMEOUT_MS 10000
/* store_open flag of the store's own: open an older schema as it is,
 * to read it only (the head of a backup's chain). */
#define STORE_AS_IS (1u << 8)

/* A prepared statement, keyed by the address of its SQL text; held
 * while a walk that calls back into the store steps through it. */
struct stmt_slot {
	const char *sql;
	sqlite3_stmt *stmt;
	bool held;
};

/* One aggregate delta waiting to be written (see agg.c). */
struct agg_entry {
	uint64_t hash;
	int32_t period;        /* yyyymmdd, yyyymm or yyyy by grain */
	int16_t dim;
	int16_t grain;         /* 1 year, 2 month, 3 day */
	const char *policy;    /* in agg_acc.strings */
	const char *value;
	int64_t n;
};

struct agg_acc {
	struct agg_entry *v;   /* open addressing, cap a power of two */
	size_t cap;
	size_t used;
	struct record_mem *strings;
};

/* Can the database be written where it lies (medium.c)? */
struct medium {
	bool readonly;         /* open it read-only */
	bool fs_readonly;      /* its file system is mounted read-only */
	bool dir_readonly;     /* this user may not write its directory */
	const char *why;       /* why it cannot be written (NULL: it can) */
};

struct store {
	sqlite3 *db;
	char *path;
	unsigned flags;
	struct medium medium;
	char notice[CS_ERR_MAX];   /* for the user: its mode was tightened ... */
	struct stmt_slot stmts[STMT_SLOTS];

	int mark_fd;           /* the import marker, held during our bulk; -1 */
	bool in_tx;            /* a transaction is open */
	bool action;           /* inside store_tx_begin .. store_tx_end */
	int action_rc;         /* first failure of a write inside it */
	const char *what;      /* what a failed commit loses, for the message */
	bool bulk;             /* inside store_bulk_begin .. commit */
	int bulk_rc;           /* first error that spoiled the bulk */
	int64_t bulk_changes;  /* sqlite3_total_changes64 when a write began */
	int64_t fts_from;      /* in a bulk: contacts from this id are indexed
	                          at the commit, not one by one */
	char bulk_msg[CS_ERR_MAX];

	bool head_valid;       /* head_* reflect the last audit row */
	int64_t head_id;
	int64_t head_at;       /* its time: no new stamp may be earlier */
	unsigned char head_hash[HASH_BYTES];

	struct agg_acc agg;
};

/* ---- memory for records (record.c) ---- */
void *mem_alloc(struct record_mem **m, size_t n);
const char *mem_strdup(struct record_mem **m, const char *s);
const char *mem_strndup(struct record_mem **m, const char *s, size_t n);
void mem_free(struct record_mem *m);

/* ---- statements and errors (sql.c) ---- */
/* The cached statement for sql (a static string), reset and unbound;
 * NULL with err set on failure. */
sqlite3_stmt *stmt_get(struct store *st, const char *sql, struct cs_err *err);
/* The same, held for a walk that calls back (a callback may then run
 * the same text again: it gets another instance); stmt_release resets
 * it and lets it go.  Every stmt_hold has its stmt_release. */
sqlite3_stmt *stmt_hold(struct store *st, const char *sql, struct cs_err *err);
void stmt_release(struct store *st, sqlite3_stmt *s);
void stmt_cache_free(struct store *st);
/* Map an SQLite result to a status and a message ending in "what". */
int sql_fail(struct store *st, int rc, const char *what, struct cs_err *err);
/* Run a statement that returns no row (SQLITE_DONE expected). */
int stmt_done(struct store *st, sqlite3_stmt *s, const char *what, struct cs_err *err);
/* Step once: CS_OK with *row true/false, or an error. */
int stmt_row(struct store *st, sqlite3_stmt *s, bool *row, const char *what,
             struct cs_err *err);
/* The one row of sql (a static text; ?1 = arg when it has a parameter):
 * its first column in *v (0 when there is no row), *found (may be NULL)
 * whether there was one. */
int stmt_int64(struct store *st, const char *sql, int64_t arg, int64_t *v, bool *found,
               const char *what, struct cs_err *err);
/* Bind helpers: NULL string / 0 id become SQL NULL. */
int bind_text(sqlite3_stmt *s, int i, const char *v);
int bind_id(sqlite3_stmt *s, int i, int64_t v);
int bind_tri(sqlite3_stmt *s, int i, enum record_tri v);
enum record_tri col_tri(sqlite3_stmt *s, int i);
const char *col_dup(struct record_mem **m, sqlite3_stmt *s, int i);
/* Run one SQL text with no parameters (schema, pragmas, BEGIN). */
int sql_exec(struct store *st, const char *sql, const char *what, struct cs_err *err);
/* The same on a connection of no store (a backup's); SQLite's code. */
int sql_exec_raw(sqlite3 *db, const char *sql);
/* A statement of a constant text on such a connection (an import's
 * stage, import_stage.c); SQLite's code. */
int sql_prepare_raw(sqlite3 *db, const char *sql, sqlite3_stmt **s);

/* The code in err, or CS_SOFTWARE when err is NULL or empty. */
static inline int
err_code(const struct cs_err *err)
{
	return err != NULL && err->code != CS_OK ? err->code : CS_SOFTWARE;
}

/* An optional text: NULL when empty. */
static inline const char *
opt(const char *s)
{
	return s != NULL && *s != '\0' ? s : NULL;
}

/* Copy src into dst[size], cut if need be; always terminated. */
void str_copy(char *dst, size_t size, const char *src);

/* Write v in decimal; returns the length. */
size_t int_text(int64_t v, char out[24]);

/* ---- PINs (pin.c) ---- */
#define PIN_HASH_MAX 128   /* crypto_pwhash_STRBYTES */
int pin_hash(const char *pin, char out[PIN_HASH_MAX], struct cs_err *err);

/* ---- transactions (tx.c) ---- */
int tx_begin(struct store *st, struct cs_err *err);
/* The same, naming what is lost if it fails: "the contact was not saved". */
int tx_begin_for(struct store *st, const char *what, struct cs_err *err);
/* Commit (or, in bulk, keep going).  On rc != CS_OK rolls back. */
int tx_end(struct store *st, int rc, struct cs_err *err);

/* ---- audit (audit.c) ---- */
/* Append an event whose detail is the one text column of `detail` (a
 * bound SELECT json_object(...)), or "{}" when detail is NULL. */
int audit_append(struct store *st, int64_t actor_id, const char *action,
                 const char *entity, int64_t entity_id, int64_t now,
                 sqlite3_stmt *detail, struct cs_err *err);
/* The same with the detail given as its text (JSON built by the caller). */
int audit_append_text(struct store *st, int64_t actor_id, const char *action,
                      const char *entity, int64_t entity_id, int64_t now,
                      const char *detail, struct cs_err *err);
/* The newest event (id 0 when none): its id, time and hash. */
int audit_head(struct store *st, int64_t *id, int64_t *at, unsigned char hash[HASH_BYTES],
               struct cs_err *err);
/* The hash of an event (hash.c). */
void audit_hash(const unsigned char prev[HASH_BYTES], int64_t id, int64_t at,
                int64_t actor_id, const char *action, const char *entity,
                int64_t entity_id, const char *detail, unsigned char out[HASH_BYTES]);

/* ---- canonical contact content (hash.c) ---- */
/* A value as SQLite stores it: SQLITE_NULL, SQLITE_INTEGER or
 * SQLITE_TEXT.  The same array is bound and hashed, so what is hashed is
 * what is stored. */
struct cval {
	int type;
	int64_t i;
	const char *s;
	size_t n;
};
void cval_text(struct cval *v, const char *s);   /* NULL stays NULL */
void cval_int(struct cval *v, int64_t i);
void cval_id(struct cval *v, int64_t id);        /* 0 is NULL */
void cval_tri(struct cval *v, enum record_tri t);
int cval_bind(sqlite3_stmt *s, int i, const struct cval *v);
/* The content hash of a contact row (cols in CONTENT_SQL order) and its
 * answer rows (3 values each), as content_hash computes it from the
 * database. */
void content_digest(const struct cval *cols, size_t ncols, const struct cval *answers,
                    size_t nrows, char hex[2 * HASH_BYTES + 1]);
void protected_digest(const unsigned char salt[HASH_BYTES], const struct cval f[4],
                      char hex[2 * HASH_BYTES + 1]);
/* Hash a contact's stored content, read from the database.  *found is
 * false when there is no such contact.  protected_hex gets the keyed hash
 * of the protected fields in hex, or "" when there are none (or they
 * were redacted: *redacted true). */
int content_hash(struct store *st, int64_t id, bool *found,
                 char content_hex[2 * HASH_BYTES + 1],
                 char protected_hex[2 * HASH_BYTES + 1], bool *redacted,
                 struct cs_err *err);
/* The same for the chain walk, which asks for contacts mostly in the
 * order of their ids: three statements read forward instead of three
 * look-ups per contact (hash.c).  Zeroed to start; content_scan_end
 * releases it. */
struct scan {
	sqlite3_stmt *s;      /* held */
	bool live, row;       /* started; on a row */
	int64_t key, below;   /* its key (column 0); no row in [below, key) */
};
struct content_scan {
	struct scan c, a, p;  /* contact, contact_answer, contact_private */
};
int content_scan_hash(struct store *st, struct content_scan *cs, int64_t id, bool *found,
                      char content_hex[2 * HASH_BYTES + 1],
                      char protected_hex[2 * HASH_BYTES + 1], bool *redacted,
                      struct cs_err *err);
void content_scan_end(struct store *st, struct content_scan *cs);
void hex_encode(const unsigned char *b, size_t n, char *out);
/* The keyed hash of contact id's protected fields as stored ("" when it
 * has none, "unsalted" when its salt is gone; *redacted when redacted). */
int hash_private(struct store *st, int64_t id, char out[2 * HASH_BYTES + 1],
                 bool *redacted, struct cs_err *err);
/* Register cslog_row() on a connection (hash.c). */
int hash_register(sqlite3 *db);

/* ---- what each record's hash covers (hash.c: cslog_row) ---- */
/* The columns of each table an audit event's "row" hash covers, written
 * with the table's own name so that they fit any statement that reads
 * the table under that name.  Left out on purpose: member.last_policy
 * (a preference) and drafts (docs/security.md says why).  A contact's
 * own columns and answers have their content hash (CONTENT_SQL), its
 * protected fields their keyed hash; ROW_PRIVATE covers a redacted
 * row (the stub that remains).  An evaluation covers its items, a
 * survey response its answers and its comment (with the comment's
 * random salt, so that the trail holds nothing from which a comment
 * could be guessed without the file). */
#define ROW_MEMBER "cslog_row('member', member.id, member.badge, member.name," \
	" member.role, member.pin_hash, member.failed_pins, member.locked_until," \
	" member.created_at, member.pin_reset)"
#define ROW_REVIEW "cslog_row('review', review.id, review.contact_id, review.member_id," \
	" review.at, review.kind, review.note)"
#define ROW_FOLLOWUP "cslog_row('followup', followup.id, followup.contact_id," \
	" followup.created_at, followup.due_at, followup.due_eff, followup.state," \
	" followup.paused_at, followup.pause_reason, followup.paused_seconds," \
	" followup.done_at, followup.done_by, followup.note, followup.done_note," \
	" followup.limit_at, followup.limit_eff, followup.done_grade)"
#define ROW_DRILL "cslog_row('drill', drill.id, drill.member_id, drill.trainer_id," \
	" drill.policy_id, drill.policy_version, drill.kind, drill.item_id, drill.at," \
	" drill.session_id, drill.quiz_answer, drill.correct, drill.total," \
	" (SELECT json_group_array(json_array(drill_answer.ord, drill_answer.question_id," \
	" drill_answer.given, drill_answer.expected)) FROM drill_answer" \
	" WHERE drill_answer.drill_id = drill.id))"
#define ROW_VIEW "cslog_row('saved_view', saved_view.member_id, saved_view.slot," \
	" saved_view.name, saved_view.filter)"
#define ROW_PRIVATE "cslog_row('contact_private', contact_private.contact_id," \
	" contact_private.salt, contact_private.customer_name," \
	" contact_private.customer_phone, contact_private.customer_address," \
	" contact_private.customer_email, contact_private.redacted_at," \
	" contact_private.redacted_by)"
#define ROW_SHOPPER "cslog_row('shopper', shopper.id, shopper.evaluator_id," \
	" shopper.logged_at, shopper.at, shopper.policy_id, shopper.policy_version," \
	" shopper.channel, shopper.member_id, shopper.unit, shopper.met, shopper.scored," \
	" shopper.note, (SELECT json_group_array(json_array(shopper_item.ord," \
	" shopper_item.item_id, shopper_item.measured, shopper_item.result," \
	" shopper_item.value)) FROM shopper_item WHERE shopper_item.shopper_id = shopper.id))"
#define ROW_SURVEY "cslog_row('survey', survey.id, survey.entered_by, survey.logged_at," \
	" survey.at, survey.policy_id, survey.policy_version, survey.source," \
	" survey.contact_id, survey.ref, (SELECT json_group_array(json_array(" \
	" survey_answer.ord, survey_answer.question_id, survey_answer.scale," \
	" survey_answer.score)) FROM survey_answer WHERE survey_answer.survey_id = survey.id)," \
	" (SELECT cslog_row('survey_comment', survey_comment.survey_id, survey_comment.salt," \
	" survey_comment.comment) FROM survey_comment" \
	" WHERE survey_comment.survey_id = survey.id))"
#define ROW_RECOGNITION "cslog_row('recognition', recognition.id, recognition.member_id," \
	" recognition.by_id, recognition.logged_at, recognition.kind, recognition.reason," \
	" recognition.since, recognition.until)"
/* The newest event about (entity, id expression): its audit id. */
#define LATEST_EVENT(entity, id) "(SELECT max(x.id) FROM audit x WHERE x.entity = '" \
	entity "' AND x.entity_id = " id ")"

/* ---- attestation: a record as its newest event left it (attest.c) ---- */
/* Before a write that keeps part of a record (a PIN on a member, a
 * follow-up closed, a redaction): CS_OK when the record is as its
 * newest event recorded it, else CS_DATAERR "... was changed outside
 * cslog", so that no write of cslog's ever vouches for an edit made
 * behind its back. */
int attest_member(struct store *st, int64_t id, struct cs_err *err);
int attest_followup(struct store *st, int64_t id, struct cs_err *err);
int attest_private(struct store *st, int64_t contact_id, struct cs_err *err);
/* Migration to v7: one "baseline" event per record written before rows
 * were hashed, stamped with the newest event's time. */
int attest_baseline(struct store *st, struct cs_err *err);

/* ---- aggregates (agg.c) ---- */
/* What the aggregates count of one contact. */
struct agg_src {
	const char *policy, *kind, *channel;
	const char *outcome;           /* NULL: none */
	int64_t at, member_id;
	enum record_tri empowered, needs_met;
	bool added_value;
	size_t n;                      /* answers */
	const char *question[POLICY_MAX_QUESTIONS];
	bool failed[POLICY_MAX_QUESTIONS];
	int64_t fu_done[DEADLINE_GRADES]; /* its follow-ups done, by grade */
	int64_t fu_open;               /* ... open or paused */
	int64_t fu_limit;              /* the limit of the one open and
	                                  running (0: none; agg_contact reads
	                                  them all from the database) */
	bool debrief_due;              /* waiting for a debrief */
};
int agg_add(struct store *st, const struct agg_src *a, int sign, struct cs_err *err);
/* Count contact id (+1) or uncount it (-1) in the accumulator; the
 * contact and its answers must already be in the database. */
int agg_contact(struct store *st, int64_t id, int sign, struct cs_err *err);
/* Count follow-up id, just done, under its contact (and no longer open). */
int agg_followup_done(struct store *st, int64_t id, struct cs_err *err);
/* Count (+1) or uncount (-1) follow-up id under DIM_FOLLOWUP_LIMIT if it
 * is open and running: -1 before it is paused or done, +1 once it is
 * added or resumed. */
int agg_followup_limit(struct store *st, int64_t id, int sign, struct cs_err *err);
/* Add n to dim's value under contact_id's day and policy, if the contact
 * is current. */
int agg_contact_dim(struct store *st, int64_t contact_id, enum store_dim dim,
                    const char *value, int n, struct cs_err *err);
int agg_flush(struct store *st, struct cs_err *err);
void agg_discard(struct store *st);
/* Add n to dim's value under the day of `at` and policy. */
int agg_put(struct store *st, enum store_dim dim, int64_t at, const char *policy,
            const char *value, int64_t n, struct cs_err *err);
/* Count (+1) or uncount (-1) the limits of contact id's follow-ups open
 * and running under DIM_FOLLOWUP_LIMIT, at its day (at) and policy. */
int agg_count_contact_limits(struct store *st, int64_t id, const char *policy, int64_t at,
                             int sign, struct cs_err *err);
/* Count the limits of every follow-up open and running under
 * DIM_FOLLOWUP_LIMIT, afresh (migration to v8). */
int agg_count_limits(struct store *st, struct cs_err *err);
/* Count every current contact into the accumulator, as agg_contact
 * counts one, reading each source table once in id order (verify_agg.c). */
int agg_count_all(struct store *st, struct cs_err *err);
/* Recount every current contact from scratch (migration to v2). */
int agg_rebuild(struct store *st, struct cs_err *err);
/* The UTC day of t as "YYYY-MM-DD"; with the time, "YYYY-MM-DD HH:MM". */
void day_of(int64_t t, char out[11]);
void day_time(int64_t t, char out[32]);

/* ---- follow-ups (followup.c) ---- */
/* Open a follow-up (audited); refresh the contact's search row when
 * refresh_fts (not needed while the contact itself is being written). */
int followup_insert(struct store *st, int64_t actor_id, int64_t contact_id,
                    int64_t due_at, int64_t limit_at, const char *note, int64_t now,
                    bool refresh_fts, int64_t *id, struct cs_err *err);

/* ---- full-text index (fts.c) ---- */
/* Index a new contact, or refresh one whose notes changed: call
 * fts_forget before the change and fts_index after it. */
int fts_index(struct store *st, int64_t contact_id, struct cs_err *err);
int fts_forget(struct store *st, int64_t contact_id, struct cs_err *err);
/* Turn user words into a safe FTS5 query (malloc'd; NULL when no word). */
char *fts_query(const char *text, bool prefix);
/* At a bulk's commit: index every contact from st->fts_from on. */
int fts_catch_up(struct store *st, struct cs_err *err);

/* ---- the database's files (files.c) ---- */
/* cslog's own markers beside the database: an import under way (a file
 * the importer holds locked) and damage found by verify. */
#define FILES_IMPORT_MARK "-import"
#define FILES_DAMAGE_MARK "-damaged"
/* path with suffix appended (malloc'd; NULL out of memory). */
char *files_name(const char *path, const char *suffix);
/* Are a and b one file (device and inode), or, when one does not exist,
 * the same name once its directory is resolved? */
bool files_same(const char *a, const char *b);
/* CS_USAGE (err saying "<other> is the database ...: what") when other
 * is db or one of its own files; CS_OK otherwise. */
int files_refuse_own(const char *db, const char *other, const char *what,
                     struct cs_err *err);

/* ---- where the database lies (medium.c) ---- */
/* Decide whether the database at path (which exists) is opened
 * read-only: STORE_READONLY, or STORE_FALLBACK_RO and it cannot be
 * written there. */
int medium_probe(const char *path, unsigned flags, struct medium *m, struct cs_err *err);
/* Open st->db as m says: read-write, read-only, or on a read-only file
 * system immutable (a WAL database without -shm and with an empty
 * -wal); refused when a -wal with changes cannot be read. */
int medium_connect(struct store *st, const struct medium *m, struct cs_err *err);

/* ---- the import marker (mark.c) ---- */
/* Take the marker for a bulk (CS_TEMPFAIL when another holds it), and
 * let it go after the bulk's commit or rollback. */
int mark_take(struct store *st, struct cs_err *err);
void mark_drop(struct store *st);

/* ---- schema (schema.c) ---- */
/* Run the migration steps from version `from` up to `to`. */
int schema_migrate(struct store *st, int from, int to, struct cs_err *err);

/* ---- checks (check.c) ---- */
int check_text(const char *what, const char *s, size_t max, bool required,
               struct cs_err *err);
int check_id(const char *what, const char *s, bool required, struct cs_err *err);
int check_time(const char *what, int64_t t, bool required, struct cs_err *err);

/* ---- contacts (contact.c): an import's staged writes ---- */
/* contact_write_staged: v holds CONTACT_ROW_COLS values, ans 3 per
 * answer, prot the 4 protected fields. */
#define CONTACT_ROW_COLS 22
int contact_columns(const struct contact *c, int64_t actor_id, int64_t now,
                    struct cval v[CONTACT_ROW_COLS], char **standards, struct cs_err *err);
int contact_write_staged(struct store *st, int64_t actor_id, const struct contact *c,
                         const struct cval *v, const struct cval *ans, size_t n_ans,
                         const struct cval *prot, int64_t now, bool id_free,
                         int64_t *id, struct cs_err *err);

/* ---- contacts (contact_check.c) ---- */
int check_contact(const struct contact *c, struct cs_err *err);

/* ---- reading contacts (read.c) ---- */
/* The column list and FROM clause every contact read uses. */
#define CONTACT_COLS \
	"c.id, c.member_id, c.at, c.logged_at, c.logged_by, c.policy_id, " \
	"c.policy_version, c.kind, c.channel, c.outcome, c.summary, " \
	"c.needs_met, c.added_value, c.empowered, c.standards, c.referral_to, " \
	"c.referee_contacted, c.decision, c.appeal_info, c.call_ref, c.amends, " \
	"c.amend_reason, c.superseded_by, m.badge, m.name, " \
	"NOT EXISTS (SELECT 1 FROM unreviewed u WHERE u.contact_id = c.id), " \
	"(SELECT count(*) FROM review r WHERE r.contact_id = c.id), " \
	"EXISTS (SELECT 1 FROM debrief_due d WHERE d.contact_id = c.id)"
#define CONTACT_FROM " FROM contact c JOIN member m ON m.id = c.member_id "
/* Decode the current row of s (selected with CONTACT_COLS) into *c,
 * owned by c->mem, and fill answers, follow-up and (when protected)
 * the protected fields with further look-ups. */
int contact_decode(struct store *st, sqlite3_stmt *s, bool protected, int64_t now,
                   struct contact *c, struct cs_err *err);
int followup_decode(sqlite3_stmt *s, int64_t now, struct followup *f);

/* ---- verification (verify.c, verify_rows.c, verify_queue.c, agg.c,
 * verify_agg.c) ---- */
/* Record the first problem in res and err (CS_DATAERR); returns it. */
int verify_broken(struct store_verify_result *res, int64_t event, int64_t contact,
                  const char *why, struct cs_err *err);
/* Each table of records against its newest events, rows whose events
 * remain but which are gone, and rows that belong to nothing. */
int verify_rows(struct store *st, struct store_verify_result *res, struct cs_err *err);
/* The queues, recomputed from the records they derive from; due: the
 * contacts whose logging events said a debrief is due, sorted (NULL:
 * read them here). */
struct verify_seen;
int verify_queues(struct store *st, const struct verify_seen *due,
                  struct store_verify_result *res, struct cs_err *err);
/* The aggregates, counted again from the contacts into memory and
 * compared row by row; *why says the first difference ("" none). */
int agg_verify(struct store *st, char *why, size_t len, struct cs_err *err);

/* verify's read-only connections (verify_conn.c): one opened beside the
 * store's (NULL: not possible here); closed, its read transaction ended.
 * verify_same_state begins a read transaction on each of rd[0..n) at the
 * same commit (false: not done, the caller closes them); otherwise
 * verify_alone_begin begins one on the store's connection (true: begun,
 * to end with verify_alone_end). */
/* The contact ids the chain walk saw logged or amended, and the first
 * contact none of them names (0: none) with the number of contacts
 * (verify_seen.c).  Zeroed to start; verify_seen_add -1: out of memory. */
struct verify_seen {
	int64_t *v;
	size_t n, cap;
	bool unsorted;
};
int verify_seen_add(struct verify_seen *s, int64_t id);
void verify_seen_free(struct verify_seen *s);
void verify_seen_sort(struct verify_seen *s);
int verify_unseen(struct store *st, struct verify_seen *s, int64_t *first, int64_t *contacts,
                  struct cs_err *err);
struct store *verify_reader(struct store *st);
void verify_reader_close(struct store *o);
bool verify_same_state(struct store *st, struct store *const rd[], size_t n);
bool verify_alone_begin(struct store *st);
void verify_alone_end(struct store *st, bool began);

/* A hex digest of 32 bytes. */
#define HEX_LEN (2 * HASH_BYTES)

#endif
