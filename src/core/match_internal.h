/*
 * match_internal.h: what the matcher's files share (match.c pairs, step
 * by step; match_vector.c scores; match_df.c counts document frequencies;
 * match_hungarian.c solves one component's assignment; match_alike.c
 * finds near-duplicate questions).
 */
#ifndef SL_MATCH_INTERNAL_H
#define SL_MATCH_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

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
/*
 * One thread's counts of features already in a table, for counting the
 * rest of the corpus on several threads once the table stops growing:
 * per slot, the stamp of the tally's last item that counted it and what
 * the tally adds to its df. Sums do not depend on the split, so merged
 * tallies give the df one loop gives.
 */
typedef struct sl_match_df_tally {
	uint32_t *stamp; /* owned, one per slot of the table */
	uint32_t *add;   /* owned, one per slot */
	uint32_t cur;    /* the current item's stamp */
} sl_match_df_tally;

/* A tally for table t (which must not grow until merged). @return 0 or
 * SL_ENOMEM */
int sl_match__df_tally_init(sl_match_df_tally *y, const sl_match_df *t);
/* Count h (if t has it) once for the tally's current item, adding
 * `times`; sl_match__df_tally_next starts the next item. */
void sl_match__df_tally_count(sl_match_df_tally *y, const sl_match_df *t,
			      uint32_t h, uint32_t times);
void sl_match__df_tally_next(sl_match_df_tally *y);
/* Add y's counts to t's df. */
void sl_match__df_tally_merge(sl_match_df *t, const sl_match_df_tally *y);
void sl_match__df_tally_dispose(sl_match_df_tally *y);
/* The df of h (1 when unknown). */
size_t sl_match__df_lookup(const sl_match_df *t, uint32_t h);
void sl_match__df_dispose(sl_match_df *t);

/* ---- the matcher's state, shared by match.c (the steps) and
 * match_vector.c (features, vectors and their cosines) ---- */
struct sl_item;
struct sl_match;

typedef struct sl_match__raw_feat {
	uint32_t h;
	uint8_t field;
} sl_match__raw_feat;

/*
 * An item's tf-idf vector, as two arrays in one allocation (w owns it):
 * n weights, then n hashes sorted ascending, each hash of (field, code
 * point pair). A question feature's weight is stored negated, which marks
 * its field without a byte of its own: a shared hash is the same field on
 * both sides, so products of weights are unchanged, exactly. 12 bytes a
 * feature instead of a padded 16 (a far diff holds tens of thousands of
 * vectors at once; issue 11).
 */
typedef struct sl_match__ivec {
	double *w;
	uint32_t *h;
	size_t n;
	double norm;
	double qnorm; /* the norm of the question's features alone */
} sl_match__ivec;

typedef struct sl_match__edge {
	size_t o, n; /* old index, new index */
	double w;
} sl_match__edge;

typedef struct sl_match__ctx {
	const struct sl_item *const *old_items;
	const struct sl_item *const *new_items;
	size_t n_old, n_new, total;
	/* total slots, old first, then new; pool items only */
	sl_match__ivec *vec;
	sl_match_df df; /* document frequencies over all total items */
	/* log(1 + total / df) for each df in 0..total (owned; [0] unused):
	 * the idf of a feature, computed once per value rather than once
	 * per feature of every pool item */
	double *idf;
	bool *pool_old, *pool_new;
	size_t *same_id; /* per old: new index with the same id, or NONE */
	/* Questions only (a sheet's near-duplicate search): category and
	 * answer features are neither counted nor kept. */
	bool question_only;
	sl_match__edge *edges;
	size_t edge_count, edge_cap;
} sl_match__ctx;

static inline bool sl_match__str_eq(const char *a, const char *b)
{
	return (!a || !b) ? a == b : !strcmp(a, b);
}

/* Pool item vectors of c (c->vec), weighted by df over all c->total items;
 * m: the pairs settled before any vector (NULL: every item is in the
 * pool). Uses the machine's cores for large pools. @return 0 or SL_ENOMEM */
int sl_match__build_vectors(sl_match__ctx *c, const struct sl_match *m);
/* c->vec and c->df freed (c itself is the caller's). */
void sl_match__vectors_dispose(sl_match__ctx *c);
/* The cosine of two vectors; of their question features alone. */
double sl_match__cosine(const sl_match__ivec *a, const sl_match__ivec *b);
double sl_match__question_cosine(const sl_match__ivec *a,
				 const sl_match__ivec *b);

/* One sheet's item vectors, for near-duplicate questions (match_alike.c;
 * built in match_vector.c, which owns the scoring). */
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
