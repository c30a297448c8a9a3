/* verify_seen.c - every contact has its event, from what the chain walk
 * read.
 *
 * A contact was written by cslog when an event logged or amended it
 * (entity 'contact', action 'contact.insert' or 'contact.amend', its id
 * as entity_id).  Asked of the database per contact, that is a search
 * of the audit index and a read of the event for each, a tenth of a
 * full verify's own work.  The chain walk reads every event anyway: it
 * keeps the ids those events name (verify_seen_add, mostly ascending),
 * and here they are sorted once and set against the contact ids read
 * in order, which also counts the contacts.  The first contact with no
 * such event is named, as the query named it.  The walk keeps the
 * contacts whose logging events said a debrief is due the same way,
 * for the debrief queue's check (verify_queue.c). */
#include <stdlib.h>

#include "internal.h"

static const char SQL_IDS[] = "SELECT id FROM contact ORDER BY id";

int
verify_seen_add(struct verify_seen *s, int64_t id)
{
	size_t cap;
	int64_t *v;

	if (s->n == s->cap) {
		cap = s->cap != 0 ? s->cap * 2 : 4096;
		if ((v = realloc(s->v, cap * sizeof *v)) == NULL)
			return -1;
		s->v = v;
		s->cap = cap;
	}
	if (s->n > 0 && id < s->v[s->n - 1])
		s->unsorted = true;
	s->v[s->n++] = id;
	return 0;
}

void
verify_seen_free(struct verify_seen *s)
{
	free(s->v);
	s->v = NULL;
	s->n = s->cap = 0;
	s->unsorted = false;
}

static int
by_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

void
verify_seen_sort(struct verify_seen *s)
{
	if (s->unsorted)
		qsort(s->v, s->n, sizeof *s->v, by_id);
	s->unsorted = false;
}

int
verify_unseen(struct store *st, struct verify_seen *s, int64_t *first, int64_t *contacts,
              struct cs_err *err)
{
	sqlite3_stmt *c = stmt_get(st, SQL_IDS, err);
	size_t i = 0;
	int64_t id;
	bool row = true;
	int rc = CS_OK;

	*first = 0;
	*contacts = 0;
	if (c == NULL)
		return err_code(err);
	verify_seen_sort(s);
	while ((rc = stmt_row(st, c, &row, "cannot verify", err)) == CS_OK && row) {
		id = sqlite3_column_int64(c, 0);
		++*contacts;
		while (i < s->n && s->v[i] < id)
			i++;
		if (*first == 0 && (i == s->n || s->v[i] != id))
			*first = id;
	}
	sqlite3_reset(c);
	return rc;
}
