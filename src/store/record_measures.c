/* record_measures.c - the measures' records: clearing them, and the
 * names their kinds are kept and shown under. */
#include <string.h>

#include "cslog/record_measures.h"
#include "internal.h"

static const char *const source_names[] = { "card", "callback", "script", "tool" };
static const char *const recognition_names[] = { "award", "letter", "reinforcement" };

static int
index_of(const char *const *names, int n, const char *s)
{
	int i;

	for (i = 0; s != NULL && i < n; i++)
		if (strcmp(names[i], s) == 0)
			return i;
	return -1;
}

void
record_shopper_clear(struct shopper_eval *e)
{
	if (e == NULL)
		return;
	mem_free(e->mem);
	memset(e, 0, sizeof *e);
}

void
record_survey_clear(struct survey_response *r)
{
	if (r == NULL)
		return;
	mem_free(r->mem);
	memset(r, 0, sizeof *r);
}

void
record_recognition_clear(struct recognition *r)
{
	if (r == NULL)
		return;
	mem_free(r->mem);
	memset(r, 0, sizeof *r);
}

const char *
record_survey_source_name(enum survey_source s)
{
	return (unsigned)s < 4 ? source_names[s] : "?";
}

int
record_survey_source_parse(const char *s)
{
	return index_of(source_names, 4, s);
}

const char *
record_recognition_kind_name(enum recognition_kind k)
{
	return (unsigned)k < 3 ? recognition_names[k] : "?";
}

int
record_recognition_kind_parse(const char *s)
{
	return index_of(recognition_names, 3, s);
}
