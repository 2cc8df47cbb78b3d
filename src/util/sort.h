/*
 * sort.h: sorts for hot paths, where a call per comparison costs more than
 * the work (the matcher sorts every pool item's features and all candidate
 * postings).
 */
#ifndef SL_SORT_H
#define SL_SORT_H

#include <stddef.h>

/*
 * Stable LSD radix sort of n records of `size` bytes by the uint32_t each
 * starts with (four byte passes through tmp, which holds n records): the
 * order of a stable comparison sort, without a call per comparison.
 */
void sl_radix_sort32(void *base, void *tmp, size_t n, size_t size);
/* The same by the uint64_t each record starts with (eight passes). */
void sl_radix_sort64(void *base, void *tmp, size_t n, size_t size);

#endif
