/* trace.c - the statements the store runs, as text, for tools.
 *
 * sqlite3_trace_v2 reports each statement when it starts; the text is
 * expanded with its bound values, so what a tool prints can be pasted
 * into the sqlite3 shell and gives the same rows. */
#include <sqlite3.h>

#include "internal.h"

struct store_tracer {
	store_trace_fn fn;
	void *ctx;
};

static struct store_tracer tracer;  /* one store traced at a time: tools only */

static int
on_trace(unsigned what, void *ctx, void *stmt, void *unused)
{
	struct store_tracer *t = ctx;
	char *sql;

	(void)unused;
	if (what != SQLITE_TRACE_STMT || t->fn == NULL)
		return 0;
	sql = sqlite3_expanded_sql(stmt);
	if (sql != NULL)
		t->fn(t->ctx, sql);
	sqlite3_free(sql);
	return 0;
}

void
store_trace(struct store *st, store_trace_fn fn, void *ctx)
{
	tracer.fn = fn;
	tracer.ctx = ctx;
	sqlite3_trace_v2(st->db, fn != NULL ? SQLITE_TRACE_STMT : 0,
	                 fn != NULL ? on_trace : NULL, &tracer);
}
