/*
 * test_cmd_review.c: the review of pending edits: where each edit stands
 * (committed since the base, staged, unstaged), lint findings and exit
 * status 1 on errors, warnings the base already had are counted but not
 * listed, the base defaults to the newest edition, the Markdown, text and
 * HTML forms (golden), and an HTML page that is self-contained and escapes
 * every piece of sheet text. The page in a browser: tests/browser/.
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

#include "golden.h"
#include "test_cli.h"
#include "test_repo.h"
#include "test_tmp.h"

static char *read_item(test_repo *r, const char *id)
{
	char *rel = test_fmt("checklist/items/%s.json", id);
	char *path = test_repo_path(r, rel);
	size_t len;
	char *text = test_read_file(path, &len);
	assert_non_null(text);
	free(rel);
	free(path);
	return text;
}

/* Replace the first occurrence of from with to in an item file. */
static void edit(test_repo *r, const char *id, const char *from, const char *to)
{
	char *text = read_item(r, id), *at = strstr(text, from), *rel;
	char *next;
	assert_non_null(at);
	*at = '\0';
	next = test_fmt("%s%s%s", text, to, at + strlen(from));
	rel = test_fmt("checklist/items/%s.json", id);
	test_repo_write(r, rel, next);
	free(rel);
	free(next);
	free(text);
}

/* The fixture's two editions (tests/fixtures/demo/): the edits below and
 * their expectations name its items, not the live sheet's. */
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

/* The line after "~ ID ..." in text output that starts with "    [". */
static const char *state_of(const char *out, const char *heading)
{
	static char buf[256];
	const char *p = strstr(out, heading), *q, *e;
	if (!p)
		return NULL;
	q = strstr(p, "\n    [");
	if (!q)
		return NULL;
	q += 6;
	e = strchr(q, ']');
	snprintf(buf, sizeof(buf), "%.*s", (int)(e - q), q);
	return buf;
}

static void test_review__committed_staged_unstaged_are_marked(void **state)
{
	test_repo *r = *state;
	test_run *run;
	/* Committed after the 2023-04 edition. */
	edit(r, "1-1", "障害に関しては", "重大な障害に関しては");
	test_repo_commit(r, "draft: 1-1");
	/* Staged, then edited again without staging. */
	edit(r, "1-2", "ます。", "ます。追記しました。");
	test_repo_stage(r, "checklist/items/1-2.json");
	edit(r, "1-2", "追記しました。", "さらに追記しました。");
	/* Unstaged only. */
	edit(r, "1-3", "ます。", "ます。未ステージの追記です。");
	run = test_cli("-C", r->dir, "review", "--lang", "en", NULL);
	assert_int_equal(run->status, 0);
	/* The base is the newest edition. */
	assert_true(strncmp(run->out, "Review before publication: 2023-04 (",
			    36) == 0);
	assert_string_equal(state_of(run->out, "~ 1-1 modified"), "committed");
	assert_string_equal(state_of(run->out, "~ 1-2 modified"),
			    "staged, unstaged");
	assert_string_equal(state_of(run->out, "~ 1-3 modified"), "unstaged");
	/* The inline diff reaches the working tree's text. */
	assert_non_null(strstr(run->out, "{+さらに追記しました。+}"));
	test_run_free(run);
}

static void test_review__lint_errors_exit_1_and_are_listed(void **state)
{
	test_repo *r = *state;
	test_run *run;
	edit(r, "1-1", "\"answer\": \"", "\"answer\": \"\", \"x\": \"");
	/* A file that does not parse at all. */
	test_repo_write(r, "checklist/items/1-3.json", "{\"id\": \"1-3\",");
	run = test_cli("-C", r->dir, "review", "--lang", "en", NULL);
	assert_int_equal(run->status, 1);
	assert_non_null(
		strstr(run->out, "Cannot be published: lint errors (errors 2"));
	/* Each error sits under the item it concerns. */
	assert_non_null(
		strstr(run->out, "    checklist/items/1-1.json:7:14: error: "));
	assert_non_null(strstr(run->out, "- 1-3 removed\n"));
	assert_non_null(strstr(run->out, "    checklist/items/1-3.json:1:"));
	test_run_free(run);
	/* The HTML page says so too, with the same exit status. */
	run = test_cli("-C", r->dir, "review", "--format", "html", NULL);
	assert_int_equal(run->status, 1);
	assert_non_null(strstr(run->out, "<p class=\"verdict blocked\""));
	assert_non_null(strstr(run->out, "<li class=\"error\"><code>"));
	test_run_free(run);
	/* And the Markdown for a pull request: each finding in a code span
	 * under its item. */
	run = test_cli("-C", r->dir, "review", "--format", "markdown", "--lang",
		       "en", NULL);
	assert_int_equal(run->status, 1);
	assert_non_null(strstr(run->out,
			       "- **error** `checklist/items/1-1.json:7:14: "
			       "error: "));
	assert_non_null(
		strstr(run->out, "- **error** `checklist/items/1-3.json:1:"));
	test_run_free(run);
}

static void test_review__only_new_warnings_are_listed(void **state)
{
	test_repo *r = *state;
	test_run *run;
	/* 3-2 carries spaces inside Japanese text since 2022-09 (as 3-1);
	 * an edit that adds a compatibility ideograph brings one new
	 * warning, and the old ones stay unlisted. */
	edit(r, "3-2", "避けてください。",
	     "避けてください。⾏き先も確認してください。");
	run = test_cli("-C", r->dir, "review", "--lang", "en", NULL);
	assert_int_equal(run->status, 0);
	assert_non_null(strstr(run->out, "~ 3-2 modified"));
	assert_non_null(strstr(run->out, "(errors 0 · warnings 1"));
	assert_non_null(strstr(run->out, "[compat-ideograph]"));
	assert_null(strstr(run->out, "[space-in-japanese]"));
	test_run_free(run);
}

/* An item file of the fixture's section 1 or 3. */
static void put_item(test_repo *r, const char *id, const char *section,
		     const char *category, const char *question,
		     const char *answer)
{
	char *rel = test_fmt("checklist/items/%s.json", id);
	char *text = test_fmt(
		"{\n  \"id\": \"%s\",\n  \"section\": \"%s\",\n"
		"  \"scope\": \"%s\",\n"
		"  \"category\": \"%s\",\n  \"question\": \"%s\",\n"
		"  \"answer\": \"%s\"\n}\n",
		id, section, strcmp(section, "3") ? "provider" : "customer",
		category, question, answer);
	test_repo_write(r, rel, text);
	free(text);
	free(rel);
}

/*
 * Pending edits after the fixture's 2023-04 edition, one of each kind a
 * review shows: a committed insertion that shifts 1-1..1-3 (a run of pure
 * renumbering, one line), a staged long rewrite of 1-10 (folds), an
 * unstaged edit of 3-2 bringing in a full-width letter (a new warning).
 */
static void pending_edits(test_repo *r)
{
	char *a[3];
	int i;
	static const char *const ids[] = {"1-1", "1-2", "1-3"};
	static const char *const to[] = {"1-2", "1-3", "1-4"};
	for (i = 2; i >= 0; i--) {
		char *from = test_fmt("checklist/items/%s.json", ids[i]);
		char *path = test_repo_path(r, from);
		char *text = test_read_file(path, NULL), *at, *next;
		char *old_id = test_fmt("\"id\": \"%s\"", ids[i]);
		char *new_id = test_fmt("\"id\": \"%s\"", to[i]);
		char *dest = test_fmt("checklist/items/%s.json", to[i]);
		assert_non_null(text);
		at = strstr(text, old_id);
		assert_non_null(at);
		*at = '\0';
		next = test_fmt("%s%s%s", text, new_id, at + strlen(old_id));
		test_repo_write(r, dest, next);
		a[i] = next;
		free(dest);
		free(new_id);
		free(old_id);
		free(text);
		free(path);
		free(from);
	}
	put_item(r, "1-1", "1", "体制", "セキュリティ責任者を置いていますか。",
		 "情報セキュリティ責任者を任命しています。");
	test_repo_commit(r, "1-1: a new first question");
	put_item(
		r, "1-10", "1", "認証", "管理者の認証方式を教えてください。",
		"管理者は多要素認証を利用します。認証には、ワンタイムパスワード"
		"を生成する専用の端末、または利用者が登録した携帯端末のアプリ"
		"ケーションを使います。端末を紛失した場合は、本人確認の手続きを"
		"経てから再登録します。一定回数続けて認証に失敗したアカウントは"
		"自動的にロックされ、管理者による解除が必要になります。");
	test_repo_stage(r, "checklist/items/1-10.json");
	put_item(r, "3-2", "3", "サーバー", "利用者が行うべき対策は何ですか。",
		 "OSの更新は利用者が行ってください。手順はＦＡＱを参照してく"
		 "ださい。");
	for (i = 0; i < 3; i++)
		free(a[i]);
}

static void test_review__pending_edits_markdown_text_and_html(void **state)
{
	test_repo *r = test_repo_new();
	test_run *run;
	(void)state;
	test_repo_build_fixture_demo(r);
	pending_edits(r);
	run = test_cli("-C", r->dir, "review", "--format", "markdown", NULL);
	assert_int_equal(run->status, 0);
	test_golden("review/fixture-pending.md", run->out, run->out_len);
	/* Long items fold; a run of pure renumbering is one line. */
	assert_non_null(strstr(
		run->out, "<details><summary><b>1-10</b> 変更 · ステージ済み"
			  "</summary>"));
	assert_non_null(strstr(run->out, "番号変更: 1-1 → 1-2, 1-2 → 1-3, "
					 "1-3 → 1-4\n"));
	test_run_free(run);
	run = test_cli("-C", r->dir, "review", NULL);
	assert_int_equal(run->status, 0);
	test_golden("review/fixture-pending.txt", run->out, run->out_len);
	assert_non_null(strstr(run->out, "[fullwidth-ascii]"));
	test_run_free(run);
	/* The page too: its contents, filters and side-by-side tables come
	 * from the same walk as the text. */
	run = test_cli("-C", r->dir, "review", "--format", "html", NULL);
	assert_int_equal(run->status, 0);
	test_golden("review/fixture-pending.html", run->out, run->out_len);
	test_run_free(run);
	test_repo_free(r);
}

static void test_review__html_self_contained_and_escaped(void **state)
{
	test_repo *r = *state;
	test_run *run;
	const char *p;
	int scripts = 0;
	edit(r, "1-1", "障害に関しては",
	     "<script>alert(1)</script><img src=x onerror=alert(2)>&amp;障害");
	run = test_cli("-C", r->dir, "review", "--format", "html", NULL);
	assert_int_equal(run->status, 0);
	assert_null(strstr(run->out, "<script>alert"));
	assert_null(strstr(run->out, "<img"));
	assert_non_null(strstr(run->out,
			       "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img "
			       "src=x onerror=alert(2)&gt;&amp;amp;"));
	/* One file: no stylesheet links, no external scripts or images. */
	assert_null(strstr(run->out, "<link"));
	assert_null(strstr(run->out, "src=\""));
	assert_null(strstr(run->out, "http://"));
	assert_null(strstr(run->out, "https://"));
	for (p = run->out; (p = strstr(p, "<script")) != NULL; p++)
		scripts++;
	assert_int_equal(scripts, 1);
	/* Side by side: the old column deletes, the new one inserts. */
	assert_non_null(
		strstr(run->out, "<td class=\"old\"><del>障害に関しては"));
	assert_non_null(strstr(run->out, "<td class=\"new\"><ins>&lt;script"));
	/* Filters and contents. */
	assert_non_null(strstr(run->out, "data-filter=\"substantive\""));
	assert_non_null(strstr(run->out, "<nav class=\"toc\">"));
	assert_non_null(strstr(run->out, "<section class=\"change modified\" "
					 "data-kind=\"modified\" "
					 "id=\"item-1-1\">"));
	test_run_free(run);
}

static void test_review__base_and_output_file(void **state)
{
	test_repo *r = test_repo_new();
	test_run *run;
	char *out;
	(void)state;
	test_repo_copy_fixture(r);
	test_repo_commit(r, "sheet without a tag or an as_of change yet");
	/* The first commit is the 2022-09 edition (as_of appeared). */
	run = test_cli("-C", r->dir, "review", NULL);
	assert_int_equal(run->status, 0);
	assert_non_null(strstr(run->out, "変更はありません。"));
	test_run_free(run);
	run = test_cli("-C", r->dir, "review", "--base", "2031-01", NULL);
	assert_int_equal(run->status, 2);
	assert_string_equal(run->err,
			    "sheetlog: unknown revision '2031-01'; known "
			    "editions: 2022-09\n");
	test_run_free(run);
	out = test_repo_path(r, "review.html");
	run = test_cli("-C", r->dir, "review", "--format", "html", "-o", out,
		       NULL);
	assert_int_equal(run->status, 0);
	assert_string_equal(run->out, "");
	{
		size_t len;
		char *page = test_read_file(out, &len);
		assert_non_null(page);
		assert_true(strncmp(page, "<!DOCTYPE html>", 15) == 0);
		free(page);
	}
	free(out);
	test_run_free(run);
	test_repo_free(r);
}

static void test_review__empty_repository_needs_a_base(void **state)
{
	test_repo *r = test_repo_new();
	test_run *run;
	(void)state;
	test_repo_copy_fixture(r);
	run = test_cli("-C", r->dir, "review", NULL);
	assert_int_equal(run->status, 2);
	assert_string_equal(run->err,
			    "sheetlog: no edition to review against yet; name "
			    "a base with --base REV\n");
	test_run_free(run);
	test_repo_free(r);
}

/* An error outside the changed items (here in sheet.json) still blocks:
 * it is listed apart, in every format, and the exit status is 1. */
static void test_review__errors_outside_changed_items_are_listed(void **state)
{
	test_repo *r = *state;
	char *path = test_repo_path(r, "checklist/sheet.json");
	char *sheet = test_read_file(path, NULL), *at, *next;
	test_run *run;
	at = strstr(sheet, "\"as_of\": \"2023-04\"");
	assert_non_null(at);
	*at = '\0';
	next = test_fmt("%s\"as_of\": \"2023-04-99\"%s", sheet,
			at + strlen("\"as_of\": \"2023-04\""));
	test_write_str(path, next);
	edit(r, "1-3", "。", "。追記です。");
	run = test_cli("-C", r->dir, "review", "--lang", "en", NULL);
	assert_int_equal(run->status, 1);
	assert_non_null(strstr(run->out,
			       "\nFindings outside the changed items:\n"
			       "  checklist/sheet.json:"));
	assert_non_null(strstr(run->out, "[invalid-as-of]"));
	test_run_free(run);
	run = test_cli("-C", r->dir, "review", "--format", "markdown", "--lang",
		       "en", NULL);
	assert_int_equal(run->status, 1);
	assert_non_null(strstr(run->out,
			       "### Findings outside the changed items\n\n"
			       "- **error** `checklist/sheet.json:"));
	test_run_free(run);
	free(next);
	free(sheet);
	free(path);
}

/* An edited sheet.json shows as its changes (the 文書の変更 part), in
 * every format; a change the document does not show (layout only) is
 * still noted. */
static void test_review__sheet_json_changes_are_shown(void **state)
{
	test_repo *r = *state;
	char *path = test_repo_path(r, "checklist/sheet.json");
	char *sheet = test_read_file(path, NULL), *at, *next, *spaced;
	const char *key = "\"introduction\": \"";
	test_run *run;
	at = strstr(sheet, key);
	assert_non_null(at);
	at += strlen(key);
	next = test_fmt("%.*s【改】%s", (int)(at - sheet), sheet, at);
	test_write_str(path, next);
	run = test_cli("-C", r->dir, "review", NULL);
	assert_int_equal(run->status, 0);
	assert_non_null(strstr(run->out, "\n== 文書の変更 (1) ==\n~ 文書\n"
					 "    前文: {+【改】+}"));
	assert_null(strstr(run->out, "sheet.json も変更されています"));
	assert_null(strstr(run->out, "変更はありません。"));
	test_run_free(run);
	run = test_cli("-C", r->dir, "review", "--format", "markdown", NULL);
	assert_non_null(strstr(run->out, "### 文書の変更\n\n#### 文書\n\n"
					 "**前文**: <ins>【改】</ins>"));
	test_run_free(run);
	run = test_cli("-C", r->dir, "review", "--format", "html", "--lang",
		       "en", NULL);
	assert_non_null(strstr(run->out,
			       "<h2>Document changes</h2>\n"
			       "<div class=\"change doc modified\">"));
	assert_non_null(
		strstr(run->out, "<th>Introduction</th><td><ins>【改】"));
	test_run_free(run);
	/* Layout only: nothing the document shows, the note remains. */
	spaced = test_fmt("%s\n", sheet);
	test_write_str(path, spaced);
	run = test_cli("-C", r->dir, "review", NULL);
	assert_non_null(strstr(run->out, "sheet.json も変更されています\n"));
	assert_null(strstr(run->out, "文書の変更"));
	test_run_free(run);
	free(spaced);
	free(next);
	free(sheet);
	free(path);
}

static size_t occurrences(const char *hay, const char *needle)
{
	size_t n = 0;
	for (hay = strstr(hay, needle); hay; hay = strstr(hay + 1, needle))
		n++;
	return n;
}

/* Issue 12: the review explains 表記のみ once per document, in the words
 * the changelog uses, and only when a notation-only change is shown. */
static void test_review__notation_explained_once_as_in_changelog(void **state)
{
	test_repo *r = *state;
	static const char *const formats[] = {"text", "markdown", "html"};
	test_run *cl = test_cli("-C", r->dir, "changelog", "2022-09..2023-04",
				"--format", "markdown", NULL);
	const char *start = strstr(cl->out, "\n表記のみ：");
	char *sentence;
	size_t k;
	assert_non_null(start);
	start++;
	sentence = test_fmt("%.*s", (int)(strchr(start, '\n') - start), start);
	for (k = 0; k < 3; k++) {
		test_run *run =
			test_cli("-C", r->dir, "review", "--base", "2022-09",
				 "--format", formats[k], NULL);
		assert_int_equal(run->status, 0);
		assert_int_equal(occurrences(run->out, sentence), 1);
		test_run_free(run);
	}
	/* No notation-only change since 2023-04: no note. */
	edit(r, "1-1", "30分", "15分");
	{
		test_run *run = test_cli("-C", r->dir, "review", NULL);
		assert_int_equal(run->status, 0);
		assert_non_null(strstr(run->out, "表記のみ 0"));
		assert_null(strstr(run->out, sentence));
		test_run_free(run);
	}
	free(sentence);
	test_run_free(cl);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
			test_review__errors_outside_changed_items_are_listed,
			setup_fixture_demo, teardown_repo),
		cmocka_unit_test_setup_teardown(
			test_review__committed_staged_unstaged_are_marked,
			setup_fixture_demo, teardown_repo),
		cmocka_unit_test_setup_teardown(
			test_review__lint_errors_exit_1_and_are_listed,
			setup_fixture_demo, teardown_repo),
		cmocka_unit_test_setup_teardown(
			test_review__only_new_warnings_are_listed,
			setup_fixture_demo, teardown_repo),
		cmocka_unit_test(
			test_review__pending_edits_markdown_text_and_html),
		cmocka_unit_test_setup_teardown(
			test_review__html_self_contained_and_escaped,
			setup_fixture_demo, teardown_repo),
		cmocka_unit_test(test_review__base_and_output_file),
		cmocka_unit_test(test_review__empty_repository_needs_a_base),
		cmocka_unit_test_setup_teardown(
			test_review__sheet_json_changes_are_shown,
			setup_fixture_demo, teardown_repo),
		cmocka_unit_test_setup_teardown(
			test_review__notation_explained_once_as_in_changelog,
			setup_fixture_demo, teardown_repo),
	};
	return cmocka_run_group_tests(tests, test_global_setup,
				      test_global_teardown);
}
