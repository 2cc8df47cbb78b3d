/*
 * test_sort.c: the radix sorts order records as a stable comparison sort
 * by their leading key would: every key bit counts (the 64-bit sort's
 * high bytes too), and records with equal keys keep their order.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "sort.h"

#define N 5000

typedef struct rec64 {
	uint64_t key;
	size_t seq; /* the position before sorting */
} rec64;

typedef struct rec32 {
	uint32_t key;
	uint32_t seq;
} rec32;

/* The stable comparison sort's order: by key, then by position. */
#define BY_KEY_THEN_SEQ(NAME, TYPE)                            \
	static int NAME(const void *pa, const void *pb)        \
	{                                                      \
		const TYPE *a = pa, *b = pb;                   \
		if (a->key != b->key)                          \
			return a->key < b->key ? -1 : 1;       \
		return a->seq < b->seq ? -1 : a->seq > b->seq; \
	}

BY_KEY_THEN_SEQ(by_key_then_seq64, rec64)
BY_KEY_THEN_SEQ(by_key_then_seq32, rec32)

/* A small deterministic generator: the test does not depend on rand(). */
static uint64_t next(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

/* Sort the N records of a (of `size` bytes, no padding) with radix and
 * a copy with the stable comparison sort cmp: the two must be the same
 * bytes. Frees a. */
static void check_sorts_like_qsort(void *a, size_t size,
				   int (*cmp)(const void *, const void *),
				   void (*radix)(void *, void *, size_t,
						 size_t))
{
	void *want = malloc(N * size), *tmp = malloc(N * size);
	assert_non_null(want);
	assert_non_null(tmp);
	memcpy(want, a, N * size);
	qsort(want, N, size, cmp);
	radix(a, tmp, N, size);
	assert_memory_equal(a, want, N * size);
	free(a);
	free(want);
	free(tmp);
}

/* Keys that differ only in their top byte, only in their bottom byte, and
 * many repeats: a pass that skipped a byte, or reordered equal keys,
 * gives another order than the stable comparison sort. */
static void test_sort__radix64_is_a_stable_sort_by_the_whole_key(void **state)
{
	rec64 *a = malloc(N * sizeof(*a));
	uint64_t s = 88172645463325252ull;
	size_t i;
	(void)state;
	assert_non_null(a);
	for (i = 0; i < N; i++) {
		uint64_t r = next(&s);
		switch (i % 4) {
		case 0:
			a[i].key = r;
			break;
		case 1:
			a[i].key = (r & 0xff) << 56; /* top byte only */
			break;
		case 2:
			a[i].key = r & 0xff; /* bottom byte only */
			break;
		default:
			a[i].key = 0x0123456789abcdefull; /* repeated */
			break;
		}
		a[i].seq = i;
	}
	check_sorts_like_qsort(a, sizeof(*a), by_key_then_seq64,
			       sl_radix_sort64);
}

static void test_sort__radix32_is_a_stable_sort_by_the_key(void **state)
{
	rec32 *a = malloc(N * sizeof(*a));
	uint64_t s = 2463534242ull;
	size_t i;
	(void)state;
	assert_non_null(a);
	for (i = 0; i < N; i++) {
		uint32_t r = (uint32_t)next(&s);
		a[i].key = i % 3 == 0 ? r : i % 3 == 1 ? r & 0xff000000u : 7u;
		a[i].seq = (uint32_t)i;
	}
	check_sorts_like_qsort(a, sizeof(*a), by_key_then_seq32,
			       sl_radix_sort32);
}

typedef struct rec32x3 {
	uint32_t key;
	uint32_t seq;
	uint32_t tag; /* 12 bytes: the generic copy, not a fixed-size one */
} rec32x3;

typedef struct rec64x3 {
	uint64_t key;
	uint64_t seq;
	uint64_t tag; /* 24 bytes, as match.c's keyed records */
} rec64x3;

BY_KEY_THEN_SEQ(by_key_then_seq32x3, rec32x3)
BY_KEY_THEN_SEQ(by_key_then_seq64x3, rec64x3)

/* A key byte that every record shares is a pass skipped: with the low
 * byte shared, three passes run, an odd number, and the records must
 * still end up sorted in base (not left in tmp). Records of 12 and 24
 * bytes take the other copies of the scatter. */
static void test_sort__shared_key_bytes_are_skipped_and_the_result_ends_in_base(
	void **state)
{
	rec32x3 *a = malloc(N * sizeof(*a));
	rec64x3 *b = malloc(N * sizeof(*b));
	uint64_t s = 1181783497276652981ull;
	size_t i;
	(void)state;
	assert_non_null(a);
	assert_non_null(b);
	for (i = 0; i < N; i++) {
		uint64_t r = next(&s);
		a[i].key = ((uint32_t)r & 0x00ffff00u) | 0x5au;
		a[i].seq = (uint32_t)i;
		a[i].tag = (uint32_t)(r >> 32);
		/* bytes 0, 3 and 5 to 7 shared: bytes 1, 2 and 4 sort */
		b[i].key = (r & 0x000000ff00ffff00ull) | 0x7700000000000033ull;
		b[i].seq = i;
		b[i].tag = r;
	}
	check_sorts_like_qsort(a, sizeof(*a), by_key_then_seq32x3,
			       sl_radix_sort32);
	check_sorts_like_qsort(b, sizeof(*b), by_key_then_seq64x3,
			       sl_radix_sort64);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
			test_sort__radix64_is_a_stable_sort_by_the_whole_key),
		cmocka_unit_test(
			test_sort__radix32_is_a_stable_sort_by_the_key),
		cmocka_unit_test(
			test_sort__shared_key_bytes_are_skipped_and_the_result_ends_in_base),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
