/* filter.c - the filter line (see filter.h). */
#include "cslog/filter.h"

#include <stdio.h>
#include <string.h>

#include "cslog/app_time.h"

#include "app_int.h"

struct cursor {
	char *p, *end;   /* free space in out->buf */
};

/* Copy n bytes of s into the buffer, terminated; NULL when full. */
static const char *
keep(struct cursor *c, const char *s, size_t n)
{
	char *d = c->p;

	if ((size_t)(c->end - c->p) < n + 1)
		return NULL;
	memcpy(d, s, n);
	d[n] = '\0';
	c->p += n + 1;
	return d;
}

static int
flag(struct contact_filter *f, const char *v, struct cs_err *err)
{
	if (strcmp(v, "unreviewed") == 0)
		f->unreviewed = true;
	else if (strcmp(v, "not-empowered") == 0)
		f->not_empowered = true;
	else if (strcmp(v, "debrief") == 0)
		f->needs_debrief = true;
	else if (strcmp(v, "overdue") == 0)
		f->overdue = true;
	else
		return cs_err_set(err, CS_USAGE, "is:%s? use is:unreviewed, is:not-empowered, "
		                  "is:debrief or is:overdue", v);
	return CS_OK;
}

static int
member(struct app *a, struct app_filter *out, const char *badge, struct cs_err *err)
{
	struct store *st = app_store(a, err);
	struct member m = { 0 };

	if (st == NULL)
		return err->code;
	if (store_member_find(st, badge, &m, NULL) != CS_OK)
		return cs_err_set(err, CS_USAGE, "member:%s: no member has that badge", badge);
	out->f.member_id = m.id;
	record_member_clear(&m);
	snprintf(out->member_badge, sizeof out->member_badge, "%.32s", badge);
	return CS_OK;
}

static int
keyed(struct app *a, struct app_filter *out, const char *key, const char *v,
      struct cs_err *err)
{
	struct contact_filter *f = &out->f;

	if (strcmp(key, "since") == 0 || strcmp(key, "until") == 0) {
		bool until = key[0] == 'u';
		if (app_time_parse(v, a->now, until, until ? &f->until : &f->since, err) != CS_OK)
			return cs_err_set(err, CS_USAGE, "%s:%s: a date such as 2026-11-01, "
			                  "today or -7d", key, v);
		return CS_OK;
	}
	if (strcmp(key, "member") == 0)
		return member(a, out, v, err);
	if (strcmp(key, "is") == 0)
		return flag(f, v, err);
	if (strcmp(key, "policy") == 0)
		f->policy_id = v;
	else if (strcmp(key, "kind") == 0)
		f->kind = v;
	else if (strcmp(key, "channel") == 0)
		f->channel = v;
	else if (strcmp(key, "outcome") == 0)
		f->outcome = v;
	else if (strcmp(key, "call") == 0)
		f->call_ref = v;
	else
		return cs_err_set(err, CS_USAGE, "%s: is not a filter (since, until, member, "
		                  "policy, kind, channel, outcome, call, is)", key);
	return CS_OK;
}

/* One word: key:value, or a search word appended to *search. */
static int
word(struct app *a, struct app_filter *out, struct cursor *c, const char *w, size_t n,
     char *search, size_t *slen, struct cs_err *err)
{
	const char *colon = memchr(w, ':', n), *key, *v;

	if (colon == NULL || colon == w || colon == w + n - 1) {
		if (*slen + n + 2 > FILTER_LINE_MAX)
			return cs_err_set(err, CS_USAGE, "the filter is too long");
		if (*slen > 0)
			search[(*slen)++] = ' ';
		memcpy(search + *slen, w, n);
		*slen += n;
		search[*slen] = '\0';
		return CS_OK;
	}
	key = keep(c, w, (size_t)(colon - w));
	v = keep(c, colon + 1, n - (size_t)(colon - w) - 1);
	if (key == NULL || v == NULL)
		return cs_err_set(err, CS_USAGE, "the filter is too long");
	return keyed(a, out, key, v, err);
}

int
app_filter_parse(struct app *a, const char *line, struct app_filter *out,
                 struct cs_err *err)
{
	struct cursor c;
	char search[FILTER_LINE_MAX];
	size_t slen = 0, n;
	int rc = CS_OK;

	memset(out, 0, sizeof *out);
	out->f.now = a->now;
	c.p = out->buf;
	c.end = out->buf + sizeof out->buf;
	search[0] = '\0';
	if (line != NULL && strlen(line) >= FILTER_LINE_MAX)
		return cs_err_set(err, CS_USAGE, "the filter is too long");
	while (rc == CS_OK && line != NULL && *line != '\0') {
		line += strspn(line, " \t");
		n = strcspn(line, " \t");
		if (n > 0)
			rc = word(a, out, &c, line, n, search, &slen, err);
		line += n;
	}
	if (rc == CS_OK && slen > 0 && (out->f.search = keep(&c, search, slen)) == NULL)
		rc = cs_err_set(err, CS_USAGE, "the filter is too long");
	return rc;
}

void
app_filter_quick(struct app_filter *out, int which)
{
	struct contact_filter *f = &out->f;

	switch (which) {
	case 'u': f->unreviewed = !f->unreviewed; break;
	case 'n': f->not_empowered = !f->not_empowered; break;
	case 'd': f->needs_debrief = !f->needs_debrief; break;
	case 'o': f->overdue = !f->overdue; break;
	default:
		f->unreviewed = f->not_empowered = f->needs_debrief = f->overdue = false;
	}
}
