/*
 * match_hungarian.c: the exact assignment step of the matcher (match.c
 * step 4), apart from the scoring: a dense minimum-cost assignment.
 */
#include "match_internal.h"

#include <math.h>
#include <stdbool.h>

#include "alloc.h"
#include "error.h"

/* The e-maxx formulation: potentials u (rows) and v (columns), one
 * augmenting path per row, O(r^2 m). */
int sl_match__hungarian(size_t *assign, const double *a, size_t r, size_t m)
{
	double *u = sl_calloc(r + 1, sizeof(double));
	double *v = sl_calloc(m + 1, sizeof(double));
	double *minv = sl_calloc(m + 1, sizeof(double));
	size_t *p = sl_calloc(m + 1, sizeof(size_t));
	size_t *way = sl_calloc(m + 1, sizeof(size_t));
	bool *used = sl_calloc(m + 1, sizeof(bool));
	size_t i, j;
	int rc = 0;

	if (!u || !v || !minv || !p || !way || !used) {
		rc = sl_error_oom();
		goto done;
	}
	for (i = 1; i <= r; i++) {
		size_t j0 = 0;
		p[0] = i;
		for (j = 0; j <= m; j++) {
			minv[j] = INFINITY;
			used[j] = false;
		}
		do {
			size_t i0 = p[j0], j1 = 0;
			double delta = INFINITY;
			used[j0] = true;
			for (j = 1; j <= m; j++) {
				double cur;
				if (used[j])
					continue;
				cur = a[(i0 - 1) * m + (j - 1)] - u[i0] - v[j];
				if (cur < minv[j]) {
					minv[j] = cur;
					way[j] = j0;
				}
				if (minv[j] < delta) {
					delta = minv[j];
					j1 = j;
				}
			}
			for (j = 0; j <= m; j++) {
				if (used[j]) {
					u[p[j]] += delta;
					v[j] -= delta;
				} else {
					minv[j] -= delta;
				}
			}
			j0 = j1;
		} while (p[j0] != 0);
		do {
			size_t j1 = way[j0];
			p[j0] = p[j1];
			j0 = j1;
		} while (j0);
	}
	for (j = 1; j <= m; j++)
		if (p[j])
			assign[p[j] - 1] = j - 1;
done:
	sl_free(u);
	sl_free(v);
	sl_free(minv);
	sl_free(p);
	sl_free(way);
	sl_free(used);
	return rc;
}
