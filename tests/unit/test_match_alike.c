/*
 * test_match_alike.c: the near-duplicate search against scoring every
 * pair. The live sheet's 161 items plus perturbed copies (a character of
 * the question changed, some answers extended), so that many pairs are
 * near the 0.8 line: the search, which compares only items sharing a
 * distinctive bigram and skips pairs its bound rules out, must find
 * exactly the pairs (and scores) that scoring all of them finds.
 */
#define _XOPEN_SOURCE 700
#include <dirent.h>
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
#include "test_sheet.h"
#include "test_tmp.h"

#define MAX_ITEMS 1024

typedef struct corpus {
	sl_item *items[MAX_ITEMS];
	size_t n;
} corpus;

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A deterministic generator (the test must not depend on rand()). */
static uint32_t next(uint32_t *s)
{
	*s = *s * 1103515245u + 12345u;
	return *s >> 8;
}

/* Replace the code point at a pseudo-random position of text with one of
 * a few kana (a one-character edit of a Japanese question). */
static char *perturb(const char *text, uint32_t *seed)
{
	static const char *const kana[] = {"は", "が", "の", "を", "に"};
	size_t len = strlen(text), starts[2048], n = 0, i, at, end;
	char *out;
	for (i = 0; i < len && n < 2048; i++)
		if (((unsigned char)text[i] & 0xc0) != 0x80)
			starts[n++] = i;
	if (n < 4)
		return sl_strdup(text);
	at = starts[next(seed) % n];
	for (end = at + 1;
	     end < len && ((unsigned char)text[end] & 0xc0) == 0x80; end++)
		;
	out = test_fmt("%.*s%s%s", (int)at, text, kana[next(seed) % 5],
		       text + end);
	return out;
}

static void load_corpus(corpus *c)
{
	char *dir = test_fmt("%s/checklist/items", SL_SOURCE_DIR);
	DIR *d = opendir(dir);
	struct dirent *e;
	char *names[256];
	size_t nn = 0, i, k, real;
	uint32_t seed = 7;
	assert_non_null(d);
	while ((e = readdir(d)))
		if (strstr(e->d_name, ".json") && nn < 256)
			names[nn++] = strdup(e->d_name);
	closedir(d);
	free(dir);
	qsort(names, nn, sizeof(*names), by_name);
	c->n = 0;
	for (i = 0; i < nn; i++) {
		c->items[c->n++] = test_real_item_file(names[i]);
		free(names[i]);
	}
	real = c->n;
	for (k = 0; k < 3; k++)
		for (i = 0; i < real && c->n < MAX_ITEMS; i++) {
			sl_item *it = sl_item_dup(c->items[i]);
			char *q = perturb(it->question, &seed);
			assert_non_null(it);
			sl_free(it->question);
			it->question = sl_strdup(q);
			free(q);
			if (k == 1) {
				char *a = test_fmt("%s（補足）", it->answer);
				sl_free(it->answer);
				it->answer = sl_strdup(a);
				free(a);
			}
			c->items[c->n++] = it;
		}
}

static void free_corpus(corpus *c)
{
	size_t i;
	for (i = 0; i < c->n; i++)
		sl_item_free(c->items[i]);
}

/* Scoring every pair finds what the search finds, in the same order. */
static void check_against_all_pairs(double min)
{
	corpus c;
	sl_match_pair_alike *got = NULL;
	sl_match__vecs *v = NULL;
	size_t count = 0, i, j, k = 0, all = 0;
	load_corpus(&c);
	assert_true(c.n > 600);
	assert_int_equal(sl_match_alike(&got, &count,
					(const sl_item *const *)c.items, c.n,
					min),
			 0);
	assert_int_equal(
		sl_match__vecs_new(&v, (const sl_item *const *)c.items, c.n),
		0);
	for (i = 0; i < c.n; i++)
		for (j = i + 1; j < c.n; j++) {
			double q = sl_match__vecs_question(v, i, j);
			if (q < min)
				continue;
			all++;
			if (k < count && got[k].a == i && got[k].b == j) {
				assert_true(got[k].question == q);
				k++;
			} else if (min >= 0.8) {
				fail_msg(
					"items %zu (%s) and %zu (%s) score %.4f "
					"but were not found",
					i, c.items[i]->id, j, c.items[j]->id,
					q);
			}
		}
	/* Every pair found is one of all the pairs, in order. */
	assert_int_equal(k, count);
	/* The corpus puts hundreds of pairs over the line, so the
	 * comparison means something. */
	assert_true(count > 300);
	if (min >= 0.8)
		assert_int_equal(count, all);
	sl_match__vecs_free(v);
	sl_free(got);
	free_corpus(&c);
}

static void test_match_alike__finds_what_scoring_all_pairs_finds(void **state)
{
	(void)state;
	check_against_all_pairs(0.8);
}

/* Lower, more pairs sit near the bound; each pair found must still be a
 * pair over the line, with the score all-pairs scoring gives it. */
static void test_match_alike__low_threshold_finds_only_true_pairs(void **state)
{
	(void)state;
	check_against_all_pairs(0.5);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
			test_match_alike__finds_what_scoring_all_pairs_finds),
		cmocka_unit_test(
			test_match_alike__low_threshold_finds_only_true_pairs),
	};
	return cmocka_run_group_tests_name("match_alike", tests, NULL, NULL);
}
