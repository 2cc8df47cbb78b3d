/*
 * test_error.c: the last-error record: locations are added only where
 * empty, sl_error_wrap rewords a message without losing its code or its
 * locations, and out of memory is never reworded.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>

#include "error.h"

static void describe(char *out, size_t size)
{
	sl_error_describe(out, size, sl_error_last());
}

static void test_error__context_fills_only_empty_fields(void **state)
{
	char line[SL_ERROR_DESCRIBE_MAX];
	(void)state;
	sl_error_set(SL_EINVALID, "missing field \"%s\"", "answer");
	sl_error_add_path("checklist/items/1-1.json");
	sl_error_add_path("elsewhere.json");
	sl_error_add_loc(3, 5);
	sl_error_add_item("1-1");
	sl_error_add_rev("2022-09");
	assert_string_equal(sl_error_last()->path, "checklist/items/1-1.json");
	describe(line, sizeof(line));
	assert_non_null(strstr(line, "missing field \"answer\""));
	assert_non_null(strstr(line, "checklist/items/1-1.json:3:5"));
	assert_non_null(strstr(line, "1-1"));
	assert_non_null(strstr(line, "2022-09"));
	sl_error_clear();
	assert_int_equal(sl_error_last()->code, 0);
	assert_string_equal(sl_error_last()->path, "");
}

static void test_error__wrap_keeps_code_and_locations(void **state)
{
	(void)state;
	sl_error_set(SL_EIO, "cannot write '%s'", "sheet.json");
	sl_error_add_path("checklist/sheet.json");
	sl_error_add_loc(7, 2);
	sl_error_add_item("3-2");
	assert_int_equal(sl_error_wrap("%s (nothing was changed)",
				       sl_error_last()->message),
			 SL_EIO);
	assert_string_equal(sl_error_last()->message,
			    "cannot write 'sheet.json' (nothing was changed)");
	assert_int_equal(sl_error_last()->code, SL_EIO);
	assert_string_equal(sl_error_last()->path, "checklist/sheet.json");
	assert_int_equal(sl_error_last()->line, 7);
	assert_int_equal(sl_error_last()->col, 2);
	assert_string_equal(sl_error_last()->item_id, "3-2");
	/* Context before the message works too. */
	sl_error_wrap("publish failed: %s", sl_error_last()->message);
	assert_string_equal(
		sl_error_last()->message,
		"publish failed: cannot write 'sheet.json' (nothing was changed)");
	sl_error_clear();
}

static void test_error__wrap_leaves_out_of_memory_alone(void **state)
{
	(void)state;
	sl_error_oom();
	assert_int_equal(sl_error_wrap("%s while reading %s",
				       sl_error_last()->message, "x"),
			 SL_ENOMEM);
	assert_string_equal(sl_error_last()->message, "out of memory");
	sl_error_clear();
}

static void test_error__set_clears_old_locations(void **state)
{
	(void)state;
	sl_error_set(SL_EINVALID, "first");
	sl_error_add_path("a.json");
	sl_error_add_loc(1, 1);
	sl_error_set(SL_ENOTFOUND, "second");
	assert_string_equal(sl_error_last()->path, "");
	assert_int_equal(sl_error_last()->line, 0);
	assert_string_equal(sl_error_last()->message, "second");
	sl_error_clear();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_error__context_fills_only_empty_fields),
		cmocka_unit_test(test_error__wrap_keeps_code_and_locations),
		cmocka_unit_test(test_error__wrap_leaves_out_of_memory_alone),
		cmocka_unit_test(test_error__set_clears_old_locations),
	};
	return cmocka_run_group_tests_name("error", tests, NULL, NULL);
}
