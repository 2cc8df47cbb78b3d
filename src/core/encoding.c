/*
 * encoding.c: UTF-8 <-> CP932 through iconv(3) (glibc ships the CP932
 * converter, Microsoft's mapping, as Excel uses), one character at a time
 * on the encoding side so that an unencodable character is located and,
 * when asked, replaced by its NFKC form.
 */
#include "encoding.h"

#include <errno.h>
#include <iconv.h>
#include <string.h>

#include "alloc.h"
#include "error.h"
#include "utf8.h"

int sl_encoding_parse(sl_encoding *out, const char *name)
{
	if (!strcmp(name, "auto"))
		*out = SL_ENC_AUTO;
	else if (!strcmp(name, "utf-8") || !strcmp(name, "utf8") ||
		 !strcmp(name, "UTF-8"))
		*out = SL_ENC_UTF8;
	else if (!strcmp(name, "cp932") || !strcmp(name, "CP932") ||
		 !strcmp(name, "shift_jis") || !strcmp(name, "sjis") ||
		 !strcmp(name, "Shift_JIS"))
		*out = SL_ENC_CP932;
	else
		return sl_error_set(SL_EUSAGE,
				    "unknown encoding '%s' (expected utf-8 or "
				    "cp932)",
				    name);
	return 0;
}

const char *sl_encoding_name(sl_encoding enc)
{
	return enc == SL_ENC_CP932 ? "cp932" : "utf-8";
}

/* Convert with iconv; *bad_off is the input offset where it stopped. */
static int convert(sl_buf *out, size_t *bad_off, const char *to,
		   const char *from, const char *data, size_t len)
{
	iconv_t cd = iconv_open(to, from);
	char *in = (char *)data;
	size_t left = len;
	int rc = 0;
	if (cd == (iconv_t)-1)
		return sl_error_set(SL_ERROR,
				    "the C library cannot convert %s to %s",
				    from, to);
	while (left > 0 && rc == 0) {
		char chunk[4096], *o = chunk;
		size_t room = sizeof(chunk);
		size_t r = iconv(cd, &in, &left, &o, &room);
		sl_buf_put(out, chunk, (size_t)(o - chunk));
		if (r == (size_t)-1 && errno != E2BIG) {
			*bad_off = (size_t)(in - data);
			rc = SL_EINVALID;
		}
	}
	iconv_close(cd);
	if (rc == 0 && sl_buf_oom(out))
		rc = sl_error_oom();
	return rc;
}

int sl_encoding_decode(sl_buf *out, sl_encoding *used, size_t *bad_off,
		       const char *data, size_t len, sl_encoding enc)
{
	size_t bad = 0, skip = 0;
	int rc;
	*bad_off = 0;
	if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3) &&
	    enc != SL_ENC_CP932) {
		enc = SL_ENC_UTF8;
		skip = 3;
	}
	if (enc == SL_ENC_AUTO)
		enc = sl_utf8_valid(data, len, &bad) ? SL_ENC_UTF8
						     : SL_ENC_CP932;
	if (used)
		*used = enc;
	if (enc == SL_ENC_UTF8) {
		if (!sl_utf8_valid(data + skip, len - skip, &bad)) {
			*bad_off = skip + bad;
			return sl_error_set(SL_EINVALID, "invalid UTF-8");
		}
		sl_buf_put(out, data + skip, len - skip);
		return sl_buf_oom(out) ? sl_error_oom() : 0;
	}
	rc = convert(out, bad_off, "UTF-8", "CP932", data, len);
	if (rc == SL_EINVALID)
		rc = sl_error_set(SL_EINVALID, "invalid CP932 (Shift_JIS)");
	return rc;
}

int sl_encoding_encode(sl_buf *out, size_t *bad_off, const char *text,
		       size_t len, sl_encoding enc, bool nfkc_fallback)
{
	iconv_t cd;
	size_t pos = 0;
	int rc = 0;
	*bad_off = 0;
	if (enc != SL_ENC_CP932) {
		sl_buf_put(out, text, len);
		return sl_buf_oom(out) ? sl_error_oom() : 0;
	}
	cd = iconv_open("CP932", "UTF-8");
	if (cd == (iconv_t)-1)
		return sl_error_set(SL_ERROR,
				    "the C library cannot convert UTF-8 to "
				    "CP932");
	while (pos < len && rc == 0) {
		/* Runs of ASCII go straight through. */
		size_t start = pos, r;
		int32_t cp;
		char buf[16], *o = buf, *in;
		size_t room = sizeof(buf), left;
		while (pos < len && (unsigned char)text[pos] < 0x80)
			pos++;
		sl_buf_put(out, text + start, pos - start);
		if (pos >= len)
			break;
		start = pos;
		if (!sl_utf8_next(text, len, &pos, &cp)) {
			*bad_off = start;
			rc = sl_error_set(SL_EINVALID, "invalid UTF-8");
			break;
		}
		in = (char *)text + start;
		left = pos - start;
		r = iconv(cd, &in, &left, &o, &room);
		if (r != (size_t)-1) {
			sl_buf_put(out, buf, (size_t)(o - buf));
			continue;
		}
		iconv(cd, NULL, NULL, NULL, NULL);
		if (nfkc_fallback) {
			sl_buf n = SL_BUF_INIT;
			rc = sl_utf8_nfkc(&n, text + start, pos - start);
			if (rc == 0 && (n.len != pos - start ||
					memcmp(n.ptr, text + start, n.len))) {
				o = buf;
				room = sizeof(buf);
				in = n.ptr;
				left = n.len;
				if (n.len < sizeof(buf) &&
				    iconv(cd, &in, &left, &o, &room) !=
					    (size_t)-1) {
					sl_buf_put(out, buf, (size_t)(o - buf));
					sl_buf_dispose(&n);
					continue;
				}
				iconv(cd, NULL, NULL, NULL, NULL);
			}
			sl_buf_dispose(&n);
			if (rc < 0)
				break;
		}
		*bad_off = start;
		rc = sl_error_set(SL_EINVALID, "U+%04X has no CP932 code",
				  (unsigned)cp);
	}
	iconv_close(cd);
	if (rc == 0 && sl_buf_oom(out))
		rc = sl_error_oom();
	return rc;
}
