/*
 * test_cmd_item_ref.c: naming an item the same way in every command:
 * ITEM@REV in history, blame and show; an id that is gone points at the
 * item's number now (show); history --forward answers "what became of
 * 2022-09's 3-1"; typos get the closest ids; and log's id list marks what
 * happened to each id (+added -removed ~modified a→b renumbered
 * ±replaced) in text, CSV and JSON.
 *
 * The fixture demo (tests/fixtures/demo/): 2023-04 renumbers 3-1 to 3-2
 * (with an edit) and 1-2 to 1-3, removes 2-1, adds a new 1-2 and 3-1,
 * edits 1-1.
 */
#define _XOPEN_SOURCE 700
#include <jansson.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "test_cli.h"
#include "test_repo.h"
#include "test_tmp.h"

static int setup_fixture_demo(void **state)
{
	test_repo *r = test_repo_new();
	test_repo_build_fixture_demo(r);
	*state = r;
	return 0;
}

static int teardown_repo(void **state)
{
	test_repo_free(*state);
	return 0;
}

/* Renumber an item file: from's text under id to (a later commit). */
static const char *renumber(test_repo *r, const char *from, const char *to)
{
	char *src = test_fmt("checklist/items/%s.json", from);
	char *dst = test_fmt("checklist/items/%s.json", to);
	char *path = test_repo_path(r, src), *text = test_read_file(path, NULL);
	char *key = test_fmt("\"id\": \"%s\"", from), *at, *moved;
	const char *commit;
	assert_non_null(text);
	at = strstr(text, key);
	assert_non_null(at);
	*at = '\0';
	moved = test_fmt("%s\"id\": \"%s\"%s", text, to, at + strlen(key));
	test_repo_write(r, dst, moved);
	test_repo_remove(r, src);
	commit = test_repo_commit(r, "renumber");
	free(moved);
	free(key);
	free(text);
	free(path);
	free(dst);
	free(src);
	return commit;
}

/* Two runs print the same bytes. */
static void assert_same_output(test_run *a, test_run *b)
{
	assert_int_equal(a->status, 0);
	assert_int_equal(b->status, 0);
	assert_string_equal(a->out, b->out);
}

static void test_item_ref__item_at_rev_in_history_and_blame(void **state)
{
	test_repo *r = *state;
	test_run *a = test_cli("-C", r->dir, "history", "3-2@2023-04", NULL);
	test_run *b = test_cli("-C", r->dir, "history", "3-2", "--at",
			       "2023-04", NULL);
	assert_same_output(a, b);
	assert_non_null(strstr(a->out, "履歴: 3-2 (2023-04)\n"));
	test_run_free(a);
	test_run_free(b);
	a = test_cli("-C", r->dir, "blame", "3-2@2023-04", NULL);
	b = test_cli("-C", r->dir, "blame", "3-2", "2023-04", NULL);
	assert_same_output(a, b);
	assert_non_null(strstr(a->out, "由来: 3-2 (2023-04)\n"));
	/* blame's edition mark reads as history's does. */
	assert_non_null(strstr(a->out, " [版 2023-04]\n"));
	test_run_free(a);
	test_run_free(b);
	/* Both ways at once is ambiguous. */
	a = test_cli("-C", r->dir, "history", "3-2@2023-04", "--at", "2022-09",
		     NULL);
	assert_int_equal(a->status, 2);
	assert_string_equal(a->err, "sheetlog: give ITEM@REV or --at REV, "
				    "not both\n");
	test_run_free(a);
	a = test_cli("-C", r->dir, "blame", "3-2@", NULL);
	assert_int_equal(a->status, 2);
	assert_string_equal(a->err, "sheetlog: '3-2@' is not ITEM@REV (both "
				    "are needed)\n");
	test_run_free(a);
}

static void test_item_ref__show_of_a_gone_id_names_the_item_now(void **state)
{
	test_repo *r = *state;
	char first[41];
	test_run *run;
	/* 1-10 becomes 1-11, then 1-12: the item is 1-12 now. */
	strcpy(first, renumber(r, "1-10", "1-11"));
	renumber(r, "1-11", "1-12");
	run = test_cli("-C", r->dir, "show", "1-10", NULL);
	assert_int_equal(run->status, 2);
	assert_string_equal(run->out, "");
	{
		char *want =
			test_fmt("sheetlog: no item '1-10' at WORKTREE: it "
				 "is now 1-12 (renumbered in %.7s) (item "
				 "1-10)\n",
				 first);
		assert_string_equal(run->err, want);
		free(want);
	}
	test_run_free(run);
	/* A removed item says so. */
	run = test_cli("-C", r->dir, "show", "2-1@2023-04", NULL);
	assert_int_equal(run->status, 2);
	assert_non_null(strstr(run->err, "no item '2-1' at 2023-04: it was "
					 "removed in "));
	test_run_free(run);
	/* An id that never existed gets the closest ones. */
	run = test_cli("-C", r->dir, "show", "1-122", NULL);
	assert_int_equal(run->status, 2);
	assert_string_equal(run->err,
			    "sheetlog: no item '1-122' at WORKTREE; did you "
			    "mean 1-12, 1-1, 1-2? (item 1-122)\n");
	test_run_free(run);
}

static void test_item_ref__history_forward_follows_the_item(void **state)
{
	test_repo *r = *state;
	test_run *run = test_cli("-C", r->dir, "history", "3-1@2022-09",
				 "--forward", NULL);
	json_t *root, *revs;
	assert_int_equal(run->status, 0);
	/* 2022-09's 3-1 is the renumbered 3-2, not the new 3-1. */
	assert_non_null(strstr(run->out, "番号変更 3-2 (← 3-1)"));
	assert_null(strstr(run->out, "追加 3-1"));
	assert_non_null(strstr(run->out, "\n現在の番号: 3-2 (作業ツリー)\n"));
	test_run_free(run);
	run = test_cli("-C", r->dir, "history", "2-1", "--at", "2022-09",
		       "--forward", "--lang", "en", NULL);
	assert_int_equal(run->status, 0);
	assert_non_null(strstr(run->out, "removed 2-1"));
	assert_non_null(strstr(run->out,
			       "\nNow numbered: removed (no longer in "
			       "the sheet)\n"));
	test_run_free(run);
	/* JSON: oldest first; the last revision says where it went. */
	run = test_cli("-C", r->dir, "history", "3-1@2022-09", "--forward",
		       "--format", "json", NULL);
	root = json_loads(run->out, 0, NULL);
	assert_non_null(root);
	revs = json_object_get(root, "revisions");
	assert_int_equal(json_array_size(revs), 1);
	assert_string_equal(json_string_value(json_object_get(
				    json_array_get(revs, 0), "id")),
			    "3-2");
	json_decref(root);
	test_run_free(run);
	/* Forward needs a start, and the item must be there. */
	run = test_cli("-C", r->dir, "history", "3-1", "--forward", NULL);
	assert_int_equal(run->status, 2);
	assert_string_equal(run->err, "sheetlog: --forward needs where to "
				      "start: ITEM@REV or --at REV\n");
	test_run_free(run);
	run = test_cli("-C", r->dir, "history", "1-3@2022-09", "--forward",
		       NULL);
	assert_int_equal(run->status, 2);
	assert_string_equal(run->err,
			    "sheetlog: no item '1-3' at 2022-09; did you mean "
			    "1-1, 1-2? (item 1-3)\n");
	test_run_free(run);
}

static void test_item_ref__typo_in_history_and_blame(void **state)
{
	test_repo *r = *state;
	static const char *const cmds[] = {"history", "blame"};
	size_t i;
	for (i = 0; i < 2; i++) {
		test_run *run = test_cli("-C", r->dir, cmds[i], "1-100", NULL);
		assert_int_equal(run->status, 2);
		assert_non_null(strstr(run->err, "; did you mean 1-10, 1-1? "
						 "(item 1-100)\n"));
		test_run_free(run);
	}
}

static void test_item_ref__log_marks_each_id(void **state)
{
	test_repo *r = *state;
	test_run *run = test_cli("-C", r->dir, "log", "2022-09..2023-04", NULL);
	json_t *root, *marked;
	size_t i;
	bool renumbered = false;
	assert_int_equal(run->status, 0);
	assert_non_null(strstr(run->out, "~1-1"));
	assert_non_null(strstr(run->out, "+1-2, 1-2→1-3"));
	assert_non_null(strstr(run->out, "-2-1"));
	assert_non_null(strstr(run->out, "3-1→3-2"));
	assert_null(strstr(run->out, "3-1>3-2"));
	test_run_free(run);
	run = test_cli("-C", r->dir, "log", "2022-09..2023-04", "--format",
		       "csv", NULL);
	assert_non_null(strstr(run->out, "3-1→3-2"));
	assert_non_null(strstr(run->out, "-2-1"));
	test_run_free(run);
	/* JSON keeps "ids" as it was and adds the marked list beside it. */
	run = test_cli("-C", r->dir, "log", "2022-09..2023-04", "--format",
		       "json", NULL);
	root = json_loads(run->out, 0, NULL);
	marked = json_object_get(json_array_get(root, 0), "marked_ids");
	assert_int_equal(json_array_size(marked),
			 json_array_size(json_object_get(
				 json_array_get(root, 0), "ids")));
	for (i = 0; i < json_array_size(marked); i++)
		renumbered |=
			!strcmp(json_string_value(json_array_get(marked, i)),
				"3-1→3-2");
	assert_true(renumbered);
	json_decref(root);
	test_run_free(run);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
			test_item_ref__item_at_rev_in_history_and_blame,
			setup_fixture_demo, teardown_repo),
		cmocka_unit_test_setup_teardown(
			test_item_ref__show_of_a_gone_id_names_the_item_now,
			setup_fixture_demo, teardown_repo),
		cmocka_unit_test_setup_teardown(
			test_item_ref__history_forward_follows_the_item,
			setup_fixture_demo, teardown_repo),
		cmocka_unit_test_setup_teardown(
			test_item_ref__typo_in_history_and_blame,
			setup_fixture_demo, teardown_repo),
		cmocka_unit_test_setup_teardown(
			test_item_ref__log_marks_each_id, setup_fixture_demo,
			teardown_repo),
	};
	return cmocka_run_group_tests(tests, test_global_setup,
				      test_global_teardown);
}
