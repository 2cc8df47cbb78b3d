/*
 * test_repo_edition.c: edition names: YYYY-MM or YYYY-MM-DD naming a real
 * month and day (publish and revision parsing rely on it).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "repo_edition.h"

static void test_repo_edition__names_are_real_dates(void **state)
{
	static const char *const good[] = {"2022-09",    "2023-12",
					   "2024-02-29", "2000-02-29",
					   "2023-04-30", "1999-01-31"};
	static const char *const bad[] = {
		"2023-13",    "2023-00",    "2023-4",      "23-04",
		"2023/04",    "2023-04-31", "2023-02-29",  "1900-02-29",
		"2023-04-00", "2023-04-1",  "２０２３-04", "2023-04 ",
		"",           "2023-04-30x"};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		assert_true(sl_edition_name_is_valid(good[i]));
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (sl_edition_name_is_valid(bad[i]))
			fail_msg("accepted '%s'", bad[i]);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_repo_edition__names_are_real_dates),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
