/* filter.c - the filter line (see filter.h). */
#include "cslog/filter.h"

#include <stdio.h>
#include <string.h>

#include "cslog/app_time.h"
#include "cslog/pgstore.h"
#include "cslog/policy_load.h"

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

struct badge_id {
	const char *badge;
	int64_t id;
};

static int
badge_id(void *ctx, const struct member *m)
{
	struct badge_id *b = ctx;

	if (strcmp(m->badge, b->badge) != 0)
		return 0;
	b->id = m->id;
	return 1;
}

static int
member(struct app *a, struct app_filter *out, const char *badge, struct cs_err *err)
{
	struct badge_id b = { badge, 0 };
	struct pgstore *pg;
	struct store *st;
	struct member m = { 0 };

	if (app_db_is_server(a)) {   /* the server's members, as its session may list them */
		if ((pg = app_pg(a, err)) == NULL ||
		    pgstore_member_list(pg, badge_id, &b, err) != CS_OK)
			return err->code;
	} else {
		if ((st = app_store(a, err)) == NULL)
			return err->code;
		if (store_member_find(st, badge, &m, NULL) == CS_OK)
			b.id = m.id;
		record_member_clear(&m);
	}
	if (b.id == 0)
		return cs_err_set(err, CS_USAGE, "member:%s: no member has that badge", badge);
	out->f.member_id = b.id;
	snprintf(out->member_badge, sizeof out->member_badge, "%.32s", badge);
	return CS_OK;
}

/* Does a loaded policy name this policy, kind, channel or outcome (its
 * id or an earlier id)? */
static bool
in_policies(const struct policy_set *set, const char *key, const char *v)
{
	const struct policy *p;
	size_t i;

	for (i = 0; i < set->n; i++) {
		p = set->items[i];
		if (key[0] == 'p' ? strcmp(p->id, v) == 0
		    : key[0] == 'k' ? policy_kind(p, v) != NULL
		    : key[0] == 'c' ? policy_channel(p, v) != NULL
		    : policy_outcome(p, v) != NULL)
			return true;
	}
	return false;
}

static int
one(void *ctx, const struct contact *c)
{
	(void)c;
	*(bool *)ctx = true;
	return 1;
}

/* A value no loaded policy knows is still right when contacts carry it
 * (a policy since retired); otherwise the word is a mistake and says so,
 * never quietly "Nothing matches". */
static int
known(struct app *a, const char *key, const char *v, struct cs_err *err)
{
	struct contact_filter f = { 0 };
	struct store *st;
	struct pgstore *pg;
	bool found = false;
	struct policy_diags d = { 0 };
	bool loaded = app_load_policies(a, &d, NULL) == CS_OK;

	policy_diags_free(&d);
	if (loaded && in_policies(&a->policies, key, v))
		return CS_OK;
	f.ids_only = true;
	f.include_superseded = true;
	f.now = a->now;
	*(key[0] == 'p' ? &f.policy_id : key[0] == 'k' ? &f.kind
	  : key[0] == 'c' ? &f.channel : &f.outcome) = v;
	/* On a server, the contacts the member may read. */
	if (app_db_is_server(a)) {
		if ((pg = app_pg(a, err)) == NULL ||
		    pgstore_contact_query(pg, &f, NULL, 1, one, &found, NULL, err) != CS_OK)
			return err->code;
	} else if ((st = app_store(a, err)) == NULL ||
	           store_contact_query(st, &f, NULL, 1, one, &found, NULL, err) != CS_OK) {
		return err->code;
	}
	if (found)
		return CS_OK;
	if (key[0] == 'p')
		return cs_err_set(err, CS_USAGE, "policy:%s: no such policy ('cslog policy list' "
		                  "names them)", v);
	return cs_err_set(err, CS_USAGE, "%s:%s: no policy has %s %s '%s' ('cslog policy "
	                  "show ID' lists them)", key, v, key[0] == 'o' ? "an" : "a", key, v);
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
	return strcmp(key, "call") == 0 ? CS_OK : known(a, key, v, err);
}

int
app_filter_check(struct app *a, const struct contact_filter *f, struct cs_err *err)
{
	int rc = CS_OK;

	if (f->policy_id != NULL)
		rc = known(a, "policy", f->policy_id, err);
	if (rc == CS_OK && f->kind != NULL)
		rc = known(a, "kind", f->kind, err);
	if (rc == CS_OK && f->channel != NULL)
		rc = known(a, "channel", f->channel, err);
	if (rc == CS_OK && f->outcome != NULL)
		rc = known(a, "outcome", f->outcome, err);
	return rc;
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

/* Append " · " (but first), then a b c. */
static void
put(char *buf, size_t len, size_t *off, const char *a, const char *b, const char *c)
{
	int n;

	if (*off >= len)
		return;
	n = snprintf(buf + *off, len - *off, "%s%s%s%s", *off > 0 ? " · " : "", a, b, c);
	*off += n > 0 ? (size_t)n : 0;
}

void
app_filter_words(struct app *a, const struct app_filter *af, char *buf, size_t len)
{
	const struct contact_filter *f = &af->f;
	char day[32];
	size_t off = 0;

	buf[0] = '\0';
	if (f->unreviewed)
		put(buf, len, &off, "waiting for sign-off", "", "");
	if (f->not_empowered)
		put(buf, len, &off, "empowerment check failed", "", "");
	if (f->needs_debrief)
		put(buf, len, &off, "debrief due", "", "");
	if (f->overdue)
		put(buf, len, &off, "follow-up overdue", "", "");
	if (f->member_id != 0)
		put(buf, len, &off, "member ", af->member_badge, "");
	if (f->policy_id != NULL)
		put(buf, len, &off, "policy ", f->policy_id, "");
	if (f->kind != NULL)
		put(buf, len, &off, "customer: ", app_label(a, f->policy_id, 'k', f->kind), "");
	if (f->channel != NULL)
		put(buf, len, &off, "channel: ", app_label(a, f->policy_id, 'c', f->channel), "");
	if (f->outcome != NULL)
		put(buf, len, &off, "outcome: ", app_label(a, f->policy_id, 'o', f->outcome), "");
	if (f->call_ref != NULL)
		put(buf, len, &off, "call ", f->call_ref, "");
	if (f->since != 0) {
		app_time_day(f->since, day, sizeof day);
		put(buf, len, &off, "from ", day, "");
	}
	if (f->until != 0) {
		app_time_day(f->until, day, sizeof day);
		put(buf, len, &off, "to ", day, "");
	}
	if (f->search != NULL && f->search[0] != '\0')
		put(buf, len, &off, "with the words \"", f->search, "\"");
	if (off == 0)
		snprintf(buf, len, "all contacts");
}

int
app_filter_quick(const char *line, int which, char *out, size_t len)
{
	static const char *const word[] = { "is:unreviewed", "is:not-empowered",
	                                    "is:debrief", "is:overdue" };
	const char *keys = "undo", *k = which != 0 ? strchr(keys, which) : NULL;
	size_t off = 0, n;

	out[0] = '\0';
	while (line != NULL && *line != '\0') {
		line += strspn(line, " \t");
		n = strcspn(line, " \t");
		if (n > 0 && strncmp(line, "is:", 3) != 0) {
			if (off + n + 2 > len)
				return -1;
			if (off > 0)
				out[off++] = ' ';
			memcpy(out + off, line, n);
			off += n;
			out[off] = '\0';
		}
		line += n;
	}
	if (k == NULL)
		return 0;
	n = strlen(word[k - keys]);
	if (off + n + 2 > len)
		return -1;
	snprintf(out + off, len - off, "%s%s", off > 0 ? " " : "", word[k - keys]);
	return 0;
}
