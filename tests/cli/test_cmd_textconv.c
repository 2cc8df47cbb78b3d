/*
 * test_cmd_textconv.c: `sheetlog textconv`, git's textconv driver for item
 * files: the labelled rendering (ja and en, canonical order, multi-line
 * text kept), byte-for-byte pass-through of anything that is not an item,
 * and git itself showing the readable form once the driver is configured
 * as docs/git-integration.md says (the git CLI runs here because textconv
 * is git's feature; sheetlog never runs git).
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

#include "test_cli.h"
#include "test_repo.h"
#include "test_sh.h"
#include "test_tmp.h"

/* An item with every kind of field, keys deliberately out of order. */
static const char item_text[] =
	"{\n"
	"  \"answer\": \"一行目です。\\n二行目です。\",\n"
	"  \"id\": \"1-61\",\n"
	"  \"zz_note\": \"補足\",\n"
	"  \"section\": \"1\",\n"
	"  \"question\": \"通知までの時間は?\",\n"
	"  \"scope\": \"provider\",\n"
	"  \"category\": \"監視\",\n"
	"  \"a_tags\": [\"x\", 1]\n"
	"}\n";

/* Run `sheetlog textconv [--lang L] FILE` on data written to a file. */
static test_run *textconv(const char *data, size_t len, const char *lang)
{
	char *dir = test_tmp_dir();
	char *path = test_fmt("%s/blob.json", dir);
	test_run *r;
	test_write_file(path, data, len);
	r = lang ? test_cli("textconv", "--lang", lang, path, NULL)
		 : test_cli("textconv", path, NULL);
	test_tmp_rm(dir);
	free(path);
	free(dir);
	return r;
}

static void test_textconv__item_fields_labelled_in_canonical_order(void **state)
{
	test_run *r = textconv(item_text, strlen(item_text), NULL);
	(void)state;
	assert_int_equal(r->status, 0);
	assert_string_equal(r->err, "");
	/* Short fields one per line; question, answer and the extras (by
	 * name) as blocks; the answer's line break kept as a line break. */
	assert_string_equal(r->out, "No: 1-61\n"
				    "セクション: 1\n"
				    "責任範囲: provider\n"
				    "項目: 監視\n"
				    "\n"
				    "評価内容:\n"
				    "通知までの時間は?\n"
				    "\n"
				    "回答内容:\n"
				    "一行目です。\n"
				    "二行目です。\n"
				    "\n"
				    "a_tags:\n"
				    "[\"x\",1]\n"
				    "\n"
				    "zz_note:\n"
				    "補足\n");
	test_run_free(r);
}

static void test_textconv__english_labels(void **state)
{
	test_run *r = textconv(item_text, strlen(item_text), "en");
	(void)state;
	assert_int_equal(r->status, 0);
	assert_non_null(strstr(r->out, "No: 1-61\nSection: 1\nScope: provider\n"
				       "Category: 監視\n"));
	assert_non_null(strstr(r->out, "\nQuestion:\n通知までの時間は?\n"));
	assert_non_null(strstr(r->out, "\nAnswer:\n一行目です。\n"));
	assert_null(strstr(r->out, "回答内容"));
	test_run_free(r);
}

static void test_textconv__sheet_json_passes_through_byte_for_byte(void **state)
{
	size_t len;
	char *sheet = test_read_file(
		SL_SOURCE_DIR "/tests/fixtures/sheet/sheet.json", &len);
	test_run *r;
	(void)state;
	assert_non_null(sheet);
	r = textconv(sheet, len, NULL);
	assert_int_equal(r->status, 0);
	assert_string_equal(r->err, "");
	assert_int_equal(r->out_len, len);
	assert_memory_equal(r->out, sheet, len);
	test_run_free(r);
	free(sheet);
}

static void test_textconv__broken_files_pass_through_byte_for_byte(void **state)
{
	/* Broken JSON, an item missing a required field, invalid UTF-8
	 * with a NUL byte, and an empty file (git's side of an added file). */
	static const char broken_json[] = "{\"id\": \"1-1\", \"answer\": ";
	static const char no_answer[] =
		"{\"id\": \"1-1\", \"section\": \"1\", \"question\": \"q\"}\n";
	static const char binary[] = "\xff\xfe\x00{\"id\"\x80\n";
	const struct {
		const char *data;
		size_t len;
	} cases[] = {
		{broken_json, sizeof(broken_json) - 1},
		{no_answer, sizeof(no_answer) - 1},
		{binary, sizeof(binary) - 1},
		{"", 0},
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		test_run *r = textconv(cases[i].data, cases[i].len, NULL);
		assert_int_equal(r->status, 0);
		assert_string_equal(r->err, "");
		assert_int_equal(r->out_len, cases[i].len);
		if (cases[i].len)
			assert_memory_equal(r->out, cases[i].data,
					    cases[i].len);
		test_run_free(r);
	}
}

static void test_textconv__missing_file_is_one_line_exit_2(void **state)
{
	test_run *r = test_cli("textconv", "/nonexistent/x.json", NULL);
	(void)state;
	assert_int_equal(r->status, 2);
	assert_int_equal(r->out_len, 0);
	assert_non_null(strstr(r->err, "/nonexistent/x.json"));
	/* One line: the failure and the file. */
	assert_non_null(strstr(r->err, "sheetlog: "));
	assert_ptr_equal(strchr(r->err, '\n'), r->err + r->err_len - 1);
	test_run_free(r);
}

static void test_textconv__git_diff_shows_the_readable_form(void **state)
{
	test_repo *r = test_repo_new();
	char *out;
	(void)state;
	test_repo_copy_fixture(r);
	test_repo_write(r, ".gitattributes",
			"checklist/items/*.json diff=sheetlog\n");
	test_repo_commit(r, "base");
	/* The documented set-up, word for word. */
	assert_int_equal(
		test_git_sh(&out, r->dir, SL_BINARY_DIR,
			    "git config diff.sheetlog.textconv "
			    "\"sheetlog textconv\" && "
			    "git config diff.sheetlog.cachetextconv true"),
		0);
	free(out);
	test_repo_write(
		r, "checklist/items/1-1.json",
		"{\n  \"id\": \"1-1\",\n  \"section\": \"1\",\n"
		"  \"scope\": \"provider\",\n  \"category\": \"監視\",\n"
		"  \"question\": \"障害が検出されてから通知するまでのリードタイムはどのくらいですか。\",\n"
		"  \"answer\": \"障害に関しては、30分以内での通知を目標としています。\\n夜間も同じです。\"\n}\n");

	/* Working tree against the index. */
	assert_int_equal(test_git_sh(&out, r->dir, SL_BINARY_DIR,
				     "git --no-pager diff --no-color"),
			 0);
	assert_non_null(strstr(out, "\n 回答内容:\n"));
	assert_non_null(strstr(
		out,
		"\n-障害に関しては、60分以内での通知を目標としています。\n"));
	assert_non_null(strstr(
		out, "\n+障害に関しては、30分以内での通知を目標としています。\n"
		     "+夜間も同じです。\n"));
	/* The JSON itself never shows: no key, no escaped line break. */
	assert_null(strstr(out, "\"answer\""));
	assert_null(strstr(out, "\\n"));
	free(out);

	/* Between commits (git hands over temporary copies of the blobs),
	 * twice so the second run reads git's textconv cache. */
	test_repo_commit(r, "faster");
	assert_int_equal(test_git_sh(&out, r->dir, SL_BINARY_DIR,
				     "git --no-pager log -p --no-color -1 -- "
				     "checklist/items/1-1.json"),
			 0);
	assert_non_null(strstr(out, "\n+夜間も同じです。\n"));
	assert_null(strstr(out, "\"answer\""));
	free(out);
	assert_int_equal(test_git_sh(&out, r->dir, SL_BINARY_DIR,
				     "git --no-pager log -p --no-color -1 -- "
				     "checklist/items/1-1.json"),
			 0);
	assert_non_null(strstr(out, "\n+夜間も同じです。\n"));
	free(out);
	assert_int_equal(
		test_git_sh(
			&out, r->dir, SL_BINARY_DIR,
			"git show-ref --verify -q refs/notes/textconv/sheetlog"),
		0);
	free(out);
	test_repo_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
			test_textconv__item_fields_labelled_in_canonical_order),
		cmocka_unit_test(test_textconv__english_labels),
		cmocka_unit_test(
			test_textconv__sheet_json_passes_through_byte_for_byte),
		cmocka_unit_test(
			test_textconv__broken_files_pass_through_byte_for_byte),
		cmocka_unit_test(
			test_textconv__missing_file_is_one_line_exit_2),
		cmocka_unit_test(
			test_textconv__git_diff_shows_the_readable_form),
	};
	return cmocka_run_group_tests_name(
		"cmd_textconv", tests, test_global_setup, test_global_teardown);
}
