/*
 * test_site_speed.c: the site of 20 editions of the 161-item live sheet
 * (issue 15: "builds in well under a second"). The history: the 2022-09
 * baseline, then one edition a month, each rewording five answers, and
 * every fourth one withdrawing an item and adding one at the end of a
 * section. The test asserts the processor time of the in-process run (all
 * threads) stays under one second, a bound a loaded machine does not
 * stretch the way it stretches wall time; both are printed.
 */
#define _XOPEN_SOURCE 700
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "test_cli.h"
#include "test_repo.h"
#include "test_tmp.h"

#define EDITIONS 20

static void replace_in(test_repo *r, const char *rel, const char *from,
		       const char *to)
{
	char *path = test_repo_path(r, rel), *text, *at, *next;
	text = test_read_file(path, NULL);
	assert_non_null(text);
	at = strstr(text, from);
	assert_non_null(at);
	*at = '\0';
	next = test_fmt("%s%s%s", text, to, at + strlen(from));
	test_repo_write(r, rel, next);
	free(next);
	free(text);
	free(path);
}

static double seconds(clockid_t id)
{
	struct timespec ts;
	clock_gettime(id, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void test_site_speed__twenty_editions_of_the_live_sheet(void **state)
{
	test_repo *r = test_repo_new();
	char *tmp = test_tmp_dir(), *dir = test_fmt("%s/site", tmp);
	char id[41], prev[16] = "2022-09";
	double cpu, wall;
	test_run *run;
	int k, i;
	(void)state;

	test_repo_copy_checklist(r);
	r->clock = 1664499600; /* 2022-09-30 10:00 +09:00 */
	strcpy(id, test_repo_commit_at(r, "2022-09", r->clock, 9 * 60));
	test_repo_tag(r, "edition/2022-09", id, true);
	for (k = 1; k < EDITIONS; k++) {
		int month = 9 + k;
		char name[16], *from, *to, *rel;
		snprintf(name, sizeof(name), "%04d-%02d",
			 2022 + (month - 1) / 12, (month - 1) % 12 + 1);
		from = test_fmt("\"as_of\": \"%s\"", prev);
		to = test_fmt("\"as_of\": \"%s\"", name);
		replace_in(r, "checklist/sheet.json", from, to);
		free(from);
		free(to);
		for (i = 0; i < 5; i++) {
			rel = test_fmt("checklist/items/1-%d.json",
				       (k * 7 + i * 13) % 90 + 1);
			to = test_fmt("（第%d版で改訂）。\"", k);
			replace_in(r, rel, "。\"", to);
			free(to);
			free(rel);
		}
		if (k % 4 == 0) {
			rel = test_fmt("checklist/items/2-%d.json", k / 4);
			test_repo_remove(r, rel);
			free(rel);
			rel = test_fmt("checklist/items/6-%d.json", 100 + k);
			to = test_fmt(
				"{\n  \"id\": \"6-%d\",\n  \"section\": "
				"\"6\",\n  \"category\": \"追加\",\n  "
				"\"question\": \"第%d版で追加した質問ですか。\",\n"
				"  \"answer\": \"はい、第%d版で追加しました。\"\n}\n",
				100 + k, k, k);
			test_repo_write(r, rel, to);
			free(to);
			free(rel);
		}
		r->clock += 30 * 86400;
		strcpy(id, test_repo_commit_at(r, name, r->clock, 9 * 60));
		strcpy(prev, name);
	}
	cpu = seconds(CLOCK_PROCESS_CPUTIME_ID);
	wall = seconds(CLOCK_MONOTONIC);
	run = test_cli("-C", r->dir, "site", "-o", dir, NULL);
	cpu = seconds(CLOCK_PROCESS_CPUTIME_ID) - cpu;
	wall = seconds(CLOCK_MONOTONIC) - wall;
	if (run->status != 0)
		fail_msg("site failed: %s", run->err);
	assert_non_null(strstr(run->out, "(20 editions, "));
	printf("site of %d editions of the live sheet: %.3f s processor, "
	       "%.3f s wall\n",
	       EDITIONS, cpu, wall);
	assert_true(cpu < 1.0);
	test_run_free(run);
	test_tmp_rm(tmp);
	free(dir);
	free(tmp);
	test_repo_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
			test_site_speed__twenty_editions_of_the_live_sheet),
	};
	return cmocka_run_group_tests_name(
		"site_speed", tests, test_global_setup, test_global_teardown);
}
