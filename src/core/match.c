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

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "buf.h"
#include "error.h"
#include "par.h"
#include "utf8.h"

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

static const double field_weight[3] = {0.3, 1.0, 0.7};

typedef struct feat {
	uint32_t h;    /* hash of (field, code point pair) */
	uint8_t field; /* 0 category, 1 question, 2 answer */
	double w;      /* weight */
} feat;

typedef struct raw_feat {
	uint32_t h;
	uint8_t field;
} raw_feat;

typedef struct ivec {
	feat *f; /* owned, sorted by h */
	size_t n;
	double norm;
	double qnorm; /* the norm of the question's features alone */
} ivec;

typedef struct edge {
	size_t o, n; /* old index, new index */
	double w;
} edge;

typedef struct ctx {
	const sl_item *const *old_items;
	const sl_item *const *new_items;
	size_t n_old, n_new, total;
	ivec *vec;      /* total slots, old first, then new; pool items only */
	sl_match_df df; /* document frequencies over all total items */
	bool *pool_old, *pool_new;
	size_t *same_id; /* per old: new index with the same id, or NONE */
	/* Questions only (a sheet's near-duplicate search): category and
	 * answer features are neither counted nor kept. */
	bool question_only;
	edge *edges;
	size_t edge_count, edge_cap;
} ctx;

static uint32_t mix(uint32_t h, uint32_t v)
{
	h ^= v;
	h *= 16777619u;
	h ^= h >> 15;
	return h;
}

static uint64_t hash64(uint64_t h, const char *s)
{
	if (!s)
		return (h ^ 0xffu) * 1099511628211ull;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return (h ^ 0x1fu) * 1099511628211ull;
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

static bool str_eq(const char *a, const char *b)
{
	return (!a || !b) ? a == b : !strcmp(a, b);
}

static bool content_equal(const sl_item *a, const sl_item *b)
{
	size_t i;
	if (!str_eq(a->category, b->category) ||
	    !str_eq(a->question, b->question) ||
	    !str_eq(a->answer, b->answer) || a->extra_count != b->extra_count)
		return false;
	for (i = 0; i < a->extra_count; i++)
		if (strcmp(a->extra[i].name, b->extra[i].name) ||
		    !str_eq(a->extra[i].text, b->extra[i].text))
			return false;
	return true;
}

/* A growable list of features, reused from item to item. */
typedef struct feat_list {
	raw_feat *f;
	size_t n, cap;
} feat_list;

static const char *field_text(const sl_item *it, int f)
{
	return f == 0 ? it->category : f == 1 ? it->question : it->answer;
}

/* Append the bigram features of field f of an item (NFKC-folded, blanks
 * skipped), in text order. */
static int field_features(feat_list *out, sl_buf *nf, const sl_item *it, int f)
{
	const char *text = field_text(it, f);
	size_t pos = 0;
	int32_t prev = -1, cp;
	int rc;

	if (!text)
		return 0;
	sl_buf_clear(nf);
	rc = sl_utf8_nfkc(nf, text, strlen(text));
	if (rc < 0)
		return rc;
	while (pos < nf->len) {
		if (!sl_utf8_next(nf->ptr, nf->len, &pos, &cp)) {
			pos++;
			continue;
		}
		if (sl_utf8_is_space(cp) || cp == '\n' || cp == '\r')
			continue;
		if (prev >= 0) {
			if (out->n == out->cap) {
				raw_feat *g =
					sl_array_grow(out->f, &out->cap,
						      sizeof(raw_feat), 64);
				if (!g)
					return sl_error_oom();
				out->f = g;
			}
			out->f[out->n].h =
				mix(mix(mix(2166136261u, (uint32_t)f + 1),
					(uint32_t)prev),
				    (uint32_t)cp);
			out->f[out->n].field = (uint8_t)f;
			out->n++;
		}
		prev = cp;
	}
	return 0;
}

static const sl_item *item_at(const ctx *c, size_t k)
{
	return k < c->n_old ? c->old_items[k] : c->new_items[k - c->n_old];
}

/* Does field f count in c's vectors? */
static bool field_used(const ctx *c, int f)
{
	return !c->question_only || f == 1;
}

static bool in_pool(const ctx *c, size_t k)
{
	if (!c->pool_old)
		return true; /* sl_match_similarity: both items */
	return k < c->n_old ? c->pool_old[k] : c->pool_new[k - c->n_old];
}

/* Count the features of one item under a fresh stamp. */
static int df_count_item(sl_match_df *t, feat_list *const fl[3], uint32_t times,
			 bool insert)
{
	int f, rc = 0;
	size_t i;
	t->stamp++;
	for (f = 0; f < 3 && rc == 0; f++)
		for (i = 0; i < fl[f]->n && rc == 0; i++)
			rc = sl_match__df_count(t, fl[f]->f[i].h, times,
						insert);
	return rc;
}

/*
 * Document frequencies over all c->total items, of the features that pool
 * items have (no other df is ever asked for). m holds the pairs settled
 * before any vector (same id and question, or identical content); NULL:
 * none, every item is in the pool. Pool items fill the table first; the
 * paired items then only add to features already in it, so the table
 * stays the size of the pool's vocabulary, not the corpus's.
 */
static int count_df(ctx *c, const sl_match *m)
{
	feat_list a[3] = {{0}}, b[3] = {{0}};
	sl_buf nf = SL_BUF_INIT;
	size_t k;
	int f, pass, rc = 0;

	for (pass = 0; pass < 2 && rc == 0; pass++) {
		for (k = 0; k < c->total && rc == 0; k++) {
			const sl_item *it = item_at(c, k);
			const sl_item *mate = NULL;
			feat_list *mine[3], *theirs[3];
			bool all_same = true;
			if (in_pool(c, k) != (pass == 0))
				continue;
			if (m && k >= c->n_old &&
			    m->new_to_old[k - c->n_old] != SL_MATCH_NONE)
				continue; /* counted with its old partner */
			if (m && k < c->n_old &&
			    m->old_to_new[k] != SL_MATCH_NONE)
				mate = c->new_items[m->old_to_new[k]];
			for (f = 0; f < 3 && rc == 0; f++) {
				a[f].n = b[f].n = 0;
				mine[f] = theirs[f] = &a[f];
				if (field_used(c, f))
					rc = field_features(&a[f], &nf, it, f);
				if (rc < 0 || !mate ||
				    str_eq(field_text(it, f),
					   field_text(mate, f)))
					continue;
				all_same = false;
				theirs[f] = &b[f];
				rc = field_features(&b[f], &nf, mate, f);
			}
			if (rc < 0)
				break;
			if (!mate || all_same) {
				rc = df_count_item(&c->df, mine, mate ? 2 : 1,
						   pass == 0);
				continue;
			}
			rc = df_count_item(&c->df, mine, 1, false);
			if (rc == 0)
				rc = df_count_item(&c->df, theirs, 1, false);
		}
	}
	for (f = 0; f < 3; f++) {
		sl_free(a[f].f);
		sl_free(b[f].f);
	}
	sl_buf_dispose(&nf);
	return rc;
}

/* What one thread reuses from vector to vector. */
typedef struct vec_scratch {
	feat_list fl;
	raw_feat *tmp; /* sort scratch */
	size_t tmp_cap;
	sl_buf nf;
} vec_scratch;

/* Pool item k's vector: its features sorted by hash, each hash once with
 * its tf-idf weight. Reads only c's items and df. */
static int build_vector(ctx *c, vec_scratch *s, size_t k)
{
	ivec *v = &c->vec[k];
	size_t i, j = 0;
	int f, rc = 0;

	s->fl.n = 0;
	for (f = 0; f < 3 && rc == 0; f++)
		if (field_used(c, f))
			rc = field_features(&s->fl, &s->nf, item_at(c, k), f);
	if (rc < 0)
		return rc;
	if (s->fl.n > s->tmp_cap) {
		raw_feat *g =
			sl_reallocarray(s->tmp, s->fl.cap, sizeof(raw_feat));
		if (!g)
			return sl_error_oom();
		s->tmp = g;
		s->tmp_cap = s->fl.cap;
	}
	sl_radix_sort32(s->fl.f, s->tmp, s->fl.n, sizeof(raw_feat));
	v->f = sl_calloc(s->fl.n ? s->fl.n : 1, sizeof(feat));
	if (!v->f)
		return sl_error_oom();
	for (i = 0; i < s->fl.n;) {
		const raw_feat *r = &s->fl.f[i];
		size_t tf = 1;
		double idf, w;
		while (i + tf < s->fl.n && s->fl.f[i + tf].h == r->h)
			tf++;
		idf = log(1.0 + (double)c->total / (double)sl_match__df_lookup(
							   &c->df, r->h));
		w = (1.0 + log((double)tf)) * idf * field_weight[r->field];
		v->f[j].h = r->h;
		v->f[j].field = r->field;
		v->f[j].w = w;
		v->norm += w * w;
		if (r->field == 1)
			v->qnorm += w * w;
		j++;
		i += tf;
	}
	v->n = j;
	v->norm = sqrt(v->norm);
	v->qnorm = sqrt(v->qnorm);
	return 0;
}

/* Vectors are independent once df is counted: contiguous blocks of the
 * items, one per thread, each with its own scratch (sl_par_for gives a
 * loop's result: the first failing item's error). */
typedef struct vec_job {
	ctx *c;
	size_t blocks;
} vec_job;

static int vector_block(void *arg, size_t b)
{
	vec_job *j = arg;
	ctx *c = j->c;
	vec_scratch s = {{0}, NULL, 0, SL_BUF_INIT};
	size_t k, end = c->total * (b + 1) / j->blocks;
	int rc = 0;
	for (k = c->total * b / j->blocks; k < end && rc == 0; k++)
		if (in_pool(c, k))
			rc = build_vector(c, &s, k);
	sl_free(s.fl.f);
	sl_free(s.tmp);
	sl_buf_dispose(&s.nf);
	return rc;
}

/* Vectors of the pool items, weighted by the corpus's df. A few hundred
 * items are not worth a thread. */
#define VECTOR_BLOCK_MIN 512

static int build_vectors(ctx *c, const sl_match *m)
{
	vec_job j = {c, 1};
	size_t t = sl_par_threads();
	int rc;

	c->vec = sl_calloc(c->total ? c->total : 1, sizeof(ivec));
	if (!c->vec)
		return sl_error_oom();
	rc = count_df(c, m);
	if (rc < 0)
		return rc;
	if (t > 1 && c->total >= 2 * VECTOR_BLOCK_MIN)
		j.blocks = t < c->total / VECTOR_BLOCK_MIN
				   ? t
				   : c->total / VECTOR_BLOCK_MIN;
	return sl_par_for(j.blocks, 1, vector_block, &j);
}

static double cosine(const ivec *a, const ivec *b)
{
	size_t i = 0, j = 0;
	double dot = 0;
	if (a->norm == 0 || b->norm == 0)
		return a->norm == b->norm ? 1.0 : 0.0;
	while (i < a->n && j < b->n) {
		if (a->f[i].h == b->f[j].h)
			dot += a->f[i++].w * b->f[j++].w;
		else if (a->f[i].h < b->f[j].h)
			i++;
		else
			j++;
	}
	return dot / (a->norm * b->norm);
}

static double sim(const ctx *c, size_t o, size_t n)
{
	return cosine(&c->vec[o], &c->vec[c->n_old + n]);
}

/* The cosine of the question features alone (same weights): how much two
 * items ask the same thing. Feature hashes carry their field, so a shared
 * hash is a shared question bigram. */
static double question_cosine(const ivec *a, const ivec *b)
{
	const feat *fa = a->f, *fb = b->f;
	size_t na = a->n, nb = b->n, i = 0, j = 0;
	double dot = 0;
	if (a->qnorm == 0 || b->qnorm == 0)
		return a->qnorm == b->qnorm ? 1.0 : 0.0;
	while (i < na && j < nb) {
		if (fa[i].h == fb[j].h) {
			if (fa[i].field == 1)
				dot += fa[i].w * fb[j].w;
			i++;
			j++;
		} else if (fa[i].h < fb[j].h) {
			i++;
		} else {
			j++;
		}
	}
	return dot / (a->qnorm * b->qnorm);
}

static double question_sim(const ctx *c, size_t o, size_t n)
{
	return question_cosine(&c->vec[o], &c->vec[c->n_old + n]);
}

/* Are o and n the same item at all? Only when they ask related things. */
static bool related(const ctx *c, size_t o, size_t n)
{
	return question_sim(c, o, n) >= QUESTION_MIN;
}

static int add_edge(ctx *c, size_t o, size_t n, double w)
{
	if (c->edge_count == c->edge_cap) {
		edge *g =
			sl_array_grow(c->edges, &c->edge_cap, sizeof(edge), 64);
		if (!g)
			return sl_error_oom();
		c->edges = g;
	}
	c->edges[c->edge_count].o = o;
	c->edges[c->edge_count].n = n;
	c->edges[c->edge_count].w = w;
	c->edge_count++;
	return 0;
}

static void pair(sl_match *m, ctx *c, size_t o, size_t n)
{
	m->old_to_new[o] = n;
	m->new_to_old[n] = o;
	c->pool_old[o] = false;
	c->pool_new[n] = false;
}

/* ---- step 3: identical content ---- */

typedef struct keyed {
	uint64_t key;
	size_t index;
	bool is_new;
} keyed;

static int keyed_cmp(const void *a, const void *b)
{
	const keyed *x = a, *y = b;
	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	if (x->is_new != y->is_new)
		return x->is_new ? 1 : -1;
	return x->index < y->index ? -1 : x->index > y->index;
}

static int pair_identical(sl_match *m, ctx *c)
{
	keyed *k = sl_calloc(c->total ? c->total : 1, sizeof(keyed));
	size_t n = 0, i, j;
	if (!k)
		return sl_error_oom();
	for (i = 0; i < c->n_old; i++)
		if (c->pool_old[i])
			k[n++] = (keyed){content_hash(c->old_items[i]), i,
					 false};
	for (i = 0; i < c->n_new; i++)
		if (c->pool_new[i])
			k[n++] =
				(keyed){content_hash(c->new_items[i]), i, true};
	qsort(k, n, sizeof(keyed), keyed_cmp);
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
static int add_related_edge(ctx *c, size_t o, size_t n, double s, double bonus)
{
	double q = question_sim(c, o, n);
	if (q < QUESTION_MIN)
		return 0; /* unrelated: e.g. a reused number */
	return add_edge(c, o, n, s + QUESTION_WEIGHT * q + bonus);
}

typedef struct posting {
	uint32_t h;
	size_t n;
} posting;

static int build_edges(ctx *c)
{
	posting *post = NULL;
	size_t np = 0, cap = 0, i, j, f;
	size_t *mark = NULL;
	int rc = 0;

	for (j = 0; j < c->n_new; j++) {
		const ivec *v = &c->vec[c->n_old + j];
		if (!c->pool_new[j])
			continue;
		for (f = 0; f < v->n; f++) {
			if (sl_match__df_lookup(&c->df, v->f[f].h) > RARE_DF)
				continue;
			if (np == cap) {
				posting *g = sl_array_grow(post, &cap,
							   sizeof(*post), 256);
				if (!g) {
					rc = sl_error_oom();
					goto done;
				}
				post = g;
			}
			post[np].h = v->f[f].h;
			post[np++].n = j;
		}
	}
	/* Appended by item, so a stable sort by hash orders (hash, item). */
	if (np > 1) {
		posting *tmp = sl_calloc(np, sizeof(*tmp));
		if (!tmp) {
			rc = sl_error_oom();
			goto done;
		}
		sl_radix_sort32(post, tmp, np, sizeof(*post));
		sl_free(tmp);
	}
	mark = sl_calloc(c->n_new ? c->n_new : 1, sizeof(size_t));
	if (!mark) {
		rc = sl_error_oom();
		goto done;
	}
	for (j = 0; j < c->n_new; j++)
		mark[j] = SL_MATCH_NONE;
	for (i = 0; i < c->n_old && rc == 0; i++) {
		const ivec *v = &c->vec[i];
		size_t sid = c->same_id[i];
		if (!c->pool_old[i])
			continue;
		if (sid != SL_MATCH_NONE && c->pool_new[sid]) {
			mark[sid] = i;
			rc = add_related_edge(c, i, sid, sim(c, i, sid),
					      SAME_ID_BONUS);
		}
		for (f = 0; f < v->n && rc == 0; f++) {
			size_t lo = 0, hi = np;
			uint32_t h = v->f[f].h;
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
					rc = add_related_edge(c, i, n, s, 0);
			}
		}
	}
done:
	sl_free(post);
	sl_free(mark);
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

int sl_match_items(sl_match *out, const sl_item *const *old_items, size_t n_old,
		   const sl_item *const *new_items, size_t n_new)
{
	ctx c;
	id_ref *ids = NULL;
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
	ids = sl_calloc(n_new ? n_new : 1, sizeof(id_ref));
	if (!out->old_to_new || !out->new_to_old || !c.pool_old ||
	    !c.pool_new || !c.same_id || !ids) {
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
		ids[i].id = new_items[i]->id;
		ids[i].index = i;
	}
	qsort(ids, n_new, sizeof(id_ref), id_ref_cmp);
	/* Step 1, cheap half: same id, same category and question. Most
	 * edits touch answers, so most pairs end here without vectors. */
	for (i = 0; i < n_old; i++) {
		id_ref key = {old_items[i]->id, 0};
		id_ref *hit =
			bsearch(&key, ids, n_new, sizeof(id_ref), id_ref_cmp);
		if (!hit)
			continue;
		c.same_id[i] = hit->index;
		if (str_eq(old_items[i]->question,
			   new_items[hit->index]->question) &&
		    str_eq(old_items[i]->category,
			   new_items[hit->index]->category))
			pair(out, &c, i, hit->index);
	}
	rc = pair_identical(out, &c);
	if (rc < 0 || !pool_left(&c))
		goto done;
	/* What is left needs content similarity: vectors over every item
	 * given, so that document frequencies see the whole corpus. */
	rc = build_vectors(&c, out);
	if (rc < 0)
		goto done;
	for (i = 0; i < n_old; i++) {
		size_t j = c.same_id[i];
		if (c.pool_old[i] && j != SL_MATCH_NONE && c.pool_new[j] &&
		    sim(&c, i, j) >= FIT && related(&c, i, j))
			pair(out, &c, i, j);
	}
	rc = build_edges(&c);
	if (rc == 0)
		rc = assign_components(out, &c);
done:
	for (i = 0; c.vec && i < c.total; i++)
		sl_free(c.vec[i].f);
	sl_free(c.vec);
	sl_match__df_dispose(&c.df);
	sl_free(c.pool_old);
	sl_free(c.pool_new);
	sl_free(c.same_id);
	sl_free(c.edges);
	sl_free(ids);
	if (rc < 0)
		sl_match_dispose(out);
	return rc;
}

int sl_match_similarity(double *out, const sl_item *a, const sl_item *b)
{
	ctx c;
	const sl_item *olds[1] = {a}, *news[1] = {b};
	int rc;
	size_t i;
	memset(&c, 0, sizeof(c));
	c.old_items = olds;
	c.new_items = news;
	c.n_old = c.n_new = 1;
	c.total = 2;
	rc = build_vectors(&c, NULL);
	if (rc == 0)
		*out = sim(&c, 0, 0);
	for (i = 0; c.vec && i < c.total; i++)
		sl_free(c.vec[i].f);
	sl_free(c.vec);
	sl_match__df_dispose(&c.df);
	return rc;
}

/* The vectors of one sheet's questions for match_alike.c, each built
 * once: the sheet as its own old side, with no new side. A question's
 * features and their weights are the ones the matcher's question_sim
 * gives the sheet against itself: hashes carry their field, so the
 * question's df counts only questions (barring a 32-bit collision with
 * another field's bigram), and counting every item twice, as the matcher
 * would, scales total and each df by 2 exactly, leaving each idf the same
 * double. */
struct sl_match__vecs {
	ctx c;
};

int sl_match__vecs_new(sl_match__vecs **out, const sl_item *const *items,
		       size_t n)
{
	sl_match__vecs *v = sl_calloc(1, sizeof(*v));
	int rc;
	*out = NULL;
	if (!v)
		return sl_error_oom();
	v->c.old_items = v->c.new_items = items;
	v->c.n_old = n;
	v->c.total = n;
	v->c.question_only = true;
	rc = build_vectors(&v->c, NULL);
	if (rc < 0) {
		sl_match__vecs_free(v);
		return rc;
	}
	*out = v;
	return 0;
}

void sl_match__vecs_free(sl_match__vecs *v)
{
	size_t i;
	if (!v)
		return;
	for (i = 0; v->c.vec && i < v->c.total; i++)
		sl_free(v->c.vec[i].f);
	sl_free(v->c.vec);
	sl_match__df_dispose(&v->c.df);
	sl_free(v);
}

double sl_match__vecs_question(const sl_match__vecs *v, size_t i, size_t j)
{
	return question_cosine(&v->c.vec[i], &v->c.vec[j]);
}

size_t sl_match__vecs_features(const sl_match__vecs *v, size_t i, uint32_t *h,
			       double *w, size_t max)
{
	size_t k, n = 0;
	for (k = 0; k < v->c.vec[i].n; k++)
		if (v->c.vec[i].f[k].field == 1 && n < max) {
			h[n] = v->c.vec[i].f[k].h;
			w[n++] = v->c.vec[i].f[k].w;
		}
	return n;
}

double sl_match__vecs_qnorm(const sl_match__vecs *v, size_t i)
{
	return v->c.vec[i].qnorm;
}
