/* survey_import.c - survey responses from the CSV a survey tool exports.
 *
 * Its header row holds the tool's question texts; a map (a CSV of two
 * columns, `header,question`) says which question of the policy each
 * text is, and a header that is a question id itself needs no line.
 * Columns `contact` (a contact id) and `call` (a call reference: the
 * first current contact of that call) link a response to the log;
 * `comment`, `at` (when answered) and `ref` (the tool's response id,
 * so that a file imported twice is refused) are read when there.  A
 * header cslog cannot place, or a map line it cannot use, stops the
 * import before any row.  Each row then goes the way of `survey add`
 * (app_survey_add) inside one bulk transaction: bad rows are named by
 * line and nothing is kept unless every row is good, or skip_bad. */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cslog/app_measures.h"
#include "cslog/app_time.h"
#include "cslog/pgstore.h"
#include "cslog/text.h"
#include "csv.h"

#include "app_int.h"

#define COLS_MAX 256
#define MAP_MAX 512

enum col_kind { COL_QUESTION, COL_CONTACT, COL_CALL, COL_COMMENT, COL_AT, COL_REF, COL_SKIP };

struct col {
	enum col_kind kind;
	char *question;            /* owned: COL_QUESTION's id */
};

struct mapping {
	char *header, *question;   /* owned */
};

struct simp {
	struct app *a;
	const struct app_actor *who;
	const struct survey_import_opts *o;
	struct survey_import_stats *stats;
	struct cs_err *err;
	struct store *st;              /* a file's, or NULL */
	struct pgstore *pg;            /* a server's, or NULL */
	const struct policy *policy;   /* o->policy_id's, or the only one; NULL: per row */
	struct mapping map[MAP_MAX];
	size_t n_map;
	struct col cols[COLS_MAX];
	size_t n_cols;
	int fatal;
	bool unreadable;
};

static void problem(struct simp *im, bool in_map, long line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void
problem(struct simp *im, bool in_map, long line, const char *fmt, ...)
{
	char msg[CS_ERR_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (im->o->on_error != NULL)
		im->o->on_error(im->o->ctx, in_map, line, msg);
}

static void
bad_row(struct simp *im, long line, const char *msg)
{
	im->stats->bad++;
	problem(im, false, line, "%s", msg);
}

static void
unreadable(struct simp *im, bool in_map, long line, const char *msg)
{
	im->unreadable = im->stats->unreadable = true;
	problem(im, in_map, line, "%s", msg);
}

/* s without surrounding blanks, into buf. */
static const char *
trimmed(const char *s, char *buf, size_t len)
{
	size_t n;

	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		n--;
	if (n >= len)
		n = len - 1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	return buf;
}

/* Survey question id of the import's policy; with a policy per row (the
 * contact's), of the first policy that has one (app_survey_add holds
 * each answer to its row's policy). */
static const struct survey_question *
question_of(struct simp *im, const char *id)
{
	const struct survey_question *q = NULL;
	size_t i;

	if (im->policy != NULL)
		return policy_survey_question(im->policy, id);
	for (i = 0; q == NULL && i < im->a->policies.n; i++)
		q = policy_survey_question(im->a->policies.items[i], id);
	return q;
}

static bool
known_question(struct simp *im, const char *id)
{
	return question_of(im, id) != NULL;
}

static bool
safe_text(struct simp *im, bool in_map, const struct csv_record *r)
{
	size_t i;

	for (i = 0; i < r->n; i++) {
		if (!text_valid_utf8(r->fields[i], r->lens[i])) {
			if (in_map || r->line == 1)
				unreadable(im, in_map, r->line, "not valid UTF-8 text");
			else
				bad_row(im, r->line, "not valid UTF-8 text");
			return false;
		}
	}
	return true;
}

/* The columns that are not questions: contact, call, comment, at, ref
 * (a map may name them too: "Comments,comment"). */
static const char *const special[] = { "contact", "call", "comment", "at", "ref" };

static int
special_of(const char *h)
{
	size_t k;

	for (k = 0; k < sizeof special / sizeof special[0]; k++)
		if (strcasecmp(h, special[k]) == 0)
			return (int)k;
	return -1;
}

/* ---- the map ------------------------------------------------------------ */

static void
map_line(struct simp *im, const struct csv_record *r, bool first)
{
	char h[512], q[128];

	if (!safe_text(im, true, r))
		return;
	if (first) {
		if (r->n != 2 || strcmp(trimmed(r->fields[0], h, sizeof h), "header") != 0 ||
		    strcmp(trimmed(r->fields[1], q, sizeof q), "question") != 0)
			unreadable(im, true, r->line, "the map's first row names its two columns: "
			           "header,question");
		return;
	}
	if (r->n != 2) {
		unreadable(im, true, r->line, "a line of the map has two fields: the header text "
		           "and the question id");
		return;
	}
	trimmed(r->fields[1], q, sizeof q);
	if (!known_question(im, q) && special_of(q) < 0) {
		problem(im, true, r->line, "'%.60s' is not a survey question%s%s", q,
		        im->policy != NULL ? " of policy " : "",
		        im->policy != NULL ? im->policy->id : "");
		im->unreadable = im->stats->unreadable = true;
		return;
	}
	if (im->n_map == MAP_MAX) {
		unreadable(im, true, r->line, "the map has more lines than cslog reads (512)");
		return;
	}
	im->map[im->n_map].header = strdup(trimmed(r->fields[0], h, sizeof h));
	im->map[im->n_map].question = strdup(q);
	if (im->map[im->n_map].header == NULL || im->map[im->n_map].question == NULL) {
		free(im->map[im->n_map].header);
		free(im->map[im->n_map].question);
		im->fatal = cs_err_set(im->err, CS_OSERR, "out of memory");
		return;
	}
	im->n_map++;
}

static void
read_map(struct simp *im, FILE *f)
{
	struct csv_reader *rd = csv_reader_new(f);
	struct csv_record rec = { 0 };
	struct cs_err e = { 0 };
	bool first = true;
	int rc;

	if (rd == NULL) {
		im->fatal = cs_err_set(im->err, CS_OSERR, "out of memory");
		return;
	}
	while (!im->fatal && (rc = csv_read(rd, &rec, &e)) != 0) {
		if (rc == CS_DATAERR)
			unreadable(im, true, rec.line, e.msg);
		else if (rc != 1)
			im->fatal = cs_err_set(im->err, rc, "the map: %s", e.msg);
		else
			map_line(im, &rec, first);
		first = false;
	}
	if (first && !im->fatal)
		unreadable(im, true, 1, "the map is empty: its first row is header,question");
	csv_reader_free(rd);
}

/* ---- the header ----------------------------------------------------------- */


static void
place(struct simp *im, size_t i, const char *text, long line)
{
	char h[512];
	size_t k;
	const char *q = NULL;

	trimmed(text, h, sizeof h);
	for (k = 0; k < im->n_map && q == NULL; k++)
		if (strcmp(im->map[k].header, h) == 0)
			q = im->map[k].question;
	if (q == NULL && known_question(im, h))
		q = h;
	if (special_of(q != NULL ? q : h) >= 0) {
		im->cols[i].kind = (enum col_kind)(COL_CONTACT + special_of(q != NULL ? q : h));
		return;
	}
	if (h[0] == '\0') {
		im->cols[i].kind = COL_SKIP;   /* an unnamed column: nothing cslog reads */
		return;
	}
	if (q == NULL) {
		problem(im, false, line, "column %zu, '%.60s', is not a survey question: map it "
		        "to one (--map) or leave the column out", i + 1, h);
		im->unreadable = im->stats->unreadable = true;
		return;
	}
	im->cols[i].kind = COL_QUESTION;
	if ((im->cols[i].question = strdup(q)) == NULL)
		im->fatal = cs_err_set(im->err, CS_OSERR, "out of memory");
}

static void
read_header(struct simp *im, const struct csv_record *r)
{
	size_t i, j, questions = 0;

	if (!safe_text(im, false, r))
		return;
	if (r->n > COLS_MAX) {
		unreadable(im, false, r->line, "more than 256 columns");
		return;
	}
	im->n_cols = r->n;
	for (i = 0; i < r->n && !im->fatal; i++)
		place(im, i, r->fields[i], r->line);
	for (i = 0; i < r->n && !im->unreadable; i++) {
		questions += im->cols[i].kind == COL_QUESTION;
		for (j = 0; j < i; j++) {
			if (im->cols[i].kind == im->cols[j].kind && im->cols[i].kind != COL_SKIP &&
			    (im->cols[i].kind != COL_QUESTION ||
			     strcmp(im->cols[i].question, im->cols[j].question) == 0)) {
				problem(im, false, r->line, "columns %zu and %zu are the same %s", j + 1,
				        i + 1, im->cols[i].kind == COL_QUESTION ? "question" : "column");
				im->unreadable = im->stats->unreadable = true;
				break;
			}
		}
	}
	if (!im->unreadable && questions == 0)
		unreadable(im, false, r->line, "no column is a survey question (is this the "
		           "survey tool's export, with its header row?)");
}

/* ---- the rows -------------------------------------------------------------- */

static int
score_of(const struct survey_question *q, const char *v, int *score)
{
	char *end = NULL;
	long n;

	if (q->scale == SCALE_YES_NO) {
		if (strcasecmp(v, "yes") == 0 || strcasecmp(v, "y") == 0 ||
		    strcasecmp(v, "true") == 0 || strcmp(v, "1") == 0)
			*score = 1;
		else if (strcasecmp(v, "no") == 0 || strcasecmp(v, "n") == 0 ||
		         strcasecmp(v, "false") == 0 || strcmp(v, "0") == 0)
			*score = 0;
		else
			return -1;
		return 0;
	}
	n = isdigit((unsigned char)v[0]) ? strtol(v, &end, 10) : -1;
	if (n < 1 || n > 5 || *end != '\0')
		return -1;
	*score = (int)n;
	return 0;
}

static int
first_of_call(void *ctx, const struct contact *c)
{
	*(int64_t *)ctx = c->id;
	return 1;
}

/* The contact of a call reference: the first current one. */
static int
call_contact(struct simp *im, const char *ref, int64_t *id, struct cs_err *e)
{
	struct contact_filter f;

	memset(&f, 0, sizeof f);
	f.call_ref = ref;
	f.oldest_first = true;
	f.ids_only = true;
	*id = 0;
	if (im->pg != NULL)
		return pgstore_contact_query(im->pg, &f, NULL, 1, first_of_call, id, NULL, e);
	return store_contact_query(im->st, &f, NULL, 1, first_of_call, id, NULL, e);
}

/* A field of the row into r; false (reported) when it cannot be. */
static bool
field(struct simp *im, const struct col *c, const char *v, long line,
      struct survey_response *r)
{
	const struct survey_question *q;
	struct cs_err e = { 0 };
	char msg[CS_ERR_MAX];
	int64_t id;

	if (*v == '\0' || c->kind == COL_SKIP)
		return true;
	switch (c->kind) {
	case COL_QUESTION:
		q = question_of(im, c->question);
		if (q == NULL || score_of(q, v, &r->answers[r->n_answers].score) != 0) {
			snprintf(msg, sizeof msg, "%s: '%.40s' is not %s", c->question, v,
			         q == NULL || q->scale == SCALE_1_5 ? "on the scale 1 to 5" :
			         "yes or no");
			bad_row(im, line, msg);
			return false;
		}
		r->answers[r->n_answers++].question = c->question;
		return true;
	case COL_CONTACT:   /* 1 .. 2^53 - 1, never clamped */
		if (v[0] == '\0' || strspn(v, "0123456789") != strlen(v) || strlen(v) > 16 ||
		    (r->contact_id = strtoll(v, NULL, 10)) <= 0 || r->contact_id >= RECORD_NUM_LIMIT) {
			snprintf(msg, sizeof msg, strspn(v, "0123456789") == strlen(v) && v[0] != '\0'
			         ? "contact: %.40s is outside 1 to 2^53 - 1" :
			         "contact: '%.40s' is not a contact id", v);
			bad_row(im, line, msg);
			return false;
		}
		return true;
	case COL_CALL:
		if (call_contact(im, v, &id, &e) != CS_OK || id == 0) {
			snprintf(msg, sizeof msg, "call '%.40s': %.900s", v, e.msg[0] ? e.msg :
			         "no contact of that call is logged");
			bad_row(im, line, msg);
			return false;
		}
		r->contact_id = r->contact_id != 0 ? r->contact_id : id;
		return true;
	case COL_COMMENT:
		r->comment = v;
		return true;
	case COL_AT:
		if (app_time_parse(v, im->a->now, 0, &r->at, &e) != CS_OK) {
			snprintf(msg, sizeof msg, "at: %.1000s", e.msg);
			bad_row(im, line, msg);
			return false;
		}
		return true;
	default:
		r->ref = v;
		return true;
	}
}

static void
row(struct simp *im, const struct csv_record *rec)
{
	struct survey_response r;
	struct cs_err e = { 0 };
	char msg[128];
	int64_t id;
	size_t i;
	int rc;

	im->stats->rows++;
	if (!safe_text(im, false, rec))
		return;
	if (rec->n != im->n_cols) {
		snprintf(msg, sizeof msg, "%zu fields, but the header names %zu columns", rec->n,
		         im->n_cols);
		bad_row(im, rec->line, msg);
		return;
	}
	memset(&r, 0, sizeof r);
	r.source = SURVEY_TOOL;
	r.policy_id = im->policy != NULL ? im->policy->id : NULL;
	for (i = 0; i < rec->n; i++)
		if (!field(im, &im->cols[i], rec->fields[i], rec->line, &r))
			return;
	if (r.n_answers == 0) {
		bad_row(im, rec->line, "no question is answered");
		return;
	}
	/* On a server a refused row must not end the transaction: each row
	 * is a savepoint, dropped when refused. */
	if (im->pg != NULL && (rc = pgstore_xact(im->pg, PG_SAVEPOINT, &e)) != CS_OK) {
		im->fatal = cs_err_set(im->err, rc, "%s", e.msg);
		return;
	}
	rc = app_survey_add(im->a, im->who, &r, &id, &e);
	if (im->pg != NULL) {
		struct cs_err why = { 0 };
		int done = pgstore_xact(im->pg, rc == CS_OK ? PG_RELEASE : PG_ROLLBACK_TO, &why);

		if (done != CS_OK && rc == CS_OK) {
			rc = done;
			e = why;
		}
	}
	if (rc == CS_DATAERR || rc == CS_NOINPUT || rc == CS_USAGE || rc == CS_NOUSER)
		bad_row(im, rec->line, e.msg);
	else if (rc != CS_OK)
		im->fatal = cs_err_set(im->err, rc, "%s", e.msg);
	else
		im->stats->imported++;
}

static void
read_rows(struct simp *im, FILE *f)
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
	while (!im->fatal && !im->unreadable && (rc = csv_read(rd, &rec, &e)) != 0) {
		if (rc == CS_DATAERR && !header)
			unreadable(im, false, rec.line, e.msg);
		else if (rc == CS_DATAERR)
			bad_row(im, rec.line, e.msg);
		else if (rc != 1)
			im->fatal = cs_err_set(im->err, rc, "%s", e.msg);
		else if (!header)
			read_header(im, &rec);
		else
			row(im, &rec);
		header = true;
	}
	if (!header && !im->fatal && !im->unreadable)
		unreadable(im, false, 1, "the file is empty: a survey export starts with a header "
		           "row");
	csv_reader_free(rd);
}

/* ---- the whole file ------------------------------------------------------------- */

static int
finish(struct simp *im)
{
	struct survey_import_stats *s = im->stats;
	int rc;

	if (im->fatal || im->unreadable || (s->bad > 0 && !im->o->skip_bad)) {
		if (im->pg != NULL)
			pgstore_xact(im->pg, PG_ROLLBACK, NULL);
		else
			store_bulk_rollback(im->st);
		s->imported = 0;
		if (im->fatal)
			return im->fatal;
		if (im->unreadable)
			return cs_err_set(im->err, CS_DATAERR, "nothing was imported");
		return cs_err_set(im->err, CS_DATAERR, "%zu bad row%s: nothing was imported",
		                  s->bad, s->bad == 1 ? "" : "s");
	}
	rc = im->pg != NULL ? pgstore_xact(im->pg, PG_COMMIT, im->err) :
	     store_bulk_commit(im->st, im->err);
	if (rc != CS_OK) {
		s->imported = 0;
		return rc;
	}
	if (im->pg == NULL)
		app_anchor(im->a);
	if (s->bad > 0)
		return cs_err_set(im->err, CS_DATAERR, "%zu bad row%s skipped", s->bad,
		                  s->bad == 1 ? " was" : "s were");
	return CS_OK;
}

int
app_survey_import(struct app *a, const struct app_actor *who, FILE *in, FILE *map,
                  const struct survey_import_opts *o, struct survey_import_stats *stats,
                  struct cs_err *err)
{
	struct simp *im;
	size_t i;
	int rc;

	memset(stats, 0, sizeof *stats);
	if ((rc = app_may(who, APP_SURVEY_ADD, 0, err)) != CS_OK)
		return rc;
	if (!a->policies_loaded)
		return cs_err_set(err, CS_SOFTWARE, "survey import: the policies are not loaded");
	if ((im = calloc(1, sizeof *im)) == NULL)
		return cs_err_set(err, CS_OSERR, "out of memory");
	im->a = a;
	im->who = who;
	im->o = o;
	im->stats = stats;
	im->err = err;
	if (o->policy_id != NULL && (im->policy = app_policy(a, o->policy_id, err)) == NULL)
		rc = app_err(err);
	else if (o->policy_id == NULL && a->policies.n == 1)
		im->policy = a->policies.items[0];
	if (rc == CS_OK && app_db_is_server(a)) {   /* one transaction at the server */
		if ((im->pg = app_pg(a, err)) == NULL)
			rc = app_err(err);
	} else if (rc == CS_OK && (im->st = app_store(a, err)) == NULL) {
		rc = app_err(err);
	}
	if (rc == CS_OK && map != NULL)
		read_map(im, map);
	if (rc == CS_OK && !im->fatal && !im->unreadable &&
	    (rc = im->pg != NULL ? pgstore_xact(im->pg, PG_BEGIN, err) :
	          store_bulk_begin(im->st, err)) == CS_OK) {
		app_now(a);   /* under the write lock */
		read_rows(im, in);
		rc = finish(im);
	} else if (rc == CS_OK) {
		rc = im->fatal ? im->fatal : cs_err_set(err, CS_DATAERR, "nothing was imported");
	}
	for (i = 0; i < im->n_map; i++) {
		free(im->map[i].header);
		free(im->map[i].question);
	}
	for (i = 0; i < im->n_cols; i++)
		free(im->cols[i].question);
	free(im);
	return rc;
}
