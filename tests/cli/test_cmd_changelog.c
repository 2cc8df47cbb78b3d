/*
 * test_cmd_changelog.c: release notes and the 新旧対照表 between the
 * fixture's 2022-09 edition and its 2023-04 edition (tests/fixtures/demo/),
 * every format against its golden file, plus the properties a reader
 * relies on: counts, sections, inline highlighting, the collapsed
 * notation-only list, runs of renumberings, Japanese and English labels,
 * escaping. One smoke test runs scripts/run.sh's main job on the live
 * sheet (test_repo_build_demo()) with expectations derived from the data.
 */
#define _XOPEN_SOURCE 700
#include <dirent.h>
#include <jansson.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "golden.h"
#include "test_cli.h"
#include "test_repo.h"
#include "test_tmp.h"

/* The two editions on the fixture sheet: the goldens do not follow the
 * live sheet. */
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

static test_run *changelog(test_repo *r, const char *format, const char *lang)
{
	return test_cli("-C", r->dir, "changelog", "2022-09..2023-04",
			"--format", format, "--lang", lang, NULL);
}

static void golden_of(void **state, const char *format, const char *lang,
		      const char *file)
{
	test_run *run = changelog(*state, format, lang);
	assert_int_equal(run->status, 0);
	assert_int_equal(run->err_len, 0);
	test_golden(file, run->out, run->out_len);
	test_run_free(run);
}

static void test_cmd_changelog__markdown_golden(void **state)
{
	golden_of(state, "markdown", "ja", "changelog/fixture.ja.md");
}

static void test_cmd_changelog__markdown_english_golden(void **state)
{
	golden_of(state, "markdown", "en", "changelog/fixture.en.md");
}

static void test_cmd_changelog__html_golden(void **state)
{
	golden_of(state, "html", "ja", "changelog/fixture.ja.html");
}

static void test_cmd_changelog__json_golden(void **state)
{
	golden_of(state, "json", "ja", "changelog/fixture.json");
}

static void test_cmd_changelog__shinkyu_html_golden(void **state)
{
	golden_of(state, "shinkyu", "ja", "changelog/fixture.shinkyu.html");
}

static void test_cmd_changelog__shinkyu_markdown_golden(void **state)
{
	golden_of(state, "shinkyu-markdown", "ja",
		  "changelog/fixture.shinkyu.md");
}

/* Issue 12: the summary counts the document's changes (文書の変更) next
 * to the items' counts and apart from them: a commit that rewords only
 * the introduction changes no item count. */
static void
test_cmd_changelog__summary_counts_document_changes_apart(void **state)
{
	test_repo *r = *state;
	const char *key = "\"introduction\": \"";
	char *path = test_repo_path(r, "checklist/sheet.json");
	char *text = test_read_file(path, NULL), *at, *next;
	test_run *run;
	json_t *root, *sum;
	assert_non_null(text);
	at = strstr(text, key);
	assert_non_null(at);
	at += strlen(key);
	next = test_fmt("%.*s改訂：%s", (int)(at - text), text, at);
	test_repo_write(r, "checklist/sheet.json", next);
	test_repo_commit(r, "reword the introduction");
	run = test_cli("-C", r->dir, "changelog", "2023-04..HEAD", "--format",
		       "markdown", NULL);
	assert_int_equal(run->status, 0);
	assert_non_null(strstr(run->out, "| 変更なし | 文書の変更 |\n"));
	assert_non_null(
		strstr(run->out, "| 0 | 0 | 0 | 0 | 0 | 0 | 6 | 1 |\n"));
	test_run_free(run);
	run = test_cli("-C", r->dir, "changelog", "2023-04..HEAD", "--format",
		       "json", NULL);
	root = json_loads(run->out, 0, NULL);
	assert_non_null(root);
	sum = json_object_get(root, "summary");
	assert_int_equal(json_integer_value(json_object_get(sum, "unchanged")),
			 6);
	assert_int_equal(json_integer_value(json_object_get(sum, "modified")),
			 0);
	assert_int_equal(json_integer_value(json_object_get(sum, "replaced")),
			 0);
	assert_int_equal(
		json_integer_value(json_object_get(root, "sheet_changes")), 1);
	json_decref(root);
	test_run_free(run);
	free(next);
	free(text);
	free(path);
}

/* Replace the first `from` in the working sheet.json by `to`. */
static void sheet_edit(test_repo *r, const char *from, const char *to)
{
	char *path = test_repo_path(r, "checklist/sheet.json");
	char *text = test_read_file(path, NULL), *at, *next;
	assert_non_null(text);
	at = strstr(text, from);
	assert_non_null(at);
	next = test_fmt("%.*s%s%s", (int)(at - text), text, to,
			at + strlen(from));
	test_repo_write(r, "checklist/sheet.json", next);
	free(next);
	free(text);
	free(path);
}

/* Issue 12: a notation-only change of the document's text (full-width
 * digits in the as-of note, a compatibility ideograph in a section title)
 * shows its code points in the 新旧対照表's 備考, as an item's does. */
static void test_cmd_changelog__shinkyu_document_notation_points(void **state)
{
	test_repo *r = *state;
	static const char *const want[] = {
		"(表記のみ) 2023 U+0032 U+0030 U+0032 U+0033 → ２０２３ "
		"U+FF12 U+FF10 U+FF12 U+FF13",
		"(表記のみ) 用 U+7528 → \xe2\xbd\xa4 U+2F64",
	};
	static const char *const formats[] = {"shinkyu-markdown",
					      "shinkyu-html"};
	size_t i, k;
	sheet_edit(r, "2023年4月", "２０２３年4月");
	sheet_edit(r, "\"title\": \"利用者の責任範囲\"",
		   "\"title\": \"利\xe2\xbd\xa4者の責任範囲\"");
	test_repo_commit(r, "notation-only document edits");
	for (k = 0; k < 2; k++) {
		test_run *run =
			test_cli("-C", r->dir, "changelog", "2023-04..HEAD",
				 "--format", formats[k], NULL);
		assert_int_equal(run->status, 0);
		for (i = 0; i < 2; i++)
			assert_non_null(strstr(run->out, want[i]));
		test_run_free(run);
	}
}

static void test_cmd_changelog__markdown_reads_as_release_notes(void **state)
{
	test_run *run = changelog(*state, "markdown", "ja");
	const char *out = run->out, *s1, *s2, *notation;
	assert_non_null(strstr(out, "改訂内容: 2022-09 → 2023-04\n"));
	assert_non_null(strstr(out, "- 旧版: 2022-09 ("));
	assert_non_null(strstr(out, ", 2022-09-30)\n"));
	assert_non_null(strstr(out, ", 2023-04-28)\n"));
	/* Every item count, 差し替え 0 included, then the document's
	 * changes counted apart from the items. */
	assert_non_null(strstr(out,
			       "| 追加 | 削除 | 変更 | 番号変更 | 差し替え "
			       "| 表記のみ | 変更なし | 文書の変更 |\n"));
	assert_non_null(strstr(out, "| 2 | 1 | 1 | 2 | 0 | 1 | 0 | 4 |\n"));
	/* The number change reads as one changed number. */
	assert_non_null(strstr(
		out,
		"- **1-1**: 障害に関しては、~~60~~**30**分以内での通知を目標としています。\n"));
	/* The added item in full, the renumbering listed old -> new (a
	 * single shift is not a run: see a_run_of_renumberings_is_one_line),
	 * the removed item by its question. */
	assert_non_null(strstr(
		out,
		"##### 1-2\n\n- 項目: 暗号化\n- 評価内容: 保存データは暗号化されていますか。\n"));
	assert_non_null(strstr(out, "- 1-2 → 1-3\n"));
	assert_null(strstr(out, "…"));
	assert_non_null(strstr(
		out, "- **2-1** 基盤の機密性について教えてください。\n"));
	/* Sections in document order, notation-only last and collapsed. */
	s1 = strstr(out, "### 1. サービス管理");
	s2 = strstr(out, "### 2. サービスの構成");
	/* Its count says what it counts: fields, and the items they are in. */
	notation = strstr(
		out,
		"<details>\n<summary>表記のみの変更 (欄: 1, 項目: 1)</summary>");
	assert_non_null(s1);
	assert_true(s1 < s2 && s2 < strstr(out, "### 3. 利用者の責任範囲") &&
		    strstr(out, "### 3. 利用者の責任範囲") < notation);
	assert_non_null(strstr(notation, "利~~⽤~~**用**します"));
	/* 表記のみ is explained once, above its list. */
	assert_non_null(strstr(out, "## 表記のみの変更\n\n表記のみ：互換漢字"));
	assert_null(strstr(strstr(out, "表記のみ：") + 1, "表記のみ："));
	test_run_free(run);
}

static void
test_cmd_changelog__substantive_drops_the_notation_list(void **state)
{
	test_run *run = test_cli("-C", ((test_repo *)*state)->dir, "changelog",
				 "2022-09..2023-04", "--substantive", NULL);
	assert_int_equal(run->status, 0);
	assert_null(strstr(run->out, "表記のみの変更 ("));
	assert_non_null(strstr(run->out, "~~60~~**30**"));
	test_run_free(run);
}

static void test_cmd_changelog__html_is_self_contained_with_chart(void **state)
{
	test_run *run = changelog(*state, "html", "ja");
	const char *out = run->out;
	assert_true(strncmp(out, "<!DOCTYPE html>", 15) == 0);
	assert_null(strstr(out, "<link"));
	assert_null(strstr(out, "<script"));
	assert_null(strstr(out, "src=\""));
	assert_non_null(strstr(out, "<svg class=\"chart\""));
	assert_non_null(strstr(out, "<del>60</del><ins>30</ins>"));
	assert_non_null(strstr(out, "<details>"));
	assert_non_null(strstr(out, "@media print"));
	test_run_free(run);
}

static void test_cmd_changelog__shinkyu_rows_and_notes(void **state)
{
	test_run *run = changelog(*state, "shinkyu", "ja");
	const char *out = run->out;
	assert_non_null(
		strstr(out, "<th>改正後</th><th>改正前</th><th>備考</th>"));
	/* The changed wording underlined in both columns. */
	assert_non_null(strstr(
		out,
		"<b>1-1</b><br>項目：<u>障害</u>監視<br>回答内容：障害に関しては、<u>30</u>分以内"));
	assert_non_null(strstr(
		out,
		"<b>1-1</b><br>項目：監視<br>回答内容：障害に関しては、<u>60</u>分以内"));
	assert_non_null(strstr(out, "<td>(変更)</td>"));
	assert_non_null(strstr(out, "<td>(新設)</td>"));
	assert_non_null(strstr(out, "<td>(削除)</td>"));
	assert_non_null(strstr(out, "<td>(移動：旧1-2)</td>"));
	assert_non_null(strstr(out, "<td>(移動：旧3-1)(変更)</td>"));
	/* A notation-only change names its characters. */
	assert_non_null(
		strstr(out, "<td>(表記のみ) ⽤ U+2F64 → 用 U+7528</td>"));
	test_run_free(run);
}

/* Every item of the fixture changes in 2023-04, so unchanged items are
 * looked for in a draft after it that edits 1-1 only. */
static void test_cmd_changelog__shinkyu_omits_unchanged_items(void **state)
{
	test_repo *r = *state;
	test_run *run;
	test_repo_write(
		r, "checklist/items/1-1.json",
		"{\n  \"id\": \"1-1\",\n  \"section\": \"1\",\n  \"scope\": \"provider\",\n"
		"  \"category\": \"障害監視\",\n"
		"  \"question\": \"障害が検出されてから通知するまでのリードタイムはどのくらいですか。\",\n"
		"  \"answer\": \"障害に関しては、15分以内での通知を目標としています。\"\n}\n");
	test_repo_commit(r, "draft: 1-1");
	run = test_cli("-C", r->dir, "changelog", "2023-04..HEAD", "--format",
		       "shinkyu", NULL);
	assert_int_equal(run->status, 0);
	assert_non_null(strstr(
		run->out,
		"<b>1-1</b><br>回答内容：障害に関しては、<u>15</u>分以内"));
	assert_non_null(strstr(run->out, "<td>(変更)</td>"));
	assert_null(strstr(run->out, "<b>1-2</b>"));
	assert_null(strstr(run->out, "<b>1-10</b>"));
	assert_null(strstr(run->out, "<b>3-2</b>"));
	assert_null(strstr(run->out, "(新設)"));
	test_run_free(run);
}

/* Copy item FROM to TO, changing only its id. */
static void shift_item(test_repo *r, const char *from, const char *to)
{
	char *rel = test_fmt("checklist/items/%s.json", from);
	char *path = test_repo_path(r, rel);
	char *text = test_read_file(path, NULL), *at, *next;
	char *old_id = test_fmt("\"id\": \"%s\"", from);
	char *new_id = test_fmt("\"id\": \"%s\"", to);
	char *dest = test_fmt("checklist/items/%s.json", to);
	assert_non_null(text);
	at = strstr(text, old_id);
	assert_non_null(at);
	*at = '\0';
	next = test_fmt("%s%s%s", text, new_id, at + strlen(old_id));
	test_repo_write(r, dest, next);
	free(dest);
	free(next);
	free(new_id);
	free(old_id);
	free(text);
	free(path);
	free(rel);
}

/* An insertion at the top of section 1 after 2023-04 shifts 1-1..1-3
 * (the fixture's one renumbering per section is too short for a run):
 * three consecutive shifts are one line, while 2023-04's single shift
 * stays one pair. */
static void test_cmd_changelog__a_run_of_renumberings_is_one_line(void **state)
{
	test_repo *r = *state;
	test_run *run;
	shift_item(r, "1-3", "1-4");
	shift_item(r, "1-2", "1-3");
	shift_item(r, "1-1", "1-2");
	test_repo_write(
		r, "checklist/items/1-1.json",
		"{\n  \"id\": \"1-1\",\n  \"section\": \"1\",\n  \"scope\": \"provider\",\n"
		"  \"category\": \"体制\",\n  \"question\": \"セキュリティ責任者を置いていますか。\",\n"
		"  \"answer\": \"情報セキュリティ責任者を任命しています。\"\n}\n");
	test_repo_commit(r, "1-1: a new first question");
	run = test_cli("-C", r->dir, "changelog", "2023-04..HEAD", NULL);
	assert_int_equal(run->status, 0);
	assert_non_null(strstr(run->out, "- 1-1…1-3 → 1-2…1-4 (3)\n"));
	assert_null(strstr(run->out, "- 1-1 → 1-2\n"));
	assert_non_null(strstr(run->out, "##### 1-1\n\n- 項目: 体制\n"));
	test_run_free(run);
	run = test_cli("-C", r->dir, "changelog", "2022-09..HEAD", NULL);
	assert_int_equal(run->status, 0);
	/* Against 2022-09 the old 1-1 and 1-2 moved by one and two: no run.
	 */
	assert_null(strstr(run->out, "…"));
	test_run_free(run);
}

static void test_cmd_changelog__english_labels(void **state)
{
	test_run *run = changelog(*state, "markdown", "en");
	assert_non_null(strstr(run->out, "Release notes: 2022-09 → 2023-04"));
	assert_non_null(strstr(run->out, "#### Changed answers"));
	assert_non_null(
		strstr(run->out, "- **1-1**: 障害に関しては、~~60~~**30**"));
	test_run_free(run);
}

static void test_cmd_changelog__sheet_text_is_escaped(void **state)
{
	test_repo *r = *state;
	test_run *run;
	test_repo_write(
		r, "checklist/items/1-1.json",
		"{\n  \"id\": \"1-1\",\n  \"section\": \"1\",\n  \"scope\": \"provider\",\n"
		"  \"question\": \"<script>alert(1)</script>か。\",\n  \"answer\": \"a | b\"\n}\n");
	run = test_cli("-C", r->dir, "changelog", "2023-04", "--format", "html",
		       NULL);
	assert_int_equal(run->status, 0);
	assert_null(strstr(run->out, "<script>"));
	assert_non_null(
		strstr(run->out, "&lt;script&gt;alert(1)&lt;/script&gt;"));
	test_run_free(run);
	run = test_cli("-C", r->dir, "changelog", "2023-04", "--format",
		       "shinkyu-markdown", NULL);
	assert_null(strstr(run->out, "<script>"));
	assert_non_null(strstr(run->out, "a \\| b"));
	test_run_free(run);
}

/* Item files in a checklist/items/ directory. */
static int count_items(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int n = 0;
	assert_non_null(d);
	while ((de = readdir(d)) != NULL) {
		size_t len = strlen(de->d_name);
		n += len > 5 && !strcmp(de->d_name + len - 5, ".json");
	}
	closedir(d);
	return n;
}

static json_int_t summary_of(json_t *summary, const char *key)
{
	json_t *v = json_object_get(summary, key);
	if (!json_is_integer(v))
		fail_msg("summary has no count \"%s\"", key);
	return json_integer_value(v);
}

/*
 * The one test on the live sheet: scripts/run.sh's main job on the real
 * 161-item checklist/ and its illustrative 2023-04 edition
 * (scripts/demo/), end to end. It stays on the live sheet because its
 * point is that the embedded sheet works; so that editing a text of
 * checklist/ never breaks it, it checks no text, only that every step
 * succeeds silently and that the summary accounts for every item file of
 * both editions (counted here, not written down).
 */
static void test_cmd_changelog__live_demo_runs_end_to_end(void **state)
{
	static const char *const formats[] = {"markdown", "html", "shinkyu",
					      "shinkyu-markdown"};
	test_repo *r = test_repo_new();
	char *items = test_repo_path(r, "checklist/items"), *xlsx;
	int old_n = count_items(SL_SOURCE_DIR "/checklist/items"), new_n;
	json_t *root, *sum;
	test_run *run;
	size_t i;
	(void)state;
	test_repo_build_demo(r);
	new_n = count_items(items);
	run = changelog(r, "json", "ja");
	assert_int_equal(run->status, 0);
	assert_int_equal(run->err_len, 0);
	root = json_loads(run->out, 0, NULL);
	assert_non_null(root);
	sum = json_object_get(root, "summary");
	{
		json_int_t kept = summary_of(sum, "modified") +
				  summary_of(sum, "renumbered") +
				  summary_of(sum, "notation_only") +
				  summary_of(sum, "replaced") +
				  summary_of(sum, "unchanged");
		assert_int_equal(kept + summary_of(sum, "removed"), old_n);
		assert_int_equal(kept + summary_of(sum, "added"), new_n);
		/* The overlay adds, removes and shifts item files; which
		 * texts it edits depends on checklist/, so modified and
		 * notation-only counts are not pinned. */
		assert_true(summary_of(sum, "added") > 0);
		assert_true(summary_of(sum, "removed") > 0);
		assert_true(summary_of(sum, "renumbered") > 0);
	}
	json_decref(root);
	test_run_free(run);
	for (i = 0; i < sizeof(formats) / sizeof(formats[0]); i++) {
		run = changelog(r, formats[i], "ja");
		assert_int_equal(run->status, 0);
		assert_int_equal(run->err_len, 0);
		assert_true(run->out_len > 0);
		test_run_free(run);
	}
	run = test_cli("-C", r->dir, "audit", "2022-09..2023-04", "--bom",
		       NULL);
	assert_int_equal(run->status, 0);
	assert_int_equal(run->err_len, 0);
	test_run_free(run);
	run = test_cli("-C", r->dir, "review", "--base", "2022-09", "--format",
		       "html", NULL);
	assert_int_equal(run->status, 0);
	assert_int_equal(run->err_len, 0);
	test_run_free(run);
	xlsx = test_repo_path(r, "sheet.xlsx");
	run = test_cli("-C", r->dir, "export", "--format", "xlsx",
		       "--changes-since", "2022-09", "-o", xlsx, NULL);
	assert_int_equal(run->status, 0);
	assert_int_equal(run->err_len, 0);
	test_run_free(run);
	run = test_cli("-C", r->dir, "editions", NULL);
	assert_int_equal(run->status, 0);
	assert_true(strncmp(run->out, "2022-09  ", 9) == 0);
	assert_non_null(strstr(run->out, "\n2023-04  "));
	test_run_free(run);
	free(xlsx);
	free(items);
	test_repo_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
			test_cmd_changelog__markdown_golden, setup_fixture_demo,
			teardown_repo),
		cmocka_unit_test_setup_teardown(
			test_cmd_changelog__markdown_english_golden,
			setup_fixture_demo, teardown_repo),
		cmocka_unit_test_setup_teardown(test_cmd_changelog__html_golden,
						setup_fixture_demo,
						teardown_repo),
		cmocka_unit_test_setup_teardown(test_cmd_changelog__json_golden,
						setup_fixture_demo,
						teardown_repo),
		cmocka_unit_test_setup_teardown(
			test_cmd_changelog__shinkyu_html_golden,
			setup_fixture_demo, teardown_repo),
		cmocka_unit_test_setup_teardown(
			test_cmd_changelog__shinkyu_markdown_golden,
			setup_fixture_demo, teardown_repo),
		cmocka_unit_test_setup_teardown(
			test_cmd_changelog__markdown_reads_as_release_notes,
			setup_fixture_demo, teardown_repo),
		cmocka_unit_test_setup_teardown(
			test_cmd_changelog__substantive_drops_the_notation_list,
			setup_fixture_demo, teardown_repo),
		cmocka_unit_test_setup_teardown(
			test_cmd_changelog__html_is_self_contained_with_chart,
			setup_fixture_demo, teardown_repo),
		cmocka_unit_test_setup_teardown(
			test_cmd_changelog__shinkyu_rows_and_notes,
			setup_fixture_demo, teardown_repo),
		cmocka_unit_test_setup_teardown(
			test_cmd_changelog__english_labels, setup_fixture_demo,
			teardown_repo),
		cmocka_unit_test_setup_teardown(
			test_cmd_changelog__sheet_text_is_escaped,
			setup_fixture_demo, teardown_repo),
		cmocka_unit_test_setup_teardown(
			test_cmd_changelog__shinkyu_omits_unchanged_items,
			setup_fixture_demo, teardown_repo),
		cmocka_unit_test_setup_teardown(
			test_cmd_changelog__a_run_of_renumberings_is_one_line,
			setup_fixture_demo, teardown_repo),
		cmocka_unit_test_setup_teardown(
			test_cmd_changelog__summary_counts_document_changes_apart,
			setup_fixture_demo, teardown_repo),
		cmocka_unit_test_setup_teardown(
			test_cmd_changelog__shinkyu_document_notation_points,
			setup_fixture_demo, teardown_repo),
		cmocka_unit_test(test_cmd_changelog__live_demo_runs_end_to_end),
	};
	return cmocka_run_group_tests_name("cmd_changelog", tests,
					   test_global_setup,
					   test_global_teardown);
}
