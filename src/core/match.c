/*
 * match.c: pairs old and new items by id, then by content; never reads the
 * repository.
 *
 * Scoring. Each item becomes a sparse vector of the character bigrams of
 * its NFKC-folded category, question and answer (tagged by field, weighted
 * question 1.0, answer 0.7, category 0.3, whitespace ignored), each bigram
 * weighted by (1 + log tf) * log(1 + N / df) over the N items given. Text
 * that repeats across items ("〜していますか。", "富士通グループの規定に則り
 * 実施しています。", "Verify that ...") has a high df and so little weight:
 * only distinctive content makes two items look alike. Similarity is the
 * cosine of two vectors.
 *
 * Identity. An item is what it asks: two items are the same item only
 * when their questions are related, question_sim >= QUESTION_MIN (the
 * cosine of the question features alone, same weights), whether they
 * share a number or not. A number whose old and new items ask unrelated
 * things was reused: both items take part in content matching like any
 * other, and when neither finds a partner the diff reports the number as
 * replaced (diff.c).
 *
 * Steps.
 * 1. Same id, and the same category and question (the common case: an
 *    edited answer), or similarity >= FIT with related questions: the
 *    same item; it stays paired.
 * 2. Everything else enters the pool: ids that vanished, ids that appeared,
 *    and same-id pairs whose content no longer fits their id.
 * 3. (Run before the similarity half of step 1, and before any vector is
 *    built: most pools empty here.) A pool item whose content (every field but
 * id, section and scope) is identical to exactly one pool item on the other
 * side, and vice versa, is paired at once: a pure renumbering.
 * 4. The rest is one maximum-weight assignment over all candidates, not a
 *    greedy pass. Only related items get an edge: between old o and new n
 *    it weighs sim(o, n) + QUESTION_WEIGHT * question_sim(o, n) when sim
 *    >= PAIR_MIN, and that + SAME_ID_BONUS whatever the sim when o and n
 *    share an id, so a heavily edited item stays itself unless its
 *    content clearly went elsewhere (a swap). A same-id pair whose
 *    questions are unrelated gets no edge at all. It is solved exactly
 *    (Hungarian method) per connected component of the edge graph. Items
 *    left without a partner are removed and added: when unsure, that
 *    misleads a reader less than a wrong pair.
 *
 * Cost. Only pool items get vectors, but their weights need df over all
 * N items, so every item is folded and its bigrams counted once, in one
 * hash table (no sort of the corpus); a pair settled before vectors folds
 * the fields it shares once. A diff with nothing left in the pool after
 * step 3 builds nothing.
 *
 * Worked example. A new 2-3 is inserted, shifting old 2-3..2-20 to
 * 2-4..2-21. The same-id pairs 2-3..2-20 no longer fit (new 2-k holds old
 * 2-(k-1)), so old 2-3..2-20 and new 2-3..2-21 enter the pool. Step 3
 * pairs old 2-k with new 2-(k+1), all 18 of them (identical content); new
 * 2-3 stays alone: 1 added and 18 renumbered, not 19 modified. Had old 2-9
 * also been edited, step 4 would pair it with new 2-10 by similarity.
 */
#include "match.h"
#include "match_internal.h"
#include "sort.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "error.h"
#include "par.h"
#include "strmap.h"

typedef sl_match__ivec ivec;
typedef sl_match__edge edge;
typedef sl_match__ctx ctx;

#define FIT 0.9
#define PAIR_MIN 0.55
#define SAME_ID_BONUS 0.25
/* Two items are the same item only when their questions are at least this
 * alike (question_sim). Calibrated on test_match_catalogue.c: the right
 * pairs there score 0.77 and up, numbers reused for another question 0.23
 * and below (the real 1-62 against a question on its own subject asked
 * anew: 0.12). */
#define QUESTION_MIN 0.3
/* An edge weighs the questions' similarity once more, times this: of two
 * candidates the one that asks the same thing wins. */
#define QUESTION_WEIGHT 0.5
/* Features held by at most this many items seed the candidate search. */
#define RARE_DF 64
/* Above this many nodes a component is assigned greedily by weight (the
 * Hungarian method is cubic); step 3 keeps real components far smaller. */
#define MAX_COMPONENT 600

/* A field into a content hash, eight bytes a step (a byte a step was a
 * fifth of a structural diff's matching: it hashes every changed item).
 * Only equal hashes are compared (content_equal), so the hash needs to
 * spread, not to be stable across builds. */
static uint64_t hash64(uint64_t h, const char *s)
{
	const uint64_t k = 0x9e3779b97f4a7c15ull;
	size_t len, i;
	uint64_t w;
	if (!s)
		return (h ^ 0xffu) * k;
	len = strlen(s);
	for (i = 0; i + 8 <= len; i += 8) {
		memcpy(&w, s + i, 8);
		h = (h ^ w) * k;
		h ^= h >> 29;
	}
	w = 0;
	memcpy(&w, s + i, len - i);
	h = (h ^ w ^ ((uint64_t)len << 56)) * k;
	return h ^ (h >> 32);
}

static uint64_t content_hash(const sl_item *it)
{
	uint64_t h = 1469598103934665603ull;
	size_t i;
	h = hash64(h, it->category);
	h = hash64(h, it->question);
	h = hash64(h, it->answer);
	for (i = 0; i < it->extra_count; i++) {
		h = hash64(h, it->extra[i].name);
		h = hash64(h, it->extra[i].text);
	}
	return h;
}

static bool content_equal(const sl_item *a, const sl_item *b)
{
	size_t i;
	if (!sl_match__str_eq(a->category, b->category) ||
	    !sl_match__str_eq(a->question, b->question) ||
	    !sl_match__str_eq(a->answer, b->answer) ||
	    a->extra_count != b->extra_count)
		return false;
	for (i = 0; i < a->extra_count; i++)
		if (strcmp(a->extra[i].name, b->extra[i].name) ||
		    !sl_match__str_eq(a->extra[i].text, b->extra[i].text))
			return false;
	return true;
}

static double sim(const ctx *c, size_t o, size_t n)
{
	return sl_match__cosine(&c->vec[o], &c->vec[c->n_old + n]);
}

static double question_sim(const ctx *c, size_t o, size_t n)
{
	return sl_match__question_cosine(&c->vec[o], &c->vec[c->n_old + n]);
}

/* Are o and n the same item at all? Only when they ask related things. */
static bool related(const ctx *c, size_t o, size_t n)
{
	return question_sim(c, o, n) >= QUESTION_MIN;
}

/* A growable list of edges (a thread's, while they are built). */
typedef struct edge_list {
	edge *v;
	size_t n, cap;
} edge_list;

static int add_edge(edge_list *l, size_t o, size_t n, double w)
{
	if (l->n == l->cap) {
		edge *g = sl_array_grow(l->v, &l->cap, sizeof(edge), 64);
		if (!g)
			return sl_error_oom();
		l->v = g;
	}
	l->v[l->n].o = o;
	l->v[l->n].n = n;
	l->v[l->n].w = w;
	l->n++;
	return 0;
}

static void pair(sl_match *m, ctx *c, size_t o, size_t n)
{
	m->old_to_new[o] = n;
	m->new_to_old[n] = o;
	c->pool_old[o] = false;
	c->pool_new[n] = false;
}

/* A few hundred items are not worth a thread (content hashes, postings,
 * edges, fits). */
#define PAR_BLOCK_MIN 512

/* Blocks to split n items into: one per thread, none smaller than
 * PAR_BLOCK_MIN. */
static size_t par_blocks(size_t n)
{
	size_t t = sl_par_threads();
	if (t > 8)
		t = 8;
	if (t < 2 || n < 2 * PAR_BLOCK_MIN)
		return 1;
	return t < n / PAR_BLOCK_MIN ? t : n / PAR_BLOCK_MIN;
}

/* ---- step 3: identical content ---- */

/* The content hashes of the pool items (old, then new), in blocks, one
 * per thread: a structural diff hashes every renumbered item. */
typedef struct hash_job {
	const ctx *c;
	uint64_t *h; /* total slots */
	size_t blocks;
} hash_job;

static int hash_block(void *arg, size_t b)
{
	hash_job *j = arg;
	const ctx *c = j->c;
	size_t k, end = c->total * (b + 1) / j->blocks;
	for (k = c->total * b / j->blocks; k < end; k++) {
		if (k < c->n_old ? c->pool_old[k] : c->pool_new[k - c->n_old])
			j->h[k] = content_hash(
				k < c->n_old ? c->old_items[k]
					     : c->new_items[k - c->n_old]);
	}
	return 0;
}

typedef struct keyed {
	uint64_t key;
	size_t index;
	bool is_new;
} keyed;

static int pair_identical(sl_match *m, ctx *c)
{
	keyed *k = sl_calloc(c->total ? c->total : 1, sizeof(keyed));
	hash_job hj = {c, NULL, par_blocks(c->total)};
	size_t n = 0, i, j;
	hj.h = sl_calloc(c->total ? c->total : 1, sizeof(uint64_t));
	if (!k || !hj.h) {
		sl_free(k);
		sl_free(hj.h);
		return sl_error_oom();
	}
	(void)sl_par_for(hj.blocks, 1, hash_block, &hj); /* cannot fail */
	for (i = 0; i < c->n_old; i++)
		if (c->pool_old[i])
			k[n++] = (keyed){hj.h[i], i, false};
	for (i = 0; i < c->n_new; i++)
		if (c->pool_new[i])
			k[n++] = (keyed){hj.h[c->n_old + i], i, true};
	sl_free(hj.h);
	/* Appended old before new, each by index: a stable sort by key
	 * orders each key's items old first, then by index. */
	if (n > 1) {
		keyed *tmp = sl_malloc(n * sizeof(*tmp));
		if (!tmp) {
			sl_free(k);
			return sl_error_oom();
		}
		sl_radix_sort64(k, tmp, n, sizeof(keyed));
		sl_free(tmp);
	}
	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && k[j].key == k[i].key; j++)
			;
		/* Exactly one old and one new with this content. */
		if (j - i == 2 && !k[i].is_new && k[i + 1].is_new &&
		    content_equal(c->old_items[k[i].index],
				  c->new_items[k[i + 1].index]))
			pair(m, c, k[i].index, k[i + 1].index);
	}
	sl_free(k);
	return 0;
}

/* ---- step 4: candidate edges ---- */

/* An edge between related o and n with similarity s (plus bonus): its
 * weight counts their questions (what identifies an item) once more. */
static int add_related_edge(edge_list *l, const ctx *c, size_t o, size_t n,
			    double s, double bonus)
{
	double q = question_sim(c, o, n);
	if (q < QUESTION_MIN)
		return 0; /* unrelated: e.g. a reused number */
	return add_edge(l, o, n, s + QUESTION_WEIGHT * q + bonus);
}

typedef struct posting {
	uint32_t h;
	size_t n;
} posting;

/*
 * The candidate edges are built in contiguous blocks of the new items
 * (their postings) and then of the old items (their edges), one block per
 * thread, each into lists of its own; the lists are joined in block
 * order, so postings and edges come out in the order one loop gives
 * (issue 11: a far diff's edges were a fifth of its matching).
 */
typedef struct edge_job {
	ctx *c;
	size_t blocks;
	bool olds;     /* the edges step (else the postings) */
	posting *post; /* the postings, sorted (the edges step) */
	size_t np;
	/* per block */
	posting *bpost[8];
	size_t bnp[8], bcap[8];
	edge_list bedges[8];
} edge_job;

static int postings_block(edge_job *j, size_t b)
{
	ctx *c = j->c;
	size_t k, f, end = c->n_new * (b + 1) / j->blocks;
	for (k = c->n_new * b / j->blocks; k < end; k++) {
		const ivec *v = &c->vec[c->n_old + k];
		if (!c->pool_new[k])
			continue;
		for (f = 0; f < v->n; f++) {
			if (sl_match__df_lookup(&c->df, v->h[f]) > RARE_DF)
				continue;
			if (j->bnp[b] == j->bcap[b]) {
				posting *g =
					sl_array_grow(j->bpost[b], &j->bcap[b],
						      sizeof(posting), 256);
				if (!g)
					return sl_error_oom();
				j->bpost[b] = g;
			}
			j->bpost[b][j->bnp[b]].h = v->h[f];
			j->bpost[b][j->bnp[b]++].n = k;
		}
	}
	return 0;
}

static int edges_block(edge_job *j, size_t b)
{
	ctx *c = j->c;
	edge_list *l = &j->bedges[b];
	const posting *post = j->post;
	size_t i, f, np = j->np, end = c->n_old * (b + 1) / j->blocks;
	size_t *mark = sl_calloc(c->n_new ? c->n_new : 1, sizeof(size_t));
	int rc = 0;
	if (!mark)
		return sl_error_oom();
	for (i = 0; i < c->n_new; i++)
		mark[i] = SL_MATCH_NONE;
	for (i = c->n_old * b / j->blocks; i < end && rc == 0; i++) {
		const ivec *v = &c->vec[i];
		size_t sid = c->same_id[i];
		if (!c->pool_old[i])
			continue;
		if (sid != SL_MATCH_NONE && c->pool_new[sid]) {
			mark[sid] = i;
			rc = add_related_edge(l, c, i, sid, sim(c, i, sid),
					      SAME_ID_BONUS);
		}
		for (f = 0; f < v->n && rc == 0; f++) {
			size_t lo = 0, hi = np;
			uint32_t h = v->h[f];
			if (sl_match__df_lookup(&c->df, h) > RARE_DF)
				continue;
			while (lo < hi) {
				size_t mid = lo + (hi - lo) / 2;
				if (post[mid].h < h)
					lo = mid + 1;
				else
					hi = mid;
			}
			for (; lo < np && post[lo].h == h && rc == 0; lo++) {
				size_t n = post[lo].n;
				double s;
				if (mark[n] == i)
					continue;
				mark[n] = i;
				s = sim(c, i, n);
				if (s >= PAIR_MIN)
					rc = add_related_edge(l, c, i, n, s, 0);
			}
		}
	}
	sl_free(mark);
	return rc;
}

/* sl_par_fn: block b of the step job says. */
static int edge_step(void *arg, size_t b)
{
	edge_job *j = arg;
	return j->olds ? edges_block(j, b) : postings_block(j, b);
}

static int build_edges(ctx *c)
{
	edge_job j;
	size_t b, k, total = 0;
	int rc;

	memset(&j, 0, sizeof(j));
	j.c = c;
	j.blocks = par_blocks(c->n_new);
	rc = sl_par_for(j.blocks, 1, edge_step, &j);
	for (b = 0; b < j.blocks; b++)
		total += j.bnp[b];
	if (rc == 0 && total) {
		j.post = sl_reallocarray(NULL, total, sizeof(posting));
		if (!j.post)
			rc = sl_error_oom();
	}
	for (b = 0; b < j.blocks; b++) {
		if (rc == 0 && j.bnp[b])
			memcpy(j.post + j.np, j.bpost[b],
			       j.bnp[b] * sizeof(posting));
		j.np += rc == 0 ? j.bnp[b] : 0;
		sl_free(j.bpost[b]);
	}
	/* Appended by item, so a stable sort by hash orders (hash, item). */
	if (rc == 0 && j.np > 1) {
		posting *tmp = sl_calloc(j.np, sizeof(*tmp));
		if (!tmp)
			rc = sl_error_oom();
		else
			sl_radix_sort32(j.post, tmp, j.np, sizeof(*j.post));
		sl_free(tmp);
	}
	j.olds = true;
	j.blocks = par_blocks(c->n_old);
	if (rc == 0)
		rc = sl_par_for(j.blocks, 1, edge_step, &j);
	for (b = 0, total = 0; b < j.blocks; b++)
		total += j.bedges[b].n;
	if (rc == 0 && total) {
		c->edges = sl_reallocarray(NULL, total, sizeof(edge));
		if (!c->edges)
			rc = sl_error_oom();
		else
			c->edge_cap = total;
	}
	for (b = 0; b < j.blocks; b++) {
		for (k = 0; rc == 0 && k < j.bedges[b].n; k++)
			c->edges[c->edge_count++] = j.bedges[b].v[k];
		sl_free(j.bedges[b].v);
	}
	sl_free(j.post);
	return rc;
}

/* ---- step 4: assignment ---- */

static size_t uf_find(size_t *parent, size_t x)
{
	while (parent[x] != x) {
		parent[x] = parent[parent[x]];
		x = parent[x];
	}
	return x;
}

static int edge_weight_cmp(const void *a, const void *b)
{
	const edge *x = a, *y = b;
	if (x->w != y->w)
		return x->w > y->w ? -1 : 1;
	if (x->o != y->o)
		return x->o < y->o ? -1 : 1;
	return x->n < y->n ? -1 : x->n > y->n;
}

/* The index of v in list[0..*n), appended (*n grown) when absent; list
 * has room. Components are small (MAX_COMPONENT): a scan will do. */
static size_t slot_of(size_t *list, size_t *n, size_t v)
{
	size_t i;
	for (i = 0; i < *n && list[i] != v; i++)
		;
	if (i == *n)
		list[(*n)++] = v;
	return i;
}

/* Solve one component given as its edges (indices into c->edges). */
static int solve_component(sl_match *m, ctx *c, const size_t *eidx, size_t ne)
{
	size_t *rows = NULL, *cols = NULL, nr = 0, nc = 0, i, k;
	double *cost = NULL;
	size_t *assign = NULL;
	bool transpose;
	int rc = 0;

	rows = sl_calloc(ne, sizeof(size_t));
	cols = sl_calloc(ne, sizeof(size_t));
	if (!rows || !cols) {
		rc = sl_error_oom();
		goto done;
	}
	for (k = 0; k < ne; k++) {
		(void)slot_of(rows, &nr, c->edges[eidx[k]].o);
		(void)slot_of(cols, &nc, c->edges[eidx[k]].n);
	}
	if (nr + nc > MAX_COMPONENT) {
		edge *sorted = sl_calloc(ne, sizeof(edge));
		if (!sorted) {
			rc = sl_error_oom();
			goto done;
		}
		for (k = 0; k < ne; k++)
			sorted[k] = c->edges[eidx[k]];
		qsort(sorted, ne, sizeof(edge), edge_weight_cmp);
		for (k = 0; k < ne; k++)
			if (m->old_to_new[sorted[k].o] == SL_MATCH_NONE &&
			    m->new_to_old[sorted[k].n] == SL_MATCH_NONE)
				pair(m, c, sorted[k].o, sorted[k].n);
		sl_free(sorted);
		goto done;
	}
	transpose = nr > nc;
	{
		size_t R = transpose ? nc : nr, M = transpose ? nr : nc;
		cost = sl_calloc(R * M, sizeof(double));
		assign = sl_calloc(R, sizeof(size_t));
		if (!cost || !assign) {
			rc = sl_error_oom();
			goto done;
		}
		for (k = 0; k < ne; k++) {
			const edge *e = &c->edges[eidx[k]];
			size_t ri = slot_of(rows, &nr, e->o);
			size_t ci = slot_of(cols, &nc, e->n);
			if (transpose)
				cost[ci * M + ri] = -e->w;
			else
				cost[ri * M + ci] = -e->w;
		}
		rc = sl_match__hungarian(assign, cost, R, M);
		if (rc < 0)
			goto done;
		for (i = 0; i < R; i++) {
			size_t o = transpose ? rows[assign[i]] : rows[i];
			size_t n = transpose ? cols[i] : cols[assign[i]];
			double w = cost[i * M + assign[i]];
			if (w < 0)
				pair(m, c, o, n);
		}
	}
done:
	sl_free(rows);
	sl_free(cols);
	sl_free(cost);
	sl_free(assign);
	return rc;
}

static int assign_components(sl_match *m, ctx *c)
{
	size_t nodes = c->n_old + c->n_new, i, k;
	size_t *parent = NULL, *order = NULL, *root_of_edge = NULL;
	int rc = 0;

	if (c->edge_count == 0)
		return 0;
	parent = sl_calloc(nodes, sizeof(size_t));
	order = sl_calloc(c->edge_count, sizeof(size_t));
	root_of_edge = sl_calloc(c->edge_count, sizeof(size_t));
	if (!parent || !order || !root_of_edge) {
		rc = sl_error_oom();
		goto done;
	}
	for (i = 0; i < nodes; i++)
		parent[i] = i;
	for (k = 0; k < c->edge_count; k++) {
		size_t a = uf_find(parent, c->edges[k].o);
		size_t b = uf_find(parent, c->n_old + c->edges[k].n);
		if (a != b)
			parent[a] = b;
	}
	/* Group edges by component root (counting sort by root). */
	{
		size_t *count = sl_calloc(nodes + 1, sizeof(size_t));
		if (!count) {
			rc = sl_error_oom();
			goto done;
		}
		for (k = 0; k < c->edge_count; k++) {
			root_of_edge[k] = uf_find(parent, c->edges[k].o);
			count[root_of_edge[k] + 1]++;
		}
		for (i = 0; i < nodes; i++)
			count[i + 1] += count[i];
		for (k = 0; k < c->edge_count; k++)
			order[count[root_of_edge[k]]++] = k;
		sl_free(count);
	}
	for (k = 0; k < c->edge_count && rc == 0;) {
		size_t end = k + 1;
		while (end < c->edge_count &&
		       root_of_edge[order[end]] == root_of_edge[order[k]])
			end++;
		rc = solve_component(m, c, order + k, end - k);
		k = end;
	}
done:
	sl_free(parent);
	sl_free(order);
	sl_free(root_of_edge);
	return rc;
}

static bool pool_left(const ctx *c)
{
	size_t i;
	bool any_old = false, any_new = false;
	for (i = 0; i < c->n_old && !any_old; i++)
		any_old = c->pool_old[i];
	for (i = 0; i < c->n_new && !any_new; i++)
		any_new = c->pool_new[i];
	return any_old && any_new;
}

/* qsort has no context argument: ids travel in (id, index) pairs. */
typedef struct id_ref {
	const char *id;
	size_t index;
} id_ref;

static int id_ref_cmp(const void *a, const void *b)
{
	return strcmp(((const id_ref *)a)->id, ((const id_ref *)b)->id);
}

void sl_match_dispose(sl_match *m)
{
	sl_free(m->old_to_new);
	sl_free(m->new_to_old);
	memset(m, 0, sizeof(*m));
}

/* Which same-id candidates fit (sim and related only read vectors), in
 * blocks of the old items, one per thread. */
typedef struct fit_job {
	const ctx *c;
	bool *fits;
	size_t blocks;
} fit_job;

static int fit_block(void *arg, size_t b)
{
	fit_job *j = arg;
	const ctx *c = j->c;
	size_t i, end = c->n_old * (b + 1) / j->blocks;
	for (i = c->n_old * b / j->blocks; i < end; i++) {
		size_t n = c->same_id[i];
		j->fits[i] = c->pool_old[i] && n != SL_MATCH_NONE &&
			     c->pool_new[n] && sim(c, i, n) >= FIT &&
			     related(c, i, n);
	}
	return 0;
}

/* Step 2, with vectors: pair each pool item with the pool item of its id
 * when they fit, in old order (a new item taken by an earlier old item,
 * as duplicate ids can make it, is not taken twice). The fits are
 * computed first, on all cores: they do not depend on what is paired. */
static int same_id_fits(ctx *c, sl_match *out)
{
	fit_job j = {c, NULL, par_blocks(c->n_old)};
	size_t i;
	j.fits = sl_calloc(c->n_old ? c->n_old : 1, sizeof(bool));
	if (!j.fits)
		return sl_error_oom();
	(void)sl_par_for(j.blocks, 1, fit_block, &j); /* cannot fail */
	for (i = 0; i < c->n_old; i++) {
		size_t n = c->same_id[i];
		if (j.fits[i] && c->pool_old[i] && c->pool_new[n])
			pair(out, c, i, n);
	}
	sl_free(j.fits);
	return 0;
}

/* c->same_id: the new item with each old item's id, through a hash map of
 * the new ids. New ids that repeat (a sheet lint refuses, but a diff must
 * still take) go the sorted way instead, which picks among them as it
 * always did. @return 0 or SL_ENOMEM */
static int same_ids(ctx *c)
{
	sl_strmap map = SL_STRMAP_INIT;
	id_ref *ids;
	size_t i;
	bool repeats = false;
	for (i = 0; i < c->n_new && !repeats; i++) {
		size_t before = map.count;
		if (sl_strmap_put(&map, c->new_items[i]->id,
				  (void *)(uintptr_t)(i + 1)) < 0) {
			sl_strmap_dispose(&map);
			return sl_error_oom();
		}
		repeats = map.count == before;
	}
	if (!repeats) {
		for (i = 0; i < c->n_old; i++) {
			void *v;
			if (sl_strmap_get(&map, c->old_items[i]->id, &v))
				c->same_id[i] = (size_t)(uintptr_t)v - 1;
		}
		sl_strmap_dispose(&map);
		return 0;
	}
	sl_strmap_dispose(&map);
	ids = sl_calloc(c->n_new ? c->n_new : 1, sizeof(id_ref));
	if (!ids)
		return sl_error_oom();
	for (i = 0; i < c->n_new; i++) {
		ids[i].id = c->new_items[i]->id;
		ids[i].index = i;
	}
	qsort(ids, c->n_new, sizeof(id_ref), id_ref_cmp);
	for (i = 0; i < c->n_old; i++) {
		id_ref key = {c->old_items[i]->id, 0};
		id_ref *hit = bsearch(&key, ids, c->n_new, sizeof(id_ref),
				      id_ref_cmp);
		if (hit)
			c->same_id[i] = hit->index;
	}
	sl_free(ids);
	return 0;
}

int sl_match_items(sl_match *out, const sl_item *const *old_items, size_t n_old,
		   const sl_item *const *new_items, size_t n_new)
{
	ctx c;
	size_t i;
	int rc;

	memset(&c, 0, sizeof(c));
	memset(out, 0, sizeof(*out));
	c.old_items = old_items;
	c.new_items = new_items;
	c.n_old = n_old;
	c.n_new = n_new;
	c.total = n_old + n_new;
	out->n_old = n_old;
	out->n_new = n_new;
	out->old_to_new = sl_calloc(n_old ? n_old : 1, sizeof(size_t));
	out->new_to_old = sl_calloc(n_new ? n_new : 1, sizeof(size_t));
	c.pool_old = sl_calloc(n_old ? n_old : 1, sizeof(bool));
	c.pool_new = sl_calloc(n_new ? n_new : 1, sizeof(bool));
	c.same_id = sl_calloc(n_old ? n_old : 1, sizeof(size_t));
	if (!out->old_to_new || !out->new_to_old || !c.pool_old ||
	    !c.pool_new || !c.same_id) {
		rc = sl_error_oom();
		goto done;
	}
	for (i = 0; i < n_old; i++) {
		out->old_to_new[i] = SL_MATCH_NONE;
		c.pool_old[i] = true;
		c.same_id[i] = SL_MATCH_NONE;
	}
	for (i = 0; i < n_new; i++) {
		out->new_to_old[i] = SL_MATCH_NONE;
		c.pool_new[i] = true;
	}
	rc = same_ids(&c);
	if (rc < 0)
		goto done;
	/* Step 1, cheap half: same id, same category and question. Most
	 * edits touch answers, so most pairs end here without vectors. */
	for (i = 0; i < n_old; i++) {
		size_t j = c.same_id[i];
		if (j != SL_MATCH_NONE &&
		    sl_match__str_eq(old_items[i]->question,
				     new_items[j]->question) &&
		    sl_match__str_eq(old_items[i]->category,
				     new_items[j]->category))
			pair(out, &c, i, j);
	}
	rc = pair_identical(out, &c);
	if (rc < 0 || !pool_left(&c))
		goto done;
	/* What is left needs content similarity: vectors over every item
	 * given, so that document frequencies see the whole corpus. */
	rc = sl_match__build_vectors(&c, out);
	if (rc < 0)
		goto done;
	rc = same_id_fits(&c, out);
	if (rc < 0)
		goto done;
	rc = build_edges(&c);
	if (rc == 0)
		rc = assign_components(out, &c);
done:
	sl_match__vectors_dispose(&c);
	sl_free(c.pool_old);
	sl_free(c.pool_new);
	sl_free(c.same_id);
	sl_free(c.edges);
	if (rc < 0)
		sl_match_dispose(out);
	return rc;
}

int sl_match_similarity(double *out, const sl_item *a, const sl_item *b)
{
	ctx c;
	const sl_item *olds[1] = {a}, *news[1] = {b};
	int rc;
	memset(&c, 0, sizeof(c));
	c.old_items = olds;
	c.new_items = news;
	c.n_old = c.n_new = 1;
	c.total = 2;
	rc = sl_match__build_vectors(&c, NULL);
	if (rc == 0)
		*out = sim(&c, 0, 0);
	sl_match__vectors_dispose(&c);
	return rc;
}
