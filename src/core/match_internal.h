/*
 * match_internal.h: what the matcher's files share (match.c scores and
 * pairs; match_hungarian.c solves one component's assignment).
 */
#ifndef SL_MATCH_INTERNAL_H
#define SL_MATCH_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Hungarian method, minimising cost over an r x m matrix with r <= m;
 * a[i * m + j] is the cost. assign[i] is set to the column of row i.
 * @return 0 or SL_ENOMEM
 */
int sl_match__hungarian(size_t *assign, const double *a, size_t r, size_t m);

/* Document frequencies (match_df.c): feature hash -> the number of items
 * that have it. */
typedef struct sl_match_df_slot {
	uint32_t h;
	uint32_t df;
	uint32_t stamp; /* 0: empty */
} sl_match_df_slot;

typedef struct sl_match_df {
	sl_match_df_slot *slot;
	size_t mask; /* capacity - 1; capacity a power of two */
	size_t used;
	uint32_t stamp;
} sl_match_df;

/* Count h once for the current stamp, adding `times` items; a hash not in
 * the table is added when insert, else ignored. @return 0 or SL_ENOMEM */
int sl_match__df_count(sl_match_df *t, uint32_t h, uint32_t times, bool insert);
/* The df of h (1 when unknown). */
size_t sl_match__df_lookup(const sl_match_df *t, uint32_t h);
void sl_match__df_dispose(sl_match_df *t);

/* One sheet's item vectors, for near-duplicate questions (match_alike.c;
 * built in match.c, which owns the scoring). */
struct sl_item;
typedef struct sl_match__vecs sl_match__vecs;
/* new: *out (sl_match__vecs_free). @return 0 or SL_ENOMEM */
int sl_match__vecs_new(sl_match__vecs **out, const struct sl_item *const *items,
		       size_t n);
void sl_match__vecs_free(sl_match__vecs *v);
/* question_sim of items i and j */
double sl_match__vecs_question(const sl_match__vecs *v, size_t i, size_t j);
/* Up to max feature hashes of item i's question into h (sorted), with
 * their weights into w. @return how many were stored */
size_t sl_match__vecs_features(const sl_match__vecs *v, size_t i, uint32_t *h,
			       double *w, size_t max);
/* The norm of item i's question features (question_sim's divisor). */
double sl_match__vecs_qnorm(const sl_match__vecs *v, size_t i);

#endif
