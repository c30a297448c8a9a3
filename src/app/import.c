/* import.c - contacts from CSV or JSON Lines, checked like any other.
 *
 * One pass over the file inside one bulk transaction: each record is
 * decoded (codec.h), checked against its policy (contact_check), its
 * member found or created, and written with its own id.  An amendment
 * whose original is not written yet waits until the end of the file.
 * Bad records are reported as they come; whether the good ones stay is
 * decided at the end (commit or roll back). */
#include "cslog/import.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "codec.h"
#include "cslog/contact_check.h"
#include "csv.h"
#include "cslog/text.h"

#include "app_int.h"

/* A badge already resolved to a member id (open addressing). */
struct member_slot {
	char *badge;
	int64_t id;
};

/* An amendment waiting for the version it corrects. */
struct waiting {
	struct codec_row *row;
	long line;
};

struct imp {
	struct app *a;
	const struct app_actor *who;
	struct store *st;
	const struct import_opts *o;
	struct import_stats *stats;
	struct cs_err *err;
	int fatal;                  /* an error that stops the import */
	bool header_bad;            /* CSV: no usable header: nothing goes in */

	struct member_slot *members;
	size_t m_cap, m_used;

	struct waiting *wait;
	size_t n_wait, wait_cap;

	int col[F_COUNT];           /* CSV: field index of each column, -1 */
	size_t n_cols;
};

int
import_parse_format(const char *s)
{
	if (strcmp(s, "csv") == 0)
		return IMPORT_CSV;
	if (strcmp(s, "jsonl") == 0 || strcmp(s, "ndjson") == 0)
		return IMPORT_JSONL;
	return -1;
}

enum import_format
import_format_of(const char *path)
{
	const char *dot = strrchr(path, '.');

	if (dot == NULL || strchr(dot, '/') != NULL)
		return IMPORT_AUTO;
	if (strcmp(dot, ".csv") == 0 || strcmp(dot, ".CSV") == 0)
		return IMPORT_CSV;
	if (strcmp(dot, ".jsonl") == 0 || strcmp(dot, ".ndjson") == 0)
		return IMPORT_JSONL;
	return IMPORT_AUTO;
}

/* ---- reporting ------------------------------------------------------ */

static int
bad(struct imp *im, long line, const char *msg)
{
	im->stats->bad++;
	if (im->o->on_error != NULL)
		im->o->on_error(im->o->ctx, line, msg);
	return CS_DATAERR;
}

/* A store error that leaves the bulk usable is the record's fault;
 * anything else stops the import. */
static int
store_failed(struct imp *im, long line, int rc, const struct cs_err *e)
{
	if (rc == CS_DATAERR || rc == CS_NOUSER || rc == CS_NOINPUT)
		return bad(im, line, e->msg);
	im->fatal = cs_err_set(im->err, rc, "%s", e->msg);
	return rc;
}

/* ---- members -------------------------------------------------------- */

static uint64_t
hash_badge(const char *s)
{
	uint64_t h = 14695981039346656037u;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

static struct member_slot *
slot_of(struct member_slot *v, size_t cap, const char *badge)
{
	size_t i = (size_t)hash_badge(badge) & (cap - 1);

	while (v[i].badge != NULL && strcmp(v[i].badge, badge) != 0)
		i = (i + 1) & (cap - 1);
	return &v[i];
}

static int
members_grow(struct imp *im)
{
	size_t cap = im->m_cap ? im->m_cap * 2 : 64, i;
	struct member_slot *v = calloc(cap, sizeof *v);

	if (v == NULL)
		return CS_OSERR;
	for (i = 0; i < im->m_cap; i++) {
		if (im->members[i].badge != NULL)
			*slot_of(v, cap, im->members[i].badge) = im->members[i];
	}
	free(im->members);
	im->members = v;
	im->m_cap = cap;
	return CS_OK;
}

static int
remember_member(struct imp *im, const char *badge, int64_t id)
{
	struct member_slot *s;

	if ((im->m_used + 1) * 2 > im->m_cap && members_grow(im) != CS_OK)
		return CS_OSERR;
	s = slot_of(im->members, im->m_cap, badge);
	s->badge = strdup(badge);
	if (s->badge == NULL)
		return CS_OSERR;
	s->id = id;
	im->m_used++;
	return CS_OK;
}

/* The member of a record: known, found in the store, or created. */
static int
resolve_member(struct imp *im, const struct codec_row *r, int64_t *id, struct cs_err *e)
{
	struct member m = { 0 };
	int rc;

	if (im->m_cap > 0 && slot_of(im->members, im->m_cap, r->member_badge)->badge) {
		*id = slot_of(im->members, im->m_cap, r->member_badge)->id;
		return CS_OK;
	}
	rc = store_member_find(im->st, r->member_badge, &m, e);
	if (rc == CS_OK) {
		*id = m.id;
		record_member_clear(&m);
	} else if (rc == CS_NOUSER) {
		m.badge = r->member_badge;
		m.name = r->member_name != NULL ? r->member_name : r->member_badge;
		m.role = ROLE_MEMBER;
		rc = store_member_add(im->st, im->who->id, &m, NULL, im->a->now, id, e);
		if (rc == CS_OK)
			im->stats->members_created++;
	}
	if (rc == CS_OK && remember_member(im, r->member_badge, *id) != CS_OK)
		rc = cs_err_set(e, CS_OSERR, "out of memory");
	return rc;
}

/* ---- one record ----------------------------------------------------- */

static int
check_utf8(const struct codec_row *r, struct cs_err *e)
{
	int i;

	for (i = 0; i < F_COUNT; i++) {
		if (r->text[i] != NULL && !text_valid_utf8(r->text[i], strlen(r->text[i])))
			return cs_err_set(e, CS_DATAERR, "%s: not valid UTF-8 text", codec_names[i]);
	}
	return CS_OK;
}

static const char *
tri_word(enum record_tri t)
{
	return t == TRI_YES ? "yes" : t == TRI_NO ? "no" : "no check";
}

/* Check r against the policy it names, as app_contact_log would. */
static int
check_record(struct imp *im, struct codec_row *r, struct cs_err *e)
{
	struct contact *c = &r->c;
	const struct policy *p;
	enum record_tri said = c->empowered;
	int rc = check_utf8(r, e);

	if (rc != CS_OK)
		return rc;
	if (c->policy_id == NULL)
		return cs_err_set(e, CS_DATAERR, "policy: missing");
	if ((p = app_policy(im->a, c->policy_id, e)) == NULL)
		return CS_DATAERR;
	if (c->policy_version == NULL)
		c->policy_version = p->version;
	else if (strcmp(c->policy_version, p->version) != 0)
		im->stats->other_version++;
	if ((rc = contact_check(p, c, e)) != CS_OK)
		return rc;
	if (said != TRI_UNKNOWN && said != c->empowered)
		return cs_err_set(e, CS_DATAERR, "empowered: the file says %s, the answers give %s",
		    tri_word(said), tri_word(c->empowered));
	c->superseded_by = 0;  /* derived: rebuilt by the amendments */
	return CS_OK;
}

static int
wait_for_original(struct imp *im, struct codec_row *r, long line)
{
	struct waiting *w;
	size_t cap;

	if (im->n_wait == im->wait_cap) {
		cap = im->wait_cap ? im->wait_cap * 2 : 16;
		w = realloc(im->wait, cap * sizeof *w);
		if (w == NULL)
			return im->fatal = cs_err_set(im->err, CS_OSERR, "out of memory");
		im->wait = w;
		im->wait_cap = cap;
	}
	im->wait[im->n_wait].row = r;
	im->wait[im->n_wait].line = line;
	im->n_wait++;
	return CS_OK;
}

/* Write r.  Returns CS_OK, 1 when r was kept to wait (the caller must not
 * free it), or an error (already reported). */
static int
write_record(struct imp *im, struct codec_row *r, long line, bool may_wait)
{
	struct cs_err e = { 0 };
	int64_t id = 0;
	int rc;

	rc = resolve_member(im, r, &r->c.member_id, &e);
	if (rc == CS_OK)
		rc = store_contact_insert(im->st, im->who->id, &r->c, im->a->now, &id, &e);
	if (rc == CS_NOINPUT && r->c.amends != 0 && may_wait)
		return wait_for_original(im, r, line) == CS_OK ? 1 : im->fatal;
	if (rc != CS_OK)
		return store_failed(im, line, rc, &e);
	im->stats->imported++;
	return CS_OK;
}

/* Decoded record r (owned, heap) at line: check and write it. */
static void
take_record(struct imp *im, struct codec_row *r, long line)
{
	struct cs_err e = { 0 };

	if (check_record(im, r, &e) != CS_OK)
		bad(im, line, e.msg);
	else if (write_record(im, r, line, true) == 1)
		return;
	codec_row_free(r);
	free(r);
}

static int
by_id(const void *pa, const void *pb)
{
	const struct waiting *a = pa, *b = pb;
	int64_t x = a->row->c.id ? a->row->c.id : INT64_MAX;
	int64_t y = b->row->c.id ? b->row->c.id : INT64_MAX;

	if (x != y)
		return x < y ? -1 : 1;
	return a->line < b->line ? -1 : a->line > b->line;
}

/* The amendments that waited, in id order; again while any goes in,
 * then once more to report those whose original never came. */
static void
write_waiting(struct imp *im)
{
	struct waiting *list;
	size_t n, i;
	bool last = false;

	while (im->n_wait > 0 && !im->fatal) {
		list = im->wait;
		n = im->n_wait;
		im->wait = NULL;
		im->n_wait = im->wait_cap = 0;
		qsort(list, n, sizeof *list, by_id);
		for (i = 0; i < n; i++) {
			if (!im->fatal && write_record(im, list[i].row, list[i].line, !last) == 1)
				continue;
			codec_row_free(list[i].row);
			free(list[i].row);
		}
		free(list);
		if (im->n_wait == n)
			last = true;
	}
}

/* ---- CSV ------------------------------------------------------------ */

static const enum codec_field required[] = {
	F_MEMBER, F_AT, F_POLICY, F_KIND, F_CHANNEL, F_OUTCOME, F_SUMMARY,
};

static void header_problem(struct imp *im, long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void
header_problem(struct imp *im, long line, const char *fmt, ...)
{
	char msg[CS_ERR_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	bad(im, line, msg);
	im->header_bad = true;
	im->stats->unreadable = true;
}

static void
read_header(struct imp *im, const struct csv_record *h)
{
	size_t i;
	int k;

	for (k = 0; k < F_COUNT; k++)
		im->col[k] = -1;
	for (i = 0; i < h->n && !im->header_bad; i++) {
		k = codec_field_index(h->fields[i]);
		if (k < 0)
			header_problem(im, h->line, "unknown column '%.64s' (the first row must "
			    "name the columns, as export writes them)", h->fields[i]);
		else if (im->col[k] >= 0)
			header_problem(im, h->line, "column '%s' is named twice", codec_names[k]);
		else
			im->col[k] = (int)i;
	}
	for (i = 0; i < sizeof required / sizeof required[0] && !im->header_bad; i++) {
		if (im->col[required[i]] < 0)
			header_problem(im, h->line, "no column '%s' in the header",
			    codec_names[required[i]]);
	}
	im->n_cols = h->n;
}

static struct codec_row *
new_row(struct imp *im)
{
	struct codec_row *r = malloc(sizeof *r);

	if (r == NULL)
		im->fatal = cs_err_set(im->err, CS_OSERR, "out of memory");
	return r;
}

/* A record that could not be decoded: report it, free it. */
static void
undecoded(struct imp *im, struct codec_row *r, long line, const struct cs_err *e)
{
	if (e->code == CS_OSERR)
		im->fatal = cs_err_set(im->err, CS_OSERR, "out of memory");
	else
		bad(im, line, e->msg);
	codec_row_free(r);
	free(r);
}

static void
csv_record(struct imp *im, const struct csv_record *rec)
{
	const char *vals[F_COUNT];
	struct cs_err e = { 0 };
	struct codec_row *r;
	char msg[128];
	int k;

	if (rec->n != im->n_cols) {
		snprintf(msg, sizeof msg, "%zu fields, but the header names %zu columns",
		    rec->n, im->n_cols);
		bad(im, rec->line, msg);
		return;
	}
	for (k = 0; k < F_COUNT; k++)
		vals[k] = im->col[k] >= 0 ? rec->fields[im->col[k]] : NULL;
	if ((r = new_row(im)) == NULL)
		return;
	if (codec_row_from_texts(r, vals, &e) != CS_OK)
		undecoded(im, r, rec->line, &e);
	else
		take_record(im, r, rec->line);
}

static void
read_csv(struct imp *im, FILE *f)
{
	struct csv_reader *rd = csv_reader_new(f);
	struct csv_record rec = { 0 };
	struct cs_err e = { 0 };
	bool header = false;
	int rc;

	if (rd == NULL) {
		im->fatal = cs_err_set(im->err, CS_OSERR, "out of memory");
		return;
	}
	while (!im->fatal && !im->header_bad && (rc = csv_read(rd, &rec, &e)) != 0) {
		if (rc == CS_DATAERR) {
			bad(im, rec.line, e.msg);
			im->header_bad = im->stats->unreadable = !header;
		} else if (rc != 1) {
			im->fatal = cs_err_set(im->err, rc, "%s", e.msg);
		} else if (!header) {
			read_header(im, &rec);
			header = true;
		} else {
			csv_record(im, &rec);
		}
	}
	if (!header && !im->fatal && !im->header_bad)
		header_problem(im, 1, "%s", "the file is empty: a CSV file starts with a header row");
	csv_reader_free(rd);
}

/* ---- JSON Lines ----------------------------------------------------- */

static bool
blank(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return false;
	}
	return true;
}

static void
json_line(struct imp *im, const char *s, size_t len, long line)
{
	struct cs_err e = { 0 };
	struct codec_row *r;
	json_error_t je;
	json_t *o;
	char msg[CS_ERR_MAX];

	if (blank(s, len))
		return;
	if (memchr(s, '\0', len) != NULL) {
		bad(im, line, "a NUL byte");
		return;
	}
	if ((o = json_loadb(s, len, JSON_REJECT_DUPLICATES, &je)) == NULL) {
		snprintf(msg, sizeof msg, "not a valid JSON object: %s (column %d)", je.text,
		    je.column);
		bad(im, line, msg);
		return;
	}
	if ((r = new_row(im)) != NULL) {
		if (codec_row_from_json(r, o, &e) != CS_OK)
			undecoded(im, r, line, &e);
		else
			take_record(im, r, line);
	}
	json_decref(o);
}

static void
read_jsonl(struct imp *im, FILE *f)
{
	struct csv_reader *rd = csv_reader_new(f);
	struct csv_record rec = { 0 };
	struct cs_err e = { 0 };
	int rc;

	if (rd == NULL) {
		im->fatal = cs_err_set(im->err, CS_OSERR, "out of memory");
		return;
	}
	while (!im->fatal && (rc = csv_read_line(rd, &rec, &e)) != 0) {
		if (rc == CS_DATAERR)
			bad(im, rec.line, e.msg);
		else if (rc != 1)
			im->fatal = cs_err_set(im->err, rc, "%s", e.msg);
		else
			json_line(im, rec.fields[0], rec.lens[0], rec.line);
	}
	csv_reader_free(rd);
}

/* ---- the whole file ------------------------------------------------- */

static int
finish(struct imp *im)
{
	struct import_stats *s = im->stats;
	int rc;

	if (im->fatal || im->header_bad || (s->bad > 0 && !im->o->skip_bad)) {
		store_bulk_rollback(im->st);
		s->imported = s->members_created = 0;
		if (im->fatal)
			return im->fatal;
		if (im->header_bad)
			return cs_err_set(im->err, CS_DATAERR, "nothing was imported");
		return cs_err_set(im->err, CS_DATAERR,
		    "%zu bad record%s: nothing was imported", s->bad, s->bad == 1 ? "" : "s");
	}
	rc = store_bulk_commit(im->st, im->err);
	if (rc != CS_OK) {
		s->imported = s->members_created = 0;
		return rc;
	}
	app_anchor(im->a);
	if (s->bad > 0)
		return cs_err_set(im->err, CS_DATAERR, "%zu bad record%s skipped", s->bad,
		    s->bad == 1 ? " was" : "s were");
	return CS_OK;
}

static void
imp_free(struct imp *im)
{
	size_t i;

	for (i = 0; i < im->m_cap; i++)
		free(im->members[i].badge);
	free(im->members);
	for (i = 0; i < im->n_wait; i++) {
		codec_row_free(im->wait[i].row);
		free(im->wait[i].row);
	}
	free(im->wait);
}

int
import_file(struct app *a, const struct app_actor *who, FILE *f,
            const struct import_opts *o, struct import_stats *stats, struct cs_err *err)
{
	struct imp im;
	int rc;

	memset(stats, 0, sizeof *stats);
	if ((rc = app_may(who, APP_IMPORT, 0, err)) != CS_OK)
		return rc;
	if (!a->policies_loaded)
		return cs_err_set(err, CS_SOFTWARE, "import: the policies are not loaded");
	if (o->format != IMPORT_CSV && o->format != IMPORT_JSONL)
		return cs_err_set(err, CS_USAGE, "say what the file holds: csv or jsonl");
	memset(&im, 0, sizeof im);
	im.a = a;
	im.who = who;
	im.o = o;
	im.stats = stats;
	im.err = err;
	if ((im.st = app_store(a, err)) == NULL)
		return app_err(err);
	if ((rc = store_bulk_begin(im.st, err)) != CS_OK)
		return rc;
	app_now(a);   /* under the write lock */
	if (o->format == IMPORT_CSV)
		read_csv(&im, f);
	else
		read_jsonl(&im, f);
	if (!im.fatal && !im.header_bad)
		write_waiting(&im);
	rc = finish(&im);
	imp_free(&im);
	return rc;
}
