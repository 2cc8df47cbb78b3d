/*
 * test_cmd_struct.c: `sheetlog insert`, `remove` and `move`: which files
 * get which ids (renumbering or gaps), that a renamed file keeps every
 * other byte, that `diff` reads the result as added / removed /
 * renumbered, that the inserted item has its section's scope, and the
 * refusals that write nothing: a taken or out-of-range position, unstaged
 * changes to a file the edit touches, a failed write while staging.
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

#include "fs.h"
#include "test_cli.h"
#include "test_repo.h"
#include "test_tmp.h"

/* Section 2 of the fixture gets 2-2 .. 2-6, each with its own text and
 * an extra field, written deliberately non-canonical in one place (a
 * key order and spacing fmt would change) so that byte preservation is
 * seen, not assumed. */
static char *item_text(const char *id, int n)
{
	if (n == 4)
		return test_fmt("{\n  \"id\": \"%s\",\n  \"section\": \"2\",\n"
				"  \"scope\": \"provider\",\n"
				"  \"question\":   \"質問その%d\",\n"
				"  \"answer\": \"回答その%d\",\n"
				"  \"note\": [1, 2]\n}\n",
				id, n, n);
	return test_fmt(
		"{\n  \"id\": \"%s\",\n  \"section\": \"2\",\n"
		"  \"scope\": \"provider\",\n  \"category\": \"分類%d\",\n"
		"  \"question\": \"質問その%d\",\n"
		"  \"answer\": \"回答その%d\"\n}\n",
		id, n, n, n);
}

static int setup_repo(void **state)
{
	test_repo *r = test_repo_new();
	int n;
	test_repo_copy_fixture(r);
	for (n = 2; n <= 6; n++) {
		char *rel = test_fmt("checklist/items/2-%d.json", n);
		char *id = test_fmt("2-%d", n);
		char *text = item_text(id, n);
		test_repo_write(r, rel, text);
		free(rel);
		free(id);
		free(text);
	}
	test_repo_commit(r, "fixture with section 2");
	*state = r;
	return 0;
}

static int teardown_repo(void **state)
{
	test_repo_free(*state);
	return 0;
}

static char *read_item(test_repo *r, const char *id)
{
	char *rel = test_fmt("checklist/items/%s.json", id);
	char *p = test_repo_path(r, rel);
	char *data = test_read_file(p, NULL);
	free(p);
	free(rel);
	return data;
}

/* The committed text of item n (2-n) as it reads under another id. */
static void assert_item_is(test_repo *r, const char *id, int n)
{
	char *want = item_text(id, n);
	char *got = read_item(r, id);
	assert_non_null(got);
	assert_string_equal(got, want);
	free(want);
	free(got);
}

/* True when diff's JSON holds a change with these ids and status. */
static int has_change(const char *json, const char *id, const char *old_id,
		      const char *status)
{
	char *want = test_fmt("\"id\": \"%s\",\n      \"old_id\": %s%s%s,\n"
			      "      \"status\": \"%s\"",
			      id, old_id ? "\"" : "", old_id ? old_id : "null",
			      old_id ? "\"" : "", status);
	int found = strstr(json, want) != NULL;
	free(want);
	return found;
}

static test_run *diff_json(test_repo *r)
{
	test_run *run = test_cli("-C", r->dir, "diff", "HEAD", "--format",
				 "json", NULL);
	assert_int_equal(run->status, 0);
	return run;
}

static void assert_summary(const char *json, int added, int removed,
			   int renumbered)
{
	char *want = test_fmt("\"added\": %d,\n    \"removed\": %d,\n"
			      "    \"modified\": 0,\n    \"renumbered\": %d,",
			      added, removed, renumbered);
	assert_non_null(strstr(json, want));
	free(want);
}

/* `git status` would say nothing: the tree is as committed. */
static void assert_unchanged(test_repo *r)
{
	test_run *run = diff_json(r);
	int n;
	assert_summary(run->out, 0, 0, 0);
	test_run_free(run);
	for (n = 2; n <= 6; n++) {
		char *id = test_fmt("2-%d", n);
		assert_item_is(r, id, n);
		free(id);
	}
	assert_null(read_item(r, "2-7"));
}

static void
test_cmd_struct__insert_renumbers_the_rest_and_keeps_bytes(void **state)
{
	test_repo *r = *state;
	test_run *run;
	char *added;
	run = test_cli("-C", r->dir, "insert", "2-3", "--question",
		       "新しい質問", "--answer", "新しい回答", "--category",
		       "機密性", NULL);
	assert_int_equal(run->status, 0);
	assert_string_equal(
		run->out, "added      2-3\n"
			  "renumbered 2-3 -> 2-4\n"
			  "renumbered 2-4 -> 2-5\n"
			  "renumbered 2-5 -> 2-6\n"
			  "renumbered 2-6 -> 2-7\n"
			  "1 added, 0 removed, 4 renumbered: 5 files written, "
			  "0 removed\n");
	test_run_free(run);
	/* Every byte but the id, the odd spacing of old 2-4 included. */
	assert_item_is(r, "2-4", 3);
	assert_item_is(r, "2-5", 4);
	assert_item_is(r, "2-6", 5);
	assert_item_is(r, "2-7", 6);
	assert_item_is(r, "2-2", 2);
	/* The new item: canonical, with its section's scope. */
	added = read_item(r, "2-3");
	assert_string_equal(added,
			    "{\n  \"id\": \"2-3\",\n  \"section\": \"2\",\n"
			    "  \"scope\": \"provider\",\n"
			    "  \"category\": \"機密性\",\n"
			    "  \"question\": \"新しい質問\",\n"
			    "  \"answer\": \"新しい回答\"\n}\n");
	free(added);
	run = diff_json(r);
	assert_summary(run->out, 1, 0, 4);
	assert_true(has_change(run->out, "2-3", NULL, "added"));
	assert_true(has_change(run->out, "2-4", "2-3", "renumbered"));
	assert_true(has_change(run->out, "2-7", "2-6", "renumbered"));
	test_run_free(run);
}

static void
test_cmd_struct__insert_after_leaves_placeholders_for_lint(void **state)
{
	test_repo *r = *state;
	test_run *run =
		test_cli("-C", r->dir, "insert", "--after", "2-6", NULL);
	char *added;
	assert_int_equal(run->status, 0);
	assert_string_equal(run->out,
			    "added      2-7\n1 added, 0 removed, 0 "
			    "renumbered: 1 file written, 0 removed\n");
	test_run_free(run);
	added = read_item(r, "2-7");
	assert_string_equal(added,
			    "{\n  \"id\": \"2-7\",\n  \"section\": \"2\",\n"
			    "  \"scope\": \"provider\",\n"
			    "  \"question\": \"\",\n  \"answer\": \"\"\n}\n");
	free(added);
	run = test_cli("-C", r->dir, "lint", NULL);
	assert_int_equal(run->status, 1);
	assert_non_null(strstr(run->out, "checklist/items/2-7.json"));
	assert_non_null(strstr(run->out, "[empty-text]"));
	test_run_free(run);
}

static void test_cmd_struct__insert_refusals_write_nothing(void **state)
{
	test_repo *r = *state;
	test_run *run;
	/* --gap needs a free position. */
	run = test_cli("-C", r->dir, "insert", "2-4", "--gap", NULL);
	assert_int_equal(run->status, 2);
	assert_string_equal(run->err,
			    "sheetlog: 2-4 exists already: with --gap the "
			    "target must be free (without it, the items from "
			    "2-4 on move up by one)\n");
	test_run_free(run);
	/* Renumbering never leaves a gap it was not asked for. */
	run = test_cli("-C", r->dir, "insert", "2-9", NULL);
	assert_int_equal(run->status, 2);
	assert_non_null(strstr(run->err, "section 2 ends at 2-6, so the next "
					 "position is 2-7"));
	test_run_free(run);
	run = test_cli("-C", r->dir, "insert", "9-1", NULL);
	assert_int_equal(run->status, 2);
	assert_non_null(strstr(run->err, "'9-1' is not a position"));
	test_run_free(run);
	run = test_cli("-C", r->dir, "insert", NULL);
	assert_int_equal(run->status, 2);
	assert_non_null(strstr(run->err, "SECTION-POSITION or --after"));
	test_run_free(run);
	assert_unchanged(r);
}

static void test_cmd_struct__remove_closes_the_gap(void **state)
{
	test_repo *r = *state;
	test_run *run = test_cli("-C", r->dir, "remove", "2-3", NULL);
	assert_int_equal(run->status, 0);
	assert_string_equal(
		run->out, "removed    2-3\n"
			  "renumbered 2-4 -> 2-3\n"
			  "renumbered 2-5 -> 2-4\n"
			  "renumbered 2-6 -> 2-5\n"
			  "0 added, 1 removed, 3 renumbered: 3 files written, "
			  "1 removed\n");
	test_run_free(run);
	assert_item_is(r, "2-3", 4);
	assert_item_is(r, "2-4", 5);
	assert_item_is(r, "2-5", 6);
	assert_null(read_item(r, "2-6"));
	run = diff_json(r);
	assert_summary(run->out, 0, 1, 3);
	assert_true(has_change(run->out, "2-3", "2-4", "renumbered"));
	test_run_free(run);
	/* No two items left with one text: the old 2-6 is 2-5 only. */
	run = test_cli("-C", r->dir, "lint", NULL);
	assert_int_equal(run->status, 0);
	test_run_free(run);
}

static void test_cmd_struct__remove_with_gap_leaves_the_hole(void **state)
{
	test_repo *r = *state;
	test_run *run = test_cli("-C", r->dir, "remove", "2-3", "--gap", NULL);
	assert_int_equal(run->status, 0);
	assert_string_equal(run->out,
			    "removed    2-3\n0 added, 1 removed, 0 "
			    "renumbered: 0 files written, 1 removed\n");
	test_run_free(run);
	assert_null(read_item(r, "2-3"));
	assert_item_is(r, "2-4", 4);
	assert_item_is(r, "2-6", 6);
	run = diff_json(r);
	assert_summary(run->out, 0, 1, 0);
	test_run_free(run);
}

static void test_cmd_struct__move_within_a_section_rotates_between(void **state)
{
	test_repo *r = *state;
	test_run *run =
		test_cli("-C", r->dir, "move", "2-5", "--to", "2-2", NULL);
	assert_int_equal(run->status, 0);
	assert_string_equal(
		run->out, "renumbered 2-5 -> 2-2\n"
			  "renumbered 2-2 -> 2-3\n"
			  "renumbered 2-3 -> 2-4\n"
			  "renumbered 2-4 -> 2-5\n"
			  "0 added, 0 removed, 4 renumbered: 4 files written, "
			  "0 removed\n");
	test_run_free(run);
	assert_item_is(r, "2-2", 5);
	assert_item_is(r, "2-3", 2);
	assert_item_is(r, "2-5", 4);
	assert_item_is(r, "2-6", 6);
	run = diff_json(r);
	assert_summary(run->out, 0, 0, 4);
	assert_true(has_change(run->out, "2-2", "2-5", "renumbered"));
	test_run_free(run);
}

static void
test_cmd_struct__move_to_another_section_takes_its_scope(void **state)
{
	test_repo *r = *state;
	test_run *run =
		test_cli("-C", r->dir, "move", "2-2", "--to", "3-1", NULL);
	char *moved, *want, *old;
	assert_int_equal(run->status, 0);
	test_run_free(run);
	/* 2-2 is now 3-1 in section 3 (scope customer, as the section's
	 * was provider); 3-1 became 3-2; 2-3.. closed up. */
	moved = read_item(r, "3-1");
	old = item_text("3-1", 2);
	want = strdup(old);
	{
		char *p = strstr(want, "\"section\": \"2\"");
		assert_non_null(p);
		p[12] = '3';
		p = strstr(want, "\"provider\"");
		memcpy(p, "\"customer\"", 10);
	}
	assert_string_equal(moved, want);
	assert_item_is(r, "2-2", 3);
	assert_item_is(r, "2-5", 6);
	assert_null(read_item(r, "2-6"));
	free(moved);
	moved = read_item(r, "3-2");
	assert_non_null(strstr(moved, "\"id\": \"3-2\""));
	free(moved);
	free(want);
	free(old);
	run = diff_json(r);
	assert_summary(run->out, 0, 0, 6);
	assert_true(has_change(run->out, "3-1", "2-2", "renumbered"));
	test_run_free(run);
}

static void test_cmd_struct__unstaged_changes_are_refused(void **state)
{
	test_repo *r = *state;
	char *edited = test_fmt("{\n  \"id\": \"2-4\",\n  \"section\": \"2\",\n"
				"  \"question\": \"編集中\",\n"
				"  \"answer\": \"編集中\"\n}\n");
	test_run *run;
	test_repo_write(r, "checklist/items/2-4.json", edited);
	run = test_cli("-C", r->dir, "insert", "2-3", NULL);
	assert_int_equal(run->status, 2);
	assert_string_equal(
		run->err,
		"sheetlog: checklist/items/2-4.json has unstaged "
		"changes (modified in the working tree): stage them "
		"(git add) or stash them first; nothing was changed\n");
	test_run_free(run);
	{
		char *now = read_item(r, "2-4");
		assert_string_equal(now, edited);
		free(now);
	}
	assert_item_is(r, "2-3", 3);
	assert_null(read_item(r, "2-7"));
	/* An edit elsewhere in the sheet does not stand in the way. */
	run = test_cli("-C", r->dir, "insert", "--after", "2-6", NULL);
	assert_int_equal(run->status, 0);
	test_run_free(run);
	/* Staged, the edit is safe in the index; the untracked 2-7 just
	 * made moves with its bytes: both allowed. */
	test_repo_stage(r, "checklist/items/2-4.json");
	run = test_cli("-C", r->dir, "insert", "2-3", NULL);
	assert_int_equal(run->status, 0);
	test_run_free(run);
	{
		char *now = read_item(r, "2-5");
		char *want = strdup(edited);
		want[13] = '5';
		assert_string_equal(now, want);
		free(now);
		free(want);
	}
	free(edited);
}

static void test_cmd_struct__failed_write_changes_nothing(void **state)
{
	test_repo *r = *state;
	test_run *run;
	char *dir = test_repo_path(r, "checklist/items");
	sl_vec entries = SL_VEC_INIT;
	/* The third staged file fails as on a full disk. */
	sl_fs_fail_write_after(2);
	run = test_cli("-C", r->dir, "insert", "2-2", NULL);
	sl_fs_fail_write_after(-1);
	assert_int_equal(run->status, 3);
	assert_non_null(strstr(run->err, "sheetlog: "));
	test_run_free(run);
	assert_unchanged(r);
	/* No temp file left behind. */
	assert_int_equal(sl_fs_list(&entries, dir), 0);
	assert_int_equal(entries.len, 10);
	sl_fs_entries_free(&entries);
	free(dir);
}

static void test_cmd_struct__dry_run_writes_nothing(void **state)
{
	test_repo *r = *state;
	test_run *run =
		test_cli("-C", r->dir, "remove", "2-2", "--dry-run", NULL);
	assert_int_equal(run->status, 0);
	assert_non_null(strstr(run->out, "4 files would be written, 1 would "
					 "be removed\n"));
	test_run_free(run);
	assert_unchanged(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup_repo, teardown_repo)
		T(test_cmd_struct__insert_renumbers_the_rest_and_keeps_bytes),
		T(test_cmd_struct__insert_after_leaves_placeholders_for_lint),
		T(test_cmd_struct__insert_refusals_write_nothing),
		T(test_cmd_struct__remove_closes_the_gap),
		T(test_cmd_struct__remove_with_gap_leaves_the_hole),
		T(test_cmd_struct__move_within_a_section_rotates_between),
		T(test_cmd_struct__move_to_another_section_takes_its_scope),
		T(test_cmd_struct__unstaged_changes_are_refused),
		T(test_cmd_struct__failed_write_changes_nothing),
		T(test_cmd_struct__dry_run_writes_nothing),
#undef T
	};
	return cmocka_run_group_tests_name(
		"cmd_struct", tests, test_global_setup, test_global_teardown);
}
