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

#include <math.h>
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
	double w; /* the bigram's weight in the item's question */
} posting;

/* A partner b of an item, through one shared rare bigram. */
typedef struct partner {
	uint32_t b;
	double dot; /* the product of the bigram's two weights */
} partner;

static int by_b(const void *pa, const void *pb)
{
	const sl_match_pair_alike *a = pa, *b = pb;
	return a->b < b->b ? -1 : a->b > b->b;
}

/* The postings of every item's question bigrams, sorted by hash, then
 * item, and each item's squared question norm (q2). new: *out (np
 * entries). @return 0 or SL_ENOMEM */
static int postings(posting **out, size_t *np_out, double *q2,
		    const sl_match__vecs *v, size_t n)
{
	posting *p = NULL, *tmp = NULL;
	uint32_t *h = sl_malloc(FEATURES_MAX * sizeof(*h));
	double *w = sl_malloc(FEATURES_MAX * sizeof(*w));
	size_t np = 0, pcap = 0, i, k;
	*out = NULL;
	*np_out = 0;
	if (!h || !w)
		goto oom;
	for (i = 0; i < n; i++) {
		size_t m = sl_match__vecs_features(v, i, h, w, FEATURES_MAX);
		q2[i] = sl_match__vecs_qnorm(v, i);
		q2[i] *= q2[i];
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
			p[np].w = w[k];
		}
	}
	/* By hash, then item: the postings were appended in item order and
	 * the radix sort is stable. */
	if (np && !(tmp = sl_malloc(np * sizeof(*tmp))))
		goto oom;
	if (np)
		sl_radix_sort32(p, tmp, np, sizeof(*p));
	sl_free(tmp);
	sl_free(h);
	sl_free(w);
	*out = p;
	*np_out = np;
	return 0;
oom:
	sl_free(p);
	sl_free(h);
	sl_free(w);
	return sl_error_oom();
}

/*
 * Candidate pairs (a < b) sharing a rare bigram that may reach min,
 * sorted, unique. Two alike items share several bigrams, so the pairs
 * the postings give repeat: they are bucketed by a (counted, then
 * filled), and each bucket sums its repeats per b (a stamp per b), which
 * gives the part of the dot product carried by rare bigrams. The rest
 * of each question's weight (common bigrams, rest2) can add at most
 * sqrt(rest2(a) * rest2(b)) (Cauchy-Schwarz), so a pair whose bound
 * stays under min cannot be near-duplicate and is not scored; a margin
 * far above rounding keeps every pair the exact score would keep.
 */
static int candidates(sl_match_pair_alike **out, size_t *count,
		      const sl_match__vecs *v, size_t n, double min)
{
	posting *p = NULL;
	sl_match_pair_alike *c = NULL;
	size_t *start = sl_calloc(n + 1, sizeof(*start));
	uint32_t *stamp = sl_calloc(n ? n : 1, sizeof(*stamp));
	double *q2 = sl_calloc(n ? n : 1, sizeof(*q2));
	double *rest2 = sl_calloc(n ? n : 1, sizeof(*rest2));
	double *acc = sl_calloc(n ? n : 1, sizeof(*acc));
	partner *part = NULL;
	size_t np = 0, nc = 0, i, run, x, y;
	int rc = (!start || !stamp || !q2 || !rest2 || !acc) ? sl_error_oom()
							     : 0;

	*out = NULL;
	*count = 0;
	if (rc == 0)
		rc = postings(&p, &np, q2, v, n);
	for (i = 0; rc == 0 && i < n; i++)
		rest2[i] = q2[i];
	/* Pass 1 counts each a's partners (and takes the rare bigrams'
	 * weight out of rest2), pass 2 places them. */
	for (int pass = 0; pass < 2 && rc == 0; pass++) {
		for (i = 0; i < np; i = run) {
			for (run = i + 1; run < np && p[run].h == p[i].h; run++)
				;
			if (run - i > POSTING_MAX)
				continue;
			for (x = i; x < run; x++) {
				if (pass == 0) {
					start[p[x].item + 1] += run - x - 1;
					rest2[p[x].item] -= p[x].w * p[x].w;
					continue;
				}
				for (y = x + 1; y < run; y++) {
					partner *t = &part[start[p[x].item]++];
					t->b = p[y].item;
					t->dot = p[x].w * p[y].w;
				}
			}
		}
		if (pass == 1)
			break;
		for (i = 0; i < n; i++)
			start[i + 1] += start[i];
		part = sl_malloc((start[n] ? start[n] : 1) * sizeof(*part));
		c = sl_malloc((start[n] ? start[n] : 1) * sizeof(*c));
		if (!part || !c)
			rc = sl_error_oom();
	}
	/* Pass 2 advanced each start[a] to the end of a's bucket, which is
	 * where a + 1's begins: a's bucket is [start[a - 1], start[a]). */
	for (i = 0; rc == 0 && i < n; i++) {
		size_t lo = i ? start[i - 1] : 0, hi = start[i], first = nc;
		double ra = rest2[i] > 0 ? rest2[i] : 0;
		for (x = lo; x < hi; x++) {
			uint32_t b = part[x].b;
			if (stamp[b] != i + 1) {
				stamp[b] = (uint32_t)(i + 1);
				acc[b] = 0;
				c[nc].a = i;
				c[nc++].b = b;
			}
			acc[b] += part[x].dot;
		}
		for (x = y = first; x < nc; x++) {
			size_t b = c[x].b;
			double rb = rest2[b] > 0 ? rest2[b] : 0;
			double bound =
				(acc[b] + sqrt(ra * rb)) / sqrt(q2[i] * q2[b]);
			if (q2[i] > 0 && q2[b] > 0 && bound < min - 1e-6)
				continue;
			c[y++] = c[x];
		}
		nc = y;
		if (nc - first > 1)
			qsort(c + first, nc - first, sizeof(*c), by_b);
	}
	sl_free(p);
	sl_free(part);
	sl_free(start);
	sl_free(stamp);
	sl_free(q2);
	sl_free(rest2);
	sl_free(acc);
	if (rc < 0) {
		sl_free(c);
		return rc;
	}
	*out = c;
	*count = nc;
	return 0;
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
		rc = candidates(&c, &nc, v, n, min);
	for (i = 0; i < nc && rc == 0; i++) {
		double q = sl_match__vecs_question(v, c[i].a, c[i].b);
		if (q < min)
			continue;
		c[k] = c[i];
		c[k].question = q;
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
