/* policy_fuzz.c - libFuzzer target for the policy loader.
 *
 * The input is a policy file, loaded from memory (not NUL-terminated)
 * by policy_load_buffer().  Besides crashes, leaks and undefined
 * behaviour (ASan, UBSan), it stops on a broken promise of the loader:
 *   - a file is refused with at least one diagnostic, each with a place
 *     (line and column from 1, or 0 for none) and a message;
 *   - a policy that loads is whole: every required text is there, ids
 *     are unique, every scenario answers every question, every channel
 *     named by a standard or a follow-up rule exists.
 *
 *   build/fuzz/policy-fuzz tests/fuzz/policy_seeds */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cslog/policy_load.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
must(int cond, const char *what)
{
	if (!cond) {
		fprintf(stderr, "policy_fuzz: broken promise: %s\n", what);
		abort();
	}
}

static void
check_items(const struct policy_item *it, size_t n, int strict)
{
	size_t i, j;

	must(n > 0 && it != NULL, "an empty list loaded");
	for (i = 0; i < n; i++) {
		must(it[i].id != NULL && it[i].label != NULL, "item without id or label");
		must(!strict || (it[i].text != NULL && it[i].source != NULL), "kind without text");
		for (j = 0; j < i; j++)
			must(strcmp(it[i].id, it[j].id) != 0, "duplicate item id");
	}
}

static void
check_standards(const struct policy *p)
{
	size_t i, k;

	must(p->n_standards > 0, "no standards");
	for (i = 0; i < p->n_standards; i++) {
		must(p->standards[i].id && p->standards[i].text && p->standards[i].source,
		    "standard incomplete");
		must(p->standards[i].when != 0, "standard without a condition");
		for (k = 0; k < p->standards[i].n_channels; k++)
			must(policy_channel(p, p->standards[i].channels[k]) != NULL,
			    "standard names an unknown channel");
	}
	for (i = 0; i < p->n_followups; i++) {
		must(p->followups[i].channel && p->followups[i].source, "follow-up incomplete");
		must(policy_channel(p, p->followups[i].channel) != NULL, "follow-up channel unknown");
		must(policy_followup_for(p, p->followups[i].channel) == &p->followups[i],
		    "two follow-up rules for one channel");
		must(p->followups[i].target_minutes == POLICY_SAME_DAY ||
		    (p->followups[i].target_minutes > 0 &&
		    p->followups[i].target_minutes <= 90 * 1440), "bad target");
		must(p->followups[i].limit_minutes >= 0 && p->followups[i].limit_minutes <= 90 * 1440,
		    "bad limit");
	}
}

static void
check_drills(const struct policy *p)
{
	size_t i, q;

	for (i = 0; i < p->n_outcomes; i++) {
		must(p->outcomes[i].id && p->outcomes[i].label && p->outcomes[i].source,
		    "outcome incomplete");
		must(policy_outcome(p, p->outcomes[i].id) == &p->outcomes[i], "duplicate outcome");
	}
	for (i = 0; i < p->n_scenarios; i++) {
		must(p->scenarios[i].id && p->scenarios[i].title && p->scenarios[i].text &&
		    p->scenarios[i].rationale, "scenario incomplete");
		for (q = 0; q < p->n_questions; q++)
			must(p->scenarios[i].expected[q] != ANSWER_UNSET, "scenario misses an answer");
	}
	for (i = 0; i < p->n_quiz; i++) {
		must(p->quiz[i].id && p->quiz[i].question && p->quiz[i].answer && p->quiz[i].source,
		    "quiz item incomplete");
		for (q = 0; q < p->quiz[i].n_accept; q++)
			must(p->quiz[i].accept[q] != NULL, "accepted answer missing");
	}
}

/* A policy that loaded is whole. */
static void
check_policy(const struct policy *p)
{
	size_t i;

	must(p->id && p->version && p->name && p->source_title && p->source_revision,
	    "policy header incomplete");
	check_items(p->kinds, p->n_kinds, 1);
	check_items(p->channels, p->n_channels, 0);
	must(p->n_questions >= 1 && p->n_questions <= POLICY_MAX_QUESTIONS, "question count");
	for (i = 0; i < p->n_questions; i++) {
		must(p->questions[i].id && p->questions[i].text && p->questions[i].source,
		    "question incomplete");
		must(policy_question_index(p, p->questions[i].id) == (int)i, "duplicate question");
	}
	must(p->empower_source && p->msg_empowered && p->msg_not_empowered,
	    "empowerment incomplete");
	must(p->n_outcomes > 0, "no outcomes");
	check_standards(p);
	check_drills(p);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct policy_diags d = { 0 };
	struct policy *p;
	char line[2048];
	size_t i;

	if (size > POLICY_FILE_MAX + 1)
		return -1;
	p = policy_load_buffer("fuzz.yaml", (const char *)data, size, &d);
	must((p == NULL) == (d.n > 0), "refused without a reason, or loaded with one");
	for (i = 0; i < d.n; i++) {
		must(d.items[i].line >= 0 && d.items[i].col >= 0, "negative place");
		must((d.items[i].line == 0) == (d.items[i].col == 0), "line without column");
		must(d.items[i].msg[0] != '\0', "empty message");
		must(strcmp(d.items[i].file, "fuzz.yaml") == 0, "wrong file name");
		must(i == 0 || d.items[i - 1].line <= d.items[i].line, "not in file order");
		policy_diag_format(&d.items[i], line, sizeof line);
	}
	if (p != NULL)
		check_policy(p);
	policy_free(p);
	policy_diags_free(&d);
	return 0;
}
