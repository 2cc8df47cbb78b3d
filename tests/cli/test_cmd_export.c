/*
 * test_cmd_export.c: `sheetlog export` on the fixture sheet
 * (tests/fixtures/sheet/: two scopes, three sections, a list, compat
 * ideographs, an extra field, characters every format must escape): every
 * format against its golden file, revision selection, -o atomic output, the CSV
 * byte order mark, and escaping of hostile sheet text.
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

static int setup_repo(void **state)
{
	test_repo *r = test_repo_new();
	test_repo_copy_fixture(r);
	test_repo_commit(r, "baseline 2022-09");
	*state = r;
	return 0;
}

static int teardown_repo(void **state)
{
	test_repo_free(*state);
	return 0;
}

static void export_golden(test_repo *r, const char *format, const char *golden)
{
	test_run *run =
		test_cli("-C", r->dir, "export", "--format", format, NULL);
	assert_int_equal(run->status, 0);
	assert_int_equal(run->err_len, 0);
	test_golden(golden, run->out, run->out_len);
	test_run_free(run);
}

static void test_cmd_export__markdown_matches_golden(void **state)
{
	export_golden(*state, "markdown", "export/fixture.md");
}

static void test_cmd_export__csv_matches_golden(void **state)
{
	export_golden(*state, "csv", "export/fixture.csv");
}

static void test_cmd_export__json_matches_golden(void **state)
{
	export_golden(*state, "json", "export/fixture.json");
}

static void test_cmd_export__html_matches_golden(void **state)
{
	export_golden(*state, "html", "export/fixture.html");
}

static void
test_cmd_export__markdown_is_the_default_and_groups_by_scope(void **state)
{
	test_repo *r = *state;
	test_run *run = test_cli("-C", r->dir, "export", NULL);
	const char *provider, *s1, *s2, *customer, *s3, *i2, *i10;
	assert_int_equal(run->status, 0);
	provider = strstr(run->out, "## クラウド事業者の責任範囲\n");
	s1 = strstr(run->out, "### 1. サービス管理\n");
	s2 = strstr(run->out, "### 2. サービス構成\n");
	customer = strstr(run->out, "## クラウド利用者の責任範囲\n");
	s3 = strstr(run->out, "### 3. 利用者の責任範囲\n");
	assert_non_null(provider);
	assert_non_null(s1);
	assert_non_null(s2);
	assert_non_null(customer);
	assert_non_null(s3);
	assert_true(provider < s1 && s1 < s2 && s2 < customer && customer < s3);
	/* Items in natural id order: 1-2 before 1-10. */
	i2 = strstr(run->out, "| 1-2 |");
	i10 = strstr(run->out, "| 1-10 |");
	assert_non_null(i2);
	assert_non_null(i10);
	assert_true(s1 < i2 && i2 < i10 && i10 < s2);
	/* The introduction, the as-of note and the disclaimer are there. */
	assert_non_null(
		strstr(run->out, "テスト用の小さなチェックシートです。"));
	assert_non_null(strstr(run->out, "2022年9月時点"));
	assert_non_null(strstr(run->out, "## 免責事項"));
	test_run_free(run);
}

static void
test_cmd_export__at_revision_reads_the_commit_not_the_worktree(void **state)
{
	test_repo *r = *state;
	test_run *run;
	test_repo_write(
		r, "checklist/items/1-1.json",
		"{\n  \"id\": \"1-1\",\n  \"section\": \"1\",\n  \"question\": \"q\",\n  \"answer\": \"30分以内\"\n}\n");
	run = test_cli("-C", r->dir, "export", "--format", "csv", NULL);
	assert_non_null(strstr(run->out, "30分以内"));
	test_run_free(run);
	run = test_cli("-C", r->dir, "export", "--format", "csv", "--at",
		       "HEAD", NULL);
	assert_int_equal(run->status, 0);
	assert_null(strstr(run->out, "30分以内"));
	assert_non_null(strstr(run->out, "60分以内"));
	test_run_free(run);
	run = test_cli("-C", r->dir, "export", "--format", "json", "--at",
		       "HEAD", NULL);
	assert_non_null(strstr(run->out, "\"rev\": \"HEAD\""));
	assert_non_null(strstr(run->out, "\"commit\": \""));
	test_run_free(run);
}

static void test_cmd_export__output_file_is_written_whole(void **state)
{
	test_repo *r = *state;
	char *path = test_repo_path(r, "out/sheet.html");
	char *dir = test_repo_path(r, "out");
	char *data;
	test_run *run;
	test_write_str(path, "old");
	run = test_cli("-C", r->dir, "export", "--format", "html", "-o", path,
		       NULL);
	assert_int_equal(run->status, 0);
	assert_int_equal(run->out_len, 0);
	data = test_read_file(path, NULL);
	assert_true(strncmp(data, "<!DOCTYPE html>", 15) == 0);
	assert_non_null(strstr(data, "</html>\n"));
	free(data);
	test_run_free(run);
	free(path);
	free(dir);
}

static void test_cmd_export__csv_bom_only_when_asked(void **state)
{
	/* Headed as the sheet's own table (sheet.json columns) by default,
	 * --lang ja; by field name with --lang en. */
	static const char ja[] = "No,セクション,責任範囲,項目,評価内容,"
				 "回答内容,reviewer\r\n",
			  en[] = "id,section,scope,category,question,answer,"
				 "reviewer\r\n";
	test_repo *r = *state;
	test_run *run = test_cli("-C", r->dir, "export", "--format", "csv",
				 "--bom", NULL);
	assert_memory_equal(run->out, "\xEF\xBB\xBF", 3);
	assert_memory_equal(run->out + 3, ja, sizeof(ja) - 1);
	test_run_free(run);
	run = test_cli("-C", r->dir, "export", "--format", "csv", NULL);
	assert_memory_equal(run->out, ja, sizeof(ja) - 1);
	/* The scope cell shows the scope's title. */
	assert_non_null(
		strstr(run->out, "\r\n1-1,1,クラウド事業者の責任範囲,"));
	test_run_free(run);
	run = test_cli("-C", r->dir, "export", "--format", "csv", "--lang",
		       "en", NULL);
	assert_memory_equal(run->out, en, sizeof(en) - 1);
	test_run_free(run);
}

static void test_cmd_export__hostile_text_is_inert_in_every_format(void **state)
{
	test_repo *r = *state;
	test_run *run;
	test_repo_write(
		r, "checklist/items/1-1.json",
		"{\n  \"id\": \"1-1\",\n  \"section\": \"1\",\n  \"question\": \"<script>alert(1)</script> | a\",\n"
		"  \"answer\": \"=HYPERLINK(\\\"http://x\\\")\"\n}\n");
	run = test_cli("-C", r->dir, "export", "--format", "html", NULL);
	assert_null(strstr(run->out, "<script>"));
	assert_non_null(
		strstr(run->out, "&lt;script&gt;alert(1)&lt;/script&gt;"));
	test_run_free(run);
	run = test_cli("-C", r->dir, "export", "--format", "markdown", NULL);
	assert_null(strstr(run->out, "<script>"));
	assert_non_null(
		strstr(run->out, "\\<script\\>alert(1)\\</script\\> \\| a"));
	test_run_free(run);
	run = test_cli("-C", r->dir, "export", "--format", "csv", NULL);
	assert_non_null(
		strstr(run->out, ",\"'=HYPERLINK(\"\"http://x\"\")\",\r\n"));
	test_run_free(run);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
			test_cmd_export__markdown_matches_golden, setup_repo,
			teardown_repo),
		cmocka_unit_test_setup_teardown(
			test_cmd_export__csv_matches_golden, setup_repo,
			teardown_repo),
		cmocka_unit_test_setup_teardown(
			test_cmd_export__json_matches_golden, setup_repo,
			teardown_repo),
		cmocka_unit_test_setup_teardown(
			test_cmd_export__html_matches_golden, setup_repo,
			teardown_repo),
		cmocka_unit_test_setup_teardown(
			test_cmd_export__markdown_is_the_default_and_groups_by_scope,
			setup_repo, teardown_repo),
		cmocka_unit_test_setup_teardown(
			test_cmd_export__at_revision_reads_the_commit_not_the_worktree,
			setup_repo, teardown_repo),
		cmocka_unit_test_setup_teardown(
			test_cmd_export__output_file_is_written_whole,
			setup_repo, teardown_repo),
		cmocka_unit_test_setup_teardown(
			test_cmd_export__csv_bom_only_when_asked, setup_repo,
			teardown_repo),
		cmocka_unit_test_setup_teardown(
			test_cmd_export__hostile_text_is_inert_in_every_format,
			setup_repo, teardown_repo),
	};
	return cmocka_run_group_tests_name(
		"cmd_export", tests, test_global_setup, test_global_teardown);
}
