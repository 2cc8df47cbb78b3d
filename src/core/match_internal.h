/*
 * match_internal.h: what the matcher's files share (match.c scores and
 * pairs; match_hungarian.c solves one component's assignment).
 */
#ifndef SL_MATCH_INTERNAL_H
#define SL_MATCH_INTERNAL_H

#include <stddef.h>

/*
 * Hungarian method, minimising cost over an r x m matrix with r <= m;
 * a[i * m + j] is the cost. assign[i] is set to the column of row i.
 * @return 0 or SL_ENOMEM
 */
int sl_match__hungarian(size_t *assign, const double *a, size_t r, size_t m);

#endif
