/*
 * test_load.c: a snapshot's files -> a sheet: the fixture sheet loads
 * whole and sorted; problems in the data are findings with their file and
 * line:column (a JSON syntax error, a stray file, a directory, a missing
 * sheet.json) while the rest still loads; sl_load_valid refuses a file
 * whose name differs from its id with a message naming both.
 */
#define _XOPEN_SOURCE 700
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "diag.h"
#include "error.h"
#include "load.h"
#include "repo.h"
#include "sheet.h"
#include "repo_snapshot.h"
#include "test_cli.h"
#include "test_repo.h"
#include "test_tmp.h"

typedef struct fixture {
	test_repo *r;
	sl_repo *repo;
	sl_snapshot *snap;
	sl_sheet *sheet;
	sl_diag_list diags;
} fixture;

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof(*f));
	sl_diag_list init = SL_DIAG_LIST_INIT;
	f->diags = init;
	f->r = test_repo_new();
	test_repo_copy_fixture(f->r);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	sl_sheet_free(f->sheet);
	sl_diag_list_dispose(&f->diags);
	sl_snapshot_free(f->snap);
	sl_repo_free(f->repo);
	test_repo_free(f->r);
	free(f);
	return 0;
}

static void open_worktree(fixture *f)
{
	assert_int_equal(sl_repo_open(&f->repo, f->r->dir), 0);
	assert_int_equal(sl_snapshot_open(&f->snap, f->repo, SL_SNAP_WORKTREE,
					  NULL, "WORKTREE"),
			 0);
}

static int load(fixture *f)
{
	open_worktree(f);
	return sl_load_sheet(&f->sheet, &f->diags, f->snap);
}

static const sl_diag *diag_at(const fixture *f, size_t i)
{
	assert_true(i < f->diags.diags.len);
	return f->diags.diags.items[i];
}

static void test_load__fixture_sheet_loads_whole_and_sorted(void **state)
{
	fixture *f = *state;
	static const char *const ids[] = {"1-1", "1-2", "1-10", "2-1", "3-1"};
	const sl_sheet_meta *m;
	const sl_item *it;
	size_t i;
	assert_int_equal(load(f), 0);
	assert_int_equal(f->diags.errors, 0);
	assert_int_equal(f->diags.diags.len, 0);
	m = sl_sheet_meta_get(f->sheet);
	assert_string_equal(m->title, "テスト用チェックシート");
	assert_string_equal(m->as_of, "2022-09");
	assert_int_equal(m->section_count, 3);
	assert_string_equal(m->sections[2].scope, "customer");
	assert_int_equal(m->scope_count, 2);
	assert_string_equal(m->columns.question, "評価内容");
	assert_int_equal(sl_sheet_item_count(f->sheet), 5);
	for (i = 0; i < 5; i++)
		assert_string_equal(sl_sheet_item(f->sheet, i)->id, ids[i]);
	/* Lists keep their line breaks; extra fields are kept. */
	it = sl_sheet_find(f->sheet, "1-2");
	assert_non_null(strstr(it->question, "。\n・いつ"));
	assert_string_equal(it->path, "checklist/items/1-2.json");
	it = sl_sheet_find(f->sheet, "2-1");
	assert_string_equal(sl_item_get(it, "reviewer", NULL),
			    "情報セキュリティ室");
}

static void
test_load__json_syntax_error_is_a_finding_with_line_and_column(void **state)
{
	fixture *f = *state;
	const sl_diag *d;
	test_repo_write(f->r, "checklist/items/1-2.json",
			"{\n  \"id\": \"1-2\",\n  \"section\": \"1\",\n"
			"  \"question\": \"q\",\n  \"answer\": \"a\",\n}\n");
	assert_int_equal(load(f), 0);
	assert_int_equal(f->diags.errors, 1);
	d = diag_at(f, 0);
	assert_string_equal(d->path, "checklist/items/1-2.json");
	/* At the trailing comma itself, named as such. */
	assert_int_equal(d->line, 5);
	assert_int_equal(d->col, 16);
	assert_int_equal(d->severity, SL_SEV_ERROR);
	assert_string_equal(d->rule, "json-syntax");
	assert_string_equal(d->message,
			    "invalid JSON: trailing comma before '}'");
	/* The other four items still load. */
	assert_int_equal(sl_sheet_item_count(f->sheet), 4);
	assert_null(sl_sheet_find(f->sheet, "1-2"));
	assert_non_null(sl_sheet_find(f->sheet, "1-10"));
}

static void test_load__stray_entries_are_findings_not_items(void **state)
{
	fixture *f = *state;
	size_t i;
	int stray = 0, dir = 0;
	test_repo_write(f->r, "checklist/items/README.md", "notes\n");
	test_repo_write(f->r, "checklist/items/sub/1-5.json", "{}\n");
	assert_int_equal(load(f), 0);
	assert_int_equal(f->diags.errors, 2);
	for (i = 0; i < f->diags.diags.len; i++) {
		const sl_diag *d = diag_at(f, i);
		if (!strcmp(d->rule, "stray-file")) {
			assert_string_equal(d->path,
					    "checklist/items/README.md");
			stray++;
		} else if (!strcmp(d->rule, "not-a-file")) {
			assert_string_equal(d->path, "checklist/items/sub");
			dir++;
		}
	}
	assert_int_equal(stray, 1);
	assert_int_equal(dir, 1);
	assert_int_equal(sl_sheet_item_count(f->sheet), 5);
}

static void test_load__missing_sheet_json_is_a_finding(void **state)
{
	fixture *f = *state;
	const sl_diag *d;
	test_repo_remove(f->r, "checklist/sheet.json");
	assert_int_equal(load(f), 0);
	assert_int_equal(f->diags.errors, 1);
	d = diag_at(f, 0);
	assert_string_equal(d->rule, "missing-sheet");
	assert_string_equal(d->path, "checklist/sheet.json");
	assert_int_equal(sl_sheet_item_count(f->sheet), 5);
}

static void test_load__no_sheet_directory_is_not_found(void **state)
{
	fixture *f = *state;
	char *dir = test_repo_path(f->r, "checklist");
	test_tmp_rm(dir);
	free(dir);
	open_worktree(f);
	assert_int_equal(sl_load_sheet(&f->sheet, &f->diags, f->snap),
			 SL_ENOTFOUND);
	assert_null(f->sheet);
	assert_int_equal(sl_error_last()->code, SL_ENOTFOUND);
}

static void test_load__valid_refuses_a_file_named_for_another_id(void **state)
{
	fixture *f = *state;
	const sl_error *e;
	/* 1-1.json holds the item 1-3. */
	test_repo_write(f->r, "checklist/items/1-1.json",
			"{\n  \"id\": \"1-3\",\n  \"section\": \"1\",\n"
			"  \"question\": \"q\",\n  \"answer\": \"a\"\n}\n");
	open_worktree(f);
	assert_int_equal(sl_load_valid(&f->sheet, f->snap), SL_EINVALID);
	assert_null(f->sheet);
	e = sl_error_last();
	assert_int_equal(e->code, SL_EINVALID);
	assert_string_equal(
		e->message,
		"file name '1-1.json' does not match id '1-3' (expected '1-3.json')");
	assert_string_equal(e->path, "checklist/items/1-1.json");
	assert_int_equal(e->line, 2);
	assert_int_equal(e->col, 10);
}

static void test_load__valid_accepts_the_fixture(void **state)
{
	fixture *f = *state;
	open_worktree(f);
	assert_int_equal(sl_load_valid(&f->sheet, f->snap), 0);
	assert_int_equal(sl_sheet_item_count(f->sheet), 5);
	assert_string_equal(sl_sheet_item(f->sheet, 4)->id, "3-1");
}

/*
 * A walk's memo (sl_snapshot_adopt): the bytes a commit's snapshot read
 * move to another snapshot's file with the same blob, under any name;
 * a file whose blob differs, and one already loaded, are left alone.
 */
static void test_load__adopt_moves_bytes_of_the_same_blob(void **state)
{
	fixture *f = *state;
	sl_snapshot *a = NULL, *b = NULL;
	sl_snapfile *a11, *a12, *b12, *b13, *b11;
	char ca[41], cb[41];
	test_repo_write(f->r, "checklist/items/1-1.json", "{\"x\": 1}\n");
	test_repo_write(f->r, "checklist/items/1-2.json", "{\"x\": 2}\n");
	snprintf(ca, sizeof(ca), "%s", test_repo_commit(f->r, "a"));
	/* 1-1's old bytes move to 1-3; 1-2 is unchanged; 1-1 is new. */
	test_repo_write(f->r, "checklist/items/1-3.json", "{\"x\": 1}\n");
	test_repo_write(f->r, "checklist/items/1-1.json", "{\"x\": 3}\n");
	snprintf(cb, sizeof(cb), "%s", test_repo_commit(f->r, "b"));
	assert_int_equal(sl_repo_open(&f->repo, f->r->dir), 0);
	assert_int_equal(sl_snapshot_open(&a, f->repo, SL_SNAP_COMMIT, ca, "a"),
			 0);
	assert_int_equal(sl_snapshot_open(&b, f->repo, SL_SNAP_COMMIT, cb, "b"),
			 0);
	a11 = sl_snapshot_find(a, "checklist/items/1-1.json");
	a12 = sl_snapshot_find(a, "checklist/items/1-2.json");
	b11 = sl_snapshot_find(b, "checklist/items/1-1.json");
	b12 = sl_snapshot_find(b, "checklist/items/1-2.json");
	b13 = sl_snapshot_find(b, "checklist/items/1-3.json");
	assert_int_equal(sl_snapshot_load(a, a11), 0);
	assert_int_equal(sl_snapshot_load(a, a12), 0);
	assert_int_equal(sl_snapshot_load(b, b12), 0);
	sl_snapshot_adopt(b, a);
	/* 1-3 holds a's 1-1 blob: adopted, and a's copy is gone. */
	assert_true(b13->loaded);
	assert_string_equal(b13->data, "{\"x\": 1}\n");
	assert_false(a11->loaded);
	/* 1-1 changed: not adopted, loads its own bytes. */
	assert_false(b11->loaded);
	assert_int_equal(sl_snapshot_load(b, b11), 0);
	assert_string_equal(b11->data, "{\"x\": 3}\n");
	/* b's 1-2 was loaded already: a keeps its copy. */
	assert_true(a12->loaded);
	assert_string_equal(b12->data, "{\"x\": 2}\n");
	/* a's 1-1 reloads from the repository when asked. */
	assert_int_equal(sl_snapshot_load(a, a11), 0);
	assert_string_equal(a11->data, "{\"x\": 1}\n");
	sl_snapshot_free(a);
	sl_snapshot_free(b);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_load__fixture_sheet_loads_whole_and_sorted),
		T(test_load__json_syntax_error_is_a_finding_with_line_and_column),
		T(test_load__stray_entries_are_findings_not_items),
		T(test_load__missing_sheet_json_is_a_finding),
		T(test_load__no_sheet_directory_is_not_found),
		T(test_load__valid_refuses_a_file_named_for_another_id),
		T(test_load__valid_accepts_the_fixture),
		T(test_load__adopt_moves_bytes_of_the_same_blob),
	};
	return cmocka_run_group_tests_name("load", tests, test_global_setup,
					   test_global_teardown);
}
