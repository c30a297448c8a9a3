/* pg_measures.c - the measures on a PostgreSQL server: secret-shopper
 * evaluations kept, read and counted through cslog.shopper_add,
 * shopper_list and shopper_tally (pg_schema_measures.c), as a file's
 * store_shopper_* (shopper.c).  The server decides who may record and
 * see which, counts met and scored from the items, and stamps the time
 * an evaluation was logged. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cslog/measures.h"
#include "cslog/pgstore_measures.h"
#include "cslog/store_measures.h"

#include "internal.h"
#include "pg_int.h"

char *
pgstore_array_lit(const char *(*el)(const void *ctx, size_t i, char *buf), const void *ctx, size_t n)
{
	size_t len = 3, i;
	char buf[32], *out, *o;
	const char *s, *p;

	for (i = 0; i < n; i++)
		len += (s = el(ctx, i, buf)) != NULL ? 2 * strlen(s) + 3 : 5;
	if ((out = malloc(len)) == NULL)
		return NULL;
	o = out;
	*o++ = '{';
	for (i = 0; i < n; i++) {
		if (i > 0)
			*o++ = ',';
		if ((s = el(ctx, i, buf)) == NULL) {
			memcpy(o, "NULL", 4);
			o += 4;
			continue;
		}
		*o++ = '"';
		for (p = s; *p != '\0'; p++) {
			if (*p == '"' || *p == '\\')
				*o++ = '\\';
			*o++ = *p;
		}
		*o++ = '"';
	}
	*o++ = '}';
	*o = '\0';
	return out;
}

static const char *
el_item(const void *ctx, size_t i, char *buf)
{
	(void)buf;
	return ((const struct shopper_item *)ctx)[i].item_id;
}

static const char *
el_measured(const void *ctx, size_t i, char *buf)
{
	(void)buf;
	return ((const struct shopper_item *)ctx)[i].measured ? "t" : "f";
}

static const char *
el_result(const void *ctx, size_t i, char *buf)
{
	(void)buf;
	return eval_result_name(((const struct shopper_item *)ctx)[i].result);
}

static const char *
el_value(const void *ctx, size_t i, char *buf)
{
	const struct shopper_item *it = &((const struct shopper_item *)ctx)[i];

	if (!it->measured || it->result == EVAL_NOT_OBSERVED)
		return NULL;
	snprintf(buf, 32, "%ld", it->value);
	return buf;
}

int
pgstore_shopper_add(struct pgstore *pg, const struct shopper_eval *e, int64_t *id,
                    struct cs_err *err)
{
	char at[24], member[24], *arr[4];
	const char *(*const el[4])(const void *, size_t, char *) = { el_item, el_measured,
	                                                             el_result, el_value };
	PGresult *r = NULL;
	size_t i;
	int rc = CS_OK;

	*id = 0;
	for (i = 0; i < 4; i++)
		arr[i] = pgstore_array_lit(el[i], e->items, e->n_items);
	snprintf(at, sizeof at, "%lld", (long long)e->at);
	snprintf(member, sizeof member, "%lld", (long long)e->member_id);
	if (arr[0] == NULL || arr[1] == NULL || arr[2] == NULL || arr[3] == NULL) {
		rc = cs_err_set(err, CS_OSERR, "out of memory");
	} else {
		const char *v[] = { pg->token, e->at != 0 ? at : NULL, e->policy_id,
		                    e->policy_version, e->channel, e->member_id != 0 ? member : NULL,
		                    opt(e->unit), opt(e->note), arr[0], arr[1], arr[2], arr[3] };

		r = pgstore_exec_write(pg, "recording an evaluation",
		                       "SELECT cslog.shopper_add($1, $2, $3, $4, $5, $6, $7, $8, $9,"
		                       " $10, $11, $12)", 12, v, err);
		if (r == NULL)
			rc = pgstore_code(err);
		else
			*id = pgstore_int(r, 0, 0);
	}
	PQclear(r);
	for (i = 0; i < 4; i++)
		free(arr[i]);
	return rc;
}

/* "item US measured US result US value RS ..." into e's items. */
static int
items_from(const char *text, struct shopper_eval *e, struct record_mem **m)
{
	struct shopper_item *v;
	size_t n = 1, i = 0;
	const char *p;
	char *buf, *one, *next, *f[4];
	int k;

	if (text == NULL || *text == '\0')
		return 0;
	for (p = text; *p != '\0'; p++)
		n += *p == '\x1e';
	if ((v = mem_alloc(m, n * sizeof *v)) == NULL ||
	    (buf = mem_alloc(m, strlen(text) + 1)) == NULL)
		return -1;
	memcpy(buf, text, strlen(text) + 1);
	for (next = buf; next != NULL && i < n;) {
		one = next;
		if ((next = strchr(one, '\x1e')) != NULL)
			*next++ = '\0';
		f[0] = one;
		for (k = 1; k < 4; k++) {
			if ((f[k] = strchr(f[k - 1], '\x1f')) == NULL)
				break;
			*f[k]++ = '\0';
		}
		if (k < 4)
			continue;
		v[i].item_id = f[0];
		v[i].measured = strcmp(f[1], "true") == 0;
		k = eval_result_parse(f[2]);
		v[i].result = k < 0 ? EVAL_NOT_OBSERVED : (enum eval_result)k;
		v[i].value = *f[3] != '\0' ? strtol(f[3], NULL, 10) : -1;
		i++;
	}
	e->items = v;
	e->n_items = i;
	return 0;
}

/* Row i of shopper_list into *e (owned: record_shopper_clear). */
static int
eval_from(const PGresult *r, int i, struct shopper_eval *e, struct cs_err *err)
{
	struct record_mem *m = NULL;
	int bad;

	memset(e, 0, sizeof *e);
	e->id = pgstore_int(r, i, 0);
	e->evaluator_id = pgstore_int(r, i, 1);
	e->logged_at = pgstore_int(r, i, 2);
	e->at = pgstore_int(r, i, 3);
	e->policy_id = mem_strdup(&m, pgstore_val(r, i, 4));
	e->policy_version = mem_strdup(&m, pgstore_val(r, i, 5));
	e->channel = mem_strdup(&m, pgstore_val(r, i, 6));
	e->member_id = pgstore_int(r, i, 7);
	e->unit = mem_strdup(&m, pgstore_val(r, i, 8));
	e->met = (int)pgstore_int(r, i, 9);
	e->scored = (int)pgstore_int(r, i, 10);
	e->note = mem_strdup(&m, pgstore_val(r, i, 11));
	e->member_badge = mem_strdup(&m, pgstore_val(r, i, 12));
	e->evaluator_badge = mem_strdup(&m, pgstore_val(r, i, 13));
	bad = items_from(pgstore_val(r, i, 14), e, &m);
	e->mem = m;
	if (bad || e->policy_id == NULL || e->channel == NULL || e->evaluator_badge == NULL)
		return cs_err_set(err, CS_OSERR, "out of memory");
	return CS_OK;
}

struct filter_vals {
	char id[24], since[24], until[24], member[24], evaluator[24];
};

static void
filter_vals(const struct measure_filter *f, int64_t id, struct filter_vals *fv,
            const char **v)
{
	snprintf(fv->id, sizeof fv->id, "%lld", (long long)id);
	snprintf(fv->since, sizeof fv->since, "%lld", (long long)f->since);
	snprintf(fv->until, sizeof fv->until, "%lld", (long long)f->until);
	snprintf(fv->member, sizeof fv->member, "%lld", (long long)f->member_id);
	snprintf(fv->evaluator, sizeof fv->evaluator, "%lld", (long long)f->evaluator_id);
	v[0] = id != 0 ? fv->id : NULL;
	v[1] = f->since != 0 ? fv->since : NULL;
	v[2] = f->until != 0 ? fv->until : NULL;
	v[3] = opt(f->policy_id);
	v[4] = f->member_id != 0 ? fv->member : NULL;
	v[5] = f->evaluator_id != 0 ? fv->evaluator : NULL;
}

static int
shopper_rows(struct pgstore *pg, const struct measure_filter *f, int64_t id,
             int (*cb)(void *ctx, struct shopper_eval *e), void *ctx, struct cs_err *err)
{
	struct filter_vals fv;
	const char *v[7] = { pg->token };
	struct shopper_eval e;
	PGresult *r;
	int i, rc = CS_OK, stop = 0;

	filter_vals(f, id, &fv, v + 1);
	r = pgstore_exec(pg, "SELECT * FROM cslog.shopper_list($1, $2, $3, $4, $5, $6, $7)", 7, v,
	                 err);
	if (r == NULL)
		return pgstore_code(err);
	for (i = 0; i < PQntuples(r) && !stop && rc == CS_OK; i++) {
		if ((rc = eval_from(r, i, &e, err)) == CS_OK)
			stop = cb(ctx, &e);
		else
			record_shopper_clear(&e);
	}
	PQclear(r);
	return rc;
}

struct one {
	struct shopper_eval *out;
	bool found;
};

static int
keep_one(void *ctx, struct shopper_eval *e)
{
	struct one *o = ctx;

	*o->out = *e;   /* owned now by the caller */
	o->found = true;
	return 1;
}

int
pgstore_shopper_get(struct pgstore *pg, int64_t id, struct shopper_eval *out,
                    struct cs_err *err)
{
	struct measure_filter f = { 0 };
	struct one o = { out, false };
	int rc;

	memset(out, 0, sizeof *out);
	rc = shopper_rows(pg, &f, id, keep_one, &o, err);
	if (rc == CS_OK && !o.found)
		rc = cs_err_set(err, CS_NOINPUT, "no evaluation %lld", (long long)id);
	return rc;
}

struct each {
	int (*cb)(void *ctx, const struct shopper_eval *e);
	void *ctx;
};

static int
pass_one(void *ctx, struct shopper_eval *e)
{
	struct each *x = ctx;
	int stop = x->cb(x->ctx, e);

	record_shopper_clear(e);
	return stop;
}

int
pgstore_shopper_list(struct pgstore *pg, const struct measure_filter *f,
                     int (*cb)(void *ctx, const struct shopper_eval *e), void *ctx,
                     struct cs_err *err)
{
	struct each x = { cb, ctx };

	return shopper_rows(pg, f, 0, pass_one, &x, err);
}

int
pgstore_shopper_tally(struct pgstore *pg, const struct measure_filter *f, enum shopper_by by,
                      int (*cb)(void *ctx, const struct shopper_tally *t), void *ctx,
                      struct cs_err *err)
{
	static const char *const names[] = { "item", "channel", "member", "month", "all" };
	struct filter_vals fv;
	const char *v[7] = { pg->token };
	struct shopper_tally t;
	PGresult *r;
	int i;

	if ((unsigned)by > SHOPPER_BY_ALL)
		return cs_err_set(err, CS_SOFTWARE, "no such count of evaluations");
	filter_vals(f, 0, &fv, v + 1);
	v[1] = names[by];
	r = pgstore_exec(pg, "SELECT value, evaluations, perfect, met, scored"
	                 " FROM cslog.shopper_tally($1, $2, $3, $4, $5, $6, $7)", 7, v, err);
	if (r == NULL)
		return pgstore_code(err);
	for (i = 0; i < PQntuples(r); i++) {
		t.value = pgstore_val(r, i, 0) != NULL ? pgstore_val(r, i, 0) : "";
		t.evaluations = pgstore_int(r, i, 1);
		t.perfect = pgstore_int(r, i, 2);
		t.met = pgstore_int(r, i, 3);
		t.scored = pgstore_int(r, i, 4);
		if (cb(ctx, &t) != 0)
			break;
	}
	PQclear(r);
	return CS_OK;
}
