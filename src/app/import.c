/* import.c - contacts from CSV or JSON Lines, checked like any other.
 *
 * Two passes.  The first reads and checks all of the input, holding no
 * lock: every record decoded (codec.h), checked against its policy
 * (contact_check) and the clock, and reported when bad; each record
 * that passes is kept, as the texts it was decoded from, in a private
 * temporary file (import_spool.c, import_input.c), and a record longer
 * than the most one may be ends the reading (the input is not one
 * cslog reads: /dev/zero).  Only an input that passes is written, in
 * the second pass, from the kept records, inside one bulk transaction
 * under the write lock and the import marker (so that a crew member's
 * save waits for it instead of failing): each record's member found or
 * created, the record written with its own id, an amendment whose
 * original is not written yet kept until the end.  In the second pass
 * a thread of its own decodes and checks the kept records again while
 * this one writes them (import_pipe.c).  Without the temporary file a
 * regular file is read again instead, and must be what the first pass
 * read (a file changed meanwhile is refused, as it is either way);
 * whether the good records stay is decided at the end (commit or roll
 * back). */
#include "cslog/import.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cslog/contact_check.h"
#include "cslog/text.h"
#include "import_int.h"

#include "app_int.h"

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

void
imp_refused(struct imp *im, long line, const char *msg)
{
	bad(im, line, msg);
}

int
imp_bad_record(struct imp *im, long line, const char *msg)
{
	if (im->pass == PASS_WRITE) {   /* reported by the checking pass */
		im->rebad++;
		return CS_DATAERR;
	}
	return bad(im, line, msg);
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
int
imp_member(struct imp *im, const char *badge, const char *name, int64_t *id,
           struct cs_err *e)
{
	struct member m = { 0 };
	int rc;

	if (im->m_cap > 0 && slot_of(im->members, im->m_cap, badge)->badge) {
		*id = slot_of(im->members, im->m_cap, badge)->id;
		return CS_OK;
	}
	rc = store_member_find(im->st, badge, &m, e);
	if (rc == CS_OK) {
		*id = m.id;
		record_member_clear(&m);
	} else if (rc == CS_NOUSER) {
		m.badge = badge;
		m.name = name != NULL ? name : badge;
		m.role = ROLE_MEMBER;
		rc = store_member_add(im->st, im->who->id, &m, NULL, im->a->now, id, e);
		if (rc == CS_OK)
			im->stats->members_created++;
	}
	if (rc == CS_OK && remember_member(im, badge, *id) != CS_OK)
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
	/* the kept records were checked as UTF-8 when they were read: in
	 * the writing pass the check cost 3 % of an import's CPU again */
	int rc = im->pass == PASS_WRITE && im->checked != NULL ? CS_OK : check_utf8(r, e);

	if (rc != CS_OK)
		return rc;
	if (c->policy_id == NULL)
		return cs_err_set(e, CS_DATAERR, "policy: missing");
	if ((p = app_policy(im->a, c->policy_id, e)) == NULL)
		return CS_DATAERR;
	if (c->policy_version == NULL)
		c->policy_version = p->version;
	else if (strcmp(c->policy_version, p->version) != 0 && im->pass == PASS_CHECK)
		im->stats->other_version++;
	if ((rc = app_check_times(c, im->check_now, e)) != CS_OK)
		return rc;
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

	if (im->pg != NULL)   /* a server writes them all at the end */
		return import_pg_row(im, r, line);
	rc = imp_member(im, r->member_badge, r->member_name, &r->c.member_id, &e);
	if (rc == CS_OK && im->old_way)   /* the test build's old way: looked up again */
		rc = store_contact_insert(im->st, im->who->id, &r->c, im->a->now, &id, &e);
	else if (rc == CS_OK)
		rc = store_import_contact(im->st, im->who->id, &r->c, im->a->now,
		                          r->c.id > im->top_id, &id, &e);
	if (rc == CS_OK && id > im->top_id)
		im->top_id = id;
	if (rc == CS_NOINPUT && r->c.amends != 0 && may_wait)
		return wait_for_original(im, r, line) == CS_OK ? 1 : im->fatal;
	if (rc != CS_OK)
		return store_failed(im, line, rc, &e);
	im->stats->imported++;
	return CS_OK;
}

void
imp_take(struct imp *im, struct codec_row *r, long line)
{
	struct cs_err e = { 0 };
	bool keep = im->pass == PASS_CHECK && im->checked != NULL;

	if (keep && imp_spool_pack(im, r, line) != 0) {
		im->fatal = cs_err_set(im->err, CS_OSERR, "out of memory");
	} else if (check_record(im, r, &e) != CS_OK) {
		imp_bad_record(im, line, e.msg);
	} else if (keep) {
		imp_spool_put(im);
	} else if (im->pass == PASS_CHECK && im->stage != NULL) {
		if (store_stage_put(im->stage, &r->c, r->member_badge, r->member_name, line, &e)
		    != CS_OK)
			im->fatal = cs_err_set(im->err, e.code, "%s", e.msg);
	} else if (im->pass == PASS_CHECK && im->pg != NULL) {
		import_pg_row(im, r, line);   /* a server's one pass: sent at once */
	} else if (im->pass == PASS_WRITE && im->pipe != NULL) {
		if (imp_pipe_push(im->pipe, r, line))
			return;
		im->fatal = IMP_STOPPED;   /* the writer stopped */
	} else if (im->pass == PASS_WRITE && write_record(im, r, line, true) == 1) {
		return;
	}
	codec_row_free(r);
	free(r);
}

void
imp_write(struct imp *im, struct codec_row *r, long line)
{
	if (!im->fatal && write_record(im, r, line, true) == 1)
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

struct codec_row *
imp_new_row(struct imp *im)
{
	struct codec_row *r = malloc(sizeof *r);

	if (r == NULL)
		im->fatal = cs_err_set(im->err, CS_OSERR, "out of memory");
	return r;
}

/* A record that could not be decoded: report it, free it. */
void
imp_undecoded(struct imp *im, struct codec_row *r, long line, const struct cs_err *e)
{
	if (e->code == CS_OSERR)
		im->fatal = cs_err_set(im->err, CS_OSERR, "out of memory");
	else
		imp_bad_record(im, line, e->msg);
	codec_row_free(r);
	free(r);
}

/* ---- the whole file ------------------------------------------------- */

/* The checking pass found the input unfit to write: say why. */
static int
refused(struct imp *im)
{
	struct import_stats *s = im->stats;

	if (im->fatal)
		return im->fatal;
	if (im->header_bad)
		return cs_err_set(im->err, CS_DATAERR, "nothing was imported");
	return cs_err_set(im->err, CS_DATAERR, "%zu bad record%s: nothing was imported", s->bad,
	    s->bad == 1 ? "" : "s");
}

static int
finish(struct imp *im, size_t checked_bad)
{
	struct import_stats *s = im->stats;
	int rc;

	if (!im->fatal && !im->header_bad && im->rebad != checked_bad)
		im->fatal = cs_err_set(im->err, CS_DATAERR, "the input changed while it was"
		    " imported (%zu bad records read the first time, %zu the second): nothing"
		    " was imported", checked_bad, im->rebad);
	if (im->fatal || im->header_bad || (s->bad > 0 && !im->o->skip_bad)) {
		store_bulk_rollback(im->st);
		s->imported = s->members_created = 0;
		return refused(im);
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
	imp_spool_free(im);
	store_stage_free(im->stage);
	if (im->checked != NULL)
		fclose(im->checked);
}

/* ---- the input, read twice ----------------------------------------- */

void
imp_read_all(struct imp *im, FILE *f)
{
	if (im->pass == PASS_WRITE && im->checked != NULL) {
		imp_read_spool(im, f);
		return;
	}
	if (im->o->format == IMPORT_CSV)
		import_read_csv(im, f);
	else
		import_read_jsonl(im, f);
}

static int bulk_write(struct imp *im, struct imp_input *in, size_t checked_bad);

/* The second pass: under the import marker and the write lock, with
 * SQLite's foreign-key checks off (every reference is resolved here). */
static int
write_pass(struct imp *im, struct imp_input *in)
{
	size_t checked_bad = im->stats->bad;
	struct cs_err e = { 0 };
	int rc;

	if (app_db_is_server(im->a))
		return import_pg_two_passes(im, in, checked_bad);
	if ((im->st = app_store(im->a, im->err)) == NULL)
		return app_err(im->err);
	/* the stage: attached since it was made (outside any transaction) */
	rc = im->stage != NULL ? CS_OK
	     : im->checked != NULL ? imp_checked_again(im) : imp_input_again(in, im->err);
	if (rc != CS_OK)
		return rc;
	if (im->checked != NULL || im->stage != NULL)   /* only the records that passed */
		im->rebad = checked_bad;
	im->old_way = imp_serial_asked();
	if (!im->old_way && (rc = store_import_checks(im->st, false, im->err)) != CS_OK) {
		store_stage_detach(im->stage);
		return rc;
	}
	rc = bulk_write(im, in, checked_bad);
	store_stage_detach(im->stage);
	/* committed or rolled back: the connection as every other writer has it */
	if (!im->old_way && store_import_checks(im->st, true, &e) != CS_OK && rc == CS_OK)
		rc = cs_err_set(im->err, e.code, "%s", e.msg);
	return rc;
}

/* Under the import marker and the write lock: every kept record. */
static int
bulk_write(struct imp *im, struct imp_input *in, size_t checked_bad)
{
	FILE *src;
	int rc;

	do {   /* another import first: wait for it as a save would */
		if ((rc = app_writable(im->a, im->st, im->err)) != CS_OK)
			return rc;
		rc = store_bulk_begin(im->st, im->err);
	} while (rc == CS_TEMPFAIL && store_bulk_holder(im->st, NULL));
	if (rc != CS_OK)
		return rc;
	/* the largest contact id: an id above it (and above each written
	 * since) is free without a look-up */
	if ((rc = store_contact_max_id(im->st, &im->top_id, im->err)) != CS_OK) {
		store_bulk_rollback(im->st);
		return rc;
	}
	app_now(im->a);   /* the stamps: under the write lock */
	app_test_pause("import-locked");
	im->pass = PASS_WRITE;
	src = im->checked != NULL ? im->checked : in->spool != NULL ? in->spool : in->f;
	if (im->stage != NULL)   /* the staged records: amendments that wait included */
		imp_stage_copy(im);
	else if (im->old_way)
		imp_read_all(im, src);
	else
		imp_read_piped(im, src);
	if (!im->fatal && !im->header_bad && im->stage == NULL)
		write_waiting(im);
	if (!im->fatal && !imp_input_same(in))
		im->fatal = cs_err_set(im->err, CS_DATAERR, "the file changed while it was"
		                       " imported: nothing was imported");
	return finish(im, checked_bad);
}

int
import_file(struct app *a, const struct app_actor *who, FILE *f,
            const struct import_opts *o, struct import_stats *stats, struct cs_err *err)
{
	struct imp im;
	struct imp_input in;
	bool one_pass;
	int rc;

	memset(stats, 0, sizeof *stats);
	if ((rc = app_may(who, APP_IMPORT, 0, err)) != CS_OK)
		return rc;
	if (!a->policies_loaded)
		return cs_err_set(err, CS_SOFTWARE, "import: the policies are not loaded");
	if (o->format != IMPORT_CSV && o->format != IMPORT_JSONL)
		return cs_err_set(err, CS_USAGE, "say what the file holds: csv or jsonl");
	memset(&im, 0, sizeof im);
	one_pass = app_db_is_server(a) && !imp_serial_asked();
	imp_stage_open(&im, a);   /* or, without it, the records kept in a file */
	if ((rc = imp_input_open(&in, f, im.stage != NULL || one_pass ? NULL : &im.checked,
	                         err)) != CS_OK) {
		store_stage_free(im.stage);
		return rc;
	}

	im.a = a;
	im.who = who;
	im.o = o;
	im.stats = stats;
	im.err = err;
	im.pass = PASS_CHECK;
	im.check_now = app_now(a);
	im.spool = in.spool;
	if (one_pass) {
		rc = import_pg_one_pass(&im, f);
		if (in.spool != NULL)
			fclose(in.spool);
		imp_free(&im);
		return rc;
	}
	imp_read_all(&im, f);   /* the first pass: all of it, holding nothing */
	if (!im.fatal && im.checked != NULL && (fflush(im.checked) != 0 || im.checked_errno))
		im.fatal = imp_held_failed(&im, im.checked_errno ? im.checked_errno : errno);
	if (!im.fatal && im.stage != NULL && store_stage_seal(im.stage, err) != CS_OK)
		im.fatal = err->code;
	if (im.fatal || im.header_bad || (stats->bad > 0 && !o->skip_bad))
		rc = refused(&im);
	else
		rc = write_pass(&im, &in);
	if (in.spool != NULL)
		fclose(in.spool);
	imp_free(&im);
	return rc;
}
