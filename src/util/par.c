/*
 * par.c: sl_par_for on C11 threads. Blocks are contiguous so that the
 * lowest failing index is simply the first failure of the lowest failing
 * block; each worker's error record is thread-local (error.c) and is
 * handed back with sl_error_restore.
 */
#include "par.h"

#include <stdatomic.h>
#include <threads.h>
#include <unistd.h>

#include "alloc.h"
#include "error.h"

#define PAR_MAX 8

typedef struct par_block {
	sl_par_fn fn;
	void *ctx;
	size_t begin, end;
	int rc;
	sl_error err; /* the worker's record when rc < 0 */
	thrd_t thread;
	int started;
} par_block;

static _Atomic size_t par_threads; /* 0: the online processors */

void sl_par_set_threads(size_t n)
{
	par_threads = n > PAR_MAX ? PAR_MAX : n;
}

size_t sl_par_threads(void)
{
	long n;
	if (sl_alloc_injecting())
		return 1;
	if (par_threads)
		return par_threads;
	n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > PAR_MAX ? PAR_MAX : (size_t)n;
}

static void run_block(par_block *b)
{
	size_t i;
	b->rc = 0;
	for (i = b->begin; i < b->end && b->rc == 0; i++)
		b->rc = b->fn(b->ctx, i);
	if (b->rc < 0)
		b->err = *sl_error_last();
}

static int block_main(void *arg)
{
	run_block(arg);
	return 0;
}

int sl_par_for(size_t n, size_t min_block, sl_par_fn fn, void *ctx)
{
	par_block blocks[PAR_MAX];
	size_t t = sl_par_threads(), k, i;

	if (t > PAR_MAX)
		t = PAR_MAX;
	if (min_block < 1)
		min_block = 1;
	if (t > n / min_block)
		t = n / min_block;
	if (t <= 1) {
		int rc = 0;
		for (i = 0; i < n && rc == 0; i++)
			rc = fn(ctx, i);
		return rc;
	}
	for (k = 0; k < t; k++) {
		blocks[k].fn = fn;
		blocks[k].ctx = ctx;
		blocks[k].begin = n * k / t;
		blocks[k].end = n * (k + 1) / t;
		blocks[k].started = 0;
	}
	for (k = 1; k < t; k++)
		blocks[k].started = thrd_create(&blocks[k].thread, block_main,
						&blocks[k]) == thrd_success;
	run_block(&blocks[0]);
	for (k = 1; k < t; k++) {
		if (blocks[k].started)
			thrd_join(blocks[k].thread, NULL);
		else
			run_block(&blocks[k]);
	}
	for (k = 0; k < t; k++)
		if (blocks[k].rc < 0)
			return sl_error_restore(&blocks[k].err);
	return 0;
}
