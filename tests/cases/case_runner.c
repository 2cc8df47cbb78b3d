/*
 * case_runner.c: runs one data-driven case directory.
 *
 *   case_runner lint tests/cases/lint/<case>
 *
 * The case directory holds the sheet's files as they should appear under
 * checklist/ (sheet.json is optional: the fixture sheet
 * tests/fixtures/sheet/sheet.json, which lints clean, is used when the case
 * has none, never the live checklist/; items/ holds the crafted files), an
 * optional `args` file (extra command-line arguments, one per line),
 * `expected.out` (standard output, byte for byte) and `expected.status` (the
 * exit status). The runner builds a temporary repository through libgit2,
 * copies the case in, runs `sheetlog -C REPO <kind> ARGS` in-process and
 * compares. Set SL_UPDATE_GOLDEN=1 to rewrite expected.out and expected.status.
 */
#define _XOPEN_SOURCE 700
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "test_cli.h"
#include "test_repo.h"
#include "test_tmp.h"

static const char *case_kind;
static const char *case_dir;

static void run_case(void **state)
{
	test_repo *r = test_repo_new();
	char *src_items = test_fmt("%s/items", case_dir);
	char *src_sheet = test_fmt("%s/sheet.json", case_dir);
	char *args_path = test_fmt("%s/args", case_dir);
	char *exp_out_path = test_fmt("%s/expected.out", case_dir);
	char *exp_status_path = test_fmt("%s/expected.status", case_dir);
	char *dst_items = test_repo_path(r, "checklist/items");
	char *sheet = test_read_file(src_sheet, NULL);
	char *args = test_read_file(args_path, NULL);
	char *exp_out, *exp_status;
	const char *argv[64];
	int argc = 0;
	struct stat st;
	test_run *run;

	(void)state;
	if (sheet) {
		test_repo_write(r, "checklist/sheet.json", sheet);
	} else {
		char *own = test_read_file(
			SL_SOURCE_DIR "/tests/fixtures/sheet/sheet.json", NULL);
		assert_non_null(own);
		test_repo_write(r, "checklist/sheet.json", own);
		free(own);
	}
	if (stat(src_items, &st) == 0)
		test_copy_tree(src_items, dst_items);
	argv[argc++] = "-C";
	argv[argc++] = r->dir;
	argv[argc++] = case_kind;
	if (args) {
		char *line = strtok(args, "\n");
		while (line && argc < 63) {
			argv[argc++] = line;
			line = strtok(NULL, "\n");
		}
	}
	run = test_cli_argv(argc, argv);
	if (getenv("SL_UPDATE_GOLDEN") &&
	    getenv("SL_UPDATE_GOLDEN")[0] == '1') {
		char status[16];
		snprintf(status, sizeof(status), "%d\n", run->status);
		test_write_file(exp_out_path, run->out, run->out_len);
		test_write_str(exp_status_path, status);
	}
	exp_out = test_read_file(exp_out_path, NULL);
	exp_status = test_read_file(exp_status_path, NULL);
	if (!exp_out || !exp_status)
		fail_msg("case %s lacks expected.out or expected.status",
			 case_dir);
	if (strcmp(run->out, exp_out) != 0) {
		fprintf(stderr, "--- expected\n%s--- actual\n%s--- stderr\n%s",
			exp_out, run->out, run->err);
		fail_msg("output differs for %s", case_dir);
	}
	assert_int_equal(run->status, atoi(exp_status));
	test_run_free(run);
	free(exp_out);
	free(exp_status);
	free(sheet);
	free(args);
	free(src_items);
	free(src_sheet);
	free(args_path);
	free(exp_out_path);
	free(exp_status_path);
	free(dst_items);
	test_repo_free(r);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(run_case),
	};
	if (argc != 3) {
		fprintf(stderr, "usage: case_runner KIND CASE_DIR\n");
		return 2;
	}
	case_kind = argv[1];
	case_dir = argv[2];
	return cmocka_run_group_tests_name(case_dir, tests, test_global_setup,
					   test_global_teardown);
}
