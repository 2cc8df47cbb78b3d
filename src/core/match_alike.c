/*
 * match_alike.c: near-duplicate questions within one sheet, scored by
 * the matcher's own question similarity (match.c). Comparing every pair
 * would be quadratic (a 20,000-item sheet has 2e8 pairs), so only items
 * that share a question bigram are compared, through postings of each
 * bigram; bigrams that many items share ("ますか") carry little weight
 * and are not followed (two items alike in the matcher's sense share
 * distinctive bigrams too).
 */
#include "match.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "error.h"
#include "match_internal.h"
#include "sort.h"

/* Bigrams held by more items than this are too common to point at
 * duplicates. */
#define POSTING_MAX 32
/* Question bigrams read per item (questions are short). */
#define FEATURES_MAX 512

typedef struct posting {
	uint32_t h;
	uint32_t item;
} posting;

static int by_pair(const void *pa, const void *pb)
{
	const sl_match_pair_alike *a = pa, *b = pb;
	if (a->a != b->a)
		return a->a < b->a ? -1 : 1;
	return a->b < b->b ? -1 : a->b > b->b;
}

/* Candidate pairs (a < b) sharing a rare bigram, sorted, unique. */
static int candidates(sl_match_pair_alike **out, size_t *count,
		      const sl_match__vecs *v, size_t n)
{
	posting *p = NULL, *tmp = NULL;
	sl_match_pair_alike *c = NULL;
	uint32_t *h = sl_malloc(FEATURES_MAX * sizeof(*h));
	size_t np = 0, pcap = 0, cap = 0, nc = 0, i, k, run, x, y;
	if (!h)
		return sl_error_oom();
	for (i = 0; i < n; i++) {
		size_t m = sl_match__vecs_features(v, i, h, FEATURES_MAX);
		/* Doubling, not a realloc per item: a sanitizer's realloc
		 * copies every time, which made a 100,000-item lint run for
		 * minutes. */
		while (np + m + 1 > pcap) {
			posting *grown =
				sl_array_grow(p, &pcap, sizeof(*p), 1024);
			if (!grown)
				goto oom;
			p = grown;
		}
		for (k = 0; k < m; k++, np++) {
			p[np].h = h[k];
			p[np].item = (uint32_t)i;
		}
	}
	/* By hash, then item: the postings were appended in item order and
	 * the radix sort is stable. */
	if (np && !(tmp = sl_malloc(np * sizeof(*tmp))))
		goto oom;
	if (np)
		sl_radix_sort32(p, tmp, np, sizeof(*p));
	sl_free(tmp);
	tmp = NULL;
	for (i = 0; i < np; i = run) {
		for (run = i + 1; run < np && p[run].h == p[i].h; run++)
			;
		if (run - i > POSTING_MAX)
			continue;
		for (x = i; x < run; x++)
			for (y = x + 1; y < run; y++) {
				if (nc == cap) {
					sl_match_pair_alike *g;
					cap = cap ? 2 * cap : 64;
					g = sl_reallocarray(c, cap, sizeof(*c));
					if (!g)
						goto oom;
					c = g;
				}
				c[nc].a = p[x].item;
				c[nc].b = p[y].item;
				nc++;
			}
	}
	if (nc)
		qsort(c, nc, sizeof(*c), by_pair);
	for (i = 0, k = 0; i < nc; i++)
		if (!k || c[i].a != c[k - 1].a || c[i].b != c[k - 1].b)
			c[k++] = c[i];
	sl_free(p);
	sl_free(h);
	*out = c;
	*count = k;
	return 0;
oom:
	sl_free(p);
	sl_free(c);
	sl_free(h);
	return sl_error_oom();
}

int sl_match_alike(sl_match_pair_alike **out, size_t *count,
		   const sl_item *const *items, size_t n, double min)
{
	sl_match__vecs *v = NULL;
	sl_match_pair_alike *c = NULL;
	size_t nc = 0, i, k = 0;
	int rc;
	*out = NULL;
	*count = 0;
	rc = sl_match__vecs_new(&v, items, n);
	if (rc == 0)
		rc = candidates(&c, &nc, v, n);
	for (i = 0; i < nc && rc == 0; i++) {
		double q = sl_match__vecs_question(v, c[i].a, c[i].b);
		if (q < min)
			continue;
		c[k] = c[i];
		c[k].question = q;
		c[k].content = sl_match__vecs_content(v, c[i].a, c[i].b);
		k++;
	}
	sl_match__vecs_free(v);
	if (rc < 0) {
		sl_free(c);
		return rc;
	}
	*out = c;
	*count = k;
	return 0;
}
