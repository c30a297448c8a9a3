/* fts.c - the full-text index over summaries, added value and notes.
 *
 * contact_fts is an external-content FTS5 table over the view
 * contact_fts_src.  Rows are written here, explicitly: a trigger-kept
 * index is several times slower for bulk writes.  When notes change
 * (a review, a follow-up note), the old row is deleted with the values
 * the view gives *before* the change and indexed again after it.  In a
 * bulk, new contacts are indexed all at once at the commit. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static const char SQL_SOURCE[] =
	"SELECT summary, added_value, notes FROM contact_fts_src WHERE id = ?1";
static const char SQL_INDEX[] =
	"INSERT INTO contact_fts (rowid, summary, added_value, notes)"
	" VALUES (?1, ?2, ?3, ?4)";
static const char SQL_CATCH_UP[] =
	"INSERT INTO contact_fts (rowid, summary, added_value, notes)"
	" SELECT id, summary, added_value, notes FROM contact_fts_src WHERE id >= ?1";
static const char SQL_FORGET[] =
	"INSERT INTO contact_fts (contact_fts, rowid, summary, added_value, notes)"
	" VALUES ('delete', ?1, ?2, ?3, ?4)";

/* Read the row's text from the view, then write it with bound values:
 * an INSERT ... SELECT would open a statement journal, and FTS5 flushes
 * its pending index at every such savepoint (one segment per contact). */
static int
run(struct store *st, const char *sql, int64_t id, struct cs_err *err)
{
	sqlite3_stmt *src = stmt_get(st, SQL_SOURCE, err), *s;
	bool row;
	int rc, i;

	if (st->bulk && id >= st->fts_from)
		return CS_OK;
	if (src == NULL)
		return err_code(err);
	sqlite3_bind_int64(src, 1, id);
	rc = stmt_row(st, src, &row, "the search index was not updated", err);
	if (rc != CS_OK || !row) {
		sqlite3_reset(src);
		return rc;
	}
	s = stmt_get(st, sql, err);
	if (s == NULL) {
		sqlite3_reset(src);
		return err_code(err);
	}
	sqlite3_bind_int64(s, 1, id);
	for (i = 0; i < 3; i++)
		sqlite3_bind_value(s, 2 + i, sqlite3_column_value(src, i));
	sqlite3_reset(src);
	return stmt_done(st, s, "the search index was not updated", err);
}

int
fts_index(struct store *st, int64_t contact_id, struct cs_err *err)
{
	return run(st, SQL_INDEX, contact_id, err);
}

int
fts_forget(struct store *st, int64_t contact_id, struct cs_err *err)
{
	return run(st, SQL_FORGET, contact_id, err);
}

int
fts_catch_up(struct store *st, struct cs_err *err)
{
	sqlite3_stmt *s = stmt_get(st, SQL_CATCH_UP, err);

	if (s == NULL)
		return err_code(err);
	sqlite3_bind_int64(s, 1, st->fts_from);
	return stmt_done(st, s, "the search index was not updated", err);
}

static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

/* Each word becomes an FTS5 string ("..." with " doubled): no user text
 * can be read as FTS5 syntax.  Words are ANDed; the last one may be a
 * prefix. */
char *
fts_query(const char *text, bool prefix)
{
	size_t n = text != NULL ? strlen(text) : 0;
	char *q = malloc(3 * n + 8), *p = q;
	const char *s = text;
	bool any = false;

	if (q == NULL || n == 0) {
		free(q);
		return NULL;
	}
	while (*s != '\0') {
		while (is_space(*s))
			s++;
		if (*s == '\0')
			break;
		if (any)
			*p++ = ' ';
		*p++ = '"';
		for (; *s != '\0' && !is_space(*s); s++) {
			if (*s == '"')
				*p++ = '"';
			*p++ = *s;
		}
		*p++ = '"';
		any = true;
	}
	if (!any) {
		free(q);
		return NULL;
	}
	if (prefix)
		*p++ = '*';
	*p = '\0';
	return q;
}
