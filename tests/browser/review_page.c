/*
 * review_page.c: the fixture of the browser test. Builds the fixture's two
 * editions (tests/fixtures/demo/: 2022-09, then 2023-04) with libgit2, adds
 * pending edits of every kind (committed, staged, unstaged, one carrying
 * markup that must stay text, one with a lint warning), and writes
 * `sheetlog review --base 2022-09 --format html` to argv[1].
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
#include "test_tmp.h"

static void edit(test_repo *r, const char *id, const char *from, const char *to)
{
	char *rel = test_fmt("checklist/items/%s.json", id);
	char *path = test_repo_path(r, rel), *text, *at, *next;
	size_t len;
	text = test_read_file(path, &len);
	assert_non_null(text);
	at = strstr(text, from);
	assert_non_null(at);
	*at = '\0';
	next = test_fmt("%s%s%s", text, to, at + strlen(from));
	test_repo_write(r, rel, next);
	free(next);
	free(text);
	free(path);
	free(rel);
}

static const char *page_path;

static void test_review_page__write(void **state)
{
	test_repo *r = test_repo_new();
	test_run *run;
	(void)state;
	test_repo_build_fixture_demo(r);
	edit(r, "1-1", "障害に関しては", "重大な障害に関しては");
	test_repo_commit(r, "draft: 1-1");
	edit(r, "1-2", "すべての保存データ", "保存データはすべて");
	edit(r, "1-2", "ます。", "ます。追記しました。");
	test_repo_stage(r, "checklist/items/1-2.json");
	/* Markup in sheet text: the page must show it, never run it. */
	edit(r, "1-3", "ます。",
	     "ます。<img src=x onerror=\\\"document.title='pwned'\\\">"
	     "<script>document.title='pwned'</script>");
	edit(r, "3-1", "。", "。 全角の後の半角空白です。");
	run = test_cli("-C", r->dir, "review", "--base", "2022-09", "--format",
		       "html", "-o", page_path, NULL);
	assert_int_equal(run->status, 0);
	test_run_free(run);
	test_repo_free(r);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_review_page__write),
	};
	if (argc != 2) {
		fprintf(stderr, "usage: review_page OUT.html\n");
		return 2;
	}
	page_path = argv[1];
	return cmocka_run_group_tests(tests, test_global_setup,
				      test_global_teardown);
}
