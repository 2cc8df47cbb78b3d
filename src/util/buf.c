/*
 * buf.c: growable bytes with sticky OOM. Capacity grows by 1.5x so long
 * renders stay amortised linear.
 */
#include "buf.h"

#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "error.h"

void sl_buf_init(sl_buf *b)
{
	b->ptr = NULL;
	b->len = b->cap = 0;
	b->oom = false;
}

void sl_buf_dispose(sl_buf *b)
{
	sl_free(b->ptr);
	sl_buf_init(b);
}

void sl_buf_clear(sl_buf *b)
{
	b->len = 0;
	if (b->ptr)
		b->ptr[0] = '\0';
}

int sl_buf_grow(sl_buf *b, size_t extra)
{
	size_t need, cap;
	char *p;
	if (b->oom)
		return SL_ENOMEM;
	if (b->drain && b->len >= SL_BUF_DRAIN_AT) {
		if (b->drain(b->drain_ctx, b->ptr, b->len) < 0) {
			b->oom = true;
			return SL_ENOMEM;
		}
		b->len = 0;
		b->ptr[0] = '\0';
	}
	if (extra > (size_t)-1 - b->len - 1)
		goto fail;
	need = b->len + extra + 1;
	if (need <= b->cap)
		return 0;
	cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap = cap + cap / 2 + 8;
	p = sl_realloc(b->ptr, cap);
	if (!p)
		goto fail;
	/* A first allocation must already read as "" (see buf.h). */
	p[b->len] = '\0';
	b->ptr = p;
	b->cap = cap;
	return 0;
fail:
	b->oom = true;
	return sl_error_oom();
}

void sl_buf_set_drain(sl_buf *b, sl_buf_drain_fn fn, void *ctx)
{
	b->drain = fn;
	b->drain_ctx = ctx;
}

void sl_buf__put_slow(sl_buf *b, const char *data, size_t len)
{
	if (sl_buf_grow(b, len) < 0)
		return;
	if (len)
		memcpy(b->ptr + b->len, data, len);
	b->len += len;
	b->ptr[b->len] = '\0';
}

void sl_buf_vprintf(sl_buf *b, const char *fmt, va_list ap)
{
	va_list ap2;
	int n;
	char small[256];
	va_copy(ap2, ap);
	n = vsnprintf(small, sizeof(small), fmt, ap2);
	va_end(ap2);
	if (n < 0) {
		b->oom = true;
		return;
	}
	if ((size_t)n < sizeof(small)) {
		sl_buf_put(b, small, (size_t)n);
		return;
	}
	if (sl_buf_grow(b, (size_t)n) < 0)
		return;
	vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void sl_buf_printf(sl_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	sl_buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void sl_buf_truncate(sl_buf *b, size_t len)
{
	if (len < b->len) {
		b->len = len;
		b->ptr[len] = '\0';
	}
}

const char *sl_buf_cstr(const sl_buf *b)
{
	return b->ptr ? b->ptr : "";
}

char *sl_buf_detach(sl_buf *b, size_t *len_out)
{
	char *p;
	if (b->oom) {
		sl_buf_dispose(b);
		return NULL;
	}
	if (!b->ptr && sl_buf_grow(b, 0) < 0) {
		sl_buf_dispose(b);
		return NULL;
	}
	p = b->ptr;
	if (len_out)
		*len_out = b->len;
	sl_buf_init(b);
	return p;
}
