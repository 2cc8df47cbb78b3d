/*
 * test_csv.c: the CSV reader: quoting (commas, doubled quotes, line breaks
 * kept byte for byte), CRLF and LF rows, blank lines, a last row without
 * a line break, field positions counted in characters, and the three
 * malformed shapes with their line:column.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "csv.h"
#include "error.h"

static sl_csv *parse(const char *s)
{
	sl_csv *c = NULL;
	assert_int_equal(sl_csv_parse(&c, s, strlen(s)), 0);
	return c;
}

static void test_csv__quoting_and_rows(void **state)
{
	sl_csv *c = parse("a,\"b,c\",\"d\"\"e\"\r\n"
			  "\r\n"
			  "\"x\r\ny\",,\"\"\n"
			  "回答,\"改行\nあり\",z");
	(void)state;
	assert_int_equal(c->count, 3);
	assert_int_equal(c->rows[0].count, 3);
	assert_string_equal(c->rows[0].fields[1].text, "b,c");
	assert_string_equal(c->rows[0].fields[2].text, "d\"e");
	/* The blank line is skipped; the break inside quotes is kept. */
	assert_int_equal(c->rows[1].line, 3);
	assert_string_equal(c->rows[1].fields[0].text, "x\r\ny");
	assert_int_equal(c->rows[1].fields[1].len, 0);
	assert_int_equal(c->rows[1].fields[2].len, 0);
	/* Columns in characters: "回答," is three characters. */
	assert_int_equal(c->rows[2].line, 5);
	assert_int_equal(c->rows[2].fields[1].col, 4);
	assert_string_equal(c->rows[2].fields[1].text, "改行\nあり");
	/* The field after a multi-line one starts on its last line. */
	assert_int_equal(c->rows[2].fields[2].line, 6);
	assert_int_equal(c->rows[2].fields[2].col, 5);
	sl_csv_free(c);
}

static void malformed(const char *s, const char *message, int line, int col)
{
	sl_csv *c = NULL;
	assert_int_equal(sl_csv_parse(&c, s, strlen(s)), SL_EINVALID);
	assert_null(c);
	assert_string_equal(sl_error_last()->message, message);
	assert_int_equal(sl_error_last()->line, line);
	assert_int_equal(sl_error_last()->col, col);
}

static void test_csv__malformed_shapes_are_located(void **state)
{
	(void)state;
	malformed("a,b\n\"never closed,x\n", "quoted field is never closed", 2,
		  1);
	malformed("a,b\nあい\"う,x\n",
		  "quote inside an unquoted field (quote the field and double "
		  "the quote)",
		  2, 3);
	malformed("\"a\"b,c\n", "text after the closing quote of a field", 1,
		  4);
	{
		/* "1-1\0../x" must not read as "1-1". */
		static const char nul[] = "id,a\n1-1\0../x,y\n";
		sl_csv *c = NULL;
		assert_int_equal(sl_csv_parse(&c, nul, sizeof(nul) - 1),
				 SL_EINVALID);
		assert_string_equal(sl_error_last()->message,
				    "NUL byte in the CSV");
		assert_int_equal(sl_error_last()->line, 2);
		assert_int_equal(sl_error_last()->col, 4);
	}
}

static void test_csv__empty_input_has_no_rows(void **state)
{
	sl_csv *c = parse("");
	(void)state;
	assert_int_equal(c->count, 0);
	sl_csv_free(c);
	c = parse("\n\r\n");
	assert_int_equal(c->count, 0);
	sl_csv_free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csv__quoting_and_rows),
		cmocka_unit_test(test_csv__malformed_shapes_are_located),
		cmocka_unit_test(test_csv__empty_input_has_no_rows),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
