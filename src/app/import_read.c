/* import_read.c - the two formats import reads: CSV (a header row naming
 * the columns, then one record a row) and JSON Lines (one object a
 * line).  Each record decoded is handed to imp_take; what is wrong is
 * reported with its line.  The same code reads the input twice: once
 * to check it all, holding nothing, and once to write it (import.c). */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "import_int.h"

/* A reader of f; in the checking pass, what it reads is spooled too. */
static struct csv_reader *
reader(struct imp *im, FILE *f)
{
	struct csv_reader *rd = csv_reader_new(f);

	if (rd == NULL)
		im->fatal = cs_err_set(im->err, CS_OSERR, "out of memory");
	else if (im->pass == PASS_CHECK && im->spool != NULL)
		csv_reader_copy_to(rd, im->spool);
	return rd;
}

/* The end of the input, or of what could be read of it. */
static void
reader_done(struct imp *im, struct csv_reader *rd)
{
	int e = csv_reader_copy_errno(rd);

	if (csv_reader_lost(rd))
		im->stats->unreadable = true;
	if (!im->fatal && csv_reader_lost(rd))
		im->fatal = cs_err_set(im->err, CS_DATAERR, "the input is not a file cslog"
		    " imports (a record longer than the most one may be): nothing was imported");
	if (!im->fatal && e != 0)
		im->fatal = cs_err_set(im->err, e == ENOSPC || e == EFBIG ? CS_IOERR : CS_CANTCREAT,
		    "the input could not be held while it was checked (%s): nothing was"
		    " imported", strerror(e));
	csv_reader_free(rd);
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
	imp_bad_record(im, line, msg);
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
		imp_bad_record(im, rec->line, msg);
		return;
	}
	for (k = 0; k < F_COUNT; k++) {
		vals[k] = im->col[k] >= 0 ? rec->fields[im->col[k]] : NULL;
		/* export's mark against spreadsheet formulas (app_csv_field) */
		if (vals[k] != NULL && vals[k][0] == '\'')
			vals[k]++;
	}
	if ((r = imp_new_row(im)) == NULL)
		return;
	if (codec_row_from_texts(r, vals, &e) != CS_OK)
		imp_undecoded(im, r, rec->line, &e);
	else
		imp_take(im, r, rec->line);
}

void
import_read_csv(struct imp *im, FILE *f)
{
	struct csv_reader *rd = reader(im, f);
	struct csv_record rec = { 0 };
	struct cs_err e = { 0 };
	bool header = false;
	int rc;

	if (rd == NULL)
		return;
	csv_reader_limit(rd, IMPORT_HEADER_MAX);
	while (!im->fatal && !im->header_bad && (rc = csv_read(rd, &rec, &e)) != 0) {
		if (rc == CS_DATAERR && !header && csv_reader_lost(rd)) {
			header_problem(im, rec.line, "the first row is longer than %d bytes: it is not"
			    " the header row of a CSV file cslog wrote", IMPORT_HEADER_MAX);
		} else if (rc == CS_DATAERR) {
			imp_bad_record(im, rec.line, e.msg);
			im->header_bad = im->stats->unreadable = !header;
		} else if (rc != 1) {
			im->fatal = cs_err_set(im->err, rc, "%s", e.msg);
		} else if (!header) {
			read_header(im, &rec);
			header = true;
			csv_reader_limit(rd, CSV_RECORD_MAX);
		} else {
			csv_record(im, &rec);
		}
	}
	if (!header && !im->fatal && !im->header_bad)
		header_problem(im, 1, "%s", "the file is empty: a CSV file starts with a header row");
	reader_done(im, rd);
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

/* What jansson found wrong; a number it could not hold (a too big
 * integer) is named, as every refused id is. */
static void
json_problem(const char *s, size_t len, const json_error_t *je, char *msg, size_t n)
{
	size_t end = je->position > 0 && (size_t)je->position <= len ? (size_t)je->position : 0;
	size_t start = end;

	while (start > 0 && end - start < 40 && (isdigit((unsigned char)s[start - 1]) ||
	       s[start - 1] == '-'))
		start--;
	if (start < end && strstr(je->text, "near") == NULL)
		snprintf(msg, n, "not a valid JSON object: %s %.*s (column %d)", je->text,
		    (int)(end - start), s + start, je->column);
	else
		snprintf(msg, n, "not a valid JSON object: %s (column %d)", je->text, je->column);
}

/* One line of JSON Lines, parsed and decoded (any thread: it touches
 * nothing of the import's). */
void
imp_jsonl_parse(const char *s, size_t len, struct jl_out *o)
{
	json_error_t je;
	json_t *obj;

	o->kind = JL_SKIP;
	o->r = NULL;
	if (blank(s, len))
		return;
	o->kind = JL_BAD;
	if (memchr(s, '\0', len) != NULL) {
		snprintf(o->msg, sizeof o->msg, "a NUL byte");
		return;
	}
	if ((obj = json_loadb(s, len, JSON_REJECT_DUPLICATES, &je)) == NULL) {
		json_problem(s, len, &je, o->msg, sizeof o->msg);
		return;
	}
	if ((o->r = malloc(sizeof *o->r)) == NULL) {
		o->kind = JL_OOM;
	} else {
		memset(&o->e, 0, sizeof o->e);
		o->kind = codec_row_from_json(o->r, obj, &o->e) == CS_OK ? JL_ROW : JL_UNDECODED;
	}
	json_decref(obj);
}

/* What imp_jsonl_parse made of line `line`, taken in the order of the
 * lines (this thread: the import's). */
void
imp_jsonl_take(struct imp *im, struct jl_out *o, long line)
{
	switch (o->kind) {
	case JL_SKIP:
		break;
	case JL_BAD:
		imp_bad_record(im, line, o->msg);
		break;
	case JL_OOM:
		im->fatal = cs_err_set(im->err, CS_OSERR, "out of memory");
		break;
	case JL_UNDECODED:
		imp_undecoded(im, o->r, line, &o->e);
		break;
	case JL_ROW:
		imp_take(im, o->r, line);
		break;
	}
	o->r = NULL;
}

static void
json_line(struct imp *im, const char *s, size_t len, long line)
{
	struct jl_out o;

	imp_jsonl_parse(s, len, &o);
	imp_jsonl_take(im, &o, line);
}

void
import_read_jsonl(struct imp *im, FILE *f)
{
	struct csv_reader *rd = reader(im, f);
	struct csv_record rec = { 0 };
	struct cs_err e = { 0 };
	int rc;

	if (rd == NULL)
		return;
	if (im->pass == PASS_CHECK && !imp_serial_asked() && imp_jsonl_parallel(im, rd)) {
		reader_done(im, rd);
		return;
	}
	while (!im->fatal && (rc = csv_read_line(rd, &rec, &e)) != 0) {
		if (rc == CS_DATAERR)
			imp_bad_record(im, rec.line, e.msg);
		else if (rc != 1)
			im->fatal = cs_err_set(im->err, rc, "%s", e.msg);
		else
			json_line(im, rec.fields[0], rec.lens[0], rec.line);
	}
	reader_done(im, rd);
}

