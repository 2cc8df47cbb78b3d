/*
 * json_internal.h: what json.c, json_approval.c and json_locate.c share:
 * the raw-text scanners over JSON text and the ending of a dumped
 * document (no jansson here either).
 */
#ifndef SL_JSON_INTERNAL_H
#define SL_JSON_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

/* Advance *i over JSON white space. */
void sl_json__ws(const char *s, size_t len, size_t *i);
/* Find top-level key of the object in s: byte offsets of its opening
 * quote (*key_off) and of its value (*val_off). Plain-ASCII keys only. */
bool sl_json__find_key(const char *s, size_t len, const char *key,
		       size_t *key_off, size_t *val_off);
/* The four hex digits of a \u escape at s as *out (a non-digit counts as
 * 0). @return 0, or -1 when one of the four is not a hex digit */
int sl_json__hex4(const char *s, unsigned *out);
/* On text jansson refused at byte pos: the first comma outside strings,
 * at or before pos, that only blanks separate from '}' or ']'.
 * @return true with *comma its byte offset */
bool sl_json__trailing_comma(size_t *comma, const char *s, size_t len,
			     size_t pos);
/* Append text (jansson's json_dumps() result, consumed; NULL when it
 * could not be made) and one newline to out.
 * @return 0 or SL_ENOMEM */
int sl_json__put_dump(sl_buf *out, char *text);

#endif
