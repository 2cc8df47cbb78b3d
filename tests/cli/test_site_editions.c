/*
 * test_site_editions.c: the site of 20 editions of the 161-item live
 * sheet. The history: the 2022-09 baseline, then one edition a month, each
 * rewording five answers, and every fourth one withdrawing an item and
 * adding one at the end of a section. The test pins what such a site
 * holds (every edition listed, every withdrawn item reachable, every
 * since-notes page); its speed is scripts/bench.sh's demo-site-20 case,
 * not a timed test.
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

static void test_site_editions__twenty_editions_of_the_live_sheet(void **state)
{
	test_repo *r = test_repo_new();
	char *tmp = test_tmp_dir(), *dir = test_fmt("%s/site", tmp);
	char id[41], prev[16] = "2022-09";
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
	run = test_cli("-C", r->dir, "site", "-o", dir, NULL);
	if (run->status != 0)
		fail_msg("site failed: %s", run->err);
	assert_non_null(strstr(run->out, "(20 editions, "));
	test_run_free(run);
	/* Every edition has its page; every older one its since-notes up to
	 * the newest; the items withdrawn on the way stay reachable. */
	for (k = 0; k < EDITIONS; k++) {
		int month = 9 + k;
		char name[16], *page, *text;
		snprintf(name, sizeof(name), "%04d-%02d",
			 2022 + (month - 1) / 12, (month - 1) % 12 + 1);
		page = test_fmt("%s/editions/%s.html", dir, name);
		text = test_read_file(page, NULL);
		assert_non_null(text);
		free(text);
		free(page);
		if (k < EDITIONS - 1) {
			page = test_fmt("%s/notes/%s_2024-04.html", dir, name);
			text = test_read_file(page, NULL);
			if (!text)
				fail_msg("no since-notes page %s", page);
			free(text);
			free(page);
		}
	}
	for (k = 4; k < EDITIONS; k += 4) {
		char *page = test_fmt("%s/index.html", dir);
		char *text = test_read_file(page, NULL), *link;
		assert_non_null(text);
		free(text);
		free(page);
		link = test_fmt("items/2-%d.withdrawn-", k / 4);
		page = test_fmt("%s/editions/2022-09.html", dir);
		text = test_read_file(page, NULL);
		if (!strstr(text, link))
			fail_msg("2022-09's page does not link %s", link);
		free(text);
		free(page);
		free(link);
	}
	test_tmp_rm(tmp);
	free(dir);
	free(tmp);
	test_repo_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
			test_site_editions__twenty_editions_of_the_live_sheet),
	};
	return cmocka_run_group_tests_name("site_editions", tests,
					   test_global_setup,
					   test_global_teardown);
}
