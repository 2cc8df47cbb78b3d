/* bytes.c: see bytes.h. */
#include "bytes.h"

uint64_t sl_fnv64(const unsigned char *p, size_t n)
{
	uint64_t h = 1469598103934665603ull;
	size_t i;
	for (i = 0; i < n; i++)
		h = (h ^ p[i]) * 1099511628211ull;
	return h;
}

void sl_le_put(sl_buf *b, uint64_t v, size_t n)
{
	unsigned char x[8];
	size_t i;
	for (i = 0; i < n; i++)
		x[i] = (unsigned char)(v >> (8 * i));
	sl_buf_put(b, (const char *)x, n);
}

uint64_t sl_le_get(const unsigned char *p, size_t n)
{
	uint64_t v = 0;
	size_t i;
	for (i = n; i-- > 0;)
		v = (v << 8) | p[i];
	return v;
}
