/*
 * test_catalogue_heavy.c: the failure catalogue's rows about size, kept
 * apart because they are too slow for valgrind (label "heavy": the ASan
 * run only): a 10 MB answer, and a sheet of 100,000 items.
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

#include "buf.h"
#include "test_cli.h"
#include "test_repo.h"
#include "test_tmp.h"

static void write_item(test_repo *r, const char *id, const char *section,
		       const char *answer)
{
	char *rel = test_fmt("checklist/items/%s.json", id);
	char *p = test_repo_path(r, rel);
	sl_buf b = SL_BUF_INIT;
	sl_buf_printf(&b,
		      "{\n  \"id\": \"%s\",\n  \"section\": \"%s\",\n"
		      "  \"question\": \"%sについて教えてください。\",\n"
		      "  \"answer\": \"",
		      id, section, id);
	sl_buf_puts(&b, answer);
	sl_buf_puts(&b, "\"\n}\n");
	test_write_file(p, b.ptr, b.len);
	sl_buf_dispose(&b);
	free(p);
	free(rel);
}

/* n repetitions of unit. new: free() */
static char *repeat(const char *unit, size_t n)
{
	size_t u = strlen(unit), i;
	char *s = malloc(u * n + 1);
	assert_non_null(s);
	for (i = 0; i < n; i++)
		memcpy(s + i * u, unit, u);
	s[u * n] = '\0';
	return s;
}

static void test_catalogue_heavy__ten_megabyte_answer(void **state)
{
	test_repo *r = test_repo_new();
	/* 12 characters of 3 bytes: 36 bytes a unit, 10 MiB in all. */
	char *old = repeat("あいうえお、かきくけこ。", 10 * 1024 * 1024 / 36);
	char *new_ = repeat("さしすせそ、たちつてと。", 10 * 1024 * 1024 / 36);
	test_run *run;
	(void)state;
	test_repo_copy_checklist(r);
	write_item(r, "1-1", "1", old);
	test_repo_commit(r, "a 10 MB answer");
	run = test_cli("-C", r->dir, "lint", "--quiet", NULL);
	assert_int_equal(run->status, 0);
	test_run_free(run);
	run = test_cli("-C", r->dir, "export", "--format", "json", NULL);
	assert_int_equal(run->status, 0);
	assert_non_null(strstr(run->out, old));
	test_run_free(run);
	/* Rewritten completely: one replacement, not a million edits (and
	 * in a second, not minutes). */
	write_item(r, "1-1", "1", new_);
	run = test_cli("-C", r->dir, "diff", "HEAD", "--format", "json", NULL);
	assert_int_equal(run->status, 0);
	{
		const char *ops = strstr(run->out, "\"field\": \"answer\"");
		assert_non_null(ops);
		ops = strstr(ops, "\"ops\": [");
		assert_non_null(ops);
		assert_non_null(strstr(ops, "\"op\": \"delete\""));
		assert_non_null(strstr(ops, "\"op\": \"insert\""));
		/* Just a replacement (and the shared last character): the
		 * texts hold no ']', so the array ends at the first one. */
		{
			const char *end = strchr(ops, ']'), *q;
			int n = 0;
			for (q = ops; (q = strstr(q, "\"op\": ")) && q < end;
			     q++)
				n++;
			assert_true(n <= 3);
		}
	}
	test_run_free(run);
	free(old);
	free(new_);
	test_repo_free(r);
}

static void test_catalogue_heavy__hundred_thousand_items(void **state)
{
	test_repo *r = test_repo_new();
	test_run *run;
	size_t i, rows = 0;
	const char *p;
	(void)state;
	test_repo_copy_checklist(r);
	for (i = 0; i < 100000; i++) {
		char id[32], sec[8];
		snprintf(sec, sizeof(sec), "%zu", i % 6 + 1);
		snprintf(id, sizeof(id), "%s-%zu", sec, i / 6 + 100);
		write_item(r, id, sec, "回答です。");
	}
	run = test_cli("-C", r->dir, "lint", NULL);
	assert_int_equal(run->status, 0);
	/* The 161 items of the sheet and the 100,000 added. */
	assert_non_null(strstr(run->out, "100161 items checked: 0 errors"));
	test_run_free(run);
	run = test_cli("-C", r->dir, "export", "--format", "csv", NULL);
	assert_int_equal(run->status, 0);
	/* Counted by hand: a sanitizer's strstr measures the whole rest of
	 * the 8 MB output on every call, which is quadratic. */
	for (p = run->out; *p; p++)
		rows += p[0] == '\r' && p[1] == '\n';
	assert_int_equal(rows, 1 + 100161);
	test_run_free(run);
	test_repo_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_catalogue_heavy__ten_megabyte_answer),
		cmocka_unit_test(test_catalogue_heavy__hundred_thousand_items),
	};
	return cmocka_run_group_tests(tests, test_global_setup,
				      test_global_teardown);
}
