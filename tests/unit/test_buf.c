/*
 * test_buf.c: the small containers and the allocator under them: sl_buf
 * (growth, printf, detach, sticky out-of-memory), sl_vec, and the
 * allocation wrappers with their fault-injection hook. Every test that
 * arms sl_alloc_fail_after resets it with -1 before asserting, so a
 * failed assertion never leaves later tests starved of memory.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "buf.h"
#include "common.h"
#include "vec.h"

static int reset_alloc_hook(void **state)
{
	(void)state;
	sl_alloc_fail_after(-1);
	return 0;
}

/* --- sl_buf --- */

static void test_buf__init_is_empty_with_empty_cstr(void **state)
{
	sl_buf a = SL_BUF_INIT, b;
	(void)state;
	memset(&b, 0x5A, sizeof(b));
	sl_buf_init(&b);
	assert_null(a.ptr);
	assert_int_equal(a.len, 0);
	assert_false(sl_buf_oom(&a));
	assert_string_equal(sl_buf_cstr(&a), "");
	assert_null(b.ptr);
	assert_int_equal(b.len, 0);
	assert_int_equal(b.cap, 0);
	assert_false(b.oom);
	sl_buf_dispose(&a); /* disposing an untouched buffer is safe */
	assert_null(a.ptr);
}

static void test_buf__put_grows_and_keeps_every_byte(void **state)
{
	sl_buf b = SL_BUF_INIT;
	char chunk[37];
	size_t i, j;
	(void)state;
	for (i = 0; i < 1000; i++) {
		for (j = 0; j < sizeof(chunk); j++)
			chunk[j] = (char)('a' + (i + j) % 26);
		sl_buf_put(&b, chunk, sizeof(chunk));
		assert_int_equal(b.len, (i + 1) * sizeof(chunk));
		assert_true(b.cap > b.len);
		assert_int_equal(b.ptr[b.len], '\0');
	}
	for (i = 0; i < 1000; i++)
		for (j = 0; j < sizeof(chunk); j++)
			if (b.ptr[i * sizeof(chunk) + j] !=
			    (char)('a' + (i + j) % 26))
				fail_msg("byte %zu differs",
					 i * sizeof(chunk) + j);
	assert_false(sl_buf_oom(&b));
	sl_buf_dispose(&b);
	assert_null(b.ptr);
	assert_int_equal(b.len, 0);
	assert_int_equal(b.cap, 0);
}

static void test_buf__put_puts_putc_append_in_order(void **state)
{
	sl_buf b = SL_BUF_INIT;
	(void)state;
	sl_buf_put(&b, "ab\0cd", 5);
	sl_buf_puts(&b, "ef");
	sl_buf_putc(&b, 'g');
	sl_buf_putc(&b, '\0');
	sl_buf_put(&b, "", 0);
	assert_int_equal(b.len, 9);
	assert_memory_equal(b.ptr, "ab\0cdefg\0", 10);
	sl_buf_dispose(&b);
}

static void test_buf__printf_formats_short_output(void **state)
{
	sl_buf b = SL_BUF_INIT;
	(void)state;
	sl_buf_puts(&b, "> ");
	sl_buf_printf(&b, "%d-%s-%c-%zu", 42, "x", 'y', (size_t)7);
	assert_string_equal(sl_buf_cstr(&b), "> 42-x-y-7");
	assert_int_equal(b.len, 10);
	sl_buf_dispose(&b);
}

static void test_buf__printf_formats_output_longer_than_256_bytes(void **state)
{
	sl_buf b = SL_BUF_INIT;
	char big[1001];
	char *want;
	(void)state;
	memset(big, 'q', 1000);
	big[1000] = '\0';
	sl_buf_puts(&b, "head:");
	sl_buf_printf(&b, "[%s]%0300d|", big, 7);
	assert_int_equal(b.len, 5 + 1 + 1000 + 1 + 300 + 1);
	want = malloc(b.len + 1);
	assert_non_null(want);
	memcpy(want, "head:[", 6);
	memset(want + 6, 'q', 1000);
	want[1006] = ']';
	memset(want + 1007, '0', 299);
	want[1306] = '7';
	want[1307] = '|';
	want[1308] = '\0';
	assert_string_equal(sl_buf_cstr(&b), want);
	free(want);
	/* And a short append after the long one still lands at the end. */
	sl_buf_printf(&b, "%s", "!");
	assert_int_equal(b.len, 1309);
	assert_int_equal(b.ptr[1308], '!');
	assert_int_equal(b.ptr[1309], '\0');
	sl_buf_dispose(&b);
}

static void test_buf__printf_at_the_256_byte_boundary(void **state)
{
	sl_buf b = SL_BUF_INIT;
	size_t n;
	(void)state;
	/* 255, 256 and 257 bytes: either side of the stack buffer's size. */
	for (n = 255; n <= 257; n++) {
		size_t i;
		sl_buf_clear(&b);
		sl_buf_printf(&b, "%0*d", (int)n, 1);
		assert_int_equal(b.len, n);
		assert_int_equal(strlen(sl_buf_cstr(&b)), n);
		for (i = 0; i + 1 < n; i++)
			assert_int_equal(b.ptr[i], '0');
		assert_int_equal(b.ptr[n - 1], '1');
	}
	sl_buf_dispose(&b);
}

static void test_buf__truncate_and_clear_keep_nul_termination(void **state)
{
	sl_buf b = SL_BUF_INIT;
	size_t cap;
	(void)state;
	sl_buf_puts(&b, "hello world");
	sl_buf_truncate(&b, 5);
	assert_int_equal(b.len, 5);
	assert_string_equal(sl_buf_cstr(&b), "hello");
	sl_buf_truncate(&b, 99); /* longer than the content: no change */
	assert_string_equal(sl_buf_cstr(&b), "hello");
	cap = b.cap;
	sl_buf_clear(&b);
	assert_int_equal(b.len, 0);
	assert_string_equal(sl_buf_cstr(&b), "");
	assert_int_equal(b.cap, cap); /* the memory is kept for reuse */
	sl_buf_puts(&b, "again");
	assert_string_equal(sl_buf_cstr(&b), "again");
	sl_buf_dispose(&b);
}

static void test_buf__detach_hands_over_content_and_resets(void **state)
{
	sl_buf b = SL_BUF_INIT;
	size_t len = 0;
	char *p;
	(void)state;
	sl_buf_put(&b, "da\0ta", 5);
	p = sl_buf_detach(&b, &len);
	assert_non_null(p);
	assert_int_equal(len, 5);
	assert_memory_equal(p, "da\0ta", 6);
	assert_null(b.ptr);
	assert_int_equal(b.len, 0);
	assert_int_equal(b.cap, 0);
	/* The buffer is reusable and independent of the detached block. */
	sl_buf_puts(&b, "new");
	assert_string_equal(sl_buf_cstr(&b), "new");
	assert_memory_equal(p, "da\0ta", 6);
	sl_free(p);
	sl_buf_dispose(&b);
}

static void test_buf__detach_of_empty_buffer_is_empty_string(void **state)
{
	sl_buf b = SL_BUF_INIT;
	size_t len = 99;
	char *p;
	(void)state;
	p = sl_buf_detach(&b, &len);
	assert_non_null(p);
	assert_int_equal(len, 0);
	assert_string_equal(p, "");
	sl_free(p);
	p = sl_buf_detach(&b, NULL); /* len_out is optional */
	assert_non_null(p);
	assert_string_equal(p, "");
	sl_free(p);
}

static void test_buf__oom_on_first_append_is_sticky(void **state)
{
	sl_buf b = SL_BUF_INIT;
	long failures;
	size_t len = 0;
	char *p;
	(void)state;
	sl_alloc_fail_after(0);
	sl_buf_puts(&b, "abc");
	failures = sl_alloc_failures();
	sl_alloc_fail_after(-1);
	assert_int_equal(failures, 1);
	assert_true(sl_buf_oom(&b));
	assert_int_equal(b.len, 0);
	assert_null(b.ptr);
	/* Memory is back, but the flag stays: appends are no-ops. */
	sl_buf_puts(&b, "def");
	sl_buf_putc(&b, 'g');
	sl_buf_printf(&b, "%d", 12345);
	sl_buf_printf(&b, "%0400d", 1);
	assert_true(sl_buf_oom(&b));
	assert_int_equal(b.len, 0);
	assert_null(b.ptr);
	assert_string_equal(sl_buf_cstr(&b), "");
	assert_int_equal(sl_buf_grow(&b, 1), SL_ENOMEM);
	/* Detach reports the failure and resets the buffer. */
	p = sl_buf_detach(&b, &len);
	assert_null(p);
	assert_false(sl_buf_oom(&b));
	assert_null(b.ptr);
}

static void
test_buf__oom_mid_way_keeps_earlier_bytes_but_stays_failed(void **state)
{
	sl_buf b = SL_BUF_INIT;
	char big[300];
	size_t cap;
	(void)state;
	memset(big, 'x', sizeof(big));
	sl_buf_puts(&b, "hello");
	cap = b.cap;
	assert_true(cap > 6 && cap < sizeof(big));
	sl_alloc_fail_after(0);
	sl_buf_put(&b, big, sizeof(big)); /* needs a realloc: fails */
	sl_alloc_fail_after(-1);
	assert_true(sl_buf_oom(&b));
	assert_int_equal(b.len, 5);
	assert_string_equal(sl_buf_cstr(&b), "hello");
	/* Even an append that would fit the old capacity is dropped: the
	 * content is known to be incomplete. */
	sl_buf_putc(&b, '!');
	assert_int_equal(b.len, 5);
	assert_string_equal(sl_buf_cstr(&b), "hello");
	assert_null(sl_buf_detach(&b, NULL));
	assert_null(b.ptr);
	assert_int_equal(b.len, 0);
}

static void test_buf__oom_in_long_printf_is_sticky(void **state)
{
	sl_buf b = SL_BUF_INIT;
	(void)state;
	sl_buf_puts(&b, "ok");
	sl_alloc_fail_after(0);
	sl_buf_printf(&b, "%0500d", 3);
	sl_alloc_fail_after(-1);
	assert_true(sl_buf_oom(&b));
	assert_int_equal(b.len, 2);
	assert_string_equal(sl_buf_cstr(&b), "ok");
	sl_buf_dispose(&b);
	assert_false(sl_buf_oom(&b));
}

static void test_buf__grow_rejects_size_overflow(void **state)
{
	sl_buf b = SL_BUF_INIT;
	(void)state;
	sl_buf_puts(&b, "abc");
	assert_int_equal(sl_buf_grow(&b, SIZE_MAX), SL_ENOMEM);
	assert_true(sl_buf_oom(&b));
	assert_int_equal(b.len, 3);
	assert_string_equal(sl_buf_cstr(&b), "abc");
	sl_buf_dispose(&b);
}

static void test_buf__grow_reserves_without_changing_content(void **state)
{
	sl_buf b = SL_BUF_INIT;
	(void)state;
	assert_int_equal(sl_buf_grow(&b, 1000), 0);
	assert_true(b.cap >= 1001);
	assert_int_equal(b.len, 0);
	/* Allocated but empty: still a NUL-terminated "" (buf.h). */
	assert_non_null(b.ptr);
	assert_int_equal(b.ptr[0], '\0');
	assert_string_equal(sl_buf_cstr(&b), "");
	sl_buf_puts(&b, "z");
	assert_string_equal(sl_buf_cstr(&b), "z");
	sl_buf_dispose(&b);
}

/* --- sl_vec --- */

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void test_vec__push_grows_and_keeps_order(void **state)
{
	sl_vec v = SL_VEC_INIT;
	static int cells[100];
	size_t i;
	void *elem;
	(void)state;
	for (i = 0; i < 100; i++)
		assert_int_equal(sl_vec_push(&v, &cells[i]), 0);
	assert_int_equal(v.len, 100);
	assert_true(v.cap >= 100);
	for (i = 0; i < 100; i++)
		assert_ptr_equal(v.items[i], &cells[i]);
	i = 0;
	SL_VEC_FOREACH (&v, i, elem)
		assert_ptr_equal(elem, &cells[i]);
	assert_int_equal(i, 100);
	sl_vec_dispose(&v);
	assert_null(v.items);
	assert_int_equal(v.len, 0);
	assert_int_equal(v.cap, 0);
}

static void test_vec__reserve_sets_capacity_only(void **state)
{
	sl_vec v = SL_VEC_INIT;
	(void)state;
	assert_int_equal(sl_vec_reserve(&v, 40), 0);
	assert_int_equal(v.cap, 40);
	assert_int_equal(v.len, 0);
	assert_int_equal(sl_vec_reserve(&v, 10), 0); /* never shrinks */
	assert_int_equal(v.cap, 40);
	sl_vec_dispose(&v);
}

static void test_vec__push_failure_leaves_vector_unchanged(void **state)
{
	sl_vec v = SL_VEC_INIT;
	static int cells[17];
	size_t i, cap;
	void **items;
	int rc;
	(void)state;
	for (i = 0; i < 16; i++)
		assert_int_equal(sl_vec_push(&v, &cells[i]), 0);
	while (v.len < v.cap)
		assert_int_equal(sl_vec_push(&v, &cells[0]), 0);
	cap = v.cap;
	items = v.items;
	sl_alloc_fail_after(0);
	rc = sl_vec_push(&v, &cells[16]);
	sl_alloc_fail_after(-1);
	assert_int_equal(rc, SL_ENOMEM);
	assert_int_equal(v.len, cap);
	assert_int_equal(v.cap, cap);
	assert_ptr_equal(v.items, items);
	for (i = 0; i < 16; i++)
		assert_ptr_equal(v.items[i], &cells[i]);
	/* And it works again once memory is back. */
	assert_int_equal(sl_vec_push(&v, &cells[16]), 0);
	assert_ptr_equal(v.items[cap], &cells[16]);
	sl_vec_dispose(&v);
}

static void test_vec__sort_orders_elements(void **state)
{
	sl_vec v = SL_VEC_INIT;
	static const char *const in[] = {"pear", "apple", "fig", "banana"};
	size_t i;
	(void)state;
	sl_vec_sort(&v, cmp_str); /* empty: nothing to do */
	for (i = 0; i < SL_ARRAY_SIZE(in); i++)
		assert_int_equal(sl_vec_push(&v, (void *)(uintptr_t)in[i]), 0);
	sl_vec_sort(&v, cmp_str);
	assert_string_equal(v.items[0], "apple");
	assert_string_equal(v.items[1], "banana");
	assert_string_equal(v.items[2], "fig");
	assert_string_equal(v.items[3], "pear");
	sl_vec_dispose(&v);
}

static void test_vec__free_all_releases_elements(void **state)
{
	sl_vec v = SL_VEC_INIT;
	size_t i;
	(void)state;
	for (i = 0; i < 20; i++) {
		char *s = sl_strdup("element");
		assert_non_null(s);
		assert_int_equal(sl_vec_push(&v, s), 0);
	}
	assert_string_equal(v.items[19], "element");
	/* LeakSanitizer / valgrind fail the test if an element survives. */
	sl_vec_free_all(&v);
	assert_null(v.items);
	assert_int_equal(v.len, 0);
}

/* --- allocation wrappers --- */

static void test_alloc__fail_after_n_lets_n_allocations_succeed(void **state)
{
	void *a, *b, *c, *d;
	long failures;
	(void)state;
	sl_alloc_fail_after(2);
	a = sl_malloc(8);
	b = sl_calloc(2, 8);
	c = sl_malloc(8);
	d = sl_strdup("x");
	failures = sl_alloc_failures();
	sl_alloc_fail_after(-1);
	assert_non_null(a);
	assert_non_null(b);
	assert_null(c);
	assert_null(d);
	assert_int_equal(failures, 2);
	/* Reset: allocations succeed and the failure count starts over. */
	assert_int_equal(sl_alloc_failures(), 0);
	c = sl_malloc(8);
	assert_non_null(c);
	sl_free(a);
	sl_free(b);
	sl_free(c);
}

static void test_alloc__failed_realloc_keeps_old_block(void **state)
{
	char *p, *q;
	(void)state;
	p = sl_strdup("keep me");
	assert_non_null(p);
	sl_alloc_fail_after(0);
	q = sl_realloc(p, 4096);
	sl_alloc_fail_after(-1);
	assert_null(q);
	assert_string_equal(p, "keep me");
	sl_free(p);
}

static void test_alloc__reallocarray_rejects_overflow(void **state)
{
	void *p;
	(void)state;
	p = sl_malloc(16);
	assert_non_null(p);
	assert_null(sl_reallocarray(p, SIZE_MAX / 2 + 1, 2));
	assert_null(sl_reallocarray(NULL, SIZE_MAX, 8));
	/* The old block is still ours and still usable. */
	memset(p, 0xAB, 16);
	p = sl_reallocarray(p, 8, 4);
	assert_non_null(p);
	assert_int_equal(((unsigned char *)p)[15], 0xAB);
	sl_free(p);
}

static void test_alloc__strndup_copies_exactly_len_bytes(void **state)
{
	char *s;
	(void)state;
	s = sl_strndup("abcdef", 3);
	assert_non_null(s);
	assert_memory_equal(s, "abc", 4);
	sl_free(s);
	s = sl_strndup("a\0b", 3);
	assert_non_null(s);
	assert_memory_equal(s, "a\0b", 4);
	sl_free(s);
	s = sl_strndup("", 0);
	assert_non_null(s);
	assert_string_equal(s, "");
	sl_free(s);
	assert_null(sl_strdup(NULL));
	assert_null(sl_strndup("x", SIZE_MAX));
	sl_free(NULL); /* NULL-safe */
}

static void test_alloc__calloc_zeroes_and_handles_zero_sizes(void **state)
{
	unsigned char *p;
	size_t i;
	(void)state;
	p = sl_calloc(64, 4);
	assert_non_null(p);
	for (i = 0; i < 256; i++)
		assert_int_equal(p[i], 0);
	sl_free(p);
	p = sl_calloc(0, 4);
	assert_non_null(p);
	sl_free(p);
	p = sl_malloc(0);
	assert_non_null(p);
	sl_free(p);
}

#define T(f) cmocka_unit_test_teardown(f, reset_alloc_hook)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_buf__init_is_empty_with_empty_cstr),
		T(test_buf__put_grows_and_keeps_every_byte),
		T(test_buf__put_puts_putc_append_in_order),
		T(test_buf__printf_formats_short_output),
		T(test_buf__printf_formats_output_longer_than_256_bytes),
		T(test_buf__printf_at_the_256_byte_boundary),
		T(test_buf__truncate_and_clear_keep_nul_termination),
		T(test_buf__detach_hands_over_content_and_resets),
		T(test_buf__detach_of_empty_buffer_is_empty_string),
		T(test_buf__oom_on_first_append_is_sticky),
		T(test_buf__oom_mid_way_keeps_earlier_bytes_but_stays_failed),
		T(test_buf__oom_in_long_printf_is_sticky),
		T(test_buf__grow_rejects_size_overflow),
		T(test_buf__grow_reserves_without_changing_content),
		T(test_vec__push_grows_and_keeps_order),
		T(test_vec__reserve_sets_capacity_only),
		T(test_vec__push_failure_leaves_vector_unchanged),
		T(test_vec__sort_orders_elements),
		T(test_vec__free_all_releases_elements),
		T(test_alloc__fail_after_n_lets_n_allocations_succeed),
		T(test_alloc__failed_realloc_keeps_old_block),
		T(test_alloc__reallocarray_rejects_overflow),
		T(test_alloc__strndup_copies_exactly_len_bytes),
		T(test_alloc__calloc_zeroes_and_handles_zero_sizes),
	};
	return cmocka_run_group_tests_name("buf", tests, NULL, NULL);
}
