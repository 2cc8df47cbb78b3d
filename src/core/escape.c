/*
 * escape.c: format escapers. Why so much Markdown escaping: sheet text is
 * third-party content that ends up in release notes and pull-request
 * comments; an answer reading "<script>" or "[here](javascript:...)" must
 * arrive as text.
 */
#include "escape.h"

#include <stdbool.h>
#include <stdint.h>

#include "utf8.h"

void sl_escape_html(sl_buf *out, const char *s, size_t len)
{
	size_t i, run = 0;
	for (i = 0; i < len; i++) {
		const char *rep;
		switch (s[i]) {
		case '&':
			rep = "&amp;";
			break;
		case '<':
			rep = "&lt;";
			break;
		case '>':
			rep = "&gt;";
			break;
		case '"':
			rep = "&quot;";
			break;
		case '\'':
			rep = "&#39;";
			break;
		default:
			continue;
		}
		sl_buf_put(out, s + run, i - run);
		sl_buf_puts(out, rep);
		run = i + 1;
	}
	sl_buf_put(out, s + run, len - run);
}

void sl_escape_html_lines(sl_buf *out, const char *s, size_t len)
{
	size_t i, start = 0;
	for (i = 0; i <= len; i++) {
		if (i < len && s[i] != '\n')
			continue;
		sl_escape_html(out, s + start, i - start);
		if (i < len)
			sl_buf_puts(out, "<br>\n");
		start = i + 1;
	}
}

static bool md_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Escape one line (no '\n' inside). */
static void md_line(sl_buf *out, const char *s, size_t len)
{
	size_t i = 0;
	/* Block openers at the start of a line, after up to three spaces
	 * (CommonMark). '>' is not here: the loop below escapes it anywhere. */
	while (i < 3 && i < len && s[i] == ' ')
		i++;
	sl_buf_put(out, s, i);
	if (i < len &&
	    (s[i] == '#' || s[i] == '-' || s[i] == '+' || s[i] == '=')) {
		sl_buf_putc(out, '\\');
	} else {
		size_t d = i;
		while (d < len && md_digit(s[d]))
			d++;
		if (d > i && d < len && (s[d] == '.' || s[d] == ')')) {
			sl_buf_put(out, s + i, d - i);
			sl_buf_putc(out, '\\');
			i = d;
		}
	}
	for (; i < len; i++) {
		char c = s[i];
		switch (c) {
		case '\\':
		case '`':
		case '*':
		case '_':
		case '[':
		case ']':
		case '<':
		case '>':
		case '|':
		case '~':
			sl_buf_putc(out, '\\');
			sl_buf_putc(out, c);
			break;
		case '&':
			sl_buf_puts(out, "&amp;");
			break;
		default:
			sl_buf_putc(out, c);
		}
	}
}

/* CommonMark ends a line at LF, CR or CRLF: all three are a break here,
 * or a CR would end a table row, or start an unescaped block. */
static void md_lines(sl_buf *out, const char *s, size_t len, const char *nl)
{
	size_t i, start = 0;
	for (i = 0; i <= len; i++) {
		if (i < len && s[i] != '\n' && s[i] != '\r')
			continue;
		md_line(out, s + start, i - start);
		if (i < len)
			sl_buf_puts(out, nl);
		if (i + 1 < len && s[i] == '\r' && s[i + 1] == '\n')
			i++;
		start = i + 1;
	}
}

void sl_escape_md(sl_buf *out, const char *s, size_t len)
{
	md_lines(out, s, len, "\\\n");
}

void sl_escape_md_cell(sl_buf *out, const char *s, size_t len)
{
	md_lines(out, s, len, "<br>");
}

bool sl_escape_is_formula(const char *s, size_t len)
{
	if (len == 0)
		return false;
	switch (s[0]) {
	case '=':
	case '+':
	case '-':
	case '@':
	case '\t':
	case '\r':
		return true;
	}
	return false;
}

void sl_escape_csv(sl_buf *out, const char *s, size_t len, bool neutralize)
{
	size_t i;
	bool quote = false, prefix;
	prefix = neutralize &&
		 (sl_escape_is_formula(s, len) || (len && s[0] == '\''));
	for (i = 0; i < len && !quote; i++)
		quote = s[i] == ',' || s[i] == '"' || s[i] == '\n' ||
			s[i] == '\r';
	if (!quote) {
		if (prefix)
			sl_buf_putc(out, '\'');
		sl_buf_put(out, s, len);
		return;
	}
	sl_buf_putc(out, '"');
	if (prefix)
		sl_buf_putc(out, '\'');
	for (i = 0; i < len; i++) {
		if (s[i] == '"')
			sl_buf_putc(out, '"');
		sl_buf_putc(out, s[i]);
	}
	sl_buf_putc(out, '"');
}

/*
 * The length of the character at s[i], and whether XML 1.0 may hold it.
 * It may not hold C0 controls other than tab, LF and CR, U+FFFE, U+FFFF
 * and surrogates, even as references, nor a byte that starts no valid
 * UTF-8 sequence (taken one byte at a time): a feed holding one is not
 * well-formed, and readers drop the whole feed. Sheet text is validated
 * on load; this is the last line before a reader.
 */
static size_t xml_char(const char *s, size_t len, size_t i, bool *ok)
{
	size_t at = i;
	int32_t cp;
	if (!sl_utf8_next(s, len, &at, &cp)) {
		*ok = false;
		return 1;
	}
	*ok = !((cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') ||
		cp == 0xFFFE || cp == 0xFFFF || (cp >= 0xD800 && cp <= 0xDFFF));
	return at - i;
}

void sl_escape_xml(sl_buf *out, const char *s, size_t len)
{
	size_t i = 0, run = 0;
	while (i < len) {
		bool ok;
		size_t n = xml_char(s, len, i, &ok);
		i += n;
		if (ok)
			continue;
		sl_escape_html(out, s + run, i - n - run);
		sl_buf_puts(out, "\xEF\xBF\xBD");
		run = i;
	}
	sl_escape_html(out, s + run, len - run);
}
