/* query.c - the log: filters, paged by key (never by offset).
 *
 * One filter "drives" each query: its index yields rows already in id
 * order, so a page costs about `limit` index steps however deep it is.
 * Every other filter is a residual test on the rows walked.  The
 * statements are fixed texts (one per driver and direction), made
 * from the macros below at compile time; user values are only ever
 * bound. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

enum driver {
	D_NONE, D_SEARCH, D_CALL, D_OVERDUE, D_MEMBER, D_NOTEMP, D_DEBRIEF, D_UNREVIEWED,
	D_AT, D_OUTCOME, D_CHANNEL, D_KIND, D_COUNT
};

#define AT_PROBE 5000  /* an `at` range this small is sorted, not walked */

#define RESID \
	" AND (?3 IS NULL OR c.at >= ?3) AND (?4 IS NULL OR c.at <= ?4)" \
	" AND (?5 IS NULL OR c.member_id = ?5) AND (?6 IS NULL OR c.policy_id = ?6)" \
	" AND (?7 IS NULL OR c.kind = ?7) AND (?8 IS NULL OR c.channel = ?8)" \
	" AND (?9 IS NULL OR c.outcome = ?9) AND (?10 IS NULL OR c.call_ref = ?10)" \
	" AND (?11 = 0 OR c.empowered = 0)" \
	" AND (?12 = 0 OR EXISTS (SELECT 1 FROM unreviewed u2 WHERE u2.contact_id = c.id))" \
	" AND (?13 = 0 OR EXISTS (SELECT 1 FROM followup f2 WHERE f2.contact_id = c.id" \
	"  AND f2.state = 0 AND f2.limit_eff < ?14))" \
	" AND (?15 = 1 OR c.superseded_by IS NULL)" \
	" AND (?17 = 0 OR EXISTS (SELECT 1 FROM debrief_due d2 WHERE d2.contact_id = c.id))" \
	" AND (?18 IS NULL OR c.id <= ?18)"
#define MEMBER_JOIN " JOIN member m ON m.id = c.member_id"
#define QD(from, where, key) "SELECT " CONTACT_COLS " FROM " from MEMBER_JOIN \
	" WHERE " where " AND " key " < ?1" RESID " ORDER BY " key " DESC LIMIT ?2"
#define QA(from, where, key) "SELECT " CONTACT_COLS " FROM " from MEMBER_JOIN \
	" WHERE " where " AND " key " > ?1" RESID " ORDER BY " key " LIMIT ?2"
#define BOTH(from, where, key) { QD(from, where, key), QA(from, where, key) }

#define C "contact c"
/* Overdue (deadline_overdue, deadline.h): open, not paused, past the
 * limit after pauses, on the columns followup.c keeps. */
#define OVERDUE_IDS "c.id IN (SELECT f.contact_id FROM followup f" \
	" WHERE f.state = 0 AND f.limit_eff < ?14)"

static const char *const queries[D_COUNT][2] = {
	[D_NONE] = BOTH(C, "1", "c.id"),
	[D_SEARCH] = BOTH("contact_fts s CROSS JOIN contact c ON c.id = s.rowid",
	                  "contact_fts MATCH ?16", "s.rowid"),
	[D_CALL] = BOTH(C, "c.call_ref = ?10", "c.id"),
	[D_OVERDUE] = BOTH(C, OVERDUE_IDS, "c.id"),
	[D_MEMBER] = BOTH(C, "c.member_id = ?5", "c.id"),
	[D_NOTEMP] = BOTH(C, "c.empowered = 0", "c.id"),
	[D_DEBRIEF] = BOTH("debrief_due d CROSS JOIN contact c ON c.id = d.contact_id",
	                   "1", "d.contact_id"),
	[D_UNREVIEWED] = BOTH("unreviewed u CROSS JOIN contact c ON c.id = u.contact_id",
	                      "1", "u.contact_id"),
	[D_AT] = BOTH(C, "c.at BETWEEN coalesce(?3, 0) AND coalesce(?4, 9223372036854775807)",
	              "c.id"),
	[D_OUTCOME] = BOTH(C, "c.outcome = ?9", "c.id"),
	[D_CHANNEL] = BOTH(C, "c.channel = ?8", "c.id"),
	[D_KIND] = BOTH(C, "c.kind = ?7", "c.id"),
};

static const char SQL_AT_PROBE[] =
	"SELECT count(*) FROM (SELECT 1 FROM contact WHERE at BETWEEN ?1 AND ?2 LIMIT ?3)";

/* Is the `at` range small enough to sort?  Errors count as "no". */
static bool
at_range_small(struct store *st, const struct contact_filter *f)
{
	sqlite3_stmt *s;
	bool row, small = false;

	if (f->since == 0 && f->until == 0)
		return false;
	s = stmt_get(st, SQL_AT_PROBE, NULL);
	if (s == NULL)
		return false;
	sqlite3_bind_int64(s, 1, f->since);
	sqlite3_bind_int64(s, 2, f->until != 0 ? f->until : INT64_MAX);
	sqlite3_bind_int(s, 3, AT_PROBE);
	if (stmt_row(st, s, &row, "", NULL) == CS_OK && row)
		small = sqlite3_column_int(s, 0) < AT_PROBE;
	sqlite3_reset(s);
	return small;
}

/* How many current contacts have value for dim (and policy, when
 * given), all time, from the aggregates: a few rows whatever the size
 * of the log.  -1 when unknown. */
static const char SQL_AGG_COUNT[] =
	"SELECT coalesce(sum(n), 0) FROM agg WHERE dim = ?1 AND grain = 1 AND value = ?2"
	" AND (?3 IS NULL OR policy_id = ?3)";

static int64_t
agg_count(struct store *st, enum store_dim dim, const char *value, const char *policy)
{
	sqlite3_stmt *s;
	bool row = false;
	int64_t n = -1;

	if (value == NULL || (s = stmt_get(st, SQL_AGG_COUNT, NULL)) == NULL)
		return -1;
	bind_text(s, 1, store_dim_name(dim));
	bind_text(s, 2, value);
	bind_text(s, 3, policy);
	if (stmt_row(st, s, &row, "", NULL) == CS_OK && row)
		n = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return n;
}

/* The equality filters the aggregates can count, with their drivers. */
struct sel {
	enum driver d;
	int64_t n;
};

static void
selectivity(struct store *st, const struct contact_filter *f, struct sel v[4])
{
	const char *pol = opt(f->policy_id);
	char member[24];

	int_text(f->member_id, member);
	v[0] = (struct sel){ D_MEMBER, f->member_id ? agg_count(st, DIM_MEMBER, member, pol)
	                                            : -1 };
	v[1] = (struct sel){ D_OUTCOME, agg_count(st, DIM_OUTCOME, opt(f->outcome), pol) };
	v[2] = (struct sel){ D_CHANNEL, agg_count(st, DIM_CHANNEL, opt(f->channel), pol) };
	v[3] = (struct sel){ D_KIND, agg_count(st, DIM_KIND, opt(f->kind), pol) };
}

/* Nothing can match: a value (with the policy) that no current contact
 * has.  Saves walking a whole index to find nothing.  Amended-away
 * versions are not counted, so this holds only for current versions. */
static bool
known_empty(const struct sel v[4], const struct contact_filter *f)
{
	int i;

	for (i = 0; i < 4 && !f->include_superseded; i++) {
		if (v[i].n == 0)
			return true;
	}
	return false;
}

/* Of the counted filters, the one with the fewest rows drives. */
static enum driver
fewest(const struct sel v[4])
{
	enum driver d = D_NONE;
	int64_t best = -1;
	int i;

	for (i = 0; i < 4; i++) {
		if (v[i].n >= 0 && (best < 0 || v[i].n < best)) {
			best = v[i].n;
			d = v[i].d;
		}
	}
	return d;
}

static enum driver
choose(struct store *st, const struct contact_filter *f, const char *match,
       const struct sel v[4])
{
	if (match != NULL)
		return D_SEARCH;
	if (opt(f->call_ref) != NULL)
		return D_CALL;
	if (f->overdue)
		return D_OVERDUE;
	if (f->needs_debrief)
		return D_DEBRIEF;
	if (f->member_id != 0)
		return fewest(v);
	if (f->not_empowered)
		return D_NOTEMP;
	if (f->unreviewed)
		return D_UNREVIEWED;
	if (at_range_small(st, f))
		return D_AT;
	return fewest(v);
}

static void
bind_filter(sqlite3_stmt *s, const struct contact_filter *f, const char *match)
{
	if (f->since != 0)
		sqlite3_bind_int64(s, 3, f->since);
	if (f->until != 0)
		sqlite3_bind_int64(s, 4, f->until);
	bind_id(s, 5, f->member_id);
	bind_text(s, 6, opt(f->policy_id));
	bind_text(s, 7, opt(f->kind));
	bind_text(s, 8, opt(f->channel));
	bind_text(s, 9, opt(f->outcome));
	bind_text(s, 10, opt(f->call_ref));
	sqlite3_bind_int(s, 11, f->not_empowered);
	sqlite3_bind_int(s, 12, f->unreviewed);
	sqlite3_bind_int(s, 13, f->overdue);
	sqlite3_bind_int64(s, 14, f->now);
	sqlite3_bind_int(s, 15, f->include_superseded);
	bind_text(s, 16, match);
	sqlite3_bind_int(s, 17, f->needs_debrief);
	bind_id(s, 18, f->max_id);
}

struct page {
	size_t limit, seen;
	int64_t last_id;
	bool more;
};

static int
walk(struct store *st, sqlite3_stmt *s, const struct contact_filter *f, struct page *pg,
     store_contact_cb cb, void *ctx, struct cs_err *err)
{
	struct contact c;
	bool row = true;
	int rc = CS_OK, stop = 0;

	while (!stop && (rc = stmt_row(st, s, &row, "cannot read the log", err)) == CS_OK
	       && row) {
		if (pg->seen == pg->limit) {
			pg->more = true;
			break;
		}
		if (f->ids_only) {   /* what a protected read's audit counts */
			memset(&c, 0, sizeof c);
			c.id = sqlite3_column_int64(s, 0);
		} else if ((rc = contact_decode(st, s, f->include_protected, f->now, &c,
		                                err)) != CS_OK) {
			break;
		}
		pg->seen++;
		pg->last_id = c.id;
		stop = cb(ctx, &c);
		record_contact_clear(&c);
		pg->more = stop != 0;
	}
	stmt_release(st, s);
	return rc;
}

int
store_contact_query(struct store *st, const struct contact_filter *f,
                    const struct store_cursor *after, size_t limit, store_contact_cb cb,
                    void *ctx, struct store_cursor *next, struct cs_err *err)
{
	struct page pg = { limit, 0, 0, false };
	struct sel sel[4];
	char *match = NULL;
	sqlite3_stmt *s;
	int64_t from;
	int rc;

	if (limit < 1 || limit > 10000)
		return cs_err_set(err, CS_USAGE, "a page has 1 to 10000 rows");
	if (opt(f->search) != NULL) {
		match = fts_query(f->search, f->search_prefix);
		if (match == NULL && f->search[strspn(f->search, " \t\n\r\v\f")] != '\0')
			return cs_err_set(err, CS_OSERR, "out of memory");
	}
	from = after != NULL && after->last_id != 0 ? after->last_id
	       : f->oldest_first ? 0 : INT64_MAX;
	selectivity(st, f, sel);
	if (known_empty(sel, f)) {
		free(match);
		if (next != NULL)
			*next = (struct store_cursor){ after != NULL ? after->last_id : 0, false };
		return CS_OK;
	}
	s = stmt_hold(st, queries[choose(st, f, match, sel)][f->oldest_first ? 1 : 0], err);
	if (s == NULL) {
		free(match);
		return err_code(err);
	}
	sqlite3_bind_int64(s, 1, from);
	sqlite3_bind_int64(s, 2, (int64_t)limit + 1);
	bind_filter(s, f, match);
	rc = walk(st, s, f, &pg, cb, ctx, err);
	free(match);
	if (next != NULL) {
		next->last_id = pg.seen > 0 ? pg.last_id : after != NULL ? after->last_id : 0;
		next->more = pg.more;
	}
	return rc;
}
