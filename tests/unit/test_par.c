/*
 * test_par.c: sl_par_for processes every index once, on several threads
 * when asked, and reports what a plain loop would: the failure of the
 * lowest failing index, with that failure's error record, whichever
 * thread met it; injected allocation failures keep it on one thread.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdatomic.h>
#include <string.h>
#include <threads.h>

#include "alloc.h"
#include "error.h"
#include "par.h"

#define N 1000

typedef struct work {
	_Atomic int seen[N];
	thrd_t thread[N];
	long fail_at[2]; /* indices that fail, -1: none */
} work;

static int visit(void *ctx, size_t i)
{
	work *w = ctx;
	w->seen[i]++;
	w->thread[i] = thrd_current();
	if ((long)i == w->fail_at[0] || (long)i == w->fail_at[1])
		return sl_error_set(SL_EINVALID, "piece %zu failed", i);
	return 0;
}

static work *new_work(long a, long b)
{
	work *w = test_calloc(1, sizeof(*w));
	w->fail_at[0] = a;
	w->fail_at[1] = b;
	return w;
}

static void test_par__every_index_once_on_several_threads(void **state)
{
	work *w = new_work(-1, -1);
	size_t i, other = 0;
	(void)state;
	sl_par_set_threads(4);
	assert_int_equal(sl_par_for(N, 16, visit, w), 0);
	for (i = 0; i < N; i++) {
		assert_int_equal(w->seen[i], 1);
		other += !thrd_equal(w->thread[i], thrd_current());
	}
	/* Four blocks, the caller takes the first: three quarters elsewhere. */
	assert_int_equal(other, N - N / 4);
	sl_par_set_threads(0);
	test_free(w);
}

static void test_par__lowest_failing_index_wins(void **state)
{
	work *w = new_work(900, 300);
	(void)state;
	sl_par_set_threads(4);
	sl_error_clear();
	/* 900 and 300 fail on other threads; a loop would stop at 300. */
	assert_int_equal(sl_par_for(N, 16, visit, w), SL_EINVALID);
	assert_string_equal(sl_error_last()->message, "piece 300 failed");
	/* A block stops at its failure: nothing after 300 in its block. */
	assert_int_equal(w->seen[301], 0);
	assert_int_equal(w->seen[299], 1);
	sl_par_set_threads(0);
	test_free(w);
}

static void test_par__small_work_stays_on_the_caller(void **state)
{
	work *w = new_work(-1, -1);
	size_t i;
	(void)state;
	sl_par_set_threads(4);
	/* 20 pieces with blocks of at least 16: one block. */
	assert_int_equal(sl_par_for(20, 16, visit, w), 0);
	for (i = 0; i < 20; i++)
		assert_true(thrd_equal(w->thread[i], thrd_current()));
	assert_int_equal(w->seen[20], 0);
	sl_par_set_threads(0);
	test_free(w);
}

static void test_par__one_thread_while_allocations_fail(void **state)
{
	(void)state;
	sl_par_set_threads(4);
	assert_int_equal(sl_par_threads(), 4);
	sl_alloc_fail_after(1000);
	assert_int_equal(sl_par_threads(), 1);
	sl_alloc_fail_after(-1);
	assert_int_equal(sl_par_threads(), 4);
	sl_par_set_threads(0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_par__every_index_once_on_several_threads),
		cmocka_unit_test(test_par__lowest_failing_index_wins),
		cmocka_unit_test(test_par__small_work_stays_on_the_caller),
		cmocka_unit_test(test_par__one_thread_while_allocations_fail),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
