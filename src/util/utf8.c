/*
 * utf8.c: thin layer over utf8proc. Why grapheme clusters: a Japanese
 * reader sees "が" typed as か + U+3099 or a flag emoji as one character;
 * diffs and columns must never split them.
 */
#include "utf8.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "alloc.h"
#include "error.h"

bool sl_utf8_next(const char *s, size_t len, size_t *pos, int32_t *cp)
{
	const unsigned char *p = (const unsigned char *)s + *pos;
	size_t avail = len - *pos;
	unsigned char b0, lo = 0x80, hi = 0xBF;
	int32_t c;
	size_t n, k;

	if (*pos >= len)
		return false;
	b0 = p[0];
	/* Decoded by hand (this is the innermost loop of every scan), with
	 * the Unicode well-formedness table: no overlongs, no surrogates,
	 * nothing above U+10FFFF. */
	if (b0 < 0x80) {
		*cp = b0;
		(*pos)++;
		return true;
	}
	if (b0 >= 0xC2 && b0 <= 0xDF) {
		n = 2;
		c = b0 & 0x1F;
	} else if (b0 >= 0xE0 && b0 <= 0xEF) {
		n = 3;
		c = b0 & 0x0F;
		if (b0 == 0xE0)
			lo = 0xA0;
		else if (b0 == 0xED)
			hi = 0x9F;
	} else if (b0 >= 0xF0 && b0 <= 0xF4) {
		n = 4;
		c = b0 & 0x07;
		if (b0 == 0xF0)
			lo = 0x90;
		else if (b0 == 0xF4)
			hi = 0x8F;
	} else {
		return false;
	}
	if (avail < n || p[1] < lo || p[1] > hi)
		return false;
	for (k = 1; k < n; k++) {
		if (k > 1 && (p[k] & 0xC0) != 0x80)
			return false;
		c = (c << 6) | (p[k] & 0x3F);
	}
	*pos += n;
	*cp = c;
	return true;
}

bool sl_utf8_valid(const char *s, size_t len, size_t *bad_off)
{
	size_t pos = 0;
	int32_t cp;
	while (pos < len) {
		if (!sl_utf8_next(s, len, &pos, &cp)) {
			if (bad_off)
				*bad_off = pos;
			return false;
		}
	}
	return true;
}

void sl_utf8_put(sl_buf *out, int32_t cp)
{
	utf8proc_uint8_t tmp[4];
	utf8proc_ssize_t n = utf8proc_encode_char(cp, tmp);
	sl_buf_put(out, (const char *)tmp, (size_t)n);
}

/*
 * Characters whose grapheme-break class is "Other" and that never start
 * or continue an emoji or flag sequence: between two of them there is
 * always a boundary (UAX #29 GB999), so utf8proc need not be asked. This
 * covers nearly all of a Japanese sheet (ASCII, kana, CJK ideographs,
 * CJK punctuation, full-width forms). Combining marks (U+3099, U+302A..),
 * emoji such as 〰 U+3030 and 〽 U+303D are deliberately outside.
 */
static bool gb_simple(int32_t cp)
{
	return (cp >= 0x20 && cp < 0x7F) || (cp >= 0x3001 && cp <= 0x3029) ||
	       (cp >= 0x3041 && cp <= 0x3098) ||
	       (cp >= 0x309B && cp <= 0x309F) ||
	       (cp >= 0x30A1 && cp <= 0x30FF) ||
	       (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xFF01 && cp <= 0xFF5E);
}

int sl_utf8_graphemes(size_t **bounds_out, size_t *count_out, const char *s,
		      size_t len)
{
	size_t *bounds, count = 0, pos = 0, cap = len + 2;
	int32_t prev = -1, cp;
	utf8proc_int32_t state = 0;

	*bounds_out = NULL;
	*count_out = 0;
	/* Not zeroed: every slot up to count is written below. */
	bounds = sl_reallocarray(NULL, cap, sizeof(size_t));
	if (!bounds)
		return sl_error_oom();
	bounds[0] = 0;
	while (pos < len) {
		size_t start = pos;
		if (!sl_utf8_next(s, len, &pos, &cp)) {
			sl_free(bounds);
			return sl_error_set(SL_EINVALID,
					    "invalid UTF-8 at byte %zu", start);
		}
		if (prev >= 0) {
			bool brk;
			if (gb_simple(prev) && gb_simple(cp)) {
				brk = true;
				state = 0; /* nothing pending: re-derive from
					      prev */
			} else {
				brk = utf8proc_grapheme_break_stateful(prev, cp,
								       &state);
			}
			if (brk)
				bounds[++count] = start;
		}
		prev = cp;
	}
	if (len > 0)
		bounds[++count] = len;
	*bounds_out = bounds;
	*count_out = count;
	return 0;
}

/*
 * Per BMP code point: 0 not known yet, 1 NFKC leaves it alone in any
 * context (sl_utf8_is_nfkc_inert), 2 it may not. Filled on first use;
 * atomic because threads may fill it at once (each writes the same value).
 */
static _Atomic unsigned char nfkc_keeps_bmp[0x10000];

bool sl_utf8_nfkc_keeps(int32_t cp)
{
	unsigned char v;
	if (cp < 0x80)
		return true; /* NFKC never changes ASCII */
	if (cp > 0xFFFF)
		return false; /* rare: let utf8proc decide */
	v = atomic_load_explicit(&nfkc_keeps_bmp[cp], memory_order_relaxed);
	if (!v) {
		v = sl_utf8_is_nfkc_inert(cp) ? 1 : 2;
		atomic_store_explicit(&nfkc_keeps_bmp[cp], v,
				      memory_order_relaxed);
	}
	return v == 1;
}

int sl_utf8_nfkc(sl_buf *out, const char *s, size_t len)
{
	utf8proc_uint8_t *mapped = NULL;
	utf8proc_ssize_t n;
	size_t pos = 0;
	int32_t cp;
	if (len == 0)
		return 0;
	/* Most sheet text is kana, kanji and ASCII that NFKC keeps as they
	 * are: copying it is much cheaper than utf8proc's decompose and
	 * recompose, and gives the same bytes. */
	while (pos < len) {
		size_t next = pos;
		if (!sl_utf8_next(s, len, &next, &cp) ||
		    !sl_utf8_nfkc_keeps(cp))
			break;
		pos = next;
	}
	if (pos == len) {
		sl_buf_put(out, s, len);
		return sl_buf_oom(out) ? sl_error_oom() : 0;
	}
	n = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len,
			 &mapped,
			 UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT);
	if (n < 0) {
		if (n == UTF8PROC_ERROR_NOMEM)
			return sl_error_oom();
		return sl_error_set(SL_EINVALID, "cannot normalize: %s",
				    utf8proc_errmsg(n));
	}
	/* utf8proc allocates with malloc: copy, then release with free(). */
	sl_buf_put(out, (const char *)mapped, (size_t)n);
	free(mapped);
	return sl_buf_oom(out) ? sl_error_oom() : 0;
}

size_t sl_utf8_cols(const char *s, size_t len)
{
	size_t pos = 0, cols = 0;
	int32_t cp;
	while (pos < len) {
		if (!sl_utf8_next(s, len, &pos, &cp)) {
			pos++;
			cols++;
			continue;
		}
		int w = utf8proc_charwidth(cp);
		cols += w > 0 ? (size_t)w : 0;
	}
	return cols;
}

size_t sl_utf8_cps(const char *s, size_t len)
{
	size_t pos = 0, n = 0;
	int32_t cp;
	while (pos < len) {
		if (!sl_utf8_next(s, len, &pos, &cp))
			pos++;
		n++;
	}
	return n;
}

void sl_utf8_line_col(const char *s, size_t len, size_t off, int *line,
		      int *col)
{
	size_t pos = 0;
	int l = 1, c = 1;
	int32_t cp;
	if (off > len)
		off = len;
	while (pos < off) {
		if (!sl_utf8_next(s, len, &pos, &cp)) {
			pos++;
			c++;
			continue;
		}
		if (cp == '\n') {
			l++;
			c = 1;
		} else {
			c++;
		}
	}
	*line = l;
	*col = c;
}

bool sl_utf8_is_compat(int32_t cp)
{
	utf8proc_int32_t dst[32];
	utf8proc_ssize_t n;
	int last = 0;
	n = utf8proc_decompose_char(
		cp, dst, 32,
		UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT | UTF8PROC_STABLE, &last);
	if (n < 0)
		return false;
	if (n > 32)
		return true; /* only compatibility mappings are this long */
	/* Recompose, as NFKC does: a canonical pair (が -> か + ゛) comes back
	 * to cp, but a singleton (CJK compatibility ideograph U+F900 -> U+8C48)
	 * or a compatibility mapping (⽤ -> 用) does not. */
	n = utf8proc_normalize_utf32(dst, n,
				     UTF8PROC_COMPOSE | UTF8PROC_STABLE);
	return !(n == 1 && dst[0] == cp);
}

bool sl_utf8_is_compat_ideograph(int32_t cp)
{
	bool block = (cp >= 0x2E80 && cp <= 0x2FDF) || /* radicals */
		     (cp >= 0xF900 && cp <= 0xFAFF) || /* CJK compat */
		     (cp >= 0x2F800 && cp <= 0x2FA1F); /* supplement */
	return block && sl_utf8_is_compat(cp);
}

bool sl_utf8_is_fullwidth_ascii(int32_t cp)
{
	return cp >= 0xFF01 && cp <= 0xFF5E;
}

bool sl_utf8_is_japanese(int32_t cp)
{
	return (cp >= 0x2E80 && cp <= 0x2FDF) || /* radicals */
	       (cp >= 0x3000 && cp <= 0x30FF) || /* punctuation, kana */
	       (cp >= 0x31F0 && cp <= 0x31FF) || /* kana extensions */
	       (cp >= 0x3400 && cp <= 0x4DBF) || /* CJK ext A */
	       (cp >= 0x4E00 && cp <= 0x9FFF) || /* CJK */
	       (cp >= 0xF900 && cp <= 0xFAFF) || /* CJK compat */
	       (cp >= 0xFF00 && cp <= 0xFFEF) || /* full/half-width forms */
	       (cp >= 0x20000 && cp <= 0x3FFFF); /* CJK ext B and beyond */
}

bool sl_utf8_is_space(int32_t cp)
{
	switch (cp) {
	case ' ':
	case '\t':
	case 0x0B:
	case 0x0C:
	case 0x85:
	case 0xA0:
	case 0x1680:
	case 0x2028:
	case 0x2029:
	case 0x202F:
	case 0x205F:
	case 0x3000:
		return true;
	}
	return cp >= 0x2000 && cp <= 0x200A;
}

bool sl_utf8_is_punct(int32_t cp)
{
	utf8proc_category_t cat;
	if (cp < 0x80)
		return (cp >= 0x21 && cp <= 0x2F) ||
		       (cp >= 0x3A && cp <= 0x40) ||
		       (cp >= 0x5B && cp <= 0x60) || (cp >= 0x7B && cp <= 0x7E);
	cat = utf8proc_category(cp);
	return cat >= UTF8PROC_CATEGORY_PC && cat <= UTF8PROC_CATEGORY_PO;
}

bool sl_utf8_is_nfkc_inert(int32_t cp)
{
	utf8proc_category_t cat;
	if (cp > 0x20 && cp < 0x7F)
		return true;
	if (cp <= 0x20 || cp == 0x7F || sl_utf8_is_space(cp) || cp == 0x85)
		return false;
	if ((cp >= 0x1100 && cp <= 0x11FF) || (cp >= 0xA960 && cp <= 0xA97F) ||
	    (cp >= 0xD7B0 && cp <= 0xD7FF) || (cp >= 0x3130 && cp <= 0x318F))
		return false;
	cat = utf8proc_category(cp);
	if (cat == UTF8PROC_CATEGORY_MN || cat == UTF8PROC_CATEGORY_MC ||
	    cat == UTF8PROC_CATEGORY_ME)
		return false;
	/* Precomposed kana such as バ decompose canonically but recompose to
	 * themselves: inert. Only a mapping NFKC keeps matters. */
	return !sl_utf8_is_compat(cp);
}
