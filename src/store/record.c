/* record.c - records' owned memory, copies and names. */
#include <stdalign.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* A chain of blocks; strings and arrays of one record live here. */
struct record_mem {
	struct record_mem *next;
	size_t cap;
	size_t used;
	max_align_t align_;
};

#define MEM_BLOCK 2048

void *
mem_alloc(struct record_mem **m, size_t n)
{
	struct record_mem *b = *m;
	size_t a = alignof(max_align_t), cap;
	unsigned char *p;

	n = (n + a - 1) / a * a;
	if (b == NULL || b->cap - b->used < n) {
		cap = n > MEM_BLOCK ? n : MEM_BLOCK;
		b = malloc(sizeof *b + cap);
		if (b == NULL)
			return NULL;
		b->cap = cap;
		b->used = 0;
		b->next = *m;
		*m = b;
	}
	p = (unsigned char *)(b + 1) + b->used;
	b->used += n;
	return p;
}

const char *
mem_strndup(struct record_mem **m, const char *s, size_t n)
{
	char *p;

	if (s == NULL)
		return NULL;
	p = mem_alloc(m, n + 1);
	if (p == NULL)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

const char *
mem_strdup(struct record_mem **m, const char *s)
{
	return s == NULL ? NULL : mem_strndup(m, s, strlen(s));
}

void
mem_free(struct record_mem *m)
{
	struct record_mem *next;

	for (; m != NULL; m = next) {
		next = m->next;
		free(m);
	}
}

/* Copy *s into m; false when out of memory. */
static bool
dup_into(struct record_mem **m, const char **s)
{
	if (*s == NULL)
		return true;
	*s = mem_strdup(m, *s);
	return *s != NULL;
}

void
record_member_clear(struct member *x)
{
	if (x == NULL)
		return;
	mem_free(x->mem);
	memset(x, 0, sizeof *x);
}

int
record_member_copy(struct member *dst, const struct member *src)
{
	struct record_mem *m = NULL;
	bool ok;

	*dst = *src;
	ok = dup_into(&m, &dst->badge) && dup_into(&m, &dst->name) &&
	     dup_into(&m, &dst->last_policy);
	dst->mem = m;
	if (!ok) {
		record_member_clear(dst);
		return -1;
	}
	return 0;
}

void
record_contact_clear(struct contact *c)
{
	if (c == NULL)
		return;
	mem_free(c->mem);
	memset(c, 0, sizeof *c);
}

static bool
copy_standards(struct record_mem **m, struct contact *c)
{
	const char **v;
	size_t i;

	if (c->n_standards == 0) {
		c->standards = NULL;
		return true;
	}
	v = mem_alloc(m, c->n_standards * sizeof *v);
	if (v == NULL)
		return false;
	for (i = 0; i < c->n_standards; i++) {
		v[i] = c->standards[i];
		if (!dup_into(m, &v[i]))
			return false;
	}
	c->standards = v;
	return true;
}

int
record_contact_copy(struct contact *dst, const struct contact *src)
{
	struct record_mem *m = NULL;
	const char **f[] = {
		&dst->policy_id, &dst->policy_version, &dst->kind, &dst->channel,
		&dst->outcome, &dst->summary, &dst->added_value, &dst->referral_to,
		&dst->decision, &dst->appeal_info, &dst->call_ref,
		&dst->customer_name, &dst->customer_phone, &dst->customer_address,
		&dst->customer_email, &dst->amend_reason, &dst->followup_note,
		&dst->member_badge, &dst->member_name,
	};
	size_t i;
	bool ok = true;

	*dst = *src;
	for (i = 0; ok && i < sizeof f / sizeof f[0]; i++)
		ok = dup_into(&m, f[i]);
	for (i = 0; ok && i < dst->n_answers; i++)
		ok = dup_into(&m, &dst->answers[i].question);
	ok = ok && copy_standards(&m, dst);
	dst->mem = m;
	if (!ok) {
		record_contact_clear(dst);
		return -1;
	}
	return 0;
}

void
record_followup_clear(struct followup *f)
{
	if (f == NULL)
		return;
	mem_free(f->mem);
	memset(f, 0, sizeof *f);
}

int
record_followup_copy(struct followup *dst, const struct followup *src)
{
	struct record_mem *m = NULL;
	bool ok;

	*dst = *src;
	ok = dup_into(&m, &dst->pause_reason) && dup_into(&m, &dst->note) &&
	     dup_into(&m, &dst->done_note);
	dst->mem = m;
	if (!ok) {
		record_followup_clear(dst);
		return -1;
	}
	return 0;
}

void
record_review_clear(struct review *r)
{
	if (r == NULL)
		return;
	mem_free(r->mem);
	memset(r, 0, sizeof *r);
}

int
record_review_copy(struct review *dst, const struct review *src)
{
	struct record_mem *m = NULL;
	bool ok;

	*dst = *src;
	ok = dup_into(&m, &dst->note) && dup_into(&m, &dst->reviewer_badge) &&
	     dup_into(&m, &dst->reviewer_name);
	dst->mem = m;
	if (!ok) {
		record_review_clear(dst);
		return -1;
	}
	return 0;
}

void
record_amendment_clear(struct amendment *a)
{
	if (a == NULL)
		return;
	mem_free(a->mem);
	memset(a, 0, sizeof *a);
}

void
record_drill_clear(struct drill_attempt *d)
{
	if (d == NULL)
		return;
	mem_free(d->mem);
	memset(d, 0, sizeof *d);
}

int
record_drill_copy(struct drill_attempt *dst, const struct drill_attempt *src)
{
	struct record_mem *m = NULL;
	size_t i;
	bool ok;

	*dst = *src;
	ok = dup_into(&m, &dst->policy_id) && dup_into(&m, &dst->policy_version) &&
	     dup_into(&m, &dst->item_id) && dup_into(&m, &dst->session_id) &&
	     dup_into(&m, &dst->quiz_answer);
	for (i = 0; ok && i < dst->n_answers; i++)
		ok = dup_into(&m, &dst->answers[i].question);
	dst->mem = m;
	if (!ok) {
		record_drill_clear(dst);
		return -1;
	}
	return 0;
}

void
record_audit_clear(struct audit_event *e)
{
	if (e == NULL)
		return;
	mem_free(e->mem);
	memset(e, 0, sizeof *e);
}

static const char *const role_names[MEMBER_ROLES] = {
	"member", "supervisor", "trainer", "evaluator",
};
static const char *const review_names[] = { "sign-off", "debrief", "commend" };
static const char *const followup_names[] = { "open", "paused", "done" };
static const char *const drill_names[] = { "scenario", "quiz" };

static int
name_index(const char *const *names, int n, const char *s)
{
	int i;

	for (i = 0; s != NULL && i < n; i++)
		if (strcmp(names[i], s) == 0)
			return i;
	return -1;
}

const char *
record_role_name(enum member_role r)
{
	return (unsigned)r < MEMBER_ROLES ? role_names[r] : "?";
}

int
record_role_parse(const char *s)
{
	return name_index(role_names, MEMBER_ROLES, s);
}

int
record_pin_check(const char *pin, struct cs_err *err)
{
	size_t n = pin != NULL ? strlen(pin) : 0;

	if (n < RECORD_PIN_MIN || n > RECORD_PIN_MAX)
		return cs_err_set(err, CS_DATAERR, "a PIN has %d to %d characters",
		                  RECORD_PIN_MIN, RECORD_PIN_MAX);
	return CS_OK;
}

int
record_badge_check(const char *badge, struct cs_err *err)
{
	const unsigned char *p;

	if (badge == NULL || *badge == '\0')
		return cs_err_set(err, CS_DATAERR, "a badge is needed");
	if (strlen(badge) > MEMBER_BADGE_MAX)
		return cs_err_set(err, CS_DATAERR, "a badge has at most %d characters",
		                  MEMBER_BADGE_MAX);
	for (p = (const unsigned char *)badge; *p != '\0'; p++)
		if (*p <= 0x20 || *p == 0x7f)
			return cs_err_set(err, CS_DATAERR,
			                  "a badge has no spaces or control characters");
	return CS_OK;
}

const char *
record_review_kind_name(enum review_kind k)
{
	return (unsigned)k < 3 ? review_names[k] : "?";
}

int
record_review_kind_parse(const char *s)
{
	return name_index(review_names, 3, s);
}

const char *
record_followup_state_name(enum followup_state s)
{
	return (unsigned)s < 3 ? followup_names[s] : "?";
}

const char *
record_drill_kind_name(enum drill_kind k)
{
	return (unsigned)k < 2 ? drill_names[k] : "?";
}
