/*
 * sort.c: sorts the generic qsort cannot do in linear time.
 */
#include "sort.h"

#include <stdint.h>
#include <string.h>

void sl_radix_sort32(void *base, void *tmp, size_t n, size_t size)
{
	unsigned char *from = base, *to = tmp, *t;
	size_t count[256], i;
	uint32_t key;
	int shift;
	for (shift = 0; shift < 32; shift += 8) {
		size_t sum = 0;
		memset(count, 0, sizeof(count));
		for (i = 0; i < n; i++) {
			memcpy(&key, from + i * size, sizeof(key));
			count[(key >> shift) & 0xff]++;
		}
		for (i = 0; i < 256; i++) {
			size_t c = count[i];
			count[i] = sum;
			sum += c;
		}
		for (i = 0; i < n; i++) {
			memcpy(&key, from + i * size, sizeof(key));
			memcpy(to + count[(key >> shift) & 0xff]++ * size,
			       from + i * size, size);
		}
		t = from; /* four passes: the result ends back in base */
		from = to;
		to = t;
	}
}

void sl_radix_sort64(void *base, void *tmp, size_t n, size_t size)
{
	unsigned char *from = base, *to = tmp, *t;
	size_t count[256], i;
	uint64_t key;
	int shift;
	for (shift = 0; shift < 64; shift += 8) {
		size_t sum = 0;
		memset(count, 0, sizeof(count));
		for (i = 0; i < n; i++) {
			memcpy(&key, from + i * size, sizeof(key));
			count[(key >> shift) & 0xff]++;
		}
		for (i = 0; i < 256; i++) {
			size_t c = count[i];
			count[i] = sum;
			sum += c;
		}
		for (i = 0; i < n; i++) {
			memcpy(&key, from + i * size, sizeof(key));
			memcpy(to + count[(key >> shift) & 0xff]++ * size,
			       from + i * size, size);
		}
		t = from; /* eight passes: the result ends back in base */
		from = to;
		to = t;
	}
}
