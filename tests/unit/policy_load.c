/* policy_load.c - the policy loader on real files in a temporary folder:
 * a good file and its counts, every class of mistake at its line and
 * column, sets of files refused whole, and half-built policies freed
 * without a leak (run under make check / make valgrind). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <ftw.h>
#include <sys/stat.h>
#include <unistd.h>

#include "policy_yaml.h"

static const char good[] =
	"# A small policy with every part.\n"
	"format: 1\n"
	"id: example\n"
	"version: \"1\"\n"
	"name: Example Fire Department\n"
	"source:\n"
	"  title: Example customer service policy\n"
	"  revision: \"2026-01\"\n"
	"customer-kinds:\n"
	"  - id: recipient\n"
	"    label: Service recipient\n"
	"    text: The actual service recipient\n"
	"    source: \"Section 1\"\n"
	"channels:\n"
	"  - id: on-scene\n"
	"    label: On scene\n"
	"    source: \"Section 1\"\n"
	"  - id: phone\n"
	"    label: Phone\n"
	"empowerment:\n"
	"  source: \"Section 2\"\n"
	"  adopted-from: null\n"
	"  rule: all-yes\n"
	"  questions:\n"
	"    - id: customer\n"
	"      text: Is it the right thing for the customer?\n"
	"      source: \"Section 2.a\"\n"
	"    - id: legal\n"
	"      text: Is it legal?\n"
	"      source: \"Section 2.b\"\n"
	"  empowered: Don't ask permission.\n"
	"  not-empowered: Do not act on your own; ask your officer.\n"
	"standards:\n"
	"  - id: leave-scene\n"
	"    text: All customer service opportunities are met.\n"
	"    source: \"Section 3\"\n"
	"  - id: call-back\n"
	"    text: Return calls the same day.\n"
	"    source: \"Section 3\"\n"
	"    when: [channel:phone, follow-up]\n"
	"follow-ups:\n"
	"  - channel: phone\n"
	"    target: same-day\n"
	"    limit: 24h\n"
	"    source: \"Section 3\"\n"
	"outcomes:\n"
	"  - id: resolved\n"
	"    label: Resolved\n"
	"    source: \"Section 4\"\n"
	"  - id: refused\n"
	"    label: Refused service\n"
	"    source: \"Section 4\"\n"
	"    negative: yes\n"
	"    requires: appeal\n"
	"privacy:\n"
	"  notice: We keep names for a year.\n"
	"  retention-days: 365\n"
	"  source: \"Section 5\"\n"
	"scenarios:\n"
	"  - id: pet-left-behind\n"
	"    title: The dog left behind\n"
	"    text: Your patient is transported; her dog is alone in the house.\n"
	"    expected:\n"
	"      customer: yes\n"
	"      legal: no\n"
	"    rationale: Pets matter to the people we serve.\n"
	"quiz:\n"
	"  - id: what-is-a-customer\n"
	"    question: What is a customer?\n"
	"    answer: any person with whom one has dealings\n"
	"    accept: [\"anyone we have dealings with\", \"everyone\"]\n"
	"    source: \"Section 1\"\n";

static char dir[64];

static int
rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st; (void)flag; (void)ftw;
	return remove(path);
}

static int
setup(void **state)
{
	(void)state;
	strcpy(dir, "/tmp/cslog-policy-XXXXXX");
	return mkdtemp(dir) == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
	(void)state;
	return nftw(dir, rm_entry, 8, FTW_DEPTH | FTW_PHYS);
}

/* Write len bytes of text to dir/name; the path into path. */
static void
write_file(const char *name, const char *text, size_t len, char *path, size_t size)
{
	FILE *f;

	snprintf(path, size, "%s/%s", dir, name);
	f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

/* text with the first `from` replaced by `to` (malloc'd). */
static char *
replace(const char *text, const char *from, const char *to)
{
	const char *at = strstr(text, from);
	size_t n = strlen(text) + strlen(to) + 1;
	char *s = malloc(n);

	assert_non_null(at);
	assert_non_null(s);
	snprintf(s, n, "%.*s%s%s", (int)(at - text), text, to, at + strlen(from));
	return s;
}

static char *
with(const char *from, const char *to)
{
	return replace(good, from, to);
}

static void
good_file_loads_with_its_counts(void **state)
{
	struct policy_diags d = { 0 };
	struct policy *p;
	char path[128];

	(void)state;
	write_file("good.yaml", good, strlen(good), path, sizeof path);
	p = policy_load_file(path, &d);
	assert_non_null(p);
	assert_int_equal(d.n, 0);
	assert_string_equal(p->file, path);
	assert_string_equal(p->id, "example");
	assert_string_equal(p->version, "1");
	assert_null(p->adopted_from);
	assert_null(p->source_section);
	assert_int_equal(p->n_kinds, 1);
	assert_int_equal(p->n_channels, 2);
	assert_null(p->channels[1].source);
	assert_int_equal(p->n_questions, 2);
	assert_string_equal(p->questions[1].id, "legal");
	assert_int_equal(p->n_standards, 2);
	assert_int_equal(p->standards[0].when, WHEN_ALWAYS);
	assert_int_equal(p->standards[1].when, WHEN_CHANNEL | WHEN_FOLLOW_UP);
	assert_int_equal(p->standards[1].n_channels, 1);
	assert_string_equal(p->standards[1].channels[0], "phone");
	assert_int_equal(p->n_followups, 1);
	assert_int_equal(p->followups[0].target_minutes, POLICY_SAME_DAY);
	assert_int_equal(p->followups[0].limit_minutes, 24 * 60);
	assert_int_equal(p->n_outcomes, 2);
	assert_false(p->outcomes[0].negative);
	assert_true(p->outcomes[1].negative);
	assert_int_equal(p->outcomes[1].requires, REQUIRES_APPEAL);
	assert_int_equal(p->retention_days, 365);
	assert_int_equal(p->n_scenarios, 1);
	assert_int_equal(p->scenarios[0].expected[0], ANSWER_YES);
	assert_int_equal(p->scenarios[0].expected[1], ANSWER_NO);
	assert_null(p->scenarios[0].source);
	assert_int_equal(p->n_quiz, 1);
	assert_int_equal(p->quiz[0].n_accept, 2);
	policy_free(p);
	policy_diags_free(&d);
}

/* privacy: fields: each protected field's class; protected by default. */
static void
privacy_classes(void **state)
{
	struct policy_diags d = { 0 };
	struct policy *p;
	char path[128], *text;

	(void)state;
	text = with("\"Section 5\"\n", "\"Section 5\"\n  fields:\n"
	    "    customer-name: restricted\n    customer-email: not-kept\n"
	    "    customer-phone: protected\n");
	write_file("classes.yaml", text, strlen(text), path, sizeof path);
	free(text);
	p = policy_load_file(path, &d);
	assert_non_null(p);
	assert_int_equal(d.n, 0);
	assert_int_equal(policy_field_class(p, PF_NAME), PRIVACY_RESTRICTED);
	assert_int_equal(policy_field_class(p, PF_PHONE), PRIVACY_PROTECTED);
	assert_int_equal(policy_field_class(p, PF_ADDRESS), PRIVACY_PROTECTED); /* unlisted */
	assert_int_equal(policy_field_class(p, PF_EMAIL), PRIVACY_NOT_KEPT);
	assert_int_equal(policy_bulk_withheld(p), 1u << PF_NAME | 1u << PF_EMAIL);
	assert_string_equal(policy_class_name(policy_field_class(p, PF_EMAIL)), "not-kept");
	assert_int_equal(policy_field_parse("customer-address"), PF_ADDRESS);
	assert_int_equal(policy_field_parse("customer-fax"), -1);
	assert_int_equal(policy_class_parse("secret"), -1);
	policy_free(p);
	/* No fields (or no policy at all): every field protected; an
	 * unknown policy withholds everything from bulk output. */
	write_file("good.yaml", good, strlen(good), path, sizeof path);
	p = policy_load_file(path, &d);
	assert_non_null(p);
	assert_int_equal(policy_field_class(p, PF_EMAIL), PRIVACY_PROTECTED);
	assert_int_equal(policy_bulk_withheld(p), 0);
	assert_int_equal(policy_field_class(NULL, PF_NAME), PRIVACY_PROTECTED);
	assert_int_equal(policy_bulk_withheld(NULL), (1u << PF_COUNT) - 1);
	policy_free(p);
	policy_diags_free(&d);
}

static void
shipped_policies_load(void **state)
{
	static const char *const files[] = { "policies/bsofr.yaml", "policies/phoenix.yaml" };
	struct policy_diags d = { 0 };
	struct policy *p;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof files / sizeof files[0]; i++) {
		p = policy_load_file(files[i], &d);
		assert_non_null(p);
		assert_int_equal(p->n_questions, 7);
		assert_true(p->n_scenarios > 0 && p->n_quiz > 0);
		policy_free(p);
	}
	assert_int_equal(d.n, 0);
}

/* One malformed file: where its first problem is, and what it says. */
struct bad {
	const char *from, *to;  /* change to good; from NULL: `to` is the file */
	int line, col;
	const char *says;
};

static const struct bad bad[] = {
	{ NULL, "", 1, 1, "the file is empty" },
	{ NULL, "\n \t\r\n", 1, 1, "the file is empty" },
	{ NULL, "# nothing\n# here\n", 1, 1, "only comments" },
	{ NULL, "- format: 1\n", 1, 1, "a policy file is a mapping" },
	{ NULL, "format: 1\n---\nid: x\n", 2, 1, "a second document" },
	{ NULL, "a: &x [1, 2]\nb: [*x, *x]\n", 2, 5, "'*x' is an alias" },
	{ NULL, "\xFF\xFE" "f", 1, 1, "UTF-16" },
	{ "  revision:", "\trevision:", 8, 1, "a tab is used to indent" },
	{ "version: \"1\"", "version: \"1", 4, 10, "closing quote" },
	{ "[channel:phone, follow-up]", "[channel:phone", 41, 11, "'[' at line 40, column 11" },
	{ "name: Example", "  name: Example", 5, 3, "check this line's indentation" },
	{ "version: \"1\"\n", "version\n", 4, 1, "found no ':'" },
	{ "revision: \"2026-01\"", "revision: @2026", 8, 13, "'@' cannot begin" },
	{ "source: \"Section 4\"\n    negative", "source: \"4\\q\"\n    negative", 52, 15,
	  "unknown escape" },
	{ "label: Phone", "label: Ph\xE9ne", 19, 14, "not valid UTF-8 here (byte 0xE9)" },
	{ "label: Phone", "label: Ph\x1Bne", 19, 14, "control character (0x1B)" },
	{ "label: Phone", "label: \"Ph\\0ne\"", 19, 12, "NUL character" },
	{ "name: Example Fire Department", "name: [Example]", 5, 7, "name: expected text, found a list" },
	{ "name: Example", "nmae: Example", 2, 1, "missing required key 'name' in the policy" },
	{ "format: 1\n", "format: 1\nformat: 1\n", 3, 1, "duplicate key 'format'" },
	{ "format: 1", "format: \"2\"", 2, 9, "'format' must be 1" },
	{ "id: example", "id: Example", 3, 5, "id 'Example' must be" },
	{ "- id: legal", "- id: customer", 28, 11, "duplicate id 'customer' in empowerment" },
	{ "- id: legal", "- id: fairness", 28, 11, "unknown question id 'fairness'" },
	{ "    - id: customer\n      text: Is it the right thing for the customer?\n"
	  "      source: \"Section 2.a\"\n    - id: legal\n      text: Is it legal?\n"
	  "      source: \"Section 2.b\"\n", "", 24, 13,
	  "questions: expected a list, found nothing" },
	{ "      legal: no\n", "      legal: no\n      safe: no\n", 66, 7,
	  "unknown question 'safe'" },
	{ "      legal: no\n", "", 63, 5, "no expected answer for question 'legal'" },
	{ "      legal: no", "      legal: perhaps", 65, 14, "expected yes or no, found 'perhaps'" },
	{ "limit: 24h", "limit: 91d", 44, 12, "limit: bad duration '91d'" },
	{ "target: same-day\n    limit: 24h", "target: 4h\n    limit: 2h", 44, 12,
	  "limit is shorter than the target" },
	{ "target: same-day", "target: 0m", 43, 13, "bad duration '0m'" },
	{ "- channel: phone", "- channel: fax", 42, 14, "channel 'fax' is not one of" },
	{ "[channel:phone,", "[channel:fax,", 40, 12, "channel 'fax' is not one of" },
	{ "when: [channel:phone, follow-up]", "when: [later]", 40, 12, "unknown condition 'later'" },
	{ "- channel: phone\n    target: same-day\n    limit: 24h\n    source: \"Section 3\"\n",
	  "- channel: phone\n    target: 1h\n    source: \"3\"\n  - channel: phone\n"
	  "    target: 2h\n    source: \"3\"\n", 45, 14, "a second rule for channel 'phone'" },
	{ "- id: refused", "- id: resolved", 50, 9, "duplicate id 'resolved' in outcomes" },
	{ "requires: appeal", "requires: approval", 54, 15, "'approval' is not referral or appeal" },
	{ "    source: \"Section 3\"\n    when", "    when", 37, 5,
	  "missing required key 'source' in standards" },
	{ "    answer: any person with whom one has dealings\n", "", 68, 5,
	  "missing required key 'answer' in quiz" },
	{ "quiz:", "qiuz:", 67, 1, "unknown key 'qiuz' in the policy (known keys: format," },
	{ "rule: all-yes", "rule: most-yes", 23, 9, "'most-yes' is not known" },
	{ "label: Resolved", "label: \"  \"", 48, 12, "label: must not be empty" },
	{ "label: Resolved\n", "label: Resolved\n    [a]: b\n", 49, 5, "a key must be a plain word" },
	{ "expected:\n      customer: yes\n      legal: no\n", "expected: [yes]\n", 63, 15,
	  "expected: a mapping of question id" },
	{ "channels:\n", "channels: phone\nold:\n", 14, 11, "expected a list, found a single value" },
	{ "[channel:phone, follow-up]", "[[[[[[[[[[[[[[[[x]]]]]]]]]]]]]]]]", 40, 24,
	  "nested more than 16 deep" },
	{ "\"Section 5\"\n", "\"Section 5\"\n  fields:\n    customer-fax: not-kept\n", 60, 5,
	  "unknown key 'customer-fax' in privacy.fields (known keys: customer-name," },
	{ "\"Section 5\"\n", "\"Section 5\"\n  fields:\n    customer-phone: secret\n", 60, 21,
	  "customer-phone: unknown privacy class 'secret' (protected, restricted, not-kept)" },
	{ "\"Section 5\"\n", "\"Section 5\"\n  fields:\n    customer-name: ~\n", 60, 20,
	  "customer-name: must not be empty" },
	{ "\"Section 5\"\n", "\"Section 5\"\n  fields: [customer-name]\n", 59, 11,
	  "privacy.fields: expected a mapping of keys, found a list" },
};

static void
each_mistake_at_its_line_and_column(void **state)
{
	struct policy_diags d = { 0 };
	struct policy *p;
	char path[128], *text;
	size_t i, len;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		text = bad[i].from ? with(bad[i].from, bad[i].to) : strdup(bad[i].to);
		assert_non_null(text);
		len = strlen(text);
		write_file("bad.yaml", text, len, path, sizeof path);
		p = policy_load_file(path, &d);
		if (p != NULL || d.n == 0 || d.items[0].line != bad[i].line ||
		    d.items[0].col != bad[i].col || strstr(d.items[0].msg, bad[i].says) == NULL)
			print_error("case %zu (%s): got %d:%d: %s\n", i, bad[i].says,
			    d.n ? d.items[0].line : -1, d.n ? d.items[0].col : -1,
			    d.n ? d.items[0].msg : "(nothing)");
		assert_null(p);
		assert_true(d.n > 0);
		assert_string_equal(d.items[0].file, path);
		assert_int_equal(d.items[0].line, bad[i].line);
		assert_int_equal(d.items[0].col, bad[i].col);
		assert_non_null(strstr(d.items[0].msg, bad[i].says));
		policy_diags_free(&d);
		free(text);
	}
}

/* Limits: a 1 MB text, more values than allowed, a list too long. */
static void
limits(void **state)
{
	struct policy_diags d = { 0 };
	size_t big = 1u << 20, i;
	char *buf = malloc(big + 64), path[128];

	(void)state;
	assert_non_null(buf);
	i = (size_t)sprintf(buf, "format: 1\nname: ");
	memset(buf + i, 'a', big);
	write_file("huge.yaml", buf, i + big, path, sizeof path);
	assert_null(policy_load_file(path, &d));
	assert_int_equal(d.n, 1);
	assert_int_equal(d.items[0].line, 2);
	assert_int_equal(d.items[0].col, 7);
	assert_string_equal(d.items[0].msg, "this text is longer than 65536 bytes");
	policy_diags_free(&d);

	i = (size_t)sprintf(buf, "format: 1\nnote: [");
	while (i < big)
		i += (size_t)sprintf(buf + i, "1,");
	write_file("many.yaml", buf, i, path, sizeof path);
	assert_null(policy_load_file(path, &d));
	assert_int_equal(d.n, 1);
	assert_non_null(strstr(d.items[0].msg, "too many values"));
	policy_diags_free(&d);
	free(buf);
}

static void
long_lists_are_refused(void **state)
{
	struct policy_diags d = { 0 };
	size_t n = 8 * (PYAML_MAX_LIST + 1) + 16, i;
	char *list = malloc(n), *text;

	(void)state;
	assert_non_null(list);
	strcpy(list, "accept: [");
	for (i = 0; i <= PYAML_MAX_LIST; i++)
		strcat(list, "x, ");
	strcat(list, "y]");
	text = with("accept: [\"anyone we have dealings with\", \"everyone\"]", list);
	assert_null(policy_load_buffer("list.yaml", text, strlen(text), &d));
	assert_int_equal(d.n, 1);
	assert_string_equal(d.items[0].msg, "accept: 1002 items, at most 1000");
	policy_diags_free(&d);
	free(text);
	free(list);
}

/* The buffer is not NUL-terminated (as from a fuzzer): nothing is read
 * beyond it (ASan would tell). */
static void
buffer_without_terminator(void **state)
{
	struct policy_diags d = { 0 };
	char *spaces = malloc(3), *text = malloc(sizeof good - 1);

	(void)state;
	assert_non_null(spaces);
	assert_non_null(text);
	memcpy(spaces, "  \n", 3);
	assert_null(policy_load_buffer("s.yaml", spaces, 3, &d));
	assert_string_equal(d.items[0].msg, "the file is empty");
	policy_diags_free(&d);
	memcpy(text, good, sizeof good - 1);
	policy_free(policy_load_buffer("g.yaml", text, sizeof good - 1, &d));
	assert_int_equal(d.n, 0);
	free(spaces);
	free(text);
}

/* Every problem is reported, in the order of the file. */
static void
all_problems_in_file_order(void **state)
{
	struct policy_diags d = { 0 };
	char *a = with("target: same-day", "target: forever");
	char *b = replace(a, "- id: refused", "- id: resolved");
	char *text = replace(b, "id: example", "id: X");
	char line[256];
	size_t i;

	(void)state;
	assert_null(policy_load_buffer("m.yaml", text, strlen(text), &d));
	assert_int_equal(d.n, 3);
	for (i = 1; i < d.n; i++)
		assert_true(d.items[i - 1].line < d.items[i].line);
	policy_diag_format(&d.items[1], line, sizeof line);
	assert_string_equal(line, "m.yaml:43:13: target: bad duration 'forever' (use 30m, 4h or "
	    "2d, at most 90d, or same-day)");
	policy_diags_free(&d);
	free(a);
	free(b);
	free(text);
}

/* A half-built policy: errors in some parts after others were read.
 * policy_free releases all of it (make check / make valgrind tell). */
static void
half_built_policy_frees_cleanly(void **state)
{
	static const char *const breaks[][2] = {
		{ "- id: refused", "- id: [refused]" },
		{ "      legal: no\n", "" },
		{ "    answer: any person with whom one has dealings\n", "" },
		{ "accept: [\"anyone we have dealings with\", \"everyone\"]", "accept: [x, [y]]" },
		{ "when: [channel:phone, follow-up]", "when: [channel:phone, later, channel:x]" },
		{ "retention-days: 365", "retention-days: ever" },
		{ "quiz:\n", "quiz:\n  - id: b\n    question: q\n    answer: a\n    source: s\n"
		  "  - id: b\n    bogus: 1\n" },
	};
	yaml_parser_t parser;
	yaml_document_t doc;
	struct policy_diags d = { 0 };
	struct pctx c;
	char *text;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof breaks / sizeof breaks[0]; i++) {
		text = with(breaks[i][0], breaks[i][1]);
		assert_true(yaml_parser_initialize(&parser));
		yaml_parser_set_input_string(&parser, (const unsigned char *)text, strlen(text));
		assert_true(yaml_parser_load(&parser, &doc));
		memset(&c, 0, sizeof c);
		c.file = "half.yaml";
		c.doc = &doc;
		c.diags = &d;
		pyaml_build(&c);
		assert_true(c.errors > 0);
		assert_non_null(c.p);
		assert_non_null(c.p->id);             /* read before the problem */
		assert_int_equal(c.p->n_standards, 2);
		policy_free(c.p);
		yaml_document_delete(&doc);
		yaml_parser_delete(&parser);
		policy_diags_free(&d);
		free(text);
	}
}

static void
set_refuses_a_folder_with_a_bad_file(void **state)
{
	struct policy_where w = { 0 };
	struct policy_set set;
	struct policy_diags d = { 0 };
	char path[128], sub[128], *other = with("id: example", "id: another");

	(void)state;
	snprintf(sub, sizeof sub, "%s/set", dir);
	assert_int_equal(mkdir(sub, 0700), 0);
	write_file("set/b.yaml", good, strlen(good), path, sizeof path);
	write_file("set/a.yaml", other, strlen(other), path, sizeof path);
	w.dir = sub;
	assert_int_equal(policy_set_load(&set, &w, &d), 0);
	assert_int_equal(set.n, 2);
	assert_string_equal(set.items[0]->id, "another");  /* sorted by id */
	policy_set_free(&set);

	write_file("set/c.yaml", "format: [\n", 10, path, sizeof path);
	assert_int_equal(policy_set_load(&set, &w, &d), -1);
	assert_int_equal(set.n, 0);
	assert_null(set.items);
	assert_int_equal(d.n, 1);
	assert_string_equal(d.items[0].file, path);
	policy_diags_free(&d);

	write_file("set/c.yaml", good, strlen(good), path, sizeof path);
	assert_int_equal(policy_set_load(&set, &w, &d), -1);
	assert_int_equal(set.n, 0);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.items[0].line, 0);
	assert_non_null(strstr(d.items[0].msg, "policy id 'example' is already used by"));
	policy_diags_free(&d);

	w.dir = "/nonexistent/cslog";
	assert_int_equal(policy_set_load(&set, &w, &d), 0);
	assert_int_equal(set.n, 0);
	free(other);
}

static void
not_a_file(void **state)
{
	struct policy_diags d = { 0 };
	char line[256];

	(void)state;
	assert_null(policy_load_file(dir, &d));
	assert_int_equal(d.n, 1);
	assert_int_equal(d.items[0].line, 0);
	policy_diag_format(&d.items[0], line, sizeof line);
	assert_non_null(strstr(line, ": this is a folder, not a policy file"));
	policy_diags_free(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(good_file_loads_with_its_counts),
		cmocka_unit_test(privacy_classes),
		cmocka_unit_test(shipped_policies_load),
		cmocka_unit_test(each_mistake_at_its_line_and_column),
		cmocka_unit_test(limits),
		cmocka_unit_test(long_lists_are_refused),
		cmocka_unit_test(buffer_without_terminator),
		cmocka_unit_test(all_problems_in_file_order),
		cmocka_unit_test(half_built_policy_frees_cleanly),
		cmocka_unit_test(set_refuses_a_folder_with_a_bad_file),
		cmocka_unit_test(not_a_file),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
