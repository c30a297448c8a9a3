/* describe.c - one contact as text, with everything about it: shared
 * by `cslog show` and the screens' detail view.  Every text from the
 * database is neutralised (no escape sequence reaches a terminal). */
#include <stdlib.h>
#include <string.h>

#include "cslog/app_time.h"
#include "cslog/deadline.h"
#include "cslog/describe.h"
#include "cslog/pgstore.h"
#include "cslog/text.h"

#include "app_int.h"

static void
put(FILE *f, const char *s, unsigned text_flags)
{
	char *safe = text_safe(s ? s : "", text_flags);

	fputs(safe != NULL ? safe : "(out of memory)", f);
	free(safe);
}

static void
line(FILE *f, const char *label, const char *value)
{
	if (value == NULL || *value == '\0')
		return;
	fprintf(f, "%-19s ", label);
	put(f, value, TEXT_ONE_LINE);
	fputc('\n', f);
}

static void
tline(FILE *f, const char *label, int64_t t)
{
	char buf[32];

	if (t == 0)
		return;
	app_time_local(t, buf, sizeof buf);
	line(f, label, buf);
}

static const char *
tri(enum record_tri t)
{
	return t == TRI_YES ? "yes" : t == TRI_NO ? "no" : NULL;
}

static void
show_check(FILE *f, const struct contact *c, const struct policy *p)
{
	size_t i;
	int q;

	if (c->n_answers == 0)
		return;
	fprintf(f, "\nEmpowerment check: %s\n",
	    c->empowered == TRI_YES ? "EMPOWERED" : "NOT EMPOWERED");
	for (i = 0; i < c->n_answers; i++) {
		q = p ? policy_question_index(p, c->answers[i].question) : -1;
		fprintf(f, "  %-3s ", c->answers[i].answer == ANSWER_YES ? "yes" : "NO");
		put(f, q >= 0 ? p->questions[q].text : c->answers[i].question, TEXT_ONE_LINE);
		fputc('\n', f);
	}
	if (p != NULL)
		line(f, "  policy says:", c->empowered == TRI_YES ? p->msg_empowered :
		    p->msg_not_empowered);
}

static void
show_standards(FILE *f, const struct contact *c, const struct policy *p)
{
	size_t i, j;
	const char *text;

	if (c->n_standards == 0)
		return;
	fputs("\nStandards confirmed\n", f);
	for (i = 0; i < c->n_standards; i++) {
		text = c->standards[i];
		for (j = 0; p != NULL && j < p->n_standards; j++) {
			if (strcmp(p->standards[j].id, c->standards[i]) == 0)
				text = p->standards[j].text;
		}
		fputs("  - ", f);
		put(f, text, TEXT_ONE_LINE);
		fputc('\n', f);
	}
}

/* An id the policy has since renamed (an alias): what it is called now. */
static void
show_renamed(FILE *f, const struct contact *c, const struct policy *p)
{
	const struct policy_item *k = p ? policy_kind(p, c->kind) : NULL;
	const struct policy_outcome *o = p && c->outcome ? policy_outcome(p, c->outcome) : NULL;
	char buf[160];

	if (k != NULL && strcmp(k->id, c->kind) != 0) {
		snprintf(buf, sizeof buf, "kind %s is now %s", c->kind, k->id);
		line(f, "  renamed", buf);
	}
	if (o != NULL && strcmp(o->id, c->outcome) != 0) {
		snprintf(buf, sizeof buf, "outcome %s is now %s: %s", c->outcome, o->id, o->label);
		line(f, "  renamed", buf);
	}
}

static int
print_followup(void *ctx, const struct followup *fu)
{
	FILE *f = ctx;
	char due[32], limit[32];

	app_time_local(fu->due_eff, due, sizeof due);
	app_time_local(fu->limit_eff, limit, sizeof limit);
	fprintf(f, "  #%lld due %s", (long long)fu->id, due);
	if (fu->limit_eff != fu->due_eff)
		fprintf(f, ", overdue after %s", limit);
	fprintf(f, "  %s", fu->state == FOLLOWUP_DONE ? deadline_grade_words(fu->grade) :
	    fu->state == FOLLOWUP_PAUSED ? "paused" : deadline_state_words(fu->clock));
	if (fu->note) {
		fputs("  ", f);
		put(f, fu->note, TEXT_ONE_LINE);
	}
	if (fu->state == FOLLOWUP_PAUSED && fu->pause_reason) {
		fputs("  (paused: ", f);
		put(f, fu->pause_reason, TEXT_ONE_LINE);
		fputc(')', f);
	}
	if (fu->done_note) {
		fputs("  done: ", f);
		put(f, fu->done_note, TEXT_ONE_LINE);
	}
	fputc('\n', f);
	return 0;
}

static int
print_review(void *ctx, const struct review *r)
{
	FILE *f = ctx;
	char when[32];

	app_time_local(r->at, when, sizeof when);
	fprintf(f, "  %s %-8s by ", when, record_review_kind_name(r->kind));
	put(f, r->reviewer_badge, TEXT_ONE_LINE);
	if (r->note) {
		fputs(": ", f);
		put(f, r->note, TEXT_ONE_LINE);
	}
	fputc('\n', f);
	return 0;
}

struct history {
	FILE *f;
	struct store *st;      /* a file's; or */
	struct pgstore *pg;    /* a server's */
	int64_t current;       /* the version shown */
	int64_t earlier[64];   /* the versions before it, oldest first */
	int n;
	int rc;
	struct cs_err *err;
};

/* "amended 2026-12-04 22:16 by M7 (Mo Seven), reason: ..." (badge NULL:
 * the writer is unknown) */
static int
print_amendment_by(void *ctx, const struct amendment *a, const char *badge, const char *name)
{
	struct history *h = ctx;
	char when[32];

	app_time_local(a->at, when, sizeof when);
	fprintf(h->f, "  amended %s by ", when);
	if (badge != NULL) {
		put(h->f, badge, TEXT_ONE_LINE);
		fputs(" (", h->f);
		put(h->f, name, TEXT_ONE_LINE);
		fputc(')', h->f);
	} else {
		fputs("(unknown)", h->f);
	}
	fputs(", reason: ", h->f);
	put(h->f, a->reason, TEXT_ONE_LINE);
	fprintf(h->f, "\n    #%lld replaced #%lld\n", (long long)a->id, (long long)a->original_id);
	return 0;
}

/* A file's amendment: its writer looked up. */
static int
print_amendment(void *ctx, const struct amendment *a)
{
	struct history *h = ctx;
	struct member m = { 0 };
	int rc;

	if (a->actor_id == 0 || store_member_get(h->st, a->actor_id, &m, NULL) != CS_OK)
		return print_amendment_by(ctx, a, NULL, NULL);
	rc = print_amendment_by(ctx, a, m.badge, m.name);
	record_member_clear(&m);
	return rc;
}

static int
keep_version(void *ctx, const struct contact *c)
{
	struct history *h = ctx;

	if (c->id < h->current && h->n < (int)(sizeof h->earlier / sizeof h->earlier[0]))
		h->earlier[h->n++] = c->id;
	return 0;
}

/* A server's amendment: the versions of its chain are those it
 * replaced and those it wrote (kept as keep_version keeps a file's). */
static int
server_version(void *ctx, const struct amendment *a, const char *badge, const char *name)
{
	struct history *h = ctx;
	struct contact c = { 0 };

	(void)badge;
	(void)name;
	if (h->n == 0) {
		c.id = a->original_id;
		keep_version(h, &c);
	}
	c.id = a->id;
	return keep_version(h, &c);
}

static int
count_review(void *ctx, const struct review *r)
{
	(void)r;
	++*(int *)ctx;
	return 0;
}

/* The sources of the story, a file's or a server's. */
static int
reviews_of(struct history *h, int64_t id, int (*cb)(void *, const struct review *),
           void *ctx)
{
	return h->pg != NULL ? pgstore_review_list(h->pg, id, cb, ctx, h->err) :
	       store_review_list(h->st, id, cb, ctx, h->err);
}

static int
versions_of(struct history *h, int64_t id)
{
	return h->pg != NULL ? pgstore_amendment_list(h->pg, id, server_version, h, h->err) :
	       store_contact_versions(h->st, id, keep_version, h, h->err);
}

static int
amendments_of(struct history *h, int64_t id)
{
	return h->pg != NULL ? pgstore_amendment_list(h->pg, id, print_amendment_by, h, h->err) :
	       store_amendment_list(h->st, id, print_amendment, h, h->err);
}

static int
followups_of(struct app *a, struct history *h, int64_t id)
{
	return h->pg != NULL ? pgstore_followup_of_contact(h->pg, id, print_followup, h->f,
	                                                   h->err) :
	       store_followup_of_contact(h->st, id, app_now(a), print_followup, h->f, h->err);
}

/* The reviews of the versions before this one, newest first: a sign-off
 * of an earlier version does not carry over, but it is part of the
 * story. */
static int
earlier_reviews(struct history *h)
{
	int i, n, rc = CS_OK;

	for (i = h->n - 1; rc == CS_OK && i >= 0; i--) {
		n = 0;
		rc = reviews_of(h, h->earlier[i], count_review, &n);
		if (rc != CS_OK || n == 0)
			continue;
		fprintf(h->f, "  on the earlier version #%lld:\n", (long long)h->earlier[i]);
		rc = reviews_of(h, h->earlier[i], print_review, h->f);
	}
	return rc;
}

/* An id with the policy's label for it: "Service recipient (recipient)". */
static void
labelled(FILE *f, struct app *a, const char *name, const struct contact *c, int what,
         const char *id)
{
	const char *l;
	char buf[512];

	if (id == NULL || *id == '\0')
		return;
	l = app_label(a, c->policy_id, what, id);
	if (strcmp(l, id) == 0) {
		line(f, name, id);
		return;
	}
	snprintf(buf, sizeof buf, "%s (%s)", l, id);
	line(f, name, buf);
}

int
app_contact_describe(struct app *a, const struct contact *c, const struct policy *p,
                     FILE *f, struct cs_err *err)
{
	bool server = app_db_is_server(a);
	struct store *st = server ? NULL : app_store(a, err);
	struct pgstore *pg = server ? app_pg(a, err) : NULL;
	struct history h = { f, st, pg, c->id, { 0 }, 0, CS_OK, err };
	char buf[64];
	int rc;

	snprintf(buf, sizeof buf, "%lld", (long long)c->id);
	line(f, "Contact", buf);
	tline(f, "When", c->at);
	tline(f, "Logged", c->logged_at);
	line(f, "Member", c->member_badge);
	line(f, "  name", c->member_name);
	snprintf(buf, sizeof buf, "%s %s", c->policy_id, c->policy_version);
	line(f, "Policy (version)", buf);
	labelled(f, a, "Customer kind", c, 'k', c->kind);
	labelled(f, a, "Channel", c, 'c', c->channel);
	labelled(f, a, "Outcome", c, 'o', c->outcome);
	show_renamed(f, c, p);
	line(f, "Needs met", tri(c->needs_met));
	line(f, "Call", c->call_ref);
	line(f, "Review", c->signed_off ? "signed off"
	     : c->amends != 0 ? "waiting for a supervisor's sign-off: this is an amended version,"
	       " and every amendment needs a new sign-off (earlier reviews are listed below)"
	     : "waiting for a supervisor's sign-off");
	if (c->debrief_due)
		line(f, "Debrief", "due: a negative call, not debriefed yet");
	fputs("Summary\n  ", f);
	put(f, c->summary, TEXT_ONE_LINE);
	fputc('\n', f);
	line(f, "Added value", c->added_value);
	show_check(f, c, p);
	show_standards(f, c, p);
	line(f, "Referred to", c->referral_to);
	line(f, "Referee contacted", tri(c->referee_contacted));
	line(f, "Decision", c->decision);
	line(f, "Appeal information", c->appeal_info);
	line(f, "Customer name", c->customer_name);
	line(f, "Customer phone", c->customer_phone);
	line(f, "Customer address", c->customer_address);
	line(f, "Customer e-mail", c->customer_email);
	if (c->protected_hidden)
		fputs("(protected customer fields hidden)\n", f);
	tline(f, "Redacted", c->redacted_at);
	if (st == NULL && pg == NULL)
		return app_err(err);
	/* A section the database cannot give is an error, never shown empty. */
	fputs("\nFollow-ups\n", f);
	rc = followups_of(a, &h, c->id);
	if (rc == CS_OK && (c->amends != 0 || c->superseded_by != 0))
		rc = versions_of(&h, c->id);
	if (rc == CS_OK) {
		int n = 0;
		fputs("\nReviews\n", f);
		/* counted only where the count is said: an amended version */
		if (h.n > 0)
			rc = reviews_of(&h, c->id, count_review, &n);
		if (rc == CS_OK && n == 0 && h.n > 0)
			fputs("  none yet on this version\n", f);
		if (rc == CS_OK)
			rc = reviews_of(&h, c->id, print_review, f);
	}
	if (rc == CS_OK)
		rc = earlier_reviews(&h);
	/* A contact that amends none and was replaced by none is a chain of
	 * itself alone, which has no amendment to list: not read again. */
	if (rc == CS_OK) {
		fputs("\nAmendments\n", f);
		if (c->amends != 0 || c->superseded_by != 0)
			rc = amendments_of(&h, c->id);
	}
	if (rc == CS_OK && c->superseded_by)
		fprintf(f, "\nThis version was replaced by #%lld.\n", (long long)c->superseded_by);
	return rc;
}
