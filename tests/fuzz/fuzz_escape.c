/*
 * fuzz_escape.c: the escapers every output goes through. Whatever the
 * text: HTML output holds no '<' except the <br> the line variant adds,
 * and no raw '"' or '\''; Markdown output never holds an unescaped '<',
 * '|' or '`'; a Markdown table cell holds no line break; a CSV field,
 * read back by RFC 4180 rules, is the text (after the neutralising
 * apostrophe, which is present exactly when a spreadsheet would run it).
 */
#include <string.h>

#include "buf.h"
#include "escape.h"
#include "utf8.h"
#include "fuzz.h"

static void check_html(const sl_buf *b, bool lines)
{
	size_t i;
	for (i = 0; i < b->len; i++) {
		char c = b->ptr[i];
		if (c == '<') {
			/* Only the line break the line variant writes. */
			FUZZ_CHECK(lines && i + 4 <= b->len &&
				   !memcmp(b->ptr + i, "<br>", 4));
			i += 3;
			continue;
		}
		FUZZ_CHECK(c != '>' && c != '"' && c != '\'');
	}
}

static void check_md(const sl_buf *b, bool cell)
{
	size_t i;
	for (i = 0; i < b->len; i++) {
		char c = b->ptr[i];
		bool escaped = i > 0 && b->ptr[i - 1] == '\\';
		if (cell && c == '<' && i + 4 <= b->len &&
		    !memcmp(b->ptr + i, "<br>", 4)) {
			i += 3;
			continue;
		}
		if (c == '<' || c == '|' || c == '`')
			FUZZ_CHECK(escaped);
		if (cell)
			FUZZ_CHECK(c != '\n' && c != '\r');
	}
}

/* XML (the site's feed): no markup character, and no character XML 1.0
 * cannot hold (a feed reader would reject the whole feed). */
static void check_xml(const sl_buf *b)
{
	size_t i;
	for (i = 0; i < b->len; i++) {
		unsigned char c = (unsigned char)b->ptr[i];
		FUZZ_CHECK(c != '<' && c != '>' && c != '"' && c != '\'');
		FUZZ_CHECK(c >= 0x20 || c == '\t' || c == '\n' || c == '\r');
		if (c == 0xEF && i + 2 < b->len &&
		    (unsigned char)b->ptr[i + 1] == 0xBF)
			FUZZ_CHECK((unsigned char)b->ptr[i + 2] < 0xBE);
	}
	/* Whatever came in, what goes out parses as UTF-8. */
	FUZZ_CHECK(sl_utf8_valid(b->ptr ? b->ptr : "", b->len, NULL));
}

/* Read one RFC 4180 field back. */
static void check_csv(const sl_buf *b, const char *s, size_t len)
{
	sl_buf back = SL_BUF_INIT;
	size_t i = 0;
	bool formula = sl_escape_is_formula(s, len) || (len && s[0] == '\'');
	if (b->len && b->ptr[0] == '"') {
		for (i = 1; i < b->len; i++) {
			if (b->ptr[i] == '"') {
				if (i + 1 < b->len && b->ptr[i + 1] == '"') {
					sl_buf_putc(&back, '"');
					i++;
					continue;
				}
				FUZZ_CHECK(i + 1 == b->len);
				break;
			}
			sl_buf_putc(&back, b->ptr[i]);
		}
	} else {
		for (i = 0; i < b->len; i++) {
			FUZZ_CHECK(b->ptr[i] != '"' && b->ptr[i] != ',' &&
				   b->ptr[i] != '\n' && b->ptr[i] != '\r');
			sl_buf_putc(&back, b->ptr[i]);
		}
	}
	if (formula) {
		FUZZ_CHECK(back.len == len + 1 && back.ptr[0] == '\'');
		FUZZ_CHECK(!memcmp(back.ptr + 1, s, len));
	} else {
		FUZZ_CHECK(back.len == len &&
			   (!len || !memcmp(back.ptr, s, len)));
	}
	sl_buf_dispose(&back);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	sl_buf b = SL_BUF_INIT;
	sl_escape_html(&b, s, size);
	check_html(&b, false);
	sl_buf_clear(&b);
	sl_escape_html_lines(&b, s, size);
	check_html(&b, true);
	sl_buf_clear(&b);
	sl_escape_md(&b, s, size);
	check_md(&b, false);
	sl_buf_clear(&b);
	sl_escape_md_cell(&b, s, size);
	check_md(&b, true);
	sl_buf_clear(&b);
	sl_escape_csv(&b, s, size, true);
	check_csv(&b, s, size);
	sl_buf_clear(&b);
	sl_escape_xml(&b, s, size);
	check_xml(&b);
	sl_buf_dispose(&b);
	return 0;
}
