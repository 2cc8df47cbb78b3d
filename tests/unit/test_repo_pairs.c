/*
 * test_repo_pairs.c: the pairing store (.git/sheetlog/pairs/<commit>):
 * what is written reads back, pair for pair (an addition and a removal
 * have no old or new side); another version, a damaged file or no file
 * reads as nothing; and a stored pair's snapshots hold sheet.json and the
 * pair's item file at its stored blob, nothing else.
 */
#define _XOPEN_SOURCE 700
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "repo.h"
#include "repo_pairs.h"
#include "test_cli.h"
#include "test_repo.h"
#include "test_tmp.h"

typedef struct fixture {
	test_repo *r;
	char c1[41], c2[41];
	sl_repo *repo;
} fixture;

static const unsigned char A[20] = {1, 2, 3};
static const unsigned char B[20] = {4, 5, 6};

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof(*f));
	f->r = test_repo_new();
	test_repo_copy_fixture(f->r);
	strcpy(f->c1, test_repo_commit(f->r, "c1"));
	test_repo_remove(f->r, "checklist/items/2-1.json");
	strcpy(f->c2, test_repo_commit(f->r, "c2"));
	assert_int_equal(sl_repo_open(&f->repo, f->r->dir), 0);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	sl_repo_free(f->repo);
	test_repo_free(f->r);
	free(f);
	return 0;
}

static void write_three(fixture *f)
{
	sl_pair_list l = SL_PAIR_LIST_INIT;
	assert_int_equal(sl_pair_list_add(&l, "1-2", A, "1-3", B), 0);
	assert_int_equal(sl_pair_list_add(&l, NULL, NULL, "1-2", A), 0);
	assert_int_equal(sl_pair_list_add(&l, "2-1", B, NULL, NULL), 0);
	/* A reused number: one id, both blobs, flagged. */
	assert_int_equal(sl_pair_list_add(&l, "3-2", A, "3-2", B), 0);
	l.pairs[3].replaced = true;
	assert_int_equal(sl_pairs_write(f->repo, f->c2, 7, &l), 0);
	sl_pair_list_dispose(&l);
}

static void test_repo_pairs__written_pairs_read_back(void **state)
{
	fixture *f = *state;
	sl_pair_list l = SL_PAIR_LIST_INIT;
	bool found = false;
	write_three(f);
	assert_int_equal(sl_pairs_read(&l, &found, f->repo, f->c2, 7), 0);
	assert_true(found);
	assert_int_equal(l.count, 4);
	assert_false(l.pairs[0].replaced);
	assert_true(l.pairs[3].replaced);
	assert_string_equal(l.pairs[3].old_id, "3-2");
	assert_string_equal(l.pairs[3].new_id, "3-2");
	assert_string_equal(l.pairs[0].old_id, "1-2");
	assert_string_equal(l.pairs[0].new_id, "1-3");
	assert_memory_equal(l.pairs[0].old_blob, A, 20);
	assert_memory_equal(l.pairs[0].new_blob, B, 20);
	assert_null(l.pairs[1].old_id);
	assert_string_equal(l.pairs[1].new_id, "1-2");
	assert_string_equal(l.pairs[2].old_id, "2-1");
	assert_null(l.pairs[2].new_id);
	sl_pair_list_dispose(&l);
}

static void
test_repo_pairs__other_version_damage_or_absence_is_nothing(void **state)
{
	fixture *f = *state;
	sl_pair_list l = SL_PAIR_LIST_INIT;
	bool found = true;
	char *path = test_repo_path(f->r, "");
	char *file = test_fmt("%s/.git/sheetlog/pairs/%s", path, f->c2);
	char *data;
	size_t len;

	assert_int_equal(sl_pairs_read(&l, &found, f->repo, f->c2, 7), 0);
	assert_false(found); /* nothing stored yet */
	write_three(f);
	assert_int_equal(sl_pairs_read(&l, &found, f->repo, f->c2, 8), 0);
	assert_false(found);
	assert_int_equal(l.count, 0);
	assert_int_equal(sl_pairs_read(&l, &found, f->repo, f->c1, 7), 0);
	assert_false(found); /* another commit */
	data = test_read_file(file, &len);
	assert_non_null(data);
	data[20] ^= 1; /* inside the first id: the checksum fails */
	test_write_file(file, data, len);
	assert_int_equal(sl_pairs_read(&l, &found, f->repo, f->c2, 7), 0);
	assert_false(found);
	assert_int_equal(l.count, 0);
	test_write_file(file, data, len - 9); /* short */
	assert_int_equal(sl_pairs_read(&l, &found, f->repo, f->c2, 7), 0);
	assert_false(found);
	free(data);
	free(file);
	free(path);
}

static void
test_repo_pairs__snapshots_hold_the_pair_and_sheet_json(void **state)
{
	fixture *f = *state;
	char old_id[] = "2-1", new_id[] = "1-1";
	sl_pair p = {old_id, NULL, {9}, {0}, false};
	sl_snapshot *a = NULL, *b = NULL;
	const sl_snapfile *x;
	/* c2 removed 2-1: the old side has it at the stored blob, the new
	 * side only sheet.json. */
	assert_int_equal(sl_pairs_snapshots(&a, &b, f->repo, f->c2, f->c1, &p,
					    "items/2-1.json", NULL),
			 0);
	assert_int_equal(a->files.len, 2);
	x = a->files.items[0];
	assert_string_equal(x->path, "checklist/items/2-1.json");
	assert_memory_equal(x->oid, p.old_blob, 20);
	x = a->files.items[1];
	assert_string_equal(x->path, "checklist/sheet.json");
	assert_int_equal(b->files.len, 1);
	assert_string_equal(((const sl_snapfile *)b->files.items[0])->path,
			    "checklist/sheet.json");
	sl_snapshot_free(a);
	sl_snapshot_free(b);
	/* No parent (a root commit): no old side. */
	p.old_id = NULL;
	p.new_id = new_id;
	assert_int_equal(sl_pairs_snapshots(&a, &b, f->repo, f->c1, NULL, &p,
					    NULL, "items/1-1.json"),
			 0);
	assert_null(a);
	assert_int_equal(b->files.len, 2);
	sl_snapshot_free(b);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_repo_pairs__written_pairs_read_back),
		T(test_repo_pairs__other_version_damage_or_absence_is_nothing),
		T(test_repo_pairs__snapshots_hold_the_pair_and_sheet_json),
	};
	return cmocka_run_group_tests(tests, test_global_setup,
				      test_global_teardown);
}
