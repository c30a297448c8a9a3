/* agg.c - aggregates for reports, kept as contacts are written.
 *
 * Table agg counts current contacts (not superseded) per dimension
 * value, policy and UTC period, at three grains: year "YYYY", month
 * "YYYY-MM" and day "YYYY-MM-DD", so that any range of days is answered
 * from at most a few hundred periods per value (report.c).  Changes are
 * gathered in memory during a transaction (a whole bulk, or one use
 * case) and written with one UPSERT per touched row at commit. */
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "internal.h"

static const char SQL_SOURCE[] =
	"SELECT policy_id, at, kind, channel, outcome, member_id, empowered,"
	" added_value IS NOT NULL, needs_met FROM contact WHERE id = ?1";
static const char SQL_ANSWERS[] =
	"SELECT question_id, answer FROM contact_answer WHERE contact_id = ?1";
/* done_grade: how each was done, as deadline_grade() decided it. */
static const char SQL_FU_DONE[] =
	"SELECT count(*) FILTER (WHERE state = 2 AND done_grade = 0),"
	" count(*) FILTER (WHERE state = 2 AND done_grade = 1),"
	" count(*) FILTER (WHERE state = 2 AND done_grade = 2), count(*) FILTER (WHERE state < 2),"
	" EXISTS (SELECT 1 FROM debrief_due WHERE contact_id = ?1)"
	" FROM followup WHERE contact_id = ?1";
static const char SQL_FU_ONE[] =
	"SELECT f.contact_id, f.done_grade FROM followup f WHERE f.id = ?1 AND f.state = 2";
static const char SQL_CONTACT_AT[] =
	"SELECT policy_id, at FROM contact WHERE id = ?1 AND superseded_by IS NULL";
static const char SQL_UPSERT[] =
	"INSERT INTO agg (dim, grain, day, policy_id, value, n)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
	" ON CONFLICT (dim, grain, day, policy_id, value) DO UPDATE SET n = n + excluded.n";
static const char SQL_CLEAR[] = "DELETE FROM agg";

/* The UTC day of t as yyyymmdd. */
static int32_t
ymd_of(int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;

	gmtime_r(&tt, &tm);
	return (int32_t)((tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 + tm.tm_mday);
}

/* yyyymmdd, yyyymm or yyyy as "YYYY-MM-DD", "YYYY-MM" or "YYYY". */
static void
period_text(int32_t p, int grain, char out[11])
{
	int y = grain == 3 ? p / 10000 : grain == 2 ? p / 100 : p;
	int m = grain == 3 ? p / 100 % 100 : p % 100, d = p % 100;

	out[0] = (char)('0' + y / 1000 % 10);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '\0';
	if (grain >= 2) {
		out[4] = '-';
		out[5] = (char)('0' + m / 10);
		out[6] = (char)('0' + m % 10);
		out[7] = '\0';
	}
	if (grain == 3) {
		out[7] = '-';
		out[8] = (char)('0' + d / 10);
		out[9] = (char)('0' + d % 10);
		out[10] = '\0';
	}
}

void
day_of(int64_t t, char out[11])
{
	period_text(ymd_of(t), 3, out);
}

void
day_time(int64_t t, char out[32])
{
	int64_t s = t % 86400;

	if (s < 0)
		s += 86400;
	day_of(t, out);
	snprintf(out + 10, 22, " %02d:%02d", (int)(s / 3600), (int)(s / 60 % 60));
}

static uint64_t
fnv(uint64_t h, const char *s)
{
	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3u;
	return (h ^ 0xff) * 0x100000001b3u;
}

static uint64_t
key_hash(int dim, int grain, int32_t period, const char *policy, const char *value)
{
	uint64_t h = 0xcbf29ce484222325u ^ ((uint64_t)(uint32_t)period << 8) ^
	             (uint64_t)(dim * 4 + grain);

	return fnv(fnv(h * 0x9e3779b97f4a7c15u, policy), value);
}

static int
grow(struct agg_acc *a)
{
	size_t cap = a->cap ? a->cap * 4 : 4096, i, j;
	struct agg_entry *v = calloc(cap, sizeof *v);

	if (v == NULL)
		return -1;
	for (i = 0; i < a->cap; i++) {
		if (a->v[i].policy == NULL)
			continue;
		for (j = a->v[i].hash & (cap - 1); v[j].policy != NULL; j = (j + 1) & (cap - 1))
			;
		v[j] = a->v[i];
	}
	free(a->v);
	a->v = v;
	a->cap = cap;
	return 0;
}

static int
add(struct agg_acc *a, int dim, int grain, int32_t period, const char *policy,
    const char *value, int64_t n)
{
	uint64_t h = key_hash(dim, grain, period, policy, value);
	struct agg_entry *e;
	size_t i;

	if ((a->used + 1) * 2 > a->cap && grow(a) != 0)
		return -1;
	for (i = h & (a->cap - 1);; i = (i + 1) & (a->cap - 1)) {
		e = &a->v[i];
		if (e->policy == NULL)
			break;
		if (e->hash == h && e->period == period && e->dim == dim && e->grain == grain &&
		    strcmp(e->policy, policy) == 0 && strcmp(e->value, value) == 0) {
			e->n += n;
			return 0;
		}
	}
	e->policy = mem_strdup(&a->strings, policy);
	e->value = mem_strdup(&a->strings, value);
	if (e->policy == NULL || e->value == NULL) {
		e->policy = e->value = NULL;
		return -1;
	}
	e->hash = h;
	e->dim = (int16_t)dim;
	e->grain = (int16_t)grain;
	e->period = period;
	e->n = n;
	a->used++;
	return 0;
}

static const char *
tri_name(enum record_tri t, const char *unknown)
{
	return t == TRI_YES ? "yes" : t == TRI_NO ? "no" : unknown;
}

int
agg_add(struct store *st, const struct agg_src *src, int sign, struct cs_err *err)
{
	struct agg_acc *a = &st->agg;
	char member[24], day[11];
	const char *p = src->policy;
	int32_t d = ymd_of(src->at);
	size_t i;
	int r = 0;

	period_text(d, 3, day);
	int_text(src->member_id, member);
	r |= add(a, DIM_DAY, 3, d, p, day, sign);
	r |= add(a, DIM_KIND, 3, d, p, src->kind, sign);
	r |= add(a, DIM_CHANNEL, 3, d, p, src->channel, sign);
	r |= add(a, DIM_OUTCOME, 3, d, p, src->outcome != NULL ? src->outcome : "", sign);
	r |= add(a, DIM_MEMBER, 3, d, p, member, sign);
	r |= add(a, DIM_EMPOWERED, 3, d, p, tri_name(src->empowered, "none"), sign);
	r |= add(a, DIM_ADDED_VALUE, 3, d, p, src->added_value ? "yes" : "no", sign);
	if (src->added_value)
		r |= add(a, DIM_MEMBER_ADDED, 3, d, p, member, sign);
	r |= add(a, DIM_NEEDS_MET, 3, d, p, tri_name(src->needs_met, "unknown"), sign);
	for (i = 0; i < DEADLINE_GRADES; i++) {
		if (src->fu_done[i] != 0)
			r |= add(a, DIM_FOLLOWUP_DONE, 3, d, p,
			         deadline_grade_name((enum deadline_grade)i), sign * src->fu_done[i]);
	}
	if (src->fu_open != 0)
		r |= add(a, DIM_FOLLOWUP_OPEN, 3, d, p, "open", sign * src->fu_open);
	if (src->debrief_due)
		r |= add(a, DIM_DEBRIEF_DUE, 3, d, p, "due", sign);
	if (src->fu_limit != 0) {
		period_text(ymd_of(src->fu_limit), 3, day);
		r |= add(a, DIM_FOLLOWUP_LIMIT, 3, d, p, day, sign);
	}
	for (i = 0; i < src->n; i++) {
		r |= add(a, DIM_QUESTION_ASKED, 3, d, p, src->question[i], sign);
		if (src->failed[i])
			r |= add(a, DIM_QUESTION_FAILED, 3, d, p, src->question[i], sign);
	}
	return r != 0 ? cs_err_set(err, CS_OSERR, "out of memory") : CS_OK;
}

static int
read_answers(struct store *st, int64_t id, struct agg_src *src, struct record_mem **m,
             struct cs_err *err)
{
	sqlite3_stmt *s = stmt_get(st, SQL_ANSWERS, err);
	const unsigned char *t;
	bool row = true;
	int rc;

	if (s == NULL)
		return err_code(err);
	sqlite3_bind_int64(s, 1, id);
	while ((rc = stmt_row(st, s, &row, "cannot count", err)) == CS_OK && row &&
	       src->n < POLICY_MAX_QUESTIONS) {
		src->question[src->n] = col_dup(m, s, 0);
		t = sqlite3_column_text(s, 1);
		src->failed[src->n] = t != NULL && strcmp((const char *)t, "no") == 0;
		if (src->question[src->n++] == NULL)
			rc = cs_err_set(err, CS_OSERR, "out of memory");
	}
	sqlite3_reset(s);
	return rc;
}

static int
read_followups(struct store *st, int64_t id, struct agg_src *src, struct cs_err *err)
{
	sqlite3_stmt *s = stmt_get(st, SQL_FU_DONE, err);
	bool row;
	int rc;

	if (s == NULL)
		return err_code(err);
	sqlite3_bind_int64(s, 1, id);
	rc = stmt_row(st, s, &row, "cannot count", err);
	if (rc == CS_OK && row) {
		src->fu_done[DEADLINE_ON_TARGET] = sqlite3_column_int64(s, 0);
		src->fu_done[DEADLINE_WITHIN_LIMIT] = sqlite3_column_int64(s, 1);
		src->fu_done[DEADLINE_LATE] = sqlite3_column_int64(s, 2);
		src->fu_open = sqlite3_column_int64(s, 3);
		src->debrief_due = sqlite3_column_int(s, 4) != 0;
	}
	sqlite3_reset(s);
	return rc;
}

int
agg_contact_dim(struct store *st, int64_t contact_id, enum store_dim dim, const char *value,
                int n, struct cs_err *err)
{
	sqlite3_stmt *s = stmt_get(st, SQL_CONTACT_AT, err);
	const char *policy;
	bool row;
	int rc, r = 0;

	if (s == NULL)
		return err_code(err);
	sqlite3_bind_int64(s, 1, contact_id);
	rc = stmt_row(st, s, &row, "cannot count", err);
	if (rc == CS_OK && row) {
		policy = (const char *)sqlite3_column_text(s, 0);
		r = add(&st->agg, dim, 3, ymd_of(sqlite3_column_int64(s, 1)),
		        policy != NULL ? policy : "", value, n);
	}
	sqlite3_reset(s);
	return rc == CS_OK && r != 0 ? cs_err_set(err, CS_OSERR, "out of memory") : rc;
}

int
agg_followup_done(struct store *st, int64_t id, struct cs_err *err)
{
	sqlite3_stmt *s = stmt_get(st, SQL_FU_ONE, err);
	int64_t contact_id = 0;
	enum deadline_grade grade = DEADLINE_LATE;
	bool row;
	int rc;

	if (s == NULL)
		return err_code(err);
	sqlite3_bind_int64(s, 1, id);
	rc = stmt_row(st, s, &row, "cannot count", err);
	if (rc == CS_OK && row) {
		contact_id = sqlite3_column_int64(s, 0);
		grade = (enum deadline_grade)sqlite3_column_int(s, 1);
	}
	sqlite3_reset(s);
	if (rc != CS_OK || contact_id == 0)
		return rc;
	rc = agg_contact_dim(st, contact_id, DIM_FOLLOWUP_DONE, deadline_grade_name(grade), 1, err);
	return rc == CS_OK ? agg_contact_dim(st, contact_id, DIM_FOLLOWUP_OPEN, "open", -1, err)
	                   : rc;
}

int
agg_put(struct store *st, enum store_dim dim, int64_t at, const char *policy,
        const char *value, int64_t n, struct cs_err *err)
{
	return add(&st->agg, dim, 3, ymd_of(at), policy != NULL ? policy : "", value, n) != 0
	       ? cs_err_set(err, CS_OSERR, "out of memory") : CS_OK;
}

/* Count (or uncount) a contact already in the database. */
int
agg_contact(struct store *st, int64_t id, int sign, struct cs_err *err)
{
	sqlite3_stmt *s = stmt_get(st, SQL_SOURCE, err);
	struct record_mem *m = NULL;
	struct agg_src src;
	bool row;
	int rc;

	if (s == NULL)
		return err_code(err);
	memset(&src, 0, sizeof src);
	sqlite3_bind_int64(s, 1, id);
	rc = stmt_row(st, s, &row, "cannot count", err);
	if (rc == CS_OK && row) {
		src.policy = col_dup(&m, s, 0);
		src.at = sqlite3_column_int64(s, 1);
		src.kind = col_dup(&m, s, 2);
		src.channel = col_dup(&m, s, 3);
		src.outcome = col_dup(&m, s, 4);
		src.member_id = sqlite3_column_int64(s, 5);
		src.empowered = col_tri(s, 6);
		src.added_value = sqlite3_column_int(s, 7) != 0;
		src.needs_met = col_tri(s, 8);
		if (src.policy == NULL || src.kind == NULL || src.channel == NULL)
			rc = cs_err_set(err, CS_OSERR, "out of memory");
	}
	sqlite3_reset(s);
	if (rc == CS_OK && row)
		rc = read_answers(st, id, &src, &m, err);
	if (rc == CS_OK && row)
		rc = read_followups(st, id, &src, err);
	if (rc == CS_OK && row)
		rc = agg_add(st, &src, sign, err);
	if (rc == CS_OK && row && src.fu_open > 0)   /* few have one open */
		rc = agg_count_contact_limits(st, id, src.policy, src.at, sign, err);
	mem_free(m);
	return rc;
}

void
agg_discard(struct store *st)
{
	struct agg_acc *a = &st->agg;

	free(a->v);
	mem_free(a->strings);
	memset(a, 0, sizeof *a);
}

static int
upsert(struct store *st, const struct agg_entry *e, struct cs_err *err)
{
	sqlite3_stmt *s = stmt_get(st, SQL_UPSERT, err);
	char period[11];

	if (s == NULL)
		return err_code(err);
	period_text(e->period, e->grain, period);
	bind_text(s, 1, store_dim_name((enum store_dim)e->dim));
	sqlite3_bind_int(s, 2, e->grain);
	bind_text(s, 3, period);
	bind_text(s, 4, e->policy);
	bind_text(s, 5, e->value);
	sqlite3_bind_int64(s, 6, e->n);
	return stmt_done(st, s, "the report counts were not saved", err);
}

/* Add every day's count to its month and its year. */
static int
roll_up(struct agg_acc *a)
{
	size_t i, n = a->cap;
	struct agg_entry *days = malloc(a->used * sizeof *days), *e;
	size_t k = 0;
	int r = 0;

	if (days == NULL)
		return -1;
	for (i = 0; i < n; i++)
		if (a->v[i].policy != NULL && a->v[i].n != 0)
			days[k++] = a->v[i];
	for (i = 0; i < k && r == 0; i++) {
		e = &days[i];
		r |= add(a, e->dim, 2, e->period / 100, e->policy, e->value, e->n);
		r |= add(a, e->dim, 1, e->period / 10000, e->policy, e->value, e->n);
	}
	free(days);
	return r;
}

static int
by_key(const void *pa, const void *pb)
{
	const struct agg_entry *a = *(const struct agg_entry *const *)pa;
	const struct agg_entry *b = *(const struct agg_entry *const *)pb;
	int c = a->dim - b->dim;

	if (c == 0)
		c = a->grain - b->grain;
	if (c == 0)
		c = (a->period > b->period) - (a->period < b->period);
	if (c == 0)
		c = strcmp(a->policy, b->policy);
	return c != 0 ? c : strcmp(a->value, b->value);
}

/* Write every delta, in key order (B-tree pages are then visited once). */
int
agg_flush(struct store *st, struct cs_err *err)
{
	struct agg_acc *a = &st->agg;
	struct agg_entry **order = NULL;
	size_t i, k = 0;
	int rc = CS_OK;

	if (a->used == 0)
		return CS_OK;
	if (roll_up(a) != 0 || (order = malloc(a->used * sizeof *order)) == NULL) {
		agg_discard(st);
		return cs_err_set(err, CS_OSERR, "out of memory");
	}
	for (i = 0; i < a->cap; i++)
		if (a->v[i].policy != NULL && a->v[i].n != 0)
			order[k++] = &a->v[i];
	qsort(order, k, sizeof *order, by_key);
	for (i = 0; rc == CS_OK && i < k; i++)
		rc = upsert(st, order[i], err);
	free(order);
	agg_discard(st);
	return rc;
}

/* ---- verification: count again, compare --------------------------------- */

static const char SQL_ALL_AGG[] = "SELECT dim, grain, day, policy_id, value, n FROM agg";

static struct agg_entry *
find(struct agg_acc *a, int dim, int grain, int32_t period, const char *policy,
     const char *value)
{
	uint64_t h = key_hash(dim, grain, period, policy, value);
	struct agg_entry *e;
	size_t i;

	for (i = a->cap ? h & (a->cap - 1) : 0; a->cap != 0; i = (i + 1) & (a->cap - 1)) {
		e = &a->v[i];
		if (e->policy == NULL)
			return NULL;
		if (e->hash == h && e->period == period && e->dim == dim && e->grain == grain &&
		    strcmp(e->policy, policy) == 0 && strcmp(e->value, value) == 0)
			return e;
	}
	return NULL;
}

/* "YYYY", "YYYY-MM" or "YYYY-MM-DD" (by grain) as a period; -1 when it
 * is none of them. */
static int32_t
period_of(const char *s, int grain)
{
	static const int len[4] = { 0, 4, 7, 10 };
	int32_t p = 0;
	int i;

	if (s == NULL || grain < 1 || grain > 3 || (int)strlen(s) != len[grain])
		return -1;
	for (i = 0; s[i] != '\0'; i++) {
		if (i == 4 || i == 7) {
			if (s[i] != '-')
				return -1;
			continue;
		}
		if (s[i] < '0' || s[i] > '9')
			return -1;
		p = p * 10 + (s[i] - '0');
	}
	return p;
}

static void
differs(char *why, size_t len, int dim, int grain, int32_t period, const char *policy,
        const char *value, int64_t recorded, int64_t counted)
{
	char day[11];

	period_text(period, grain, day);
	snprintf(why, len, "the report figures were changed behind cslog's back (table agg:"
	         " %s '%.60s' of policy %.40s on %s: %lld recorded, %lld counted from the"
	         " contacts)", store_dim_name((enum store_dim)dim), value, policy, day,
	         (long long)recorded, (long long)counted);
}

/* Compare the table with the accumulator, row by row; each match is
 * zeroed, so what is left was counted but not recorded. */
static int
compare(struct store *st, char *why, size_t len, struct cs_err *err)
{
	sqlite3_stmt *s = stmt_get(st, SQL_ALL_AGG, err);
	const char *day, *policy, *value;
	struct agg_entry *e;
	int32_t period;
	int64_t n;
	bool row = true;
	int rc, dim, grain;

	if (s == NULL)
		return err_code(err);
	while ((rc = stmt_row(st, s, &row, "cannot verify", err)) == CS_OK && row) {
		dim = store_dim_parse((const char *)sqlite3_column_text(s, 0));
		grain = sqlite3_column_int(s, 1);
		day = (const char *)sqlite3_column_text(s, 2);
		policy = (const char *)sqlite3_column_text(s, 3);
		value = (const char *)sqlite3_column_text(s, 4);
		n = sqlite3_column_int64(s, 5);
		period = period_of(day, grain);
		e = dim < 0 || period < 0 || policy == NULL || value == NULL ? NULL :
		    find(&st->agg, dim, grain, period, policy, value);
		if (e == NULL && n == 0)
			continue;
		if (e == NULL || e->n != n) {
			if (e == NULL)
				snprintf(why, len, "the report figures were changed behind cslog's"
				         " back (table agg: %.40s '%.60s' of policy %.40s on %.12s:"
				         " %lld recorded, none counted from the contacts)",
				         (const char *)sqlite3_column_text(s, 0),
				         value ? value : "", policy ? policy : "", day ? day : "",
				         (long long)n);
			else
				differs(why, len, dim, grain, period, policy, value, n, e->n);
			break;
		}
		e->n = 0;
	}
	sqlite3_reset(s);
	return rc;
}

int
agg_verify(struct store *st, char *why, size_t len, struct cs_err *err)
{
	struct agg_acc *a = &st->agg;
	size_t i;
	int rc;

	why[0] = '\0';
	agg_discard(st);
	rc = agg_count_all(st, err);   /* verify_agg.c: ordered scans */
	if (rc == CS_OK && roll_up(a) != 0)
		rc = cs_err_set(err, CS_OSERR, "out of memory");
	if (rc == CS_OK)
		rc = compare(st, why, len, err);
	for (i = 0; rc == CS_OK && why[0] == '\0' && i < a->cap; i++) {
		if (a->v[i].policy != NULL && a->v[i].n != 0)
			differs(why, len, a->v[i].dim, a->v[i].grain, a->v[i].period,
			        a->v[i].policy, a->v[i].value, 0, a->v[i].n);
	}
	agg_discard(st);
	return rc;
}

int
agg_rebuild(struct store *st, struct cs_err *err)
{
	int rc = sql_exec(st, SQL_CLEAR, "the report counts were not rebuilt", err);

	return rc == CS_OK ? agg_count_all(st, err) : rc;
}
