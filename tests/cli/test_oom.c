/*
 * test_oom.c: every command survives running out of memory at any point.
 *
 * SQLite's malloc tests, applied to the CLI: each command runs once to
 * count its allocations, then again with the n-th allocation (and every
 * later one) failing, for n spread over the whole run. Each failing run
 * must end with exit status 3 and the one line "sheetlog: out of memory"
 * (no crash, no other message, no partial output file: the file written
 * with -o keeps its previous content), and each run the hook did not reach
 * must produce exactly the output of the first run. Leaks on the error
 * paths are caught by LeakSanitizer when the suite runs under ASan (this
 * test is too slow for valgrind, hence its own label).
 */
#define _XOPEN_SOURCE 700
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "alloc.h"
#include "test_cli.h"
#include "test_repo.h"
#include "test_tmp.h"

/* Failure points tried per command, spread evenly over its allocations
 * (and every one of the first OOM_DENSE, where set-up code lives).
 * SL_OOM_ALL=1 in the environment tries every allocation instead (about
 * 100,000 runs, most of an hour under ASan); SL_OOM_AT=NAME:N replays one
 * failure point (to debug it: break on alloc.c's alloc_failed++);
 * SL_OOM_ONLY=PATTERN selects cases by name (test_oom__export_*). */
enum { OOM_SAMPLES = 250, OOM_DENSE = 40 };

static const char sentinel[] = "previous content\n";

typedef struct oom_case {
	const char *name;
	const char *argv[16]; /* after "-C DIR", NULL-terminated */
	bool writes;          /* the last argument is "-o" and takes OUT */
} oom_case;

static int setup(void **state)
{
	test_repo *r;
	test_global_setup(state);
	r = test_repo_new();
	test_repo_build_demo(r);
	/* A pending edit for review, and a CSV for import. */
	test_repo_write(r, "checklist/items/1-1.json",
			"{\n  \"id\": \"1-1\",\n  \"section\": \"1\",\n"
			"  \"question\": \"変更された質問ですか。\",\n"
			"  \"answer\": \"はい。30分以内に対応します。\"\n}\n");
	test_repo_write(r, "edit.csv",
			"No,項目,評価内容,回答内容\r\n"
			"1-2,,\"質問,です\",\"回答\r\n二行目\"\r\n");
	*state = r;
	return 0;
}

static int teardown(void **state)
{
	test_repo_free(*state);
	return test_global_teardown(state);
}

/* argv for one run: "-C DIR" ARGS ["OUT"]; returns argc. */
static int build_argv(const char **argv, const test_repo *r, const oom_case *c,
		      const char *out)
{
	int n = 0, i;
	argv[n++] = "-C";
	argv[n++] = r->dir;
	for (i = 0; c->argv[i]; i++)
		argv[n++] = c->argv[i];
	if (c->writes)
		argv[n++] = out;
	return n;
}

/* Only whole lines: a failing run says exactly this, once. */
static void assert_oom_message(const oom_case *c, long n, const test_run *run)
{
	if (run->status != 3 ||
	    strncmp(run->err, "sheetlog: out of memory", 23) != 0 ||
	    strchr(run->err, '\n') != run->err + run->err_len - 1) {
		print_error("stderr of the failing run:\n%s\n", run->err);
		fail_msg("%s, allocation %ld failing: status %d, stderr "
			 "\"%s\"",
			 c->name, n, run->status, run->err);
	}
}

/* SL_OOM_AT=NAME:N names this case: *n = N. */
static bool replay_point(const char *name, long *n)
{
	const char *at = getenv("SL_OOM_AT");
	size_t len = strlen(name);
	if (!at || strncmp(at, name, len) || at[len] != ':')
		return false;
	*n = strtol(at + len + 1, NULL, 10);
	return true;
}

static void run_case(test_repo *r, const oom_case *c)
{
	char *out = test_repo_path(r, "oom-output");
	const char *argv[24];
	int argc = build_argv(argv, r, c, out);
	test_run *base, *run;
	char *base_file = NULL;
	long total, step, n, failing = 0;

	test_write_str(out, sentinel);
	sl_alloc_fail_after(-1);
	sl_alloc_fail_after(INT32_MAX);
	base = test_cli_argv(argc, argv);
	total = sl_alloc_calls();
	sl_alloc_fail_after(-1);
	if (base->status > 1)
		fail_msg("%s: status %d without fault injection: %s", c->name,
			 base->status, base->err);
	assert_true(total > 0);
	if (c->writes) {
		base_file = test_read_file(out, NULL);
		assert_non_null(base_file);
		assert_string_not_equal(base_file, sentinel);
	}

	step = total / OOM_SAMPLES > 1 ? total / OOM_SAMPLES : 1;
	if (getenv("SL_OOM_ALL") && !strcmp(getenv("SL_OOM_ALL"), "1"))
		step = 1;
	n = 0;
	if (replay_point(c->name, &n)) {
		step = total + 1;
		total = n;
	} else if (getenv("SL_OOM_AT")) {
		total = -1; /* another case is being replayed */
	}
	for (; n <= total; n += n < OOM_DENSE ? 1 : step) {
		if (c->writes)
			test_write_str(out, sentinel);
		sl_alloc_fail_after(n);
		run = test_cli_argv(argc, argv);
		if (sl_alloc_failures() > 0) {
			sl_alloc_fail_after(-1);
			failing++;
			assert_oom_message(c, n, run);
			if (c->writes) {
				/* Never half-written: the old file stands. */
				char *now = test_read_file(out, NULL);
				assert_non_null(now);
				if (strcmp(now, sentinel) != 0)
					fail_msg("%s, allocation %ld failing: "
						 "-o file changed",
						 c->name, n);
				free(now);
			}
		} else {
			sl_alloc_fail_after(-1);
			assert_int_equal(run->status, base->status);
			assert_int_equal(run->out_len, base->out_len);
			assert_memory_equal(run->out, base->out, base->out_len);
		}
		test_run_free(run);
	}
	print_message("%s: %ld allocations, %ld runs out of memory\n", c->name,
		      total, failing);
	/* The sweep reached the command's allocations, not just set-up. */
	if (!getenv("SL_OOM_AT"))
		assert_true(failing >= (total < OOM_DENSE ? total : OOM_DENSE));
	test_run_free(base);
	free(base_file);
	remove(out);
	free(out);
}

/* OOM_TEST(name, writes_output_file, {argv...}) */
#define OOM_TEST(fn, writes, ...)                                     \
	static void test_oom__##fn(void **state)                      \
	{                                                             \
		static const oom_case c = {#fn, __VA_ARGS__, writes}; \
		run_case(*state, &c);                                 \
	}

OOM_TEST(lint, false, {"lint", NULL})
OOM_TEST(diff_json, false,
	 {"diff", "--format", "json", "2022-09", "2023-04", NULL})
OOM_TEST(diff_html, false, {"diff", "--format", "html", "2022-09", NULL})
OOM_TEST(diff_text, false,
	 {"diff", "--format", "text", "2022-09..2023-04", NULL})
OOM_TEST(changelog_md, false,
	 {"changelog", "--lang", "en", "2022-09..2023-04", NULL})
OOM_TEST(changelog_shinkyu, false,
	 {"changelog", "--format", "shinkyu-html", "2022-09..2023-04", NULL})
OOM_TEST(editions, false, {"editions", "--format", "json", NULL})
OOM_TEST(history, false, {"history", "--format", "json", "2-5", NULL})
OOM_TEST(history_md, false, {"history", "--format", "markdown", "1-63", NULL})
OOM_TEST(show, false, {"show", "2-5@2022-09", NULL})
OOM_TEST(blame, false, {"blame", "--chars", "2-5", NULL})
OOM_TEST(log, false, {"log", "--format", "json", NULL})
OOM_TEST(audit, false, {"audit", "--format", "csv", "2022-09..2023-04", NULL})
OOM_TEST(review_html, true, {"review", "--format", "html", "-o", NULL})
OOM_TEST(review_md, false, {"review", "--format", "markdown", NULL})
OOM_TEST(export_json, true,
	 {"export", "--format", "json", "--at", "2022-09", "-o", NULL})
OOM_TEST(export_csv, true, {"export", "--format", "csv", "-o", NULL})
OOM_TEST(export_xlsx, true,
	 {"export", "--format", "xlsx", "--changes-since", "2022-09", "-o",
	  NULL})
OOM_TEST(import_csv, false, {"import", "--from", "csv", "edit.csv", NULL})
OOM_TEST(fmt_check, false, {"fmt", "--check", NULL})

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_oom__lint),
		cmocka_unit_test(test_oom__diff_json),
		cmocka_unit_test(test_oom__diff_html),
		cmocka_unit_test(test_oom__diff_text),
		cmocka_unit_test(test_oom__changelog_md),
		cmocka_unit_test(test_oom__changelog_shinkyu),
		cmocka_unit_test(test_oom__editions),
		cmocka_unit_test(test_oom__history),
		cmocka_unit_test(test_oom__history_md),
		cmocka_unit_test(test_oom__show),
		cmocka_unit_test(test_oom__blame),
		cmocka_unit_test(test_oom__log),
		cmocka_unit_test(test_oom__audit),
		cmocka_unit_test(test_oom__review_html),
		cmocka_unit_test(test_oom__review_md),
		cmocka_unit_test(test_oom__export_json),
		cmocka_unit_test(test_oom__export_csv),
		cmocka_unit_test(test_oom__export_xlsx),
		cmocka_unit_test(test_oom__import_csv),
		cmocka_unit_test(test_oom__fmt_check),
	};
	/* SL_OOM_ONLY=PATTERN (cmocka's * and ?) runs some cases only, e.g.
	 * to split an SL_OOM_ALL run over two cores. */
	if (getenv("SL_OOM_ONLY"))
		cmocka_set_test_filter(getenv("SL_OOM_ONLY"));
	return cmocka_run_group_tests(tests, setup, teardown);
}
