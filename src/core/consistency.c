/* consistency.c - scenarios of one kind judged alike across policies
 * (see consistency.h). */
#include "cslog/consistency.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One scenario of the kind being checked. */
struct member {
	const struct policy *p;
	const struct policy_scenario *s;
};

/* The answer m gives to question id q (ANSWER_UNSET: the policy has no
 * such question, or the scenario says why it differs). */
static enum answer
answer_of(const struct member *m, const char *q)
{
	int i = policy_question_index(m->p, q);

	if (i < 0 || m->s->differs[i] != NULL)
		return ANSWER_UNSET;
	return m->s->expected[i];
}

static const char *
yn(enum answer a)
{
	return a == ANSWER_YES ? "yes" : "no";
}

/* Report each scenario of kind `tag` whose answer to q is not the
 * answer most of them give. */
static int
check_question(const struct member *m, size_t n, int tag, const char *q, consistency_cb cb,
               void *ctx)
{
	size_t i, yes = 0, no = 0, len;
	enum answer first = ANSWER_UNSET, want, a;
	char msg[1024], others[600];
	int problems = 0;

	for (i = 0; i < n; i++) {
		a = answer_of(&m[i], q);
		yes += a == ANSWER_YES;
		no += a == ANSWER_NO;
		if (first == ANSWER_UNSET)
			first = a;
	}
	if (yes == 0 || no == 0)
		return 0;
	want = yes > no ? ANSWER_YES : no > yes ? ANSWER_NO : first;
	others[0] = '\0';
	for (i = 0, len = 0; i < n && len < sizeof others; i++) {
		if (answer_of(&m[i], q) == want)
			len += (size_t)snprintf(others + len, sizeof others - len, "%s%s %s",
			    len ? ", " : "", m[i].p->id, m[i].s->id);
	}
	for (i = 0; i < n; i++) {
		a = answer_of(&m[i], q);
		if (a == ANSWER_UNSET || a == want)
			continue;
		snprintf(msg, sizeof msg, "scenarios '%s' (%s) expects %s: %s, where the others of "
		    "its kind expect %s (%s): make them agree, or give the reason it differs "
		    "(differs: %s), citing the document", m[i].s->id, policy_situations[tag], q,
		    yn(a), yn(want), others, q);
		cb(ctx, m[i].p, m[i].s, msg);
		problems++;
	}
	return problems;
}

int
consistency_check(const struct policy *const *ps, size_t n, consistency_cb cb, void *ctx)
{
	struct member *m;
	size_t total = 0, i, j, k, got;
	int tag, problems = 0;
	char msg[256];

	for (i = 0; i < n; i++)
		total += ps[i]->n_scenarios;
	if ((m = calloc(total + 1, sizeof *m)) == NULL)
		return -1;
	for (i = 0; i < n; i++) {
		for (j = 0; j < ps[i]->n_scenarios; j++) {
			if (ps[i]->scenarios[j].situations != 0)
				continue;
			snprintf(msg, sizeof msg, "scenarios '%s' says no kind of situation (situation: "
			    "one of those in docs/policy-format.md)", ps[i]->scenarios[j].id);
			cb(ctx, ps[i], &ps[i]->scenarios[j], msg);
			problems++;
		}
	}
	for (tag = 0; tag < POLICY_SITUATIONS; tag++) {
		got = 0;
		for (i = 0; i < n; i++)
			for (j = 0; j < ps[i]->n_scenarios; j++)
				if (ps[i]->scenarios[j].situations & 1u << tag)
					m[got++] = (struct member){ ps[i], &ps[i]->scenarios[j] };
		if (got < 2)
			continue;
		/* the questions of the first policy name them; others match by id */
		for (k = 0; k < POLICY_MAX_QUESTIONS; k++) {
			const char *q = NULL;

			for (i = 0; q == NULL && i < got; i++)
				if (k < m[i].p->n_questions)
					q = m[i].p->questions[k].id;
			if (q != NULL)
				problems += check_question(m, got, tag, q, cb, ctx);
		}
	}
	free(m);
	return problems;
}
