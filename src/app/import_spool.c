/* import_spool.c - what the checking pass of import hands to the
 * writing pass.
 *
 * The first pass reads the whole input (CSV parsed, or each JSON line
 * parsed by jansson), decodes and checks every record, holding no lock.
 * Rather than read and parse the input again under the write lock, it
 * writes each record that passed, as the texts it was decoded from, to
 * a private temporary file (unlinked at once, like the spool of
 * standard input it replaces): a line number, then each column's text
 * with its length, or none.  The writing pass reads that file: no CSV
 * or JSON to parse, no record refused again (only those that passed are
 * in it), the records in the order they came; each is decoded from its
 * texts and checked once more against the clock of the first pass (a
 * few microseconds: the store's own checks rely on it), then written.
 * Memory stays that of one record; the file is about the size of the
 * input.  The answers and standards are split in place when a record
 * is decoded, so they are written back joined, in the order read, which
 * decodes to the same record. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "import_int.h"

#define NO_TEXT UINT32_MAX

struct sbuf {
	char *p;
	size_t n, cap;
};

/* Room for n more bytes in b. */
static int
reserve(struct sbuf *b, size_t n)
{
	size_t cap;
	char *p;

	if (b->n + n <= b->cap)
		return 0;
	cap = b->cap ? b->cap : 4096;
	while (cap < b->n + n)
		cap *= 2;
	if ((p = realloc(b->p, cap)) == NULL)
		return -1;
	b->p = p;
	b->cap = cap;
	return 0;
}

static int
put(struct sbuf *b, const void *s, size_t n)
{
	if (n == 0)
		return 0;
	if (reserve(b, n) != 0)
		return -1;
	memcpy(b->p + b->n, s, n);
	b->n += n;
	return 0;
}

static int
put_len(struct sbuf *b, uint32_t len)
{
	return put(b, &len, sizeof len);
}

/* One column: its length then its bytes; NULL as NO_TEXT. */
static int
put_text(struct sbuf *b, const char *s)
{
	size_t n = s != NULL ? strlen(s) : 0;

	if (s == NULL)
		return put_len(b, NO_TEXT);
	return put_len(b, (uint32_t)n) || put(b, s, n);
}

/* A list split in place, joined again: "a=yes;b=no" or "s1;s2". */
static int
put_answers(struct sbuf *b, const struct contact *c)
{
	size_t i, n = 0, at;
	int r = 0;

	if (c->n_answers == 0)
		return put_len(b, NO_TEXT);
	at = b->n;
	r |= put_len(b, 0);
	for (i = 0; i < c->n_answers; i++) {
		const char *q = c->answers[i].question;
		const char *a = c->answers[i].answer == ANSWER_NO ? "no" : "yes";

		r |= put(b, ";", (size_t)(i > 0));
		r |= put(b, q, strlen(q));
		r |= put(b, "=", 1);
		r |= put(b, a, strlen(a));
		n += (size_t)(i > 0) + strlen(q) + 1 + strlen(a);
	}
	if (r == 0)
		memcpy(b->p + at, &(uint32_t){ (uint32_t)n }, sizeof(uint32_t));
	return r;
}

static int
put_standards(struct sbuf *b, const struct contact *c)
{
	size_t i, n = 0, at;
	int r = 0;

	if (c->n_standards == 0)
		return put_len(b, NO_TEXT);
	at = b->n;
	r |= put_len(b, 0);
	for (i = 0; i < c->n_standards; i++) {
		r |= put(b, ";", (size_t)(i > 0));
		r |= put(b, c->standards[i], strlen(c->standards[i]));
		n += (size_t)(i > 0) + strlen(c->standards[i]);
	}
	if (r == 0)
		memcpy(b->p + at, &(uint32_t){ (uint32_t)n }, sizeof(uint32_t));
	return r;
}

int
imp_spool_pack(struct imp *im, const struct codec_row *r, long line)
{
	struct sbuf *b = im->pack;
	int64_t l = line;
	int i, e = 0;

	if (b == NULL && (b = im->pack = calloc(1, sizeof *b)) == NULL)
		return -1;
	b->n = 0;
	e |= put(b, &l, sizeof l);
	for (i = 0; i < F_COUNT; i++) {
		if (i == F_ANSWERS)
			e |= put_answers(b, &r->c);
		else if (i == F_STANDARDS)
			e |= put_standards(b, &r->c);
		else
			e |= put_text(b, r->text[i]);
	}
	return e;
}

void
imp_spool_put(struct imp *im)
{
	struct sbuf *b = im->pack;

	if (fwrite(b->p, 1, b->n, im->checked) != b->n && im->checked_errno == 0)
		im->checked_errno = errno != 0 ? errno : EIO;
}

void
imp_spool_free(struct imp *im)
{
	struct sbuf *b = im->pack;

	if (b != NULL)
		free(b->p);
	free(b);
	im->pack = NULL;
}

static bool
get(FILE *f, void *p, size_t n)
{
	return fread(p, 1, n, f) == n;
}

/* One column read into b (NUL-ended), its offset in *off, or SIZE_MAX
 * for none; false when the file ends or memory runs out. */
static bool
get_text(FILE *f, struct sbuf *b, size_t *off)
{
	uint32_t len;

	if (!get(f, &len, sizeof len))
		return false;
	if (len == NO_TEXT) {
		*off = SIZE_MAX;
		return true;
	}
	if (reserve(b, (size_t)len + 1) != 0 || !get(f, b->p + b->n, len))
		return false;
	*off = b->n;
	b->p[b->n + len] = '\0';
	b->n += (size_t)len + 1;
	return true;
}

/* Read the checked records back and hand each to imp_take. */
void
imp_read_spool(struct imp *im, FILE *f)
{
	const char *vals[F_COUNT];
	struct sbuf texts = { 0 };
	size_t off[F_COUNT];
	struct cs_err e = { 0 };
	struct codec_row *r;
	int64_t line;
	int i;
	bool ok;

	while (!im->fatal && get(f, &line, sizeof line)) {
		texts.n = 0;
		for (i = 0, ok = true; ok && i < F_COUNT; i++)
			ok = get_text(f, &texts, &off[i]);
		if (!ok) {
			im->fatal = cs_err_set(im->err, CS_IOERR, "the checked records could not be"
			    " read back: nothing was imported");
			break;
		}
		for (i = 0; i < F_COUNT; i++)
			vals[i] = off[i] == SIZE_MAX ? NULL : texts.p + off[i];
		if ((r = imp_new_row(im)) == NULL)
			break;
		if (codec_row_from_texts(r, vals, &e) != CS_OK)
			imp_undecoded(im, r, (long)line, &e);
		else
			imp_take(im, r, (long)line);
	}
	if (!im->fatal && ferror(f))
		im->fatal = cs_err_set(im->err, CS_IOERR, "the checked records could not be read"
		    " back: nothing was imported");
	free(texts.p);
}
