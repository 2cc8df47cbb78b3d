/*
 * json_locate.c: the raw-text side of json.c, which needs no jansson:
 * jansson keeps no source positions per value, so these scan the text
 * itself to turn "key + offset in its string" into line:column, and to
 * name a syntax error jansson words obscurely (a trailing comma).
 */
#include "json.h"
#include "json_internal.h"

#include <string.h>

#include "error.h"
#include "utf8.h"

void sl_json__ws(const char *s, size_t len, size_t *i)
{
	while (*i < len && (s[*i] == ' ' || s[*i] == '\t' || s[*i] == '\n' ||
			    s[*i] == '\r'))
		(*i)++;
}

/* Skip a string starting at the opening quote; *i ends after the close. */
static void loc_skip_string(const char *s, size_t len, size_t *i)
{
	(*i)++;
	while (*i < len && s[*i] != '"') {
		if (s[*i] == '\\')
			(*i)++;
		(*i)++;
	}
	if (*i < len)
		(*i)++;
}

static void loc_skip_value(const char *s, size_t len, size_t *i)
{
	int depth = 0;
	while (*i < len) {
		char c = s[*i];
		if (c == '"') {
			loc_skip_string(s, len, i);
			if (depth == 0)
				return;
			continue;
		}
		if (c == '{' || c == '[') {
			depth++;
		} else if (c == '}' || c == ']') {
			if (depth == 0)
				return;
			depth--;
			if (depth == 0) {
				(*i)++;
				return;
			}
		} else if (depth == 0 && (c == ',' || c == ' ' || c == '\n' ||
					  c == '\t' || c == '\r')) {
			return;
		}
		(*i)++;
	}
}

/* Does the raw string at s[*i] (opening quote) equal key? Keys are plain
 * ASCII in every file we write; escaped keys simply do not match. */
static bool loc_key_is(const char *s, size_t len, size_t i, const char *key)
{
	size_t kl = strlen(key);
	return i + kl + 2 <= len && !memcmp(s + i + 1, key, kl) &&
	       s[i + 1 + kl] == '"';
}

bool sl_json__find_key(const char *s, size_t len, const char *key,
		       size_t *key_off, size_t *val_off)
{
	size_t i = 0;
	sl_json__ws(s, len, &i);
	if (i >= len || s[i] != '{')
		return false;
	i++;
	for (;;) {
		size_t k;
		bool match;
		sl_json__ws(s, len, &i);
		if (i >= len || s[i] != '"')
			return false;
		k = i;
		match = loc_key_is(s, len, i, key);
		loc_skip_string(s, len, &i);
		sl_json__ws(s, len, &i);
		if (i >= len || s[i] != ':')
			return false;
		i++;
		sl_json__ws(s, len, &i);
		if (match) {
			*key_off = k;
			*val_off = i;
			return true;
		}
		loc_skip_value(s, len, &i);
		sl_json__ws(s, len, &i);
		if (i >= len || s[i] != ',')
			return false;
		i++;
	}
}

/*
 * The four hex digits of a \u escape at s, as *out; a character that is
 * not a hex digit counts as 0 there. Shared by the locator (which reads
 * text jansson has accepted) and the fast path (which refuses).
 * @return 0, or -1 when one of the four is not a hex digit
 */
int sl_json__hex4(const char *s, unsigned *out)
{
	unsigned v = 0;
	int k, rc = 0;
	for (k = 0; k < 4; k++) {
		char c = s[k];
		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v |= (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			v |= (unsigned)(c - 'A' + 10);
		else
			rc = -1;
	}
	*out = v;
	return rc;
}

bool sl_json_locate(const char *data, size_t len, const char *key,
		    size_t decoded_off, int *line, int *col)
{
	size_t key_off, i, decoded = 0;
	*line = 1;
	*col = 1;
	if (!sl_json__find_key(data, len, key, &key_off, &i))
		return false;
	if (i < len && data[i] == '"') {
		i++;
		while (i < len && data[i] != '"' && decoded < decoded_off) {
			if (data[i] == '\\' && i + 1 < len) {
				if (data[i + 1] == 'u' && i + 6 <= len) {
					unsigned cp;
					(void)sl_json__hex4(data + i + 2, &cp);
					if (cp >= 0xD800 && cp <= 0xDBFF &&
					    i + 12 <= len) {
						decoded += 4;
						i += 12;
					} else {
						decoded += cp < 0x80    ? 1
							   : cp < 0x800 ? 2
									: 3;
						i += 6;
					}
				} else {
					decoded++;
					i += 2;
				}
			} else {
				decoded++;
				i++;
			}
		}
	}
	sl_utf8_line_col(data, len, i, line, col);
	return true;
}

bool sl_json_locate_element(const char *data, size_t len, const char *key,
			    size_t index, int *line, int *col)
{
	size_t key_off, i, k;
	*line = 1;
	*col = 1;
	if (!sl_json__find_key(data, len, key, &key_off, &i) || i >= len ||
	    data[i] != '[')
		return false;
	i++;
	for (k = 0;; k++) {
		sl_json__ws(data, len, &i);
		if (i >= len || data[i] == ']')
			return false;
		if (k == index)
			break;
		loc_skip_value(data, len, &i);
		sl_json__ws(data, len, &i);
		if (i >= len || data[i] != ',')
			return false;
		i++;
	}
	sl_utf8_line_col(data, len, i, line, col);
	return true;
}

/*
 * jansson reports a trailing comma ("{\"a\": 1,}") as "string or '}'
 * expected near '}'", which editors coming from JavaScript or Excel
 * macros do not recognise. On a failed parse, find the first comma
 * outside strings followed (after blanks) by '}' or ']', at or before the
 * byte where jansson stopped (pos, bytes), and name it. *comma is its
 * byte offset.
 */
bool sl_json__trailing_comma(size_t *comma, const char *s, size_t len,
			     size_t pos)
{
	size_t i = 0;
	while (i < len && i <= pos) {
		if (s[i] == '"') {
			loc_skip_string(s, len, &i);
			continue;
		}
		if (s[i] == ',') {
			size_t j = i + 1;
			sl_json__ws(s, len, &j);
			if (j < len && (s[j] == '}' || s[j] == ']')) {
				*comma = i;
				return true;
			}
		}
		i++;
	}
	return false;
}

int sl_json_replace_string(sl_buf *out, const char *data, size_t len,
			   const char *key, const char *value)
{
	size_t key_off, val_off, end;
	const unsigned char *v;

	if (!sl_json__find_key(data, len, key, &key_off, &val_off) ||
	    val_off >= len || data[val_off] != '"')
		return sl_error_set(SL_ENOTFOUND,
				    "no string \"%s\" at the top level", key);
	end = val_off;
	loc_skip_string(data, len, &end);
	sl_buf_put(out, data, val_off);
	sl_buf_putc(out, '"');
	/* The escapes jansson's dump writes, so a canonical file stays
	 * canonical (non-ASCII stays raw UTF-8). */
	for (v = (const unsigned char *)value; *v; v++) {
		switch (*v) {
		case '"':
			sl_buf_puts(out, "\\\"");
			break;
		case '\\':
			sl_buf_puts(out, "\\\\");
			break;
		case '\n':
			sl_buf_puts(out, "\\n");
			break;
		case '\t':
			sl_buf_puts(out, "\\t");
			break;
		case '\r':
			sl_buf_puts(out, "\\r");
			break;
		case '\b':
			sl_buf_puts(out, "\\b");
			break;
		case '\f':
			sl_buf_puts(out, "\\f");
			break;
		default:
			if (*v < 0x20)
				sl_buf_printf(out, "\\u%04X", *v);
			else
				sl_buf_putc(out, (char)*v);
		}
	}
	sl_buf_putc(out, '"');
	sl_buf_put(out, data + end, len - end);
	return sl_buf_oom(out) ? sl_error_oom() : 0;
}
