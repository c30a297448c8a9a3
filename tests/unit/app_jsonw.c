/* app_jsonw.c - the JSON Lines writer of export (src/app/jsonw.c)
 * against jansson: for thousands of random contacts (every C0 control
 * character, quotes, backslashes, DEL, multi-byte UTF-8, empty and
 * missing values, times from 1970 to 9999, protected fields withheld or
 * not) the line it writes is byte for byte what json_dumps() gives for
 * codec_contact_json(), and jansson parses every line back to an equal
 * object.  Text that is not UTF-8 is refused, as jansson refuses it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "codec.h"

static unsigned long long seed = 0x5eed16;

static unsigned
rnd(unsigned n)
{
	seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned)((seed >> 33) % n);
}

/* A random valid UTF-8 text, or NULL or "" now and then. */
static const char *
text(char *buf, size_t cap)
{
	static const char *const bits[] = {
		"a", "Z", " ", "\"", "\\", "/", "\b", "\f", "\n", "\r", "\t", "\x01",
		"\x1b", "\x1f", "\x7f", "é", "→", "€", "😀", "\xc2\x9b", "=", "'", ",",
		"smoke alarm", "{", "}", "[", "]", ":", "null", "0",
	};
	size_t len = 0, k;
	unsigned i, n;

	if (rnd(8) == 0)
		return NULL;
	if (rnd(8) == 0)
		return "";
	n = rnd(12);
	for (i = 0; i < n; i++) {
		const char *b = bits[rnd(sizeof bits / sizeof bits[0])];

		k = strlen(b);
		if (len + k + 1 >= cap)
			break;
		memcpy(buf + len, b, k);
		len += k;
	}
	buf[len] = '\0';
	return buf;
}

static int64_t
when(void)
{
	switch (rnd(5)) {
	case 0: return 0;
	case 1: return 253402300799;                 /* 9999-12-31T23:59:59Z */
	case 2: return (int64_t)rnd(86400 * 3);      /* 1970 */
	default: return 1700000000 + (int64_t)rnd(400000000);
	}
}

static enum record_tri
tri(void)
{
	return (enum record_tri)rnd(3);
}

static char store[40][256];
static const char *stds[8];
static char qs[POLICY_MAX_QUESTIONS][64];

static void
random_contact(struct contact *c)
{
	int s = 0;
	size_t i;

	memset(c, 0, sizeof *c);
#define T(field) c->field = text(store[s], sizeof store[s]); s++
	c->id = rnd(4) ? (int64_t)rnd(2000000000) + 1 : 0;
	c->at = when();
	c->logged_at = when();
	T(member_badge); T(member_name); T(policy_id); T(policy_version); T(kind);
	T(channel); T(outcome); T(summary); T(added_value); T(referral_to);
	T(decision); T(appeal_info); T(call_ref); T(amend_reason);
	T(customer_name); T(customer_phone); T(customer_address); T(customer_email);
#undef T
	c->needs_met = tri();
	c->empowered = tri();
	c->referee_contacted = tri();
	c->amends = rnd(3) ? 0 : (int64_t)rnd(1000000) + 1;
	c->superseded_by = rnd(3) ? 0 : (int64_t)rnd(1000000) + 1;
	c->n_answers = rnd(POLICY_MAX_QUESTIONS + 1);
	for (i = 0; i < c->n_answers; i++) {
		/* now and then a question twice: jansson keeps the first
		 * place and the last value */
		snprintf(qs[i], sizeof qs[i], "q%u\"é", rnd(rnd(4) ? 100 : 3));
		c->answers[i].question = qs[i];
		c->answers[i].answer = rnd(2) ? ANSWER_YES : ANSWER_NO;
	}
	c->n_standards = rnd(9);
	for (i = 0; i < c->n_standards; i++) {
		stds[i] = text(store[s], sizeof store[s]);
		if (stds[i] == NULL)
			stds[i] = "std";
		s++;
	}
	c->standards = stds;
}

static void
same_as_jansson(void **state)
{
	struct app_buf b = { 0 };
	struct contact c;
	json_error_t jerr;
	json_t *o, *back;
	char *want;
	int i;

	(void)state;
	for (i = 0; i < 20000; i++) {
		bool protected = rnd(2);
		unsigned withheld = rnd(2) ? rnd(16) : 0;

		random_contact(&c);
		o = codec_contact_json(&c, protected, withheld);
		assert_non_null(o);
		want = json_dumps(o, JSON_COMPACT);
		assert_non_null(want);
		assert_int_equal(codec_contact_jsonl(&b, &c, protected, withheld), 0);
		assert_true(b.len > 0 && b.p[b.len - 1] == '\n');
		if (b.len - 1 != strlen(want) || memcmp(b.p, want, b.len - 1) != 0) {
			fprintf(stderr, "jansson: %s\njsonw:   %.*s", want, (int)b.len, b.p);
			fail();
		}
		back = json_loadb(b.p, b.len, 0, &jerr);
		assert_non_null(back);
		assert_true(json_equal(back, o));
		json_decref(back);
		json_decref(o);
		free(want);
	}
	app_buf_free(&b);
}

static void
not_utf8_refused(void **state)
{
	static const char *const bad[] = {
		"\xff", "a\xc0\x80", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xe2\x82", "\x80",
		"\xf0\x80\x80\x80",
	};
	struct app_buf b = { 0 };
	struct contact c;
	json_t *o;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		memset(&c, 0, sizeof c);
		c.id = 1;
		c.summary = bad[i];
		o = codec_contact_json(&c, false, 0);
		assert_null(o);   /* jansson will not have it */
		assert_int_equal(codec_contact_jsonl(&b, &c, false, 0), -1);
	}
	c.summary = "fine again";
	assert_int_equal(codec_contact_jsonl(&b, &c, false, 0), 0);
	app_buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(same_as_jansson),
		cmocka_unit_test(not_utf8_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
