/*
 * test_cmd_lint.c: `sheetlog lint` on the baseline and at revisions; the
 * crafted-file catalogue lives in tests/cases/lint/. Here: the baseline's
 * warning counts, --strict, --quiet, a broken file at a past revision,
 * and a symlink where an item is expected.
 */
#define _XOPEN_SOURCE 700
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

/* The live checklist/: only for the one test that pins the embedded sheet. */
static int setup_live(void **state)
{
	test_repo *r = test_repo_new();
	test_repo_copy_checklist(r);
	test_repo_commit(r, "baseline 2022-09");
	*state = r;
	return 0;
}

/* The fixture sheet (tests/fixtures/sheet/): 5 items, 4 warnings. */
static int setup_repo(void **state)
{
	test_repo *r = test_repo_new();
	test_repo_copy_fixture(r);
	test_repo_commit(r, "fixture 2022-09");
	*state = r;
	return 0;
}

static int teardown_repo(void **state)
{
	test_repo_free(*state);
	return 0;
}

static size_t count(const char *hay, const char *needle)
{
	size_t n = 0;
	const char *p = hay;
	while ((p = strstr(p, needle)) != NULL) {
		n++;
		p += strlen(needle);
	}
	return n;
}

/*
 * The one test in the suite that pins the embedded sheet (checklist/) by
 * its figures: when the live sheet is edited (a compatibility ideograph
 * fixed), this is the test to update. It also checks that the embedded
 * sheet is in canonical form (fmt --check).
 */
static void
test_cmd_lint__baseline_has_no_errors_and_lists_notation(void **state)
{
	test_repo *r = *state;
	test_run *run = test_cli("-C", r->dir, "lint", NULL);
	assert_int_equal(run->status, 0);
	/* The published text carries 105 compatibility ideographs (⽤ and
	 * the like) and 43 spaces inside Japanese text. */
	assert_int_equal(count(run->out, "[compat-ideograph]"), 105);
	assert_int_equal(count(run->out, "[space-in-japanese]"), 43);
	assert_int_equal(count(run->out, ": error: "), 0);
	assert_non_null(strstr(run->out,
			       "161 items checked: 0 errors, 149 warnings\n"));
	assert_non_null(strstr(
		run->out,
		"checklist/items/1-1.json:5:37: warning: compatibility ideograph '⽅' (U+2F45); NFKC reads '方' [compat-ideograph]\n"));
	test_run_free(run);
	run = test_cli("-C", r->dir, "fmt", "--check", NULL);
	assert_int_equal(run->status, 0);
	assert_int_equal(run->out_len, 0);
	test_run_free(run);
}

static void test_cmd_lint__strict_turns_warnings_into_errors(void **state)
{
	test_repo *r = *state;
	test_run *run = test_cli("-C", r->dir, "lint", NULL);
	assert_int_equal(run->status, 0);
	assert_non_null(
		strstr(run->out, "5 items checked: 0 errors, 4 warnings\n"));
	test_run_free(run);
	run = test_cli("-C", r->dir, "lint", "--strict", NULL);
	assert_int_equal(run->status, 1);
	assert_non_null(strstr(
		run->out,
		"checklist/items/1-10.json:7:25: error: compatibility ideograph '⽤' (U+2F64); NFKC reads '用' [compat-ideograph]\n"));
	assert_non_null(
		strstr(run->out, "5 items checked: 4 errors, 0 warnings\n"));
	test_run_free(run);
}

static void test_cmd_lint__quiet_prints_only_errors(void **state)
{
	test_repo *r = *state;
	test_run *run = test_cli("-C", r->dir, "lint", "--quiet", NULL);
	assert_int_equal(run->status, 0);
	assert_int_equal(run->out_len, 0);
	test_run_free(run);
}

static void test_cmd_lint__revision_with_a_broken_file_is_reported(void **state)
{
	test_repo *r = *state;
	char good[41];
	test_run *run;
	strcpy(good, test_repo_commit(r, "no-op"));
	test_repo_write(r, "checklist/items/2-3.json",
			"{\n  \"id\": \"2-3\",\n");
	test_repo_commit(r, "break 2-3");
	/* Fix the working tree: the broken file lives only in HEAD. */
	test_repo_write(
		r, "checklist/items/2-3.json",
		"{\n  \"id\": \"2-3\",\n  \"section\": \"2\",\n  \"question\": \"q\",\n  \"answer\": \"a\"\n}\n");
	run = test_cli("-C", r->dir, "lint", "HEAD", "--quiet", NULL);
	assert_int_equal(run->status, 1);
	assert_string_equal(
		run->out,
		"checklist/items/2-3.json:3:1: error: invalid JSON: string or '}' expected near end of file [json-syntax]\n");
	test_run_free(run);
	run = test_cli("-C", r->dir, "lint", good, "--quiet", NULL);
	assert_int_equal(run->status, 0);
	test_run_free(run);
	run = test_cli("-C", r->dir, "lint", "--quiet", NULL);
	assert_int_equal(run->status, 0);
	test_run_free(run);
}

static void test_cmd_lint__symlink_item_is_refused_not_followed(void **state)
{
	test_repo *r = *state;
	char *link = test_repo_path(r, "checklist/items/1-1.json");
	test_run *run;
	unlink(link);
	assert_int_equal(symlink("/etc/passwd", link), 0);
	run = test_cli("-C", r->dir, "lint", "--quiet", NULL);
	assert_int_equal(run->status, 1);
	assert_string_equal(
		run->out,
		"checklist/items/1-1.json: error: item files must be regular files; refusing to follow a symlink [symlink]\n");
	test_run_free(run);
	/* Export refuses too, with the same finding as its one-line error. */
	run = test_cli("-C", r->dir, "export", NULL);
	assert_int_equal(run->status, 2);
	assert_string_equal(
		run->err,
		"sheetlog: item files must be regular files; refusing to follow a symlink: checklist/items/1-1.json\n");
	test_run_free(run);
	free(link);
}

static void test_cmd_lint__index_is_linted_apart_from_the_worktree(void **state)
{
	test_repo *r = *state;
	test_run *run;
	test_repo_write(
		r, "checklist/items/1-2.json",
		"{\n  \"id\": \"1-2\",\n  \"section\": \"1\",\n  \"question\": \"q\",\n  \"answer\": \"\"\n}\n");
	test_repo_stage(r, "checklist/items/1-2.json");
	test_repo_write(
		r, "checklist/items/1-2.json",
		"{\n  \"id\": \"1-2\",\n  \"section\": \"1\",\n  \"question\": \"q\",\n  \"answer\": \"a\"\n}\n");
	run = test_cli("-C", r->dir, "lint", "INDEX", "--quiet", NULL);
	assert_int_equal(run->status, 1);
	assert_string_equal(
		run->out,
		"checklist/items/1-2.json:5:14: error: answer is empty [empty-text]\n");
	test_run_free(run);
	run = test_cli("-C", r->dir, "lint", "--quiet", NULL);
	assert_int_equal(run->status, 0);
	test_run_free(run);
}

/* git runs pre-commit hooks with GIT_INDEX_FILE naming the index being
 * committed (a temporary one for `git commit -a`): --index-file reads INDEX
 * from there. */
static void test_cmd_lint__index_file_names_another_index(void **state)
{
	test_repo *r = *state;
	test_run *run;
	char *index = test_repo_path(r, ".git/index");
	char *other = test_repo_path(r, ".git/next-index.lock");
	char *data, *missing;
	size_t len;
	test_repo_write(
		r, "checklist/items/1-2.json",
		"{\n  \"id\": \"1-2\",\n  \"section\": \"1\",\n  \"question\": \"q\",\n  \"answer\": \"\"\n}\n");
	test_repo_stage(r, "checklist/items/1-2.json");
	data = test_read_file(index, &len);
	test_write_file(other, data, len);
	free(data);
	/* The real index back to the committed file: clean. */
	data = test_read_file(
		SL_SOURCE_DIR "/tests/fixtures/sheet/items/1-2.json", &len);
	test_repo_write(r, "checklist/items/1-2.json", data);
	free(data);
	test_repo_stage(r, "checklist/items/1-2.json");
	run = test_cli("-C", r->dir, "lint", "INDEX", "--quiet", NULL);
	assert_int_equal(run->status, 0);
	test_run_free(run);
	run = test_cli("-C", r->dir, "lint", "INDEX", "--quiet", "--index-file",
		       other, NULL);
	assert_int_equal(run->status, 1);
	assert_string_equal(
		run->out,
		"checklist/items/1-2.json:5:14: error: answer is empty [empty-text]\n");
	test_run_free(run);
	/* A file that is not there never reads as an empty, clean index. */
	missing = test_repo_path(r, ".git/no-such-index");
	run = test_cli("-C", r->dir, "lint", "INDEX", "--index-file", missing,
		       NULL);
	assert_int_equal(run->status, 2);
	assert_non_null(strstr(run->err, "no index file"));
	test_run_free(run);
	free(missing);
	free(other);
	free(index);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
			test_cmd_lint__baseline_has_no_errors_and_lists_notation,
			setup_live, teardown_repo),
		cmocka_unit_test_setup_teardown(
			test_cmd_lint__strict_turns_warnings_into_errors,
			setup_repo, teardown_repo),
		cmocka_unit_test_setup_teardown(
			test_cmd_lint__quiet_prints_only_errors, setup_repo,
			teardown_repo),
		cmocka_unit_test_setup_teardown(
			test_cmd_lint__revision_with_a_broken_file_is_reported,
			setup_repo, teardown_repo),
		cmocka_unit_test_setup_teardown(
			test_cmd_lint__symlink_item_is_refused_not_followed,
			setup_repo, teardown_repo),
		cmocka_unit_test_setup_teardown(
			test_cmd_lint__index_is_linted_apart_from_the_worktree,
			setup_repo, teardown_repo),
		cmocka_unit_test_setup_teardown(
			test_cmd_lint__index_file_names_another_index,
			setup_repo, teardown_repo),
	};
	return cmocka_run_group_tests_name("cmd_lint", tests, test_global_setup,
					   test_global_teardown);
}
