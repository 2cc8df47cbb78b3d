/*
 * bytes.h: fixed-width integers in byte strings and the checksum of
 * sheetlog's own cache files (little-endian whatever the host is).
 */
#ifndef SL_BYTES_H
#define SL_BYTES_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

/* FNV-1a over p[0..n): the trailer of the cache files. */
uint64_t sl_fnv64(const unsigned char *p, size_t n);
/* Append the low n bytes (1 to 8) of v, least significant first. */
void sl_le_put(sl_buf *b, uint64_t v, size_t n);
/* Read n bytes (1 to 8) written by sl_le_put. */
uint64_t sl_le_get(const unsigned char *p, size_t n);

#endif
