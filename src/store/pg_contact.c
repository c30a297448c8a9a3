/* pg_contact.c - contacts on a PostgreSQL server: logging one, pages of
 * the log, one contact (with its customer data, the read recorded by the
 * server), a follow-up done, a review.  Every call goes through a
 * function of schema cslog with the session token. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pg_int.h"

#define PAGE 1000
#define MAX_STANDARDS 64

static const char *
tri_text(enum record_tri t)
{
	return t == TRI_YES ? "true" : t == TRI_NO ? "false" : NULL;
}

static const char *
opt(const char *s)
{
	return s != NULL && *s != '\0' ? s : NULL;
}

/* "q1=yes;q2=no" in the order given. */
char *
pgstore_answers_text(const struct contact *c)
{
	size_t i, n = 1, off = 0;
	char *s;

	if (c->n_answers == 0)
		return NULL;
	for (i = 0; i < c->n_answers; i++)
		n += strlen(c->answers[i].question) + 6;
	if ((s = malloc(n)) == NULL)
		return NULL;
	s[0] = '\0';
	for (i = 0; i < c->n_answers; i++)
		off += (size_t)snprintf(s + off, n - off, "%s%s=%s", i ? ";" : "",
		                        c->answers[i].question,
		                        c->answers[i].answer == ANSWER_YES ? "yes" : "no");
	return s;
}

/* "a;b" */
char *
pgstore_standards_text(const struct contact *c)
{
	size_t i, n = 1, off = 0;
	char *s;

	if (c->n_standards == 0)
		return NULL;
	for (i = 0; i < c->n_standards; i++)
		n += strlen(c->standards[i]) + 1;
	if ((s = malloc(n)) == NULL)
		return NULL;
	s[0] = '\0';
	for (i = 0; i < c->n_standards; i++)
		off += (size_t)snprintf(s + off, n - off, "%s%s", i ? ";" : "", c->standards[i]);
	return s;
}

/* A version's own fields, parameters $5 to $24 of contact_log and of
 * contact_amend alike (v[4] .. v[23]); ans and std as made above. */
static void
contact_params(const struct contact *c, const char *ans, const char *std, const char **v)
{
	v[4] = c->policy_version;
	v[5] = c->kind;
	v[6] = c->channel;
	v[7] = opt(c->outcome);
	v[8] = c->summary;
	v[9] = tri_text(c->needs_met);
	v[10] = opt(c->added_value);
	v[11] = tri_text(c->empowered);
	v[12] = ans;
	v[13] = std;
	v[14] = opt(c->referral_to);
	v[15] = tri_text(c->referee_contacted);
	v[16] = opt(c->decision);
	v[17] = opt(c->appeal_info);
	v[18] = opt(c->call_ref);
	v[19] = c->negative ? "true" : "false";
	v[20] = opt(c->customer_name);
	v[21] = opt(c->customer_phone);
	v[22] = opt(c->customer_address);
	v[23] = opt(c->customer_email);
}

/* cslog.contact_log, or with a key cslog.contact_log_keyed (the key
 * and the draft to remove before the same parameters). */
static int
contact_log(struct pgstore *pg, const struct contact *c, const char *key, const char *draft,
            int64_t *id, struct cs_err *err)
{
	char at[24], due[24], lim[24];
	char *ans = pgstore_answers_text(c), *std = pgstore_standards_text(c);
	const char *w[29], **v = w + 2;
	PGresult *r;

	if ((c->n_answers > 0 && ans == NULL) || (c->n_standards > 0 && std == NULL)) {
		free(ans);
		free(std);
		return cs_err_set(err, CS_OSERR, "out of memory");
	}
	snprintf(at, sizeof at, "%lld", (long long)c->at);
	snprintf(due, sizeof due, "%lld", (long long)c->followup_due);
	snprintf(lim, sizeof lim, "%lld", (long long)c->followup_limit);
	w[0] = key;
	w[1] = draft;
	v[0] = pg->token;
	v[1] = opt(c->member_badge);
	v[2] = at;
	v[3] = c->policy_id;
	contact_params(c, ans, std, v);
	v[24] = c->followup_due != 0 ? due : NULL;
	v[25] = c->followup_limit != 0 ? lim : NULL;
	v[26] = opt(c->followup_note);
	if (key != NULL)
		r = pgstore_exec_write(pg, "logging a contact",
		                 "SELECT cslog.contact_log_keyed($1, $2, $3, $4, $5, $6, $7, $8,"
		                 " $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21,"
		                 " $22, $23, $24, $25, $26, $27, $28, $29)", 29, w, err);
	else
		r = pgstore_exec_write(pg, "logging a contact",
		                 "SELECT cslog.contact_log($1, $2, $3, $4, $5, $6, $7, $8, $9,"
		                 " $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22,"
		                 " $23, $24, $25, $26, $27)", 27, v, err);
	free(ans);
	free(std);
	if (r == NULL)
		return pgstore_code(err);
	*id = pgstore_int(r, 0, 0);
	PQclear(r);
	return CS_OK;
}

int
pgstore_contact_log(struct pgstore *pg, const struct contact *c, int64_t *id,
                    struct cs_err *err)
{
	return contact_log(pg, c, NULL, NULL, id, err);
}

int
pgstore_contact_log_keyed(struct pgstore *pg, const struct contact *c, const char *key,
                          const char *draft, int64_t *id, struct cs_err *err)
{
	return contact_log(pg, c, key, draft, id, err);
}

/* ---- reading ------------------------------------------------------------ */

/* One row of cslog.contact_list as a borrowed contact; its answers and
 * standards point into *scratch (the caller frees it). */
struct row {
	struct contact c;
	const char *std[MAX_STANDARDS];
	char *scratch;
};

static void
split_answers(struct row *w, char *s)
{
	char *tok, *save = NULL, *eq;

	for (tok = strtok_r(s, ";", &save); tok != NULL && w->c.n_answers < POLICY_MAX_QUESTIONS;
	     tok = strtok_r(NULL, ";", &save)) {
		if ((eq = strchr(tok, '=')) == NULL)
			continue;
		*eq = '\0';
		w->c.answers[w->c.n_answers].question = tok;
		w->c.answers[w->c.n_answers].answer = strcmp(eq + 1, "yes") == 0 ? ANSWER_YES :
		                                      ANSWER_NO;
		w->c.n_answers++;
	}
}

static void
split_standards(struct row *w, char *s)
{
	char *tok, *save = NULL;
	size_t n = 0;

	for (tok = strtok_r(s, ";", &save); tok != NULL && n < MAX_STANDARDS;
	     tok = strtok_r(NULL, ";", &save))
		w->std[n++] = tok;
	w->c.standards = n > 0 ? w->std : NULL;
	w->c.n_standards = n;
}

static int
row_from(const PGresult *r, int i, bool protected, int64_t now, struct row *w,
         struct cs_err *err)
{
	const char *ans = pgstore_val(r, i, 16), *std = pgstore_val(r, i, 17), *fs;
	size_t na = ans ? strlen(ans) + 1 : 0, ns = std ? strlen(std) + 1 : 0;
	struct contact *c = &w->c;

	memset(w, 0, sizeof *w);
	if ((w->scratch = malloc(na + ns + 1)) == NULL)
		return cs_err_set(err, CS_OSERR, "out of memory");
	if (ans != NULL) {
		memcpy(w->scratch, ans, na);
		split_answers(w, w->scratch);
	}
	if (std != NULL) {
		memcpy(w->scratch + na, std, ns);
		split_standards(w, w->scratch + na);
	}
	c->id = pgstore_int(r, i, 0);
	c->member_id = pgstore_int(r, i, 1);
	c->member_badge = pgstore_val(r, i, 2);
	c->member_name = pgstore_val(r, i, 3);
	c->logged_by = pgstore_int(r, i, 4);
	c->at = pgstore_int(r, i, 5);
	c->logged_at = pgstore_int(r, i, 6);
	c->policy_id = pgstore_val(r, i, 7);
	c->policy_version = pgstore_val(r, i, 8);
	c->kind = pgstore_val(r, i, 9);
	c->channel = pgstore_val(r, i, 10);
	c->outcome = pgstore_val(r, i, 11);
	c->summary = pgstore_val(r, i, 12);
	c->needs_met = pgstore_tri(r, i, 13);
	c->added_value = pgstore_val(r, i, 14);
	c->empowered = pgstore_tri(r, i, 15);
	c->referral_to = pgstore_val(r, i, 18);
	c->referee_contacted = pgstore_tri(r, i, 19);
	c->decision = pgstore_val(r, i, 20);
	c->appeal_info = pgstore_val(r, i, 21);
	c->call_ref = pgstore_val(r, i, 22);
	c->negative = pgstore_tri(r, i, 23) == TRI_YES;
	c->amends = pgstore_int(r, i, 24);
	c->amend_reason = pgstore_val(r, i, 25);
	c->superseded_by = pgstore_int(r, i, 26);
	c->signed_off = pgstore_tri(r, i, 27) == TRI_YES;
	c->n_reviews = (int)pgstore_int(r, i, 28);
	c->debrief_due = c->negative && pgstore_tri(r, i, 29) != TRI_YES;
	c->followup_id = pgstore_int(r, i, 30);
	fs = pgstore_val(r, i, 31);
	c->followup_state = fs == NULL ? FOLLOWUP_OPEN : strcmp(fs, "done") == 0 ? FOLLOWUP_DONE :
	                    strcmp(fs, "paused") == 0 ? FOLLOWUP_PAUSED : FOLLOWUP_OPEN;
	c->followup_due_eff = pgstore_int(r, i, 32);
	c->followup_limit_eff = pgstore_int(r, i, 33);
	c->overdue = c->followup_id != 0 && c->followup_state == FOLLOWUP_OPEN && now > 0 &&
	             c->followup_limit_eff < now;
	c->protected_hidden = !protected && pgstore_tri(r, i, 34) == TRI_YES;
	return CS_OK;
}

static const char LIST_SQL[] =
	"SELECT * FROM cslog.contact_list($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12,"
	" $13, $14, $15)";
/* Every filter (pg_schema_query.c); with the customer data, recorded. */
static const char FIND_SQL[] =
	"SELECT * FROM cslog.contact_find($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12,"
	" $13, $14, $15, $16, $17, $18, $19, $20, $21)";

static const char *
flag(bool b)
{
	return b ? "true" : "false";
}

int
pgstore_contact_query(struct pgstore *pg, const struct contact_filter *f,
                      const struct store_cursor *after, size_t limit,
                      int (*cb)(void *ctx, const struct contact *c), void *ctx,
                      struct store_cursor *next, struct cs_err *err)
{
	char member[24], since[24], until[24], aft[24], lim[24], max[24];
	const char *v[21];
	int64_t last = after != NULL ? after->last_id : 0;
	size_t done = 0, want;
	bool more = false, stop = false;
	int rc = CS_OK, i, n;

	snprintf(member, sizeof member, "%lld", (long long)f->member_id);
	snprintf(since, sizeof since, "%lld", (long long)f->since);
	snprintf(until, sizeof until, "%lld", (long long)f->until);
	snprintf(max, sizeof max, "%lld", (long long)f->max_id);
	v[0] = pg->token;
	v[1] = f->member_id != 0 ? member : NULL;
	v[2] = opt(f->policy_id);
	v[3] = opt(f->kind);
	v[4] = opt(f->channel);
	v[5] = opt(f->outcome);
	v[6] = opt(f->call_ref);
	v[7] = f->since != 0 ? since : NULL;
	v[8] = f->until != 0 ? until : NULL;
	v[11] = flag(f->oldest_first);
	v[12] = flag(f->include_superseded);
	v[13] = flag(f->unreviewed);
	v[14] = f->search;   /* only blanks: no search, as on a file */
	v[15] = flag(f->search_prefix);
	v[16] = flag(f->not_empowered);
	v[17] = flag(f->needs_debrief);
	v[18] = flag(f->overdue);
	v[19] = flag(f->include_protected);
	v[20] = f->max_id != 0 ? max : NULL;
	while (rc == CS_OK && !stop) {
		PGresult *r;

		want = limit == 0 || limit - done > PAGE ? PAGE : limit - done;
		snprintf(aft, sizeof aft, "%lld", (long long)last);
		snprintf(lim, sizeof lim, "%zu", want + 1);
		v[9] = last != 0 ? aft : NULL;
		v[10] = lim;
		/* The customer data's read writes its event: on a standby, the
		 * page is read on the primary (pg_standby.c). */
		r = f->include_protected ?
		    pgstore_exec_primary(pg, "a protected read's record", FIND_SQL, 21, v, err) :
		    pgstore_exec(pg, FIND_SQL, 21, v, err);
		if (r == NULL)
			return pgstore_code(err);
		n = PQntuples(r);
		for (i = 0; i < n && (size_t)i < want && rc == CS_OK; i++) {
			struct row w;

			if ((rc = row_from(r, i, f->include_protected, f->now, &w, err)) != CS_OK)
				break;
			if (f->include_protected) {
				w.c.customer_name = pgstore_val(r, i, 35);
				w.c.customer_phone = pgstore_val(r, i, 36);
				w.c.customer_address = pgstore_val(r, i, 37);
				w.c.customer_email = pgstore_val(r, i, 38);
			}
			last = w.c.id;
			done++;
			if (cb(ctx, &w.c) != 0)
				stop = true;
			free(w.scratch);
			if (stop)
				break;
		}
		more = (size_t)n > want;
		PQclear(r);
		if (!more || (limit != 0 && done >= limit))
			stop = true;
	}
	if (next != NULL)
		*next = (struct store_cursor){ last, more };
	return rc;
}

int
pgstore_contact_get(struct pgstore *pg, int64_t id, bool protected, struct contact *out,
                    struct cs_err *err)
{
	char one[24];
	const char *v[15] = { pg->token };
	const char *pv[2];
	PGresult *r, *p = NULL;
	struct row w;
	int rc;

	memset(out, 0, sizeof *out);
	snprintf(one, sizeof one, "%lld", (long long)id);
	v[10] = "1";
	v[11] = "false";
	v[12] = "true";
	v[13] = "false";
	v[14] = one;
	if ((r = pgstore_exec(pg, LIST_SQL, 15, v, err)) == NULL)
		return pgstore_code(err);
	if (PQntuples(r) == 0) {
		PQclear(r);
		return cs_err_set(err, CS_NOINPUT, "no contact %lld (or not one of yours to read)",
		                  (long long)id);
	}
	if (protected) {
		pv[0] = pg->token;
		pv[1] = one;
		p = pgstore_exec_primary(pg, "reading customer data (the read is recorded)",
		                         "SELECT name, phone, address, email"
		                 " FROM cslog.contact_private_read($1, $2)", 2, pv, err);
		if (p == NULL) {
			PQclear(r);
			return pgstore_code(err);
		}
	}
	rc = row_from(r, 0, protected, 0, &w, err);
	if (rc == CS_OK && p != NULL && PQntuples(p) > 0) {
		w.c.customer_name = pgstore_val(p, 0, 0);
		w.c.customer_phone = pgstore_val(p, 0, 1);
		w.c.customer_address = pgstore_val(p, 0, 2);
		w.c.customer_email = pgstore_val(p, 0, 3);
	}
	if (rc == CS_OK && record_contact_copy(out, &w.c) != 0)
		rc = cs_err_set(err, CS_OSERR, "out of memory");
	free(w.scratch);
	PQclear(p);
	PQclear(r);
	return rc;
}

int
pgstore_followup_done(struct pgstore *pg, int64_t id, const char *note, struct cs_err *err)
{
	char ids[24];
	const char *v[3] = { pg->token, ids, opt(note) };
	PGresult *r;

	snprintf(ids, sizeof ids, "%lld", (long long)id);
	if ((r = pgstore_exec_write(pg, "closing a follow-up",
	                           "SELECT cslog.followup_done($1, $2, $3)", 3, v, err)) == NULL)
		return pgstore_code(err);
	PQclear(r);
	return CS_OK;
}

int
pgstore_review_add(struct pgstore *pg, int64_t contact_id, enum review_kind kind,
                   const char *note, int64_t *id, struct cs_err *err)
{
	char ids[24];
	const char *v[4] = { pg->token, ids, record_review_kind_name(kind), opt(note) };
	PGresult *r;

	snprintf(ids, sizeof ids, "%lld", (long long)contact_id);
	if ((r = pgstore_exec_write(pg, "a review",
	                           "SELECT cslog.review_add($1, $2, $3, $4)", 4, v, err)) == NULL)
		return pgstore_code(err);
	*id = pgstore_int(r, 0, 0);
	PQclear(r);
	return CS_OK;
}

int
pgstore_contact_amend(struct pgstore *pg, int64_t old_id, const struct contact *c,
                      const char *reason, int64_t *id, struct cs_err *err)
{
	char at[24], old[24];
	char *ans = pgstore_answers_text(c), *std = pgstore_standards_text(c);
	const char *v[24];
	PGresult *r;

	if ((c->n_answers > 0 && ans == NULL) || (c->n_standards > 0 && std == NULL)) {
		free(ans);
		free(std);
		return cs_err_set(err, CS_OSERR, "out of memory");
	}
	snprintf(at, sizeof at, "%lld", (long long)c->at);
	snprintf(old, sizeof old, "%lld", (long long)old_id);
	v[0] = pg->token;
	v[1] = old;
	v[2] = reason;
	v[3] = at;
	contact_params(c, ans, std, v);
	r = pgstore_exec_write(pg, "amending a contact",
	                 "SELECT cslog.contact_amend($1, $2, $3, $4, $5, $6, $7, $8, $9,"
	                 " $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22,"
	                 " $23, $24)", 24, v, err);
	free(ans);
	free(std);
	if (r == NULL)
		return pgstore_code(err);
	*id = pgstore_int(r, 0, 0);
	PQclear(r);
	return CS_OK;
}
