/*
 * test_repo_walk.c: the walker: which sheet files a commit changed (level by
 * level, raw items/ trees compared in place), commit listing along first
 * parents or all parents, per-commit diffs read from only the changed
 * files, and the persistent cache that makes a second walk compute
 * nothing.
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
#include "par.h"
#include "repo.h"
#include "test_cli.h"
#include "test_repo.h"
#include "test_tmp.h"
#include "repo_walk.h"

static const char *item_json(const char *id, const char *answer)
{
	static char buf[1024];
	snprintf(buf, sizeof(buf),
		 "{\n  \"id\": \"%s\",\n  \"section\": \"1\",\n  \"scope\": "
		 "\"provider\",\n  \"category\": \"分類\",\n  \"question\": "
		 "\"%sについて教えてください。\",\n  \"answer\": \"%s\"\n}\n",
		 id, id, answer);
	return buf;
}

static void put(test_repo *r, const char *id, const char *answer)
{
	char *path = test_fmt("checklist/items/%s.json", id);
	test_repo_write(r, path, item_json(id, answer));
	free(path);
}

typedef struct fixture {
	test_repo *r;
	char base[41], edit[41], other[41];
	sl_repo *repo;
	sl_walker *w;
} fixture;

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof(*f));
	f->r = test_repo_new();
	test_repo_copy_checklist(f->r);
	strcpy(f->base, test_repo_commit(f->r, "base"));
	put(f->r, "1-2", "変更した回答です。");
	put(f->r, "6-10", "別の回答です。");
	test_repo_remove(f->r, "checklist/items/3-4.json");
	strcpy(f->edit, test_repo_commit(f->r, "edit two, remove one"));
	test_repo_write(f->r, "README.txt", "not the sheet\n");
	strcpy(f->other, test_repo_commit(f->r, "outside checklist/"));
	assert_int_equal(sl_repo_open(&f->repo, f->r->dir), 0);
	assert_int_equal(sl_walker_new(&f->w, f->repo, NULL), 0);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	sl_walker_free(f->w);
	sl_repo_free(f->repo);
	test_repo_free(f->r);
	free(f);
	return 0;
}

static void test_repo_walk__entry_names_changed_files_only(void **state)
{
	fixture *f = *state;
	const sl_cache_entry *e;
	char parent[41];
	assert_int_equal(sl_walker_entry(&e, f->w, f->edit), 0);
	assert_int_equal(e->name_count, 3);
	/* Sorted, with the removal included. */
	assert_string_equal(e->names[0], "items/1-2.json");
	assert_string_equal(e->names[1], "items/3-4.json");
	assert_string_equal(e->names[2], "items/6-10.json");
	sl_walk_hex(parent, e->parent);
	assert_string_equal(parent, f->base);
	assert_int_equal(e->flags, 0);
	assert_true(sl_walk_names_have(e, "items/3-4.json"));
	assert_false(sl_walk_names_have(e, "items/3-3.json"));
	/* Same checklist/ tree id: settled without reading items/. */
	assert_int_equal(sl_walker_entry(&e, f->w, f->other), 0);
	assert_int_equal(e->name_count, 0);
	/* The root commit: everything, sheet.json last. */
	assert_int_equal(sl_walker_entry(&e, f->w, f->base), 0);
	assert_int_equal(e->flags, SL_CACHE_ROOT);
	assert_int_equal(e->name_count, 162);
	assert_string_equal(e->names[161], "sheet.json");
}

static const sl_snapfile *snap_file(const sl_snapshot *s, size_t i)
{
	return s->files.items[i];
}

/* Two snapshots hold the same files, kinds and blob ids, in order. */
static void assert_same_files(const sl_snapshot *x, const sl_snapshot *y)
{
	size_t i;
	assert_int_equal(x->files.len, y->files.len);
	assert_string_equal(x->commit, y->commit);
	for (i = 0; i < x->files.len; i++) {
		const sl_snapfile *a = snap_file(x, i), *b = snap_file(y, i);
		assert_string_equal(a->path, b->path);
		assert_int_equal(a->kind, b->kind);
		assert_int_equal(a->has_oid, b->has_oid);
		assert_memory_equal(a->oid, b->oid, 20);
	}
}

/* The snapshots a whole diff reads are built from the sides the entry was
 * computed with (no items/ tree read again) when given the entry's own
 * names, and from the trees when given a copy: both hold the same. */
static void test_repo_walk__snapshots_from_sides_equal_tree_reads(void **state)
{
	fixture *f = *state;
	const sl_cache_entry *e;
	sl_snapshot *p1, *c1, *p2, *c2;
	const char *copy[8];
	assert_int_equal(sl_walker_entry(&e, f->w, f->edit), 0);
	assert_true(e->name_count <= 8);
	memcpy(copy, e->names, e->name_count * sizeof(*copy));
	assert_int_equal(sl_walker_sides_used(f->w), 0);
	assert_int_equal(sl_walker_snapshots(&p1, &c1, f->w, f->edit,
					     (const char *const *)e->names,
					     e->name_count),
			 0);
	assert_int_equal(sl_walker_sides_used(f->w), 2);
	assert_int_equal(sl_walker_snapshots(&p2, &c2, f->w, f->edit, copy,
					     e->name_count),
			 0);
	assert_int_equal(sl_walker_sides_used(f->w), 2);
	assert_same_files(p1, p2);
	assert_same_files(c1, c2);
	assert_int_equal(p1->files.len, 4);
	assert_int_equal(c1->files.len, 3);
	sl_snapshot_free(p1);
	sl_snapshot_free(c1);
	sl_snapshot_free(p2);
	sl_snapshot_free(c2);
}

static void test_repo_walk__snapshots_hold_only_changed_files(void **state)
{
	fixture *f = *state;
	const sl_cache_entry *e;
	sl_snapshot *parent, *child;
	assert_int_equal(sl_walker_entry(&e, f->w, f->edit), 0);
	assert_int_equal(sl_walker_snapshots(&parent, &child, f->w, f->edit,
					     (const char *const *)e->names,
					     e->name_count),
			 0);
	/* The parent has the three changed items and sheet.json (last);
	 * the child lacks the removed 3-4: nothing else is listed. */
	assert_int_equal(parent->files.len, 4);
	assert_string_equal(snap_file(parent, 0)->name, "items/1-2.json");
	assert_string_equal(snap_file(parent, 1)->name, "items/3-4.json");
	assert_string_equal(snap_file(parent, 2)->name, "items/6-10.json");
	assert_string_equal(snap_file(parent, 3)->name, "sheet.json");
	assert_string_equal(parent->commit, f->base);
	assert_int_equal(child->files.len, 3);
	assert_string_equal(snap_file(child, 0)->name, "items/1-2.json");
	assert_string_equal(snap_file(child, 1)->name, "items/6-10.json");
	assert_string_equal(child->commit, f->edit);
	/* The blob ids are the commits' own: the edit changed 1-2. */
	assert_memory_not_equal(snap_file(parent, 0)->oid,
				snap_file(child, 0)->oid, 20);
	assert_memory_equal(snap_file(parent, 3)->oid, snap_file(child, 2)->oid,
			    20);
	sl_snapshot_free(parent);
	sl_snapshot_free(child);
	/* The root commit has no parent snapshot. */
	assert_int_equal(
		sl_walker_snapshots(&parent, &child, f->w, f->base, NULL, 0),
		0);
	assert_null(parent);
	assert_int_equal(child->files.len, 1);
	assert_string_equal(snap_file(child, 0)->name, "sheet.json");
	sl_snapshot_free(child);
}

static void test_repo_walk__file_becoming_a_tree_is_one_name(void **state)
{
	fixture *f = *state;
	const sl_cache_entry *e;
	char a[41], b[41];
	(void)a;
	/* "x" (a file) sorts before "x-1.json", "x" (a tree, as "x/") after
	 * it: the two sides meet the name at different places. */
	test_repo_write(f->r, "checklist/items/x", "file\n");
	test_repo_write(f->r, "checklist/items/x-1.json", "{}\n");
	strcpy(a, test_repo_commit(f->r, "x is a file"));
	test_repo_remove(f->r, "checklist/items/x");
	test_repo_write(f->r, "checklist/items/x/y.json", "{}\n");
	strcpy(b, test_repo_commit(f->r, "x is a tree"));
	assert_int_equal(sl_walker_entry(&e, f->w, b), 0);
	assert_int_equal(e->name_count, 1);
	assert_string_equal(e->names[0], "items/x");
}

static void test_repo_walk__commits_first_parent_and_all(void **state)
{
	fixture *f = *state;
	sl_vec v = SL_VEC_INIT;
	const char *parents[2];
	char side[41], merge[41];
	/* A side branch off base, merged into other. */
	put(f->r, "2-1", "枝での変更です。");
	parents[0] = f->base;
	strcpy(side, test_repo_commit_full(f->r, NULL, "side", parents, 1,
					   1700000000, 540, 1700000000, 540));
	parents[0] = f->other;
	parents[1] = side;
	strcpy(merge, test_repo_commit_full(f->r, "HEAD", "merge", parents, 2,
					    1700100000, 540, 1700100000, 540));
	assert_int_equal(sl_walker_commits(&v, f->w, merge, NULL, true), 0);
	assert_int_equal(v.len, 4);
	assert_string_equal(v.items[0], merge);
	assert_string_equal(v.items[1], f->other);
	assert_string_equal(v.items[3], f->base);
	sl_vec_free_all(&v);
	assert_int_equal(sl_walker_commits(&v, f->w, merge, NULL, false), 0);
	assert_int_equal(v.len, 5);
	assert_string_equal(v.items[0], merge);
	assert_string_equal(v.items[4], f->base);
	sl_vec_free_all(&v);
	/* Reachable from merge, not from edit. */
	assert_int_equal(sl_walker_commits(&v, f->w, merge, f->edit, false), 0);
	assert_int_equal(v.len, 3);
	sl_vec_free_all(&v);
}

static void test_repo_walk__second_walk_computes_nothing(void **state)
{
	fixture *f = *state;
	const sl_cache_entry *e;
	char *cache = test_repo_path(f->r, ".git/sheetlog/changes-v1");
	unlink(cache);
	assert_int_equal(sl_walker_entry(&e, f->w, f->other), 0);
	assert_int_equal(sl_walker_entry(&e, f->w, f->edit), 0);
	assert_int_equal(sl_walker_computed(f->w), 2);
	sl_walker_free(f->w); /* saves */
	assert_int_equal(access(cache, F_OK), 0);
	assert_int_equal(sl_walker_new(&f->w, f->repo, NULL), 0);
	assert_int_equal(sl_walker_entry(&e, f->w, f->edit), 0);
	assert_int_equal(e->name_count, 3);
	assert_int_equal(sl_walker_computed(f->w), 0);
	free(cache);
}

static void test_repo_walk__cache_off_writes_nothing(void **state)
{
	fixture *f = *state;
	sl_walker *w;
	const sl_cache_entry *e;
	sl_walk_options o = SL_WALK_OPTIONS_INIT;
	char *cache = test_repo_path(f->r, ".git/sheetlog/changes-v1");
	unlink(cache);
	o.use_cache = false;
	assert_int_equal(sl_walker_new(&w, f->repo, &o), 0);
	assert_int_equal(sl_walker_entry(&e, w, f->edit), 0);
	assert_int_equal(e->name_count, 3);
	sl_walker_free(w);
	assert_int_equal(access(cache, F_OK), -1);
	free(cache);
}

static void test_repo_walk__bad_commit_ids(void **state)
{
	fixture *f = *state;
	const sl_cache_entry *e;
	assert_int_equal(sl_walker_entry(&e, f->w, "not-hex"), SL_EUSAGE);
	assert_true(sl_walker_entry(
			    &e, f->w,
			    "0123456789012345678901234567890123456789") < 0);
	assert_null(e);
}

/* ---- the read-ahead of a cold walk (repo_walk_ahead.c) ---- */

/*
 * A history shaped like real use, 40 commits on the fixture sheet: edits,
 * an item inserted mid-section that shifts the numbers after it, a
 * removal, a number reused. Its head into head (41 hex).
 */
static test_repo *renumbering_history(char head[41])
{
	test_repo *r = test_repo_new();
	int k;
	test_repo_copy_fixture(r);
	test_repo_commit(r, "base");
	for (k = 0; k < 39; k++) {
		char id[16], answer[64];
		snprintf(id, sizeof(id), "1-%d", 1 + k % 7);
		snprintf(answer, sizeof(answer), "第%d版の回答です。", k);
		if (k % 10 == 4) {
			/* an insertion at 1-2: 1-2.. move up by one */
			int n;
			for (n = 9; n >= 2; n--) {
				char to[16], moved[64];
				snprintf(to, sizeof(to), "1-%d", n + 1);
				snprintf(moved, sizeof(moved),
					 "旧1-%dの回答です（第%d版）。", n, k);
				put(r, to, moved);
			}
			put(r, "1-2", "挿入した項目の回答です。");
		} else if (k % 10 == 7) {
			char *path = test_fmt("checklist/items/1-%d.json",
					      3 + k % 5);
			test_repo_remove(r, path);
			free(path);
		} else {
			put(r, id, answer);
		}
		test_repo_commit(r, "revision");
	}
	snprintf(head, 41, "%s", test_repo_commit(r, "last"));
	return r;
}

/* Every entry from head down the first parents, one line each, walked
 * on `threads` threads (1: no read-ahead); *rc the walk's result and
 * err its message. new: the text. */
static size_t last_read_ahead; /* of the last walk_text */

static char *walk_text(sl_repo *repo, const char *head, size_t threads,
		       bool use_cache, size_t *computed, int *rc, char *err)
{
	sl_walk_options o = SL_WALK_OPTIONS_INIT;
	sl_walker *w;
	char cur[41], *text = calloc(1, 1);
	o.use_cache = use_cache;
	sl_par_set_threads(threads);
	assert_int_equal(sl_walker_new(&w, repo, &o), 0);
	snprintf(cur, sizeof(cur), "%s", head);
	*rc = 0;
	err[0] = 0;
	for (;;) {
		const sl_cache_entry *e;
		char parent[41], *next;
		uint32_t i;
		*rc = sl_walker_entry(&e, w, cur);
		if (*rc < 0) {
			snprintf(err, 1100, "%s", sl_error_last()->message);
			break;
		}
		sl_walk_hex(parent, e->parent);
		next = test_fmt("%s%s %s %u", text, cur, parent, e->flags);
		free(text);
		text = next;
		for (i = 0; i < e->name_count; i++) {
			next = test_fmt("%s %s", text, e->names[i]);
			free(text);
			text = next;
		}
		next = test_fmt("%s\n", text);
		free(text);
		text = next;
		if (e->flags & SL_CACHE_ROOT)
			break;
		snprintf(cur, sizeof(cur), "%s", parent);
	}
	*computed = sl_walker_computed(w);
	last_read_ahead = sl_walker_read_ahead(w);
	sl_walker_free(w);
	sl_par_set_threads(0);
	return text;
}

/* Two threads (the read-ahead computing down the line while the walker
 * takes its entries) give every entry a walk on one thread gives, and
 * count the same entries computed. */
static void test_repo_walk__read_ahead_gives_the_same_entries(void **state)
{
	char head[41], err[1100];
	test_repo *r = renumbering_history(head);
	sl_repo *repo;
	size_t c1, c2;
	int rc;
	char *one, *two;
	(void)state;
	assert_int_equal(sl_repo_open(&repo, r->dir), 0);
	one = walk_text(repo, head, 1, false, &c1, &rc, err);
	assert_int_equal(rc, 0);
	assert_int_equal(last_read_ahead, 0);
	two = walk_text(repo, head, 2, false, &c2, &rc, err);
	assert_int_equal(rc, 0);
	/* the thread did compute, all but the first at least */
	assert_true(last_read_ahead >= 40);
	assert_string_equal(two, one);
	assert_int_equal(c1, 41);
	assert_int_equal(c2, 41);
	free(one);
	free(two);
	sl_repo_free(repo);
	test_repo_free(r);
}

/* A walk that stops after one commit leaves what the read-ahead had
 * computed in the cache, and those entries are the right ones: a later
 * walk over the cache gives what a walk without any gives. */
static void test_repo_walk__read_ahead_queue_is_cached_right(void **state)
{
	char head[41], err[1100];
	test_repo *r = renumbering_history(head);
	sl_repo *repo;
	sl_walker *w;
	const sl_cache_entry *e;
	size_t c1, c2;
	int rc;
	char *fresh, *cached, *path;
	(void)state;
	assert_int_equal(sl_repo_open(&repo, r->dir), 0);
	sl_par_set_threads(2);
	assert_int_equal(sl_walker_new(&w, repo, NULL), 0);
	assert_int_equal(sl_walker_entry(&e, w, head), 0);
	sl_walker_free(w); /* stops the read-ahead, saves the cache */
	sl_par_set_threads(0);
	/* (use_cache false: read the cache, do not extend it) */
	cached = walk_text(repo, head, 1, false, &c1, &rc, err);
	assert_int_equal(rc, 0);
	path = test_repo_path(r, ".git/sheetlog/changes-v1");
	assert_int_equal(unlink(path), 0);
	free(path);
	fresh = walk_text(repo, head, 1, false, &c2, &rc, err);
	assert_int_equal(rc, 0);
	assert_string_equal(cached, fresh);
	/* the head at least came from the cache */
	if (!(c1 < c2))
		fail_msg("computed %zu with the cache, %zu without", c1, c2);
	free(cached);
	free(fresh);
	sl_repo_free(repo);
	test_repo_free(r);
}

/* The items/ tree of commit hex (40 hex). */
static void items_tree_of(git_oid *out, test_repo *r, const char *hex)
{
	git_oid id;
	git_commit *c;
	git_tree *t;
	git_tree_entry *e;
	assert_int_equal(git_oid_fromstr(&id, hex), 0);
	assert_int_equal(git_commit_lookup(&c, r->git, &id), 0);
	assert_int_equal(git_commit_tree(&t, c), 0);
	assert_int_equal(git_tree_entry_bypath(&e, t, "checklist/items"), 0);
	git_oid_cpy(out, git_tree_entry_id(e));
	git_tree_entry_free(e);
	git_tree_free(t);
	git_commit_free(c);
}

/* A tree missing deep in the history (a damaged repository): the walk
 * with the read-ahead fails at the same commit with the same message as
 * the walk without it; the thread's failure is never what is reported,
 * and the entries before the damage are the same. */
static void test_repo_walk__read_ahead_failure_is_the_walkers(void **state)
{
	char head[41], err1[1100], err2[1100], cur[41];
	test_repo *r = renumbering_history(head);
	sl_repo *repo;
	sl_walker *w;
	const sl_cache_entry *e;
	git_oid tree;
	char hex[41], *path, *one, *two;
	size_t c1, c2;
	int rc1, rc2, k;
	(void)state;
	/* The commit 25 steps below head loses its items/ tree. */
	assert_int_equal(sl_repo_open(&repo, r->dir), 0);
	assert_int_equal(sl_walker_new(&w, repo, NULL), 0);
	snprintf(cur, sizeof(cur), "%s", head);
	for (k = 0; k < 25; k++) {
		assert_int_equal(sl_walker_entry(&e, w, cur), 0);
		sl_walk_hex(cur, e->parent);
	}
	sl_walker_free(w);
	path = test_repo_path(r, ".git/sheetlog");
	test_tmp_rm(path);
	free(path);
	items_tree_of(&tree, r, cur);
	git_oid_tostr(hex, sizeof(hex), &tree);
	path = test_fmt("%s/.git/objects/%.2s/%s", r->dir, hex, hex + 2);
	assert_int_equal(unlink(path), 0);
	free(path);
	sl_repo_free(repo);
	assert_int_equal(sl_repo_open(&repo, r->dir), 0);

	one = walk_text(repo, head, 1, false, &c1, &rc1, err1);
	two = walk_text(repo, head, 2, false, &c2, &rc2, err2);
	assert_true(rc1 < 0);
	assert_int_equal(rc2, rc1);
	assert_string_equal(err2, err1);
	assert_non_null(strstr(err1, hex));
	assert_string_equal(two, one);
	free(one);
	free(two);
	sl_repo_free(repo);
	test_repo_free(r);
}

/* The read-ahead's handle opens the object directory under a path of its
 * own (sl_repo__git_again) and must still find what lives in an
 * alternate: a repository whose every object is in another's (as git
 * clone --shared leaves it) walks on two threads as the other does on
 * one. */
static void test_repo_walk__read_ahead_reads_alternates(void **state)
{
	char head[41], err[1100];
	test_repo *r = renumbering_history(head);
	test_repo *shared = test_repo_new();
	sl_repo *repo;
	size_t c1, c2;
	int rc;
	char *one, *two, *alt;
	(void)state;
	alt = test_fmt("%s/.git/objects\n", r->dir);
	test_repo_write(shared, ".git/objects/info/alternates", alt);
	free(alt);
	assert_int_equal(sl_repo_open(&repo, r->dir), 0);
	one = walk_text(repo, head, 1, false, &c1, &rc, err);
	assert_int_equal(rc, 0);
	sl_repo_free(repo);

	assert_int_equal(sl_repo_open(&repo, shared->dir), 0);
	two = walk_text(repo, head, 2, false, &c2, &rc, err);
	assert_int_equal(rc, 0);
	assert_true(last_read_ahead >= 40);
	assert_string_equal(two, one);
	assert_int_equal(c2, c1);
	free(one);
	free(two);
	sl_repo_free(repo);
	test_repo_free(shared);
	test_repo_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
			test_repo_walk__entry_names_changed_files_only, setup,
			teardown),
		cmocka_unit_test_setup_teardown(
			test_repo_walk__snapshots_from_sides_equal_tree_reads,
			setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_repo_walk__snapshots_hold_only_changed_files,
			setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_repo_walk__file_becoming_a_tree_is_one_name, setup,
			teardown),
		cmocka_unit_test_setup_teardown(
			test_repo_walk__commits_first_parent_and_all, setup,
			teardown),
		cmocka_unit_test_setup_teardown(
			test_repo_walk__second_walk_computes_nothing, setup,
			teardown),
		cmocka_unit_test_setup_teardown(
			test_repo_walk__cache_off_writes_nothing, setup,
			teardown),
		cmocka_unit_test_setup_teardown(test_repo_walk__bad_commit_ids,
						setup, teardown),
		cmocka_unit_test(
			test_repo_walk__read_ahead_gives_the_same_entries),
		cmocka_unit_test(
			test_repo_walk__read_ahead_queue_is_cached_right),
		cmocka_unit_test(
			test_repo_walk__read_ahead_failure_is_the_walkers),
		cmocka_unit_test(test_repo_walk__read_ahead_reads_alternates),
	};
	return cmocka_run_group_tests(tests, test_global_setup,
				      test_global_teardown);
}
