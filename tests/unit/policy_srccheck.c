/* policy_srccheck.c - a small policy held to a small document: each kind
 * of problem the source-text check reports, and the coverage; and the
 * consistency of drill scenarios of one kind across policies. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "cslog/consistency.h"
#include "cslog/policy_load.h"
#include "cslog/srccheck.h"

static const char doc[] =
	"Service standards\n\n"
	"1. Respond to voice mail same day or at very least 24 hours\n"
	"2. Explain a policy when providing it\n"
	"3. Do not \"blame\"\n\n"
	"Keep your sense of humor.\n\n"
	"Page 1 of 1\n";

static const char policy[] =
	"format: 1\nid: t\nversion: \"1\"\nname: Test\nown: [name]\n"
	"source:\n  title: T\n  revision: \"1\"\n  document: t.txt\n  own: [title]\n"
	"customer-kinds:\n  - id: c\n    label: C\n    text: A customer\n    source: cslog\n"
	"channels:\n  - id: voice-mail\n    label: V\n    source: cslog\n"
	"empowerment:\n  source: cslog\n  adopted-from: elsewhere\n  rule: all-yes\n"
	"  own: [empowered, not-empowered]\n  questions:\n"
	"    - id: customer\n      text: Is it right?\n      source: elsewhere\n"
	"  empowered: Go.\n  not-empowered: Stop.\n"
	"standards:\n"
	"  - id: voice\n    text: Respond to voice mail same day or at very least 24 hours\n"
	"    source: \"Service standards, item 1\"\n"
	"  - id: explain\n    text: Explain a policy when providing it\n"
	"    source: \"Service standards, item 2\"\n"
	"  - id: blame\n    text: Do not \"blame\"\n    source: \"Service standards, item 3\"\n"
	"follow-ups:\n  - channel: voice-mail\n    target: same-day\n    limit: 24h\n"
	"    text: Respond to voice mail same day or at very least 24 hours\n"
	"    source: \"Service standards, item 1\"\n"
	"outcomes:\n  - id: done\n    label: Done\n    source: cslog\n"
	"guidance:\n  - id: humor\n    text: Keep your sense of humor.\n    source: Service standards\n"
	"omitted:\n  - text: Page 1 of 1\n    reason: A page number.\n";

struct found {
	char all[8192];
	int n;
};

static void
collect(void *ctx, struct policy_at at, const char *msg)
{
	struct found *f = ctx;
	size_t len = strlen(f->all);

	snprintf(f->all + len, sizeof f->all - len, "%d: %s\n", at.line, msg);
	f->n++;
}

/* Load policy with `from` replaced by `to` (both NULL: as it is), and
 * hold it to the document. */
static int
run(const char *from, const char *to, struct found *f, struct srccheck_coverage *cov)
{
	struct policy_diags d = { 0 };
	char buf[8192];
	const char *at = from ? strstr(policy, from) : NULL;
	struct policy *p;
	int n;

	memset(f, 0, sizeof *f);
	if (from != NULL && at == NULL)
		fail_msg("no '%s' in the test policy", from);
	if (from == NULL)
		snprintf(buf, sizeof buf, "%s", policy);
	else
		snprintf(buf, sizeof buf, "%.*s%s%s", (int)(at - policy), policy, to,
		         at + strlen(from));
	p = policy_load_buffer("t.yaml", buf, strlen(buf), &d);
	if (p == NULL)
		fail_msg("the test policy does not load: %s", d.n ? d.items[0].msg : "?");
	n = srccheck_run(p, doc, sizeof doc - 1, collect, f, cov);
	policy_free(p);
	policy_diags_free(&d);
	return n;
}

static void
holds_and_counts(void **state)
{
	struct srccheck_coverage cov;
	struct found f;
	char text[128];

	(void)state;
	assert_int_equal(run(NULL, NULL, &f, &cov), 0);
	assert_int_equal(cov.items, 6);          /* heading, 3 entries, a sentence, a page */
	assert_int_equal(cov.transcribed, 5);
	assert_int_equal(cov.omitted, 1);
	assert_int_equal(cov.missing, 0);
	srccheck_coverage_text(&cov, text, sizeof text);
	assert_string_equal(text, "5 of 6 items of the document; 1 omitted, with reasons");
}

static void
expect(const char *from, const char *to, const char *msg)
{
	struct found f;

	run(from, to, &f, NULL);
	if (f.n == 0 || strstr(f.all, msg) == NULL)
		fail_msg("'%s' -> '%s': wanted \"%s\", got:\n%s", from, to, msg, f.all);
}

static void
reports_each_problem(void **state)
{
	(void)state;
	expect("text: Explain a policy when providing it",
	       "text: Explain the policy to the customer",
	       "standards 'explain': not the document's words");
	expect("text: Explain a policy when providing it", "text: Do not \"blame\"",
	       "standards 'explain': not where its source says (Service standards, item 2)");
	expect("text: Explain a policy when providing it", "text: Do not \"blame\"",
	       "is neither transcribed nor omitted (list it under omitted, with a reason): "
	       "\"Explain a policy when providing it\"");
	expect("    limit: 24h\n", "    limit: 48h\n", "the limit, 48 hours, is not a time its text gives");
	expect("    target: same-day\n", "    target: 4h\n", "the target, 4 hours, is not a time");
}

static void
reports_what_is_not_marked(void **state)
{
	(void)state;
	expect("name: Test\nown: [name]\n", "name: Test\n", "the policy 'name': not the document's");
	expect("    source: \"Service standards, item 3\"\n",
	       "    source: \"Service standards, item 3\"\n    when: [negative]\n",
	       "standards 'blame': when is cslog's choice");
	expect("channels:\n  - id: voice-mail\n    label: V\n    source: cslog\n",
	       "channels:\n  - id: voice-mail\n    label: V\n",
	       "channels 'voice-mail': say where the document names it");
	expect("omitted:\n  - text: Page 1 of 1\n    reason: A page number.\n", "",
	       "document line 9 is neither transcribed nor omitted");
	expect("omitted:\n  - text: Page 1 of 1\n", "omitted:\n  - text: Page 2 of 1\n",
	       "omitted: not the document's words");
	expect("guidance:\n  - id: humor\n    text: Keep your sense of humor.\n",
	       "guidance:\n  - id: humor\n    text: Keep your sense of humour.\n",
	       "guidance 'humor': not the document's words");
	expect("follow-ups:\n  - channel: voice-mail\n    target: same-day\n    limit: 24h\n"
	       "    text: Respond to voice mail same day or at very least 24 hours\n"
	       "    source: \"Service standards, item 1\"\n", "",
	       "document line 3 gives a time that no follow-up rule carries");
}

static void
keeps_the_documents_order(void **state)
{
	(void)state;
	expect("  - id: voice\n    text: Respond to voice mail same day or at very least 24 hours\n"
	       "    source: \"Service standards, item 1\"\n"
	       "  - id: explain\n    text: Explain a policy when providing it\n"
	       "    source: \"Service standards, item 2\"\n",
	       "  - id: explain\n    text: Explain a policy when providing it\n"
	       "    source: \"Service standards, item 2\"\n"
	       "  - id: voice\n    text: Respond to voice mail same day or at very least 24 hours\n"
	       "    source: \"Service standards, item 1\"\n",
	       "standards 'voice' is out of the document's order");
}

/* ---- consistency ----------------------------------------------------- */

static struct policy *
with_scenario(const char *id, const char *accountable, const char *extra)
{
	struct policy_diags d = { 0 };
	char buf[8192];
	struct policy *p;

	snprintf(buf, sizeof buf, "%.*sid: %s%s"
	         "scenarios:\n  - id: s\n    title: S\n    text: T\n    situation: waiver\n"
	         "    expected:\n      customer: %s\n    rationale: R\n%s",
	         (int)(strstr(policy, "id: t\n") - policy), policy, id,
	         strstr(policy, "id: t\n") + strlen("id: t"), accountable, extra);
	p = policy_load_buffer(id, buf, strlen(buf), &d);
	if (p == NULL)
		fail_msg("does not load: %s", d.n ? d.items[0].msg : "?");
	policy_diags_free(&d);
	return p;
}

static void
count(void *ctx, const struct policy *p, const struct policy_scenario *s, const char *msg)
{
	(void)p;
	(void)s;
	(void)msg;
	(*(int *)ctx)++;
}

static void
one_kind_judged_alike(void **state)
{
	struct policy *a = with_scenario("a", "no", ""), *b = with_scenario("b", "no", ""),
	              *c = with_scenario("c", "yes", ""),
	              *d = with_scenario("d", "yes", "    differs:\n      customer: As \"Keep "
	                                 "your sense of humor.\" says.\n");
	const struct policy *agree[] = { a, b }, *three[] = { a, b, c }, *cited[] = { a, b, d };
	int n = 0;

	(void)state;
	assert_int_equal(consistency_check(agree, 2, count, &n), 0);
	assert_int_equal(consistency_check(three, 3, count, &n), 1);
	assert_int_equal(n, 1);
	assert_int_equal(consistency_check(cited, 3, count, &n), 0);
	policy_free(a);
	policy_free(b);
	policy_free(c);
	policy_free(d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(holds_and_counts),
		cmocka_unit_test(reports_each_problem),
		cmocka_unit_test(reports_what_is_not_marked),
		cmocka_unit_test(keeps_the_documents_order),
		cmocka_unit_test(one_kind_judged_alike),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
