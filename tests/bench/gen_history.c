/*
 * gen_history.c: builds a synthetic sheet history for scripts/bench.sh,
 * through libgit2 (no git executable):
 *
 *   gen_history DIR ITEMS REVISIONS CHANGES_PER_REVISION [PROFILE]
 *
 * DIR becomes a repository whose main branch, checked out, holds
 * REVISIONS commits, one a day from 2020-01-01 (+09:00). The first
 * commit has ITEMS items in 10
 * sections; every later commit edits CHANGES_PER_REVISION items chosen by
 * a fixed pseudo-random sequence. sheet.json's as_of follows the commit
 * month, so the history has one edition per month. Deterministic: the
 * same arguments give the same commit ids.
 *
 * PROFILE renumber (the default) is shaped like a real sheet's life: the
 * edits are changed numbers, replaced phrases, appended sentences,
 * complete rewrites and notation-only edits (a compatibility ideograph or
 * a full-width digit swapped for its plain form), and every 10th commit
 * (the last commit among them) also inserts two items mid-section,
 * shifting the numbers after them, removes one (shifting back), moves one
 * to another section (both renumbered) and, every 50th, swaps two items
 * of a section. Items are numbered by position, SECTION-N, as the
 * published sheet is, so a shift renames and rewrites every later file.
 * PROFILE append is the older shape: edits only, and every 50th commit an
 * item added at the end of a section.
 */
#include <git2.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define CHECK(call)                                                     \
	do {                                                            \
		if ((call) < 0) {                                       \
			const git_error *e_ = git_error_last();         \
			fprintf(stderr, "gen_history: %s: %s\n", #call, \
				e_ ? e_->message : "?");                \
			exit(1);                                        \
		}                                                       \
	} while (0)

#include "bench_text.h"

typedef struct item {
	char id[32];
	int section;
	char question[512];
	char answer[4096];
	char file_id[32]; /* the id its file has in the tree, "" for none */
} item;

static item *items;
static size_t nitems, cap;

/* renumber profile: each section's items in order, as indices into items;
 * an item's id is SECTION-(position + 1). */
#define NSECTIONS 10
static size_t *order[NSECTIONS + 1];
static unsigned char *dirty; /* cap entries: content changed this revision */
static size_t order_len[NSECTIONS + 1], order_cap[NSECTIONS + 1];

static void make_item(item *it, int section, int number)
{
	snprintf(it->id, sizeof(it->id), "%d-%d", section, number);
	it->section = section;
	snprintf(
		it->question, sizeof(it->question),
		"項目%d-%dについて、%sか。また、その記録を%d年間保管していますか。",
		section, number, phrases[next_rand() % NPHRASES],
		1 + (int)(next_rand() % 9));
	snprintf(it->answer, sizeof(it->answer), "%s。%s。対象は%d件です。",
		 phrases[next_rand() % NPHRASES],
		 phrases[next_rand() % NPHRASES], (int)(next_rand() % 10000));
}

/* Notation-only: a plain character and the variant editors paste from
 * PDFs (a Kangxi radical, a full-width digit), swapped in place. */
static const char *const notation[][2] = {
	{"方", "⽅"}, {"用", "⽤"}, {"理", "理"}, {"1", "１"}, {"2", "２"},
};

static int edit_notation(item *it)
{
	size_t k;
	for (k = 0; k < sizeof(notation) / sizeof(notation[0]); k++) {
		const char *from = notation[k][next_rand() % 2];
		const char *to = notation[k][from == notation[k][0]];
		char *p = strstr(it->answer, from);
		size_t fl = strlen(from), tl = strlen(to), len;
		if (!p)
			continue;
		len = strlen(it->answer);
		if (len - fl + tl + 1 > sizeof(it->answer))
			return 0;
		memmove(p + tl, p + fl,
			len - (size_t)(p - it->answer) - fl + 1);
		memcpy(p, to, tl);
		return 1;
	}
	return 0;
}

static void edit_item(item *it, int kinds)
{
	size_t len = strlen(it->answer);
	switch (next_rand() % (unsigned)kinds) {
	case 3: /* rewrite completely */
		snprintf(it->answer, sizeof(it->answer),
			 "%s。%s。%s。対象は%d件です。",
			 phrases[next_rand() % NPHRASES],
			 phrases[next_rand() % NPHRASES],
			 phrases[next_rand() % NPHRASES],
			 (int)(next_rand() % 10000));
		break;
	case 4: /* notation only, when the text allows it */
		if (edit_notation(it))
			break;
		/* fall through */
	case 0: { /* change the number */
		char *p = strstr(it->answer, "対象は");
		if (p)
			snprintf(p,
				 sizeof(it->answer) - (size_t)(p - it->answer),
				 "対象は%d件です。",
				 (int)(next_rand() % 10000));
		break;
	}
	case 1: /* replace the first phrase */
		snprintf(it->answer, sizeof(it->answer), "%s。対象は%d件です。",
			 phrases[next_rand() % NPHRASES],
			 (int)(next_rand() % 10000));
		break;
	default: /* append a sentence, bounded */
		if (len + 200 < sizeof(it->answer))
			snprintf(it->answer + len, sizeof(it->answer) - len,
				 "%s。", phrases[next_rand() % NPHRASES]);
		else
			snprintf(it->answer, sizeof(it->answer), "%s。",
				 phrases[next_rand() % NPHRASES]);
		break;
	}
}

static void json_string_into(char *out, size_t size, const char *s)
{
	size_t o = 0;
	out[o++] = '"';
	for (; *s && o + 3 < size; s++) {
		if (*s == '"' || *s == '\\')
			out[o++] = '\\';
		out[o++] = *s;
	}
	out[o++] = '"';
	out[o] = '\0';
}

static void item_blob(git_oid *oid, git_repository *repo, const item *it)
{
	char q[1200], a[9000], buf[12000];
	int n;
	json_string_into(q, sizeof(q), it->question);
	json_string_into(a, sizeof(a), it->answer);
	n = snprintf(
		buf, sizeof(buf),
		"{\n  \"id\": \"%s\",\n  \"section\": \"%d\",\n  \"question\": %s,\n"
		"  \"answer\": %s\n}\n",
		it->id, it->section, q, a);
	CHECK(git_blob_create_from_buffer(oid, repo, buf, (size_t)n));
}

static void sheet_blob(git_oid *oid, git_repository *repo, const char *as_of)
{
	char buf[2048];
	int n, s;
	n = snprintf(
		buf, sizeof(buf),
		"{\n  \"title\": \"合成チェックシート\",\n  \"as_of\": \"%s\",\n"
		"  \"sections\": [\n",
		as_of);
	for (s = 1; s <= 10; s++)
		n += snprintf(
			buf + n, sizeof(buf) - (size_t)n,
			"    {\n      \"id\": \"%d\",\n      \"title\": \"セクション%d\"\n    }%s\n",
			s, s, s < 10 ? "," : "");
	n += snprintf(buf + n, sizeof(buf) - (size_t)n, "  ]\n}\n");
	CHECK(git_blob_create_from_buffer(oid, repo, buf, (size_t)n));
}

static size_t new_item(int section)
{
	size_t k = nitems++;
	if (nitems > cap) {
		items = realloc(items, cap * 2 * sizeof(item));
		dirty = realloc(dirty, cap * 2);
		if (!items || !dirty)
			exit(1);
		memset(dirty + cap, 0, cap);
		cap *= 2;
	}
	memset(&items[k], 0, sizeof(items[k]));
	/* The serial keeps every question distinct, as a real sheet's are. */
	make_item(&items[k], section, (int)k);
	return k;
}

static void order_insert(int s, size_t pos, size_t k)
{
	if (order_len[s] == order_cap[s]) {
		order_cap[s] = order_cap[s] ? order_cap[s] * 2 : 64;
		order[s] = realloc(order[s], order_cap[s] * sizeof(size_t));
		if (!order[s])
			exit(1);
	}
	memmove(order[s] + pos + 1, order[s] + pos,
		(order_len[s] - pos) * sizeof(size_t));
	order[s][pos] = k;
	order_len[s]++;
	items[k].section = s;
}

static size_t order_remove(int s, size_t pos)
{
	size_t k = order[s][pos];
	memmove(order[s] + pos, order[s] + pos + 1,
		(order_len[s] - pos - 1) * sizeof(size_t));
	order_len[s]--;
	return k;
}

static void put_file(git_treebuilder *bld, git_repository *repo, item *it)
{
	git_oid blob;
	char name[64];
	item_blob(&blob, repo, it);
	snprintf(name, sizeof(name), "%s.json", it->id);
	CHECK(git_treebuilder_insert(NULL, bld, name, &blob,
				     GIT_FILEMODE_BLOB));
	snprintf(it->file_id, sizeof(it->file_id), "%s", it->id);
}

static void drop_file(git_treebuilder *bld, item *it)
{
	char name[64];
	if (!it->file_id[0])
		return;
	snprintf(name, sizeof(name), "%s.json", it->file_id);
	/* Another item may have taken the name already this revision. */
	(void)git_treebuilder_remove(bld, name);
	git_error_clear();
	it->file_id[0] = '\0';
}

/* Give every item of section s the id of its position; rename the files
 * of those whose id changed (all old names out first, then the new in,
 * so a shift never overwrites a file it still needs). dirty[k] marks an
 * item whose content changed anyway. */
static void renumber(git_treebuilder *bld, git_repository *repo, int s)
{
	size_t p;
	for (p = 0; p < order_len[s]; p++) {
		item *it = &items[order[s][p]];
		char id[32];
		snprintf(id, sizeof(id), "%d-%zu", s, p + 1);
		if (strcmp(id, it->id)) {
			snprintf(it->id, sizeof(it->id), "%s", id);
			dirty[order[s][p]] = 1;
		}
	}
	for (p = 0; p < order_len[s]; p++) {
		item *it = &items[order[s][p]];
		if (dirty[order[s][p]] && strcmp(it->file_id, it->id))
			drop_file(bld, it);
	}
	for (p = 0; p < order_len[s]; p++)
		if (dirty[order[s][p]]) {
			put_file(bld, repo, &items[order[s][p]]);
			dirty[order[s][p]] = 0;
		}
}

/* One structural revision of the renumber profile. */
static void restructure(git_treebuilder *bld, git_repository *repo, size_t r)
{
	int touched[NSECTIONS + 1] = {0};
	int s, t, k;
	for (k = 0; k < 2; k++) { /* two insertions mid-section */
		size_t it;
		s = (int)(next_rand() % NSECTIONS) + 1;
		it = new_item(s);
		order_insert(s, next_rand() % (order_len[s] + 1), it);
		dirty[it] = 1;
		touched[s] = 1;
	}
	s = (int)(next_rand() % NSECTIONS) + 1; /* one removal */
	if (order_len[s] > 1) {
		size_t it = order_remove(s, next_rand() % order_len[s]);
		drop_file(bld, &items[it]);
		items[it].id[0] = '\0';
		touched[s] = 1;
	}
	s = (int)(next_rand() % NSECTIONS) + 1; /* a move across sections */
	t = (int)(next_rand() % NSECTIONS) + 1;
	if (s != t && order_len[s] > 1) {
		size_t it = order_remove(s, next_rand() % order_len[s]);
		drop_file(bld, &items[it]);
		order_insert(t, next_rand() % (order_len[t] + 1), it);
		dirty[it] = 1;
		touched[s] = touched[t] = 1;
	}
	if (r % 50 == 49) { /* two items of a section swap places */
		s = (int)(next_rand() % NSECTIONS) + 1;
		if (order_len[s] > 2) {
			size_t a = next_rand() % order_len[s];
			size_t b = next_rand() % order_len[s], x;
			x = order[s][a];
			order[s][a] = order[s][b];
			order[s][b] = x;
			touched[s] = 1;
		}
	}
	for (s = 1; s <= NSECTIONS; s++)
		if (touched[s])
			renumber(bld, repo, s);
}

int main(int argc, char **argv)
{
	git_repository *repo;
	git_treebuilder *bld;
	git_oid items_tree, sheet, check_tree, root_tree, commit_id, blob;
	git_commit *parent = NULL;
	size_t total, revs, per, i, r;
	int per_section[11] = {0};
	int64_t t0 = 1577804400; /* 2020-01-01 00:00 +09:00 */
	int renumbering;

	if (argc != 5 && argc != 6) {
		fprintf(stderr, "usage: gen_history DIR ITEMS REVISIONS "
				"CHANGES [renumber|append]\n");
		return 2;
	}
	renumbering = argc == 5 || !strcmp(argv[5], "renumber");
	if (!renumbering && strcmp(argv[5], "append")) {
		fprintf(stderr, "gen_history: unknown profile '%s'\n", argv[5]);
		return 2;
	}
	total = strtoul(argv[2], NULL, 10);
	revs = strtoul(argv[3], NULL, 10);
	per = strtoul(argv[4], NULL, 10);
	git_libgit2_init();
	CHECK(git_repository_init(&repo, argv[1], 0));
	cap = total + revs + 16;
	items = calloc(cap, sizeof(item));
	dirty = calloc(cap, 1);
	for (i = 0; i < total; i++) {
		int s = (int)(i % 10) + 1;
		make_item(&items[nitems++], s, ++per_section[s]);
		if (renumbering)
			order_insert(s, order_len[s], i);
	}
	CHECK(git_treebuilder_new(&bld, repo, NULL));
	for (i = 0; i < nitems; i++) {
		char name[64];
		item_blob(&blob, repo, &items[i]);
		snprintf(name, sizeof(name), "%s.json", items[i].id);
		CHECK(git_treebuilder_insert(NULL, bld, name, &blob,
					     GIT_FILEMODE_BLOB));
		snprintf(items[i].file_id, sizeof(items[i].file_id), "%s",
			 items[i].id);
	}
	for (r = 0; r < revs; r++) {
		git_treebuilder *cb;
		git_signature *sig;
		git_commit *c;
		char as_of[32], msg[64];
		int64_t t = t0 + (int64_t)r * 86400 + 3600;
		time_t tt = (time_t)(t + 9 * 3600);
		struct tm tm;
		gmtime_r(&tt, &tm);
		snprintf(as_of, sizeof(as_of), "%04d-%02d", tm.tm_year + 1900,
			 tm.tm_mon + 1);
		if (r > 0 && renumbering) {
			for (i = 0; i < per; i++) {
				int sec = (int)(next_rand() % NSECTIONS) + 1;
				item *it = &items[order[sec][next_rand() %
							     order_len[sec]]];
				edit_item(it, 5);
				put_file(bld, repo, it);
			}
			if (r % 10 == 9)
				restructure(bld, repo, r);
		} else if (r > 0) {
			for (i = 0; i < per; i++) {
				item *it = &items[next_rand() % nitems];
				char name[64];
				edit_item(it, 3);
				item_blob(&blob, repo, it);
				snprintf(name, sizeof(name), "%s.json", it->id);
				CHECK(git_treebuilder_insert(
					NULL, bld, name, &blob,
					GIT_FILEMODE_BLOB));
			}
			if (r % 50 == 0 && nitems < cap) {
				int s = (int)(next_rand() % 10) + 1;
				char name[64];
				make_item(&items[nitems], s, ++per_section[s]);
				item_blob(&blob, repo, &items[nitems]);
				snprintf(name, sizeof(name), "%s.json",
					 items[nitems].id);
				CHECK(git_treebuilder_insert(
					NULL, bld, name, &blob,
					GIT_FILEMODE_BLOB));
				nitems++;
			}
		}
		CHECK(git_treebuilder_write(&items_tree, bld));
		sheet_blob(&sheet, repo, as_of);
		CHECK(git_treebuilder_new(&cb, repo, NULL));
		CHECK(git_treebuilder_insert(NULL, cb, "items", &items_tree,
					     GIT_FILEMODE_TREE));
		CHECK(git_treebuilder_insert(NULL, cb, "sheet.json", &sheet,
					     GIT_FILEMODE_BLOB));
		CHECK(git_treebuilder_write(&check_tree, cb));
		git_treebuilder_free(cb);
		CHECK(git_treebuilder_new(&cb, repo, NULL));
		CHECK(git_treebuilder_insert(NULL, cb, "checklist", &check_tree,
					     GIT_FILEMODE_TREE));
		CHECK(git_treebuilder_write(&root_tree, cb));
		git_treebuilder_free(cb);
		{
			git_tree *tree;
			CHECK(git_tree_lookup(&tree, repo, &root_tree));
			CHECK(git_signature_new(&sig, "Bench Editor",
						"bench@example.invalid",
						(git_time_t)t, 9 * 60));
			snprintf(msg, sizeof(msg), "revision %zu", r + 1);
			CHECK(git_commit_create_v(
				&commit_id, repo, "refs/heads/main", sig, sig,
				NULL, msg, tree, parent ? 1 : 0, parent));
			git_tree_free(tree);
			git_signature_free(sig);
		}
		CHECK(git_commit_lookup(&c, repo, &commit_id));
		git_commit_free(parent);
		parent = c;
		if ((r + 1) % 200 == 0)
			fprintf(stderr, "gen_history: %zu/%zu revisions\n",
				r + 1, revs);
	}
	CHECK(git_repository_set_head(repo, "refs/heads/main"));
	{
		/* A clean working tree, for histories that start there. */
		git_checkout_options co;
		CHECK(git_checkout_options_init(&co,
						GIT_CHECKOUT_OPTIONS_VERSION));
		co.checkout_strategy = GIT_CHECKOUT_FORCE;
		CHECK(git_checkout_head(repo, &co));
	}
	git_commit_free(parent);
	git_treebuilder_free(bld);
	git_repository_free(repo);
	for (i = 0; i <= NSECTIONS; i++)
		free(order[i]);
	free(dirty);
	free(items);
	git_libgit2_shutdown();
	return 0;
}
