/*
 * test_match_vector.c: the matcher's vectors do not depend on how many
 * threads counted their document frequencies. The pool's items fill the
 * df table on one thread; the settled pairs (thousands, in a structural
 * diff of a large sheet) are then counted in blocks on several threads,
 * each into a tally of its own, and merged. A tally that lost or doubled
 * a count, or a merge that skipped one, changes some df and so some
 * weight.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "alloc.h"
#include "item.h"
#include "match.h"
#include "match_internal.h"
#include "par.h"
#include "test_sheet.h"

#define N 1500 /* per side: 3,000 items, blocks of 512 and more */
#define POOL 12

static const char *const topics[] = {
	"アクセス制御", "バックアップ", "暗号化",     "ログの保管",
	"脆弱性診断",   "教育",         "委託先管理", "障害対応",
};

typedef struct sides {
	sl_item *old[N], *new[N];
	sl_match m;
	size_t o2n[N], n2o[N];
	bool pool_old[N], pool_new[N];
} sides;

/* Old and new: the first POOL of each side unpaired (the pool), the rest
 * paired old i with new i: every third pair with an edited answer (its
 * fields counted from each side), the others identical (counted twice
 * from the old side), and one full-width answer in ten (folded by NFKC
 * before its bigrams are taken). */
static void build(sides *s)
{
	size_t i;
	for (i = 0; i < N; i++) {
		char id[16], q[160], a[160], b[160];
		const char *t = topics[i % 8], *u = topics[(i / 8) % 8];
		snprintf(id, sizeof(id), "1-%zu", i + 1);
		snprintf(q, sizeof(q),
			 "%sと%sについて、手順%zuを定めていますか。", t, u,
			 i % 37);
		snprintf(
			a, sizeof(a),
			i % 10 == 0
				? "はい。%sは年%zu回、ＩＳＯ２７００１に沿って見直しています。"
				: "はい。%sは年%zu回見直しています。",
			u, i % 5 + 1);
		snprintf(b, sizeof(b),
			 "はい。%sは四半期ごとに%zu件確認します。", t, i % 7);
		s->old[i] = test_item(id, "1", NULL, q, a);
		s->new[i] = test_item(id, "1", NULL, i < POOL ? b : q,
				      i % 3 == 0 ? b : a);
		s->pool_old[i] = s->pool_new[i] = i < POOL;
		s->o2n[i] = s->n2o[i] = i < POOL ? SL_MATCH_NONE : i;
	}
	s->m.old_to_new = s->o2n;
	s->m.new_to_old = s->n2o;
	s->m.n_old = s->m.n_new = N;
}

/* The vectors (and the df of their features) built on `threads`
 * threads, as text. new: the text. */
static char *vectors(sides *s, size_t threads)
{
	sl_match__ctx c;
	size_t k, f, len = 0, cap = 1 << 20;
	char *out = malloc(cap);
	assert_non_null(out);
	memset(&c, 0, sizeof(c));
	c.old_items = (const sl_item *const *)s->old;
	c.new_items = (const sl_item *const *)s->new;
	c.n_old = c.n_new = N;
	c.total = 2 * N;
	c.pool_old = s->pool_old;
	c.pool_new = s->pool_new;
	sl_par_set_threads(threads);
	assert_int_equal(sl_match__build_vectors(&c, &s->m), 0);
	sl_par_set_threads(0);
	for (k = 0; k < c.total; k++) {
		const sl_match__ivec *v = &c.vec[k];
		bool pool = k < N ? s->pool_old[k] : s->pool_new[k - N];
		if (!pool) {
			assert_null(v->w); /* no vector outside the pool */
			continue;
		}
		assert_true(v->n > 10);
		for (f = 0; f < v->n; f++) {
			if (cap - len < 128) {
				cap *= 2;
				out = realloc(out, cap);
				assert_non_null(out);
			}
			len += (size_t)snprintf(
				out + len, cap - len, "%zu %08x %a %zu\n", k,
				v->h[f], v->w[f],
				sl_match__df_lookup(&c.df, v->h[f]));
		}
	}
	sl_match__vectors_dispose(&c);
	return out;
}

static void test_match_vector__df_does_not_depend_on_threads(void **state)
{
	sides *s = calloc(1, sizeof(*s));
	char *one, *four;
	size_t i;
	(void)state;
	assert_non_null(s);
	build(s);
	one = vectors(s, 1);
	four = vectors(s, 4);
	assert_string_equal(four, one);
	/* The settled pairs did count: a pool question's bigram "ついて"
	 * region is shared by every item, so some df is far above the
	 * pool's own 2 * POOL. */
	assert_non_null(strstr(one, " 3000\n"));
	free(one);
	free(four);
	for (i = 0; i < N; i++) {
		sl_item_free(s->old[i]);
		sl_item_free(s->new[i]);
	}
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
			test_match_vector__df_does_not_depend_on_threads),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
