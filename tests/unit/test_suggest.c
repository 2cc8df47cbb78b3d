/*
 * test_suggest.c: "did you mean" for item ids: the closest ids by edit
 * distance, a short id allowed one edit, ties broken by the longer
 * common start and then natural order, duplicates once, nothing when
 * nothing is close.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "buf.h"
#include "suggest.h"

static void check(const char *id, const char *const *cands, size_t n,
		  const char *want)
{
	sl_buf out = SL_BUF_INIT;
	sl_suggest_ids(&out, id, cands, n);
	assert_string_equal(sl_buf_cstr(&out), want);
	sl_buf_dispose(&out);
}

static const char *const sheet[] = {"1-1",  "1-6",  "1-11", "1-60",
				    "1-61", "1-62", "2-1",  "6-11"};
#define N (sizeof(sheet) / sizeof(sheet[0]))

static void
test_suggest__extra_digit_finds_the_id_and_its_neighbours(void **state)
{
	(void)state;
	/* 1-611: one edit from 1-61 and from 1-11; two from 1-6, 1-60, 1-62
	 * and 6-11, of which 1-6 shares the longest start and sorts first. */
	check("1-611", sheet, N, "1-61, 1-11, 1-6");
}

static void test_suggest__short_id_gets_one_edit(void **state)
{
	(void)state;
	check("9-9", sheet, N, "");
	check("1-7", sheet, N, "1-1, 1-6");
}

static void
test_suggest__exact_and_duplicate_ids_are_not_suggested(void **state)
{
	static const char *const dup[] = {"3-2", "3-2", "3-22", "3-22"};
	(void)state;
	check("3-22", dup, 4, "3-2");
	check("3-2x", dup, 4, "3-2, 3-22");
}

static void test_suggest__at_most_three(void **state)
{
	static const char *const many[] = {"A-1", "A-2", "A-3", "A-4", "A-5"};
	(void)state;
	check("A-9", many, 5, "A-1, A-2, A-3");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
			test_suggest__extra_digit_finds_the_id_and_its_neighbours),
		cmocka_unit_test(test_suggest__short_id_gets_one_edit),
		cmocka_unit_test(
			test_suggest__exact_and_duplicate_ids_are_not_suggested),
		cmocka_unit_test(test_suggest__at_most_three),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
