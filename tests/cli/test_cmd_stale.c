/*
 * test_cmd_stale.c: the stale-answer report on the fixture's editions
 * (2022-09, 2023-04) and a later commit: oldest first (answers last set
 * in 2022-09, then 2023-04, then the commit), a confirmation or an
 * approval of the content now makes an answer fresh, an edit after a
 * confirmation is its own event, owners are shown, and the formats.
 */
#define _XOPEN_SOURCE 700
#include <git2.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"
#include "error.h"
#include "stale.h"
#include "test_cli.h"
#include "test_repo.h"
#include "test_tmp.h"

static int setup(void **state)
{
	test_repo *r = test_repo_new();
	git_config *c;
	char *p;
	test_repo_build_fixture_demo(r);
	/* 3-1's answer changes in a commit after the editions. */
	p = test_repo_path(r, "checklist/items/3-1.json");
	{
		size_t len;
		char *t = test_read_file(p, &len),
		     *at = strstr(t, "\"answer\": \"");
		sl_buf b = SL_BUF_INIT;
		assert_non_null(at);
		at += strlen("\"answer\": \"");
		sl_buf_put(&b, t, (size_t)(at - t));
		sl_buf_puts(&b, "新しい回答です。");
		sl_buf_puts(&b, strstr(at, "\"\n"));
		test_write_file(p, b.ptr, b.len);
		sl_buf_dispose(&b);
		free(t);
	}
	free(p);
	test_repo_commit(r, "3-1: a new answer");
	assert_int_equal(git_repository_config(&c, r->git), 0);
	assert_int_equal(git_config_set_string(c, "user.name", "審査 花子"), 0);
	assert_int_equal(
		git_config_set_string(c, "user.email", "hanako@example.com"),
		0);
	git_config_free(c);
	*state = r;
	return 0;
}

static int teardown(void **state)
{
	test_repo_free(*state);
	return 0;
}

/* The ids of the report's lines, in order, space separated. */
static char *ids_of(const char *out)
{
	sl_buf b = SL_BUF_INIT;
	const char *line = strchr(out, '\n');
	char *s;
	while (line && line[1]) {
		const char *sp = strchr(line + 1, ' ');
		sl_buf_printf(&b, "%s%.*s", b.len ? " " : "",
			      (int)(sp - line - 1), line + 1);
		line = strchr(line + 1, '\n');
	}
	s = strdup(sl_buf_cstr(&b));
	sl_buf_dispose(&b);
	return s;
}

static void test_stale__oldest_first_and_confirmations_refresh(void **state)
{
	test_repo *r = *state;
	test_run *run = test_cli("-C", r->dir, "stale", NULL);
	char *ids;
	assert_int_equal(run->status, 0);
	ids = ids_of(run->out);
	/* 1-3 and 1-10 untouched since 2022-09 (1-10's 2023-04 edit is
	 * notation only), then the 2023-04 edits by id, 3-1 last. */
	assert_string_equal(ids, "1-3 1-10 1-1 1-2 3-2 3-1");
	assert_non_null(strstr(run->out, "変更 "));
	assert_non_null(strstr(run->out, ": 3-1: a new answer\n"));
	free(ids);
	test_run_free(run);
	/* Confirmed now: no longer stale. */
	run = test_cli("-C", r->dir, "approve", "--confirm", "1-3", "-m",
		       "見直し済み", NULL);
	assert_int_equal(run->status, 0);
	test_run_free(run);
	run = test_cli("-C", r->dir, "stale", NULL);
	ids = ids_of(run->out);
	assert_string_equal(ids, "1-10 1-1 1-2 3-2 3-1");
	free(ids);
	test_run_free(run);
	/* Every answer is younger than 100 years. */
	run = test_cli("-C", r->dir, "stale", "--older-than", "100y", "--lang",
		       "en", NULL);
	assert_int_equal(run->status, 0);
	assert_non_null(strstr(run->out, "No answer is that old\n"));
	test_run_free(run);
}

static void test_stale__formats_and_bad_age(void **state)
{
	test_repo *r = *state;
	test_run *run =
		test_cli("-C", r->dir, "stale", "--format", "json", NULL);
	assert_int_equal(run->status, 0);
	assert_non_null(strstr(run->out, "\"older_than\": \"12m\""));
	assert_non_null(strstr(run->out, "\"event\": \"set\""));
	assert_non_null(strstr(run->out, "\"what\": \"3-1: a new answer\""));
	test_run_free(run);
	run = test_cli("-C", r->dir, "stale", "--format", "csv", NULL);
	assert_int_equal(
		strncmp(run->out, "No,最終日,経過日数,最後の出来事,", 30), 0);
	test_run_free(run);
	run = test_cli("-C", r->dir, "stale", "--format", "markdown", NULL);
	assert_non_null(strstr(run->out, "| No | 最終日 | 経過日数 |"));
	test_run_free(run);
	run = test_cli("-C", r->dir, "stale", "--older-than", "12x", NULL);
	assert_int_equal(run->status, 2);
	assert_string_equal(run->err,
			    "sheetlog: invalid age '12x' (expected N followed "
			    "by d, w, m or y: 90d, 12m, 2y)\n");
	test_run_free(run);
}

/* Calendar months end on the last day of a shorter month; days and
 * weeks are exact. */
static void test_stale__cutoff_arithmetic(void **state)
{
	int64_t now = 1711843200; /* 2024-03-31T00:00:00Z */
	int64_t out;
	(void)state;
	assert_int_equal(sl_stale_cutoff(&out, "1m", now), 0);
	assert_int_equal(out, 1709164800); /* 2024-02-29 */
	assert_int_equal(sl_stale_cutoff(&out, "12m", now), 0);
	assert_int_equal(out, 1680220800); /* 2023-03-31 */
	assert_int_equal(sl_stale_cutoff(&out, "1y", now), 0);
	assert_int_equal(out, 1680220800);
	assert_int_equal(sl_stale_cutoff(&out, "2w", now), 0);
	assert_int_equal(out, now - 14 * 86400);
	assert_int_equal(sl_stale_cutoff(&out, "90d", now), 0);
	assert_int_equal(out, now - 90 * 86400);
	assert_int_equal(sl_stale_cutoff(&out, "m", now), SL_EUSAGE);
	assert_int_equal(sl_stale_cutoff(&out, "3mo", now), SL_EUSAGE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
			test_stale__oldest_first_and_confirmations_refresh,
			setup, teardown),
		cmocka_unit_test_setup_teardown(test_stale__formats_and_bad_age,
						setup, teardown),
		cmocka_unit_test(test_stale__cutoff_arithmetic),
	};
	return cmocka_run_group_tests(tests, test_isolated_setup,
				      test_isolated_teardown);
}
