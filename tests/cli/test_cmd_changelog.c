/*
 * test_cmd_changelog.c: release notes and the 新旧対照表 between the
 * 2022-09 baseline and the illustrative 2023-04 edition (scripts/demo),
 * every format against its golden file, plus the properties a reader
 * relies on: counts, sections, inline highlighting, the collapsed
 * notation-only list, Japanese and English labels, escaping.
 */
#define _XOPEN_SOURCE 700
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

static int setup_demo(void **state)
{
	test_repo *r = test_repo_new();
	test_repo_build_demo(r);
	*state = r;
	return 0;
}

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

static void test_cmd_changelog__markdown_reads_as_release_notes(void **state)
{
	test_run *run = changelog(*state, "markdown", "ja");
	const char *out = run->out, *s1, *s2, *notation;
	assert_non_null(strstr(out, "改訂内容: 2022-09 → 2023-04\n"));
	assert_non_null(strstr(out, "- 旧版: 2022-09 ("));
	assert_non_null(strstr(out, ", 2022-09-30)\n"));
	assert_non_null(strstr(out, ", 2023-04-28)\n"));
	assert_non_null(strstr(out, "| 1 | 1 | 5 | 21 | 1 | 2 | 131 |\n"));
	/* The number change reads as one changed number. */
	assert_non_null(strstr(
		out,
		"- **1-61**: ニフクラの障害に関しては、~~60~~**30**分以内での通知を目標としています。\n"));
	/* The added item in full, the renumbering listed old -> new. */
	assert_non_null(strstr(
		out,
		"##### 2-3\n\n- 項目: 機密性\n- 評価内容: ニフクラに保存したデータを暗号化する機能"));
	assert_non_null(strstr(out, "- 2-3…2-20 → 2-4…2-21 (18)\n"));
	assert_non_null(strstr(out, "- 5-6…5-8 → 5-5…5-7 (3)\n"));
	assert_non_null(strstr(out, "- **5-5** ニフクラは遊技機"));
	/* Sections in document order, notation-only last and collapsed. */
	s1 = strstr(out, "### 1. クラウドサービス管理");
	s2 = strstr(out, "### 2. クラウドサービス構成");
	notation =
		strstr(out, "<details>\n<summary>表記のみの変更 (3)</summary>");
	assert_non_null(s1);
	assert_true(s1 < s2 && s2 < notation);
	assert_non_null(strstr(notation, "適切に~~⾏~~**行**っていますか"));
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
		"<b>1-61</b><br>回答内容：ニフクラの障害に関しては、<u>30</u>分以内"));
	assert_non_null(strstr(
		out,
		"<b>1-61</b><br>回答内容：ニフクラの障害に関しては、<u>60</u>分以内"));
	assert_non_null(strstr(out, "<td>(変更)</td>"));
	assert_non_null(strstr(out, "<td>(新設)</td>"));
	assert_non_null(strstr(out, "<td>(削除)</td>"));
	assert_non_null(strstr(out, "<td>(移動：旧2-3)</td>"));
	assert_non_null(strstr(out, "<td>(移動：旧2-12)(変更)</td>"));
	assert_non_null(strstr(out, "<td>(表記のみ)</td>"));
	/* Unchanged items are omitted. */
	assert_null(strstr(out, "<b>1-1</b>"));
	test_run_free(run);
}

static void test_cmd_changelog__english_labels(void **state)
{
	test_run *run = changelog(*state, "markdown", "en");
	assert_non_null(strstr(run->out, "Release notes: 2022-09 → 2023-04"));
	assert_non_null(strstr(run->out, "#### Changed answers"));
	assert_non_null(
		strstr(run->out,
		       "- **1-61**: ニフクラの障害に関しては、~~60~~**30**"));
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
			setup_demo, teardown_repo),
		cmocka_unit_test_setup_teardown(
			test_cmd_changelog__substantive_drops_the_notation_list,
			setup_demo, teardown_repo),
		cmocka_unit_test_setup_teardown(
			test_cmd_changelog__html_is_self_contained_with_chart,
			setup_demo, teardown_repo),
		cmocka_unit_test_setup_teardown(
			test_cmd_changelog__shinkyu_rows_and_notes, setup_demo,
			teardown_repo),
		cmocka_unit_test_setup_teardown(
			test_cmd_changelog__english_labels, setup_demo,
			teardown_repo),
		cmocka_unit_test_setup_teardown(
			test_cmd_changelog__sheet_text_is_escaped, setup_demo,
			teardown_repo),
	};
	return cmocka_run_group_tests_name("cmd_changelog", tests,
					   test_global_setup,
					   test_global_teardown);
}
