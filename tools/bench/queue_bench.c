/* queue_bench.c - `cslog-bench queue [-n RUNS] DB`: what the review
 * queue asks of the store, timed in one process as the screen does it:
 * a page of 18 rows (an 80x24 terminal) decoded into contacts, for the
 * first page, a deep page (page 1000, reached by key), every quick
 * filter, a search for a common and a rare word, and filter-line
 * changes.  Prints "name median_ms rows" per line, then the peak
 * resident memory.  The SQL a plain query would run is printed too
 * ("sql name TEXT"), for tools/bench/run.sh to time in the sqlite3
 * shell as the floor. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "cslog/filter.h"
#include "app_int.h"
#include "cslog/generate.h"
#include "cslog/store.h"

#define PAGE 18
#define RUNS_MAX 101

int bench_queue(int argc, char **argv);

static double
ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int
cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static int
count_row(void *ctx, const struct contact *c)
{
	(void)c;
	(*(int *)ctx)++;
	return 0;
}

/* Walk to page `page` by key (not timed), then time that page. */
static int64_t
cursor_at(struct store *st, const struct contact_filter *f, int page)
{
	struct store_cursor at = { 0, false }, next;
	int n, i;

	for (i = 0; i < page; i++) {
		n = 0;
		if (store_contact_query(st, f, &at, PAGE, count_row, &n, &next, NULL) != CS_OK ||
		    !next.more)
			break;
		at = next;
	}
	return at.last_id;
}

/* Every statement the store ran for one page (the page query, then
 * what it reads per row), values filled in, one line each. */
static char page_sql[1 << 16];
static size_t page_sql_len;

static void
keep_sql(void *ctx, const char *sql)
{
	size_t n = strlen(sql), i;

	(void)ctx;
	if (page_sql_len + n + 3 >= sizeof page_sql)
		return;
	for (i = 0; i < n; i++)
		page_sql[page_sql_len++] = sql[i] == '\n' || sql[i] == '\t' ? ' ' : sql[i];
	page_sql[page_sql_len++] = ';';
	page_sql[page_sql_len++] = ' ';
	page_sql[page_sql_len] = '\0';
}

/* Time one page of the queue as the screen asks for it: the filter line
 * parsed again (a filter change does that), then PAGE rows decoded.
 * Prints "name<TAB>median_ms<TAB>rows", then "sql name<TAB>SQL": the
 * statements the store ran, values filled in, for the sqlite3 shell. */
static void
time_page(struct app *a, const char *name, const char *line, int page, int runs)
{
	struct store *st = app_store(a, NULL);
	struct app_filter af;
	struct store_cursor from = { 0, false };
	struct cs_err err = { 0 };
	double v[RUNS_MAX], t0;
	int i, rows = 0;

	if (app_filter_parse(a, line, &af, &err) != CS_OK) {
		fprintf(stderr, "queue bench: %s: %s\n", line, err.msg);
		return;
	}
	from.last_id = page > 0 ? cursor_at(st, &af.f, page) : 0;
	for (i = 0; i < runs; i++) {
		rows = 0;
		t0 = ms();
		app_filter_parse(a, line, &af, NULL);
		store_contact_query(st, &af.f, from.last_id ? &from : NULL, PAGE, count_row, &rows,
		                    NULL, NULL);
		v[i] = ms() - t0;
	}
	qsort(v, (size_t)runs, sizeof v[0], cmp);
	printf("%s\t%.3f\t%d\n", name, v[runs / 2], rows);
	page_sql_len = 0;
	page_sql[0] = '\0';
	store_trace(st, keep_sql, NULL);
	store_contact_query(st, &af.f, from.last_id ? &from : NULL, PAGE, count_row, &rows, NULL,
	                    NULL);
	store_trace(st, NULL, NULL);
	printf("sql %s\t%s\n", name, page_sql);
}

int
bench_queue(int argc, char **argv)
{
	struct app a;
	struct cs_err err = { 0 };
	struct rusage ru;
	int runs = 11;
	double t0 = ms();

	if (argc >= 3 && strcmp(argv[1], "-n") == 0) {
		runs = atoi(argv[2]);
		argc -= 2;
		argv += 2;
	}
	if (argc != 2 || runs < 1 || runs > RUNS_MAX) {
		fprintf(stderr, "usage: cslog-bench queue [-n RUNS] DB\n");
		return 64;
	}
	app_init(&a);
	a.db_path = argv[1];
	a.existing = true;
	if (app_store(&a, &err) == NULL) {
		fprintf(stderr, "queue bench: %s\n", err.msg);
		app_done(&a);
		return 1;
	}
	printf("open\t%.3f\t0\n", ms() - t0);
	time_page(&a, "first page", "", 0, runs);
	time_page(&a, "page 1000", "", 1000, runs);
	time_page(&a, "quick: unreviewed", "is:unreviewed", 0, runs);
	time_page(&a, "quick: not empowered", "is:not-empowered", 0, runs);
	time_page(&a, "quick: debrief", "is:debrief", 0, runs);
	time_page(&a, "quick: overdue", "is:overdue", 0, runs);
	time_page(&a, "search: common", GENERATE_WORD_COMMON, 0, runs);
	time_page(&a, "search: rare", GENERATE_WORD_RARE, 0, runs);
	time_page(&a, "filter: policy+kind", "policy:phoenix kind:internal", 0, runs);
	time_page(&a, "filter: nothing matches", "policy:bsofr kind:nonesuch", 0, runs);
	time_page(&a, "filter: member+since", "member:M101 since:-30d", 0, runs);
	time_page(&a, "filter: outcome", "outcome:referred", 0, runs);
	getrusage(RUSAGE_SELF, &ru);
	printf("peak resident KiB\t%ld\t0\n", ru.ru_maxrss);
	app_done(&a);
	return 0;
}
