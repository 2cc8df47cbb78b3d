/*
 * test_json.c: item and sheet.json parsing (findings with line:column),
 * the canonical dump, extras round-tripping, the value locator, and
 * out-of-memory safety of the loader.
 */
#define _XOPEN_SOURCE 700
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "alloc.h"
#include "error.h"
#include "json.h"
#include "test_tmp.h"

static sl_item *parse_ok(const char *text)
{
	sl_diag_list d = SL_DIAG_LIST_INIT;
	sl_item *item = NULL;
	assert_int_equal(
		sl_json_parse_item(&item, &d, "x.json", text, strlen(text)), 0);
	assert_int_equal(d.errors, 0);
	assert_non_null(item);
	sl_diag_list_dispose(&d);
	return item;
}

/* Parse text (len 0: strlen) expected to fail with exactly one
 * finding; returns it formatted. */
static char *parse_finding(const char *text, size_t len)
{
	sl_diag_list d = SL_DIAG_LIST_INIT;
	sl_item *item = NULL;
	sl_buf b = SL_BUF_INIT;
	char *s;
	if (len == 0)
		len = strlen(text);
	assert_int_equal(sl_json_parse_item(&item, &d, "x.json", text, len), 0);
	assert_null(item);
	assert_int_equal(d.errors, 1);
	sl_diag_format(&b, d.diags.items[0]);
	s = strdup(sl_buf_cstr(&b));
	sl_buf_dispose(&b);
	sl_diag_list_dispose(&d);
	return s;
}

static void test_json__item_fields_are_read(void **state)
{
	sl_item *it = parse_ok(
		"{\"id\":\"1-2\",\"section\":\"1\",\"scope\":\"provider\","
		"\"category\":\"c\",\"question\":\"q\\nline\",\"answer\":\"\\u56de\"}");
	(void)state;
	assert_string_equal(it->id, "1-2");
	assert_string_equal(it->section, "1");
	assert_string_equal(it->scope, "provider");
	assert_string_equal(it->category, "c");
	assert_string_equal(it->question, "q\nline");
	assert_string_equal(it->answer, "回");
	assert_string_equal(it->path, "x.json");
	assert_int_equal(it->extra_count, 0);
	sl_item_free(it);
}

static void test_json__canonical_dump_orders_keys_and_keeps_utf8(void **state)
{
	sl_item *it = parse_ok(
		"{\"answer\":\"\\u56de\\u7b54 \\\"q\\\"\",\"zz\":{\"b\":1,\"a\":[true,null]},"
		"\"question\":\"q\",\"id\":\"1-2\",\"aa\":\"x\",\"section\":\"1\"}");
	sl_buf b = SL_BUF_INIT;
	(void)state;
	assert_int_equal(sl_json_dump_item(&b, it), 0);
	assert_string_equal(
		sl_buf_cstr(&b),
		"{\n  \"id\": \"1-2\",\n  \"section\": \"1\",\n  \"question\": \"q\",\n"
		"  \"answer\": \"回答 \\\"q\\\"\",\n  \"aa\": \"x\",\n  \"zz\": {\n"
		"    \"b\": 1,\n    \"a\": [\n      true,\n      null\n    ]\n  }\n}\n");
	sl_buf_dispose(&b);
	sl_item_free(it);
}

static void test_json__extras_keep_type_and_value(void **state)
{
	sl_item *it = parse_ok(
		"{\"id\":\"1\",\"section\":\"1\",\"question\":\"q\",\"answer\":\"a\","
		"\"owner\":\"sec\",\"weight\":2.5,\"tags\":[\"x\"]}");
	bool is_json;
	(void)state;
	assert_int_equal(it->extra_count, 3);
	assert_string_equal(sl_item_get(it, "owner", &is_json), "sec");
	assert_false(is_json);
	assert_string_equal(sl_item_get(it, "tags", &is_json), "[\"x\"]");
	assert_true(is_json);
	assert_string_equal(sl_item_get(it, "weight", &is_json), "2.5");
	assert_true(is_json);
	assert_null(sl_item_get(it, "nope", NULL));
	sl_item_free(it);
}

static void test_json__dump_of_parse_is_a_fixed_point(void **state)
{
	size_t len;
	/* A list in the question: line breaks as \n. */
	char *text = test_read_file(
		SL_SOURCE_DIR "/tests/fixtures/sheet/items/1-2.json", &len);
	sl_item *it;
	sl_buf b = SL_BUF_INIT;
	(void)state;
	assert_non_null(text);
	it = parse_ok(text);
	assert_int_equal(sl_json_dump_item(&b, it), 0);
	assert_int_equal(b.len, len);
	assert_memory_equal(b.ptr, text, len);
	sl_buf_dispose(&b);
	sl_item_free(it);
	free(text);
}

static void test_json__syntax_error_has_line_and_column(void **state)
{
	char *f =
		parse_finding("{\n  \"id\": \"1\",\n  \"section\" \"1\"\n}", 0);
	(void)state;
	assert_string_equal(
		f,
		"x.json:3:15: error: invalid JSON: ':' expected near '\"1\"' [json-syntax]");
	free(f);
}

static void test_json__trailing_comma_is_named_at_the_comma(void **state)
{
	char *f = parse_finding(
		"{\n  \"id\": \"1\",\n  \"answer\": \"a\",\n}\n", 0);
	char *g = parse_finding("{\"id\": \"1\", \"x\": [1, 2 ,\n ]}", 0);
	(void)state;
	assert_string_equal(
		f,
		"x.json:3:16: error: invalid JSON: trailing comma before '}' [json-syntax]");
	assert_string_equal(
		g,
		"x.json:1:24: error: invalid JSON: trailing comma before ']' [json-syntax]");
	free(f);
	free(g);
}

static void test_json__comma_inside_a_string_is_not_trailing(void **state)
{
	char *f = parse_finding("{\"id\": \"a,}\" \"b\"}", 0);
	(void)state;
	assert_null(strstr(f, "trailing comma"));
	assert_non_null(strstr(f, "x.json:1:"));
	free(f);
}

static void test_json__replace_string_keeps_every_other_byte(void **state)
{
	static const char text[] =
		"{\n  \"id\":  \"2-6\",\n  \"question\": \"\\u8cea\\\"q\\\"\",\n"
		"  \"x\": {\"id\": \"inner\"}\n}";
	sl_buf b = SL_BUF_INIT;
	(void)state;
	assert_int_equal(
		sl_json_replace_string(&b, text, sizeof(text) - 1, "id", "2-7"),
		0);
	assert_string_equal(sl_buf_cstr(&b),
			    "{\n  \"id\":  \"2-7\",\n  \"question\": "
			    "\"\\u8cea\\\"q\\\"\",\n"
			    "  \"x\": {\"id\": \"inner\"}\n}");
	sl_buf_clear(&b);
	/* Escaped as the canonical dump escapes; a missing key is named. */
	assert_int_equal(sl_json_replace_string(&b, text, sizeof(text) - 1,
						"question", "a\"b\n"),
			 0);
	assert_non_null(
		strstr(sl_buf_cstr(&b), "\"question\": \"a\\\"b\\n\","));
	sl_buf_clear(&b);
	assert_int_equal(
		sl_json_replace_string(&b, text, sizeof(text) - 1, "x", "y"),
		SL_ENOTFOUND);
	assert_int_equal(sl_json_replace_string(&b, text, sizeof(text) - 1,
						"answer", "y"),
			 SL_ENOTFOUND);
	sl_buf_dispose(&b);
}

static void test_json__invalid_utf8_is_located(void **state)
{
	static const char text[] = "{\n  \"id\": \"a\xff\"\n}";
	char *f = parse_finding(text, sizeof(text) - 1);
	(void)state;
	assert_string_equal(
		f,
		"x.json:2:11: error: invalid UTF-8 byte 0xff [invalid-utf8]");
	free(f);
}

static void test_json__missing_field_and_wrong_type(void **state)
{
	char *f = parse_finding(
		"{\"id\":\"1\",\"section\":\"1\",\"question\":\"q\"}", 0);
	(void)state;
	assert_string_equal(
		f,
		"x.json:1:1: error: missing required field \"answer\" [missing-field]");
	free(f);
	f = parse_finding(
		"{\"id\":\"1\",\"section\":\"1\",\"question\":\"q\",\n \"answer\":7}",
		0);
	assert_string_equal(
		f,
		"x.json:2:2: error: field \"answer\" must be a string [field-type]");
	free(f);
}

static void test_json__duplicate_keys_and_non_objects_are_refused(void **state)
{
	char *f = parse_finding("{\"id\":\"1\",\"id\":\"2\"}", 0);
	(void)state;
	assert_non_null(strstr(f, "duplicate object key"));
	assert_non_null(strstr(f, "[json-syntax]"));
	free(f);
	f = parse_finding("[1]", 0);
	assert_string_equal(
		f,
		"x.json:1:1: error: an item file must hold one JSON object [not-object]");
	free(f);
	f = parse_finding("{\"id\":\"a\\u0000b\"}", 0);
	assert_non_null(strstr(f, "[json-syntax]"));
	free(f);
}

static void test_json__locate_maps_decoded_offsets_through_escapes(void **state)
{
	static const char text[] =
		"{\n  \"a\": 1,\n  \"answer\": \"x\\n\\u3042\\\"yz\"\n}\n";
	int line, col;
	(void)state;
	/* decoded "x\nあ\"yz": offset of 'y' is 1 + 1 + 3 + 1 = 6 */
	assert_true(sl_json_locate(text, sizeof(text) - 1, "answer", 6, &line,
				   &col));
	assert_int_equal(line, 3);
	assert_int_equal(col, 25);
	assert_true(sl_json_locate(text, sizeof(text) - 1, "answer", 0, &line,
				   &col));
	assert_int_equal(col, 14);
	assert_false(sl_json_locate(text, sizeof(text) - 1, "missing", 0, &line,
				    &col));
}

/* The key is found after values of every shape (nested objects and arrays
 * holding strings with brackets, commas and escaped quotes, numbers,
 * literals, CRLF and tab layout); surrogate pairs count as one 4-byte
 * character; a non-string value points at its start; malformed or
 * non-object text finds nothing rather than a wrong place. */
static void test_json__locate_after_values_of_every_shape(void **state)
{
	static const char text[] =
		"{\r\n\t\"x\": {\"k\": [\"]\", \"}\", \"a,b\\\"\"], \"n\": {}},\r\n"
		"\t\"y\": [1, 2.5e3, true, null, [[]]],\r\n"
		"\t\"z\": false,\r\n"
		"\t\"answer\": \"\\ud83d\\ude00\\u00e9\\u0041b\",\r\n"
		"\t\"weight\": 3\r\n}";
	static const char *const bad[] = {
		"",          "[]",
		"{",         "{\"a\"",
		"{\"a\" 1}", "{\"a\": 1 \"answer\": 2}",
		"{1: 2}",    "{\"a\": \"unterminated",
	};
	int line, col;
	size_t i;
	(void)state;
	/* decoded: U+1F600 (4 bytes), é (2), A (1), then 'b' at offset 7 */
	assert_true(sl_json_locate(text, sizeof(text) - 1, "answer", 7, &line,
				   &col));
	assert_int_equal(line, 5);
	/* tab, "answer" (8), ':', ' ', '"', then escapes of 12 + 6 + 6 */
	assert_int_equal(col, 1 + 8 + 1 + 1 + 1 + 12 + 6 + 6 + 1);
	assert_true(sl_json_locate(text, sizeof(text) - 1, "weight", 0, &line,
				   &col));
	assert_int_equal(line, 6);
	assert_int_equal(col, 12);
	assert_true(
		sl_json_locate(text, sizeof(text) - 1, "z", 0, &line, &col));
	assert_int_equal(line, 4);
	assert_int_equal(col, 7);
	/* Keys inside nested values are not top-level keys. */
	assert_false(
		sl_json_locate(text, sizeof(text) - 1, "k", 0, &line, &col));
	assert_false(
		sl_json_locate(text, sizeof(text) - 1, "n", 0, &line, &col));
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_false(sl_json_locate(bad[i], strlen(bad[i]), "answer", 0,
					    &line, &col));
}

static void test_json__sheet_meta_round_trips(void **state)
{
	size_t len;
	char *text = test_read_file(
		SL_SOURCE_DIR "/tests/fixtures/sheet/sheet.json", &len);
	sl_diag_list d = SL_DIAG_LIST_INIT;
	sl_sheet_meta m;
	sl_buf b = SL_BUF_INIT;
	(void)state;
	assert_int_equal(sl_json_parse_meta(&m, &d, "sheet.json", text, len),
			 0);
	assert_int_equal(d.errors, 0);
	assert_string_equal(m.as_of, "2022-09");
	assert_int_equal(m.section_count, 3);
	assert_int_equal(m.scope_count, 2);
	assert_string_equal(m.sections[2].scope, "customer");
	assert_string_equal(m.disclaimer_title, "免責事項");
	assert_string_equal(m.columns.question, "評価内容");
	assert_int_equal(sl_json_dump_meta(&b, &m), 0);
	assert_int_equal(b.len, len);
	assert_memory_equal(b.ptr, text, len);
	sl_buf_dispose(&b);
	sl_sheet_meta_dispose(&m);
	sl_diag_list_dispose(&d);
	free(text);
}

static void
test_json__sheet_unknown_nested_key_is_an_error_not_dropped(void **state)
{
	static const char text[] =
		"{\"as_of\":\"2022-09\",\n\"sections\":[{\"id\":\"1\",\"title\":\"t\",\"color\":\"red\"}]}";
	sl_diag_list d = SL_DIAG_LIST_INIT;
	sl_sheet_meta m;
	sl_buf b = SL_BUF_INIT;
	(void)state;
	assert_int_equal(sl_json_parse_meta(&m, &d, "sheet.json", text,
					    sizeof(text) - 1),
			 0);
	assert_int_equal(d.errors, 1);
	sl_diag_format(&b, d.diags.items[0]);
	assert_string_equal(
		sl_buf_cstr(&b),
		"sheet.json:2:1: error: unknown key \"color\" in sections[0] [unknown-key]");
	assert_null(m.as_of);
	sl_buf_dispose(&b);
	sl_diag_list_dispose(&d);
}

static void test_json__out_of_memory_never_crashes_or_leaks(void **state)
{
	static const char text[] =
		"{\"id\":\"1-2\",\"section\":\"1\",\"question\":\"q\",\"answer\":\"a\",\"x\":[1,{\"y\":2}]}";
	long n;
	int successes = 0;
	(void)state;
	for (n = 0; n < 200; n++) {
		sl_diag_list d = SL_DIAG_LIST_INIT;
		sl_item *item = NULL;
		sl_buf b = SL_BUF_INIT;
		int rc;
		sl_alloc_fail_after(n);
		rc = sl_json_parse_item(&item, &d, "x.json", text,
					sizeof(text) - 1);
		if (rc == 0 && item)
			rc = sl_json_dump_item(&b, item);
		sl_alloc_fail_after(-1);
		assert_true(rc == 0 || rc == SL_ENOMEM);
		if (rc == 0 && item) {
			successes++;
			assert_non_null(strstr(sl_buf_cstr(&b), "\"x\": [\n"));
		}
		sl_buf_dispose(&b);
		sl_item_free(item);
		sl_diag_list_dispose(&d);
	}
	assert_true(successes > 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_json__item_fields_are_read),
		cmocka_unit_test(
			test_json__canonical_dump_orders_keys_and_keeps_utf8),
		cmocka_unit_test(test_json__extras_keep_type_and_value),
		cmocka_unit_test(test_json__dump_of_parse_is_a_fixed_point),
		cmocka_unit_test(test_json__syntax_error_has_line_and_column),
		cmocka_unit_test(test_json__invalid_utf8_is_located),
		cmocka_unit_test(test_json__missing_field_and_wrong_type),
		cmocka_unit_test(
			test_json__duplicate_keys_and_non_objects_are_refused),
		cmocka_unit_test(
			test_json__locate_maps_decoded_offsets_through_escapes),
		cmocka_unit_test(test_json__locate_after_values_of_every_shape),
		cmocka_unit_test(test_json__sheet_meta_round_trips),
		cmocka_unit_test(
			test_json__trailing_comma_is_named_at_the_comma),
		cmocka_unit_test(
			test_json__replace_string_keeps_every_other_byte),
		cmocka_unit_test(
			test_json__comma_inside_a_string_is_not_trailing),
		cmocka_unit_test(
			test_json__sheet_unknown_nested_key_is_an_error_not_dropped),
		cmocka_unit_test(
			test_json__out_of_memory_never_crashes_or_leaks),
	};
	return cmocka_run_group_tests_name("json", tests, NULL, NULL);
}
