/*
 * test_cmd_audit.c: the audit trail an auditor reads: an item filter that
 * follows renumbering (ITEM, ITEM@REV), a typo's suggestions, the commit
 * message column, Japanese CSV headers and words under --lang ja (the
 * stable names under --lang en), one vocabulary in the Markdown, the
 * document's own changes (sheet.json) as rows, and the ranges that used
 * to print nothing: a reversed range (audit and log), --since after
 * --until, and a range that starts before the first commit.
 *
 * The fixture demo (tests/fixtures/demo/): 2022-09 holds 1-1, 1-2, 1-10,
 * 2-1, 3-1; 2023-04 renumbers 3-1 to 3-2 (with an edit), removes 2-1,
 * adds 1-3 and a new 3-1, and rewrites the introduction.
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

static const char *jstr(json_t *obj, const char *key)
{
	return json_string_value(json_object_get(obj, key));
}

/* The rows of `audit ARGS --format json` (new: json_decref). */
static json_t *audit_json(test_repo *r, const char *range, const char *item)
{
	test_run *run = test_cli("-C", r->dir, "audit", range, "--format",
				 "json", item, NULL);
	json_t *root;
	assert_int_equal(run->status, 0);
	root = json_loads(run->out, 0, NULL);
	assert_non_null(root);
	test_run_free(run);
	return root;
}

/* Every row is about 3-2 as numbered at 2023-04 (3-1 before). */
static void assert_only_3_2(json_t *rows)
{
	size_t i;
	assert_true(json_array_size(rows) >= 1);
	for (i = 0; i < json_array_size(rows); i++) {
		json_t *row = json_array_get(rows, i);
		assert_string_equal(jstr(row, "item_id_now"), "3-2");
		assert_string_equal(jstr(row, "old_item_id"), "3-1");
		assert_string_equal(jstr(row, "status"), "renumbered");
		assert_string_equal(jstr(row, "part"), "item");
	}
}

static void test_audit__item_filter_follows_renumbering(void **state)
{
	test_repo *r = *state;
	json_t *all = audit_json(r, "2022-09..2023-04", NULL), *rows;
	size_t i, for_3_2 = 0;
	/* What the filter must keep: the unfiltered rows of today's 3-2. */
	for (i = 0; i < json_array_size(all); i++) {
		const char *now = jstr(json_array_get(all, i), "item_id_now");
		if (now && !strcmp(now, "3-2"))
			for_3_2++;
	}
	assert_true(for_3_2 >= 1);
	assert_true(json_array_size(all) > for_3_2);
	json_decref(all);

	/* By its id at the end of the range... */
	rows = audit_json(r, "2022-09..2023-04", "3-2");
	assert_only_3_2(rows);
	assert_int_equal(json_array_size(rows), for_3_2);
	json_decref(rows);
	/* ... and by its id at 2022-09: the same item, not the new 3-1. */
	rows = audit_json(r, "2022-09..2023-04", "3-1@2022-09");
	assert_only_3_2(rows);
	assert_int_equal(json_array_size(rows), for_3_2);
	json_decref(rows);
	/* REV after the range's end cannot be followed to it. */
	{
		test_run *run =
			test_cli("-C", r->dir, "audit", "2022-09..2022-09",
				 "3-2@2023-04", NULL);
		assert_int_equal(run->status, 2);
		assert_string_equal(run->err,
				    "sheetlog: '3-2@2023-04': 2023-04 is not "
				    "at or before the end of the range "
				    "2022-09..2022-09\n");
		test_run_free(run);
	}
	/* A removed item is found by the id it had. */
	rows = audit_json(r, "2022-09..2023-04", "2-1");
	assert_true(json_array_size(rows) >= 1);
	assert_string_equal(jstr(json_array_get(rows, 0), "status"), "removed");
	assert_true(json_is_null(
		json_object_get(json_array_get(rows, 0), "item_id_now")));
	json_decref(rows);
}

static void test_audit__unknown_item_suggests_the_closest(void **state)
{
	test_repo *r = *state;
	test_run *run = test_cli("-C", r->dir, "audit", "2022-09..2023-04",
				 "3-22", NULL);
	assert_int_equal(run->status, 2);
	assert_string_equal(run->out, "");
	assert_string_equal(run->err,
			    "sheetlog: no item '3-22' in 2022-09..2023-04; did "
			    "you mean 3-2? (item 3-22)\n");
	test_run_free(run);
	/* ITEM@REV names the item at REV: a typo there is caught there. */
	run = test_cli("-C", r->dir, "audit", "2022-09..2023-04",
		       "1-100@2022-09", NULL);
	assert_int_equal(run->status, 2);
	assert_string_equal(run->err,
			    "sheetlog: no item '1-100' at 2022-09; did you "
			    "mean 1-10, 1-1? (item 1-100)\n");
	test_run_free(run);
}

static void test_audit__message_column_and_document_rows(void **state)
{
	test_repo *r = *state;
	json_t *rows = audit_json(r, "2022-09..2023-04", NULL);
	size_t i;
	bool intro = false;
	for (i = 0; i < json_array_size(rows); i++) {
		json_t *row = json_array_get(rows, i);
		assert_string_equal(
			jstr(row, "message"),
			"Publish the 2023-04 edition (illustrative edits)");
		if (!strcmp(jstr(row, "part"), "sheet") &&
		    !strcmp(jstr(row, "field"), "introduction")) {
			intro = true;
			assert_string_equal(jstr(row, "status"), "modified");
			assert_true(
				json_is_null(json_object_get(row, "item_id")));
			assert_non_null(
				strstr(jstr(row, "new"), "記載例を含みます"));
		}
	}
	assert_true(intro);
	json_decref(rows);
	/* A filter names items: the document's rows are left out. */
	rows = audit_json(r, "2022-09..2023-04", "1-1");
	for (i = 0; i < json_array_size(rows); i++)
		assert_string_equal(jstr(json_array_get(rows, i), "part"),
				    "item");
	json_decref(rows);
}

static void test_audit__csv_headers_follow_the_language(void **state)
{
	test_repo *r = *state;
	test_run *run =
		test_cli("-C", r->dir, "audit", "2022-09..2023-04", NULL);
	assert_int_equal(run->status, 0);
	/* Japanese by default: headers, statuses, fields and parts. */
	assert_true(
		strncmp(run->out,
			"コミット,日付,作成者,版,項番(当時),項番(変更前),"
			"項番(現在),種別,欄,変更前,変更後,表記のみ,公開版,"
			"基準版,未公開,メッセージ,対象,対象の番号,承認者,承認日時,"
			"承認メッセージ\r\n",
			strlen("コミット,日付,作成者,版,項番(当時),項番(変更前),"
			       "項番(現在),種別,欄,変更前,変更後,表記のみ,公開版,"
			       "基準版,未公開,メッセージ,対象,対象の番号,承認者,"
			       "承認日時,承認メッセージ\r\n")) == 0);
	assert_non_null(strstr(run->out, ",3-2,3-1,3-2,番号変更,回答内容,"));
	assert_non_null(strstr(run->out, ",文書,,,,\r\n"));
	assert_null(strstr(run->out, "renumbered"));
	assert_null(strstr(run->out, ",answer,"));
	test_run_free(run);
	/* English: the stable names scripts read, as in the JSON. */
	run = test_cli("-C", r->dir, "audit", "2022-09..2023-04", "--lang",
		       "en", NULL);
	assert_true(
		strncmp(run->out,
			"commit,date,author,edition,item_id,old_item_id,"
			"item_id_now,status,field,old,new,notation_only,"
			"published_in,after_edition,unpublished,message,"
			"part,part_id,approved_by,approved_at,approval_message\r\n",
			strlen("commit,date,author,edition,item_id,old_item_id,"
			       "item_id_now,status,field,old,new,notation_only,"
			       "published_in,after_edition,unpublished,message,"
			       "part,part_id,approved_by,approved_at,"
			       "approval_message\r\n")) == 0);
	assert_non_null(strstr(run->out, ",3-2,3-1,3-2,renumbered,answer,"));
	assert_non_null(strstr(run->out, ",introduction,"));
	test_run_free(run);
}

static void test_audit__markdown_has_one_vocabulary(void **state)
{
	test_repo *r = *state;
	static const char *const english[] = {
		"modified", "question", "answer",       "renumbered", "removed",
		"added",    "category", "introduction", "sheet",      "item",
	};
	size_t i;
	test_run *run = test_cli("-C", r->dir, "audit", "2022-09..2023-04",
				 "--format", "markdown", NULL);
	assert_int_equal(run->status, 0);
	assert_non_null(strstr(run->out, "| 番号変更 | 回答内容 |"));
	assert_non_null(strstr(run->out, "| 文書 |  | 変更 | 前文 |"));
	for (i = 0; i < sizeof(english) / sizeof(english[0]); i++)
		if (strstr(run->out, english[i]))
			fail_msg("English word '%s' in the Japanese audit",
				 english[i]);
	test_run_free(run);
	run = test_cli("-C", r->dir, "audit", "2022-09..2023-04", "--format",
		       "markdown", "--lang", "en", NULL);
	assert_non_null(strstr(run->out, "| renumbered | Answer |"));
	assert_null(strstr(run->out, "番号変更"));
	test_run_free(run);
}

static void test_audit__reversed_range_and_empty_window_fail(void **state)
{
	test_repo *r = *state;
	static const char *const cmds[] = {"audit", "log"};
	size_t i;
	for (i = 0; i < 2; i++) {
		test_run *run = test_cli("-C", r->dir, cmds[i],
					 "2023-04..2022-09", NULL);
		assert_int_equal(run->status, 2);
		assert_string_equal(run->out, "");
		assert_string_equal(
			run->err,
			"sheetlog: reversed range 2023-04..2022-09: 2022-09 is "
			"older than 2023-04 (did you mean 2022-09..2023-04?)\n");
		test_run_free(run);
	}
	{
		test_run *run =
			test_cli("-C", r->dir, "history", "1-1", "--since",
				 "2023-05", "--until", "2022-01", NULL);
		assert_int_equal(run->status, 2);
		assert_string_equal(run->out, "");
		assert_string_equal(run->err,
				    "sheetlog: --since 2023-05 is later than "
				    "--until 2022-01: no date is in both\n");
		test_run_free(run);
	}
	{
		/* The same day on both sides is a window, not an error. */
		test_run *run =
			test_cli("-C", r->dir, "log", "--since", "2023-04-28",
				 "--until", "2023-04-28", NULL);
		assert_int_equal(run->status, 0);
		assert_non_null(strstr(run->out, "[版 2023-04]"));
		test_run_free(run);
	}
}

static void test_audit__range_before_the_first_commit_starts_there(void **state)
{
	test_repo *r = *state;
	test_run *run = test_cli("-C", r->dir, "audit", "@2022-01..2023-04",
				 "--format", "json", NULL);
	json_t *rows;
	assert_int_equal(run->status, 0);
	assert_string_equal(run->err,
			    "sheetlog: note: 2022-01 is before the first "
			    "commit; the range starts at the beginning of the "
			    "history\n");
	rows = json_loads(run->out, 0, NULL);
	/* The first commit's additions are in, oldest first. */
	assert_string_equal(jstr(json_array_get(rows, 0), "status"), "added");
	assert_string_equal(jstr(json_array_get(rows, 0), "edition"),
			    "2022-09");
	json_decref(rows);
	test_run_free(run);
	/* An unknown edition is still an error, not the beginning. */
	run = test_cli("-C", r->dir, "audit", "2021-01..2023-04", NULL);
	assert_int_equal(run->status, 2);
	assert_non_null(strstr(run->err, "unknown revision '2021-01'"));
	test_run_free(run);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
			test_audit__item_filter_follows_renumbering,
			setup_fixture_demo, teardown_repo),
		cmocka_unit_test_setup_teardown(
			test_audit__unknown_item_suggests_the_closest,
			setup_fixture_demo, teardown_repo),
		cmocka_unit_test_setup_teardown(
			test_audit__message_column_and_document_rows,
			setup_fixture_demo, teardown_repo),
		cmocka_unit_test_setup_teardown(
			test_audit__csv_headers_follow_the_language,
			setup_fixture_demo, teardown_repo),
		cmocka_unit_test_setup_teardown(
			test_audit__markdown_has_one_vocabulary,
			setup_fixture_demo, teardown_repo),
		cmocka_unit_test_setup_teardown(
			test_audit__reversed_range_and_empty_window_fail,
			setup_fixture_demo, teardown_repo),
		cmocka_unit_test_setup_teardown(
			test_audit__range_before_the_first_commit_starts_there,
			setup_fixture_demo, teardown_repo),
	};
	return cmocka_run_group_tests(tests, test_global_setup,
				      test_global_teardown);
}
