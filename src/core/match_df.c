/*
 * match_df.c: the matcher's document frequencies (match.c), one
 * open-addressing table keyed by feature hash.
 */
#include "match_internal.h"

#include <string.h>

#include "alloc.h"
#include "error.h"

/*
 * Document frequencies over every item given, in one open-addressing table
 * keyed by feature hash. Each item counts a feature once: the slot keeps
 * the stamp of the last item that counted it. Only pool items need
 * vectors, but df must see the whole corpus, so every item is folded and
 * hashed once; pairs already settled share the fields they have in common
 * (the same text folds to the same features), so an edited answer costs
 * the folding of its answer and not of its question.
 */
static size_t df_index(uint32_t h, size_t mask)
{
	return (size_t)((h * 2654435761u) ^ (h >> 16)) & mask;
}

static int df_grow(sl_match_df *t)
{
	size_t cap = t->slot ? (t->mask + 1) * 2 : 1024, i;
	sl_match_df_slot *s = sl_calloc(cap, sizeof(sl_match_df_slot));
	if (!s)
		return sl_error_oom();
	for (i = 0; t->slot && i <= t->mask; i++) {
		size_t j;
		if (!t->slot[i].stamp)
			continue;
		for (j = df_index(t->slot[i].h, cap - 1); s[j].stamp;
		     j = (j + 1) & (cap - 1))
			;
		s[j] = t->slot[i];
	}
	sl_free(t->slot);
	t->slot = s;
	t->mask = cap - 1;
	return 0;
}

/* Count h once for the current stamp, adding `times` items; a hash not in
 * the table is added when insert, else ignored. */
int sl_match__df_count(sl_match_df *t, uint32_t h, uint32_t times, bool insert)
{
	size_t j;
	if (insert && (!t->slot || (t->used + 1) * 2 > t->mask + 1)) {
		int rc = df_grow(t);
		if (rc < 0)
			return rc;
	}
	for (j = df_index(h, t->mask); t->slot[j].stamp;
	     j = (j + 1) & t->mask) {
		if (t->slot[j].h != h)
			continue;
		if (t->slot[j].stamp != t->stamp) {
			t->slot[j].stamp = t->stamp;
			t->slot[j].df += times;
		}
		return 0;
	}
	if (!insert)
		return 0;
	t->slot[j].h = h;
	t->slot[j].df = times;
	t->slot[j].stamp = t->stamp;
	t->used++;
	return 0;
}

int sl_match__df_tally_init(sl_match_df_tally *y, const sl_match_df *t)
{
	size_t n = t->slot ? t->mask + 1 : 1;
	y->stamp = sl_calloc(n, sizeof(*y->stamp));
	y->add = sl_calloc(n, sizeof(*y->add));
	y->cur = 1;
	if (!y->stamp || !y->add) {
		sl_match__df_tally_dispose(y);
		return sl_error_oom();
	}
	return 0;
}

void sl_match__df_tally_count(sl_match_df_tally *y, const sl_match_df *t,
			      uint32_t h, uint32_t times)
{
	size_t j;
	if (!t->slot)
		return;
	for (j = df_index(h, t->mask); t->slot[j].stamp;
	     j = (j + 1) & t->mask) {
		if (t->slot[j].h != h)
			continue;
		if (y->stamp[j] != y->cur) {
			y->stamp[j] = y->cur;
			y->add[j] += times;
		}
		return;
	}
}

void sl_match__df_tally_next(sl_match_df_tally *y)
{
	y->cur++;
}

void sl_match__df_tally_merge(sl_match_df *t, const sl_match_df_tally *y)
{
	size_t j;
	for (j = 0; t->slot && j <= t->mask; j++)
		t->slot[j].df += y->add[j];
}

void sl_match__df_tally_dispose(sl_match_df_tally *y)
{
	sl_free(y->stamp);
	sl_free(y->add);
	memset(y, 0, sizeof(*y));
}

size_t sl_match__df_lookup(const sl_match_df *t, uint32_t h)
{
	size_t j;
	if (!t->slot)
		return 1;
	for (j = df_index(h, t->mask); t->slot[j].stamp; j = (j + 1) & t->mask)
		if (t->slot[j].h == h)
			return t->slot[j].df;
	return 1;
}

void sl_match__df_dispose(sl_match_df *t)
{
	sl_free(t->slot);
	memset(t, 0, sizeof(*t));
}
