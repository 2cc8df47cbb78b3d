/*
 * match_vector.c: what the matcher scores with. Each item becomes a sparse
 * vector of the character bigrams of its NFKC-folded fields, tagged by
 * field and weighted (1 + log tf) * log(1 + N / df) * the field's weight;
 * similarity is the cosine of two vectors (match.c explains the steps
 * that use them). Also one sheet's question vectors, for the
 * near-duplicate search (match_alike.c).
 */
#include "match.h"
#include "match_internal.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "alloc.h"
#include "buf.h"
#include "error.h"
#include "par.h"
#include "sort.h"
#include "utf8.h"

typedef sl_match__raw_feat raw_feat;
typedef sl_match__ivec ivec;
typedef sl_match__ctx ctx;

static const double field_weight[3] = {0.3, 1.0, 0.7};

static uint32_t mix(uint32_t h, uint32_t v)
{
	h ^= v;
	h *= 16777619u;
	h ^= h >> 15;
	return h;
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

/* Append the bigram features of text (blanks skipped), in text order.
 * keeps_only: stop at the first character NFKC may change, or the
 * first invalid byte. @return 0, 1 (stopped there: fold the text first)
 * or SL_ENOMEM */
static int bigrams(feat_list *out, const char *text, size_t len, int f,
		   bool keeps_only)
{
	size_t pos = 0;
	int32_t prev = -1, cp;
	while (pos < len) {
		if (!sl_utf8_next(text, len, &pos, &cp)) {
			if (keeps_only)
				return 1;
			pos++;
			continue;
		}
		if (keeps_only && !sl_utf8_nfkc_keeps(cp))
			return 1;
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

/* Append the bigram features of field f of an item (NFKC-folded, blanks
 * skipped), in text order. Most sheet text is its own NFKC: it is read
 * in place, and only text with a character NFKC may change is folded
 * (into nf) first; the features are the same either way. */
static int field_features(feat_list *out, sl_buf *nf, const sl_item *it, int f)
{
	const char *text = field_text(it, f);
	size_t start = out->n, len;
	int rc;

	if (!text)
		return 0;
	len = strlen(text);
	rc = bigrams(out, text, len, f, true);
	if (rc <= 0)
		return rc;
	out->n = start;
	sl_buf_clear(nf);
	rc = sl_utf8_nfkc(nf, text, len);
	if (rc < 0)
		return rc;
	return bigrams(out, nf->ptr, nf->len, f, false);
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

/* A few hundred items are not worth a thread (df counting, vectors). */
#define VECTOR_BLOCK_MIN 512

/* What one thread reuses from item to item while counting df. */
typedef struct df_scratch {
	feat_list a[3], b[3];
	sl_buf nf;
} df_scratch;

static void df_scratch_dispose(df_scratch *s)
{
	int f;
	for (f = 0; f < 3; f++) {
		sl_free(s->a[f].f);
		sl_free(s->b[f].f);
	}
	sl_buf_dispose(&s->nf);
}

/* Where an item's features count: a thread's tally of the table's
 * features. */
typedef struct df_sink {
	sl_match_df *t;
	sl_match_df_tally *y;
} df_sink;

static void sink_item(df_sink *s, feat_list *const fl[3], uint32_t times)
{
	size_t i;
	int f;
	sl_match__df_tally_next(s->y);
	for (f = 0; f < 3; f++)
		for (i = 0; i < fl[f]->n; i++)
			sl_match__df_tally_count(s->y, s->t, fl[f]->f[i].h,
						 times);
}

/* Count the features item k (outside the pool) shares with the table. A
 * settled pair counts once, from its old side: fields the two have in
 * common count twice, the others once from each side. */
static int count_item(ctx *c, const sl_match *m, size_t k, df_scratch *s,
		      df_sink *out)
{
	const sl_item *it = item_at(c, k);
	const sl_item *mate = NULL;
	feat_list *mine[3], *theirs[3];
	bool all_same = true;
	int f, rc = 0;
	if (m && k >= c->n_old && m->new_to_old[k - c->n_old] != SL_MATCH_NONE)
		return 0; /* counted with its old partner */
	if (m && k < c->n_old && m->old_to_new[k] != SL_MATCH_NONE)
		mate = c->new_items[m->old_to_new[k]];
	for (f = 0; f < 3 && rc == 0; f++) {
		s->a[f].n = s->b[f].n = 0;
		mine[f] = theirs[f] = &s->a[f];
		if (field_used(c, f))
			rc = field_features(&s->a[f], &s->nf, it, f);
		if (rc < 0 || !mate ||
		    sl_match__str_eq(field_text(it, f), field_text(mate, f)))
			continue;
		all_same = false;
		theirs[f] = &s->b[f];
		rc = field_features(&s->b[f], &s->nf, mate, f);
	}
	if (rc < 0)
		return rc;
	if (!mate || all_same) {
		sink_item(out, mine, mate ? 2 : 1);
		return 0;
	}
	sink_item(out, mine, 1);
	sink_item(out, theirs, 1);
	return 0;
}

/* The items outside the pool, in contiguous blocks, each block counting
 * into a tally of its own (sl_par_for gives a loop's result). */
typedef struct df_job {
	ctx *c;
	const sl_match *m;
	size_t blocks;
	sl_match_df_tally *y; /* one per block */
} df_job;

static int df_block(void *arg, size_t b)
{
	df_job *j = arg;
	ctx *c = j->c;
	df_scratch s;
	df_sink out = {&c->df, &j->y[b]};
	size_t k, end = c->total * (b + 1) / j->blocks;
	int rc = sl_match__df_tally_init(&j->y[b], &c->df);
	memset(&s, 0, sizeof(s)); /* empty lists */
	sl_buf_init(&s.nf);
	for (k = c->total * b / j->blocks; k < end && rc == 0; k++)
		if (!in_pool(c, k))
			rc = count_item(c, j->m, k, &s, &out);
	df_scratch_dispose(&s);
	return rc;
}

/*
 * Document frequencies over all c->total items, of the features that pool
 * items have (no other df is ever asked for). m holds the pairs settled
 * before any vector (same id and question, or identical content); NULL:
 * none, every item is in the pool. Pool items fill the table first, from
 * their vectors' features (c->vec, each an item's distinct hash); the
 * paired items then only add to features already in it, so the table
 * stays the size of the pool's vocabulary, not the corpus's, and they
 * are counted on all cores (a structural diff of 20,000 items folds
 * thousands of renumbered items for a pool of a few).
 */
static int count_df(ctx *c, const sl_match *m)
{
	df_job j = {c, m, 1, NULL};
	size_t k, b, t = sl_par_threads();
	int rc = 0;

	/* The pool's features are its vectors' hashes, each once. */
	for (k = 0; k < c->total && rc == 0; k++) {
		const ivec *v = &c->vec[k];
		size_t i;
		if (!in_pool(c, k))
			continue;
		c->df.stamp++;
		for (i = 0; i < v->n && rc == 0; i++)
			rc = sl_match__df_count(&c->df, v->h[i], 1, true);
	}
	/* Without a feature in the table, the rest would count nothing. */
	if (rc < 0 || c->df.used == 0)
		return rc;
	if (t > 1 && c->total >= 2 * VECTOR_BLOCK_MIN)
		j.blocks = t < c->total / VECTOR_BLOCK_MIN
				   ? t
				   : c->total / VECTOR_BLOCK_MIN;
	j.y = sl_calloc(j.blocks, sizeof(*j.y));
	if (!j.y)
		return sl_error_oom();
	rc = sl_par_for(j.blocks, 1, df_block, &j);
	for (b = 0; b < j.blocks; b++) {
		if (rc == 0)
			sl_match__df_tally_merge(&c->df, &j.y[b]);
		sl_match__df_tally_dispose(&j.y[b]);
	}
	sl_free(j.y);
	return rc;
}

/* What one thread reuses from vector to vector. */
typedef struct vec_scratch {
	feat_list fl;
	raw_feat *tmp; /* sort scratch */
	size_t tmp_cap;
	sl_buf nf;
} vec_scratch;

/*
 * Pool item k's features, sorted by hash, each hash once: v->h, and in
 * v->w for now the hash's tf and field as tf * 4 + field (exact in a
 * double), until sl_match__build_vectors has counted df and weighs them
 * (weigh_vector). Reads only c's items.
 */
static int vector_features(ctx *c, vec_scratch *s, size_t k)
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
	/* Sized to the distinct hashes, not the raw features: a far diff
	 * holds the vectors of tens of thousands of items at once, and
	 * repeated bigrams made a fifth of them slack (issue 11: peak RSS). */
	for (i = 0; i < s->fl.n; i++)
		j += i == 0 || s->fl.f[i].h != s->fl.f[i - 1].h;
	v->w = sl_malloc((j ? j : 1) * (sizeof(double) + sizeof(uint32_t)));
	if (!v->w)
		return sl_error_oom();
	v->h = (uint32_t *)(v->w + (j ? j : 1));
	for (i = 0, j = 0; i < s->fl.n;) {
		const raw_feat *r = &s->fl.f[i];
		size_t tf = 1;
		while (i + tf < s->fl.n && s->fl.f[i + tf].h == r->h)
			tf++;
		v->h[j] = r->h;
		v->w[j] = (double)(tf * 4 + r->field);
		j++;
		i += tf;
	}
	v->n = j;
	return 0;
}

/* Pool item k's tf-idf weights, from its features and df. */
static void weigh_vector(ctx *c, size_t k)
{
	ivec *v = &c->vec[k];
	size_t j;
	for (j = 0; j < v->n; j++) {
		size_t code = (size_t)v->w[j], tf = code >> 2, df;
		unsigned field = (unsigned)(code & 3);
		double idf, w;
		df = sl_match__df_lookup(&c->df, v->h[j]);
		idf = c->idf && df <= c->total
			      ? c->idf[df]
			      : log(1.0 + (double)c->total / (double)df);
		/* 1 + log 1 is 1 exactly: most bigrams occur once. */
		w = (tf == 1 ? 1.0 : 1.0 + log((double)tf)) * idf *
		    field_weight[field];
		v->w[j] = field == 1 ? -w : w;
		v->norm += w * w;
		if (field == 1)
			v->qnorm += w * w;
	}
	v->norm = sqrt(v->norm);
	v->qnorm = sqrt(v->qnorm);
}

/* Features, and later weights, are independent from item to item:
 * contiguous blocks of the items, one per thread, each with its own
 * scratch (sl_par_for gives a loop's result: the first failing item's
 * error). */
typedef struct vec_job {
	ctx *c;
	size_t blocks;
	bool weigh; /* weigh_vector (df counted), else vector_features */
} vec_job;

static int vector_block(void *arg, size_t b)
{
	vec_job *j = arg;
	ctx *c = j->c;
	vec_scratch s = {{0}, NULL, 0, SL_BUF_INIT};
	size_t k, end = c->total * (b + 1) / j->blocks;
	int rc = 0;
	for (k = c->total * b / j->blocks; k < end && rc == 0; k++) {
		if (!in_pool(c, k))
			continue;
		if (j->weigh)
			weigh_vector(c, k);
		else
			rc = vector_features(c, &s, k);
	}
	sl_free(s.fl.f);
	sl_free(s.tmp);
	sl_buf_dispose(&s.nf);
	return rc;
}

/* c->idf, the idf of every possible df (an item counts a feature once,
 * so no df exceeds total). The same expression build_vector would
 * evaluate, so each weight is the same double. @return 0 or SL_ENOMEM */
static int idf_table(ctx *c)
{
	size_t df;
	c->idf = sl_calloc(c->total + 1, sizeof(*c->idf));
	if (!c->idf)
		return sl_error_oom();
	for (df = 1; df <= c->total; df++)
		c->idf[df] = log(1.0 + (double)c->total / (double)df);
	return 0;
}

/* Vectors of the pool items, weighted by the corpus's df. */

/*
 * The pool's features first, on all cores; then df, the pool's from
 * those features (each is an item's distinct hash already) and the rest
 * of the corpus's on all cores; then the weights. Why this order: the
 * pool's features were computed twice, once to count df on one thread
 * and once for the vectors, and a far diff's pool is most of its items
 * (issue 11).
 */
int sl_match__build_vectors(ctx *c, const sl_match *m)
{
	vec_job j = {c, 1, false};
	size_t t = sl_par_threads();
	int rc;

	c->vec = sl_calloc(c->total ? c->total : 1, sizeof(ivec));
	if (!c->vec)
		return sl_error_oom();
	if (t > 1 && c->total >= 2 * VECTOR_BLOCK_MIN)
		j.blocks = t < c->total / VECTOR_BLOCK_MIN
				   ? t
				   : c->total / VECTOR_BLOCK_MIN;
	rc = sl_par_for(j.blocks, 1, vector_block, &j);
	if (rc == 0)
		rc = count_df(c, m);
	if (rc == 0)
		rc = idf_table(c);
	if (rc < 0)
		return rc;
	j.weigh = true;
	return sl_par_for(j.blocks, 1, vector_block, &j);
}

double sl_match__cosine(const ivec *a, const ivec *b)
{
	size_t i = 0, j = 0;
	double dot = 0;
	if (a->norm == 0 || b->norm == 0)
		return a->norm == b->norm ? 1.0 : 0.0;
	while (i < a->n && j < b->n) {
		if (a->h[i] == b->h[j])
			dot += a->w[i++] * b->w[j++];
		else if (a->h[i] < b->h[j])
			i++;
		else
			j++;
	}
	return dot / (a->norm * b->norm);
}

void sl_match__vectors_dispose(ctx *c)
{
	size_t i;
	for (i = 0; c->vec && i < c->total; i++)
		sl_free(c->vec[i].w);
	sl_free(c->vec);
	c->vec = NULL;
	sl_free(c->idf);
	c->idf = NULL;
	sl_match__df_dispose(&c->df);
}

/* The cosine of the question features alone (same weights): how much two
 * items ask the same thing. Feature hashes carry their field, so a shared
 * hash is a shared question bigram. */
double sl_match__question_cosine(const ivec *a, const ivec *b)
{
	const uint32_t *ha = a->h, *hb = b->h;
	size_t na = a->n, nb = b->n, i = 0, j = 0;
	double dot = 0;
	if (a->qnorm == 0 || b->qnorm == 0)
		return a->qnorm == b->qnorm ? 1.0 : 0.0;
	while (i < na && j < nb) {
		if (ha[i] == hb[j]) {
			if (a->w[i] < 0) /* a question feature */
				dot += a->w[i] * b->w[j];
			i++;
			j++;
		} else if (ha[i] < hb[j]) {
			i++;
		} else {
			j++;
		}
	}
	return dot / (a->qnorm * b->qnorm);
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
	rc = sl_match__build_vectors(&v->c, NULL);
	if (rc < 0) {
		sl_match__vecs_free(v);
		return rc;
	}
	*out = v;
	return 0;
}

void sl_match__vecs_free(sl_match__vecs *v)
{
	if (!v)
		return;
	sl_match__vectors_dispose(&v->c);
	sl_free(v);
}

double sl_match__vecs_question(const sl_match__vecs *v, size_t i, size_t j)
{
	return sl_match__question_cosine(&v->c.vec[i], &v->c.vec[j]);
}

size_t sl_match__vecs_features(const sl_match__vecs *v, size_t i, uint32_t *h,
			       double *w, size_t max)
{
	size_t k, n = 0;
	for (k = 0; k < v->c.vec[i].n; k++)
		if (v->c.vec[i].w[k] < 0 && n < max) {
			h[n] = v->c.vec[i].h[k];
			w[n++] = -v->c.vec[i].w[k];
		}
	return n;
}

double sl_match__vecs_qnorm(const sl_match__vecs *v, size_t i)
{
	return v->c.vec[i].qnorm;
}
