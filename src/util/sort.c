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

/* One pass per key byte, through tmp and back: an even number of passes
 * (4 or 8), so the result ends in base. */
static void radix_sort(void *base, void *tmp, size_t n, size_t size,
		       size_t bytes)
{
	unsigned char *from = base, *to = tmp, *t;
	size_t count[256], i;
	unsigned shift;
	for (shift = 0; shift < 8 * bytes; shift += 8) {
		size_t sum = 0;
		memset(count, 0, sizeof(count));
		for (i = 0; i < n; i++)
			count[(key_at(from + i * size, bytes) >> shift) &
			      0xff]++;
		for (i = 0; i < 256; i++) {
			size_t c = count[i];
			count[i] = sum;
			sum += c;
		}
		for (i = 0; i < n; i++) {
			size_t b = (key_at(from + i * size, bytes) >> shift) &
				   0xff;
			memcpy(to + count[b]++ * size, from + i * size, size);
		}
		t = from;
		from = to;
		to = t;
	}
}

void sl_radix_sort32(void *base, void *tmp, size_t n, size_t size)
{
	radix_sort(base, tmp, n, size, sizeof(uint32_t));
}

void sl_radix_sort64(void *base, void *tmp, size_t n, size_t size)
{
	radix_sort(base, tmp, n, size, sizeof(uint64_t));
}
