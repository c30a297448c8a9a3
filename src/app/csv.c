/* csv.c - an RFC 4180 reader: one record at a time, one byte at a time.
 *
 * A malformed record is read to its natural end (the line break that
 * closes it) with the first problem remembered, so that the next call
 * starts cleanly at the following record. */
#include "csv.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#define BUF_SIZE 65536
#define END (-1)

enum state { FIELD_START, UNQUOTED, QUOTED, QUOTE_SEEN };

struct csv_reader {
	FILE *f;
	unsigned char buf[BUF_SIZE];
	size_t pos, len;
	bool started;       /* the BOM check is done */
	bool skip_lf;       /* a CR just ended a line: swallow a following LF */
	long line;          /* the line being read, from 1 */

	char *data;         /* the record's fields, each NUL-terminated */
	size_t data_len, data_cap;
	size_t *offs, *lens;
	char **fields;
	size_t n, cap;

	bool too_long;      /* the record passed max */
	int bad;            /* CS_OK, or the first problem of the record */
	char why[128];

	size_t max;         /* the longest record taken (bytes) */
	bool lost;          /* a record passed it: reading stopped there */
	FILE *copy;         /* every byte read goes there too (NULL: no) */
	int copy_errno;     /* why writing the copy failed (0: it did not) */
};

struct csv_reader *
csv_reader_new(FILE *f)
{
	struct csv_reader *r = calloc(1, sizeof *r);

	if (r != NULL) {
		r->f = f;
		r->line = 1;
		r->max = CSV_RECORD_MAX;
	}
	return r;
}

void
csv_reader_limit(struct csv_reader *r, size_t max)
{
	r->max = max > 0 && max < CSV_RECORD_MAX ? max : CSV_RECORD_MAX;
}

void
csv_reader_copy_to(struct csv_reader *r, FILE *copy)
{
	r->copy = copy;
}

bool
csv_reader_lost(const struct csv_reader *r)
{
	return r->lost;
}

int
csv_reader_copy_errno(const struct csv_reader *r)
{
	return r->copy_errno;
}

void
csv_reader_free(struct csv_reader *r)
{
	if (r == NULL)
		return;
	free(r->data);
	free(r->offs);
	free(r->lens);
	free(r->fields);
	free(r);
}

static bool
fill(struct csv_reader *r)
{
	r->pos = 0;
	if (r->lost)
		return false;
	r->len = fread(r->buf, 1, sizeof r->buf, r->f);
	if (r->copy != NULL && r->len > 0 && r->copy_errno == 0 &&
	    fwrite(r->buf, 1, r->len, r->copy) != r->len)
		r->copy_errno = errno != 0 ? errno : EIO;
	if (!r->started) {
		r->started = true;
		if (r->len >= 3 && memcmp(r->buf, "\xef\xbb\xbf", 3) == 0)
			r->pos = 3;
	}
	return r->pos < r->len;
}

static int
next_byte(struct csv_reader *r)
{
	int ch;

	do {
		if (r->pos == r->len && !fill(r))
			return END;
		ch = r->buf[r->pos++];
		if (r->skip_lf) {
			r->skip_lf = false;
			if (ch == '\n')
				ch = END - 1;  /* swallowed: read again */
		}
	} while (ch == END - 1);
	return ch;
}

static void
problem(struct csv_reader *r, const char *why)
{
	if (r->bad != CS_OK)
		return;
	r->bad = CS_DATAERR;
	snprintf(r->why, sizeof r->why, "%s", why);
}

/* A record past the limit: the input is not what cslog reads (a file
 * with no line breaks, /dev/zero).  Nothing after it can be trusted to
 * start a record, and reading on could take for ever: stop. */
static void
too_long(struct csv_reader *r)
{
	char why[128];

	if (r->max >= 1024 * 1024)
		snprintf(why, sizeof why, "the record is longer than %zu MiB, the most one may"
		         " be: reading stops there", r->max / (1024 * 1024));
	else
		snprintf(why, sizeof why, "the record is longer than %zu bytes, the most it may"
		         " be: reading stops there", r->max);
	problem(r, why);
	r->too_long = r->lost = true;
	r->pos = r->len;   /* nothing more of the buffer is read */
}

static int
append(struct csv_reader *r, int ch)
{
	char *p;
	size_t cap;

	if (r->data_len + 1 >= r->max) {
		if (!r->too_long)
			too_long(r);
		return CS_OK;
	}
	if (r->data_len + 1 >= r->data_cap) {
		cap = r->data_cap ? r->data_cap * 2 : 4096;
		p = realloc(r->data, cap);
		if (p == NULL)
			return CS_OSERR;
		r->data = p;
		r->data_cap = cap;
	}
	r->data[r->data_len++] = (char)ch;
	return CS_OK;
}

/* Close the field that starts at the last offset. */
static int
end_field(struct csv_reader *r)
{
	size_t cap, start;
	void *a, *b, *c;

	if (r->n == r->cap) {
		cap = r->cap ? r->cap * 2 : 32;
		a = realloc(r->offs, cap * sizeof *r->offs);
		if (a != NULL)
			r->offs = a;
		b = realloc(r->lens, cap * sizeof *r->lens);
		if (b != NULL)
			r->lens = b;
		c = realloc(r->fields, cap * sizeof *r->fields);
		if (c != NULL)
			r->fields = c;
		if (a == NULL || b == NULL || c == NULL)
			return CS_OSERR;
		r->cap = cap;
	}
	start = r->n == 0 ? 0 : r->offs[r->n - 1] + r->lens[r->n - 1] + 1;
	r->offs[r->n] = start;
	r->lens[r->n] = r->data_len - start;
	r->n++;
	if (r->too_long)
		return CS_OK;
	return append(r, '\0');
}

/* A line break outside quotes.  CR: a following LF belongs to it. */
static void
line_break(struct csv_reader *r, int ch)
{
	if (ch == '\r')
		r->skip_lf = true;
	r->line++;
}

static void
start_record(struct csv_reader *r, struct csv_record *rec)
{
	r->data_len = 0;
	r->n = 0;
	r->too_long = false;
	r->bad = CS_OK;
	r->why[0] = '\0';
	rec->line = r->line;
}

/* One byte in state *s.  Returns CS_OK, 1 when the record ended, or an
 * error. */
static int
step(struct csv_reader *r, enum state *s, int ch)
{
	bool brk = ch == '\r' || ch == '\n';

	if (ch == '\0') {   /* it counts toward the record's length all the same */
		problem(r, "a NUL byte");
		if (*s == FIELD_START)
			*s = UNQUOTED;
		return append(r, '?');
	}
	switch (*s) {
	case QUOTED:
		if (ch == '"') {
			*s = QUOTE_SEEN;
			return CS_OK;
		}
		if (ch == '\n')
			r->line++;
		return append(r, ch);
	case QUOTE_SEEN:
		if (ch == '"') {
			*s = QUOTED;
			return append(r, ch);
		}
		if (ch != ',' && !brk) {
			problem(r, "text after the closing quote of a field");
			*s = UNQUOTED;
			return append(r, ch);
		}
		break;
	case FIELD_START:
		if (ch == '"') {
			*s = QUOTED;
			return CS_OK;
		}
		break;
	case UNQUOTED:
		if (ch == '"')
			problem(r, "a quote inside a field that does not start with one");
		break;
	}
	if (ch == ',') {
		*s = FIELD_START;
		return end_field(r);
	}
	if (brk) {
		line_break(r, ch);
		return end_field(r) == CS_OK ? 1 : CS_OSERR;
	}
	*s = UNQUOTED;
	return append(r, ch);
}

static void
finish(struct csv_reader *r, struct csv_record *rec)
{
	size_t i;

	if (r->too_long) {  /* nothing of it is kept */
		r->data[0] = '\0';
		for (i = 0; i < r->n; i++)
			r->offs[i] = r->lens[i] = 0;
	}
	for (i = 0; i < r->n; i++)
		r->fields[i] = r->data + r->offs[i];
	rec->fields = r->fields;
	rec->lens = r->lens;
	rec->n = r->n;
}

/* The end of the input in state s: 0 when no record was begun. */
static int
at_end(struct csv_reader *r, enum state s, bool begun)
{
	if (ferror(r->f))
		return CS_IOERR;
	if (!begun)
		return 0;
	if (s == QUOTED)
		problem(r, "a quoted field is never closed (a quote is missing)");
	return end_field(r) == CS_OK ? 1 : CS_OSERR;
}

int
csv_read(struct csv_reader *r, struct csv_record *rec, struct cs_err *err)
{
	enum state s = FIELD_START;
	int ch, rc = CS_OK;
	bool begun = false;

	start_record(r, rec);
	if (r->lost)
		return 0;
	while (rc == CS_OK && !r->lost) {
		ch = next_byte(r);
		if (ch == END) {
			rc = at_end(r, s, begun);
			break;
		}
		if (!begun && (ch == '\r' || ch == '\n')) {  /* a blank line */
			line_break(r, ch);
			rec->line = r->line;
			continue;
		}
		begun = true;
		rc = step(r, &s, ch);
	}
	if (rc == CS_IOERR)
		return cs_err_set(err, CS_IOERR, "cannot read the file");
	if (rc == CS_OSERR)
		return cs_err_set(err, CS_OSERR, "out of memory");
	if (rc == 0 && !r->lost)
		return 0;
	finish(r, rec);
	if (r->bad != CS_OK)
		return cs_err_set(err, r->bad, "%s", r->why);
	return 1;
}

int
csv_read_line(struct csv_reader *r, struct csv_record *rec, struct cs_err *err)
{
	int ch = 0, rc = CS_OK;
	bool any = false;

	start_record(r, rec);
	if (r->lost)
		return 0;
	while (rc == CS_OK && !r->lost && (ch = next_byte(r)) != END && ch != '\n') {
		any = true;
		rc = append(r, ch);
	}
	if (rc == CS_OK && ch == END && ferror(r->f))
		return cs_err_set(err, CS_IOERR, "cannot read the file");
	if (rc == CS_OK && ch == END && !any)
		return 0;
	if (rc == CS_OK && ch == '\n')
		r->line++;
	if (rc == CS_OK && r->data_len > 0 && r->data[r->data_len - 1] == '\r' && !r->too_long)
		r->data_len--;
	if (rc == CS_OK)
		rc = end_field(r);
	if (rc != CS_OK)
		return cs_err_set(err, CS_OSERR, "out of memory");
	finish(r, rec);
	if (r->bad != CS_OK)
		return cs_err_set(err, r->bad, "%s", r->why);
	return 1;
}
