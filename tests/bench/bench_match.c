/*
 * bench_match.c: how the matcher's cost grows (scripts/bench.sh, stage
 * match-scaling). Not a test: it times sl_match_items on synthetic lists
 * shaped like a diff's candidates and prints medians.
 *
 *   bench_match [RUNS]
 *
 * Each case gives the matcher N changed items per side. Of these, P were
 * renumbered (new id: the old one shifted by one, as an insertion does)
 * and edited, so nothing pairs them but content: the pool. The other N - P
 * keep their id and question and have an edited answer, the common case,
 * settled before any vector. P = 0 is a diff where nothing was
 * renumbered. The matcher folds every item once for document frequencies
 * (linear in N, cheap) and builds vectors and candidate edges for the pool
 * only (linear in P): the table shows both slopes.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "item.h"
#include "match.h"

#include "bench_text.h"

static sl_item *make(const char *id, const char *question, const char *answer)
{
	sl_item *it = sl_item_new();
	if (!it || sl_item_set(it, "id", id, false) < 0 ||
	    sl_item_set(it, "section", "1", false) < 0 ||
	    sl_item_set(it, "question", question, false) < 0 ||
	    sl_item_set(it, "answer", answer, false) < 0) {
		fprintf(stderr, "bench_match: out of memory\n");
		exit(1);
	}
	return it;
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int dbl_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* Median milliseconds of RUNS matches of N items per side, P in the pool. */
static double run_case(size_t n, size_t p, int runs)
{
	sl_item **olds = calloc(n, sizeof(*olds));
	sl_item **news = calloc(n, sizeof(*news));
	double *t = calloc((size_t)runs, sizeof(double)), med;
	size_t i, paired = 0;
	int r;

	if (!olds || !news || !t) {
		fprintf(stderr, "bench_match: out of memory\n");
		exit(1);
	}
	for (i = 0; i < n; i++) {
		char id[32], nid[32], q[512], a[1024], a2[2048], topic[32];
		size_t k, tl = 0;
		snprintf(id, sizeof(id), "1-%zu", i + 1);
		/* The pool is spread over the list, as shifted items are. */
		snprintf(nid, sizeof(nid), "1-%zu",
			 i * p / n != (i + 1) * p / n ? n + i + 1 : i + 1);
		/* What makes a real question distinctive: its own subject,
		 * here six random kanji (U+4E00..U+5DFF, three bytes each). */
		for (k = 0; k < 6; k++) {
			uint32_t cp = 0x4E00 + next_rand() % 0x1000;
			topic[tl++] = (char)(0xE0 | (cp >> 12));
			topic[tl++] = (char)(0x80 | ((cp >> 6) & 0x3F));
			topic[tl++] = (char)(0x80 | (cp & 0x3F));
		}
		topic[tl] = '\0';
		snprintf(
			q, sizeof(q),
			"%sについて、%sか。また、その記録を%u年間保管していますか。",
			topic, phrases[next_rand() % NPHRASES],
			1 + next_rand() % 9);
		snprintf(a, sizeof(a), "%s。%s。対象は%u件です。",
			 phrases[next_rand() % NPHRASES],
			 phrases[next_rand() % NPHRASES], next_rand() % 10000);
		snprintf(a2, sizeof(a2), "%s%s。", a,
			 phrases[next_rand() % NPHRASES]);
		olds[i] = make(id, q, a);
		news[i] = make(nid, q, a2);
	}
	for (r = 0; r < runs; r++) {
		sl_match m;
		double t0 = now();
		if (sl_match_items(&m, (const sl_item *const *)olds, n,
				   (const sl_item *const *)news, n) < 0) {
			fprintf(stderr, "bench_match: match failed\n");
			exit(1);
		}
		t[r] = (now() - t0) * 1000.0;
		for (i = 0, paired = 0; i < n; i++)
			paired += m.old_to_new[i] != SL_MATCH_NONE;
		sl_match_dispose(&m);
	}
	qsort(t, (size_t)runs, sizeof(double), dbl_cmp);
	med = t[runs / 2];
	printf("match-scaling  N %6zu  pool %5zu  paired %6zu  median %8.2f ms\n",
	       n, p, paired, med);
	for (i = 0; i < n; i++) {
		sl_item_free(olds[i]);
		sl_item_free(news[i]);
	}
	free(olds);
	free(news);
	free(t);
	return med;
}

int main(int argc, char **argv)
{
	static const size_t ns[] = {2000, 8000, 32000};
	static const size_t ps[] = {0, 100, 1000};
	int runs = argc > 1 ? atoi(argv[1]) : 7;
	size_t i, j;
	if (runs < 1)
		runs = 1;
	for (i = 0; i < sizeof(ns) / sizeof(ns[0]); i++)
		for (j = 0; j < sizeof(ps) / sizeof(ps[0]); j++)
			run_case(ns[i], ps[j], runs);
	return 0;
}
