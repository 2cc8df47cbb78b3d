/*
 * test_id.c: item id syntax and the natural order (digit runs compare as
 * numbers; ties between "1-02" and "1-2" are broken bytewise so the order
 * is total and sorting deterministic).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "id.h"

static bool valid(const char *id)
{
	return sl_id_is_valid(id, strlen(id));
}

static int sign(int c)
{
	return (c > 0) - (c < 0);
}

/* a < b, and the reverse comparison agrees. */
static void assert_before(const char *a, const char *b)
{
	if (sl_id_compare(a, b) >= 0)
		fail_msg("expected '%s' < '%s', got %d", a, b,
			 sl_id_compare(a, b));
	if (sl_id_compare(b, a) <= 0)
		fail_msg("expected '%s' > '%s', got %d", b, a,
			 sl_id_compare(b, a));
}

static void test_id__accepts_sheet_id_shapes(void **state)
{
	(void)state;
	assert_true(valid("1-1"));
	assert_true(valid("6-2-5"));
	assert_true(valid("T0806"));
	assert_true(valid("MSTG-STORAGE-1"));
	assert_true(valid("1.2.3"));
	assert_true(valid("7"));
	assert_true(valid("a"));
}

static void test_id__rejects_empty_and_dangling_separators(void **state)
{
	(void)state;
	assert_false(sl_id_is_valid("", 0));
	assert_false(valid("-1"));
	assert_false(valid("1-"));
	assert_false(valid("1--2"));
	assert_false(valid("1-.2"));
	assert_false(valid(".1"));
	assert_false(valid("1."));
}

static void test_id__rejects_path_and_space_characters(void **state)
{
	(void)state;
	assert_false(valid("../x"));
	assert_false(valid("a/b"));
	assert_false(valid("a\\b"));
	assert_false(valid("1 2"));
	assert_false(valid(" 1"));
	assert_false(valid("1\n"));
	assert_false(valid("1_2"));
	/* Non-ASCII digits and letters: 全角１ and é */
	assert_false(valid("\xEF\xBC\x91"));
	assert_false(valid("caf\xC3\xA9"));
}

static void test_id__length_is_explicit(void **state)
{
	(void)state;
	/* Only the first 3 bytes count: "1-2" is valid, "1-" is not. */
	assert_true(sl_id_is_valid("1-2/../x", 3));
	assert_false(sl_id_is_valid("1-2", 2));
	/* An embedded NUL is not an id character. */
	assert_false(sl_id_is_valid("1\0"
				    "2",
				    3));
}

static void test_id__length_limit_is_128_bytes(void **state)
{
	char id[130];
	(void)state;
	memset(id, 'a', sizeof(id));
	id[129] = '\0';
	assert_int_equal(strlen(id), 129);
	assert_false(sl_id_is_valid(id, 129));
	assert_true(sl_id_is_valid(id, 128));
}

static void test_id__digit_runs_compare_as_numbers(void **state)
{
	(void)state;
	assert_before("1-2", "1-10");
	assert_before("1-10", "2-1");
	assert_before("1-2", "2-1");
	assert_before("T9", "T10");
	assert_before("T0806", "T0900");
	assert_before("6-2-5", "6-10-1");
	assert_before("MSTG-STORAGE-2", "MSTG-STORAGE-12");
}

static void test_id__prefix_sorts_first(void **state)
{
	(void)state;
	assert_before("1", "1-1");
	assert_before("1-1", "1-1-1");
	assert_before("T", "T1");
}

static void test_id__equal_ids_compare_zero(void **state)
{
	(void)state;
	assert_int_equal(sl_id_compare("1-2", "1-2"), 0);
	assert_int_equal(sl_id_compare("T0806", "T0806"), 0);
	assert_int_equal(sl_id_compare("", ""), 0);
}

static void test_id__leading_zeros_break_ties_into_a_total_order(void **state)
{
	(void)state;
	/* Naturally equal, but never 0: the order stays total. */
	assert_int_not_equal(sl_id_compare("1-02", "1-2"), 0);
	assert_int_equal(sign(sl_id_compare("1-02", "1-2")),
			 -sign(sl_id_compare("1-2", "1-02")));
	/* Bytewise tie-break: '0' < '2'. */
	assert_before("1-02", "1-2");
	assert_before("T0806", "T806");
	/* Both stay between their numeric neighbours. */
	assert_before("1-1", "1-02");
	assert_before("1-2", "1-3");
	assert_before("1-02", "1-3");
	assert_before("1-01", "1-02");
}

static void test_id__compare_returns_minus_one_zero_or_one(void **state)
{
	(void)state;
	assert_int_equal(sl_id_compare("1-2", "1-10"), -1);
	assert_int_equal(sl_id_compare("1-10", "1-2"), 1);
	assert_int_equal(sl_id_compare("a", "z"), -1);
	assert_int_equal(sl_id_compare("1-02", "1-2"), -1);
}

static int cmp_ptr(const void *a, const void *b)
{
	return sl_id_compare(*(const char *const *)a, *(const char *const *)b);
}

static void test_id__qsort_of_shuffled_ids_gives_natural_order(void **state)
{
	static const char *const want[] = {
		"1",    "1-1",  "1-02",   "1-2",     "1-2-1",
		"1-3",  "1-10", "1-10-2", "1-10-10", "2-1",
		"10-1", "T9",   "T10",    "T0806",   "T806",
	};
	const char *ids[SL_ARRAY_SIZE(want)];
	size_t i, n = SL_ARRAY_SIZE(want);
	unsigned seed;
	(void)state;
	for (seed = 1; seed <= 20; seed++) {
		memcpy(ids, want, sizeof(ids));
		/* A deterministic Fisher-Yates shuffle per seed. */
		for (i = n - 1; i > 0; i--) {
			size_t j = (size_t)((seed * 2654435761u + i * 40503u) %
					    (i + 1));
			const char *t = ids[i];
			ids[i] = ids[j];
			ids[j] = t;
		}
		qsort(ids, n, sizeof(ids[0]), cmp_ptr);
		for (i = 0; i < n; i++)
			if (strcmp(ids[i], want[i]))
				fail_msg(
					"seed %u: position %zu is '%s', want '%s'",
					seed, i, ids[i], want[i]);
	}
}

static void test_id__order_is_transitive_over_a_sample(void **state)
{
	static const char *const ids[] = {
		"1",   "01",   "1-1", "1-01", "1-2",    "1-02", "1-10",
		"1.2", "1.10", "2",   "10",   "T9",     "T10",  "T09",
		"A",   "a",    "A1",  "A-1",  "MSTG-1",
	};
	size_t i, j, k, n = SL_ARRAY_SIZE(ids);
	(void)state;
	for (i = 0; i < n; i++) {
		assert_int_equal(sl_id_compare(ids[i], ids[i]), 0);
		for (j = 0; j < n; j++) {
			int ij = sign(sl_id_compare(ids[i], ids[j]));
			if (i != j && ij == 0)
				fail_msg("'%s' and '%s' compare equal", ids[i],
					 ids[j]);
			assert_int_equal(ij,
					 -sign(sl_id_compare(ids[j], ids[i])));
			for (k = 0; k < n; k++) {
				if (ij < 0 &&
				    sl_id_compare(ids[j], ids[k]) < 0 &&
				    sl_id_compare(ids[i], ids[k]) >= 0)
					fail_msg(
						"not transitive: '%s' < '%s' < '%s'",
						ids[i], ids[j], ids[k]);
			}
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_id__accepts_sheet_id_shapes),
		cmocka_unit_test(
			test_id__rejects_empty_and_dangling_separators),
		cmocka_unit_test(test_id__rejects_path_and_space_characters),
		cmocka_unit_test(test_id__length_is_explicit),
		cmocka_unit_test(test_id__length_limit_is_128_bytes),
		cmocka_unit_test(test_id__digit_runs_compare_as_numbers),
		cmocka_unit_test(test_id__prefix_sorts_first),
		cmocka_unit_test(test_id__equal_ids_compare_zero),
		cmocka_unit_test(
			test_id__leading_zeros_break_ties_into_a_total_order),
		cmocka_unit_test(
			test_id__compare_returns_minus_one_zero_or_one),
		cmocka_unit_test(
			test_id__qsort_of_shuffled_ids_gives_natural_order),
		cmocka_unit_test(test_id__order_is_transitive_over_a_sample),
	};
	return cmocka_run_group_tests_name("id", tests, NULL, NULL);
}
