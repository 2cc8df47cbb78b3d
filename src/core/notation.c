/*
 * notation.c: notation folding (NFKC, then whitespace). Spaces matter only
 * between two ASCII words ("a b" is not "ab"); around Japanese they are
 * layout, as are line breaks, so "VPN 接続" and "ＶＰＮ接続" fold alike.
 * Depends on utf8 only.
 */
#include "notation.h"

#include <stdint.h>
#include <string.h>

#include "error.h"
#include "utf8.h"

/* White_Space, line breaks included (sl_utf8_is_space leaves out \n, \r). */
static bool notation_is_space(int32_t cp)
{
	return cp == '\n' || cp == '\r' || sl_utf8_is_space(cp);
}

int sl_notation_fold(sl_buf *out, const char *s, size_t len)
{
	sl_buf nfkc = SL_BUF_INIT;
	size_t start = out->len, pos = 0, bad = 0;
	int32_t prev = -1, cp;
	bool gap = false;
	int rc;

	if (!sl_utf8_valid(s, len, &bad))
		return sl_error_set(SL_EINVALID, "invalid UTF-8 at byte %zu",
				    bad);
	rc = sl_utf8_nfkc(&nfkc, s, len);
	if (rc < 0)
		goto done;
	while (pos < nfkc.len) {
		size_t at = pos;
		if (!sl_utf8_next(nfkc.ptr, nfkc.len, &pos, &cp)) {
			rc = sl_error_set(SL_ERROR, "NFKC produced bad UTF-8");
			goto done;
		}
		if (notation_is_space(cp)) {
			gap = true;
			continue;
		}
		/* A gap after the first character and before this one: keep
		 * one space only between two ASCII characters. */
		if (gap && prev >= 0 && prev < 0x80 && cp < 0x80)
			sl_buf_putc(out, ' ');
		gap = false;
		sl_buf_put(out, nfkc.ptr + at, pos - at);
		prev = cp;
	}
	if (sl_buf_oom(out))
		rc = sl_error_oom();
done:
	if (rc < 0)
		sl_buf_truncate(out, start);
	sl_buf_dispose(&nfkc);
	return rc;
}

int sl_notation_equal(bool *out, const char *a, size_t a_len, const char *b,
		      size_t b_len)
{
	sl_buf fa = SL_BUF_INIT, fb = SL_BUF_INIT;
	int rc;
	*out = false;
	if ((rc = sl_notation_fold(&fa, a, a_len)) == 0 &&
	    (rc = sl_notation_fold(&fb, b, b_len)) == 0)
		*out = fa.len == fb.len &&
		       (fa.len == 0 || memcmp(fa.ptr, fb.ptr, fa.len) == 0);
	sl_buf_dispose(&fb);
	sl_buf_dispose(&fa);
	return rc;
}
