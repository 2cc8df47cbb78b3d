/*
 * test_escape.c: HTML, Markdown and CSV escaping, and spreadsheet formula
 * neutralising. Every expectation is the exact output bytes.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdbool.h>
#include <string.h>

#include "buf.h"
#include "escape.h"
#include "utf8.h"

typedef void (*escaper)(sl_buf *out, const char *s, size_t len);

/* Run esc on in (a C string) and compare the whole output with want. */
static void check(escaper esc, const char *in, const char *want)
{
	sl_buf b = SL_BUF_INIT;
	esc(&b, in, strlen(in));
	assert_false(sl_buf_oom(&b));
	assert_string_equal(sl_buf_cstr(&b), want);
	assert_int_equal(b.len, strlen(want));
	sl_buf_dispose(&b);
}

static void check_csv(const char *in, size_t len, bool neutralize,
		      const char *want)
{
	sl_buf b = SL_BUF_INIT;
	sl_escape_csv(&b, in, len, neutralize);
	assert_string_equal(sl_buf_cstr(&b), want);
	assert_int_equal(b.len, strlen(want));
	sl_buf_dispose(&b);
}

/* --- HTML --- */

static void test_escape__html_escapes_all_five_specials(void **state)
{
	(void)state;
	check(sl_escape_html, "a&b<c>d\"e'f", "a&amp;b&lt;c&gt;d&quot;e&#39;f");
	check(sl_escape_html, "<script>alert('x')</script>",
	      "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
}

static void test_escape__html_keeps_plain_and_utf8_text(void **state)
{
	(void)state;
	check(sl_escape_html, "", "");
	check(sl_escape_html, "plain text", "plain text");
	/* 用語 と「」: multibyte bytes pass through untouched */
	check(sl_escape_html,
	      "\xE7\x94\xA8\xE8\xAA\x9E \xE3\x80\x8C&\xE3\x80\x8D",
	      "\xE7\x94\xA8\xE8\xAA\x9E \xE3\x80\x8C&amp;\xE3\x80\x8D");
	/* An existing entity is escaped again: text stays text. */
	check(sl_escape_html, "&lt;", "&amp;lt;");
}

static void test_escape__html_respects_explicit_length(void **state)
{
	sl_buf b = SL_BUF_INIT;
	(void)state;
	sl_escape_html(&b, "a<b\0<c", 6);
	assert_int_equal(b.len, 1 + 4 + 1 + 1 + 4 + 1);
	assert_memory_equal(b.ptr, "a&lt;b\0&lt;c", 12);
	sl_buf_dispose(&b);
}

static void test_escape__html_lines_turns_newline_into_br(void **state)
{
	(void)state;
	check(sl_escape_html_lines, "one\ntwo <b>\n",
	      "one<br>\ntwo &lt;b&gt;<br>\n");
	check(sl_escape_html_lines, "\n\n", "<br>\n<br>\n");
	check(sl_escape_html_lines, "no newline & co", "no newline &amp; co");
	check(sl_escape_html_lines, "", "");
}

/* --- Markdown --- */

static void test_escape__md_makes_script_tag_inert(void **state)
{
	(void)state;
	check(sl_escape_md, "<script>alert(1)</script>",
	      "\\<script\\>alert(1)\\</script\\>");
}

static void test_escape__md_escapes_inline_specials(void **state)
{
	(void)state;
	check(sl_escape_md, "a|b*c_d[e]f`g~h\\i",
	      "a\\|b\\*c\\_d\\[e\\]f\\`g\\~h\\\\i");
	check(sl_escape_md, "[here](javascript:x)", "\\[here\\](javascript:x)");
}

static void test_escape__md_escapes_ampersand_as_entity(void **state)
{
	(void)state;
	check(sl_escape_md, "R&D &lt;", "R&amp;D &amp;lt;");
}

static void test_escape__md_escapes_block_openers_at_line_start(void **state)
{
	(void)state;
	check(sl_escape_md, "# title", "\\# title");
	check(sl_escape_md, "- item", "\\- item");
	check(sl_escape_md, "+ item", "\\+ item");
	check(sl_escape_md, "=== ", "\\=== ");
	check(sl_escape_md, "1. first", "1\\. first");
	check(sl_escape_md, "12) twelfth", "12\\) twelfth");
}

static void test_escape__md_escapes_leading_quote_marker_once(void **state)
{
	(void)state;
	/* "\>" is a literal '>'; "\\>" would show a stray backslash. */
	check(sl_escape_md, "> quoted", "\\> quoted");
	check(sl_escape_md, "a\n>b", "a\\\n\\>b");
}

static void test_escape__md_escapes_indented_block_openers(void **state)
{
	(void)state;
	/* CommonMark allows up to three spaces before a block marker. */
	check(sl_escape_md, "   # title", "   \\# title");
	check(sl_escape_md, "  - item", "  \\- item");
	check(sl_escape_md, " 2. second", " 2\\. second");
}

static void test_escape__md_leaves_mid_line_markers_alone(void **state)
{
	(void)state;
	check(sl_escape_md, "version 1.2 - see #3 + more",
	      "version 1.2 - see #3 + more");
	check(sl_escape_md, "see 1. and 2.", "see 1. and 2.");
	check(sl_escape_md, "2022", "2022");
	check(sl_escape_md, "", "");
}

static void
test_escape__md_newline_is_hard_break_and_each_line_checked(void **state)
{
	(void)state;
	check(sl_escape_md, "intro\n# not a heading\n1. nor a list",
	      "intro\\\n\\# not a heading\\\n1\\. nor a list");
}

static void
test_escape__md_cell_turns_newline_into_br_and_escapes_pipe(void **state)
{
	(void)state;
	check(sl_escape_md_cell, "a|b\nc", "a\\|b<br>c");
	check(sl_escape_md_cell, "x\n- y", "x<br>\\- y");
	check(sl_escape_md_cell, "<b>|</b>", "\\<b\\>\\|\\</b\\>");
}

/* Found by fuzz_escape: CommonMark also ends lines at CR, so a CR left in
 * place broke table rows and let the next line open a block. */
static void test_escape__md_cr_and_crlf_are_line_breaks_too(void **state)
{
	(void)state;
	check(sl_escape_md_cell, "a\r\nb\rc", "a<br>b<br>c");
	check(sl_escape_md, "x\r# y\r\n- z", "x\\\n\\# y\\\n\\- z");
}

/* --- CSV --- */

static void test_escape__csv_plain_field_is_verbatim(void **state)
{
	(void)state;
	check_csv("hello world", 11, false, "hello world");
	check_csv("", 0, false, "");
	check_csv("\xE7\x94\xA8\xE8\xAA\x9E", 6, false,
		  "\xE7\x94\xA8\xE8\xAA\x9E");
}

static void test_escape__csv_quotes_comma_quote_cr_lf(void **state)
{
	(void)state;
	check_csv("a,b", 3, false, "\"a,b\"");
	check_csv("line1\nline2", 11, false, "\"line1\nline2\"");
	check_csv("a\rb", 3, false, "\"a\rb\"");
	check_csv("say \"hi\"", 8, false, "\"say \"\"hi\"\"\"");
	check_csv("\"", 1, false, "\"\"\"\"");
}

static void test_escape__csv_neutralizes_formula_starts(void **state)
{
	(void)state;
	check_csv("=SUM(A1)", 8, true, "'=SUM(A1)");
	check_csv("+1", 2, true, "'+1");
	check_csv("-1", 2, true, "'-1");
	check_csv("@cmd", 4, true, "'@cmd");
	check_csv("\tx", 2, true, "'\tx");
	/* CR forces quoting too; the apostrophe goes inside the quotes. */
	check_csv("\rx", 2, true, "\"'\rx\"");
	check_csv("=1,2", 4, true, "\"'=1,2\"");
	check_csv("=\"x\"", 4, true, "\"'=\"\"x\"\"\"");
}

static void test_escape__csv_neutralizes_leading_apostrophe(void **state)
{
	(void)state;
	/* Importers strip exactly one apostrophe, so one must be added. */
	check_csv("'quoted", 7, true, "''quoted");
	check_csv("'", 1, true, "''");
}

static void test_escape__csv_leaves_other_fields_unprefixed(void **state)
{
	(void)state;
	check_csv("a=b", 3, true, "a=b");
	check_csv(" =x", 3, true, " =x");
	check_csv("it's", 4, true, "it's");
	check_csv("", 0, true, "");
	check_csv("x,y", 3, true, "\"x,y\"");
	/* Without neutralize a formula stays as it is. */
	check_csv("=1+1", 4, false, "=1+1");
}

static void test_escape__is_formula_checks_first_byte_only(void **state)
{
	(void)state;
	assert_true(sl_escape_is_formula("=A1", 3));
	assert_true(sl_escape_is_formula("+", 1));
	assert_true(sl_escape_is_formula("-", 1));
	assert_true(sl_escape_is_formula("@", 1));
	assert_true(sl_escape_is_formula("\t", 1));
	assert_true(sl_escape_is_formula("\r", 1));
	assert_false(sl_escape_is_formula("", 0));
	assert_false(sl_escape_is_formula("a=1", 3));
	assert_false(sl_escape_is_formula("'=1", 3));
	/* The length is explicit: "=" beyond it does not count. */
	assert_false(sl_escape_is_formula("=", 0));
}

static void test_escape__xml_escapes_markup_and_keeps_text(void **state)
{
	(void)state;
	check(sl_escape_xml, "<script>]]></title>&'\"",
	      "&lt;script&gt;]]&gt;&lt;/title&gt;&amp;&#39;&quot;");
	check(sl_escape_xml, "回答\tです\r\n", "回答\tです\r\n");
}

static void test_escape__xml_replaces_what_xml_cannot_hold(void **state)
{
	sl_buf b = SL_BUF_INIT;
	static const char in[] = "a\0b\x01"
				 "c\x1f\xef\xbf\xbe\xef\xbf\xbf"
				 "d";
	(void)state;
	sl_escape_xml(&b, in, sizeof(in) - 1);
	assert_string_equal(sl_buf_cstr(&b), "a\xef\xbf\xbd"
					     "b\xef\xbf\xbd"
					     "c\xef\xbf\xbd"
					     "\xef\xbf\xbd\xef\xbf\xbd"
					     "d");
	sl_buf_dispose(&b);
}

/* Bytes that are not UTF-8 (found by fuzz_escape: EF BF FF passed through
 * and made the feed unreadable) become U+FFFD one byte at a time; valid
 * text around them is kept. */
static void test_escape__xml_replaces_invalid_utf8(void **state)
{
	sl_buf b = SL_BUF_INIT;
	static const char in[] = "x\xef\xbf\xff"
				 "y\xe5\x9b\x9e";
	(void)state;
	sl_escape_xml(&b, in, sizeof(in) - 1);
	assert_string_equal(sl_buf_cstr(&b), "x\xef\xbf\xbd\xef\xbf\xbd"
					     "\xef\xbf\xbd"
					     "y\xe5\x9b\x9e");
	assert_true(sl_utf8_valid(b.ptr, b.len, NULL));
	sl_buf_dispose(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escape__html_escapes_all_five_specials),
		cmocka_unit_test(test_escape__html_keeps_plain_and_utf8_text),
		cmocka_unit_test(test_escape__html_respects_explicit_length),
		cmocka_unit_test(test_escape__html_lines_turns_newline_into_br),
		cmocka_unit_test(test_escape__md_makes_script_tag_inert),
		cmocka_unit_test(
			test_escape__md_cr_and_crlf_are_line_breaks_too),
		cmocka_unit_test(test_escape__md_escapes_inline_specials),
		cmocka_unit_test(test_escape__md_escapes_ampersand_as_entity),
		cmocka_unit_test(
			test_escape__md_escapes_block_openers_at_line_start),
		cmocka_unit_test(
			test_escape__md_escapes_leading_quote_marker_once),
		cmocka_unit_test(
			test_escape__md_escapes_indented_block_openers),
		cmocka_unit_test(test_escape__md_leaves_mid_line_markers_alone),
		cmocka_unit_test(
			test_escape__md_newline_is_hard_break_and_each_line_checked),
		cmocka_unit_test(
			test_escape__md_cell_turns_newline_into_br_and_escapes_pipe),
		cmocka_unit_test(test_escape__csv_plain_field_is_verbatim),
		cmocka_unit_test(test_escape__csv_quotes_comma_quote_cr_lf),
		cmocka_unit_test(test_escape__csv_neutralizes_formula_starts),
		cmocka_unit_test(
			test_escape__csv_neutralizes_leading_apostrophe),
		cmocka_unit_test(
			test_escape__csv_leaves_other_fields_unprefixed),
		cmocka_unit_test(
			test_escape__is_formula_checks_first_byte_only),
		cmocka_unit_test(
			test_escape__xml_escapes_markup_and_keeps_text),
		cmocka_unit_test(
			test_escape__xml_replaces_what_xml_cannot_hold),
		cmocka_unit_test(test_escape__xml_replaces_invalid_utf8),
	};
	return cmocka_run_group_tests_name("escape", tests, NULL, NULL);
}
