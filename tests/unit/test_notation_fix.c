/*
 * test_notation_fix.c: the one-right-answer notation fixes of lint --fix:
 * compatibility ideographs become what NFKC gives, blanks at line ends go,
 * and everything else (full-width ASCII, spaces inside Japanese text,
 * other compatibility characters, line breaks) is kept as it is.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"
#include "error.h"
#include "notation_fix.h"

static char *fixed(bool *changed, const char *s)
{
	static char out[512];
	sl_buf b = SL_BUF_INIT;
	assert_int_equal(sl_notation_fix_text(&b, changed, s, strlen(s)), 0);
	assert_true(b.len < sizeof(out));
	memcpy(out, b.ptr ? b.ptr : "", b.len);
	out[b.len] = '\0';
	sl_buf_dispose(&b);
	return out;
}

static void test_notation_fix__compat_ideograph_becomes_nfkc(void **state)
{
	bool changed;
	(void)state;
	/* ⽤ U+2F64 (Kangxi radical) -> 用 U+7528; ⾏ U+2F8F -> 行. */
	assert_string_equal(fixed(&changed, "運⽤を⾏う"), "運用を行う");
	assert_true(changed);
	/* A CJK compatibility ideograph: U+FA42 -> 既 U+65E2. */
	assert_string_equal(fixed(&changed, "\xEF\xA9\x82"), "既");
	assert_true(changed);
}

static void test_notation_fix__trailing_blanks_go_inner_ones_stay(void **state)
{
	bool changed;
	(void)state;
	assert_string_equal(fixed(&changed, "一行目 \t\n二行目　\r\n三行目  "),
			    "一行目\n二行目\r\n三行目");
	assert_true(changed);
	/* A space inside Japanese text is the editor's call. */
	assert_string_equal(fixed(&changed, "VPN 接続 と\n次"),
			    "VPN 接続 と\n次");
	assert_false(changed);
}

static void test_notation_fix__other_findings_are_left_alone(void **state)
{
	bool changed;
	(void)state;
	/* Full-width ASCII, circled digits, half-width kana, ㈱. */
	assert_string_equal(fixed(&changed, "（ＶＰＮ）①ｶﾅ㈱"),
			    "（ＶＰＮ）①ｶﾅ㈱");
	assert_false(changed);
}

static void test_notation_fix__invalid_utf8_is_refused(void **state)
{
	sl_buf b = SL_BUF_INIT;
	bool changed;
	(void)state;
	assert_int_equal(sl_notation_fix_text(&b, &changed, "a\xff", 2),
			 SL_EINVALID);
	assert_int_equal(b.len, 0);
	sl_buf_dispose(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
			test_notation_fix__compat_ideograph_becomes_nfkc),
		cmocka_unit_test(
			test_notation_fix__trailing_blanks_go_inner_ones_stay),
		cmocka_unit_test(
			test_notation_fix__other_findings_are_left_alone),
		cmocka_unit_test(test_notation_fix__invalid_utf8_is_refused),
	};
	return cmocka_run_group_tests_name("notation_fix", tests, NULL, NULL);
}
