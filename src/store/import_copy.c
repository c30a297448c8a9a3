/* import_copy.c - an import's staged records written into the log
 * (cslog/import_stage.h), inside the import's bulk, under the lock.
 *
 * A loop over the stage (`imp`, attached) in the order the records
 * came decides, record by record, what the row-by-row writer decided:
 * the member (the importer's: found, or made with its own event), the
 * id (given, and looked up when not above every id so far; or one
 * above the largest), the store's refusals by line.  It appends the
 * audit chain as it goes, each contact's event (its content hash from
 * the staged columns, which are the values written), and gathers the
 * report counts; what it decided goes to imp.w.  The rows follow by one
 * INSERT ... SELECT per table over the records decided since the last
 * copy: at the end, and before any record that needs the log as it
 * would be by then (an amendment, which supersedes its original, moves
 * its follow-ups and recounts it, and a contact with a follow-up, which
 * an import names none of today: both written row by row as before, by
 * contact_write_staged; an id at or below the largest, looked up).  Amendments whose original has not come wait
 * and go last, in id order, as before.  Foreign keys are off for the
 * bulk (import_bulk.c); the search index is filled at the commit. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cslog/import_stage.h"

#include "internal.h"

#define STAGE_COLS "srow, line, err, badge, name, id, member_id, at, logged_at," \
	" logged_by, policy_id, policy_version, kind, channel, outcome, summary," \
	" needs_met, added_value, empowered, standards, referral_to, referee_contacted," \
	" decision, appeal_info, call_ref, amends, amend_reason, negative, fu_due," \
	" fu_limit, fu_note, salt, customer_name, customer_phone, customer_address," \
	" customer_email, ans FROM imp.c"
#define COL_V0 5          /* id: the first of the contact's columns */
#define COL_NEG (COL_V0 + CONTACT_ROW_COLS)
static const char SQL_ALL[] = "SELECT " STAGE_COLS " ORDER BY srow";
static const char SQL_ONE[] = "SELECT " STAGE_COLS " WHERE srow = ?1";
static const char SQL_DECIDED[] =
	"INSERT INTO imp.w (srow, id, member_id) VALUES (?1, ?2, ?3)";
static const char SQL_TAKEN[] = "SELECT 1 FROM main.contact WHERE id = ?1";
/* ?1 .. ?2: the records decided since the last copy; ?3 now; ?4 the
 * actor (each statement binds all four; those it lacks are ignored) */
#define DECIDED "FROM imp.w w CROSS JOIN imp.c s ON s.srow = w.srow" \
	" WHERE w.srow BETWEEN ?1 AND ?2"
static const char SQL_COPY_CONTACT[] =
	"INSERT INTO main.contact (id, member_id, at, logged_at, logged_by, policy_id,"
	" policy_version, kind, channel, outcome, summary, needs_met, added_value,"
	" empowered, standards, referral_to, referee_contacted, decision, appeal_info,"
	" call_ref, amends, amend_reason) SELECT w.id, w.member_id, s.at,"
	" coalesce(s.logged_at, ?3), ?4, s.policy_id, s.policy_version, s.kind, s.channel,"
	" s.outcome, s.summary, s.needs_met, s.added_value, s.empowered, s.standards,"
	" s.referral_to, s.referee_contacted, s.decision, s.appeal_info, s.call_ref,"
	" s.amends, s.amend_reason " DECIDED " ORDER BY w.srow";
static const char SQL_COPY_ANSWER[] =
	"INSERT INTO main.contact_answer (contact_id, ord, question_id, answer)"
	" SELECT w.id, a.ord, a.question_id, a.answer FROM imp.w w CROSS JOIN imp.a a"
	" ON a.srow = w.srow WHERE w.srow BETWEEN ?1 AND ?2"
	" ORDER BY w.srow, a.ord";
static const char SQL_COPY_PRIVATE[] =
	"INSERT INTO main.contact_private (contact_id, salt, customer_name, customer_phone,"
	" customer_address, customer_email) SELECT w.id, s.salt, s.customer_name,"
	" s.customer_phone, s.customer_address, s.customer_email " DECIDED
	" AND s.salt IS NOT NULL ORDER BY w.srow";
static const char SQL_COPY_QUEUE[] =
	"INSERT INTO main.unreviewed (contact_id) SELECT w.id FROM imp.w w"
	" WHERE w.srow BETWEEN ?1 AND ?2 ORDER BY w.srow";
static const char SQL_COPY_DEBRIEF[] =
	"INSERT INTO main.debrief_due (contact_id) SELECT w.id " DECIDED
	" AND s.negative ORDER BY w.srow";
static const char *const copies[] = {
	SQL_COPY_CONTACT, SQL_COPY_ANSWER, SQL_COPY_PRIVATE, SQL_COPY_QUEUE,
	SQL_COPY_DEBRIEF,
};

#define SAVED "the contact was not saved"

/* One staged record as read back: pointers into its statement's row. */
struct staged {
	int64_t srow;
	long line;
	const char *err, *badge, *name;
	struct cval v[CONTACT_ROW_COLS];
	bool negative;
	int64_t fu_due, fu_limit;
	const char *fu_note;
	const void *salt;
	struct cval prot[4];
	struct cval ans[3 * POLICY_MAX_QUESTIONS];
	size_t n_ans;
};

struct waiting {
	int64_t srow, id;
	long line;
};

struct copy {
	struct store *st;
	int64_t actor, now;
	const struct store_stage_hooks *h;
	struct cs_err *err;
	int64_t top;              /* the largest contact id so far */
	int64_t lo, hi;           /* decided, not yet copied (lo 0: none) */
	size_t imported;
	struct waiting *wait;
	size_t n_wait, wait_cap;
	char *abuf;               /* the answers' texts, unpacked */
	size_t abuf_cap;
};

static void
col_cval(sqlite3_stmt *s, int i, struct cval *v)
{
	if (sqlite3_column_type(s, i) == SQLITE_INTEGER)
		cval_int(v, sqlite3_column_int64(s, i));
	else
		cval_text(v, sqlite3_column_type(s, i) == SQLITE_NULL ? NULL
		                                    : (const char *)sqlite3_column_text(s, i));
}

/* The packed answers ("question US y|n RS ...") as cvals. */
static int
unpack_answers(struct copy *k, const char *packed, struct staged *r)
{
	size_t n = packed != NULL ? strlen(packed) + 1 : 1;
	char *p, *q, *end;

	if (n > k->abuf_cap) {
		if ((p = realloc(k->abuf, n)) == NULL)
			return cs_err_set(k->err, CS_OSERR, "out of memory");
		k->abuf = p;
		k->abuf_cap = n;
	}
	memcpy(k->abuf, packed != NULL ? packed : "", n);
	r->n_ans = 0;
	for (p = k->abuf; *p != '\0'; p = end + 1) {
		if ((end = strchr(p, '\x1e')) == NULL || (q = strchr(p, '\x1f')) == NULL ||
		    q > end || r->n_ans == POLICY_MAX_QUESTIONS)
			return cs_err_set(k->err, CS_SOFTWARE, "a staged record is damaged");
		*q = *end = '\0';
		cval_int(&r->ans[3 * r->n_ans], (int64_t)r->n_ans);
		cval_text(&r->ans[3 * r->n_ans + 1], p);
		cval_text(&r->ans[3 * r->n_ans + 2], q[1] == 'y' ? "yes" : "no");
		r->n_ans++;
	}
	return CS_OK;
}

static int
read_staged(struct copy *k, sqlite3_stmt *s, struct staged *r)
{
	int i;

	memset(r, 0, sizeof *r);
	r->srow = sqlite3_column_int64(s, 0);
	r->line = (long)sqlite3_column_int64(s, 1);
	r->err = (const char *)sqlite3_column_text(s, 2);
	r->badge = (const char *)sqlite3_column_text(s, 3);
	r->name = (const char *)sqlite3_column_text(s, 4);
	for (i = 0; i < CONTACT_ROW_COLS; i++)
		col_cval(s, COL_V0 + i, &r->v[i]);
	r->negative = sqlite3_column_int(s, COL_NEG) != 0;
	r->fu_due = sqlite3_column_int64(s, COL_NEG + 1);
	r->fu_limit = sqlite3_column_int64(s, COL_NEG + 2);
	r->fu_note = (const char *)sqlite3_column_text(s, COL_NEG + 3);
	r->salt = sqlite3_column_blob(s, COL_NEG + 4);
	if (r->salt != NULL && sqlite3_column_bytes(s, COL_NEG + 4) != HASH_BYTES)
		return cs_err_set(k->err, CS_SOFTWARE, "a staged record is damaged");
	for (i = 0; i < 4; i++)
		col_cval(s, COL_NEG + 5 + i, &r->prot[i]);
	if (r->badge == NULL)
		return cs_err_set(k->err, CS_SOFTWARE, "a staged record is damaged");
	return unpack_answers(k, (const char *)sqlite3_column_text(s, COL_NEG + 9), r);
}

/* The rows of the records decided since the last copy. */
static int
copy_decided(struct copy *k)
{
	sqlite3_stmt *s;
	size_t i;
	int rc = CS_OK;

	if (k->lo == 0)
		return CS_OK;
	for (i = 0; rc == CS_OK && i < sizeof copies / sizeof copies[0]; i++) {
		if ((s = stmt_get(k->st, copies[i], k->err)) == NULL)
			return err_code(k->err);
		sqlite3_bind_int64(s, 1, k->lo);
		sqlite3_bind_int64(s, 2, k->hi);
		sqlite3_bind_int64(s, 3, k->now);
		bind_id(s, 4, k->actor);
		rc = stmt_done(k->st, s, SAVED, k->err);
	}
	k->lo = k->hi = 0;
	return rc;
}

static enum record_tri
tri_of(const struct cval *v)
{
	return v->type == SQLITE_NULL ? TRI_UNKNOWN : v->i ? TRI_YES : TRI_NO;
}

/* The report counts of a new contact, as contact.c's count(). */
static int
count(struct copy *k, const struct staged *r, struct cs_err *e)
{
	struct agg_src a;
	size_t i;

	memset(&a, 0, sizeof a);
	a.policy = r->v[5].s;
	a.kind = r->v[7].s;
	a.channel = r->v[8].s;
	a.outcome = r->v[9].s;
	a.at = r->v[2].i;
	a.member_id = r->v[1].i;
	a.empowered = tri_of(&r->v[13]);
	a.needs_met = tri_of(&r->v[11]);
	a.added_value = r->v[12].type != SQLITE_NULL;
	a.n = r->n_ans;
	for (i = 0; i < r->n_ans; i++) {
		a.question[i] = r->ans[3 * i + 1].s;
		a.failed[i] = strcmp(r->ans[3 * i + 2].s, "no") == 0;
	}
	a.debrief_due = r->negative;   /* no follow-up: those go row by row */
	return agg_add(k->st, &a, +1, e);
}

/* The contact's event, as contact.c's audit_contact. */
static int
contact_event(struct copy *k, const struct staged *r, struct cs_err *e)
{
	char content[HEX_LEN + 1], prot[HEX_LEN + 1], detail[2 * HEX_LEN + 128];
	bool private = r->salt != NULL;

	content_digest(r->v, CONTACT_ROW_COLS, r->ans, r->n_ans, content);
	if (private)
		protected_digest(r->salt, r->prot, prot);
	snprintf(detail, sizeof detail,
	         "{\"content\":\"%s\",\"protected\":%s%s%s,\"amends\":null,\"debrief\":%d}",
	         content, private ? "\"" : "", private ? prot : "null", private ? "\"" : "",
	         r->negative ? 1 : 0);
	return audit_append_text(k->st, k->actor, "contact.insert", "contact", r->v[0].i,
	                         k->now, detail, e);
}

static int
decided(struct copy *k, const struct staged *r, struct cs_err *e)
{
	sqlite3_stmt *s = stmt_get(k->st, SQL_DECIDED, e);

	if (s == NULL)
		return err_code(e);
	sqlite3_bind_int64(s, 1, r->srow);
	sqlite3_bind_int64(s, 2, r->v[0].i);
	sqlite3_bind_int64(s, 3, r->v[1].i);
	return stmt_done(k->st, s, SAVED, e);
}

/* A new contact (no amendment, no follow-up): its event and counts now,
 * its rows at the next copy. */
static int
plain(struct copy *k, struct staged *r, struct cs_err *e)
{
	int64_t id = r->v[0].type == SQLITE_INTEGER ? r->v[0].i : 0, one;
	bool taken = false;
	int rc;

	/* not above every id so far: looked up, in the log as it would be */
	if (id != 0 && id <= k->top && (rc = copy_decided(k)) != CS_OK)
		return rc;
	if ((rc = tx_begin_for(k->st, SAVED, e)) != CS_OK)
		return rc;
	if (id != 0 && id <= k->top)
		rc = stmt_int64(k->st, SQL_TAKEN, id, &one, &taken, "cannot read the log", e);
	if (rc == CS_OK && taken)
		rc = cs_err_set(e, CS_DATAERR, "contact id %lld is taken", (long long)id);
	if (rc == CS_OK && id == 0 && (id = k->top + 1) >= RECORD_NUM_LIMIT) {
		/* the writer wrote it, then refused it: the bulk is spoilt */
		rc = cs_err_set(e, CS_DATAERR, "the contact was not saved: it would be numbered"
		                " %lld, beyond 2^53 - 1, because the log holds a contact id that"
		                " large", (long long)id);
		k->st->bulk_rc = CS_DATAERR;
		str_copy(k->st->bulk_msg, sizeof k->st->bulk_msg, e->msg);
	}
	if (rc == CS_OK) {
		cval_int(&r->v[0], id);
		if (r->v[3].type == SQLITE_NULL)
			cval_int(&r->v[3], k->now);
		cval_id(&r->v[4], k->actor);
		rc = contact_event(k, r, e);
	}
	if (rc == CS_OK)
		rc = decided(k, r, e);
	if (rc == CS_OK)
		rc = count(k, r, e);
	if ((rc = tx_end(k->st, rc, e)) != CS_OK)
		return rc;
	if (id > k->top)
		k->top = id;
	if (k->lo == 0)
		k->lo = r->srow;
	k->hi = r->srow;
	return CS_OK;
}

/* An amendment, or a contact with a follow-up (an import names none
 * today): the records before it copied, then written row by row as
 * before (supersession, follow-ups moved or opened, each with its
 * event, the counts read back). */
static int
row_by_row(struct copy *k, struct staged *r, struct cs_err *e)
{
	struct contact c;
	int64_t id = r->v[0].type == SQLITE_INTEGER ? r->v[0].i : 0;
	int rc = copy_decided(k);

	if (rc != CS_OK)
		return rc;
	memset(&c, 0, sizeof c);
	c.id = id;
	c.member_id = r->v[1].i;
	c.amends = r->v[20].i;
	c.amend_reason = r->v[21].s;
	c.negative = r->negative;
	c.followup_due = r->fu_due;
	c.followup_limit = r->fu_limit;
	c.followup_note = r->fu_note;
	if (r->v[3].type == SQLITE_NULL)
		cval_int(&r->v[3], k->now);
	cval_id(&r->v[4], k->actor);
	rc = contact_write_staged(k->st, k->actor, &c, r->v, r->ans, r->n_ans, r->prot, k->now,
	                          id > k->top, &id, e);
	if (rc != CS_OK)
		return rc;
	if (id > k->top)
		k->top = id;
	return CS_OK;
}

static int
wait_for_original(struct copy *k, const struct staged *r)
{
	struct waiting *w;
	size_t cap;

	if (k->n_wait == k->wait_cap) {
		cap = k->wait_cap ? k->wait_cap * 2 : 16;
		if ((w = realloc(k->wait, cap * sizeof *w)) == NULL)
			return cs_err_set(k->err, CS_OSERR, "out of memory");
		k->wait = w;
		k->wait_cap = cap;
	}
	k->wait[k->n_wait].srow = r->srow;
	k->wait[k->n_wait].id = r->v[0].type == SQLITE_INTEGER ? r->v[0].i : INT64_MAX;
	k->wait[k->n_wait].line = r->line;
	k->n_wait++;
	return CS_OK;
}

/* One record, as import.c's write_record: CS_OK (written, or refused
 * by its line and skipped), or an error that stops the import. */
static int
one(struct copy *k, struct staged *r, bool may_wait)
{
	struct cs_err e = { 0 };
	int64_t member = 0;
	int rc = k->h->member(k->h->ctx, r->badge, r->name, &member, &e);

	if (rc == CS_OK)
		cval_int(&r->v[1], member);
	if (rc == CS_OK && r->err != NULL)
		rc = cs_err_set(&e, CS_DATAERR, "%s", r->err);
	if (rc == CS_OK && (r->v[20].type != SQLITE_NULL || r->fu_due != 0))
		rc = row_by_row(k, r, &e);
	else if (rc == CS_OK)
		rc = plain(k, r, &e);
	if (rc == CS_NOINPUT && r->v[20].type != SQLITE_NULL && may_wait)
		return wait_for_original(k, r);
	if (rc == CS_DATAERR || rc == CS_NOUSER || rc == CS_NOINPUT) {
		k->h->refused(k->h->ctx, r->line, e.msg);
		return CS_OK;
	}
	if (rc != CS_OK)
		return cs_err_set(k->err, rc, "%s", e.msg);
	k->imported++;
	return CS_OK;
}

static int
by_id(const void *pa, const void *pb)
{
	const struct waiting *a = pa, *b = pb;

	if (a->id != b->id)
		return a->id < b->id ? -1 : 1;
	return a->line < b->line ? -1 : a->line > b->line;
}

/* The amendments that waited, in id order; again while any goes in,
 * then once more to report those whose original never came. */
static int
write_waiting(struct copy *k)
{
	sqlite3_stmt *s;
	struct staged r;
	struct waiting *list;
	size_t n, i;
	bool last = false, row = false;
	int rc = CS_OK;

	while (rc == CS_OK && k->n_wait > 0) {
		list = k->wait;
		n = k->n_wait;
		k->wait = NULL;
		k->n_wait = k->wait_cap = 0;
		qsort(list, n, sizeof *list, by_id);
		for (i = 0; rc == CS_OK && i < n; i++) {
			if ((s = stmt_hold(k->st, SQL_ONE, k->err)) == NULL) {
				rc = err_code(k->err);
				break;
			}
			sqlite3_bind_int64(s, 1, list[i].srow);
			rc = stmt_row(k->st, s, &row, "the checked records could not be read", k->err);
			if (rc == CS_OK && !row)
				rc = cs_err_set(k->err, CS_SOFTWARE, "a staged record is missing");
			if (rc == CS_OK)
				rc = read_staged(k, s, &r);
			if (rc == CS_OK)
				rc = one(k, &r, !last);
			stmt_release(k->st, s);
		}
		free(list);
		if (k->n_wait == n)
			last = true;
	}
	return rc;
}

int
store_stage_copy(struct store *st, struct store_stage *sg, int64_t actor_id, int64_t now,
                 const struct store_stage_hooks *h, size_t *imported, struct cs_err *err)
{
	struct copy k = { .st = st, .actor = actor_id, .now = now, .h = h, .err = err };
	sqlite3_stmt *s;
	struct staged r;
	bool row = true;
	int rc;

	*imported = 0;
	if (sg == NULL || !st->bulk)
		return cs_err_set(err, CS_SOFTWARE, "the stage is copied inside a bulk");
	rc = store_contact_max_id(st, &k.top, err);
	if (rc != CS_OK)
		return rc;
	if ((s = stmt_hold(st, SQL_ALL, err)) == NULL)
		return err_code(err);
	while (rc == CS_OK && (rc = stmt_row(st, s, &row, "the checked records could not be"
	                                     " read", err)) == CS_OK && row) {
		if ((rc = read_staged(&k, s, &r)) == CS_OK)
			rc = one(&k, &r, true);
	}
	stmt_release(st, s);
	if (rc == CS_OK)
		rc = copy_decided(&k);
	if (rc == CS_OK)
		rc = write_waiting(&k);
	if (rc == CS_OK)
		rc = copy_decided(&k);
	free(k.wait);
	free(k.abuf);
	*imported = rc == CS_OK ? k.imported : 0;
	return rc;
}
