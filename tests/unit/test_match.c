/*
 * test_match.c: pairing old and new items, on real items of the 2022-09
 * sheet: insertions that shift numbers, a deleted item whose number a
 * neighbour takes over, swaps, chains of shifts with an edit, heavily
 * edited items that keep their id, moves across sections, and boilerplate
 * that must not make unrelated items look alike, and a component too large
 * for the exact assignment; reused numbers (a question asked anew under an
 * old number is another item), alone, while the old item moves, at the end
 * of a section; a sheet-wide renumbering, and stable ids with heavy edits.
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
#include "json.h"
#include "match.h"
#include "par.h"
#include "test_sheet.h"
#include "test_tmp.h"

static sl_item *load(const char *id)
{
	char *name = test_fmt("%s.json", id);
	sl_item *it = test_real_item_file(name);
	free(name);
	return it;
}

/* A copy of a real item under another id (and section). */
static sl_item *renamed(const sl_item *src, const char *id)
{
	sl_item *it = sl_item_dup(src);
	char section[16];
	assert_non_null(it);
	sl_free(it->id);
	it->id = sl_strdup(id);
	snprintf(section, sizeof(section), "%.*s", (int)strcspn(id, "-"), id);
	sl_free(it->section);
	it->section = sl_strdup(section);
	return it;
}

static void set_text(char **field, const char *text)
{
	sl_free(*field);
	*field = sl_strdup(text);
}

/* A real item loaded under another id. */
static sl_item *load_as(const char *id, const char *new_id)
{
	sl_item *src = load(id), *it = renamed(src, new_id);
	sl_item_free(src);
	return it;
}

typedef struct side {
	sl_item *items[64];
	size_t n;
} side;

static void add(side *s, sl_item *it)
{
	s->items[s->n++] = it;
}

static void free_side(side *s)
{
	size_t i;
	for (i = 0; i < s->n; i++)
		sl_item_free(s->items[i]);
	s->n = 0;
}

/* "old->new" pairs and unpaired ids, e.g. "2-3>2-4 -2-5 +2-21", in old
 * order then new order. */
static char *describe(side *o, side *n)
{
	sl_match m;
	char buf[4096] = "";
	size_t i;
	assert_int_equal(sl_match_items(&m, (const sl_item *const *)o->items,
					o->n, (const sl_item *const *)n->items,
					n->n),
			 0);
	for (i = 0; i < o->n; i++) {
		size_t j = m.old_to_new[i];
		char part[64];
		if (j == SL_MATCH_NONE)
			snprintf(part, sizeof(part), "-%s ", o->items[i]->id);
		else if (strcmp(o->items[i]->id, n->items[j]->id))
			snprintf(part, sizeof(part), "%s>%s ", o->items[i]->id,
				 n->items[j]->id);
		else
			snprintf(part, sizeof(part), "=%s ", o->items[i]->id);
		strcat(buf, part);
	}
	for (i = 0; i < n->n; i++) {
		if (m.new_to_old[i] == SL_MATCH_NONE) {
			strcat(buf, "+");
			strcat(buf, n->items[i]->id);
			strcat(buf, " ");
		}
	}
	sl_match_dispose(&m);
	if (buf[0])
		buf[strlen(buf) - 1] = '\0';
	return strdup(buf);
}

static void test_match__insertion_is_one_added_and_renumberings(void **state)
{
	side o = {{0}, 0}, n = {{0}, 0};
	sl_item *fresh;
	char id[32], *d, expect[2048] = "=2-1 =2-2 ";
	int k;
	(void)state;
	for (k = 1; k <= 20; k++) {
		snprintf(id, sizeof(id), "2-%d", k);
		add(&o, load(id));
	}
	add(&n, sl_item_dup(o.items[0]));
	add(&n, sl_item_dup(o.items[1]));
	fresh = renamed(o.items[0], "2-3");
	sl_free(fresh->question);
	fresh->question = sl_strdup(
		"ニフクラに保存したデータを暗号化する機能は提供されていますか。");
	sl_free(fresh->answer);
	fresh->answer = sl_strdup("ディスク暗号化機能を提供しています。");
	add(&n, fresh);
	for (k = 3; k <= 20; k++) {
		snprintf(id, sizeof(id), "2-%d", k + 1);
		add(&n, renamed(o.items[k - 1], id));
	}
	for (k = 3; k <= 20; k++) {
		char part[32];
		snprintf(part, sizeof(part), "2-%d>2-%d ", k, k + 1);
		strcat(expect, part);
	}
	strcat(expect, "+2-3");
	d = describe(&o, &n);
	assert_string_equal(d, expect);
	free(d);
	free_side(&o);
	free_side(&n);
}

static void test_match__deleted_number_taken_over_by_neighbour(void **state)
{
	side o = {{0}, 0}, n = {{0}, 0};
	char *d;
	(void)state;
	add(&o, load("2-4"));
	add(&o, load("2-5"));
	add(&o, load("2-6"));
	add(&n, renamed(o.items[0], "2-5")); /* old 2-4 is now 2-5 */
	add(&n, sl_item_dup(o.items[2]));
	d = describe(&o, &n);
	assert_string_equal(d, "2-4>2-5 -2-5 =2-6");
	free(d);
	free_side(&o);
	free_side(&n);
}

static void test_match__swapped_numbers(void **state)
{
	side o = {{0}, 0}, n = {{0}, 0};
	char *d;
	(void)state;
	add(&o, load("2-4"));
	add(&o, load("2-5"));
	add(&n, renamed(o.items[1], "2-4"));
	add(&n, renamed(o.items[0], "2-5"));
	d = describe(&o, &n);
	assert_string_equal(d, "2-4>2-5 2-5>2-4");
	free(d);
	free_side(&o);
	free_side(&n);
}

/* A new side that repeats an id (lint refuses it; a diff of it still
 * runs), in either order: each old item is paired with its own copy
 * under that id, whichever of the two the id lookup found. */
static void test_match__repeated_new_id_pairs_the_copy(void **state)
{
	side o = {{0}, 0}, n = {{0}, 0};
	sl_match m;
	char *d;
	size_t k;
	(void)state;
	add(&o, load("2-4"));
	add(&o, load("2-5"));
	for (k = 0; k < 2; k++) {
		/* The copy first, then second. */
		add(&n, renamed(k ? o.items[1] : o.items[0], "2-4"));
		add(&n, renamed(k ? o.items[0] : o.items[1], "2-4"));
		d = describe(&o, &n);
		assert_string_equal(d, "=2-4 2-5>2-4");
		free(d);
		assert_int_equal(
			sl_match_items(&m, (const sl_item *const *)o.items, o.n,
				       (const sl_item *const *)n.items, n.n),
			0);
		assert_int_equal(m.old_to_new[0], k);
		assert_int_equal(m.old_to_new[1], 1 - k);
		sl_match_dispose(&m);
		free_side(&n);
	}
	free_side(&o);
}

static void test_match__chain_of_shifts_with_one_edit(void **state)
{
	side o = {{0}, 0}, n = {{0}, 0};
	sl_item *edited;
	char *d;
	(void)state;
	add(&o, load("2-11"));
	add(&o, load("2-12"));
	add(&o, load("2-13"));
	add(&o, load("2-14"));
	/* New 2-11 inserted; 2-11..2-14 shift by one; old 2-12 also edited. */
	add(&n, load_as("1-63", "2-11"));
	add(&n, renamed(o.items[0], "2-12"));
	edited = renamed(o.items[1], "2-13");
	{
		char *a = test_fmt(
			"%sまた、年1回、第三者による脆弱性診断を受けています。",
			edited->answer);
		sl_free(edited->answer);
		edited->answer = sl_strdup(a);
		free(a);
	}
	add(&n, edited);
	add(&n, renamed(o.items[2], "2-14"));
	add(&n, renamed(o.items[3], "2-15"));
	d = describe(&o, &n);
	assert_string_equal(d, "2-11>2-12 2-12>2-13 2-13>2-14 2-14>2-15 +2-11");
	free(d);
	free_side(&o);
	free_side(&n);
}

/* describe(o, n) is want; both sides freed. */
static void expect_pairs(side *o, side *n, const char *want)
{
	char *d = describe(o, n);
	assert_string_equal(d, want);
	free(d);
	free_side(o);
	free_side(n);
}

static void test_match__heavily_edited_item_keeps_its_id(void **state)
{
	side o = {{0}, 0}, n = {{0}, 0};
	sl_item *it;
	char *d;
	(void)state;
	add(&o, load("1-62"));
	add(&o, load("1-66"));
	it = sl_item_dup(o.items[0]);
	sl_free(it->answer);
	it->answer = sl_strdup(
		"ニフクラは24時間365日、監視システムと運用担当者の両方で監視を行っています。");
	sl_free(it->question);
	/* The question reworded, not replaced. */
	it->question = sl_strdup(
		"ニフクラの障害監視について、障害・インシデントを収集/集計する間隔はどのくらいですか。");
	add(&n, it);
	add(&n, sl_item_dup(o.items[1]));
	/* An unrelated new item appears too: it must not steal 1-62. */
	add(&n, load_as("4-16", "1-91"));
	d = describe(&o, &n);
	assert_string_equal(d, "=1-62 =1-66 +1-91");
	free(d);
	free_side(&o);
	free_side(&n);
}

/* The same number asking something else: not the same item. */
static void test_match__question_asked_anew_is_another_item(void **state)
{
	side o = {{0}, 0}, n = {{0}, 0};
	sl_item *it;
	(void)state;
	add(&o, load("1-62"));
	add(&o, load("1-66"));
	it = sl_item_dup(o.items[0]);
	set_text(&it->answer,
		 "ニフクラは24時間365日、監視システムと運用担当者の"
		 "両方で監視を行っています。");
	set_text(&it->question, "障害はどのような体制で監視していますか。");
	add(&n, it);
	add(&n, sl_item_dup(o.items[1]));
	add(&n, load_as("4-16", "1-91"));
	expect_pairs(&o, &n, "-1-62 =1-66 +1-62 +1-91");
}

/* An unrelated business-continuity question under id. */
static sl_item *bcp_item(const char *id)
{
	sl_item *it = load_as("3-2", id);
	set_text(&it->question, "大規模災害に備えた事業継続計画(BCP)を策定し、"
				"定期的に訓練を実施していますか。");
	set_text(&it->answer, "事業継続計画を策定し、年1回、全社で訓練を実施"
			      "しています。");
	return it;
}

static void test_match__reused_number_alone(void **state)
{
	side o = {{0}, 0}, n = {{0}, 0};
	(void)state;
	add(&o, load("3-2"));
	add(&o, load("3-3"));
	add(&n, bcp_item("3-2"));
	add(&n, sl_item_dup(o.items[1]));
	expect_pairs(&o, &n, "-3-2 =3-3 +3-2");
}

static void test_match__reused_number_while_its_item_moves(void **state)
{
	side o = {{0}, 0}, n = {{0}, 0};
	sl_item *moved;
	(void)state;
	add(&o, load("1-30"));
	add(&o, load("1-40"));
	/* Old 1-30 withdrawn, old 1-40 moves to 1-30 (its answer edited),
	 * and a new 1-40 arrives. */
	moved = renamed(o.items[1], "1-30");
	{
		char *a = test_fmt("%s(2023年4月改訂)", moved->answer);
		set_text(&moved->answer, a);
		free(a);
	}
	add(&n, moved);
	add(&n, bcp_item("1-40"));
	expect_pairs(&o, &n, "-1-30 1-40>1-30 +1-40");
}

static void test_match__deletion_shift_and_reuse_at_section_end(void **state)
{
	side o = {{0}, 0}, n = {{0}, 0};
	char id[32];
	int k;
	(void)state;
	for (k = 1; k <= 8; k++) {
		snprintf(id, sizeof(id), "5-%d", k);
		add(&o, load(id));
	}
	/* 5-3 withdrawn, 5-4..5-8 close up, and 5-8 holds a new item. */
	add(&n, sl_item_dup(o.items[0]));
	add(&n, sl_item_dup(o.items[1]));
	for (k = 4; k <= 8; k++) {
		snprintf(id, sizeof(id), "5-%d", k - 1);
		add(&n, renamed(o.items[k - 1], id));
	}
	add(&n, bcp_item("5-8"));
	expect_pairs(
		&o, &n,
		"=5-1 =5-2 -5-3 5-4>5-3 5-5>5-4 5-6>5-5 5-7>5-6 5-8>5-7 +5-8");
}

static int natural_cmp(const void *a, const void *b)
{
	const char *x = *(const char *const *)a, *y = *(const char *const *)b;
	int sx, nx, sy, ny;
	sscanf(x, "%d-%d", &sx, &nx);
	sscanf(y, "%d-%d", &sy, &ny);
	return sx != sy ? sx - sy : nx - ny;
}

/* The real sheet's ids, in document order. */
static size_t real_ids(char *ids[200])
{
	char *dir = test_fmt("%s/checklist/items", SL_SOURCE_DIR);
	DIR *dh = opendir(dir);
	struct dirent *e;
	size_t n = 0;
	assert_non_null(dh);
	while ((e = readdir(dh)))
		if (strstr(e->d_name, ".json"))
			ids[n++] = strndup(e->d_name, strlen(e->d_name) - 5);
	closedir(dh);
	free(dir);
	qsort(ids, n, sizeof(*ids), natural_cmp);
	return n;
}

/* Plain numbers 1..161 become section numbers 1-1..6-10; a few answers
 * and questions are edited on the way. Every item pairs. */
static void test_match__sheet_wide_renumbering(void **state)
{
	char *ids[200];
	size_t n = real_ids(ids), k;
	sl_item **o = calloc(n, sizeof(*o)), **nw = calloc(n, sizeof(*nw));
	sl_match m;
	(void)state;
	assert_int_equal(n, 161);
	for (k = 0; k < n; k++) {
		char plain[24];
		snprintf(plain, sizeof(plain), "%zu", k + 1);
		nw[k] = load(ids[k]);
		o[k] = renamed(nw[k], plain);
		if (k % 16 == 3) {
			char *a = test_fmt("%s(改訂)", nw[k]->answer);
			set_text(&nw[k]->answer, a);
			free(a);
		}
		if (k % 40 == 7) {
			char *q = test_fmt("現在、%s", nw[k]->question);
			set_text(&nw[k]->question, q);
			free(q);
		}
	}
	assert_int_equal(sl_match_items(&m, (const sl_item *const *)o, n,
					(const sl_item *const *)nw, n),
			 0);
	for (k = 0; k < n; k++)
		assert_int_equal(m.old_to_new[k], k);
	sl_match_dispose(&m);
	for (k = 0; k < n; k++) {
		sl_item_free(o[k]);
		sl_item_free(nw[k]);
		free(ids[k]);
	}
	free(o);
	free(nw);
}

/* A catalogue whose ids stay: every answer rewritten (another item's),
 * questions reworded slightly. Every item keeps its id. */
static void test_match__stable_ids_with_heavy_edits(void **state)
{
	side o = {{0}, 0}, n = {{0}, 0};
	char id[32];
	size_t k;
	(void)state;
	for (k = 0; k < 40; k++) {
		snprintf(id, sizeof(id), "1-%zu", k + 1);
		add(&o, load(id));
	}
	for (k = 0; k < 40; k++) {
		sl_item *it = sl_item_dup(o.items[k]);
		set_text(&it->answer, o.items[(k + 17) % 40]->answer);
		if (k % 2) {
			char *q = test_fmt("%sご説明ください。", it->question);
			set_text(&it->question, q);
			free(q);
		}
		add(&n, it);
	}
	{
		sl_match m;
		assert_int_equal(
			sl_match_items(&m, (const sl_item *const *)o.items, o.n,
				       (const sl_item *const *)n.items, n.n),
			0);
		for (k = 0; k < 40; k++)
			assert_int_equal(m.old_to_new[k], k);
		sl_match_dispose(&m);
	}
	free_side(&o);
	free_side(&n);
}

static void test_match__move_to_another_section_is_a_renumbering(void **state)
{
	side o = {{0}, 0}, n = {{0}, 0};
	char *d;
	(void)state;
	add(&o, load("2-7"));
	add(&n, renamed(o.items[0], "3-5"));
	d = describe(&o, &n);
	assert_string_equal(d, "2-7>3-5");
	free(d);
	free_side(&o);
	free_side(&n);
}

static void
test_match__shared_boilerplate_does_not_pair_unrelated_items(void **state)
{
	side o = {{0}, 0}, n = {{0}, 0};
	sl_item *it;
	char *d;
	(void)state;
	/* 1-10 and 1-11 share the answer "富士通グループの規定に則り実施
	 * しています。"; 1-10 is removed and an unrelated item with the same
	 * boilerplate answer arrives as 1-91. */
	add(&o, load("1-10"));
	it = load_as("1-68", "1-91");
	sl_free(it->question);
	it->question = sl_strdup(
		"富士通では社用スマートフォンの紛失時に遠隔消去を行えますか。");
	add(&n, it);
	d = describe(&o, &n);
	assert_string_equal(d, "-1-10 +1-91");
	free(d);
	free_side(&o);
	free_side(&n);
}

static void test_match__similarity_weighs_distinctive_text(void **state)
{
	sl_item *a = load("1-10"), *b = load("1-11"), *c = sl_item_dup(a);
	double s_ab, s_ac;
	(void)state;
	sl_free(c->answer);
	c->answer = sl_strdup(
		"富士通グループの規定に則り実施しています。監査も受けています。");
	assert_int_equal(sl_match_similarity(&s_ab, a, b), 0);
	assert_int_equal(sl_match_similarity(&s_ac, a, c), 0);
	/* Same question, answer extended: very similar. Different questions
	 * sharing only boilerplate: not similar enough to pair (0.55). */
	assert_true(s_ac > 0.8);
	assert_true(s_ab < 0.55);
	sl_item_free(a);
	sl_item_free(b);
	sl_item_free(c);
}

static void test_match__empty_lists(void **state)
{
	sl_match m;
	(void)state;
	assert_int_equal(sl_match_items(&m, NULL, 0, NULL, 0), 0);
	assert_int_equal(m.n_old, 0);
	assert_int_equal(m.n_new, 0);
	sl_match_dispose(&m);
}

static void test_match__out_of_memory_is_clean(void **state)
{
	side o = {{0}, 0}, n = {{0}, 0};
	long k;
	(void)state;
	add(&o, load("2-4"));
	add(&o, load("2-5"));
	add(&n, renamed(o.items[1], "2-4"));
	add(&n, renamed(o.items[0], "2-5"));
	for (k = 0; k < 300; k++) {
		sl_match m;
		int rc;
		sl_alloc_fail_after(k);
		rc = sl_match_items(&m, (const sl_item *const *)o.items, o.n,
				    (const sl_item *const *)n.items, n.n);
		sl_alloc_fail_after(-1);
		assert_true(rc == 0 || rc == SL_ENOMEM);
		if (rc == 0) {
			assert_int_equal(m.old_to_new[0], 1);
			sl_match_dispose(&m);
		}
	}
	free_side(&o);
	free_side(&n);
}

/* Four CJK characters unique to k: the distinctive part of item k. */
static void tok(char *out, int k)
{
	int i;
	for (i = 0; i < 4; i++) {
		unsigned cp = 0x4E00u + (unsigned)(k * 4 + i);
		out[i * 3] = (char)(0xE0 | (cp >> 12));
		out[i * 3 + 1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[i * 3 + 2] = (char)(0x80 | (cp & 0x3F));
	}
	out[12] = '\0';
}

static sl_item *chained(const char *section, int k, const char *suffix)
{
	sl_item *it = sl_item_new();
	char id[32], t[13], text[160] = "";
	int j;
	assert_non_null(it);
	snprintf(id, sizeof(id), "%s-%d", section, k);
	for (j = 0; j < 8; j++) {
		tok(t, k + j);
		strcat(text, t);
	}
	strcat(text, suffix);
	assert_int_equal(sl_item_set(it, "id", id, false), 0);
	assert_int_equal(sl_item_set(it, "section", section, false), 0);
	assert_int_equal(sl_item_set(it, "question", text, false), 0);
	assert_int_equal(sl_item_set(it, "answer", text, false), 0);
	return it;
}

/* n items of section 7 (old) and their edited copies in section 8 (new),
 * each sharing seven eighths of its text with its neighbour. */
typedef struct moved {
	sl_item **o, **n;
	size_t count;
} moved;

static moved moved_new(size_t count)
{
	moved m = {calloc(count, sizeof(sl_item *)),
		   calloc(count, sizeof(sl_item *)), count};
	size_t k;
	assert_non_null(m.o);
	assert_non_null(m.n);
	for (k = 0; k < count; k++) {
		m.o[k] = chained("7", (int)k + 1, "");
		m.n[k] = chained("8", (int)k + 1, "改訂");
	}
	return m;
}

static int moved_match(sl_match *out, const moved *m)
{
	return sl_match_items(out, (const sl_item *const *)m->o, m->count,
			      (const sl_item *const *)m->n, m->count);
}

static void moved_free(moved *m)
{
	size_t k;
	for (k = 0; k < m->count; k++) {
		sl_item_free(m->o[k]);
		sl_item_free(m->n[k]);
	}
	free(m->o);
	free(m->n);
}

/*
 * 400 items moved from section 7 to 8 and edited, each sharing seven eighths
 * of its text with its neighbour: one connected component of 800 nodes,
 * beyond what the exact assignment takes, so it is paired greedily by
 * weight. Greedy still finds every item's own edited copy.
 */
static void test_match__huge_component_is_paired_greedily(void **state)
{
	moved mv = moved_new(400);
	sl_match m;
	double sim;
	size_t k;
	(void)state;
	/* Neighbours are candidates for each other (the component is one),
	 * own copies are far closer. */
	assert_int_equal(sl_match_similarity(&sim, mv.o[10], mv.n[11]), 0);
	assert_true(sim >= 0.55);
	assert_int_equal(sl_match_similarity(&sim, mv.o[10], mv.n[10]), 0);
	assert_true(sim > 0.9);
	assert_int_equal(moved_match(&m, &mv), 0);
	for (k = 0; k < mv.count; k++)
		assert_int_equal(m.old_to_new[k], k);
	sl_match_dispose(&m);
	moved_free(&mv);
}

/* Pair mv on one thread and on four: each old item k must be paired
 * with new item k both times. */
static void assert_threads_pair_own_copies(const moved *mv)
{
	sl_match one, four;
	size_t k;
	sl_par_set_threads(1);
	assert_int_equal(moved_match(&one, mv), 0);
	sl_par_set_threads(4);
	assert_int_equal(moved_match(&four, mv), 0);
	sl_par_set_threads(0);
	for (k = 0; k < mv->count; k++) {
		assert_int_equal(one.old_to_new[k], k);
		assert_int_equal(four.old_to_new[k], k);
		assert_int_equal(four.new_to_old[k], k);
	}
	sl_match_dispose(&one);
	sl_match_dispose(&four);
}

/*
 * Vectors are built on several threads once the matcher holds 1,024 items
 * or more, and candidate edges once a side holds 1,024: 1,100 moved and
 * edited items a side, paired on one thread and on four, must pair the
 * same way (each item with its own edited copy).
 */
static void test_match__threads_pair_the_same(void **state)
{
	moved mv = moved_new(1100);
	(void)state;
	assert_threads_pair_own_copies(&mv);
	moved_free(&mv);
}

/*
 * 1,100 items a side keep their ids but have their questions edited, so
 * step 1 cannot pair them and the same-id step (its fits computed on
 * several threads) and the edges see them all. One thread and four pair
 * alike, each item with its own edited self.
 */
static void test_match__threads_pair_same_ids_alike(void **state)
{
	moved mv = moved_new(1100);
	size_t k;
	(void)state;
	for (k = 0; k < mv.count; k++) {
		sl_item_free(mv.n[k]);
		mv.n[k] = chained("7", (int)k + 1, "改訂");
	}
	assert_threads_pair_own_copies(&mv);
	moved_free(&mv);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_match__huge_component_is_paired_greedily),
		cmocka_unit_test(test_match__threads_pair_the_same),
		cmocka_unit_test(test_match__threads_pair_same_ids_alike),
		cmocka_unit_test(
			test_match__insertion_is_one_added_and_renumberings),
		cmocka_unit_test(
			test_match__deleted_number_taken_over_by_neighbour),
		cmocka_unit_test(test_match__swapped_numbers),
		cmocka_unit_test(test_match__repeated_new_id_pairs_the_copy),
		cmocka_unit_test(test_match__chain_of_shifts_with_one_edit),
		cmocka_unit_test(test_match__heavily_edited_item_keeps_its_id),
		cmocka_unit_test(
			test_match__question_asked_anew_is_another_item),
		cmocka_unit_test(test_match__reused_number_alone),
		cmocka_unit_test(
			test_match__reused_number_while_its_item_moves),
		cmocka_unit_test(
			test_match__deletion_shift_and_reuse_at_section_end),
		cmocka_unit_test(test_match__sheet_wide_renumbering),
		cmocka_unit_test(test_match__stable_ids_with_heavy_edits),
		cmocka_unit_test(
			test_match__move_to_another_section_is_a_renumbering),
		cmocka_unit_test(
			test_match__shared_boilerplate_does_not_pair_unrelated_items),
		cmocka_unit_test(
			test_match__similarity_weighs_distinctive_text),
		cmocka_unit_test(test_match__empty_lists),
		cmocka_unit_test(test_match__out_of_memory_is_clean),
	};
	return cmocka_run_group_tests_name("match", tests, NULL, NULL);
}
