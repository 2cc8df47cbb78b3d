/*
 * test_cmd_import.c: `sheetlog import --from seed`: the published 2022-09
 * text reproduces checklist/ byte for byte; re-imports touch nothing;
 * stale files are kept and listed, or pruned on request; bad input is one
 * line with its location and writes nothing.
 */
#define _XOPEN_SOURCE 700
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "test_cli.h"
#include "test_repo.h"
#include "test_tmp.h"

#define SEED SL_SOURCE_DIR "/checklist/published/2022-09.txt"
#define PUBLISHER "富士通株式会社"
#define SOURCE_URL "https://pfs.nifcloud.com/security/checksheet.htm"

static int count_json(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int n = 0;
	assert_non_null(d);
	while ((de = readdir(d)) != NULL) {
		size_t l = strlen(de->d_name);
		n += l > 5 && !strcmp(de->d_name + l - 5, ".json");
	}
	closedir(d);
	return n;
}

static void assert_same_file(const char *a, const char *b)
{
	size_t la, lb;
	char *x = test_read_file(a, &la), *y = test_read_file(b, &lb);
	if (!x || !y || la != lb || memcmp(x, y, la))
		fail_msg("%s differs from %s", a, b);
	free(x);
	free(y);
}

static test_run *import_into(const char *dir, const char *extra)
{
	return test_cli("import", "--from", "seed", SEED, "--into", dir,
			"--publisher", PUBLISHER, "--source-url", SOURCE_URL,
			extra, NULL);
}

static void
test_cmd_import__seed_reproduces_checklist_byte_for_byte(void **state)
{
	char *tmp = test_tmp_dir(), *dir = test_fmt("%s/checklist", tmp);
	char *items = test_fmt("%s/items", dir);
	test_run *run = import_into(dir, NULL);
	DIR *d;
	struct dirent *de;
	(void)state;
	assert_int_equal(run->status, 0);
	assert_non_null(strstr(run->out, "imported 161 items into"));
	assert_non_null(strstr(run->out, ": 162 files written, 0 unchanged\n"));
	assert_int_equal(count_json(items), 161);
	assert_int_equal(count_json(SL_SOURCE_DIR "/checklist/items"), 161);
	{
		char *a = test_fmt("%s/sheet.json", dir);
		assert_same_file(a, SL_SOURCE_DIR "/checklist/sheet.json");
		free(a);
	}
	d = opendir(SL_SOURCE_DIR "/checklist/items");
	while ((de = readdir(d)) != NULL) {
		char *a, *b;
		if (de->d_name[0] == '.')
			continue;
		a = test_fmt("%s/%s", items, de->d_name);
		b = test_fmt("%s/checklist/items/%s", SL_SOURCE_DIR,
			     de->d_name);
		assert_same_file(a, b);
		free(a);
		free(b);
	}
	closedir(d);
	test_run_free(run);
	/* A second import writes nothing. */
	run = import_into(dir, NULL);
	assert_int_equal(run->status, 0);
	assert_non_null(strstr(run->out, ": 0 files written, 162 unchanged\n"));
	test_run_free(run);
	test_tmp_rm(tmp);
	free(tmp);
	free(dir);
	free(items);
}

static void test_cmd_import__stale_items_are_kept_unless_pruned(void **state)
{
	char *tmp = test_tmp_dir(), *dir = test_fmt("%s/checklist", tmp);
	char *stale = test_fmt("%s/items/9-9.json", dir);
	test_run *run = import_into(dir, NULL);
	(void)state;
	test_run_free(run);
	test_write_str(stale, "{}\n");
	run = import_into(dir, NULL);
	assert_int_equal(run->status, 0);
	assert_non_null(strstr(run->err, "warning: "));
	assert_non_null(strstr(
		run->err,
		"/items/9-9.json is not in the import (kept; --prune removes it)\n"));
	assert_int_equal(access(stale, F_OK), 0);
	test_run_free(run);
	run = import_into(dir, "--prune");
	assert_int_equal(run->status, 0);
	assert_non_null(strstr(run->out, ", 1 removed\n"));
	assert_int_equal(access(stale, F_OK), -1);
	test_run_free(run);
	test_tmp_rm(tmp);
	free(tmp);
	free(dir);
	free(stale);
}

static void
test_cmd_import__default_target_is_the_repository_checklist(void **state)
{
	test_repo *r = test_repo_new();
	char *sheet = test_repo_path(r, "checklist/sheet.json");
	test_run *run =
		test_cli("-C", r->dir, "import", "--from", "seed", SEED, NULL);
	char *data;
	(void)state;
	assert_int_equal(run->status, 0);
	data = test_read_file(sheet, NULL);
	assert_non_null(data);
	assert_non_null(strstr(data, "\"as_of\": \"2022-09\""));
	/* Without --publisher the key is simply absent. */
	assert_null(strstr(data, "\"publisher\""));
	free(data);
	test_run_free(run);
	run = test_cli("-C", r->dir, "lint", "--quiet", NULL);
	assert_int_equal(run->status, 0);
	test_run_free(run);
	free(sheet);
	test_repo_free(r);
}

static void
test_cmd_import__bad_seed_names_file_and_line_and_writes_nothing(void **state)
{
	char *tmp = test_tmp_dir();
	char *seed = test_fmt("%s/seed.txt", tmp),
	     *dir = test_fmt("%s/out", tmp);
	char *expect;
	test_run *run;
	(void)state;
	test_write_str(seed, "題名\n\n紹介文。\n※ 2023年4月時点の内容です。\n\n"
			     "1.管理\nNo 項目 評価内容 回答内容\n"
			     "1-1 分類 これは質問ではない 回答\n");
	run = test_cli("import", "--from", "seed", seed, "--into", dir, NULL);
	assert_int_equal(run->status, 2);
	expect = test_fmt(
		"sheetlog: cannot tell where the question of item 1-1 ends "
		"(no \"…か。\" or \"…ください。\" before a space): %s:8:5 (item 1-1)\n",
		seed);
	assert_string_equal(run->err, expect);
	assert_int_equal(access(dir, F_OK), -1);
	test_run_free(run);
	free(expect);
	test_tmp_rm(tmp);
	free(tmp);
	free(seed);
	free(dir);
}

static void test_cmd_import__missing_file_and_missing_kind_exit_2(void **state)
{
	test_run *run =
		test_cli("import", "--from", "seed", "/nonexistent/seed.txt",
			 "--into", "/tmp/x", NULL);
	(void)state;
	assert_int_equal(run->status, 2);
	assert_string_equal(run->err,
			    "sheetlog: no such file '/nonexistent/seed.txt'\n");
	test_run_free(run);
	run = test_cli("import", SEED, NULL);
	assert_int_equal(run->status, 2);
	assert_string_equal(
		run->err, "sheetlog: import needs --from seed or --from csv\n");
	test_run_free(run);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
			test_cmd_import__seed_reproduces_checklist_byte_for_byte),
		cmocka_unit_test(
			test_cmd_import__stale_items_are_kept_unless_pruned),
		cmocka_unit_test(
			test_cmd_import__default_target_is_the_repository_checklist),
		cmocka_unit_test(
			test_cmd_import__bad_seed_names_file_and_line_and_writes_nothing),
		cmocka_unit_test(
			test_cmd_import__missing_file_and_missing_kind_exit_2),
	};
	return cmocka_run_group_tests_name(
		"cmd_import", tests, test_global_setup, test_global_teardown);
}
