/*
 * test_cmd_site.c: `sheetlog site` on the three-edition history of
 * tests/support/test_site.c: golden pages and feed, byte-identical
 * reruns, the atomic swap (a failed run keeps the previous site; a
 * directory the command did not write is never replaced), the item pages
 * across renumbering, hostile text, --base-url and --lang. The whole
 * site's links and feed are checked by tests/site/check_site.py, the
 * pages in a browser by tests/browser/test_site_browser.py.
 */
#define _XOPEN_SOURCE 700
#include <dirent.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <git2.h>
#include <jansson.h>

#include "alloc.h"
#include "fs.h"
#include "golden.h"
#include "test_cli.h"
#include "test_repo.h"
#include "test_site.h"
#include "test_tmp.h"

typedef struct fixture {
	test_repo *repo;
	char *tmp;  /* a scratch directory */
	char *site; /* tmp/site */
} fixture;

static int setup_site(void **state)
{
	fixture *f = calloc(1, sizeof(*f));
	f->repo = test_repo_new();
	test_site_build_history(f->repo);
	f->tmp = test_tmp_dir();
	f->site = test_fmt("%s/site", f->tmp);
	*state = f;
	return 0;
}

static int teardown_site(void **state)
{
	fixture *f = *state;
	sl_fs_fail_write_after(-1);
	test_tmp_rm(f->tmp);
	free(f->site);
	free(f->tmp);
	test_repo_free(f->repo);
	free(f);
	return 0;
}

static test_run *site(fixture *f, const char *dir, const char *lang)
{
	return test_cli("-C", f->repo->dir, "site", "-o", dir, "--lang", lang,
			NULL);
}

static void site_ok(fixture *f, const char *dir, const char *lang)
{
	test_run *run = site(f, dir, lang);
	if (run->status != 0)
		fail_msg("site failed (%d): %s", run->status, run->err);
	assert_int_equal(run->err_len, 0);
	test_run_free(run);
}

/* new: DIR/rel's content, which must exist */
static char *page(const char *dir, const char *rel, size_t *len)
{
	char *path = test_fmt("%s/%s", dir, rel);
	char *text = test_read_file(path, len);
	if (!text)
		fail_msg("no page %s", path);
	free(path);
	return text;
}

static void golden_page(const char *dir, const char *rel, const char *golden)
{
	size_t len;
	char *text = page(dir, rel, &len);
	test_golden(golden, text, len);
	free(text);
}

/* The files below dir, relative, sorted (one per line). */
static void list_tree(char **acc, const char *dir, const char *prefix)
{
	struct dirent **names;
	int i, n = scandir(dir, &names, NULL, alphasort);
	assert_true(n >= 0);
	for (i = 0; i < n; i++) {
		const char *name = names[i]->d_name;
		char *path, *rel, *next;
		struct stat st;
		if (strcmp(name, ".") && strcmp(name, "..")) {
			path = test_fmt("%s/%s", dir, name);
			rel = test_fmt("%s%s", prefix, name);
			assert_int_equal(lstat(path, &st), 0);
			if (S_ISDIR(st.st_mode)) {
				char *sub = test_fmt("%s/", rel);
				list_tree(acc, path, sub);
				free(sub);
			} else {
				next = test_fmt("%s%s\n", *acc, rel);
				free(*acc);
				*acc = next;
			}
			free(rel);
			free(path);
		}
		free(names[i]);
	}
	free(names);
}

static char *tree_of(const char *dir)
{
	char *acc = calloc(1, 1);
	list_tree(&acc, dir, "");
	return acc;
}

static void test_cmd_site__golden_pages(void **state)
{
	fixture *f = *state;
	test_run *run = site(f, f->site, "ja");
	char *tree;
	assert_int_equal(run->status, 0);
	/* The report names the directory and what was written. */
	assert_non_null(strstr(run->out, f->site));
	assert_non_null(strstr(run->out, "3 editions, 7 item pages"));
	test_run_free(run);
	tree = tree_of(f->site);
	test_golden("site/files.txt", tree, strlen(tree));
	free(tree);
	golden_page(f->site, "index.html", "site/index.html");
	golden_page(f->site, "feed.atom", "site/feed.atom");
	golden_page(f->site, "editions/2022-09.html",
		    "site/edition-2022-09.html");
	golden_page(f->site, "notes/2023-04_2023-10.html",
		    "site/notes-2023-04_2023-10.html");
	golden_page(f->site, "items/1-11.html", "site/item-1-11.html");
	golden_page(f->site, "items/2-1.withdrawn-2023-04.html",
		    "site/item-2-1-withdrawn.html");
}

static void test_cmd_site__english_labels(void **state)
{
	fixture *f = *state;
	char *index;
	site_ok(f, f->site, "en");
	golden_page(f->site, "index.html", "site/index.en.html");
	index = page(f->site, "index.html", NULL);
	assert_non_null(strstr(index, "<html lang=\"en\">"));
	assert_non_null(strstr(index, "Revision history"));
	assert_null(strstr(index, "改訂履歴"));
	free(index);
}

/* Trees a and b hold the same files with the same bytes. */
static void assert_same_tree(const char *a, const char *b)
{
	char *ta = tree_of(a), *tb = tree_of(b), *line, *save = NULL;
	assert_string_equal(ta, tb);
	for (line = strtok_r(ta, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		size_t la, lb;
		char *pa = page(a, line, &la), *pb = page(b, line, &lb);
		if (la != lb || memcmp(pa, pb, la))
			fail_msg("%s differs between %s and %s", line, a, b);
		free(pa);
		free(pb);
	}
	free(ta);
	free(tb);
}

/* Two runs give the same files, byte for byte. */
static void test_cmd_site__same_bytes_every_run(void **state)
{
	fixture *f = *state;
	char *other = test_fmt("%s/again", f->tmp);
	site_ok(f, f->site, "ja");
	site_ok(f, other, "ja");
	assert_same_tree(f->site, other);
	free(other);
}

/* A second run replaces the site whole: files of the old one are gone. */
static void test_cmd_site__rerun_replaces_the_site(void **state)
{
	fixture *f = *state;
	char *stale = test_fmt("%s/stale.html", f->site), *index, *left;
	site_ok(f, f->site, "ja");
	test_write_str(stale, "old");
	site_ok(f, f->site, "en");
	assert_null(test_read_file(stale, NULL));
	index = page(f->site, "index.html", NULL);
	assert_non_null(strstr(index, "<html lang=\"en\">"));
	/* Nothing is left beside it: no temporary or old tree. */
	left = tree_of(f->tmp);
	assert_null(strstr(left, ".site."));
	free(left);
	free(index);
	free(stale);
}

static ino_t inode_of(const char *dir, const char *rel)
{
	char *path = test_fmt("%s/%s", dir, rel);
	struct stat st;
	assert_int_equal(lstat(path, &st), 0);
	free(path);
	return st.st_ino;
}

/* The first item page of dir's site, relative ("items/..."). */
static char *first_item_page(const char *dir)
{
	char *items = test_fmt("%s/items", dir), *rel = NULL;
	struct dirent **names;
	int i, n = scandir(items, &names, NULL, alphasort);
	assert_true(n > 0);
	for (i = 0; i < n; i++) {
		if (!rel && names[i]->d_name[0] != '.')
			rel = test_fmt("items/%s", names[i]->d_name);
		free(names[i]);
	}
	free(names);
	free(items);
	assert_non_null(rel);
	return rel;
}

/*
 * A rerun links the pages the previous site holds byte for byte instead
 * of writing them again (same inode, so rsync sees them unchanged), and
 * writes the rest: a page edited in place in the old site is written
 * anew with the right bytes, and a page replaced by a symlink is written
 * as a file without the link being followed or its target touched. The
 * result is the site a fresh run writes.
 */
static void test_cmd_site__rerun_keeps_unchanged_pages(void **state)
{
	fixture *f = *state;
	char *fresh = test_fmt("%s/fresh", f->tmp);
	char *outside = test_fmt("%s/outside.html", f->tmp);
	char *item, *item_path, *index_path, *item_bytes, *a, *line, *expect;
	ino_t index_ino, item_ino, other_ino;
	size_t item_len, pages;
	test_run *run;
	struct stat st;

	site_ok(f, f->site, "ja");
	site_ok(f, fresh, "ja");
	item = first_item_page(f->site);
	index_ino = inode_of(f->site, "index.html");
	item_ino = inode_of(f->site, item);
	other_ino = inode_of(f->site, "feed.atom");

	/* Nothing changed: every page is kept, the report says so. */
	run = site(f, f->site, "ja");
	assert_int_equal(run->status, 0);
	a = tree_of(f->site);
	for (pages = 0, line = a; (line = strchr(line, '\n')); line++)
		pages++;
	free(a);
	/* the marker is the one file not reported as a page */
	expect = test_fmt("; %zu unchanged, kept)\n", pages - 1);
	assert_non_null(strstr(run->out, expect));
	free(expect);
	test_run_free(run);
	assert_true(inode_of(f->site, "index.html") == index_ino);
	assert_true(inode_of(f->site, item) == item_ino);

	/* index.html edited in place; the item page made a symlink to a copy
	 * of itself outside the site. */
	index_path = test_fmt("%s/index.html", f->site);
	test_write_str(index_path, "edited by hand");
	item_path = test_fmt("%s/%s", f->site, item);
	item_bytes = page(f->site, item, &item_len);
	test_write_file(outside, item_bytes, item_len);
	assert_int_equal(unlink(item_path), 0);
	assert_int_equal(symlink(outside, item_path), 0);
	site_ok(f, f->site, "ja");

	assert_int_equal(lstat(item_path, &st), 0);
	assert_true(S_ISREG(st.st_mode));
	assert_int_equal(stat(outside, &st), 0);
	assert_int_equal(st.st_nlink, 1);
	assert_true(inode_of(f->site, "feed.atom") == other_ino);
	assert_same_tree(f->site, fresh);
	free(item_bytes);
	free(item_path);
	free(index_path);
	free(item);
	free(outside);
	free(fresh);
}

/* The disk fills in the middle of the new site: the previous one stays
 * exactly as it was and no temporary tree is left. */
static void test_cmd_site__failed_write_keeps_the_previous_site(void **state)
{
	fixture *f = *state;
	size_t before_len, after_len;
	char *before, *after, *tree_before, *tree_after, *left;
	test_run *run;
	site_ok(f, f->site, "ja");
	before = page(f->site, "index.html", &before_len);
	tree_before = tree_of(f->site);
	sl_fs_fail_write_after(5);
	run = site(f, f->site, "en");
	sl_fs_fail_write_after(-1);
	assert_int_equal(run->status, 3);
	assert_non_null(strstr(run->err, "sheetlog: cannot write '"));
	assert_string_equal(run->out, "");
	test_run_free(run);
	after = page(f->site, "index.html", &after_len);
	assert_int_equal(after_len, before_len);
	assert_memory_equal(after, before, before_len);
	tree_after = tree_of(f->site);
	assert_string_equal(tree_after, tree_before);
	left = tree_of(f->tmp);
	assert_null(strstr(left, ".site."));
	free(left);
	free(tree_after);
	free(tree_before);
	free(after);
	free(before);
}

/* Out of memory at points spread over a whole run: each failing run ends
 * with exit status 3 and one line, and the previous site is untouched. */
static void test_cmd_site__out_of_memory_keeps_the_previous_site(void **state)
{
	fixture *f = *state;
	char *other = test_fmt("%s/count", f->tmp), *index, *tree, *left;
	size_t index_len, k;
	long calls;
	test_run *run;
	site_ok(f, f->site, "ja");
	index = page(f->site, "index.html", &index_len);
	tree = tree_of(f->site);
	sl_alloc_fail_after(1L << 40);
	run = site(f, other, "en");
	calls = sl_alloc_calls();
	sl_alloc_fail_after(-1);
	assert_int_equal(run->status, 0);
	test_run_free(run);
	test_tmp_rm(other);
	for (k = 0; k < 40; k++) {
		long n = (long)((double)calls * (double)k / 40.0);
		bool failed;
		char *now, *now_tree;
		size_t now_len;
		sl_alloc_fail_after(n);
		run = site(f, f->site, "en");
		failed = sl_alloc_failures() > 0;
		sl_alloc_fail_after(-1);
		if (!failed) {
			test_run_free(run);
			break;
		}
		/* One line, perhaps with the revision being read (as
		 * test_oom.c requires of every command). */
		if (run->status != 3 ||
		    strncmp(run->err, "sheetlog: out of memory", 23) ||
		    strchr(run->err, '\n') != run->err + run->err_len - 1)
			fail_msg("allocation %ld: status %d, %s", n,
				 run->status, run->err);
		test_run_free(run);
		now = page(f->site, "index.html", &now_len);
		now_tree = tree_of(f->site);
		if (now_len != index_len || memcmp(now, index, index_len) ||
		    strcmp(now_tree, tree))
			fail_msg("allocation %ld: the previous site changed",
				 n);
		free(now_tree);
		free(now);
	}
	left = tree_of(f->tmp);
	assert_null(strstr(left, ".site."));
	free(left);
	free(tree);
	free(index);
	free(other);
}

/* -o naming a directory with someone's files: refused, nothing touched. */
static void test_cmd_site__refuses_a_directory_it_did_not_write(void **state)
{
	fixture *f = *state;
	char *keep = test_fmt("%s/notes.txt", f->site), *text, *tree;
	test_run *run;
	test_write_str(keep, "mine");
	run = site(f, f->site, "ja");
	assert_int_equal(run->status, 2);
	assert_non_null(strstr(run->err, "sheetlog: refusing to replace '"));
	assert_non_null(strstr(run->err, ".sheetlog-site"));
	test_run_free(run);
	text = test_read_file(keep, NULL);
	assert_string_equal(text, "mine");
	tree = tree_of(f->site);
	assert_string_equal(tree, "notes.txt\n");
	free(tree);
	free(text);
	free(keep);
	/* A regular file in its place is refused too. */
	run = site(f, keep = test_fmt("%s/notes.txt", f->site), "ja");
	assert_int_equal(run->status, 2);
	assert_non_null(strstr(run->err, "is not a directory"));
	test_run_free(run);
	free(keep);
}

/* The item renumbered 1-10 -> 1-11 has one page, items/1-11.html, with
 * every edition where it changed; the older editions link their 1-10 to
 * it, at the section of the edition that gave the text. */
static void test_cmd_site__item_page_follows_renumbering(void **state)
{
	fixture *f = *state;
	char *gone = test_fmt("%s/items/1-10.html", f->site);
	char *item, *old, *withdrawn;
	site_ok(f, f->site, "ja");
	assert_null(test_read_file(gone, NULL));
	free(gone);
	item = page(f->site, "items/1-11.html", NULL);
	assert_non_null(strstr(item, "1-10 → 1-11"));
	assert_non_null(strstr(item, "id=\"ed-2023-10\""));
	assert_non_null(strstr(item, "id=\"ed-2023-04\""));
	assert_non_null(strstr(item, "id=\"ed-2022-09\""));
	/* 2023-04's notation-only change, highlighted character by
	 * character. */
	assert_non_null(strstr(item, "利<del>⽤</del><ins>用</ins>します"));
	old = page(f->site, "editions/2022-09.html", NULL);
	assert_non_null(
		strstr(old, "<tr id=\"1-10\"><td class=\"id\"><a "
			    "href=\"../items/1-11.html#ed-2022-09\">1-10</a>"));
	/* A withdrawn item is reachable from the edition that had it. */
	assert_non_null(strstr(
		old,
		"href=\"../items/2-1.withdrawn-2023-04.html#ed-2022-09\""));
	withdrawn = page(f->site, "items/2-1.withdrawn-2023-04.html", NULL);
	assert_non_null(strstr(withdrawn, "<span class=\"badge\">廃止</span>"));
	free(withdrawn);
	free(old);
	free(item);
}

/* Each item page shows the editions `sheetlog history ID --editions`
 * (history.c's walk) reports for it, with the same ids and kinds: the
 * site's lineages, built from the pair diffs, agree with the history
 * machinery. */
static void test_cmd_site__item_pages_agree_with_history(void **state)
{
	static const char *const ids[] = {"1-1",  "1-2", "1-3",
					  "1-11", "3-1", "3-2"};
	fixture *f = *state;
	size_t k, i;
	site_ok(f, f->site, "ja");
	for (k = 0; k < sizeof(ids) / sizeof(ids[0]); k++) {
		char *rel = test_fmt("items/%s.html", ids[k]);
		char *html = page(f->site, rel, NULL), *at = html;
		test_run *run = test_cli("-C", f->repo->dir, "history", ids[k],
					 "--editions", "--at", "2023-10",
					 "--format", "json", NULL);
		json_error_t jerr;
		json_t *doc, *revs;
		assert_int_equal(run->status, 0);
		doc = json_loads(run->out, 0, &jerr);
		assert_non_null(doc);
		revs = json_object_get(doc, "revisions");
		for (i = 0; i < json_array_size(revs); i++) {
			json_t *r = json_array_get(revs, i);
			const char *ed = json_string_value(
				json_object_get(r, "edition"));
			const char *id =
				json_string_value(json_object_get(r, "id"));
			char *want = test_fmt("<section class=\"step\" "
					      "id=\"ed-%s\">",
					      ed);
			char *head = test_fmt(" %s <span class=\"badge\">", id);
			char *h2_end;
			/* Newest first on both sides. */
			at = strstr(at, want);
			if (!at)
				fail_msg("%s: no section for %s in the order "
					 "history gives",
					 ids[k], ed);
			h2_end = strstr(at, "</h2>");
			if (!strstr(at, head) || strstr(at, head) > h2_end)
				fail_msg("%s: in %s its id is not %s", ids[k],
					 ed, id);
			free(head);
			free(want);
			at++;
		}
		/* No section beyond those history reports. */
		if (strstr(at, "<section class=\"step\""))
			fail_msg("%s: the page has more editions than history",
				 ids[k]);
		json_decref(doc);
		test_run_free(run);
		free(html);
		free(rel);
	}
}

/* 1-1's hostile answer: text in every page, text in the feed. */
static void test_cmd_site__hostile_answer_stays_inert(void **state)
{
	fixture *f = *state;
	char *tree, *line, *save = NULL, *feed, *item;
	site_ok(f, f->site, "ja");
	tree = tree_of(f->site);
	for (line = strtok_r(tree, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char *text = page(f->site, line, NULL), *t;
		size_t titles = 0;
		if (strstr(text, "<script") || strstr(text, "<img") ||
		    strstr(text, "]]>"))
			fail_msg("%s holds raw markup from the sheet", line);
		for (t = text; (t = strstr(t, "</title>")); t++)
			titles++;
		/* One title per document, plus the notes' chart tooltips
		 * (<svg> <title>), never the sheet's. */
		if (strstr(line, ".html") && !strstr(line, "notes/") &&
		    titles != 1)
			fail_msg("%s has %zu </title>", line, titles);
		free(text);
	}
	feed = page(f->site, "feed.atom", NULL);
	assert_non_null(
		strstr(feed, "&lt;script&gt;document.title=&#39;pwned&#39;&lt;/"
			     "script&gt;&lt;/title&gt;]]&gt;&lt;img src=x "
			     "onerror=alert(1)&gt;"));
	item = page(f->site, "items/1-1.html", NULL);
	assert_non_null(strstr(item, "<ins>&lt;script&gt;"));
	free(item);
	free(feed);
	free(tree);
}

static void test_cmd_site__base_url_makes_feed_links_absolute(void **state)
{
	fixture *f = *state;
	test_run *run =
		test_cli("-C", f->repo->dir, "site", "-o", f->site,
			 "--base-url", "https://example.com/sheet", NULL);
	char *feed;
	assert_int_equal(run->status, 0);
	test_run_free(run);
	feed = page(f->site, "feed.atom", NULL);
	assert_non_null(strstr(feed,
			       "<link rel=\"alternate\" type=\"text/html\" "
			       "href=\"https://example.com/sheet/notes/"
			       "2023-04_2023-10.html\"/>"));
	assert_non_null(strstr(feed, "<link rel=\"self\" "
				     "type=\"application/atom+xml\" "
				     "href=\"https://example.com/sheet/"
				     "feed.atom\"/>"));
	assert_null(strstr(feed, "href=\"notes/"));
	free(feed);
	run = test_cli("-C", f->repo->dir, "site", "-o", f->site, "--base-url",
		       "javascript:alert(1)", NULL);
	assert_int_equal(run->status, 2);
	assert_non_null(strstr(
		run->err, "--base-url must start with http:// or https://"));
	test_run_free(run);
}

/* A tag edition/NAME that is no edition name would become a file name:
 * refused, naming the tag, nothing written. */
static void test_cmd_site__refuses_a_malformed_edition_tag(void **state)
{
	fixture *f = *state;
	test_run *run;
	char head[41];
	git_oid oid;
	assert_int_equal(git_reference_name_to_id(&oid, f->repo->git, "HEAD"),
			 0);
	git_oid_tostr(head, sizeof(head), &oid);
	test_repo_tag(f->repo, "edition/draft/x", head, false);
	run = site(f, f->site, "ja");
	assert_int_equal(run->status, 2);
	assert_string_equal(
		run->err, "sheetlog: edition 'draft/x' is not an edition name "
			  "(YYYY-MM or YYYY-MM-DD): rename the tag "
			  "edition/draft/x\n");
	assert_null(test_read_file(f->site, NULL));
	test_run_free(run);
}

static void test_cmd_site__usage_and_empty_repository(void **state)
{
	fixture *f = *state;
	test_repo *empty = test_repo_new();
	test_run *run = test_cli("-C", f->repo->dir, "site", NULL);
	assert_int_equal(run->status, 2);
	assert_string_equal(run->err, "sheetlog: site needs -o DIR\n");
	test_run_free(run);
	run = test_cli("-C", empty->dir, "site", "-o", f->site, NULL);
	assert_int_equal(run->status, 2);
	assert_non_null(strstr(run->err, "no editions in this repository"));
	assert_null(test_read_file(f->site, NULL));
	test_run_free(run);
	test_repo_free(empty);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup_site, teardown_site)
	const struct CMUnitTest tests[] = {
		T(test_cmd_site__golden_pages),
		T(test_cmd_site__english_labels),
		T(test_cmd_site__same_bytes_every_run),
		T(test_cmd_site__rerun_replaces_the_site),
		T(test_cmd_site__rerun_keeps_unchanged_pages),
		T(test_cmd_site__failed_write_keeps_the_previous_site),
		T(test_cmd_site__out_of_memory_keeps_the_previous_site),
		T(test_cmd_site__refuses_a_directory_it_did_not_write),
		T(test_cmd_site__item_page_follows_renumbering),
		T(test_cmd_site__item_pages_agree_with_history),
		T(test_cmd_site__hostile_answer_stays_inert),
		T(test_cmd_site__base_url_makes_feed_links_absolute),
		T(test_cmd_site__refuses_a_malformed_edition_tag),
		T(test_cmd_site__usage_and_empty_repository),
	};
#undef T
	return cmocka_run_group_tests_name("cmd_site", tests, test_global_setup,
					   test_global_teardown);
}
