/*
 * error.c: the thread-local last-error record. Never allocates, so it can
 * report an out-of-memory failure.
 */
#include "error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static _Thread_local sl_error last_error;

int sl_error_set(int code, const char *fmt, ...)
{
	va_list ap;
	memset(&last_error, 0, sizeof(last_error));
	last_error.code = code;
	va_start(ap, fmt);
	vsnprintf(last_error.message, sizeof(last_error.message), fmt, ap);
	va_end(ap);
	return code;
}

int sl_error_wrap(const char *fmt, ...)
{
	char out[sizeof(last_error.message)];
	va_list ap;
	if (last_error.code == SL_ENOMEM)
		return last_error.code;
	/* Into a copy first: an argument may be the message itself. */
	va_start(ap, fmt);
	vsnprintf(out, sizeof(out), fmt, ap);
	va_end(ap);
	memcpy(last_error.message, out, sizeof(out));
	return last_error.code;
}

int sl_error_oom(void)
{
	memset(&last_error, 0, sizeof(last_error));
	last_error.code = SL_ENOMEM;
	strcpy(last_error.message, "out of memory");
	return SL_ENOMEM;
}

const sl_error *sl_error_last(void)
{
	return &last_error;
}

void sl_error_clear(void)
{
	memset(&last_error, 0, sizeof(last_error));
}

int sl_error_restore(const sl_error *err)
{
	last_error = *err;
	return err->code;
}

static void error_fill(char *field, size_t size, const char *value)
{
	if (field[0] || !value || !value[0])
		return;
	snprintf(field, size, "%s", value);
}

void sl_error_add_path(const char *path)
{
	error_fill(last_error.path, sizeof(last_error.path), path);
}

void sl_error_add_rev(const char *rev)
{
	error_fill(last_error.rev, sizeof(last_error.rev), rev);
}

void sl_error_add_item(const char *item_id)
{
	error_fill(last_error.item_id, sizeof(last_error.item_id), item_id);
}

void sl_error_add_loc(int line, int col)
{
	if (last_error.line > 0)
		return;
	last_error.line = line;
	last_error.col = col;
}

void sl_error_describe(char *out, size_t size, const sl_error *err)
{
	/* snprintf into the caller's array, never sl_buf: this runs when an
	 * allocation has just failed, and must still say so. */
	size_t n = 0;
	bool paren = false;
#define DESCRIBE(...)                                              \
	do {                                                       \
		int k_ = snprintf(out + n, size - n, __VA_ARGS__); \
		if (k_ > 0)                                        \
			n += (size_t)k_ < size - n ? (size_t)k_    \
						   : size - n - 1; \
	} while (0)
	if (!size)
		return;
	out[0] = '\0';
	DESCRIBE("%s", err->message[0] ? err->message : "unknown error");
	if (err->path[0]) {
		DESCRIBE(": %s", err->path);
		if (err->line > 0)
			DESCRIBE(":%d:%d", err->line, err->col);
	}
	if (err->item_id[0]) {
		DESCRIBE(" (item %s", err->item_id);
		paren = true;
	}
	if (err->rev[0]) {
		DESCRIBE("%srevision %s", paren ? ", " : " (", err->rev);
		paren = true;
	}
	if (paren)
		DESCRIBE(")");
#undef DESCRIBE
}
