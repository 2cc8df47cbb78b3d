/*
 * test_repo_bloom.c: git's changed-path Bloom filters, on commit graphs
 * written by the real git (libgit2 cannot write them): maybe / surely not
 * for paths, the graph believed only where it agrees with the commit
 * (stale graphs, other trees and parents answer unknown), corrupt and
 * truncated files refused with a message, split chains, and the walker
 * reading no tree for a commit a filter rules out while answering as it
 * would without the graph.
 */
#define _XOPEN_SOURCE 700
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <git2.h>

#include "error.h"
#include "repo.h"
#include "repo_bloom.h"
#include "repo_walk.h"
#include "test_cli.h"
#include "test_repo.h"
#include "test_sh.h"
#include "test_tmp.h"

enum { C_BASE, C_EDIT, C_TWO, C_OUTSIDE, C_BULK, C_AFTER, C_COUNT };

typedef struct fixture {
	test_repo *r;
	char hex[C_COUNT][41];         /* commits, oldest first */
	unsigned char id[C_COUNT][20]; /* the same, raw */
	unsigned char tree[C_COUNT][20];
	unsigned char parent[C_COUNT][20];
	unsigned char *graph; /* info/commit-graph of C_BASE..C_BULK */
	size_t graph_len;
	char *graph_path;
} fixture;

static void item(test_repo *r, const char *id, const char *answer)
{
	char *path = test_fmt("checklist/items/%s.json", id);
	char *text =
		test_fmt("{\n  \"id\": \"%s\",\n  \"section\": \"1\",\n"
			 "  \"question\": \"q\",\n  \"answer\": \"%s\"\n}\n",
			 id, answer);
	test_repo_write(r, path, text);
	free(path);
	free(text);
}

static void commit(fixture *f, int i, const char *msg)
{
	git_oid oid;
	git_commit *c;
	strcpy(f->hex[i], test_repo_commit(f->r, msg));
	assert_int_equal(git_oid_fromstr(&oid, f->hex[i]), 0);
	memcpy(f->id[i], oid.id, 20);
	assert_int_equal(git_commit_lookup(&c, f->r->git, &oid), 0);
	memcpy(f->tree[i], git_commit_tree_id(c)->id, 20);
	if (git_commit_parentcount(c))
		memcpy(f->parent[i], git_commit_parent_id(c, 0)->id, 20);
	git_commit_free(c);
}

static void git(fixture *f, const char *cmd)
{
	char *out = NULL;
	int st = test_git_sh(&out, f->r->dir, NULL, cmd);
	if (st != 0)
		fail_msg("%s: %s", cmd, out);
	free(out);
}

static int group_setup(void **state)
{
	fixture *f = calloc(1, sizeof(*f));
	int i;
	test_global_setup(state);
	f->r = test_repo_new();
	test_repo_copy_fixture(f->r);
	commit(f, C_BASE, "base");
	item(f->r, "1-2", "edited");
	commit(f, C_EDIT, "edit 1-2");
	item(f->r, "2-1", "edited");
	test_repo_remove(f->r, "checklist/items/3-1.json");
	commit(f, C_TWO, "edit 2-1, remove 3-1");
	test_repo_write(f->r, "README.txt", "not the sheet\n");
	commit(f, C_OUTSIDE, "outside checklist/");
	/* More than 512 changed paths: git stores a full filter. */
	for (i = 0; i < 600; i++) {
		char *p = test_fmt("bulk/%03d.txt", i);
		test_repo_write(f->r, p, "x\n");
		free(p);
	}
	commit(f, C_BULK, "bulk");
	git(f, "git commit-graph write --reachable --changed-paths");
	f->graph_path = test_repo_path(f->r, ".git/objects/info/commit-graph");
	f->graph =
		(unsigned char *)test_read_file(f->graph_path, &f->graph_len);
	assert_non_null(f->graph);
	/* After the graph was written: a stale graph does not know it. */
	item(f->r, "1-1", "edited later");
	commit(f, C_AFTER, "after the graph");
	*state = f;
	return 0;
}

static int group_teardown(void **state)
{
	fixture *f = *state;
	free(f->graph);
	free(f->graph_path);
	test_repo_free(f->r);
	free(f);
	test_global_teardown(NULL);
	return 0;
}

/* Put the original graph back (tests may damage or remove it). */
static int restore(void **state)
{
	fixture *f = *state;
	char *dir = test_repo_path(f->r, ".git/objects/info/commit-graphs");
	test_tmp_rm(dir);
	free(dir);
	unlink(f->graph_path);
	test_write_file(f->graph_path, (const char *)f->graph, f->graph_len);
	return 0;
}

static sl_bloom_answer ask(const sl_bloom *b, const fixture *f, int i,
			   const char *path)
{
	return sl_bloom_query(b, f->id[i], f->tree[i],
			      i == C_BASE ? NULL : f->parent[i], path,
			      strlen(path));
}

static void test_repo_bloom__murmur3_is_gits(void **state)
{
	const char *fox = "The quick brown fox jumps over the lazy dog";
	(void)state;
	/* The published murmur3 x86_32 vectors (seed 0). */
	assert_int_equal(sl_bloom_murmur3(0, (const unsigned char *)"", 0), 0);
	assert_int_equal(
		sl_bloom_murmur3(0, (const unsigned char *)fox, strlen(fox)),
		0x2e4ff723u);
}

static void test_repo_bloom__maybe_and_surely_not(void **state)
{
	fixture *f = *state;
	sl_bloom *b;
	assert_int_equal(sl_bloom_parse(&b, f->graph, f->graph_len), 0);
	assert_int_equal(sl_bloom_commit_count(b), 5);
	assert_true(sl_bloom_has_filters(b));
	/* The changed file and its leading directories: maybe. */
	assert_int_equal(ask(b, f, C_EDIT, "checklist/items/1-2.json"),
			 SL_BLOOM_MAYBE);
	assert_int_equal(ask(b, f, C_EDIT, "checklist/items"), SL_BLOOM_MAYBE);
	assert_int_equal(ask(b, f, C_EDIT, "checklist"), SL_BLOOM_MAYBE);
	/* Files it did not touch: surely not. */
	assert_int_equal(ask(b, f, C_EDIT, "checklist/items/1-1.json"),
			 SL_BLOOM_NO);
	assert_int_equal(ask(b, f, C_EDIT, "checklist/items/2-1.json"),
			 SL_BLOOM_NO);
	assert_int_equal(ask(b, f, C_EDIT, "README.txt"), SL_BLOOM_NO);
	/* An edit and a removal are both changes. */
	assert_int_equal(ask(b, f, C_TWO, "checklist/items/2-1.json"),
			 SL_BLOOM_MAYBE);
	assert_int_equal(ask(b, f, C_TWO, "checklist/items/3-1.json"),
			 SL_BLOOM_MAYBE);
	assert_int_equal(ask(b, f, C_TWO, "checklist/items/1-2.json"),
			 SL_BLOOM_NO);
	/* Outside checklist/: nothing under it, down to its directory. */
	assert_int_equal(ask(b, f, C_OUTSIDE, "README.txt"), SL_BLOOM_MAYBE);
	assert_int_equal(ask(b, f, C_OUTSIDE, "checklist/items/1-2.json"),
			 SL_BLOOM_NO);
	/* The root commit added everything. */
	assert_int_equal(ask(b, f, C_BASE, "checklist/items/3-1.json"),
			 SL_BLOOM_MAYBE);
	assert_int_equal(ask(b, f, C_BASE, "README.txt"), SL_BLOOM_NO);
	/* More than 512 paths: the filter is full, every path maybe. */
	assert_int_equal(ask(b, f, C_BULK, "checklist/items/1-2.json"),
			 SL_BLOOM_MAYBE);
	sl_bloom_free(b);
}

static void test_repo_bloom__disagreement_is_unknown(void **state)
{
	fixture *f = *state;
	sl_bloom *b;
	const char *p = "checklist/items/1-1.json";
	assert_int_equal(sl_bloom_parse(&b, f->graph, f->graph_len), 0);
	/* A commit made after the graph: stale graph, unknown. */
	assert_int_equal(ask(b, f, C_AFTER, p), SL_BLOOM_UNKNOWN);
	/* Another tree or first parent than the commit object has. */
	assert_int_equal(sl_bloom_query(b, f->id[C_EDIT], f->tree[C_TWO],
					f->parent[C_EDIT], p, strlen(p)),
			 SL_BLOOM_UNKNOWN);
	assert_int_equal(sl_bloom_query(b, f->id[C_EDIT], f->tree[C_EDIT],
					f->parent[C_TWO], p, strlen(p)),
			 SL_BLOOM_UNKNOWN);
	assert_int_equal(sl_bloom_query(b, f->id[C_EDIT], f->tree[C_EDIT], NULL,
					p, strlen(p)),
			 SL_BLOOM_UNKNOWN);
	/* A root commit that the caller says has a parent. */
	assert_int_equal(sl_bloom_query(b, f->id[C_BASE], f->tree[C_BASE],
					f->parent[C_EDIT], p, strlen(p)),
			 SL_BLOOM_UNKNOWN);
	/* Version 1 filters hashed high bytes through a signed char: a
	 * non-ASCII path is not asked of them. */
	assert_int_equal(ask(b, f, C_EDIT, "checklist/items/\xe9.json"),
			 SL_BLOOM_UNKNOWN);
	sl_bloom_free(b);
}

/* Offset of a chunk's data in the graph (the table is trusted here). */
static size_t chunk_at(const fixture *f, const char *id)
{
	size_t i, n = f->graph[6];
	for (i = 0; i < n; i++) {
		const unsigned char *e = f->graph + 8 + 12 * i;
		if (!memcmp(e, id, 4)) {
			size_t off = 0, k;
			for (k = 4; k < 12; k++)
				off = off << 8 | e[k];
			return off;
		}
	}
	fail_msg("no chunk %s", id);
	return 0;
}

static void expect_refused(const unsigned char *d, size_t len,
			   const char *needle)
{
	sl_bloom *b = (sl_bloom *)1;
	assert_int_equal(sl_bloom_parse(&b, d, len), SL_EINVALID);
	assert_null(b);
	if (!strstr(sl_error_last()->message, needle))
		fail_msg("message '%s' lacks '%s'", sl_error_last()->message,
			 needle);
}

static void test_repo_bloom__corrupt_files_refused(void **state)
{
	fixture *f = *state;
	unsigned char *d = malloc(f->graph_len);
	size_t n, oidl = chunk_at(f, "OIDL"), bidx = chunk_at(f, "BIDX");
	/* Every truncation, down to nothing. */
	for (n = 0; n < f->graph_len; n++)
		expect_refused(f->graph, n, "commit-graph");
	/* Not a graph, or one of another version or hash. */
	memcpy(d, f->graph, f->graph_len);
	d[0] = 'X';
	expect_refused(d, f->graph_len, "not a commit-graph file");
	memcpy(d, f->graph, f->graph_len);
	d[5] = 2;
	expect_refused(d, f->graph_len, "hash version 2");
	/* Base graphs that no chain provides. */
	memcpy(d, f->graph, f->graph_len);
	d[7] = 1;
	expect_refused(d, f->graph_len, "base graph");
	/* A chunk offset past the end. */
	memcpy(d, f->graph, f->graph_len);
	d[8 + 4] = 0x7f;
	expect_refused(d, f->graph_len, "chunk offsets");
	/* Unsorted commit ids. */
	memcpy(d, f->graph, f->graph_len);
	memcpy(d + oidl, f->graph + oidl + 20, 20);
	memcpy(d + oidl + 20, f->graph + oidl, 20);
	expect_refused(d, f->graph_len, "commit ids");
	/* A filter index that runs backwards. */
	memcpy(d, f->graph, f->graph_len);
	d[bidx] = 0xff;
	expect_refused(d, f->graph_len, "filter index");
	free(d);
}

static void test_repo_bloom__filter_versions(void **state)
{
	fixture *f = *state;
	unsigned char *d = malloc(f->graph_len);
	size_t bdat = chunk_at(f, "BDAT");
	sl_bloom *b;
	/* Version 2 hashes ASCII paths as version 1 did. */
	memcpy(d, f->graph, f->graph_len);
	d[bdat + 3] = 2;
	assert_int_equal(sl_bloom_parse(&b, d, f->graph_len), 0);
	assert_int_equal(ask(b, f, C_EDIT, "checklist/items/1-2.json"),
			 SL_BLOOM_MAYBE);
	assert_int_equal(ask(b, f, C_EDIT, "checklist/items/1-1.json"),
			 SL_BLOOM_NO);
	sl_bloom_free(b);
	/* An unknown version is no filter at all. */
	d[bdat + 3] = 3;
	assert_int_equal(sl_bloom_parse(&b, d, f->graph_len), 0);
	assert_false(sl_bloom_has_filters(b));
	assert_int_equal(ask(b, f, C_EDIT, "checklist/items/1-1.json"),
			 SL_BLOOM_UNKNOWN);
	sl_bloom_free(b);
	free(d);
}

/* Two layers: the graph of HEAD~1's history, then one for HEAD. */
static void split(fixture *f)
{
	git(f, "git rev-parse HEAD~1 | git commit-graph write --stdin-commits "
	       "--changed-paths --split=no-merge && git commit-graph write "
	       "--reachable --changed-paths --split=no-merge");
}

static void test_repo_bloom__load_single_file_and_split_chain(void **state)
{
	fixture *f = *state;
	char *objects = test_repo_path(f->r, ".git/objects");
	sl_bloom *b;
	assert_int_equal(sl_bloom_load(&b, objects), 0);
	assert_int_equal(sl_bloom_commit_count(b), 5);
	sl_bloom_free(b);
	unlink(f->graph_path);
	assert_int_equal(sl_bloom_load(&b, objects), SL_ENOTFOUND);
	split(f);
	assert_int_equal(sl_bloom_load(&b, objects), 0);
	assert_int_equal(sl_bloom_commit_count(b), 6);
	assert_int_equal(ask(b, f, C_AFTER, "checklist/items/1-1.json"),
			 SL_BLOOM_MAYBE);
	assert_int_equal(ask(b, f, C_AFTER, "checklist/items/1-2.json"),
			 SL_BLOOM_NO);
	assert_int_equal(ask(b, f, C_EDIT, "checklist/items/1-1.json"),
			 SL_BLOOM_NO);
	sl_bloom_free(b);
	free(objects);
}

static void test_repo_bloom__broken_chain_refused(void **state)
{
	fixture *f = *state;
	char *objects = test_repo_path(f->r, ".git/objects");
	char *chain = test_repo_path(
		f->r, ".git/objects/info/commit-graphs/commit-graph-chain");
	char *text;
	sl_bloom *b;
	unlink(f->graph_path);
	split(f);
	text = test_read_file(chain, NULL);
	/* The layers listed top first: positions no longer add up. */
	assert_true(strlen(text) == 82);
	{
		char swapped[83];
		memcpy(swapped, text + 41, 41);
		memcpy(swapped + 41, text, 41);
		swapped[82] = '\0';
		unlink(chain);
		test_write_str(chain, swapped);
	}
	assert_int_equal(sl_bloom_load(&b, objects), SL_EINVALID);
	assert_null(b);
	assert_non_null(strstr(sl_error_last()->message, "commit-graph"));
	assert_non_null(strstr(sl_error_last()->path, "graph-"));
	/* A listed layer that is missing. */
	unlink(chain);
	test_write_str(chain, "0123456789012345678901234567890123456789\n");
	assert_int_equal(sl_bloom_load(&b, objects), SL_EINVALID);
	assert_non_null(strstr(sl_error_last()->message, "missing"));
	free(text);
	free(chain);
	free(objects);
}

/* For every commit and item file, the walker's answer with the graph is
 * the one without; returns the commits the filters settled. */
static size_t walk_agrees(fixture *f)
{
	static const char *names[] = {"items/1-1.json", "items/1-2.json",
				      "items/2-1.json", "items/3-1.json",
				      "items/9-9.json"};
	sl_repo *repo;
	sl_walker *slow, *fast;
	sl_walk_options o = SL_WALK_OPTIONS_INIT;
	size_t i, k, skipped, first = 0;
	char *cache = test_repo_path(f->r, ".git/sheetlog/changes-v1");
	o.use_cache = false;
	unlink(cache);
	assert_int_equal(sl_repo_open(&repo, f->r->dir), 0);
	assert_int_equal(sl_walker_new(&slow, repo, &o), 0);
	for (k = 0; k < SL_ARRAY_SIZE(names); k++) {
		/* A fresh walker for each name: no complete entry cached. */
		assert_int_equal(sl_walker_new(&fast, repo, &o), 0);
		for (i = 0; i < C_COUNT; i++) {
			const sl_cache_entry *a, *b;
			assert_int_equal(sl_walker_entry(&a, slow, f->hex[i]),
					 0);
			assert_int_equal(sl_walker_entry_for(
						 &b, fast, f->hex[i], names[k]),
					 0);
			assert_memory_equal(a->parent, b->parent, 20);
			assert_int_equal(a->flags,
					 b->flags & ~SL_CACHE_PARTIAL);
			assert_int_equal(sl_walk_names_have(a, names[k]),
					 sl_walk_names_have(b, names[k]));
		}
		skipped = sl_walker_bloom_skipped(fast);
		/* A skipped commit computes nothing. */
		assert_int_equal(sl_walker_computed(fast) + skipped, C_COUNT);
		sl_walker_free(fast);
		if (k == 0) {
			/* 1-1 changed in the root commit and after the graph
			 * only: the four others are settled from the graph
			 * (the bulk commit's full filter, by 1-1's own
			 * entry). */
			if (skipped != 4 && skipped != 0)
				fail_msg("1-1: %zu commits skipped", skipped);
			first = skipped;
		}
	}
	sl_walker_free(slow);
	sl_repo_free(repo);
	/* Nothing partial reached the cache (it was off). */
	assert_int_equal(access(cache, F_OK), -1);
	free(cache);
	return first;
}

static void test_repo_bloom__walker_skips_ruled_out_commits(void **state)
{
	fixture *f = *state;
	assert_int_equal(walk_agrees(f), 4);
}

static void test_repo_bloom__walker_falls_back_on_corrupt_graph(void **state)
{
	fixture *f = *state;
	unsigned char *d = malloc(f->graph_len);
	memcpy(d, f->graph, f->graph_len);
	d[20] ^= 0x40; /* the chunk table */
	unlink(f->graph_path);
	test_write_file(f->graph_path, (const char *)d, f->graph_len);
	assert_int_equal(walk_agrees(f), 0);
	unlink(f->graph_path);
	test_write_file(f->graph_path, (const char *)f->graph,
			f->graph_len / 2);
	assert_int_equal(walk_agrees(f), 0);
	/* No graph at all. */
	unlink(f->graph_path);
	assert_int_equal(walk_agrees(f), 0);
	free(d);
}

static void test_repo_bloom__complete_entries_still_cached(void **state)
{
	fixture *f = *state;
	sl_repo *repo;
	sl_walker *w;
	const sl_cache_entry *e;
	char *cache = test_repo_path(f->r, ".git/sheetlog/changes-v1");
	size_t i;
	unlink(cache);
	assert_int_equal(sl_repo_open(&repo, f->r->dir), 0);
	assert_int_equal(sl_walker_new(&w, repo, NULL), 0);
	for (i = 0; i < C_COUNT; i++)
		assert_int_equal(
			sl_walker_entry_for(&e, w, f->hex[i], "items/1-1.json"),
			0);
	assert_int_equal(sl_walker_bloom_skipped(w), 4);
	sl_walker_free(w); /* saves the two complete entries */
	assert_int_equal(sl_walker_new(&w, repo, NULL), 0);
	/* Those computed before come from the cache; a ruled-out commit
	 * asked in full is computed, complete. */
	assert_int_equal(sl_walker_entry(&e, w, f->hex[C_BASE]), 0);
	assert_int_equal(sl_walker_entry(&e, w, f->hex[C_AFTER]), 0);
	assert_int_equal(sl_walker_computed(w), 0);
	assert_int_equal(sl_walker_entry(&e, w, f->hex[C_TWO]), 0);
	assert_int_equal(sl_walker_computed(w), 1);
	assert_int_equal(e->flags & SL_CACHE_PARTIAL, 0);
	assert_int_equal(e->name_count, 2);
	sl_walker_free(w);
	sl_repo_free(repo);
	unlink(cache);
	free(cache);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_repo_bloom__murmur3_is_gits),
		cmocka_unit_test(test_repo_bloom__maybe_and_surely_not),
		cmocka_unit_test(test_repo_bloom__disagreement_is_unknown),
		cmocka_unit_test(test_repo_bloom__corrupt_files_refused),
		cmocka_unit_test(test_repo_bloom__filter_versions),
		cmocka_unit_test_teardown(
			test_repo_bloom__load_single_file_and_split_chain,
			restore),
		cmocka_unit_test_teardown(test_repo_bloom__broken_chain_refused,
					  restore),
		cmocka_unit_test(
			test_repo_bloom__walker_skips_ruled_out_commits),
		cmocka_unit_test_teardown(
			test_repo_bloom__walker_falls_back_on_corrupt_graph,
			restore),
		cmocka_unit_test(
			test_repo_bloom__complete_entries_still_cached),
	};
	return cmocka_run_group_tests_name("repo_bloom", tests, group_setup,
					   group_teardown);
}
