/*
 * test_notation.c: notation folding (NFKC, whitespace that touches
 * Japanese, collapsed ASCII spacing) and the notation-only verdict, with
 * the pairs that must and must not count as notation-only, bad UTF-8 and
 * out-of-memory.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "alloc.h"
#include "buf.h"
#include "error.h"
#include "notation.h"

static void assert_fold(const char *s, const char *want)
{
	sl_buf b = SL_BUF_INIT;
	assert_int_equal(sl_notation_fold(&b, s, strlen(s)), 0);
	assert_string_equal(sl_buf_cstr(&b), want);
	sl_buf_dispose(&b);
}

static bool notation_equal(const char *a, const char *b)
{
	bool eq = false;
	assert_int_equal(sl_notation_equal(&eq, a, strlen(a), b, strlen(b)), 0);
	return eq;
}

static void test_notation__kangxi_radical_is_notation_only(void **state)
{
	(void)state;
	/* U+2F64 KANGXI RADICAL USE against U+7528 */
	assert_fold("\xE2\xBD\xA4途", "用途");
	assert_true(notation_equal("\xE2\xBD\xA4途", "用途"));
	/* U+2F45 KANGXI RADICAL SQUARE (⽅) in "考え⽅" */
	assert_true(notation_equal("考え\xE2\xBD\x85", "考え方"));
}

static void test_notation__fullwidth_forms_are_notation_only(void **state)
{
	(void)state;
	assert_fold("ＶＰＮ接続", "VPN接続");
	assert_true(notation_equal("ＶＰＮ接続", "VPN 接続"));
	assert_true(notation_equal("24/365", "２４／３６５"));
	/* Half-width katakana (with its separate voiced mark). */
	assert_true(notation_equal("ｻｰﾋﾞｽ", "サービス"));
}

static void test_notation__whitespace_around_japanese_is_removed(void **state)
{
	(void)state;
	assert_fold("　ＶＰＮ　接続\n", "VPN接続");
	assert_fold("監視 は\n\t自動 です。", "監視は自動です。");
	assert_fold("ログ\r\nを保存", "ログを保存");
	assert_true(notation_equal("障害の\n通知", "障害の通知"));
	assert_true(notation_equal("A社 の 窓口", "A社の窓口"));
}

static void test_notation__ascii_spacing_is_collapsed_not_removed(void **state)
{
	(void)state;
	assert_fold("a \t\n b", "a b");
	assert_fold("  Windows   Server  ", "Windows Server");
	/* NBSP and U+3000 between ASCII words are one space too. */
	assert_fold("a\xC2\xA0\xE3\x80\x80"
		    "b",
		    "a b");
	assert_true(notation_equal("a\nb", "a b"));
	assert_true(notation_equal("TLS 1.2", "TLS\t1.2"));
}

static void test_notation__content_changes_are_not_notation_only(void **state)
{
	(void)state;
	assert_false(notation_equal("60分", "30分"));
	assert_false(notation_equal("ab", "a b"));
	assert_false(notation_equal("用途", "用途。"));
	assert_false(notation_equal("確認します", "確認しません"));
	/* NFKC does not fold case or kana type. */
	assert_false(notation_equal("VPN", "vpn"));
	assert_false(notation_equal("サービス", "さーびす"));
}

static void test_notation__empty_and_blank_fold_to_nothing(void **state)
{
	(void)state;
	assert_fold("", "");
	assert_fold(" \n\xE3\x80\x80\t", "");
	assert_true(notation_equal("", "\n \n"));
	assert_false(notation_equal("", "。"));
}

static void test_notation__fold_appends_to_the_buffer(void **state)
{
	sl_buf b = SL_BUF_INIT;
	(void)state;
	sl_buf_puts(&b, "前:");
	assert_int_equal(sl_notation_fold(&b, "ＡＢ Ｃ", strlen("ＡＢ Ｃ")), 0);
	assert_string_equal(sl_buf_cstr(&b), "前:AB C");
	sl_buf_dispose(&b);
}

static void test_notation__invalid_utf8_is_refused(void **state)
{
	sl_buf b = SL_BUF_INIT;
	bool eq = true;
	const char bad[] = "用\xE7\x94";
	(void)state;
	sl_buf_puts(&b, "keep");
	assert_int_equal(sl_notation_fold(&b, bad, sizeof(bad) - 1),
			 SL_EINVALID);
	assert_string_equal(sl_buf_cstr(&b), "keep");
	assert_string_equal(sl_error_last()->message,
			    "invalid UTF-8 at byte 3");
	assert_int_equal(sl_notation_equal(&eq, "用", strlen("用"), bad,
					   sizeof(bad) - 1),
			 SL_EINVALID);
	assert_false(eq);
	sl_buf_dispose(&b);
}

static void test_notation__out_of_memory_never_crashes_or_leaks(void **state)
{
	const char *a = "ＶＰＮ　接続は２４／３６５で\n監視します。";
	const char *b = "VPN接続は24/365で監視します。";
	long n, failures = 0;
	(void)state;
	for (n = 0; n < 100; n++) {
		bool eq = true;
		int rc;
		sl_alloc_fail_after(n);
		rc = sl_notation_equal(&eq, a, strlen(a), b, strlen(b));
		failures = sl_alloc_failures();
		sl_alloc_fail_after(-1);
		assert_true(rc == 0 || rc == SL_ENOMEM);
		if (rc == 0)
			assert_true(eq);
		else
			assert_false(eq);
		if (rc == 0 && failures == 0)
			break;
	}
	assert_true(n > 0);
	assert_true(n < 100);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
			test_notation__kangxi_radical_is_notation_only),
		cmocka_unit_test(
			test_notation__fullwidth_forms_are_notation_only),
		cmocka_unit_test(
			test_notation__whitespace_around_japanese_is_removed),
		cmocka_unit_test(
			test_notation__ascii_spacing_is_collapsed_not_removed),
		cmocka_unit_test(
			test_notation__content_changes_are_not_notation_only),
		cmocka_unit_test(
			test_notation__empty_and_blank_fold_to_nothing),
		cmocka_unit_test(test_notation__fold_appends_to_the_buffer),
		cmocka_unit_test(test_notation__invalid_utf8_is_refused),
		cmocka_unit_test(
			test_notation__out_of_memory_never_crashes_or_leaks),
	};
	return cmocka_run_group_tests_name("notation", tests, NULL, NULL);
}
