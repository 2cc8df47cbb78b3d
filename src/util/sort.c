/*
 * sort.c: sorts the generic qsort cannot do in linear time.
 */
#include "sort.h"

#include <stdint.h>
#include <string.h>

/* The key a record starts with, of 4 or 8 bytes. */
static uint64_t key_at(const unsigned char *p, size_t bytes)
{
	uint32_t k32;
	uint64_t k64;
	if (bytes == sizeof(k32)) {
		memcpy(&k32, p, sizeof(k32));
		return k32;
	}
	memcpy(&k64, p, sizeof(k64));
	return k64;
}

/* The scatter of one pass: record i of from to slot pos[d]++ of to, d
 * its key byte. A record of a size known here is copied with a
 * fixed-size memcpy, which the compiler turns into a move or two instead
 * of a call per record (the matcher sorts the 8-byte features of every
 * pool item, a few hundred at a time). */
#define SCATTER(SIZE)                                                      \
	for (i = 0; i < n; i++) {                                          \
		d = (key_at(from + i * (SIZE), bytes) >> shift) & 0xff;    \
		memcpy(to + pos[d]++ * (SIZE), from + i * (SIZE), (SIZE)); \
	}

/* One counting pass for all key bytes, then one scatter per byte through
 * tmp and back, except for a byte that every record shares (the pass
 * would move nothing); the result ends in base. */
static void radix_sort(void *base, void *tmp, size_t n, size_t size,
		       size_t bytes)
{
	unsigned char *from = base, *to = tmp, *t;
	size_t count[8][256], pos[256], i, p, d;
	unsigned shift;
	if (n < 2)
		return;
	memset(count, 0, bytes * sizeof(count[0]));
	for (i = 0; i < n; i++) {
		uint64_t k = key_at(from + i * size, bytes);
		for (p = 0; p < bytes; p++)
			count[p][(k >> (8 * p)) & 0xff]++;
	}
	for (p = 0; p < bytes; p++) {
		size_t sum = 0, b;
		shift = (unsigned)(8 * p);
		if (count[p][(key_at(from, bytes) >> shift) & 0xff] == n)
			continue;
		for (b = 0; b < 256; b++) {
			pos[b] = sum;
			sum += count[p][b];
		}
		if (size == 8) {
			SCATTER(8)
		} else if (size == 16) {
			SCATTER(16)
		} else if (size == 24) {
			SCATTER(24)
		} else {
			SCATTER(size)
		}
		t = from;
		from = to;
		to = t;
	}
	if (from != (unsigned char *)base)
		memcpy(base, from, n * size);
}

void sl_radix_sort32(void *base, void *tmp, size_t n, size_t size)
{
	radix_sort(base, tmp, n, size, sizeof(uint32_t));
}

void sl_radix_sort64(void *base, void *tmp, size_t n, size_t size)
{
	radix_sort(base, tmp, n, size, sizeof(uint64_t));
}
