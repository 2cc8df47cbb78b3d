/*
 * par.h: independent pieces of work spread over the machine's cores. The
 * caller's results must not depend on how the work was split: each index
 * is processed exactly once (until one fails) by a function that touches
 * only what belongs to that index.
 */
#ifndef SL_PAR_H
#define SL_PAR_H

#include <stddef.h>

/* Process piece i. @return 0 or an SL_E* code (with the error record set) */
typedef int (*sl_par_fn)(void *ctx, size_t i);

/* At most n threads from now on (1: none besides the caller; 0: as many
 * as online processors). More than 8 counts as 8. The CLI sets it from
 * SL_THREADS. */
void sl_par_set_threads(size_t n);
/* Threads sl_par_for uses: as set, else the online processors, at most 8;
 * always 1 while allocation failures are injected (alloc.h), so that the
 * Nth allocation stays the same one. */
size_t sl_par_threads(void);

/*
 * fn(ctx, i) for every i < n, in contiguous blocks of at least min_block
 * indices, one block per thread; the calling thread takes the first. A
 * block stops at its first failure. The result is what a loop over i
 * would give: 0, or the failure (code and error record) of the lowest
 * failing index. A thread that cannot be started leaves its block to the
 * caller. @return 0 or the failing call's code
 */
int sl_par_for(size_t n, size_t min_block, sl_par_fn fn, void *ctx);

#endif
