/*
 * test_cmd_log.c: sheetlog log on the document around the items: a
 * commit that changed only sheet.json's text is listed and counts its
 * document changes in text, JSON and CSV.
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

#include "cli.h"
#include "test_cli.h"
#include "test_repo.h"
#include "test_tmp.h"

static const char *jstr(json_t *obj, const char *key)
{
	json_t *v = json_object_get(obj, key);
	if (!v)
		fail_msg("missing key \"%s\"", key);
	return json_string_value(v);
}

/* A commit that changed only sheet.json's text (not an edition) is in the
 * log, and counts its document changes rather than "+0 -0 ~0" alone. */
static void test_cmd_log__counts_sheet_json_changes(void **state)
{
	test_repo *r = test_repo_new();
	char *path, *sheet, *at, *next;
	const char *key = "\"introduction\": \"";
	char reword[41];
	test_run *run;
	json_t *root;
	(void)state;
	test_repo_copy_fixture(r);
	test_repo_commit(r, "baseline");
	path = test_repo_path(r, "checklist/sheet.json");
	sheet = test_read_file(path, NULL);
	at = strstr(sheet, key);
	assert_non_null(at);
	at += strlen(key);
	next = test_fmt("%.*s改訂：%s", (int)(at - sheet), sheet, at);
	test_write_str(path, next);
	strcpy(reword, test_repo_commit(r, "reword the introduction"));
	run = test_cli("-C", r->dir, "log", NULL);
	assert_int_equal(run->status, 0);
	assert_non_null(strstr(
		run->out, "    reword the introduction\n"
			  "    +0 -0 ~0 >0 !0 (表記のみ 0) 文書の変更 1\n"));
	test_run_free(run);
	run = test_cli("-C", r->dir, "log", "--format", "json", NULL);
	root = json_loads(run->out, 0, NULL);
	assert_non_null(root);
	assert_string_equal(jstr(json_array_get(root, 0), "commit"), reword);
	assert_int_equal(json_integer_value(json_object_get(
				 json_array_get(root, 0), "sheet_changes")),
			 1);
	json_decref(root);
	test_run_free(run);
	run = test_cli("-C", r->dir, "log", "--format", "csv", NULL);
	assert_non_null(
		strstr(run->out, ",unpublished,replaced,sheet_changes\r\n"));
	/* No items, not published: the document's one change. */
	assert_non_null(
		strstr(run->out, ",reword the introduction,0,0,0,0,0,,"));
	assert_non_null(strstr(run->out, ",true,0,1\r\n"));
	test_run_free(run);
	free(next);
	free(sheet);
	free(path);
	test_repo_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cmd_log__counts_sheet_json_changes),
	};
	return cmocka_run_group_tests_name("cmd_log", tests, test_global_setup,
					   test_global_teardown);
}
