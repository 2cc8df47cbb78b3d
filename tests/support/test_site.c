/* test_site.c: the site's fixture history (test_site.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "test_site.h"
#include "test_tmp.h"

/* Replace the first occurrence of from by to in the repository file rel. */
static void edit(test_repo *r, const char *rel, const char *from,
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

void test_site_build_history(test_repo *r)
{
	char id[41];
	char *path, *text;
	test_repo_build_fixture_demo(r);
	edit(r, "checklist/sheet.json", "\"as_of\": \"2023-04\"",
	     "\"as_of\": \"2023-10\"");
	edit(r, "checklist/sheet.json", "2023年4月", "2023年10月");
	edit(r, "checklist/items/1-1.json",
	     "30分以内での通知を目標としています。",
	     "15分以内での通知を目標としています。" TEST_SITE_HOSTILE);
	/* 1-10 becomes 1-11, unchanged otherwise. */
	path = test_repo_path(r, "checklist/items/1-10.json");
	text = test_read_file(path, NULL);
	assert_non_null(text);
	free(path);
	test_repo_remove(r, "checklist/items/1-10.json");
	test_repo_write(r, "checklist/items/1-11.json", text);
	free(text);
	edit(r, "checklist/items/1-11.json", "\"id\": \"1-10\"",
	     "\"id\": \"1-11\"");
	r->clock = 1698714000; /* 2023-10-31 10:00 +09:00 */
	strcpy(id, test_repo_commit_at(r, "Publish the 2023-10 edition",
				       r->clock, 9 * 60));
	test_repo_tag(r, "edition/2023-10", id, true);
	r->clock += 86400;
}
