/* contact.c - writing contacts and amendments.
 *
 * One contact is one transaction: the row, its answers, its protected
 * fields (with a fresh salt), its place in the unreviewed queue, an
 * optional follow-up, its search row, the audit event with its content
 * hash, and last its aggregates (so that a write that fails never leaves
 * counts behind).  The values bound to the INSERTs are the very values
 * hashed, so the recorded hash is the hash of what is stored. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "internal.h"

static const char SQL_MEMBER[] = "SELECT 1 FROM member WHERE id = ?1";
static const char SQL_STATE[] = "SELECT superseded_by FROM contact WHERE id = ?1";
static const char SQL_INSERT[] =
	"INSERT INTO contact (id, member_id, at, logged_at, logged_by, policy_id,"
	" policy_version, kind, channel, outcome, summary, needs_met, added_value,"
	" empowered, standards, referral_to, referee_contacted, decision, appeal_info,"
	" call_ref, amends, amend_reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,"
	" ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22)";
static const char SQL_ANSWER[] =
	"INSERT INTO contact_answer (contact_id, ord, question_id, answer)"
	" VALUES (?1, ?2, ?3, ?4)";
static const char SQL_PRIVATE[] =
	"INSERT INTO contact_private (contact_id, salt, customer_name, customer_phone,"
	" customer_address, customer_email) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
static const char SQL_QUEUE[] = "INSERT INTO unreviewed (contact_id) VALUES (?1)";
static const char SQL_DEBRIEF_QUEUE[] = "INSERT INTO debrief_due (contact_id) VALUES (?1)";
static const char SQL_DEBRIEF_MOVE[] = "DELETE FROM debrief_due WHERE contact_id = ?1";
static const char SQL_SUPERSEDE[] = "UPDATE contact SET superseded_by = ?2 WHERE id = ?1";
static const char SQL_MOVE_FOLLOWUPS[] =
	"UPDATE followup SET contact_id = ?2 WHERE contact_id = ?1 AND state < 2";
static const char SQL_UNFINISHED[] =
	"SELECT id FROM followup WHERE contact_id = ?1 AND state < 2 ORDER BY id";
static const char SQL_MOVE_DETAIL[] =
	"SELECT json_object('from', ?1, 'to', ?2,"
	" 'row', (SELECT " ROW_FOLLOWUP " FROM followup WHERE followup.id = ?3))";

#define ROW_COLS CONTACT_ROW_COLS

/* A contact as it is written: the values of each INSERT. */
struct row {
	struct cval v[ROW_COLS];             /* contact, in SQL_INSERT order */
	struct cval ans[3 * POLICY_MAX_QUESTIONS]; /* ord, question, answer */
	size_t n_ans;
	char *standards;                     /* owned: v[14] points here */
	bool private;
	unsigned char salt[HASH_BYTES];
	struct cval prot[4];
};

/* The standards as one space-separated text (malloc'd), or NULL. */
static char *
join_standards(const struct contact *c, bool *oom)
{
	size_t i, n = 0;
	char *t, *p;

	*oom = false;
	if (c->n_standards == 0)
		return NULL;
	for (i = 0; i < c->n_standards; i++)
		n += strlen(c->standards[i]) + 1;
	t = p = malloc(n);
	if (t == NULL) {
		*oom = true;
		return NULL;
	}
	for (i = 0; i < c->n_standards; i++) {
		if (i > 0)
			*p++ = ' ';
		p = stpcpy(p, c->standards[i]);
	}
	return t;
}

static void
fill_answers(const struct contact *c, struct row *r)
{
	size_t i;

	for (i = 0; i < c->n_answers; i++) {
		cval_int(&r->ans[3 * i], (int64_t)i);
		cval_text(&r->ans[3 * i + 1], c->answers[i].question);
		cval_text(&r->ans[3 * i + 2], c->answers[i].answer == ANSWER_YES ? "yes" : "no");
	}
	r->n_ans = c->n_answers;
	cval_text(&r->prot[0], opt(c->customer_name));
	cval_text(&r->prot[1], opt(c->customer_phone));
	cval_text(&r->prot[2], opt(c->customer_address));
	cval_text(&r->prot[3], opt(c->customer_email));
	for (i = 0; i < 4; i++)
		r->private |= r->prot[i].type != SQLITE_NULL;
}

/* The contact's columns as SQL_INSERT writes them; *standards (owned,
 * NULL for none) is what v[14] points to.  An import's stage keeps them
 * so (import_stage.c). */
int
contact_columns(const struct contact *c, int64_t actor_id, int64_t now,
                struct cval v[CONTACT_ROW_COLS], char **standards, struct cs_err *err)
{
	bool oom;

	*standards = join_standards(c, &oom);
	if (oom)
		return cs_err_set(err, CS_OSERR, "out of memory");
	cval_id(&v[0], c->id);
	cval_int(&v[1], c->member_id);
	cval_int(&v[2], c->at);
	cval_int(&v[3], c->logged_at != 0 ? c->logged_at : now);
	cval_id(&v[4], actor_id);
	cval_text(&v[5], c->policy_id);
	cval_text(&v[6], c->policy_version);
	cval_text(&v[7], c->kind);
	cval_text(&v[8], c->channel);
	cval_text(&v[9], opt(c->outcome));
	cval_text(&v[10], c->summary);
	cval_tri(&v[11], c->needs_met);
	cval_text(&v[12], opt(c->added_value));
	cval_tri(&v[13], c->empowered);
	cval_text(&v[14], *standards);
	cval_text(&v[15], opt(c->referral_to));
	cval_tri(&v[16], c->referee_contacted);
	cval_text(&v[17], opt(c->decision));
	cval_text(&v[18], opt(c->appeal_info));
	cval_text(&v[19], opt(c->call_ref));
	cval_id(&v[20], c->amends);
	cval_text(&v[21], c->amends != 0 ? opt(c->amend_reason) : NULL);
	return CS_OK;
}

static int
fill_row(const struct contact *c, int64_t actor_id, int64_t now, struct row *r,
         struct cs_err *err)
{
	int rc;

	memset(r, 0, sizeof *r);
	if ((rc = contact_columns(c, actor_id, now, r->v, &r->standards, err)) != CS_OK)
		return rc;
	fill_answers(c, r);
	return CS_OK;
}

/* Does a row exist for this one-parameter query?  *v gets column 0. */
static int
lookup(struct store *st, const char *sql, int64_t id, bool *found, int64_t *v,
       struct cs_err *err)
{
	sqlite3_stmt *s = stmt_get(st, sql, err);
	int rc;

	if (s == NULL)
		return err_code(err);
	sqlite3_bind_int64(s, 1, id);
	rc = stmt_row(st, s, found, "cannot read the log", err);
	if (rc == CS_OK && *found && v != NULL)
		*v = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return rc;
}

/* What an importer vouches for, having resolved it in this very
 * transaction: c->member_id is a member it found or created; c->id is
 * above every contact id (so free). */
#define KNOWN_MEMBER 1u
#define KNOWN_FREE_ID 2u

static int
check_refs(struct store *st, const struct contact *c, unsigned known, struct cs_err *err)
{
	bool found = true;
	int64_t sup = 0;
	int rc = known & KNOWN_MEMBER ? CS_OK
	                              : lookup(st, SQL_MEMBER, c->member_id, &found, NULL, err);

	if (rc == CS_OK && !found)
		return cs_err_set(err, CS_NOUSER, "no member %lld", (long long)c->member_id);
	if (rc == CS_OK && c->id > 0 && !(known & KNOWN_FREE_ID) && (rc = lookup(st, SQL_STATE, c->id, &found, NULL, err))
	    == CS_OK && found)
		return cs_err_set(err, CS_DATAERR, "contact id %lld is taken", (long long)c->id);
	if (rc != CS_OK || c->amends == 0)
		return rc;
	rc = lookup(st, SQL_STATE, c->amends, &found, &sup, err);
	if (rc == CS_OK && !found)
		return cs_err_set(err, CS_NOINPUT, "no contact %lld", (long long)c->amends);
	if (rc == CS_OK && sup != 0)
		return cs_err_set(err, CS_DATAERR,
		                  "contact %lld was already amended by %lld: amend %lld instead",
		                  (long long)c->amends, (long long)sup, (long long)sup);
	return rc;
}

static int
insert_row(struct store *st, struct row *r, int64_t *id, struct cs_err *err)
{
	sqlite3_stmt *s = stmt_get(st, SQL_INSERT, err);
	int i, rc;

	if (s == NULL)
		return err_code(err);
	for (i = 0; i < ROW_COLS; i++)
		cval_bind(s, i + 1, &r->v[i]);
	rc = stmt_done(st, s, "the contact was not saved", err);
	*id = sqlite3_last_insert_rowid(st->db);
	cval_int(&r->v[0], *id);
	/* SQLite gives the next id after the largest; past 2^63 - 1 a
	 * random one.  An id that large came in before import refused
	 * them: the contact is not saved rather than numbered so. */
	if (rc == CS_OK && *id >= RECORD_NUM_LIMIT)
		rc = cs_err_set(err, CS_DATAERR, "the contact was not saved: it would be numbered"
		                " %lld, beyond 2^53 - 1, because the log holds a contact id that"
		                " large", (long long)*id);
	return rc;
}

static int
insert_answers(struct store *st, int64_t id, const struct row *r, struct cs_err *err)
{
	sqlite3_stmt *s;
	size_t i;
	int j, rc = CS_OK;

	for (i = 0; rc == CS_OK && i < r->n_ans; i++) {
		s = stmt_get(st, SQL_ANSWER, err);
		if (s == NULL)
			return err_code(err);
		sqlite3_bind_int64(s, 1, id);
		for (j = 0; j < 3; j++)
			cval_bind(s, 2 + j, &r->ans[3 * i + (size_t)j]);
		rc = stmt_done(st, s, "the contact was not saved", err);
	}
	return rc;
}

static int
insert_private(struct store *st, int64_t id, struct row *r, struct cs_err *err)
{
	sqlite3_stmt *s;
	int i;

	if (!r->private)
		return CS_OK;
	s = stmt_get(st, SQL_PRIVATE, err);
	if (s == NULL)
		return err_code(err);
	randombytes_buf(r->salt, sizeof r->salt);
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_blob(s, 2, r->salt, sizeof r->salt, SQLITE_STATIC);
	for (i = 0; i < 4; i++)
		cval_bind(s, 3 + i, &r->prot[i]);
	return stmt_done(st, s, "the contact was not saved", err);
}

static int
exec_ids(struct store *st, const char *sql, int64_t a, int64_t b, struct cs_err *err)
{
	sqlite3_stmt *s = stmt_get(st, sql, err);

	if (s == NULL)
		return err_code(err);
	sqlite3_bind_int64(s, 1, a);
	if (b != 0)
		sqlite3_bind_int64(s, 2, b);
	return stmt_done(st, s, "the contact was not saved", err);
}

/* For each unfinished follow-up of contact_id: check that it is as its
 * newest event left it (moving it keeps the rest of the row), or, once
 * moved to `to`, record the move (one event per follow-up, whose row
 * hash now names its new contact). */
static int
each_unfinished(struct store *st, int64_t contact_id, int64_t actor_id, int64_t from,
                int64_t to, int64_t now, struct cs_err *err)
{
	sqlite3_stmt *s = stmt_hold(st, SQL_UNFINISHED, err), *d;
	bool row = true;
	int rc = CS_OK;

	if (s == NULL)
		return err_code(err);
	sqlite3_bind_int64(s, 1, contact_id);
	while (rc == CS_OK && (rc = stmt_row(st, s, &row, "the contact was not saved", err))
	       == CS_OK && row) {
		if (to == 0) {
			rc = attest_followup(st, sqlite3_column_int64(s, 0), err);
			continue;
		}
		if ((d = stmt_get(st, SQL_MOVE_DETAIL, err)) == NULL) {
			rc = err_code(err);
			break;
		}
		sqlite3_bind_int64(d, 1, from);
		sqlite3_bind_int64(d, 2, to);
		sqlite3_bind_int64(d, 3, sqlite3_column_int64(s, 0));
		rc = audit_append(st, actor_id, "followup.move", "followup",
		                  sqlite3_column_int64(s, 0), now, d, err);
	}
	stmt_release(st, s);
	return rc;
}

/* The original gives way to its amendment, and hands on its
 * unfinished follow-ups (whose notes move in the search index too). */
static int
supersede(struct store *st, int64_t actor_id, int64_t orig, int64_t id, int64_t now,
          struct cs_err *err)
{
	int moved = 0;
	int rc = each_unfinished(st, orig, actor_id, orig, 0, now, err);

	if (rc == CS_OK)
		rc = exec_ids(st, SQL_SUPERSEDE, orig, id, err);
	if (rc == CS_OK)
		rc = fts_forget(st, orig, err);
	if (rc == CS_OK)
		rc = exec_ids(st, SQL_MOVE_FOLLOWUPS, orig, id, err);
	if (rc == CS_OK)
		moved = sqlite3_changes(st->db);
	if (rc == CS_OK)
		rc = fts_index(st, orig, err);
	if (rc != CS_OK || moved == 0)
		return rc;
	/* The new version's own follow-up is added after this: the
	 * unfinished ones it has now are those just moved. */
	return each_unfinished(st, id, actor_id, orig, id, now, err);
}

/* The contact's event: its content hash, its protected hash, and
 * whether it waits for a debrief (the policy's call when it is logged;
 * verify recomputes the debrief queue from it).  The detail is the text
 * SQLite's json_object('content', ?, 'protected', ?, 'amends', ?,
 * 'debrief', ?) gives (hex digits, an integer or null, 0 or 1: nothing
 * to escape), built here: a statement stepped per contact cost an
 * import 1.4 % of its time. */
static int
audit_contact(struct store *st, int64_t actor_id, const struct row *r, bool debrief,
              int64_t now, struct cs_err *err)
{
	char content[HEX_LEN + 1], prot[HEX_LEN + 1], amends[24];
	char detail[2 * HEX_LEN + 128];

	content_digest(r->v, ROW_COLS, r->ans, r->n_ans, content);
	if (r->private)
		protected_digest(r->salt, r->prot, prot);
	if (r->v[20].type == SQLITE_NULL)
		strcpy(amends, "null");
	else
		snprintf(amends, sizeof amends, "%lld", (long long)r->v[20].i);
	snprintf(detail, sizeof detail,
	         "{\"content\":\"%s\",\"protected\":%s%s%s,\"amends\":%s,\"debrief\":%d}",
	         content, r->private ? "\"" : "", r->private ? prot : "null",
	         r->private ? "\"" : "", amends, debrief ? 1 : 0);
	return audit_append_text(st, actor_id, r->v[20].type == SQLITE_NULL ? "contact.insert"
	                                                                    : "contact.amend",
	                         "contact", r->v[0].i, now, detail, err);
}

/* Count a new contact in the report aggregates.  An amendment is
 * counted from the database once written: it has taken over the open
 * follow-ups of the version it corrects (uncounted before they moved). */
static int
count(struct store *st, const struct contact *c, int64_t id, struct cs_err *err)
{
	struct agg_src a;
	size_t i;
	int rc = CS_OK;

	memset(&a, 0, sizeof a);
	a.policy = c->policy_id;
	a.kind = c->kind;
	a.channel = c->channel;
	a.outcome = opt(c->outcome);
	a.at = c->at;
	a.member_id = c->member_id;
	a.empowered = c->empowered;
	a.needs_met = c->needs_met;
	a.added_value = opt(c->added_value) != NULL;
	a.n = c->n_answers;
	if (c->amends != 0)
		return agg_contact(st, id, +1, err);
	for (i = 0; i < c->n_answers; i++) {
		a.question[i] = c->answers[i].question;
		a.failed[i] = c->answers[i].answer == ANSWER_NO;
	}
	a.fu_open = c->followup_due != 0;
	/* as followup_insert keeps it: no limit, or one before the target,
	 * is the target */
	if (c->followup_due != 0)
		a.fu_limit = c->followup_limit > c->followup_due ? c->followup_limit
		                                                 : c->followup_due;
	a.debrief_due = c->negative;
	return rc == CS_OK ? agg_add(st, &a, +1, err) : rc;
}

static int
write_contact(struct store *st, int64_t actor_id, const struct contact *c, struct row *r,
              int64_t now, unsigned known, int64_t *id, struct cs_err *err)
{
	int64_t fid;
	int rc = check_refs(st, c, known, err);

	if (rc == CS_OK)
		rc = insert_row(st, r, id, err);
	if (rc == CS_OK)
		rc = insert_answers(st, *id, r, err);
	if (rc == CS_OK)
		rc = insert_private(st, *id, r, err);
	if (rc == CS_OK)
		rc = exec_ids(st, SQL_QUEUE, *id, 0, err);
	if (rc == CS_OK && c->negative)
		rc = exec_ids(st, SQL_DEBRIEF_QUEUE, *id, 0, err);
	if (rc == CS_OK && c->amends != 0)   /* before its queues move */
		rc = agg_contact(st, c->amends, -1, err);
	if (rc == CS_OK && c->amends != 0)
		rc = exec_ids(st, SQL_DEBRIEF_MOVE, c->amends, 0, err);
	if (rc == CS_OK && c->amends != 0)
		rc = supersede(st, actor_id, c->amends, *id, now, err);
	if (rc == CS_OK)
		rc = audit_contact(st, actor_id, r, c->negative, now, err);
	if (rc == CS_OK && c->followup_due != 0)
		rc = followup_insert(st, actor_id, *id, c->followup_due, c->followup_limit,
		                     opt(c->followup_note), now, false, &fid, err);
	if (rc == CS_OK)
		rc = fts_index(st, *id, err);
	return rc == CS_OK ? count(st, c, *id, err) : rc;
}

static int
insert_contact(struct store *st, int64_t actor_id, const struct contact *c, int64_t now,
               unsigned known, int64_t *id, struct cs_err *err)
{
	struct row r;
	int64_t new_id = 0;
	int rc;

	if (id != NULL)
		*id = 0;
	rc = check_contact(c, err);
	if (rc == CS_OK)
		rc = fill_row(c, actor_id, now, &r, err);
	if (rc != CS_OK)
		return rc;
	rc = tx_begin_for(st, "the contact was not saved", err);
	if (rc == CS_OK)
		rc = tx_end(st, write_contact(st, actor_id, c, &r, now, known, &new_id,
		                            err), err);
	free(r.standards);
	if (id != NULL)
		*id = rc == CS_OK ? new_id : 0;
	return rc;
}

int
store_contact_insert(struct store *st, int64_t actor_id, const struct contact *c,
                     int64_t now, int64_t *id, struct cs_err *err)
{
	return insert_contact(st, actor_id, c, now, 0, id, err);
}

int
store_import_contact(struct store *st, int64_t actor_id, const struct contact *c,
                     int64_t now, bool id_free, int64_t *id, struct cs_err *err)
{
	return insert_contact(st, actor_id, c, now, KNOWN_MEMBER | (id_free ? KNOWN_FREE_ID : 0),
	                      id, err);
}

/* A contact an import staged (import_copy.c), its columns, answers and
 * protected fields as they are written; c gives what write_contact
 * reads besides (the references, debrief, follow-up). */
int
contact_write_staged(struct store *st, int64_t actor_id, const struct contact *c,
                     const struct cval *v, const struct cval *ans, size_t n_ans,
                     const struct cval *prot, int64_t now, bool id_free,
                     int64_t *id, struct cs_err *err)
{
	struct row r;
	int64_t new_id = 0;
	size_t i;
	int rc;

	memset(&r, 0, sizeof r);
	memcpy(r.v, v, sizeof r.v);
	if (n_ans > POLICY_MAX_QUESTIONS)
		return cs_err_set(err, CS_DATAERR, "too many answers (%zu)", n_ans);
	memcpy(r.ans, ans, 3 * n_ans * sizeof *ans);
	r.n_ans = n_ans;
	memcpy(r.prot, prot, sizeof r.prot);
	for (i = 0; i < 4; i++)
		r.private |= r.prot[i].type != SQLITE_NULL;
	rc = tx_begin_for(st, "the contact was not saved", err);
	if (rc == CS_OK)
		rc = tx_end(st, write_contact(st, actor_id, c, &r, now,
		                              KNOWN_MEMBER | (id_free ? KNOWN_FREE_ID : 0), &new_id,
		                              err), err);
	*id = rc == CS_OK ? new_id : 0;
	return rc;
}

int
store_contact_amend(struct store *st, int64_t actor_id, int64_t original_id,
                    const struct contact *new_version, const char *reason, int64_t now,
                    int64_t *id, struct cs_err *err)
{
	struct contact c = *new_version;

	if (id != NULL)
		*id = 0;
	if (original_id <= 0)
		return cs_err_set(err, CS_NOINPUT, "no contact %lld", (long long)original_id);
	c.id = 0;
	c.amends = original_id;
	c.amend_reason = reason;
	c.mem = NULL;
	return store_contact_insert(st, actor_id, &c, now, id, err);
}
