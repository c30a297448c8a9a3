/* report.c - reports from the aggregates, and the same from a full scan.
 *
 * A range of days is cut into at most five runs of periods: the days
 * before the first whole month, the months before the first whole year,
 * the whole years, the months after the last whole year and the days
 * after the last whole month.  Each run is one range of agg's primary
 * key, so a report over ten years reads about 10 + 2 * 11 + 2 * 30
 * periods per value. */
#include <string.h>

#include "internal.h"

static const char *const dim_names[DIM_COUNT] = {
	"day", "kind", "channel", "outcome", "member", "empowered", "added_value",
	"needs_met", "question_asked", "question_failed", "member_added_value",
	"followup_done", "followup_open", "debrief_due", "followup_limit",
};

#define RUN(g, lo, hi) "SELECT value, n FROM agg WHERE dim = ?1 AND grain = " g \
	" AND day BETWEEN " lo " AND " hi " AND (?2 IS NULL OR policy_id = ?2)"
static const char SQL_REPORT[] =
	"SELECT value, sum(n) FROM (" RUN("3", "?3", "?4")
	" UNION ALL " RUN("2", "?5", "?6") " UNION ALL " RUN("1", "?7", "?8")
	" UNION ALL " RUN("2", "?9", "?10") " UNION ALL " RUN("3", "?11", "?12")
	") GROUP BY value HAVING sum(n) > 0 ORDER BY value";

#define FS_WHERE " WHERE c.superseded_by IS NULL AND (?1 IS NULL OR c.policy_id = ?1)" \
	" AND date(c.at, 'unixepoch') BETWEEN ?2 AND ?3 AND (?4 IS NULL OR c.member_id = ?4)"
#define FS(expr) "SELECT " expr " AS v, count(*) FROM contact c" FS_WHERE \
	" GROUP BY v ORDER BY v"
#define FS_Q(extra) "SELECT a.question_id AS v, count(*) FROM contact c" \
	" JOIN contact_answer a ON a.contact_id = c.id" FS_WHERE extra \
	" GROUP BY v ORDER BY v"
static const char *const fullscan_sql[DIM_COUNT] = {
	FS("date(c.at, 'unixepoch')"),
	FS("c.kind"),
	FS("c.channel"),
	FS("coalesce(c.outcome, '')"),
	FS("CAST(c.member_id AS TEXT)"),
	FS("CASE c.empowered WHEN 1 THEN 'yes' WHEN 0 THEN 'no' ELSE 'none' END"),
	FS("CASE WHEN c.added_value IS NULL THEN 'no' ELSE 'yes' END"),
	FS("CASE c.needs_met WHEN 1 THEN 'yes' WHEN 0 THEN 'no' ELSE 'unknown' END"),
	FS_Q(""),
	FS_Q(" AND a.answer = 'no'"),
	"SELECT CAST(c.member_id AS TEXT) AS v, count(*) FROM contact c" FS_WHERE
	" AND c.added_value IS NOT NULL GROUP BY v ORDER BY v",
	"SELECT CASE f.done_grade WHEN 0 THEN 'on-target' WHEN 1 THEN 'within-limit'"
	" ELSE 'late' END AS v, count(*)"
	" FROM contact c JOIN followup f ON f.contact_id = c.id" FS_WHERE
	" AND f.state = 2 GROUP BY v ORDER BY v",
	"SELECT 'open' AS v, count(*) FROM contact c JOIN followup f ON f.contact_id = c.id"
	FS_WHERE " AND f.state < 2 GROUP BY v HAVING count(*) > 0",
	"SELECT 'due' AS v, count(*) FROM contact c JOIN debrief_due d ON d.contact_id = c.id"
	FS_WHERE " GROUP BY v HAVING count(*) > 0",
	"SELECT date(f.limit_eff, 'unixepoch') AS v, count(*)"
	" FROM contact c JOIN followup f ON f.contact_id = c.id" FS_WHERE
	" AND f.state = 0 GROUP BY v ORDER BY v",
};

const char *
store_dim_name(enum store_dim d)
{
	return (unsigned)d < DIM_COUNT ? dim_names[d] : "?";
}

int
store_dim_parse(const char *s)
{
	int i;

	for (i = 0; s != NULL && i < DIM_COUNT; i++)
		if (strcmp(dim_names[i], s) == 0)
			return i;
	return -1;
}

struct ymd {
	int y, m, d;
};

static int
last_day(int y, int m)
{
	static const int n[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 && leap ? 29 : n[m - 1];
}

static int
digits(const char *s, int n)
{
	int v = 0, i;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

static int
parse_day(const char *s, struct ymd *out, struct ymd dflt, struct cs_err *err)
{
	if (s == NULL || *s == '\0') {
		*out = dflt;
		return CS_OK;
	}
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return cs_err_set(err, CS_DATAERR, "not a day: %.40s (YYYY-MM-DD)", s);
	out->y = digits(s, 4);
	out->m = digits(s + 5, 2);
	out->d = digits(s + 8, 2);
	if (out->y < 1 || out->m < 1 || out->m > 12 || out->d < 1 ||
	    out->d > last_day(out->y, out->m))
		return cs_err_set(err, CS_DATAERR, "not a day: %.40s (YYYY-MM-DD)", s);
	return CS_OK;
}

static void
put2(char *p, int v)
{
	p[0] = (char)('0' + v / 10 % 10);
	p[1] = (char)('0' + v % 10);
}

/* Write a period: "YYYY", "YYYY-MM" or "YYYY-MM-DD" by grain. */
static void
period(char out[11], int grain, int y, int m, int d)
{
	put2(out, y / 100);
	put2(out + 2, y % 100);
	out[4] = '\0';
	if (grain >= 2) {
		out[4] = '-';
		put2(out + 5, m);
		out[7] = '\0';
	}
	if (grain == 3) {
		out[7] = '-';
		put2(out + 8, d);
		out[10] = '\0';
	}
}

/* Five runs: lo/hi per run, empty runs as "1" .. "0". */
struct runs {
	char lo[5][11], hi[5][11];
};

static void
run_days(struct runs *r, int i, int y, int m, int d1, int d2)
{
	period(r->lo[i], 3, y, m, d1);
	period(r->hi[i], 3, y, m, d2);
}

/* Whole months a..b (as y * 12 + m - 1) into runs 1, 2 and 3. */
static void
run_months(struct runs *r, int a, int b)
{
	int y1 = a / 12, y2 = b / 12, fy = y1, ly = y2;

	if (y1 == y2 && !(a % 12 == 0 && b % 12 == 11)) {
		period(r->lo[1], 2, y1, a % 12 + 1, 0);
		period(r->hi[1], 2, y1, b % 12 + 1, 0);
		return;
	}
	if (a % 12 != 0) {
		period(r->lo[1], 2, y1, a % 12 + 1, 0);
		period(r->hi[1], 2, y1, 12, 0);
		fy = y1 + 1;
	}
	if (b % 12 != 11) {
		period(r->lo[3], 2, y2, 1, 0);
		period(r->hi[3], 2, y2, b % 12 + 1, 0);
		ly = y2 - 1;
	}
	if (fy <= ly) {
		period(r->lo[2], 1, fy, 0, 0);
		period(r->hi[2], 1, ly, 0, 0);
	}
}

static void
split(const struct ymd *s, const struct ymd *u, struct runs *r)
{
	int sm = s->y * 12 + s->m - 1, um = u->y * 12 + u->m - 1, fm, lm;
	int i;

	for (i = 0; i < 5; i++) {
		str_copy(r->lo[i], 11, "1");
		str_copy(r->hi[i], 11, "0");
	}
	if (sm > um || (sm == um && s->d > u->d))
		return;
	fm = s->d == 1 ? sm : sm + 1;
	lm = u->d == last_day(u->y, u->m) ? um : um - 1;
	if (sm == um && (fm != sm || lm != um)) {
		run_days(r, 0, s->y, s->m, s->d, u->d);
		return;
	}
	if (s->d != 1)
		run_days(r, 0, s->y, s->m, s->d, last_day(s->y, s->m));
	if (lm != um)
		run_days(r, 4, u->y, u->m, 1, u->d);
	if (fm <= lm)
		run_months(r, fm, lm);
}

static int
deliver(struct store *st, sqlite3_stmt *s, store_report_cb cb, void *ctx,
        struct cs_err *err)
{
	bool row = true;
	int rc = CS_OK, stop = 0;

	while (!stop && (rc = stmt_row(st, s, &row, "cannot read the report", err)) == CS_OK
	       && row)
		stop = cb(ctx, (const char *)sqlite3_column_text(s, 0),
		          sqlite3_column_int64(s, 1));
	stmt_release(st, s);
	return rc;
}

static int
range(const char *since, const char *until, struct ymd *s, struct ymd *u,
      enum store_dim dim, struct cs_err *err)
{
	const struct ymd lo = { 1, 1, 1 }, hi = { 9999, 12, 31 };
	int rc;

	if ((unsigned)dim >= DIM_COUNT)
		return cs_err_set(err, CS_USAGE, "no such report");
	rc = parse_day(since, s, lo, err);
	return rc == CS_OK ? parse_day(until, u, hi, err) : rc;
}

int
store_report(struct store *st, enum store_dim dim, const char *since_day,
             const char *until_day, const char *policy_id, store_report_cb cb, void *ctx,
             struct cs_err *err)
{
	struct ymd s, u;
	struct runs r;
	sqlite3_stmt *q;
	int i, rc = range(since_day, until_day, &s, &u, dim, err);

	if (rc != CS_OK)
		return rc;
	split(&s, &u, &r);
	q = stmt_hold(st, SQL_REPORT, err);
	if (q == NULL)
		return err_code(err);
	bind_text(q, 1, dim_names[dim]);
	bind_text(q, 2, policy_id != NULL && *policy_id != '\0' ? policy_id : NULL);
	for (i = 0; i < 5; i++) {
		sqlite3_bind_text(q, 3 + 2 * i, r.lo[i], -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(q, 4 + 2 * i, r.hi[i], -1, SQLITE_TRANSIENT);
	}
	return deliver(st, q, cb, ctx, err);
}

int
store_report_fullscan(struct store *st, enum store_dim dim, const char *since_day,
                      const char *until_day, const char *policy_id, int64_t member_id,
                      store_report_cb cb, void *ctx, struct cs_err *err)
{
	struct ymd s, u;
	char lo[11], hi[11];
	sqlite3_stmt *q;
	int rc = range(since_day, until_day, &s, &u, dim, err);

	if (rc != CS_OK)
		return rc;
	q = stmt_hold(st, fullscan_sql[dim], err);
	if (q == NULL)
		return err_code(err);
	period(lo, 3, s.y, s.m, s.d);
	period(hi, 3, u.y, u.m, u.d);
	bind_text(q, 1, policy_id != NULL && *policy_id != '\0' ? policy_id : NULL);
	sqlite3_bind_text(q, 2, lo, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(q, 3, hi, -1, SQLITE_TRANSIENT);
	bind_id(q, 4, member_id);
	return deliver(st, q, cb, ctx, err);
}
