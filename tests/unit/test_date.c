/*
 * test_date.c: calendar arithmetic (leap years, month ends, negative
 * times), the span of an @date in the sheet's time zone, ISO 8601
 * formatting and time zone offsets.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "date.h"
#include "error.h"

static char *iso(int64_t t, int offset_min)
{
	sl_buf b = SL_BUF_INIT;
	sl_date_format_iso(&b, t, offset_min);
	assert_false(sl_buf_oom(&b));
	return sl_buf_detach(&b, NULL);
}

static void assert_iso(int64_t t, int offset_min, const char *want)
{
	char *got = iso(t, offset_min);
	assert_string_equal(got, want);
	free(got);
}

static void test_date__days_round_trip_over_four_centuries(void **state)
{
	int64_t day, y;
	unsigned m, d;
	(void)state;
	assert_int_equal(sl_date_days_from_civil(1970, 1, 1), 0);
	assert_int_equal(sl_date_days_from_civil(2000, 3, 1), 11017);
	assert_int_equal(sl_date_days_from_civil(1969, 12, 31), -1);
	for (day = -146097; day <= 146097; day += 37) {
		sl_date_civil_from_days(day, &y, &m, &d);
		assert_true(m >= 1 && m <= 12);
		assert_true(d >= 1 && d <= sl_date_days_in_month(y, m));
		assert_int_equal(sl_date_days_from_civil(y, m, d), day);
	}
}

static void test_date__leap_years_follow_the_gregorian_rule(void **state)
{
	(void)state;
	assert_int_equal(sl_date_days_in_month(2024, 2), 29);
	assert_int_equal(sl_date_days_in_month(2023, 2), 28);
	assert_int_equal(sl_date_days_in_month(1900, 2), 28);
	assert_int_equal(sl_date_days_in_month(2000, 2), 29);
	assert_int_equal(sl_date_days_in_month(2022, 9), 30);
	assert_int_equal(sl_date_days_in_month(2022, 12), 31);
}

static void test_date__parse_date_accepts_only_real_dates(void **state)
{
	int64_t y;
	unsigned m, d;
	(void)state;
	assert_int_equal(sl_date_parse_date(&y, &m, &d, "2024-02-29"), 0);
	assert_int_equal(y, 2024);
	assert_int_equal(m, 2);
	assert_int_equal(d, 29);
	assert_int_equal(sl_date_parse_date(&y, &m, &d, "2022-09"), 0);
	assert_int_equal(m, 9);
	assert_int_equal(d, 0); /* a month, no day */
	assert_int_equal(sl_date_parse_date(&y, &m, &d, "2023-02-29"), -1);
	assert_int_equal(sl_date_parse_date(&y, &m, &d, "2023-13"), -1);
	assert_int_equal(sl_date_parse_date(&y, &m, &d, "2023-00-10"), -1);
	assert_int_equal(sl_date_parse_date(&y, &m, &d, "2023-4-1"), -1);
	assert_int_equal(sl_date_parse_date(&y, &m, &d, "2023/04/01"), -1);
	assert_int_equal(sl_date_parse_date(&y, &m, &d, "2023-04-01x"), -1);
}

static void test_date__day_span_is_local_to_the_offset(void **state)
{
	int64_t start, end;
	(void)state;
	/* 2022-09-30 in +09:00 starts at 2022-09-29T15:00:00Z. */
	assert_int_equal(sl_date_parse_day(&start, &end, "2022-09-30", 540), 0);
	assert_int_equal(start, 1664463600);
	assert_int_equal(end, start + 86399);
	/* A month spans all its days: February of a leap year has 29. */
	assert_int_equal(sl_date_parse_day(&start, &end, "2024-02", 0), 0);
	assert_int_equal(end - start + 1, 29 * 86400);
	/* West of UTC the day starts later in UTC. */
	assert_int_equal(sl_date_parse_day(&start, &end, "1970-01-01", -300),
			 0);
	assert_int_equal(start, 5 * 3600);
}

static void test_date__bad_day_is_a_usage_error_quoting_it(void **state)
{
	int64_t start = 7, end = 7;
	(void)state;
	assert_int_equal(sl_date_parse_day(&start, &end, "2023-02-30", 540),
			 SL_EUSAGE);
	assert_non_null(strstr(sl_error_last()->message, "'2023-02-30'"));
	assert_int_equal(start, 7); /* outputs untouched on failure */
	sl_error_clear();
}

static void test_date__iso_format_applies_the_offset(void **state)
{
	(void)state;
	assert_iso(0, 0, "1970-01-01T00:00:00+00:00");
	assert_iso(1664463600, 540, "2022-09-30T00:00:00+09:00");
	assert_iso(1664463600, -330, "2022-09-29T09:30:00-05:30");
	/* Before the epoch the day still rounds down, not toward zero. */
	assert_iso(-1, 0, "1969-12-31T23:59:59+00:00");
	assert_iso(-86400 - 1, 60, "1969-12-31T00:59:59+01:00");
}

static void test_date__offsets_parse_and_refuse(void **state)
{
	int minutes = 0;
	(void)state;
	assert_int_equal(sl_date_parse_offset(&minutes, "+09:00"), 0);
	assert_int_equal(minutes, 540);
	assert_int_equal(sl_date_parse_offset(&minutes, "-05:30"), 0);
	assert_int_equal(minutes, -330);
	assert_int_equal(sl_date_parse_offset(&minutes, "+0900"), SL_EINVALID);
	assert_non_null(strstr(sl_error_last()->message, "'+0900'"));
	assert_int_equal(sl_date_parse_offset(&minutes, "+15:00"), SL_EINVALID);
	assert_int_equal(sl_date_parse_offset(&minutes, "09:00:"), SL_EINVALID);
	assert_int_equal(minutes, -330);
	sl_error_clear();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
			test_date__days_round_trip_over_four_centuries),
		cmocka_unit_test(
			test_date__leap_years_follow_the_gregorian_rule),
		cmocka_unit_test(test_date__parse_date_accepts_only_real_dates),
		cmocka_unit_test(test_date__day_span_is_local_to_the_offset),
		cmocka_unit_test(
			test_date__bad_day_is_a_usage_error_quoting_it),
		cmocka_unit_test(test_date__iso_format_applies_the_offset),
		cmocka_unit_test(test_date__offsets_parse_and_refuse),
	};
	return cmocka_run_group_tests_name("date", tests, NULL, NULL);
}
