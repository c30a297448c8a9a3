/* read.c - reading contacts back: one contact, its versions, its
 * amendments; redaction of protected data. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static const char SQL_GET[] = "SELECT " CONTACT_COLS CONTACT_FROM "WHERE c.id = ?1";
static const char SQL_ANSWERS[] =
	"SELECT question_id, answer FROM contact_answer WHERE contact_id = ?1 ORDER BY ord";
static const char SQL_FOLLOWUP[] =
	"SELECT id, state, due_eff, limit_eff, paused_seconds, limit_at, paused_at FROM followup"
	" WHERE contact_id = ?1 AND state < 2 ORDER BY state, due_eff, id LIMIT 1";
static const char SQL_PRIVATE[] =
	"SELECT customer_name, customer_phone, customer_address, customer_email,"
	" redacted_at FROM contact_private WHERE contact_id = ?1";
/* The first version of the chain holding ?1, then every version after. */
static const char SQL_CHAIN[] =
	"WITH RECURSIVE up(id, amends) AS ("
	"  SELECT id, amends FROM contact WHERE id = ?1"
	"  UNION ALL SELECT c.id, c.amends FROM contact c JOIN up ON c.id = up.amends),"
	" down(id) AS ("
	"  SELECT id FROM up WHERE amends IS NULL"
	"  UNION ALL SELECT c.id FROM contact c JOIN down ON c.amends = down.id)"
	" SELECT " CONTACT_COLS CONTACT_FROM "JOIN down d ON d.id = c.id ORDER BY c.id";
static const char SQL_MAX[] = "SELECT coalesce(max(id), 0) FROM contact";
static const char SQL_REDACT[] =
	"UPDATE contact_private SET salt = NULL, customer_name = NULL,"
	" customer_phone = NULL, customer_address = NULL, customer_email = NULL,"
	" redacted_at = ?2, redacted_by = ?3 WHERE contact_id = ?1 AND redacted_at IS NULL";
static const char SQL_REDACT_STUB[] =
	"INSERT OR IGNORE INTO contact_private (contact_id, redacted_at, redacted_by)"
	" VALUES (?1, ?2, ?3)";
static const char SQL_REDACTED[] =
	"SELECT redacted_at FROM contact_private WHERE contact_id = ?1";
static const char SQL_REDACT_DETAIL[] =
	"SELECT json_object('reason', ?1, 'row', (SELECT " ROW_PRIVATE
	" FROM contact_private WHERE contact_private.contact_id = ?2))";

/* Copy column i; *oom set when memory ran out (NULL stays NULL). */
static const char *
dupc(struct record_mem **m, sqlite3_stmt *s, int i, bool *oom)
{
	const char *t = col_dup(m, s, i);

	if (t == NULL && sqlite3_column_type(s, i) != SQLITE_NULL)
		*oom = true;
	return t;
}

static bool
split_standards(struct contact *c, const char *text)
{
	const char **v;
	const char *p, *e;
	size_t n = 1, i = 0;

	if (text == NULL || *text == '\0')
		return true;
	for (p = text; *p != '\0'; p++)
		n += *p == ' ';
	v = mem_alloc(&c->mem, n * sizeof *v);
	if (v == NULL)
		return false;
	for (p = text; *p != '\0' && i < n; p = *e != '\0' ? e + 1 : e) {
		e = strchr(p, ' ');
		if (e == NULL)
			e = p + strlen(p);
		v[i] = mem_strndup(&c->mem, p, (size_t)(e - p));
		if (v[i++] == NULL)
			return false;
	}
	c->standards = v;
	c->n_standards = i;
	return true;
}

static void
decode_row(sqlite3_stmt *s, struct contact *c, bool *oom)
{
	struct record_mem **m = &c->mem;

	c->id = sqlite3_column_int64(s, 0);
	c->member_id = sqlite3_column_int64(s, 1);
	c->at = sqlite3_column_int64(s, 2);
	c->logged_at = sqlite3_column_int64(s, 3);
	c->logged_by = sqlite3_column_int64(s, 4);
	c->policy_id = dupc(m, s, 5, oom);
	c->policy_version = dupc(m, s, 6, oom);
	c->kind = dupc(m, s, 7, oom);
	c->channel = dupc(m, s, 8, oom);
	c->outcome = dupc(m, s, 9, oom);
	c->summary = dupc(m, s, 10, oom);
	c->needs_met = col_tri(s, 11);
	c->added_value = dupc(m, s, 12, oom);
	c->empowered = col_tri(s, 13);
	c->referral_to = dupc(m, s, 15, oom);
	c->referee_contacted = col_tri(s, 16);
	c->decision = dupc(m, s, 17, oom);
	c->appeal_info = dupc(m, s, 18, oom);
	c->call_ref = dupc(m, s, 19, oom);
	c->amends = sqlite3_column_int64(s, 20);
	c->amend_reason = dupc(m, s, 21, oom);
	c->superseded_by = sqlite3_column_int64(s, 22);
	c->member_badge = dupc(m, s, 23, oom);
	c->member_name = dupc(m, s, 24, oom);
	c->signed_off = sqlite3_column_int(s, 25) != 0;
	c->n_reviews = sqlite3_column_int(s, 26);
	c->debrief_due = sqlite3_column_int(s, 27) != 0;
	if (!split_standards(c, (const char *)sqlite3_column_text(s, 14)))
		*oom = true;
}

static int
read_answers(struct store *st, struct contact *c, bool *oom, struct cs_err *err)
{
	sqlite3_stmt *s = stmt_get(st, SQL_ANSWERS, err);
	const unsigned char *a;
	bool row = true;
	int rc;

	if (s == NULL)
		return err_code(err);
	sqlite3_bind_int64(s, 1, c->id);
	while ((rc = stmt_row(st, s, &row, "cannot read the log", err)) == CS_OK && row &&
	       c->n_answers < POLICY_MAX_QUESTIONS) {
		c->answers[c->n_answers].question = dupc(&c->mem, s, 0, oom);
		a = sqlite3_column_text(s, 1);
		c->answers[c->n_answers++].answer =
			a != NULL && strcmp((const char *)a, "yes") == 0 ? ANSWER_YES : ANSWER_NO;
	}
	sqlite3_reset(s);
	return rc;
}

static int
read_followup(struct store *st, struct contact *c, int64_t now, struct cs_err *err)
{
	sqlite3_stmt *s = stmt_get(st, SQL_FOLLOWUP, err);
	bool row;
	int rc;

	if (s == NULL)
		return err_code(err);
	sqlite3_bind_int64(s, 1, c->id);
	rc = stmt_row(st, s, &row, "cannot read the log", err);
	if (rc == CS_OK && row) {
		c->followup_id = sqlite3_column_int64(s, 0);
		c->followup_state = (enum followup_state)sqlite3_column_int(s, 1);
		c->followup_due_eff = sqlite3_column_int64(s, 2);
		c->followup_limit_eff = sqlite3_column_int64(s, 3);
		c->overdue = deadline_overdue(sqlite3_column_int64(s, 5), sqlite3_column_int64(s, 4),
		    c->followup_state == FOLLOWUP_PAUSED ? sqlite3_column_int64(s, 6) : 0, false, now);
	}
	sqlite3_reset(s);
	return rc;
}

static int
read_private(struct store *st, struct contact *c, bool protected, bool *oom,
             struct cs_err *err)
{
	sqlite3_stmt *s = stmt_get(st, SQL_PRIVATE, err);
	bool row;
	int rc, i;

	if (s == NULL)
		return err_code(err);
	sqlite3_bind_int64(s, 1, c->id);
	rc = stmt_row(st, s, &row, "cannot read the log", err);
	if (rc == CS_OK && row) {
		c->redacted_at = sqlite3_column_int64(s, 4);
		for (i = 0; i < 4 && !protected; i++)
			c->protected_hidden |= sqlite3_column_type(s, i) != SQLITE_NULL;
		if (protected) {
			c->customer_name = dupc(&c->mem, s, 0, oom);
			c->customer_phone = dupc(&c->mem, s, 1, oom);
			c->customer_address = dupc(&c->mem, s, 2, oom);
			c->customer_email = dupc(&c->mem, s, 3, oom);
		}
	}
	sqlite3_reset(s);
	return rc;
}

int
contact_decode(struct store *st, sqlite3_stmt *s, bool protected, int64_t now,
               struct contact *c, struct cs_err *err)
{
	bool oom = false;
	int rc;

	memset(c, 0, sizeof *c);
	decode_row(s, c, &oom);
	rc = read_answers(st, c, &oom, err);
	if (rc == CS_OK)
		rc = read_followup(st, c, now, err);
	if (rc == CS_OK)
		rc = read_private(st, c, protected, &oom, err);
	if (rc == CS_OK && oom)
		rc = cs_err_set(err, CS_OSERR, "out of memory");
	if (rc != CS_OK)
		record_contact_clear(c);
	return rc;
}

int
store_contact_get(struct store *st, int64_t id, unsigned flags, int64_t now,
                  struct contact *out, struct cs_err *err)
{
	sqlite3_stmt *s = stmt_get(st, SQL_GET, err);
	bool row;
	int rc;

	memset(out, 0, sizeof *out);
	if (s == NULL)
		return err_code(err);
	sqlite3_bind_int64(s, 1, id);
	rc = stmt_row(st, s, &row, "cannot read the log", err);
	if (rc == CS_OK && !row)
		rc = cs_err_set(err, CS_NOINPUT, "no contact %lld", (long long)id);
	else if (rc == CS_OK)
		rc = contact_decode(st, s, (flags & STORE_PROTECTED) != 0, now, out, err);
	sqlite3_reset(s);
	return rc;
}

/* Call fn for every version of the chain of id, oldest first. */
static int
each_version(struct store *st, int64_t id, int (*fn)(void *ctx, struct contact *c),
             void *ctx, struct cs_err *err)
{
	sqlite3_stmt *s = stmt_hold(st, SQL_CHAIN, err);
	struct contact c;
	bool row = true, any = false;
	int rc = CS_OK, stop = 0;

	if (s == NULL)
		return err_code(err);
	sqlite3_bind_int64(s, 1, id);
	while (!stop && (rc = stmt_row(st, s, &row, "cannot read the log", err)) == CS_OK
	       && row) {
		any = true;
		rc = contact_decode(st, s, false, 0, &c, err);
		if (rc != CS_OK)
			break;
		stop = fn(ctx, &c);
		record_contact_clear(&c);
	}
	stmt_release(st, s);
	if (rc == CS_OK && !any)
		rc = cs_err_set(err, CS_NOINPUT, "no contact %lld", (long long)id);
	return rc;
}

struct version_ctx {
	store_contact_cb cb;
	int (*acb)(void *ctx, const struct amendment *a);
	void *ctx;
};

static int
on_version(void *ctx, struct contact *c)
{
	struct version_ctx *v = ctx;

	return v->cb(v->ctx, c);
}

static int
on_amendment(void *ctx, struct contact *c)
{
	struct version_ctx *v = ctx;
	struct amendment a;

	if (c->amends == 0)
		return 0;
	memset(&a, 0, sizeof a);
	a.id = c->id;
	a.original_id = c->amends;
	a.at = c->logged_at;
	a.actor_id = c->logged_by;
	a.reason = c->amend_reason;
	return v->acb(v->ctx, &a);
}

int
store_contact_versions(struct store *st, int64_t id, store_contact_cb cb, void *ctx,
                       struct cs_err *err)
{
	struct version_ctx v = { cb, NULL, ctx };

	return each_version(st, id, on_version, &v, err);
}

int
store_amendment_list(struct store *st, int64_t id,
                     int (*cb)(void *ctx, const struct amendment *a), void *ctx,
                     struct cs_err *err)
{
	struct version_ctx v = { NULL, cb, ctx };

	return each_version(st, id, on_amendment, &v, err);
}

int
store_contact_max_id(struct store *st, int64_t *id, struct cs_err *err)
{
	return stmt_int64(st, SQL_MAX, 0, id, NULL, "cannot read the log", err);
}

static int
redact(struct store *st, int64_t actor_id, int64_t id, const char *reason, int64_t now,
       struct cs_err *err)
{
	sqlite3_stmt *s = stmt_get(st, SQL_REDACTED, err), *d;
	bool row;
	int rc;

	if (s == NULL)
		return err_code(err);
	sqlite3_bind_int64(s, 1, id);
	rc = stmt_row(st, s, &row, "cannot read the log", err);
	if (rc == CS_OK && row && sqlite3_column_type(s, 0) != SQLITE_NULL)
		rc = cs_err_set(err, CS_DATAERR, "contact %lld is already redacted",
		                (long long)id);
	sqlite3_reset(s);
	if (rc == CS_OK)   /* never vouch for data changed behind cslog's back */
		rc = attest_private(st, id, err);
	if (rc != CS_OK)
		return rc;
	s = stmt_get(st, row ? SQL_REDACT : SQL_REDACT_STUB, err);
	if (s == NULL)
		return err_code(err);
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, now);
	bind_id(s, 3, actor_id);
	rc = stmt_done(st, s, "the contact was not redacted", err);
	if (rc != CS_OK)
		return rc;
	if ((d = stmt_get(st, SQL_REDACT_DETAIL, err)) == NULL)
		return err_code(err);
	bind_text(d, 1, reason);
	sqlite3_bind_int64(d, 2, id);
	return audit_append(st, actor_id, "contact.redact", "contact", id, now, d, err);
}

int
store_contact_redact(struct store *st, int64_t actor_id, int64_t id, const char *reason,
                     int64_t now, struct cs_err *err)
{
	struct contact c;
	int rc = store_contact_get(st, id, 0, now, &c, err);

	record_contact_clear(&c);
	if (rc == CS_OK)
		rc = tx_begin_for(st, "the contact was not redacted", err);
	if (rc != CS_OK)
		return rc;
	return tx_end(st, redact(st, actor_id, id, reason, now, err), err);
}
