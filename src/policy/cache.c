/* cache.c - a loaded policy set as bytes and back (see policy_cache.h).
 *
 * One walk over every field of a policy serves both directions, so the
 * two cannot drift apart: packing appends each field, unpacking reads it
 * back in the same order.  Unpacking trusts nothing: every length and
 * count is checked against what is left and against the fixed arrays,
 * every enumeration against its range, and any fault gives no set. */
#include "cslog/policy_cache.h"
#include "cslog/measures.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct io {
	bool reading;
	bool failed;
	/* packing */
	char *buf;
	size_t len, cap;
	/* unpacking */
	const unsigned char *in;
	size_t left;
};

static void
put(struct io *io, const void *p, size_t n)
{
	size_t cap;
	char *b;

	if (io->failed)
		return;
	if (io->len + n > io->cap) {
		cap = io->cap ? io->cap : 65536;
		while (cap < io->len + n)
			cap *= 2;
		if ((b = realloc(io->buf, cap)) == NULL) {
			io->failed = true;
			return;
		}
		io->buf = b;
		io->cap = cap;
	}
	memcpy(io->buf + io->len, p, n);
	io->len += n;
}

static bool
take(struct io *io, void *p, size_t n)
{
	if (io->failed || n > io->left) {
		io->failed = true;
		return false;
	}
	memcpy(p, io->in, n);
	io->in += n;
	io->left -= n;
	return true;
}

/* A 64-bit number, little-endian. */
static void
num(struct io *io, uint64_t *v)
{
	unsigned char b[8];
	int i;

	if (!io->reading) {
		for (i = 0; i < 8; i++)
			b[i] = (unsigned char)(*v >> (8 * i));
		put(io, b, 8);
		return;
	}
	*v = 0;
	if (take(io, b, 8))
		for (i = 0; i < 8; i++)
			*v |= (uint64_t)b[i] << (8 * i);
}

static void
io_long(struct io *io, long *x)
{
	uint64_t v = (uint64_t)(int64_t)*x;

	num(io, &v);
	if (io->reading)
		*x = (long)(int64_t)v;
}

static void
io_int(struct io *io, int *x)
{
	long v = *x;

	io_long(io, &v);
	if (io->reading) {
		if (v < INT32_MIN || v > INT32_MAX)
			io->failed = true;
		*x = (int)v;
	}
}

static void
io_uint(struct io *io, unsigned *x)
{
	uint64_t v = *x;

	num(io, &v);
	if (io->reading) {
		if (v > UINT32_MAX)
			io->failed = true;
		*x = (unsigned)v;
	}
}

static void
io_bool(struct io *io, bool *x)
{
	uint64_t v = *x;

	num(io, &v);
	if (io->reading) {
		if (v > 1)
			io->failed = true;
		*x = v == 1;
	}
}

/* An enumeration 0..max as an int. */
#define IO_ENUM(io, field, max) do { \
	int v_ = (int)(field); \
	io_int((io), &v_); \
	if ((io)->reading) { \
		if (v_ < 0 || v_ > (max)) \
			(io)->failed = true; \
		(field) = v_; \
	} \
} while (0)

/* A string or NULL: its length plus one (0: NULL), then its bytes. */
static void
io_str(struct io *io, char **s)
{
	uint64_t n = *s != NULL ? strlen(*s) + 1 : 0;

	num(io, &n);
	if (!io->reading) {
		if (n > 0)
			put(io, *s, (size_t)n - 1);
		return;
	}
	*s = NULL;
	if (n == 0 || io->failed)
		return;
	if (n - 1 > io->left || (*s = malloc((size_t)n)) == NULL) {
		io->failed = true;
		return;
	}
	take(io, *s, (size_t)n - 1);
	(*s)[n - 1] = '\0';
	if (memchr(*s, '\0', (size_t)n - 1) != NULL)
		io->failed = true;
}

/* A count, then room for that many elements of size each (reading):
 * *arr is zeroed, *n set only once the room is there.  No element is
 * smaller than 8 bytes packed, which bounds a forged count. */
static bool
io_array(struct io *io, void **arr, size_t *n, size_t size)
{
	uint64_t v = *n;

	num(io, &v);
	if (!io->reading)
		return true;
	*arr = NULL;
	*n = 0;
	if (io->failed || v > io->left / 8 || v > SIZE_MAX / size) {
		io->failed = true;
		return false;
	}
	if (v > 0 && (*arr = calloc((size_t)v, size)) == NULL) {
		io->failed = true;
		return false;
	}
	*n = (size_t)v;
	return true;
}

static void
io_strs(struct io *io, char ***v, size_t *n)
{
	size_t i;

	if (io_array(io, (void **)v, n, sizeof **v))
		for (i = 0; i < *n && !io->failed; i++)
			io_str(io, &(*v)[i]);
}

static void
io_list(struct io *io, struct policy_list *l)
{
	io_strs(io, &l->v, &l->n);
}

static void
io_at(struct io *io, struct policy_at *at)
{
	io_int(io, &at->line);
	io_int(io, &at->col);
}

static void
io_item(struct io *io, struct policy_item *it)
{
	io_str(io, &it->id);
	io_str(io, &it->label);
	io_str(io, &it->text);
	io_str(io, &it->source);
	io_str(io, &it->note);
	io_list(io, &it->aliases);
	io_uint(io, &it->own);
	io_at(io, &it->at);
}

static void
io_items(struct io *io, struct policy_item **v, size_t *n)
{
	size_t i;

	if (io_array(io, (void **)v, n, sizeof **v))
		for (i = 0; i < *n && !io->failed; i++)
			io_item(io, &(*v)[i]);
}

static void
io_standard(struct io *io, struct policy_standard *s)
{
	io_str(io, &s->id);
	io_str(io, &s->text);
	io_str(io, &s->source);
	io_str(io, &s->note);
	io_uint(io, &s->when);
	io_strs(io, &s->channels, &s->n_channels);
	io_bool(io, &s->has_when);
	io_list(io, &s->aliases);
	io_uint(io, &s->own);
	io_at(io, &s->at);
}

static void
io_followup(struct io *io, struct policy_followup *f)
{
	io_str(io, &f->channel);
	io_long(io, &f->target_minutes);
	io_long(io, &f->limit_minutes);
	io_str(io, &f->source);
	io_str(io, &f->text);
	io_str(io, &f->note);
	io_uint(io, &f->own);
	io_at(io, &f->at);
}

static void
io_outcome(struct io *io, struct policy_outcome *o)
{
	io_str(io, &o->id);
	io_str(io, &o->label);
	io_str(io, &o->source);
	io_str(io, &o->note);
	io_bool(io, &o->negative);
	IO_ENUM(io, o->requires, REQUIRES_APPEAL);
	io_str(io, &o->negative_reason);
	io_list(io, &o->aliases);
	io_uint(io, &o->own);
	io_at(io, &o->at);
}

static void
io_scenario(struct io *io, struct policy_scenario *s)
{
	size_t i;

	io_str(io, &s->id);
	io_str(io, &s->title);
	io_str(io, &s->text);
	io_str(io, &s->rationale);
	io_str(io, &s->source);
	for (i = 0; i < POLICY_MAX_QUESTIONS; i++)
		IO_ENUM(io, s->expected[i], ANSWER_NO);
	io_uint(io, &s->situations);
	for (i = 0; i < POLICY_MAX_QUESTIONS; i++)
		io_str(io, &s->differs[i]);
	io_list(io, &s->aliases);
	io_at(io, &s->at);
}

static void
io_quiz(struct io *io, struct policy_quiz *q)
{
	io_str(io, &q->id);
	io_str(io, &q->question);
	io_str(io, &q->answer);
	io_strs(io, &q->accept, &q->n_accept);
	io_str(io, &q->source);
	io_list(io, &q->key_terms);
	io_list(io, &q->reject);
	io_list(io, &q->aliases);
	io_uint(io, &q->own);
	io_at(io, &q->at);
}

static void
io_guidance(struct io *io, struct policy_guidance *g)
{
	io_str(io, &g->id);
	io_str(io, &g->text);
	io_str(io, &g->source);
	io_str(io, &g->note);
	io_at(io, &g->at);
}

static void
io_omitted(struct io *io, struct policy_omitted *o)
{
	io_str(io, &o->text);
	io_str(io, &o->source);
	io_str(io, &o->reason);
	io_at(io, &o->at);
}

/* cslog's measures (measures.h): a secret-shopper item, a survey question. */
static void
io_measure(struct io *io, struct measure_item *m)
{
	io_str(io, &m->id);
	io_str(io, &m->label);
	IO_ENUM(io, m->type, MEASURE_HOURS);
	io_long(io, &m->at_most);
	io_str(io, &m->standard);
	io_bool(io, &m->alone);
	io_list(io, &m->channels);
	io_str(io, &m->note);
	io_at(io, &m->at);
}

static void
io_question(struct io *io, struct survey_question *q)
{
	io_str(io, &q->id);
	io_str(io, &q->text);
	IO_ENUM(io, q->scale, SCALE_YES_NO);
	io_bool(io, &q->headline);
	io_str(io, &q->note);
	io_at(io, &q->at);
}

/* Each element of an array of T, by io_T. */
#define IO_EACH(io, arr, n, fn) do { \
	size_t i_; \
	if (io_array((io), (void **)&(arr), &(n), sizeof *(arr))) \
		for (i_ = 0; i_ < (n) && !(io)->failed; i_++) \
			fn((io), &(arr)[i_]); \
} while (0)

static void
io_policy(struct io *io, struct policy *p)
{
	size_t i;

	io_str(io, &p->file);
	io_str(io, &p->id);
	io_str(io, &p->version);
	io_str(io, &p->name);
	io_str(io, &p->source_title);
	io_str(io, &p->source_revision);
	io_str(io, &p->source_section);
	io_str(io, &p->source_document);
	io_uint(io, &p->own);
	io_items(io, &p->kinds, &p->n_kinds);
	io_items(io, &p->channels, &p->n_channels);
	io_str(io, &p->empower_source);
	io_str(io, &p->adopted_from);
	io_bool(io, &p->ask_every_contact);
	{
		uint64_t nq = p->n_questions;

		num(io, &nq);
		if (io->reading && nq > POLICY_MAX_QUESTIONS)
			io->failed = true;
		p->n_questions = io->failed ? 0 : (size_t)nq;
	}
	for (i = 0; i < POLICY_MAX_QUESTIONS && !io->failed; i++) {
		io_str(io, &p->questions[i].id);
		io_str(io, &p->questions[i].text);
		io_str(io, &p->questions[i].source);
		io_at(io, &p->questions[i].at);
	}
	io_str(io, &p->msg_empowered);
	io_str(io, &p->msg_not_empowered);
	io_uint(io, &p->empower_own);
	IO_EACH(io, p->standards, p->n_standards, io_standard);
	IO_EACH(io, p->followups, p->n_followups, io_followup);
	IO_EACH(io, p->outcomes, p->n_outcomes, io_outcome);
	io_str(io, &p->privacy_notice);
	io_long(io, &p->retention_days);
	io_str(io, &p->privacy_source);
	for (i = 0; i < PF_COUNT; i++)
		IO_ENUM(io, p->privacy_fields[i], PRIVACY_CLASS_COUNT - 1);
	io_bool(io, &p->has_privacy_fields);
	io_str(io, &p->privacy_note);
	io_uint(io, &p->privacy_own);
	io_at(io, &p->privacy_at);
	IO_EACH(io, p->scenarios, p->n_scenarios, io_scenario);
	IO_EACH(io, p->quiz, p->n_quiz, io_quiz);
	IO_EACH(io, p->guidance, p->n_guidance, io_guidance);
	IO_EACH(io, p->omitted, p->n_omitted, io_omitted);
	io_at(io, &p->empower_at);
	/* The policy's own measures; those in effect (p->eval, p->survey) are
	 * made again from them and the set's defaults after unpacking. */
	IO_EACH(io, p->eval_own, p->n_eval_own, io_measure);
	io_bool(io, &p->eval_given);
	io_bool(io, &p->eval_replace);
	IO_EACH(io, p->survey_own, p->n_survey_own, io_question);
	io_bool(io, &p->survey_given);
	io_bool(io, &p->survey_replace);
	IO_ENUM(io, p->comment_class, PRIVACY_CLASS_COUNT - 1);
}

/* The set's measures file (cslog's defaults), or none. */
static void
io_measures(struct io *io, struct measures **mp)
{
	bool have = *mp != NULL;
	struct measures *m;

	io_bool(io, &have);
	if (!have || io->failed)
		return;
	if (io->reading && (*mp = calloc(1, sizeof **mp)) == NULL) {
		io->failed = true;
		return;
	}
	m = *mp;
	io_str(io, &m->file);
	IO_EACH(io, m->items, m->n_items, io_measure);
	IO_EACH(io, m->questions, m->n_questions, io_question);
}

/* A field added to a policy must be added to the walk above (and MAGIC
 * changed): these fail the build until it is (x86-64 sizes; elsewhere
 * the pointer size differs and the check is left to x86-64 builds). */
#if UINTPTR_MAX == 0xffffffffffffffffu
_Static_assert(sizeof(struct policy) == 952 && sizeof(struct policy_item) == 72 &&
    sizeof(struct policy_question) == 32 && sizeof(struct policy_standard) == 96 &&
    sizeof(struct policy_followup) == 64 && sizeof(struct policy_outcome) == 80 &&
    sizeof(struct policy_scenario) == 264 && sizeof(struct policy_quiz) == 112 &&
    sizeof(struct policy_guidance) == 40 && sizeof(struct policy_omitted) == 32 &&
    sizeof(struct measure_item) == 80 && sizeof(struct survey_question) == 40 &&
    sizeof(struct measures) == 40 && sizeof(struct policy_set) == 24,
    "struct policy changed shape: walk the new fields in io_policy and change MAGIC");
#endif

/* What the bytes are: changed whenever struct policy changes shape. */
static const char MAGIC[8] = { 'c', 's', 'p', 'o', 'l', 0, 0, 2 };

int
policy_set_pack(const struct policy_set *set, char **buf, size_t *len)
{
	struct io io = { 0 };
	uint64_t n = set->n;
	size_t i;

	put(&io, MAGIC, sizeof MAGIC);
	num(&io, &n);
	for (i = 0; i < set->n && !io.failed; i++)
		io_policy(&io, set->items[i]);   /* packing only reads p */
	{
		struct measures *m = set->measures;   /* packing only reads it */

		io_measures(&io, &m);
	}
	if (io.failed) {
		free(io.buf);
		return -1;
	}
	*buf = io.buf;
	*len = io.len;
	return 0;
}

int
policy_set_unpack(const void *buf, size_t len, struct policy_set *out)
{
	struct io io = { .reading = true, .in = buf, .left = len };
	char magic[sizeof MAGIC];
	uint64_t n = 0;
	struct policy *p;
	size_t i;

	memset(out, 0, sizeof *out);
	if (!take(&io, magic, sizeof magic) || memcmp(magic, MAGIC, sizeof MAGIC) != 0)
		return -1;
	num(&io, &n);
	if (io.failed || n == 0 || n > io.left / 8)
		return -1;
	if ((out->items = calloc((size_t)n, sizeof *out->items)) == NULL)
		return -1;
	for (i = 0; i < n && !io.failed; i++) {
		if ((p = calloc(1, sizeof *p)) == NULL) {
			io.failed = true;
			break;
		}
		out->items[out->n++] = p;
		io_policy(&io, p);
	}
	if (!io.failed)
		io_measures(&io, &out->measures);
	for (i = 0; i < out->n && !io.failed; i++)   /* the measures in effect */
		if (measures_apply(out->measures, out->items[i]) != 0)
			io.failed = true;
	if (io.failed || io.left != 0 || out->n != n) {
		policy_set_free(out);
		return -1;
	}
	return 0;
}
