/*
 * test_cmd_history.c: history, show, blame, log and audit: following an
 * item through renumbering, removal and re-adding of an id, merges
 * (first-parent and all-parents, with a conflict resolved in the merge),
 * a shallow clone, author/committer dates with their own time zones,
 * audit CSV escaping, blame across several edits, the history cache,
 * one step per edition (--editions), and the Markdown, text and JSON forms
 * of history, blame, log and audit.
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
#include <unistd.h>

#include <cmocka.h>

#include "cli.h"
#include "golden.h"
#include "history.h"
#include "test_cli.h"
#include "test_repo.h"
#include "test_tmp.h"

static const char *item_json(const char *id, const char *category,
			     const char *question, const char *answer)
{
	static char buf[4096];
	snprintf(
		buf, sizeof(buf),
		"{\n  \"id\": \"%s\",\n  \"section\": \"1\",\n  \"scope\": \"provider\",\n"
		"  \"category\": \"%s\",\n  \"question\": \"%s\",\n  \"answer\": \"%s\"\n}\n",
		id, category, question, answer);
	return buf;
}

static void put(test_repo *r, const char *id, const char *answer)
{
	char *path = test_fmt("checklist/items/%s.json", id);
	char *q = test_fmt("%sについて教えてください。", id);
	test_repo_write(r, path, item_json(id, "分類", q, answer));
	free(path);
	free(q);
}

/* The two editions on the fixture sheet (tests/fixtures/demo/): the
 * golden and the expectations do not follow the live sheet. */
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

static void test_history__follows_renumbering(void **state)
{
	test_repo *r = *state;
	test_run *run = test_cli("-C", r->dir, "history", "3-2", NULL);
	assert_int_equal(run->status, 0);
	test_golden("history/fixture-3-2.txt", run->out, run->out_len);
	/* Newest first: the 2023-04 renumbering (with its edit), then the
	 * item's addition in 2022-09 under its old id. */
	assert_non_null(strstr(run->out, "番号変更 3-2 (← 3-1)"));
	assert_non_null(strstr(run->out, "{+夜間の更新は避けてください。+}"));
	assert_non_null(strstr(run->out, "追加 3-1"));
	assert_true(strstr(run->out, "番号変更 3-2") <
		    strstr(run->out, "追加 3-1"));
	test_run_free(run);
}

static void test_history__json_contract(void **state)
{
	test_repo *r = *state;
	test_run *run = test_cli("-C", r->dir, "history", "1-1", "--format",
				 "json", NULL);
	json_t *root = json_loads(run->out, 0, NULL), *revs, *first, *fields;
	assert_non_null(root);
	assert_string_equal(json_string_value(json_object_get(root, "item")),
			    "1-1");
	revs = json_object_get(root, "revisions");
	assert_int_equal(json_array_size(revs), 2);
	first = json_array_get(revs, 0);
	assert_string_equal(json_string_value(json_object_get(first, "status")),
			    "modified");
	assert_string_equal(
		json_string_value(json_object_get(first, "edition")),
		"2023-04");
	assert_string_equal(json_string_value(json_object_get(first, "date")),
			    "2023-04-28T15:00:00+09:00");
	assert_string_equal(json_string_value(json_object_get(first, "author")),
			    "Test Author <author@example.com>");
	assert_string_equal(
		json_string_value(json_object_get(first, "message")),
		"Publish the 2023-04 edition (illustrative edits)");
	assert_int_equal(
		strlen(json_string_value(json_object_get(first, "commit"))),
		40);
	/* 1-1's two changed fields, in the item's field order. */
	fields = json_object_get(first, "fields");
	assert_int_equal(json_array_size(fields), 2);
	assert_string_equal(json_string_value(json_object_get(
				    json_array_get(fields, 0), "field")),
			    "category");
	assert_string_equal(json_string_value(json_object_get(
				    json_array_get(fields, 1), "field")),
			    "answer");
	assert_string_equal(json_string_value(json_object_get(
				    json_array_get(revs, 1), "status")),
			    "added");
	json_decref(root);
	test_run_free(run);
}

static void test_history__absent_id_finds_where_it_went(void **state)
{
	test_repo *r = *state;
	char *from = test_repo_path(r, "checklist/items/1-10.json");
	char *text = test_read_file(from, NULL), *at, *moved;
	test_run *run;
	/* After 2023-04, 1-10 becomes 1-11: 1-10 no longer exists (in the
	 * fixture's own edition every old id is taken again). */
	assert_non_null(text);
	at = strstr(text, "\"id\": \"1-10\"");
	assert_non_null(at);
	*at = '\0';
	moved = test_fmt("%s\"id\": \"1-11\"%s", text,
			 at + strlen("\"id\": \"1-10\""));
	test_repo_write(r, "checklist/items/1-11.json", moved);
	test_repo_remove(r, "checklist/items/1-10.json");
	test_repo_commit(r, "1-10 becomes 1-11");
	free(moved);
	free(text);
	free(from);
	run = test_cli("-C", r->dir, "history", "1-10", NULL);
	assert_int_equal(run->status, 0);
	assert_non_null(strstr(run->out, "番号変更 1-11 (← 1-10)"));
	assert_non_null(strstr(run->out, "追加 1-10"));
	test_run_free(run);
	/* An id that never existed: one line, exit 2. */
	run = test_cli("-C", r->dir, "history", "9-99", NULL);
	assert_int_equal(run->status, 2);
	assert_string_equal(
		run->err,
		"sheetlog: no item '9-99' in the history of WORKTREE (item 9-99)\n");
	test_run_free(run);
}

/* A commit withdraws 1-10 and gives its number to a new, unrelated
 * question: the history of 1-10 starts there, as one replaced step, the
 * same through the stored pairing (the second run) as through the whole
 * diff (the first). */
static void test_history__replaced_number_starts_the_item(void **state)
{
	test_repo *r = *state;
	int k;
	test_repo_write(r, "checklist/items/1-10.json",
			item_json("1-10", "所在地",
				  "データセンターはどの地域にありますか。",
				  "国内の2拠点で運用しています。"));
	test_repo_commit(r, "withdraw 1-10; its number goes to a new question");
	for (k = 0; k < 2; k++) {
		test_run *run = test_cli("-C", r->dir, "history", "1-10",
					 "--format", "json", NULL);
		json_error_t err;
		json_t *root = json_loads(run->out, 0, &err), *steps;
		assert_int_equal(run->status, 0);
		assert_non_null(root);
		steps = json_object_get(root, "revisions");
		assert_int_equal(json_array_size(steps), 1);
		assert_string_equal(
			json_string_value(json_object_get(
				json_array_get(steps, 0), "status")),
			"replaced");
		/* Withdrawn, not moved: reused with nowhere to go. */
		assert_true(json_is_true(json_object_get(
			json_array_get(steps, 0), "reused_number")));
		assert_true(json_is_null(json_object_get(
			json_array_get(steps, 0), "old_item_moved_to")));
		json_decref(root);
		test_run_free(run);
	}
	{
		test_run *run = test_cli("-C", r->dir, "history", "1-10", NULL);
		assert_non_null(strstr(
			run->out,
			"差し替え 1-10 (旧項目は削除され、この番号に新しい項目を新設)"));
		assert_null(strstr(run->out, "追加 1-10"));
		test_run_free(run);
	}
}

/* Issue 12: a number reused while its old item moves on. Old 1-10 is now
 * 1-11 and an unrelated question takes 1-10: the history of 1-10 starts
 * with an addition that says where the old 1-10 went, in every format and
 * on both paths (the first run diffs the commit whole and stores its
 * pairs, the second reads the stored pairs). */
static void
test_history__reused_number_says_where_the_old_item_went(void **state)
{
	test_repo *r = *state;
	int k;
	test_repo_write(r, "checklist/items/1-11.json",
			item_json("1-11", "認証",
				  "管理者の認証方式を教えてください。",
				  "管理者は多要素認証を利用します。A&B | C "
				  "<内部>"));
	test_repo_write(r, "checklist/items/1-10.json",
			item_json("1-10", "所在地",
				  "データセンターはどの地域にありますか。",
				  "国内の2拠点で運用しています。"));
	test_repo_commit(r, "1-10 moves to 1-11; a new question takes 1-10");
	for (k = 0; k < 3; k++) {
		test_run *run;
		json_t *root, *step;
		/* k == 2: the slow path, every step's whole commit diff. */
		sl_history_set_whole_diffs(k == 2);
		run = test_cli("-C", r->dir, "history", "1-10", "--format",
			       "json", NULL);
		root = json_loads(run->out, 0, NULL);
		sl_history_set_whole_diffs(false);
		assert_int_equal(run->status, 0);
		assert_non_null(root);
		step = json_array_get(json_object_get(root, "revisions"), 0);
		assert_string_equal(
			json_string_value(json_object_get(step, "status")),
			"added");
		assert_true(
			json_is_true(json_object_get(step, "reused_number")));
		assert_string_equal(json_string_value(json_object_get(
					    step, "old_item_moved_to")),
				    "1-11");
		json_decref(root);
		test_run_free(run);
		sl_history_set_whole_diffs(k == 2);
		run = test_cli("-C", r->dir, "history", "1-10", NULL);
		sl_history_set_whole_diffs(false);
		assert_non_null(
			strstr(run->out,
			       "追加 1-10 (差し替え: 旧 1-10 は 1-11 に移動)"));
		test_run_free(run);
		run = test_cli("-C", r->dir, "history", "1-10", "--lang", "en",
			       "--format", "markdown", NULL);
		assert_non_null(strstr(
			run->out, "(replaced: the old 1-10 moved to 1-11)"));
		test_run_free(run);
		run = test_cli("-C", r->dir, "history", "1-10", "--format",
			       "html", NULL);
		assert_int_equal(run->status, 0);
		assert_non_null(strstr(
			run->out, "<p>1-10<span class=\"badge\">追加</span>"
				  " (差し替え: 旧 1-10 は 1-11 に移動)<br>"));
		test_run_free(run);
		/* Sheet text is escaped: the moved item's answer. */
		run = test_cli("-C", r->dir, "history", "1-11", "--format",
			       "html", NULL);
		assert_non_null(strstr(run->out, "A&amp;B | C &lt;内部&gt;"));
		assert_null(strstr(run->out, "<内部>"));
		test_run_free(run);
	}
	{
		/* The moved item's own step is a renumbering, no reuse. */
		test_run *run = test_cli("-C", r->dir, "history", "1-11",
					 "--format", "json", NULL);
		json_t *root = json_loads(run->out, 0, NULL);
		json_t *step =
			json_array_get(json_object_get(root, "revisions"), 0);
		assert_string_equal(
			json_string_value(json_object_get(step, "status")),
			"renumbered");
		assert_false(
			json_is_true(json_object_get(step, "reused_number")));
		assert_true(json_is_null(
			json_object_get(step, "old_item_moved_to")));
		json_decref(root);
		test_run_free(run);
	}
}

/* Replace an item file's answer, keeping every other field. */
static void edit_answer(test_repo *r, const char *id, const char *answer)
{
	char *rel = test_fmt("checklist/items/%s.json", id);
	char *path = test_repo_path(r, rel);
	char *json = test_read_file(path, NULL), *out;
	char *a = strstr(json, "\"answer\": \"");
	char *end;
	assert_non_null(a);
	a += strlen("\"answer\": \"");
	end = strstr(a, "\"\n");
	assert_non_null(end);
	*a = '\0';
	out = test_fmt("%s%s%s", json, answer, end);
	test_repo_write(r, rel, out);
	free(out);
	free(json);
	free(path);
	free(rel);
}

/* Whether the item has uncommitted changes is read from its own file:
 * edits and even a broken file elsewhere leave its history as it was,
 * while an edit of the item itself adds the WORKTREE (or INDEX) step. */
static void
test_history__uncommitted_state_is_read_from_the_items_file(void **state)
{
	test_repo *r = *state;
	test_run *clean = test_cli("-C", r->dir, "history", "1-3", NULL);
	char *path = test_repo_path(r, "checklist/items/3-1.json");
	char *saved = test_read_file(path, NULL);
	test_run *run;
	assert_int_equal(clean->status, 0);
	put(r, "1-5", "別の項目の未コミットの回答です。");
	test_repo_write(r, "checklist/items/3-1.json", "{\"id\": \"3-1\",\n");
	run = test_cli("-C", r->dir, "history", "1-3", NULL);
	assert_int_equal(run->status, 0);
	assert_string_equal(run->out, clean->out);
	test_run_free(run);
	/* The broken file is still found where it matters. */
	run = test_cli("-C", r->dir, "history", "3-1", NULL);
	assert_int_equal(run->status, 2);
	assert_non_null(strstr(run->err, "checklist/items/3-1.json"));
	test_run_free(run);
	test_repo_write(r, "checklist/items/3-1.json", saved);
	/* An edit of the item itself is the newest step. */
	edit_answer(r, "1-3", "作業ツリーで書き換えた回答です。");
	run = test_cli("-C", r->dir, "history", "1-3", NULL);
	assert_int_equal(run->status, 0);
	assert_non_null(strstr(run->out, "\n\n作業ツリー\n    変更 1-3\n"));
	assert_non_null(strstr(run->out, "作業ツリーで書き換えた回答"));
	/* and then the committed history, exactly as before */
	assert_non_null(strstr(run->out, strstr(clean->out, "\n\n") + 2));
	test_run_free(run);
	/* The index has not seen that edit: its history is the clean one
	 * but for the revision it names. */
	run = test_cli("-C", r->dir, "history", "1-3", "--at", "INDEX", NULL);
	assert_int_equal(run->status, 0);
	assert_null(strstr(run->out, "作業ツリーで書き換えた回答"));
	assert_string_equal(strstr(run->out, "\n\n"),
			    strstr(clean->out, "\n\n"));
	test_run_free(run);
	test_repo_stage(r, "checklist/items/1-3.json");
	run = test_cli("-C", r->dir, "history", "1-3", "--at", "INDEX", NULL);
	assert_int_equal(run->status, 0);
	assert_non_null(strstr(run->out, "\n\nインデックス\n    変更 1-3\n"));
	assert_non_null(strstr(run->out, "作業ツリーで書き換えた回答"));
	test_run_free(run);
	test_run_free(clean);
	free(saved);
	free(path);
}

static void test_history__removed_then_readded_id_is_two_items(void **state)
{
	test_repo *r = test_repo_new();
	char removed_at[41];
	test_run *run;
	(void)state;
	test_repo_copy_fixture(r);
	put(r, "1-91", "最初の回答です。");
	test_repo_commit(r, "add 1-91");
	test_repo_remove(r, "checklist/items/1-91.json");
	strcpy(removed_at, test_repo_commit(r, "remove 1-91"));
	test_repo_write(r, "checklist/items/1-91.json",
			item_json("1-91", "別の分類",
				  "まったく別の新しい質問ですか。",
				  "別の回答です。"));
	test_repo_commit(r, "a new 1-91");
	/* At HEAD, 1-91 is the new item: added, and nothing before. */
	run = test_cli("-C", r->dir, "history", "1-91", "--format", "json",
		       NULL);
	assert_int_equal(run->status, 0);
	{
		json_t *root = json_loads(run->out, 0, NULL);
		json_t *revs = json_object_get(root, "revisions");
		assert_int_equal(json_array_size(revs), 1);
		assert_string_equal(
			json_string_value(json_object_get(
				json_array_get(revs, 0), "message")),
			"a new 1-91");
		json_decref(root);
	}
	test_run_free(run);
	/* At the removal, 1-91 is the old item: removed, then added. */
	run = test_cli("-C", r->dir, "history", "1-91", "--at", removed_at,
		       NULL);
	assert_int_equal(run->status, 0);
	assert_non_null(strstr(run->out, "削除 1-91  — remove 1-91"));
	assert_non_null(strstr(run->out, "追加 1-91  — add 1-91"));
	assert_null(strstr(run->out, "a new 1-91"));
	test_run_free(run);
	test_repo_free(r);
}

/* base -> M1 (main edits 1-61) ; base -> S1 (side edits 1-62);
 * M = merge(M1, S1); then a conflict on 1-63 resolved in M3. */
static void build_merges(test_repo *r, char ids[6][41])
{
	const char *p[2];
	char *path, *a61;
	int64_t t = 1700000000;
	/* The fixture sheet and the three items the branches edit. */
	test_repo_copy_fixture(r);
	put(r, "1-61", "元の回答です。");
	put(r, "1-62", "元の回答です。");
	put(r, "1-63", "元の回答です。");
	path = test_repo_path(r, "checklist/items/1-61.json");
	a61 = test_read_file(path, NULL);
	free(path);
	strcpy(ids[0], test_repo_commit_full(r, "HEAD", "base", NULL, 0, t, 540,
					     t, 540));
	put(r, "1-61", "本線での変更です。");
	p[0] = ids[0];
	strcpy(ids[1], test_repo_commit_full(r, "HEAD", "main edit", p, 1,
					     t + 10, 540, t + 10, 540));
	test_repo_write(r, "checklist/items/1-61.json", a61);
	put(r, "1-62", "枝での変更です。");
	strcpy(ids[2], test_repo_commit_full(r, "refs/heads/side", "side edit",
					     p, 1, t + 20, 540, t + 20, 540));
	put(r, "1-61", "本線での変更です。");
	p[0] = ids[1];
	p[1] = ids[2];
	strcpy(ids[3], test_repo_commit_full(r, "HEAD", "merge side", p, 2,
					     t + 30, 540, t + 30, 540));
	/* A conflict on 1-63: both sides edit, the merge decides. */
	put(r, "1-63", "枝の案です。");
	p[0] = ids[3];
	strcpy(ids[4],
	       test_repo_commit_full(r, "refs/heads/side2", "side2 edit", p, 1,
				     t + 40, 540, t + 40, 540));
	put(r, "1-63", "本線の案です。");
	strcpy(ids[5], test_repo_commit_full(r, "HEAD", "main edit 1-63", p, 1,
					     t + 50, 540, t + 50, 540));
	put(r, "1-63", "両案を統合した回答です。");
	p[0] = ids[5];
	p[1] = ids[4];
	test_repo_commit_full(r, "HEAD", "merge side2, resolving 1-63", p, 2,
			      t + 60, 540, t + 60, 540);
	free(a61);
}

static void test_history__merges_first_parent_and_all_parents(void **state)
{
	test_repo *r = test_repo_new();
	char ids[6][41];
	test_run *run;
	(void)state;
	build_merges(r, ids);
	/* First parent: the side branch's edit arrives with the merge. */
	run = test_cli("-C", r->dir, "history", "1-62", NULL);
	assert_int_equal(run->status, 0);
	assert_non_null(strstr(run->out, "変更 1-62  — merge side\n"));
	assert_null(strstr(run->out, "side edit"));
	test_run_free(run);
	/* All parents: the branch commit itself, counted once. */
	run = test_cli("-C", r->dir, "history", "1-62", "--all-parents", NULL);
	assert_non_null(strstr(run->out, "変更 1-62  — side edit\n"));
	assert_null(strstr(run->out, "merge side\n"));
	test_run_free(run);
	/* The conflict on 1-63: the merge's own resolution is reported. */
	run = test_cli("-C", r->dir, "history", "1-63", "--all-parents",
		       "--format", "json", NULL);
	{
		json_t *root = json_loads(run->out, 0, NULL);
		json_t *revs = json_object_get(root, "revisions"),
		       *first = json_array_get(revs, 0);
		assert_string_equal(
			json_string_value(json_object_get(first, "message")),
			"merge side2, resolving 1-63");
		assert_true(json_is_true(json_object_get(first, "merge")));
		assert_true(json_is_true(json_object_get(first, "resolution")));
		/* Both branch edits are there too, each once. */
		assert_non_null(
			strstr(run->out, "\"message\": \"side2 edit\""));
		assert_non_null(
			strstr(run->out, "\"message\": \"main edit 1-63\""));
		json_decref(root);
	}
	test_run_free(run);
	run = test_cli("-C", r->dir, "history", "1-63", NULL);
	assert_non_null(strstr(run->out, "(マージで解決)"));
	test_run_free(run);
	/* log: first-parent shows the merges; all-parents the branch commits
	 * and only the resolving merge. */
	run = test_cli("-C", r->dir, "log", "--format", "csv", NULL);
	assert_non_null(strstr(run->out, ",merge side,"));
	assert_null(strstr(run->out, ",side edit,"));
	test_run_free(run);
	run = test_cli("-C", r->dir, "log", "--format", "csv", "--all-parents",
		       NULL);
	assert_non_null(strstr(run->out, ",side edit,"));
	assert_null(strstr(run->out, ",merge side,"));
	assert_non_null(strstr(run->out, "\"merge side2, resolving 1-63\""));
	test_run_free(run);
	test_repo_free(r);
}

static void
test_history__dates_author_or_committer_with_own_offset(void **state)
{
	test_repo *r = test_repo_new();
	const char *p[1];
	char base[41];
	test_run *run;
	(void)state;
	test_repo_copy_fixture(r);
	put(r, "1-1", "変更前です。"); /* the question put() asks */
	strcpy(base, test_repo_commit_full(r, "HEAD", "base", NULL, 0,
					   1700000000, 540, 1700000000, 540));
	put(r, "1-1", "変更後です。");
	p[0] = base;
	/* Authored in New York on the 1st, committed in Tokyo on the 3rd. */
	test_repo_commit_full(r, "HEAD", "edit", p, 1, 1704085200, -300,
			      1704283200, 540);
	run = test_cli("-C", r->dir, "history", "1-1", NULL);
	assert_non_null(strstr(run->out, "2024-01-01T00:00:00-05:00  "));
	test_run_free(run);
	run = test_cli("-C", r->dir, "history", "1-1", "--committer-date",
		       NULL);
	assert_non_null(strstr(run->out, "2024-01-03T21:00:00+09:00  "));
	test_run_free(run);
	/* --since/--until filter reported steps (sheet time zone +09:00). */
	run = test_cli("-C", r->dir, "history", "1-1", "--since", "2024-01",
		       NULL);
	assert_non_null(strstr(run->out, "— edit"));
	assert_null(strstr(run->out, "— base"));
	test_run_free(run);
	run = test_cli("-C", r->dir, "history", "1-1", "--until", "2023-12-31",
		       NULL);
	assert_null(strstr(run->out, "— edit"));
	assert_non_null(strstr(run->out, "— base"));
	test_run_free(run);
	run = test_cli("-C", r->dir, "history", "1-1", "--since", "2024-13",
		       NULL);
	assert_int_equal(run->status, 2);
	assert_non_null(strstr(run->err, "invalid date '2024-13'"));
	test_run_free(run);
	test_repo_free(r);
}

static void test_history__shallow_clone_says_where_history_ends(void **state)
{
	test_repo *r = test_repo_new();
	char *clone = test_tmp_dir(), *cmd;
	test_run *run;
	int i;
	(void)state;
	test_repo_copy_fixture(r);
	put(r, "1-2", "変更前です。"); /* the question put() asks */
	test_repo_commit(r, "base");
	for (i = 0; i < 3; i++) {
		char *answer = test_fmt("%d回目の変更です。", i + 1);
		put(r, "1-2", answer);
		test_repo_commit(r, answer);
		free(answer);
	}
	/* libgit2 1.5 cannot make shallow clones: the git CLI builds this
	 * fixture (the tool itself never runs git). */
	cmd = test_fmt("git clone -q --depth 2 file://%s %s/c 2>/dev/null",
		       r->dir, clone);
	if (system(cmd) != 0)
		fail_msg("cannot build the fixture: %s", cmd);
	free(cmd);
	cmd = test_fmt("%s/c", clone);
	run = test_cli("-C", cmd, "history", "1-2", NULL);
	assert_int_equal(run->status, 0);
	assert_non_null(strstr(run->out, "3回目の変更です"));
	assert_null(strstr(run->out, "追加 1-2"));
	assert_non_null(
		strstr(run->out, "浅いクローンの境界で履歴が途切れています"));
	assert_non_null(strstr(
		run->err,
		"sheetlog: warning: the history ends at the shallow-clone boundary"));
	test_run_free(run);
	run = test_cli("-C", cmd, "log", NULL);
	assert_int_equal(run->status, 0);
	assert_non_null(
		strstr(run->err, "reaches past the shallow-clone boundary"));
	test_run_free(run);
	/* Deepened later, the clone has its whole history: the boundary
	 * met (and the cache written) before must not cut it short. */
	{
		char *fetch = test_fmt(
			"git -C %s fetch -q --unshallow 2>/dev/null", cmd);
		if (system(fetch) != 0)
			fail_msg("cannot deepen the fixture: %s", fetch);
		free(fetch);
	}
	run = test_cli("-C", cmd, "history", "1-2", NULL);
	assert_int_equal(run->status, 0);
	assert_non_null(strstr(run->out, "追加 1-2"));
	assert_null(strstr(run->out, "浅いクローン"));
	assert_string_equal(run->err, "");
	test_run_free(run);
	free(cmd);
	test_tmp_rm(clone);
	free(clone);
	test_repo_free(r);
}

static void test_blame__field_edited_in_several_commits(void **state)
{
	test_repo *r = test_repo_new();
	char a[41], b[41];
	test_run *run;
	(void)state;
	test_repo_copy_fixture(r);
	test_repo_commit(r, "base");
	put(r, "1-61", "障害は60分以内に通知します。");
	strcpy(a, test_repo_commit(r, "first wording"));
	put(r, "1-61", "障害は30分以内に通知します。");
	test_repo_commit(r, "faster");
	put(r, "1-61", "障害は30分以内に通知します。夜間も同じです。");
	strcpy(b, test_repo_commit(r, "nights too"));
	run = test_cli("-C", r->dir, "blame", "1-61", "--chars", "--format",
		       "json", NULL);
	assert_int_equal(run->status, 0);
	{
		json_t *root = json_loads(run->out, 0, NULL);
		json_t *fields = json_object_get(root, "fields"), *runs, *f;
		size_t i;
		const char *answer_commit = NULL;
		json_array_foreach(fields, i, f) if (
			!strcmp(json_string_value(json_object_get(f, "field")),
				"answer")) answer_commit =
			json_string_value(json_object_get(
				json_object_get(f, "change"), "commit"));
		assert_string_equal(answer_commit, b);
		runs = json_object_get(json_object_get(root, "chars"), "runs");
		/* The runs cover the text in order; "30" came with "faster",
		 * the last sentence with "nights too", the opening with
		 * "first wording". */
		{
			char text[512] = "";
			const char *c30 = NULL, *cnight = NULL, *cfirst = NULL;
			json_array_foreach(runs, i, f)
			{
				const char *t = json_string_value(
					json_object_get(f, "text"));
				const char *c =
					json_string_value(json_object_get(
						json_object_get(f, "change"),
						"commit"));
				strcat(text, t);
				if (!strcmp(t, "30"))
					c30 = c;
				if (!strcmp(t, "夜間も同じです。"))
					cnight = c;
				if (i == 0)
					cfirst = c;
			}
			assert_string_equal(
				text,
				"障害は30分以内に通知します。夜間も同じです。");
			assert_non_null(c30);
			assert_string_not_equal(c30, a);
			assert_string_not_equal(c30, b);
			assert_string_equal(cnight, b);
			assert_string_equal(cfirst, a);
		}
		json_decref(root);
	}
	test_run_free(run);
	test_repo_free(r);
}

/* Replace the first `from` in checklist/sheet.json by `to`. */
static void sheet_edit(test_repo *r, const char *from, const char *to)
{
	char *path = test_repo_path(r, "checklist/sheet.json");
	char *text = test_read_file(path, NULL), *at, *edited;
	assert_non_null(text);
	at = strstr(text, from);
	assert_non_null(at);
	*at = '\0';
	edited = test_fmt("%s%s%s", text, to, at + strlen(from));
	test_repo_write(r, "checklist/sheet.json", edited);
	free(edited);
	free(text);
	free(path);
}

/* The field of a blame sheet JSON's "fields" with this part, id, name. */
static json_t *doc_field(json_t *root, const char *part, const char *id,
			 const char *field)
{
	json_t *f;
	size_t i;
	json_array_foreach(json_object_get(root, "fields"), i, f)
	{
		const char *pid =
			json_string_value(json_object_get(f, "part_id"));
		if (!strcmp(json_string_value(json_object_get(f, "part")),
			    part) &&
		    !strcmp(json_string_value(json_object_get(f, "field")),
			    field) &&
		    (id ? pid && !strcmp(pid, id) : !pid))
			return f;
	}
	fail_msg("no field %s %s %s", part, id ? id : "-", field);
	return NULL;
}

static const char *doc_commit(json_t *root, const char *part, const char *id,
			      const char *field)
{
	json_t *change =
		json_object_get(doc_field(root, part, id, field), "change");
	const char *c = json_string_value(json_object_get(change, "commit"));
	return c ? c : json_string_value(json_object_get(change, "rev"));
}

/* Issue 12: blame sheet gives each field of the document (sheet.json's
 * text, each section's title and scope, each scope's title) the commit
 * that set its current value; an uncommitted edit is WORKTREE's; with
 * --ignore-notation a notation-only change gives no field its value. */
static void test_blame__sheet_fields_from_their_commits(void **state)
{
	test_repo *r = test_repo_new();
	char a[41], b[41], c[41], d[41];
	test_run *run;
	json_t *root;
	(void)state;
	test_repo_copy_fixture(r);
	strcpy(a, test_repo_commit(r, "base"));
	sheet_edit(r, "小さなチェックシートです。",
		   "小さなチェックシートです。改訂しました。");
	strcpy(b, test_repo_commit(r, "introduction"));
	put(r, "1-1", "項目だけの変更です。");
	test_repo_commit(r, "an item only");
	sheet_edit(r, "\"サービス構成\"", "\"サービスの構成\"");
	strcpy(c, test_repo_commit(r, "section 2 renamed"));
	sheet_edit(r, "TOP", "ＴＯＰ");
	strcpy(d, test_repo_commit(r, "full-width TOP (notation only)"));
	sheet_edit(r, "情報提供のみ", "情報の提供のみ");

	run = test_cli("-C", r->dir, "blame", "sheet", "--format", "json",
		       NULL);
	assert_int_equal(run->status, 0);
	root = json_loads(run->out, 0, NULL);
	assert_non_null(root);
	assert_string_equal(json_string_value(json_object_get(root, "item")),
			    "sheet");
	assert_string_equal(doc_commit(root, "sheet", NULL, "title"), a);
	assert_string_equal(doc_commit(root, "sheet", NULL, "introduction"), b);
	assert_string_equal(doc_commit(root, "section", "2", "title"), c);
	assert_string_equal(doc_commit(root, "section", "1", "title"), a);
	assert_string_equal(doc_commit(root, "section", "2", "scope"), a);
	assert_string_equal(doc_commit(root, "scope", "customer", "title"), a);
	assert_string_equal(doc_commit(root, "sheet", NULL, "page_header"), d);
	assert_string_equal(doc_commit(root, "sheet", NULL, "disclaimer"),
			    "WORKTREE");
	assert_string_equal(
		json_string_value(json_object_get(
			doc_field(root, "section", "2", "title"), "value")),
		"サービスの構成");
	json_decref(root);
	test_run_free(run);

	run = test_cli("-C", r->dir, "blame", "sheet", "--ignore-notation",
		       "--format", "json", NULL);
	root = json_loads(run->out, 0, NULL);
	assert_string_equal(doc_commit(root, "sheet", NULL, "page_header"), a);
	json_decref(root);
	test_run_free(run);

	/* At a revision: HEAD~1 is before the notation-only commit. */
	run = test_cli("-C", r->dir, "blame", "sheet", c, "--lang", "en", NULL);
	assert_int_equal(run->status, 0);
	assert_non_null(strstr(run->out, "Blame: Document ("));
	{
		char *line = test_fmt("Introduction            %.7s ", b);
		char *sec = test_fmt("Section 2 Title         %.7s ", c);
		assert_non_null(strstr(run->out, line));
		assert_non_null(strstr(run->out, sec));
		free(line);
		free(sec);
	}
	test_run_free(run);

	run = test_cli("-C", r->dir, "blame", "sheet", "--chars", NULL);
	assert_int_equal(run->status, 2);
	assert_non_null(strstr(run->err, "blame sheet"));
	test_run_free(run);
	test_repo_free(r);
}

static void test_show__item_at_a_revision_with_last_change(void **state)
{
	test_repo *r = *state;
	static const char head[] = "1-1  (2022-09, 版 2022-09)\n最終変更: ";
	test_run *run = test_cli("-C", r->dir, "show", "1-1@2022-09", NULL);
	assert_int_equal(run->status, 0);
	assert_true(strncmp(run->out, head, strlen(head)) == 0);
	assert_non_null(strstr(run->out, "項目: 監視\n"));
	assert_non_null(strstr(
		run->out,
		"回答内容: 障害に関しては、60分以内での通知を目標としています。\n"));
	test_run_free(run);
	run = test_cli("-C", r->dir, "show", "1-1", "--format", "json", NULL);
	{
		json_t *root = json_loads(run->out, 0, NULL);
		assert_string_equal(
			json_string_value(json_object_get(
				json_object_get(root, "item"), "answer")),
			"障害に関しては、30分以内での通知を目標としています。");
		assert_string_equal(
			json_string_value(json_object_get(
				json_object_get(root, "last_change"),
				"edition")),
			"2023-04");
		json_decref(root);
	}
	test_run_free(run);
	run = test_cli("-C", r->dir, "show", "9-9@2022-09", NULL);
	assert_int_equal(run->status, 2);
	assert_string_equal(run->err,
			    "sheetlog: no item '9-9' at 2022-09 (item 9-9)\n");
	test_run_free(run);
}

static void test_audit__rows_now_ids_and_spreadsheet_safety(void **state)
{
	test_repo *r = *state;
	test_run *run;
	put(r, "1-20", "=HYPERLINK(\\\"http://x\\\")");
	test_repo_commit(r, "formula-like answer");
	run = test_cli("-C", r->dir, "audit", "2022-09..HEAD", "--bom",
		       "--lang", "en", NULL);
	assert_int_equal(run->status, 0);
	assert_true(
		strncmp(run->out,
			"\xEF\xBB\xBF"
			"commit,date,author,edition,item_id,old_item_id,item_id_now,",
			strlen("\xEF\xBB\xBF"
			       "commit,date,author,edition,item_id,old_item_id,item_id_now,")) ==
		0);
	/* Oldest first; the formula is neutralised, the data is not touched;
	 * the formula's commit is unpublished, made after 2023-04. */
	assert_non_null(
		strstr(run->out,
		       ",\"'=HYPERLINK(\"\"http://x\"\")\",false,,2023-04,true,"
		       "formula-like answer,item,,,,\r\n"));
	/* 3-1's 2023-04 edit: then 3-2 (was 3-1), now 3-2. */
	assert_non_null(strstr(run->out, ",3-2,3-1,3-2,renumbered,answer,"));
	/* The removed 2-1 has no id now. */
	assert_non_null(strstr(run->out, ",2-1,2-1,,removed,question,"));
	test_run_free(run);
	run = test_cli("-C", r->dir, "audit", "2022-09..HEAD", "--format",
		       "markdown", NULL);
	assert_true(strncmp(run->out, "## 監査証跡\n",
			    strlen("## 監査証跡\n")) == 0);
	assert_non_null(strstr(run->out, "=HYPERLINK(\"http://x\")"));
	test_run_free(run);
	run = test_cli("-C", r->dir, "audit", "HEAD", NULL);
	assert_int_equal(run->status, 2);
	assert_string_equal(run->err,
			    "sheetlog: 'HEAD' is not a range (A..B)\n");
	test_run_free(run);
}

/*
 * Two editions with a draft commit between them: 1-1 answered "基準",
 * then "最初" (draft), then "二番目" when 2023-04 was published.
 */
static void build_two_editions(test_repo *r, char base[41], char draft[41],
			       char pub[41])
{
	char *sheet_path, *sheet, *at;
	test_repo_copy_fixture(r);
	put(r, "1-1", "基準の回答です。");
	strcpy(base, test_repo_commit(r, "base"));
	test_repo_tag(r, "edition/2022-09", base, true);
	put(r, "1-1", "最初の回答です。");
	strcpy(draft, test_repo_commit(r, "draft"));
	put(r, "1-1", "二番目の回答です。");
	sheet_path = test_repo_path(r, "checklist/sheet.json");
	sheet = test_read_file(sheet_path, NULL);
	at = strstr(sheet, "\"as_of\": \"2022-09\"");
	assert_non_null(at);
	memcpy(at + strlen("\"as_of\": \""), "2023-04", 7);
	test_write_str(sheet_path, sheet);
	free(sheet);
	free(sheet_path);
	strcpy(pub, test_repo_commit(r, "publish 2023-04"));
	test_repo_tag(r, "edition/2023-04", pub, true);
}

static const char *jstr(json_t *obj, const char *key)
{
	return json_string_value(json_object_get(obj, key));
}

static void test_history__editions_one_step_per_edition(void **state)
{
	test_repo *r = test_repo_new();
	char base[41], draft[41], pub[41];
	test_run *run;
	json_t *root, *revs, *ops;
	(void)state;
	build_two_editions(r, base, draft, pub);

	/* Per commit: three steps, the draft among them. */
	run = test_cli("-C", r->dir, "history", "1-1", "--format", "json",
		       NULL);
	root = json_loads(run->out, 0, NULL);
	assert_int_equal(json_array_size(json_object_get(root, "revisions")),
			 3);
	json_decref(root);
	test_run_free(run);

	/* Per edition: the draft folds into 2023-04, whose step diffs the
	 * 2022-09 text against the published one. */
	run = test_cli("-C", r->dir, "history", "1-1", "--editions", "--format",
		       "json", NULL);
	assert_int_equal(run->status, 0);
	root = json_loads(run->out, 0, NULL);
	revs = json_object_get(root, "revisions");
	assert_int_equal(json_array_size(revs), 2);
	assert_string_equal(jstr(json_array_get(revs, 0), "edition"),
			    "2023-04");
	assert_string_equal(jstr(json_array_get(revs, 0), "commit"), pub);
	assert_string_equal(jstr(json_array_get(revs, 0), "status"),
			    "modified");
	ops = json_object_get(
		json_array_get(
			json_object_get(json_array_get(revs, 0), "fields"), 0),
		"ops");
	assert_string_equal(jstr(json_array_get(ops, 0), "op"), "delete");
	assert_string_equal(jstr(json_array_get(ops, 0), "text"), "基準");
	assert_string_equal(jstr(json_array_get(ops, 1), "op"), "insert");
	assert_string_equal(jstr(json_array_get(ops, 1), "text"), "二番目");
	assert_string_equal(jstr(json_array_get(revs, 1), "edition"),
			    "2022-09");
	assert_string_equal(jstr(json_array_get(revs, 1), "status"), "added");
	json_decref(root);
	test_run_free(run);
	test_repo_free(r);
}

static void test_history__markdown_blame_text_log_and_audit_json(void **state)
{
	test_repo *r = test_repo_new();
	char base[41], draft[41], pub[41], *want;
	test_run *run;
	json_t *root, *row;
	(void)state;
	build_two_editions(r, base, draft, pub);

	/* Markdown: a heading per step, the edition named, the inline diff
	 * with ~~deleted~~ and **inserted** text, sheet text escaped. */
	run = test_cli("-C", r->dir, "history", "1-1", "--format", "markdown",
		       "--lang", "en", NULL);
	assert_int_equal(run->status, 0);
	assert_true(strncmp(run->out, "## History: 1-1\n\n### ",
			    strlen("## History: 1-1\n\n### ")) == 0);
	want = test_fmt("`%.7s` (Edition 2023-04)\n\n- Change: modified 1-1\n"
			"- Author: Test Author \\<author@example.com\\>\n"
			"- Message: publish 2023-04\n\n"
			"**Answer**: ~~最初~~**二番目**の回答です。\n",
			pub);
	assert_non_null(strstr(run->out, want));
	free(want);
	assert_non_null(strstr(run->out, "- Change: added 1-1\n"));
	test_run_free(run);

	/* Blame as text: the answer from the publishing commit, the
	 * question from the base. */
	run = test_cli("-C", r->dir, "blame", "1-1", "--lang", "en", NULL);
	assert_int_equal(run->status, 0);
	assert_true(strncmp(run->out, "Blame: 1-1 (working tree)\n",
			    strlen("Blame: 1-1 (working tree)\n")) == 0);
	want = test_fmt("\nAnswer      %.7s ", pub);
	assert_non_null(strstr(run->out, want));
	free(want);
	want = test_fmt("\nQuestion    %.7s ", base);
	assert_non_null(strstr(run->out, want));
	free(want);
	assert_non_null(strstr(run->out, "Test Author <author@example.com> "
					 "[Edition 2023-04]\n"));
	test_run_free(run);

	/* log as JSON: newest first, the draft without an edition. */
	run = test_cli("-C", r->dir, "log", "--format", "json", NULL);
	assert_int_equal(run->status, 0);
	root = json_loads(run->out, 0, NULL);
	assert_int_equal(json_array_size(root), 3);
	row = json_array_get(root, 0);
	assert_string_equal(jstr(row, "commit"), pub);
	assert_string_equal(jstr(row, "edition"), "2023-04");
	assert_int_equal(json_integer_value(json_object_get(
				 json_object_get(row, "summary"), "modified")),
			 1);
	assert_string_equal(json_string_value(json_array_get(
				    json_object_get(row, "ids"), 0)),
			    "1-1");
	row = json_array_get(root, 1);
	assert_string_equal(jstr(row, "commit"), draft);
	assert_true(json_is_null(json_object_get(row, "edition")));
	assert_string_equal(jstr(row, "message"), "draft");
	json_decref(root);
	test_run_free(run);

	/* audit as JSON: one row per commit, oldest first, whole texts. */
	run = test_cli("-C", r->dir, "audit", "2022-09..2023-04", "--format",
		       "json", NULL);
	assert_int_equal(run->status, 0);
	root = json_loads(run->out, 0, NULL);
	assert_int_equal(json_array_size(root), 2);
	row = json_array_get(root, 0);
	assert_string_equal(jstr(row, "commit"), draft);
	assert_string_equal(jstr(row, "field"), "answer");
	assert_string_equal(jstr(row, "old"), "基準の回答です。");
	assert_string_equal(jstr(row, "new"), "最初の回答です。");
	assert_true(json_is_false(json_object_get(row, "notation_only")));
	row = json_array_get(root, 1);
	assert_string_equal(jstr(row, "edition"), "2023-04");
	assert_string_equal(jstr(row, "old"), "最初の回答です。");
	assert_string_equal(jstr(row, "new"), "二番目の回答です。");
	json_decref(root);
	test_run_free(run);
	test_repo_free(r);
}

/* Which edition published each commit: base is 2022-09, draft was made
 * after it and published by 2023-04 (pub), late is a draft after 2023-04,
 * in every output of history, blame, log and audit (the values
 * themselves: test_history.c). */
static void test_history__published_in_every_output(void **state)
{
	test_repo *r = test_repo_new();
	char base[41], draft[41], pub[41], late[41], *want;
	test_run *run;
	json_t *root, *row;
	(void)state;
	build_two_editions(r, base, draft, pub);
	put(r, "1-1", "三番目の回答です。");
	strcpy(late, test_repo_commit(r, "late draft"));

	run = test_cli("-C", r->dir, "history", "1-1", NULL);
	assert_non_null(strstr(run->out, "  [未公開, 基準版 2023-04]\n"));
	assert_non_null(strstr(run->out, "  [版 2023-04]\n"));
	assert_non_null(
		strstr(run->out, "  [公開版 2023-04, 基準版 2022-09]\n"));
	test_run_free(run);
	run = test_cli("-C", r->dir, "history", "1-1", "--format", "markdown",
		       "--lang", "en", NULL);
	want = test_fmt(
		"`%.7s` (Published in 2023-04, After edition 2022-09)\n",
		draft);
	assert_non_null(strstr(run->out, want));
	free(want);
	assert_non_null(
		strstr(run->out, " (Unpublished, After edition 2023-04)\n"));
	test_run_free(run);
	run = test_cli("-C", r->dir, "history", "1-1", "--format", "json",
		       NULL);
	root = json_loads(run->out, 0, NULL);
	row = json_array_get(json_object_get(root, "revisions"), 2); /* draft */
	assert_true(json_is_null(json_object_get(row, "edition")));
	assert_string_equal(jstr(row, "published_in"), "2023-04");
	assert_string_equal(jstr(row, "after_edition"), "2022-09");
	row = json_array_get(json_object_get(root, "revisions"), 0); /* late */
	assert_true(json_is_true(json_object_get(row, "unpublished")));
	json_decref(root);
	test_run_free(run);

	/* blame: the answer is the late draft's; its JSON change says so. */
	run = test_cli("-C", r->dir, "blame", "1-1", "--lang", "en", NULL);
	want = test_fmt("\nAnswer      %.7s ", late);
	assert_non_null(strstr(run->out, want));
	free(want);
	assert_non_null(
		strstr(run->out, "> [Unpublished, After edition 2023-04]\n"));
	test_run_free(run);
	run = test_cli("-C", r->dir, "blame", "1-1", "--format", "json", NULL);
	assert_non_null(strstr(run->out, "\"published_in\": null,\n"));
	assert_non_null(strstr(run->out, "\"unpublished\": true\n"));
	test_run_free(run);

	/* log: text in both languages, CSV's last columns. */
	run = test_cli("-C", r->dir, "log", NULL);
	assert_non_null(strstr(
		run->out, "> [公開版 2023-04, 基準版 2022-09]\n    draft\n"));
	assert_non_null(strstr(run->out,
			       "> [未公開, 基準版 2023-04]\n    late draft\n"));
	test_run_free(run);
	run = test_cli("-C", r->dir, "log", "--lang", "en", NULL);
	assert_non_null(strstr(
		run->out, "> [Published in 2023-04, After edition 2022-09]\n"));
	test_run_free(run);
	run = test_cli("-C", r->dir, "log", "--format", "csv", NULL);
	assert_non_null(strstr(run->out,
			       ",ids,published_in,after_edition,unpublished,"
			       "replaced,sheet_changes\r\n"));
	assert_non_null(strstr(run->out, ",~1-1,2023-04,2022-09,false,0,"));
	assert_non_null(strstr(run->out, ",~1-1,,2023-04,true,0,"));
	test_run_free(run);

	/* audit: the draft's rows name 2023-04 (CSV, Markdown, JSON). */
	run = test_cli("-C", r->dir, "audit", "2022-09..HEAD", NULL);
	assert_non_null(strstr(
		run->out,
		"最初の回答です。,false,2023-04,2022-09,false,draft,設問,,,,"
		"\r\n"));
	assert_non_null(
		strstr(run->out, "三番目の回答です。,false,,2023-04,true,"));
	test_run_free(run);
	run = test_cli("-C", r->dir, "audit", "2022-09..HEAD", "--format",
		       "markdown", NULL);
	assert_non_null(
		strstr(run->out, "| 版 | 公開版 | 基準版 | 項番(当時) |"));
	assert_non_null(
		strstr(run->out, "| draft |  | 2023-04 | 2022-09 | 1-1 |"));
	assert_non_null(strstr(run->out, " |  | 未公開 | 2023-04 | 1-1 |"));
	test_run_free(run);
	run = test_cli("-C", r->dir, "audit", "2022-09..HEAD", "--format",
		       "json", NULL);
	root = json_loads(run->out, 0, NULL);
	row = json_array_get(root, 0);
	assert_string_equal(jstr(row, "commit"), draft);
	assert_true(json_is_null(json_object_get(row, "edition")));
	assert_string_equal(jstr(row, "published_in"), "2023-04");
	assert_string_equal(jstr(row, "after_edition"), "2022-09");
	assert_true(json_is_false(json_object_get(row, "unpublished")));
	json_decref(root);
	test_run_free(run);
	test_repo_free(r);
}

static void test_history__cache_is_used_and_never_required(void **state)
{
	test_repo *r = *state;
	char *cache = test_repo_path(r, ".git/sheetlog/changes-v1");
	test_run *a, *b, *c;
	unlink(cache);
	a = test_cli("-C", r->dir, "history", "1-3", NULL);
	assert_int_equal(access(cache, F_OK), 0);
	b = test_cli("-C", r->dir, "history", "1-3", NULL);
	assert_string_equal(a->out, b->out);
	/* A corrupt cache is ignored and rebuilt: same answer. */
	test_write_str(cache, "SLCHG001 garbage that fails the checksum");
	c = test_cli("-C", r->dir, "history", "1-3", NULL);
	assert_int_equal(c->status, 0);
	assert_string_equal(a->out, c->out);
	test_run_free(a);
	test_run_free(b);
	test_run_free(c);
	free(cache);
}

static int progress_lines(const char *s)
{
	int n = 0;
	const char *p = s;
	while ((p = strstr(p, "reading history: ")) != NULL) {
		n++;
		p++;
	}
	return n;
}

static void test_history__progress_only_on_a_terminal(void **state)
{
	test_repo *r = test_repo_new();
	static char prog[] = "sheetlog", c_opt[] = "-C", cmd[] = "history",
		    id[] = "1-1";
	char *argv[] = {prog, c_opt, r->dir, cmd, id, NULL};
	char *out = NULL, *err = NULL;
	size_t ol = 0, el = 0;
	FILE *fo, *fe;
	int i;
	(void)state;
	test_repo_write(
		r, "checklist/sheet.json",
		"{\n  \"as_of\": \"2022-09\",\n  \"scopes\": [\n    {\n      \"id\": \"provider\",\n"
		"      \"title\": \"p\"\n    }\n  ],\n  \"sections\": [\n    {\n      \"id\": \"1\",\n"
		"      \"title\": \"t\"\n    }\n  ]\n}\n");
	for (i = 0; i < 300; i++) {
		char *a = test_fmt("回答%dです。", i);
		test_repo_write(r, "checklist/items/1-1.json",
				item_json("1-1", "c", "質問ですか。", a));
		test_repo_commit(r, a);
		free(a);
	}
	fo = open_memstream(&out, &ol);
	fe = open_memstream(&err, &el);
	assert_int_equal(sl_cli_run(5, argv, fo, fe, false, true, NULL), 0);
	fclose(fo);
	fclose(fe);
	assert_true(progress_lines(err) >= 1);
	free(out);
	free(err);
	/* Not a terminal, the cache removed so that the walk is as long
	 * again: no progress. */
	{
		char *cache = test_repo_path(r, ".git/sheetlog/changes-v1");
		unlink(cache);
		free(cache);
	}
	{
		test_run *run = test_cli("-C", r->dir, "history", "1-1", NULL);
		assert_int_equal(progress_lines(run->err), 0);
		assert_non_null(strstr(run->out, "回答299です。"));
		test_run_free(run);
	}
	test_repo_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
			test_history__follows_renumbering, setup_fixture_demo,
			teardown_repo),
		cmocka_unit_test_setup_teardown(test_history__json_contract,
						setup_fixture_demo,
						teardown_repo),
		cmocka_unit_test_setup_teardown(
			test_history__replaced_number_starts_the_item,
			setup_fixture_demo, teardown_repo),
		cmocka_unit_test_setup_teardown(
			test_history__reused_number_says_where_the_old_item_went,
			setup_fixture_demo, teardown_repo),
		cmocka_unit_test_setup_teardown(
			test_history__absent_id_finds_where_it_went,
			setup_fixture_demo, teardown_repo),
		cmocka_unit_test_setup_teardown(
			test_history__uncommitted_state_is_read_from_the_items_file,
			setup_fixture_demo, teardown_repo),
		cmocka_unit_test(
			test_history__removed_then_readded_id_is_two_items),
		cmocka_unit_test(
			test_history__merges_first_parent_and_all_parents),
		cmocka_unit_test(
			test_history__dates_author_or_committer_with_own_offset),
		cmocka_unit_test(
			test_history__shallow_clone_says_where_history_ends),
		cmocka_unit_test(test_blame__field_edited_in_several_commits),
		cmocka_unit_test(test_blame__sheet_fields_from_their_commits),
		cmocka_unit_test_setup_teardown(
			test_show__item_at_a_revision_with_last_change,
			setup_fixture_demo, teardown_repo),
		cmocka_unit_test_setup_teardown(
			test_audit__rows_now_ids_and_spreadsheet_safety,
			setup_fixture_demo, teardown_repo),
		cmocka_unit_test_setup_teardown(
			test_history__cache_is_used_and_never_required,
			setup_fixture_demo, teardown_repo),
		cmocka_unit_test(test_history__progress_only_on_a_terminal),
		cmocka_unit_test(test_history__editions_one_step_per_edition),
		cmocka_unit_test(test_history__published_in_every_output),
		cmocka_unit_test(
			test_history__markdown_blame_text_log_and_audit_json),
	};
	return cmocka_run_group_tests_name(
		"cmd_history", tests, test_global_setup, test_global_teardown);
}
