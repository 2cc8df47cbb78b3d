/*
 * match.h: pairs the items of two versions of a sheet: by id, and where
 * ids were reused or shifted, by content. Never reads the repository.
 */
#ifndef SL_MATCH_H
#define SL_MATCH_H

#include <stddef.h>

#include "item.h"

/* The pairing's version: what sl_match_items pairs for given items. Bump
 * it with any change to the scoring or the steps, so that pairings kept
 * from an older build (the history cache, repo_walk_cache.h) are not
 * trusted. */
#define SL_MATCH_VERSION 2u

/* No partner. */
#define SL_MATCH_NONE ((size_t)-1)

typedef struct sl_match {
	size_t *old_to_new; /* owned; n_old entries: index in new, or NONE */
	size_t *new_to_old; /* owned; n_new entries: index in old, or NONE */
	size_t n_old;
	size_t n_new;
} sl_match;

/*
 * Pair old[i] with new[j]. The lists hold the items that may have changed
 * (items equal under the same id may be left out by the caller); each
 * list's ids are unique. The result is one assignment over all candidates
 * (match.c explains the scoring). @return 0 or SL_ENOMEM
 */
int sl_match_items(sl_match *out, const sl_item *const *old_items, size_t n_old,
		   const sl_item *const *new_items, size_t n_new);
void sl_match_dispose(sl_match *m);

/* Content similarity in [0, 1] of two items as sl_match_items scores it
 * (distinctive-text cosine over the given corpus of two); for tests and
 * diagnostics. @return 0 or SL_ENOMEM */
int sl_match_similarity(double *out, const sl_item *a, const sl_item *b);

/* Two items of one sheet that ask alike (indexes into the list). */
typedef struct sl_match_pair_alike {
	size_t a, b;     /* a < b */
	double question; /* the questions' similarity (the matcher's) */
} sl_match_pair_alike;

/*
 * Every pair of items whose questions are at least min alike, as the
 * matcher scores questions (question_sim, weights from these items as
 * the corpus): near-duplicate questions within a sheet. new: *out
 * (sl_free), *count pairs in list order. @return 0 or SL_ENOMEM
 */
int sl_match_alike(sl_match_pair_alike **out, size_t *count,
		   const sl_item *const *items, size_t n, double min);

#endif
