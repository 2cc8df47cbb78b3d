/*
 * test_utf8.c: the Unicode layer: validation with the offending offset,
 * grapheme boundaries (combining marks, ZWJ emoji, flags, variation
 * selectors), NFKC, compatibility classes, display columns, line:col.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "alloc.h"
#include "buf.h"
#include "error.h"
#include "utf8.h"

/* か + U+3099 COMBINING KATAKANA-HIRAGANA VOICED SOUND MARK */
#define KA_DAKUTEN "\xE3\x81\x8B\xE3\x82\x99"
/* 👨‍👩‍👧: MAN ZWJ WOMAN ZWJ GIRL (4 + 3 + 4 + 3 + 4 bytes) */
#define FAMILY \
	"\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7"
/* Regional indicators J, P, U, S (4 bytes each) */
#define RI_J "\xF0\x9F\x87\xAF"
#define RI_P "\xF0\x9F\x87\xB5"
#define RI_U "\xF0\x9F\x87\xBA"
#define RI_S "\xF0\x9F\x87\xB8"

/* Grapheme boundaries of s (a literal) as an array; asserts success. */
static size_t graphemes(size_t **bounds, const char *s, size_t len)
{
	size_t count = 99;
	assert_int_equal(sl_utf8_graphemes(bounds, &count, s, len), 0);
	assert_non_null(*bounds);
	return count;
}

static void assert_bounds(const char *s, size_t len, const size_t *want,
			  size_t want_count)
{
	size_t *b = NULL, n, i;
	n = graphemes(&b, s, len);
	assert_int_equal(n, want_count);
	for (i = 0; i <= n; i++)
		assert_int_equal(b[i], want[i]);
	sl_free(b);
}

/* --- validation --- */

static void test_utf8__valid_text_has_no_bad_offset(void **state)
{
	const char s[] = "abc \xE6\x97\xA5\xE6\x9C\xAC " FAMILY;
	size_t bad = 12345;
	(void)state;
	assert_true(sl_utf8_valid(s, sizeof(s) - 1, &bad));
	assert_int_equal(bad, 12345);
	/* Lengths are explicit: an embedded NUL is just a code point. */
	assert_true(sl_utf8_valid("a\0b", 3, NULL));
}

static void test_utf8__empty_string_is_valid(void **state)
{
	(void)state;
	assert_true(sl_utf8_valid("", 0, NULL));
	assert_int_equal(sl_utf8_cps("", 0), 0);
	assert_int_equal(sl_utf8_cols("", 0), 0);
}

static void test_utf8__lone_continuation_byte_reports_its_offset(void **state)
{
	size_t bad = 0;
	(void)state;
	assert_false(sl_utf8_valid("ab\x80"
				   "cd",
				   5, &bad));
	assert_int_equal(bad, 2);
}

static void test_utf8__truncated_sequence_reports_its_start(void **state)
{
	size_t bad = 0;
	(void)state;
	/* 日 is E6 97 A5: cut after two bytes, after a valid か. */
	assert_false(sl_utf8_valid("\xE3\x81\x8B\xE6\x97", 5, &bad));
	assert_int_equal(bad, 3);
	/* Truncated by the length although the bytes continue. */
	assert_false(sl_utf8_valid("x\xE6\x97\xA5", 3, &bad));
	assert_int_equal(bad, 1);
}

static void
test_utf8__overlong_surrogate_and_out_of_range_are_invalid(void **state)
{
	size_t bad = 0;
	(void)state;
	assert_false(sl_utf8_valid("ok\xC0\xAF", 4, &bad)); /* overlong '/' */
	assert_int_equal(bad, 2);
	assert_false(
		sl_utf8_valid("\xE0\x80\xAF", 3, &bad)); /* overlong, 3 bytes */
	assert_int_equal(bad, 0);
	assert_false(sl_utf8_valid("xyz\xED\xA0\x80", 6, &bad)); /* U+D800 */
	assert_int_equal(bad, 3);
	assert_false(
		sl_utf8_valid("\xF4\x90\x80\x80", 4, &bad)); /* > U+10FFFF */
	assert_int_equal(bad, 0);
	assert_false(sl_utf8_valid("a\xFF", 2, &bad));
	assert_int_equal(bad, 1);
}

static void test_utf8__next_decodes_and_stops_at_invalid(void **state)
{
	const char s[] = "A\xE7\x94\xA8\xF0\x9F\x98\x80\x80";
	size_t pos = 0;
	int32_t cp = 0;
	(void)state;
	assert_true(sl_utf8_next(s, sizeof(s) - 1, &pos, &cp));
	assert_int_equal(cp, 'A');
	assert_int_equal(pos, 1);
	assert_true(sl_utf8_next(s, sizeof(s) - 1, &pos, &cp));
	assert_int_equal(cp, 0x7528);
	assert_int_equal(pos, 4);
	assert_true(sl_utf8_next(s, sizeof(s) - 1, &pos, &cp));
	assert_int_equal(cp, 0x1F600);
	assert_int_equal(pos, 8);
	/* The stray continuation byte: pos stays put. */
	assert_false(sl_utf8_next(s, sizeof(s) - 1, &pos, &cp));
	assert_int_equal(pos, 8);
	pos = sizeof(s) - 1;
	assert_false(sl_utf8_next(s, sizeof(s) - 1, &pos, &cp));
	assert_int_equal(pos, sizeof(s) - 1);
}

static void test_utf8__put_encodes_one_to_four_bytes(void **state)
{
	sl_buf b = SL_BUF_INIT;
	(void)state;
	sl_utf8_put(&b, 'A');
	sl_utf8_put(&b, 0xE9);
	sl_utf8_put(&b, 0x7528);
	sl_utf8_put(&b, 0x1F600);
	assert_int_equal(b.len, 1 + 2 + 3 + 4);
	assert_memory_equal(b.ptr, "A\xC3\xA9\xE7\x94\xA8\xF0\x9F\x98\x80", 10);
	sl_buf_dispose(&b);
}

/* --- grapheme clusters --- */

static void test_utf8__empty_string_has_no_grapheme(void **state)
{
	size_t *b = NULL;
	(void)state;
	assert_int_equal(graphemes(&b, "", 0), 0);
	assert_int_equal(b[0], 0);
	sl_free(b);
}

static void test_utf8__ascii_is_one_grapheme_per_byte(void **state)
{
	static const size_t want[] = {0, 1, 2, 3};
	(void)state;
	assert_bounds("abc", 3, want, 3);
}

static void test_utf8__combining_dakuten_stays_with_its_kana(void **state)
{
	/* a | か+゛ | b */
	static const size_t want[] = {0, 1, 7, 8};
	(void)state;
	assert_bounds("a" KA_DAKUTEN "b", 8, want, 3);
	assert_int_equal(sl_utf8_cps("a" KA_DAKUTEN "b", 8), 4);
}

static void test_utf8__zwj_emoji_is_one_grapheme(void **state)
{
	static const size_t want[] = {0, 18, 19};
	static const size_t alone[] = {0, 18};
	(void)state;
	assert_int_equal(sizeof(FAMILY) - 1, 18);
	assert_bounds(FAMILY "x", 19, want, 2);
	assert_bounds(FAMILY, 18, alone, 1);
}

static void test_utf8__flag_pairs_are_one_grapheme_each(void **state)
{
	/* 🇯🇵🇺🇸 is two flags, never JP-U-S or one cluster. */
	static const size_t two[] = {0, 8, 16};
	/* An odd indicator stands alone after the pair. */
	static const size_t odd[] = {0, 8, 12};
	/* A letter between resets the pairing. */
	static const size_t reset[] = {0, 4, 5, 13};
	(void)state;
	assert_bounds(RI_J RI_P RI_U RI_S, 16, two, 2);
	assert_bounds(RI_J RI_P RI_U, 12, odd, 2);
	assert_bounds(RI_J "x" RI_U RI_S, 13, reset, 3);
}

static void test_utf8__variation_selector_joins_its_base(void **state)
{
	/* ❤ + VS16 (3 + 3), 葛 + IVS U+E0100 (3 + 4), then 'z' */
	static const size_t want[] = {0, 6, 13, 14};
	(void)state;
	assert_bounds("\xE2\x9D\xA4\xEF\xB8\x8F"
		      "\xE8\x91\x9B\xF3\xA0\x84\x80"
		      "z",
		      14, want, 3);
}

static void test_utf8__crlf_is_one_grapheme(void **state)
{
	static const size_t want[] = {0, 1, 3, 4};
	(void)state;
	assert_bounds("a\r\nb", 4, want, 3);
}

static void test_utf8__graphemes_of_invalid_text_fail_with_offset(void **state)
{
	static size_t sentinel;
	size_t *b = &sentinel, n = 7;
	(void)state;
	sl_error_clear();
	assert_int_equal(sl_utf8_graphemes(&b, &n, "ab\xC3", 3), SL_EINVALID);
	assert_null(b);
	assert_int_equal(n, 0);
	assert_int_equal(sl_error_last()->code, SL_EINVALID);
	assert_non_null(strstr(sl_error_last()->message, "byte 2"));
}

static void test_utf8__graphemes_out_of_memory_is_reported(void **state)
{
	static size_t sentinel;
	size_t *b = &sentinel, n = 7;
	int rc;
	(void)state;
	sl_alloc_fail_after(0);
	rc = sl_utf8_graphemes(&b, &n, "abc", 3);
	sl_alloc_fail_after(-1);
	assert_int_equal(rc, SL_ENOMEM);
	assert_null(b);
	assert_int_equal(n, 0);
}

/* --- NFKC --- */

static void test_utf8__nfkc_maps_kangxi_radical_to_ideograph(void **state)
{
	sl_buf b = SL_BUF_INIT;
	(void)state;
	/* ⽤ U+2F64 (E2 BD A4) -> 用 U+7528 (E7 94 A8) */
	assert_int_equal(sl_utf8_nfkc(&b, "\xE2\xBD\xA4", 3), 0);
	assert_int_equal(b.len, 3);
	assert_memory_equal(b.ptr, "\xE7\x94\xA8", 3);
	sl_buf_dispose(&b);
}

static void test_utf8__nfkc_maps_fullwidth_ascii(void **state)
{
	sl_buf b = SL_BUF_INIT;
	(void)state;
	/* ＡＢＣ１ */
	assert_int_equal(
		sl_utf8_nfkc(&b,
			     "\xEF\xBC\xA1\xEF\xBC\xA2\xEF\xBC\xA3\xEF\xBC\x91",
			     12),
		0);
	assert_int_equal(b.len, 4);
	assert_string_equal(sl_buf_cstr(&b), "ABC1");
	sl_buf_dispose(&b);
}

static void test_utf8__nfkc_composes_dakuten_and_appends(void **state)
{
	sl_buf b = SL_BUF_INIT;
	(void)state;
	sl_buf_puts(&b, "pre:");
	/* か + U+3099 -> が U+304C (E3 81 8C) */
	assert_int_equal(sl_utf8_nfkc(&b, KA_DAKUTEN, 6), 0);
	assert_int_equal(b.len, 4 + 3);
	assert_memory_equal(b.ptr, "pre:\xE3\x81\x8C", 7);
	/* Empty input appends nothing. */
	assert_int_equal(sl_utf8_nfkc(&b, "", 0), 0);
	assert_int_equal(b.len, 7);
	sl_buf_dispose(&b);
}

static void
test_utf8__nfkc_of_invalid_text_fails_and_appends_nothing(void **state)
{
	sl_buf b = SL_BUF_INIT;
	(void)state;
	sl_buf_puts(&b, "keep");
	assert_int_equal(sl_utf8_nfkc(&b, "a\xFF", 2), SL_EINVALID);
	assert_string_equal(sl_buf_cstr(&b), "keep");
	assert_int_equal(sl_error_last()->code, SL_EINVALID);
	sl_buf_dispose(&b);
}

/* sl_utf8_nfkc of in equals utf8proc's NFKC of it, byte for byte. */
static void assert_nfkc_as_utf8proc(const sl_buf *in, int32_t cp)
{
	sl_buf got = SL_BUF_INIT;
	utf8proc_uint8_t *want = NULL;
	utf8proc_ssize_t n = utf8proc_map(
		(const utf8proc_uint8_t *)in->ptr, (utf8proc_ssize_t)in->len,
		&want, UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT);
	assert_true(n >= 0);
	assert_int_equal(sl_utf8_nfkc(&got, in->ptr, in->len), 0);
	if (got.len != (size_t)n || memcmp(got.ptr, want, got.len))
		fail_msg("NFKC differs for U+%04X in \"%s\"", (unsigned)cp,
			 sl_buf_cstr(in));
	free(want);
	sl_buf_dispose(&got);
}

/*
 * sl_utf8_nfkc copies text that NFKC keeps without calling utf8proc. Every
 * BMP code point must come out as utf8proc's NFKC gives it, fast path or
 * not: alone, last after kana it could compose with, and first and last
 * around kana and ASCII.
 */
static void test_utf8__nfkc_copy_path_agrees_with_utf8proc(void **state)
{
	int32_t cp;
	(void)state;
	for (cp = 0x01; cp <= 0xFFFF; cp++) {
		sl_buf alone = SL_BUF_INIT, last = SL_BUF_INIT,
		       around = SL_BUF_INIT;
		if (cp >= 0xD800 && cp <= 0xDFFF)
			continue;
		sl_utf8_put(&alone, cp);
		sl_buf_puts(&last, "\xE3\x81\x8B"); /* か */
		sl_utf8_put(&last, cp);
		sl_utf8_put(&around, cp);
		sl_buf_puts(&around, "\xE3\x81\x8B"
				     "a");
		sl_utf8_put(&around, cp);
		assert_nfkc_as_utf8proc(&alone, cp);
		assert_nfkc_as_utf8proc(&last, cp);
		assert_nfkc_as_utf8proc(&around, cp);
		sl_buf_dispose(&alone);
		sl_buf_dispose(&last);
		sl_buf_dispose(&around);
	}
}

/* --- character classes --- */

static void test_utf8__compat_is_true_for_radical_and_fullwidth(void **state)
{
	(void)state;
	assert_true(sl_utf8_is_compat(0x2F64)); /* ⽤ KANGXI RADICAL USE */
	assert_true(sl_utf8_is_compat(0xFF21)); /* Ａ */
	assert_true(sl_utf8_is_compat(0xFF71)); /* ｱ half-width katakana */
	assert_true(sl_utf8_is_compat(0x2460)); /* ① */
}

static void
test_utf8__compat_is_false_for_kanji_kana_and_precomposed(void **state)
{
	(void)state;
	assert_false(sl_utf8_is_compat(0x7528)); /* 用 */
	assert_false(sl_utf8_is_compat(0x65E5)); /* 日 */
	assert_false(sl_utf8_is_compat(0x3042)); /* あ */
	assert_false(sl_utf8_is_compat(0x30AB)); /* カ */
	/* が: canonical-only decomposition, NFKC recomposes it. */
	assert_false(sl_utf8_is_compat(0x304C));
	assert_false(sl_utf8_is_compat(0xAC00)); /* 가: Hangul recomposes */
	assert_false(sl_utf8_is_compat('A'));
}

static void test_utf8__compat_ideograph_singletons_are_compat(void **state)
{
	(void)state;
	/* CJK compatibility ideographs have canonical singleton mappings that
	 * NFKC applies and never undoes: 豈 U+F900 -> U+8C48, 神 U+FA19 ->
	 * U+795E, U+2F800 -> U+4E3D. */
	assert_true(sl_utf8_is_compat(0xF900));
	assert_true(sl_utf8_is_compat(0xFA19));
	assert_true(sl_utf8_is_compat(0x2F800));
	assert_true(sl_utf8_is_compat_ideograph(0xF900));
	assert_true(sl_utf8_is_compat_ideograph(0x2F800));
	/* 﨎 U+FA0E is a unified ideograph inside that block: no mapping. */
	assert_false(sl_utf8_is_compat(0xFA0E));
	assert_false(sl_utf8_is_compat_ideograph(0xFA0E));
}

static void test_utf8__compat_ideograph_is_only_ideographs(void **state)
{
	(void)state;
	assert_true(sl_utf8_is_compat_ideograph(0x2F64)); /* Kangxi radical */
	assert_true(sl_utf8_is_compat_ideograph(
		0x2E9F)); /* ⺟ radical supplement */
	assert_false(sl_utf8_is_compat_ideograph(
		0xFF21)); /* compat, not ideograph */
	assert_false(sl_utf8_is_compat_ideograph(0x7528)); /* plain kanji */
}

static void test_utf8__fullwidth_ascii_range(void **state)
{
	(void)state;
	assert_true(sl_utf8_is_fullwidth_ascii(0xFF01));
	assert_true(sl_utf8_is_fullwidth_ascii(0xFF21));
	assert_true(sl_utf8_is_fullwidth_ascii(0xFF5E));
	assert_false(sl_utf8_is_fullwidth_ascii(0xFF00));
	assert_false(sl_utf8_is_fullwidth_ascii(0xFF5F));
	assert_false(sl_utf8_is_fullwidth_ascii('A'));
}

static void test_utf8__japanese_and_space_classes(void **state)
{
	(void)state;
	assert_true(sl_utf8_is_japanese(0x3042)); /* あ */
	assert_true(sl_utf8_is_japanese(0x30AB)); /* カ */
	assert_true(sl_utf8_is_japanese(0x7528)); /* 用 */
	assert_true(sl_utf8_is_japanese(0x3002)); /* 。 */
	assert_false(sl_utf8_is_japanese('a'));
	assert_false(sl_utf8_is_japanese(0xE9));
	assert_true(sl_utf8_is_space(' '));
	assert_true(sl_utf8_is_space('\t'));
	assert_true(sl_utf8_is_space(0x3000)); /* ideographic space */
	assert_true(sl_utf8_is_space(0xA0));
	assert_false(sl_utf8_is_space('\n'));
	assert_false(sl_utf8_is_space('\r'));
	assert_false(sl_utf8_is_space('x'));
}

/* --- columns and positions --- */

static void test_utf8__cols_counts_wide_chars_as_two(void **state)
{
	(void)state;
	assert_int_equal(sl_utf8_cols("abc", 3), 3);
	/* 日本語 */
	assert_int_equal(
		sl_utf8_cols("\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E", 9), 6);
	/* Ａ full-width = 2, ｱ half-width = 1 */
	assert_int_equal(sl_utf8_cols("\xEF\xBC\xA1", 3), 2);
	assert_int_equal(sl_utf8_cols("\xEF\xBD\xB1", 3), 1);
	/* a + 日: 3 */
	assert_int_equal(sl_utf8_cols("a\xE6\x97\xA5", 4), 3);
}

static void test_utf8__cols_gives_combining_mark_no_width(void **state)
{
	(void)state;
	assert_int_equal(sl_utf8_cols(KA_DAKUTEN, 6), 2);
	assert_int_equal(sl_utf8_cps(KA_DAKUTEN, 6), 2);
}

static void test_utf8__cps_counts_code_points_not_bytes(void **state)
{
	(void)state;
	assert_int_equal(sl_utf8_cps("abc", 3), 3);
	assert_int_equal(sl_utf8_cps("\xE6\x97\xA5\xE6\x9C\xAC", 6), 2);
	assert_int_equal(sl_utf8_cps(FAMILY, 18), 5);
	/* An invalid byte counts as one, so offsets stay monotonic. */
	assert_int_equal(sl_utf8_cps("a\xFF"
				     "b",
				     3),
			 3);
}

static void test_utf8__line_col_is_one_based_in_code_points(void **state)
{
	/* "ab\nかきく\nx": か at 3, き at 6, く at 9, '\n' at 12, x at 13 */
	const char s[] = "ab\n\xE3\x81\x8B\xE3\x81\x8D\xE3\x81\x8F\nx";
	size_t len = sizeof(s) - 1;
	int line = 0, col = 0;
	(void)state;
	assert_int_equal(len, 14);
	sl_utf8_line_col(s, len, 0, &line, &col);
	assert_int_equal(line, 1);
	assert_int_equal(col, 1);
	sl_utf8_line_col(s, len, 1, &line, &col);
	assert_int_equal(line, 1);
	assert_int_equal(col, 2);
	sl_utf8_line_col(s, len, 3, &line, &col);
	assert_int_equal(line, 2);
	assert_int_equal(col, 1);
	sl_utf8_line_col(s, len, 6, &line, &col); /* き: column 2, not 4 */
	assert_int_equal(line, 2);
	assert_int_equal(col, 2);
	sl_utf8_line_col(s, len, 12, &line, &col);
	assert_int_equal(line, 2);
	assert_int_equal(col, 4);
	sl_utf8_line_col(s, len, 13, &line, &col);
	assert_int_equal(line, 3);
	assert_int_equal(col, 1);
}

static void test_utf8__line_col_clamps_offset_past_end(void **state)
{
	int line = 0, col = 0;
	(void)state;
	sl_utf8_line_col("ab\nc", 4, 99, &line, &col);
	assert_int_equal(line, 2);
	assert_int_equal(col, 2);
	sl_utf8_line_col("", 0, 0, &line, &col);
	assert_int_equal(line, 1);
	assert_int_equal(col, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_utf8__valid_text_has_no_bad_offset),
		cmocka_unit_test(test_utf8__empty_string_is_valid),
		cmocka_unit_test(
			test_utf8__lone_continuation_byte_reports_its_offset),
		cmocka_unit_test(
			test_utf8__truncated_sequence_reports_its_start),
		cmocka_unit_test(
			test_utf8__overlong_surrogate_and_out_of_range_are_invalid),
		cmocka_unit_test(test_utf8__next_decodes_and_stops_at_invalid),
		cmocka_unit_test(test_utf8__put_encodes_one_to_four_bytes),
		cmocka_unit_test(test_utf8__empty_string_has_no_grapheme),
		cmocka_unit_test(test_utf8__ascii_is_one_grapheme_per_byte),
		cmocka_unit_test(
			test_utf8__combining_dakuten_stays_with_its_kana),
		cmocka_unit_test(test_utf8__zwj_emoji_is_one_grapheme),
		cmocka_unit_test(test_utf8__flag_pairs_are_one_grapheme_each),
		cmocka_unit_test(test_utf8__variation_selector_joins_its_base),
		cmocka_unit_test(test_utf8__crlf_is_one_grapheme),
		cmocka_unit_test(
			test_utf8__graphemes_of_invalid_text_fail_with_offset),
		cmocka_unit_test(
			test_utf8__graphemes_out_of_memory_is_reported),
		cmocka_unit_test(
			test_utf8__nfkc_maps_kangxi_radical_to_ideograph),
		cmocka_unit_test(
			test_utf8__nfkc_copy_path_agrees_with_utf8proc),
		cmocka_unit_test(test_utf8__nfkc_maps_fullwidth_ascii),
		cmocka_unit_test(test_utf8__nfkc_composes_dakuten_and_appends),
		cmocka_unit_test(
			test_utf8__nfkc_of_invalid_text_fails_and_appends_nothing),
		cmocka_unit_test(
			test_utf8__compat_is_true_for_radical_and_fullwidth),
		cmocka_unit_test(
			test_utf8__compat_is_false_for_kanji_kana_and_precomposed),
		cmocka_unit_test(
			test_utf8__compat_ideograph_singletons_are_compat),
		cmocka_unit_test(
			test_utf8__compat_ideograph_is_only_ideographs),
		cmocka_unit_test(test_utf8__fullwidth_ascii_range),
		cmocka_unit_test(test_utf8__japanese_and_space_classes),
		cmocka_unit_test(test_utf8__cols_counts_wide_chars_as_two),
		cmocka_unit_test(test_utf8__cols_gives_combining_mark_no_width),
		cmocka_unit_test(test_utf8__cps_counts_code_points_not_bytes),
		cmocka_unit_test(
			test_utf8__line_col_is_one_based_in_code_points),
		cmocka_unit_test(test_utf8__line_col_clamps_offset_past_end),
	};
	return cmocka_run_group_tests_name("utf8", tests, NULL, NULL);
}
