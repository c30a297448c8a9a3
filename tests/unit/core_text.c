/* core_text.c - UTF-8 validity and terminal neutralisation. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <locale.h>
#include <cmocka.h>

#include "cslog/text.h"

static void
check_safe(const char *in, unsigned flags, const char *want)
{
	char *got = text_safe(in, flags);

	assert_non_null(got);
	assert_string_equal(got, want);
	assert_true(text_valid_utf8(got, strlen(got)));
	free(got);
}

static void
escape_sequences_are_neutralised(void **state)
{
	(void)state;
	check_safe("\x1b[2J\x1b]0;owned\x07", 0, "^[[2J^[]0;owned^G");
	check_safe("a\x7f" "b", 0, "a^?b");
	check_safe("\xc2\x9b" "31m", 0, "<U+009B>31m");     /* C1 CSI */
	check_safe("abc\xe2\x80\xae" "fdp.exe", 0, "abc<U+202E>fdp.exe");
}

static void
invalid_utf8_is_shown_as_bytes(void **state)
{
	(void)state;
	check_safe("ok\xff\xfe", 0, "ok\\xFF\\xFE");
	check_safe("\xc3", 0, "\\xC3");                 /* truncated */
	check_safe("\xe0\x80\xaf", 0, "\\xE0\\x80\\xAF"); /* overlong */
	check_safe("\xed\xa0\x80", 0, "\\xED\\xA0\\x80"); /* surrogate */
}

static void
layout_flags(void **state)
{
	(void)state;
	check_safe("a\nb\tc", 0, "a^Jb^Ic");
	check_safe("a\nb\tc", TEXT_KEEP_LAYOUT, "a\nb\tc");
	check_safe("a\nb\tc", TEXT_ONE_LINE, "a b c");
	check_safe("Zoë — ünïcode 日本", 0, "Zoë — ünïcode 日本");
}

static void
validity(void **state)
{
	(void)state;
	assert_true(text_valid_utf8("héllo", strlen("héllo")));
	assert_false(text_valid_utf8("a\0b", 3));
	assert_false(text_valid_utf8("\xc0\xaf", 2));
	assert_false(text_valid_utf8("\xf4\x90\x80\x80", 4)); /* > U+10FFFF */
	assert_true(text_valid_utf8("\xf0\x9f\x9a\x92", 4));  /* fire engine */
}

static void
widths_and_fitting(void **state)
{
	char buf[32];

	(void)state;
	assert_int_equal(text_width("abc"), 3);
	assert_int_equal(text_width("日本"), 4);
	assert_int_equal(text_fit("日本語", 5, buf, sizeof buf), 4);
	assert_string_equal(buf, "日本");
	assert_int_equal(text_fit("héllo", 3, buf, sizeof buf), 3);
	assert_string_equal(buf, "hél");
	assert_int_equal(text_fit("abcdef", 10, buf, 4), 3);
	assert_string_equal(buf, "abc");
}

/* A cut text ends in an ellipsis inside the columns; one that fits, or
 * a column too narrow for a mark, is as text_fit gives it. */
static void
fitting_with_a_mark(void **state)
{
	char buf[32];

	(void)state;
	assert_int_equal(text_fit_marked("abcdef", 6, buf, sizeof buf), 6);
	assert_string_equal(buf, "abcdef");
	assert_int_equal(text_fit_marked("abcdef", 4, buf, sizeof buf), 4);
	assert_string_equal(buf, "abc\u2026");
	assert_int_equal(text_width(buf), 4);
	assert_int_equal(text_fit_marked("日本語", 5, buf, sizeof buf), 5);
	assert_string_equal(buf, "日本\u2026");
	assert_int_equal(text_fit_marked("日本語", 4, buf, sizeof buf), 3);
	assert_string_equal(buf, "日\u2026");
	assert_int_equal(text_fit_marked("abcdef", 1, buf, sizeof buf), 1);
	assert_string_equal(buf, "a");
	assert_int_equal(text_fit_marked("abcdefghij", 9, buf, 6), 3);
	assert_string_equal(buf, "ab\u2026");
}

/* Word wrap: whole words when they fit, a word longer than the line
 * cut where it must, the spaces at the cut skipped, wide characters
 * counted by their columns. */
static void
wrapping_by_words(void **state)
{
	size_t skip;

	(void)state;
	assert_int_equal(text_line_cut("call the family", 9, &skip), 8);
	assert_int_equal(skip, 9);                     /* "the" starts the next line */
	assert_int_equal(text_line_cut("call the family", 15, &skip), 15);
	assert_int_equal(skip, 15);
	assert_int_equal(text_line_cut("call   the", 4, &skip), 4);
	assert_int_equal(skip, 7);                     /* all three spaces skipped */
	assert_int_equal(text_line_cut("firefighters", 4, &skip), 4);
	assert_int_equal(skip, 4);                     /* no space: cut mid-word */
	assert_int_equal(text_line_cut("日本 語", 5, &skip), 6);
	assert_int_equal(skip, 7);                     /* 日本 is 4 columns, 6 bytes */
	assert_int_equal(text_line_cut("日本", 1, &skip), 3);
	assert_int_equal(skip, 3);                     /* wider than the line: one anyway */
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(escape_sequences_are_neutralised),
		cmocka_unit_test(invalid_utf8_is_shown_as_bytes),
		cmocka_unit_test(layout_flags),
		cmocka_unit_test(validity),
		cmocka_unit_test(widths_and_fitting),
		cmocka_unit_test(fitting_with_a_mark),
		cmocka_unit_test(wrapping_by_words),
	};

	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
