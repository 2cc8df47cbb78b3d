/*
 * buf.h: a growable byte buffer with a sticky out-of-memory flag (libgit2's
 * git_str, SQLite's sqlite3_str). Writers append freely and check
 * sl_buf_oom() once; after a failed allocation every append is a no-op.
 * The content is always NUL-terminated when ptr is not NULL.
 */
#ifndef SL_BUF_H
#define SL_BUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "common.h"

/* Where a streaming buffer's content goes (sl_buf_set_drain).
 * @return 0, or < 0 when it could not take it (its own error recorded) */
typedef int (*sl_buf_drain_fn)(void *ctx, const char *data, size_t len);

typedef struct sl_buf {
	char *ptr;             /* owned; NULL until the first append */
	size_t len;            /* bytes used, excluding the NUL terminator */
	size_t cap;            /* bytes allocated */
	bool oom;              /* an allocation failed; content is incomplete */
	sl_buf_drain_fn drain; /* NULL: keep everything */
	void *drain_ctx;
} sl_buf;

/* A streaming buffer hands its content on once it holds this much. */
#define SL_BUF_DRAIN_AT (256 * 1024)

#define SL_BUF_INIT                           \
	{                                     \
		NULL, 0, 0, false, NULL, NULL \
	}

void sl_buf_init(sl_buf *b);
void sl_buf_dispose(sl_buf *b);
void sl_buf_clear(sl_buf *b);
/*
 * Stream: once the content reaches SL_BUF_DRAIN_AT bytes, the next append
 * first hands it to fn and empties the buffer, so a long document never
 * sits in memory whole. Only for writers that append (no truncate, no
 * offsets kept into ptr). A drain failure fails the buffer as running out
 * of memory does (sticky); the drain says what went wrong.
 */
void sl_buf_set_drain(sl_buf *b, sl_buf_drain_fn fn, void *ctx);
/* Ensure room for extra more bytes. @return 0 or SL_ENOMEM (sticky) */
int sl_buf_grow(sl_buf *b, size_t extra);
/* The appends below when they need sl_buf_grow (buf.c). */
void sl_buf__put_slow(sl_buf *b, const char *data, size_t len);
/*
 * Append len bytes. Inline when the bytes fit and nothing is to be
 * drained or has failed, which is almost every append: a far diff's JSON
 * writer makes millions of small ones, and the call into sl_buf_grow for
 * each was a twentieth of the run (issue 11). Anything else takes the
 * one path that grows, drains and keeps the sticky flag.
 */
static inline void sl_buf_put(sl_buf *b, const char *data, size_t len)
{
	if (!b->oom && b->cap > b->len && len < b->cap - b->len &&
	    !(b->drain && b->len >= SL_BUF_DRAIN_AT)) {
		if (len)
			memcpy(b->ptr + b->len, data, len);
		b->len += len;
		b->ptr[b->len] = '\0';
		return;
	}
	sl_buf__put_slow(b, data, len);
}
static inline void sl_buf_puts(sl_buf *b, const char *s)
{
	sl_buf_put(b, s, strlen(s));
}
static inline void sl_buf_putc(sl_buf *b, char c)
{
	sl_buf_put(b, &c, 1);
}
void sl_buf_printf(sl_buf *b, const char *fmt, ...) SL_PRINTF(2, 3);
void sl_buf_vprintf(sl_buf *b, const char *fmt, va_list ap) SL_PRINTF(2, 0);
/* Truncate to len bytes (len <= b->len). */
void sl_buf_truncate(sl_buf *b, size_t len);
static inline bool sl_buf_oom(const sl_buf *b)
{
	return b->oom;
}
/* borrowed: NUL-terminated content, "" when empty; valid until next change */
const char *sl_buf_cstr(const sl_buf *b);
/* new: hand the content to the caller (free with sl_free); b is reset.
 * Returns NULL on OOM (and frees the partial content). */
char *sl_buf_detach(sl_buf *b, size_t *len_out);

#endif
