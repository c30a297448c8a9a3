/* report.c - report figures from the store's aggregates. */
#include "cslog/report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app_int.h"

static const struct { const char *name; enum store_dim dim; } bys[] = {
	[REPORT_KIND] = { "kind", DIM_KIND },
	[REPORT_CHANNEL] = { "channel", DIM_CHANNEL },
	[REPORT_OUTCOME] = { "outcome", DIM_OUTCOME },
	[REPORT_MEMBER] = { "member", DIM_MEMBER },
	[REPORT_DAY] = { "day", DIM_DAY },
	[REPORT_QUESTION] = { "question", DIM_QUESTION_FAILED },
	[REPORT_EMPOWERED] = { "empowered", DIM_EMPOWERED },
	[REPORT_NEEDS_MET] = { "needs-met", DIM_NEEDS_MET },
	[REPORT_ADDED_VALUE] = { "added-value", DIM_ADDED_VALUE },
	[REPORT_MEMBER_ADDED] = { "added-value-by-member", DIM_MEMBER_ADDED },
	[REPORT_SUMMARY] = { "summary", DIM_COUNT },
	[REPORT_DRILLS] = { "drills", DIM_COUNT },
};
#define N_BYS (sizeof bys / sizeof bys[0])

int
report_parse_by(const char *s)
{
	size_t i;

	for (i = 0; i < N_BYS; i++) {
		if (strcmp(bys[i].name, s) == 0)
			return (int)i;
	}
	return -1;
}

const char *
report_by_name(enum report_by by)
{
	return bys[by].name;
}

void
report_free(struct report *r)
{
	size_t i;

	for (i = 0; i < r->n; i++) {
		free(r->rows[i].value);
		free(r->rows[i].label);
	}
	free(r->rows);
	memset(r, 0, sizeof *r);
}

struct collect {
	struct report *r;
	bool failed;
};

static int
add_row(void *ctx, const char *value, int64_t n)
{
	struct collect *c = ctx;
	struct report_row *rows;

	rows = realloc(c->r->rows, (c->r->n + 1) * sizeof *rows);
	if (rows == NULL) {
		c->failed = true;
		return 1;
	}
	c->r->rows = rows;
	rows[c->r->n].value = strdup(value);
	rows[c->r->n].label = NULL;
	rows[c->r->n].n = n;
	rows[c->r->n].of = 0;
	if (rows[c->r->n].value == NULL) {
		c->failed = true;
		return 1;
	}
	c->r->n++;
	c->r->total += n;
	return 0;
}

/* question: the "asked" counts beside the failures. */
static int
add_asked(void *ctx, const char *value, int64_t n)
{
	struct report *r = ctx;
	struct collect col;
	size_t i;

	for (i = 0; i < r->n; i++) {
		if (strcmp(r->rows[i].value, value) == 0) {
			r->rows[i].of = n;
			return 0;
		}
	}
	col.r = r;
	col.failed = false;
	if (add_row(&col, value, 0) != 0)
		return 1;
	r->rows[r->n - 1].of = n;
	return 0;
}

/* added value by member: each member's contacts beside their count. */
static int
add_of(void *ctx, const char *value, int64_t n)
{
	struct report *r = ctx;
	size_t i;

	for (i = 0; i < r->n; i++) {
		if (strcmp(r->rows[i].value, value) == 0)
			r->rows[i].of = n;
	}
	return 0;
}

/* Append a row to r (for summaries); -1 out of memory. */
int
report_add(struct report *r, const char *value, int64_t n, int64_t of)
{
	struct collect c = { r, false };

	if (add_row(&c, value, n) != 0)
		return -1;
	r->rows[r->n - 1].of = of;
	return 0;
}

/* "Name (BADGE)" for a member's row. */
static void
member_label(struct report_row *row, const struct member *m)
{
	size_t len = strlen(m->name) + strlen(m->badge) + 4;
	char *l = malloc(len);

	if (l == NULL)
		return;
	snprintf(l, len, "%s (%s)", m->name, m->badge);
	free(row->label);
	row->label = l;
}

/* Rows by member id become rows by badge, labelled with the name. */
static void
member_badges(struct store *st, struct report *r)
{
	struct member m = { 0 };
	size_t i;
	char *badge;

	for (i = 0; i < r->n; i++) {
		if (store_member_get(st, strtoll(r->rows[i].value, NULL, 10), &m, NULL) != CS_OK)
			continue;
		badge = strdup(m.badge);
		if (badge != NULL) {
			free(r->rows[i].value);
			r->rows[i].value = badge;
		}
		member_label(&r->rows[i], &m);
		record_member_clear(&m);
	}
}

/* A question's text, from policy's policy or any that has the id. */
static const char *
question_text(const struct app *a, const char *policy, const char *id)
{
	const struct policy *p = policy != NULL ? policy_set_find(&a->policies, policy) : NULL;
	size_t i;
	int q;

	if (p != NULL && (q = policy_question_index(p, id)) >= 0)
		return p->questions[q].text;
	for (i = 0; a->policies_loaded && i < a->policies.n; i++) {
		if ((q = policy_question_index(a->policies.items[i], id)) >= 0)
			return a->policies.items[i]->questions[q].text;
	}
	return id;
}

static int
by_count(const void *x, const void *y)
{
	const struct report_row *a = x, *b = y;

	if (a->n != b->n)
		return a->n > b->n ? -1 : 1;
	return strcmp(a->value, b->value);
}

/* What people read, and the order they read it in. */
static void
finish(struct app *a, struct store *st, enum report_by by, const char *policy,
       struct report *r)
{
	struct member m = { 0 };
	const char *l;
	size_t i;

	int what = by == REPORT_KIND ? 'k' : by == REPORT_CHANNEL ? 'c'
	           : by == REPORT_OUTCOME ? 'o' : 0;
	char all[512];

	for (i = 0; i < r->n; i++) {
		struct report_row *row = &r->rows[i];
		l = what != 0 ? app_label(a, policy, what, row->value)
		    : by == REPORT_QUESTION ? question_text(a, policy, row->value) : row->value;
		/* Counted over several policies that label the id differently:
		 * every label. */
		if (what != 0 && l == row->value) {
			app_label_all(a, what, row->value, all, sizeof all);
			l = all;
		}
		if (l != row->value && strcmp(l, row->value) != 0 && row->label == NULL)
			row->label = strdup(l);
		if (by == REPORT_DRILLS && st != NULL &&
		    store_member_find(st, row->value, &m, NULL) == CS_OK) {
			member_label(row, &m);
			record_member_clear(&m);
		}
	}
	if (by != REPORT_DAY && by != REPORT_SUMMARY && r->n > 1)
		qsort(r->rows, r->n, sizeof *r->rows, by_count);
}

const char *
report_row_label(const struct report_row *row)
{
	return row->label != NULL ? row->label : row->value;
}

/* Whose contacts a report counts: a member's own, or everyone's; and
 * whether who may see figures member by member at all. */
int
report_scope(const struct app_actor *who, enum report_by by, int64_t *member_id,
             struct cs_err *err)
{
	enum app_scope s = app_scope_of(who, APP_REPORT);
	int rc;

	*member_id = 0;
	if (by == REPORT_MEMBER || by == REPORT_MEMBER_ADDED || by == REPORT_DRILLS)
		return app_may(who, APP_REPORT_BY_MEMBER, 0, err);
	if (s == SCOPE_OWN)
		*member_id = who->id;
	rc = app_may(who, APP_REPORT, *member_id, err);
	return rc;
}

/* From the aggregates, or for one member from their contacts; on a
 * server, the server's (report_pg.c). */
static int
counts(struct app *a, struct store *st, enum store_dim dim, const char *since,
       const char *until, const char *policy, int64_t member, store_report_cb cb, void *ctx,
       struct cs_err *err)
{
	if (st == NULL)
		return app_pg_report_counts(a, dim, since, until, policy, member, cb, ctx, err);
	if (member != 0)
		return store_report_fullscan(st, dim, since, until, policy, member, cb, ctx, err);
	return store_report(st, dim, since, until, policy, cb, ctx, err);
}

int
report_run(struct app *a, const struct app_actor *who, enum report_by by,
           const char *since_day, const char *until_day, const char *policy,
           struct report *out, struct cs_err *err)
{
	struct store *st;
	struct collect c = { out, false };
	int64_t m;
	int rc = report_scope(who, by, &m, err);

	memset(out, 0, sizeof *out);
	if (rc != CS_OK)
		return rc;
	if (app_db_is_server(a))   /* the server's figures: report_pg.c, report_drills.c */
		st = NULL;
	else if ((st = app_store(a, err)) == NULL)
		return app_err(err);
	app_now(a);
	if (by == REPORT_SUMMARY)
		return report_summary(a, who, since_day, until_day, policy, out, err);
	if (by == REPORT_DRILLS) {
		rc = report_drills(a, who, since_day, until_day, policy, out, err);
		if (rc == CS_OK)
			finish(a, st, by, policy, out);
		return rc;
	}
	rc = counts(a, st, bys[by].dim, since_day, until_day, policy, m, add_row, &c, err);
	if (rc == CS_OK && by == REPORT_QUESTION)
		rc = counts(a, st, DIM_QUESTION_ASKED, since_day, until_day, policy, m, add_asked,
		            out, err);
	if (rc == CS_OK && c.failed)
		rc = cs_err_set(err, CS_OSERR, "out of memory");
	if (rc == CS_OK && by == REPORT_MEMBER_ADDED)
		rc = counts(a, st, DIM_MEMBER, since_day, until_day, policy, m, add_of, out, err);
	if (rc == CS_OK && (by == REPORT_MEMBER || by == REPORT_MEMBER_ADDED)) {
		if (st != NULL)
			member_badges(st, out);
		else
			rc = app_pg_report_badges(a, who, out, err);
	}
	if (rc == CS_OK)
		finish(a, st, by, policy, out);
	if (rc != CS_OK)
		report_free(out);
	return rc;
}
