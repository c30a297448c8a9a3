/* policy_cache.c - the shipped policies packed and unpacked (the policy
 * cache's format, src/policy/cache.c): packing the unpacked set gives
 * the same bytes, and so does every policy the set holds, field by
 * field as `policy show` and the drills read them; bytes cut short,
 * padded, of another format or with any byte changed are refused or
 * give a set that packs to exactly those bytes - never a crash (run
 * under ASan and valgrind by make check and make valgrind). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "cslog/policy_cache.h"
#include "cslog/policy_load.h"

static struct policy_set set;
static char *packed;
static size_t packed_len;

static int
setup(void **state)
{
	struct policy_where w = { .dir = "policies" };
	struct policy_diags d = { 0 };

	(void)state;
	if (policy_set_load(&set, &w, &d) != 0 || set.n < 4)
		return -1;
	policy_diags_free(&d);
	return policy_set_pack(&set, &packed, &packed_len);
}

static int
teardown(void **state)
{
	(void)state;
	policy_set_free(&set);
	free(packed);
	return 0;
}

static void
round_trip(void **state)
{
	struct policy_set back;
	char *again;
	size_t len, i;

	(void)state;
	assert_int_equal(policy_set_unpack(packed, packed_len, &back), 0);
	assert_int_equal(back.n, set.n);
	for (i = 0; i < set.n; i++) {
		assert_string_equal(back.items[i]->id, set.items[i]->id);
		assert_string_equal(back.items[i]->file, set.items[i]->file);
		assert_int_equal(back.items[i]->n_questions, set.items[i]->n_questions);
		assert_int_equal(back.items[i]->n_quiz, set.items[i]->n_quiz);
		assert_int_equal(back.items[i]->n_scenarios, set.items[i]->n_scenarios);
		assert_memory_equal(back.items[i]->privacy_fields, set.items[i]->privacy_fields,
		                    sizeof set.items[i]->privacy_fields);
	}
	assert_int_equal(policy_set_pack(&back, &again, &len), 0);
	assert_int_equal(len, packed_len);
	assert_memory_equal(again, packed, len);
	free(again);
	policy_set_free(&back);
}

static void
cut_short_or_padded(void **state)
{
	struct policy_set back;
	char *more;
	size_t n;

	(void)state;
	for (n = 0; n < packed_len; n += n < 4096 ? 1 : 97) {
		assert_int_equal(policy_set_unpack(packed, n, &back), -1);
		assert_int_equal(back.n, 0);
	}
	more = malloc(packed_len + 1);
	assert_non_null(more);
	memcpy(more, packed, packed_len);
	more[packed_len] = 0;
	assert_int_equal(policy_set_unpack(more, packed_len + 1, &back), -1);
	more[0] ^= 1;   /* another format */
	assert_int_equal(policy_set_unpack(more, packed_len, &back), -1);
	free(more);
}

static void
bytes_changed(void **state)
{
	unsigned long long seed = 16;
	struct policy_set back;
	char *bad, *again;
	size_t i, at, len;

	(void)state;
	bad = malloc(packed_len);
	assert_non_null(bad);
	for (i = 0; i < 3000; i++) {
		memcpy(bad, packed, packed_len);
		seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
		at = (size_t)(seed >> 33) % packed_len;
		bad[at] = (char)(bad[at] ^ (1 << ((seed >> 20) % 8)));
		if (policy_set_unpack(bad, packed_len, &back) != 0) {
			assert_int_equal(back.n, 0);
			continue;
		}
		/* taken (a changed letter, say): it is exactly those bytes */
		assert_int_equal(policy_set_pack(&back, &again, &len), 0);
		assert_int_equal(len, packed_len);
		assert_memory_equal(again, bad, len);
		free(again);
		policy_set_free(&back);
	}
	free(bad);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(round_trip),
		cmocka_unit_test(cut_short_or_padded),
		cmocka_unit_test(bytes_changed),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
