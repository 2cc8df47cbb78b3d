/*
 * test_encoding.c: UTF-8 and CP932 at the edges: detection (byte order
 * mark, valid UTF-8, else CP932), the offset of the first bad byte, the
 * CP932 mapping Excel uses (～ is U+FF5E, ① and ㈱ exist), and encoding
 * with and without the NFKC fallback for characters CP932 lacks.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "encoding.h"
#include "error.h"

static void decode_ok(const char *in, size_t len, sl_encoding asked,
		      sl_encoding used_want, const char *want)
{
	sl_buf b = SL_BUF_INIT;
	sl_encoding used;
	size_t bad;
	assert_int_equal(sl_encoding_decode(&b, &used, &bad, in, len, asked),
			 0);
	assert_int_equal(used, used_want);
	assert_int_equal(b.len, strlen(want));
	assert_memory_equal(b.ptr, want, b.len);
	sl_buf_dispose(&b);
}

static void test_encoding__detects_and_decodes(void **state)
{
	(void)state;
	decode_ok("\xEF\xBB\xBFid,回答", 12, SL_ENC_AUTO, SL_ENC_UTF8,
		  "id,回答");
	decode_ok("id,回答", 9, SL_ENC_AUTO, SL_ENC_UTF8, "id,回答");
	/* "回答～①㈱" in CP932 */
	decode_ok("\x89\xf1\x93\x9a\x81\x60\x87\x40\x87\x8a", 10, SL_ENC_AUTO,
		  SL_ENC_CP932, "回答～①㈱");
}

static void test_encoding__bad_bytes_are_located(void **state)
{
	sl_buf b = SL_BUF_INIT;
	size_t bad;
	(void)state;
	assert_int_equal(sl_encoding_decode(&b, NULL, &bad, "ab\x82\xa0\xff", 5,
					    SL_ENC_CP932),
			 SL_EINVALID);
	assert_int_equal(bad, 4);
	sl_buf_clear(&b);
	assert_int_equal(
		sl_encoding_decode(&b, NULL, &bad, "abc\xff", 4, SL_ENC_UTF8),
		SL_EINVALID);
	assert_int_equal(bad, 3);
	sl_buf_dispose(&b);
}

static void test_encoding__cp932_with_and_without_nfkc(void **state)
{
	sl_buf b = SL_BUF_INIT;
	size_t bad;
	/* "運⽤" : U+2F64 (KANGXI RADICAL USE) has no CP932 code. */
	const char *text = "A運\xE2\xBD\xA4";
	(void)state;
	assert_int_equal(sl_encoding_encode(&b, &bad, text, strlen(text),
					    SL_ENC_CP932, false),
			 SL_EINVALID);
	assert_int_equal(bad, 4);
	assert_string_equal(sl_error_last()->message,
			    "U+2F64 has no CP932 code");
	sl_buf_clear(&b);
	assert_int_equal(sl_encoding_encode(&b, &bad, text, strlen(text),
					    SL_ENC_CP932, true),
			 0);
	/* A 運 用 */
	assert_int_equal(b.len, 5);
	assert_memory_equal(b.ptr, "A\x89\x5e\x97\x70", 5);
	sl_buf_clear(&b);
	/* An emoji has no NFKC form in CP932 either. */
	assert_int_equal(
		sl_encoding_encode(&b, &bad, "x😀", 5, SL_ENC_CP932, true),
		SL_EINVALID);
	assert_int_equal(bad, 1);
	sl_buf_dispose(&b);
}

static void test_encoding__names(void **state)
{
	sl_encoding e;
	(void)state;
	assert_int_equal(sl_encoding_parse(&e, "shift_jis"), 0);
	assert_int_equal(e, SL_ENC_CP932);
	assert_int_equal(sl_encoding_parse(&e, "utf-8"), 0);
	assert_int_equal(e, SL_ENC_UTF8);
	assert_int_equal(sl_encoding_parse(&e, "latin1"), SL_EUSAGE);
	assert_string_equal(sl_encoding_name(SL_ENC_CP932), "cp932");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_encoding__detects_and_decodes),
		cmocka_unit_test(test_encoding__bad_bytes_are_located),
		cmocka_unit_test(test_encoding__cp932_with_and_without_nfkc),
		cmocka_unit_test(test_encoding__names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
