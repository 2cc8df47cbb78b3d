/*
 * test_catalogue.c: the failure catalogue (docs/failure-catalogue.md),
 * one test per row not pinned down elsewhere: what sheetlog says, with
 * which exit status, and that the data is untouched. Heavy rows (a 10 MB
 * answer, 100,000 items) are in test_catalogue_heavy.c.
 */
#define _XOPEN_SOURCE 700
#include <dirent.h>
#include <git2.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "fs.h"
#include "test_cli.h"
#include "test_repo.h"
#include "test_tmp.h"

/* The fixture's two editions (tests/fixtures/demo/): the rows below need a
 * history with editions, not the live sheet. */
static int setup_fixture_demo(void **state)
{
	test_repo *r = test_repo_new();
	test_repo_build_fixture_demo(r);
	*state = r;
	return 0;
}

static int teardown_repo(void **state)
{
	sl_fs_fail_write_after(-1);
	test_repo_free(*state);
	return 0;
}

/* "sheetlog: ..." exactly, exit status 2, nothing on standard output. */
static void fails(test_run *run, int status, const char *err)
{
	if (run->status != status || strcmp(run->err, err))
		fail_msg("status %d, stderr: %s", run->status, run->err);
	assert_string_equal(run->out, "");
	test_run_free(run);
}

static char *slurp(test_repo *r, const char *rel, size_t *len)
{
	char *p = test_repo_path(r, rel), *t = test_read_file(p, len);
	free(p);
	return t;
}

static void test_catalogue__binary_item_file(void **state)
{
	test_repo *r = *state;
	static const char bin[] = "\x00\x01\xff\xfe binary";
	test_run *run;
	char *p = test_repo_path(r, "checklist/items/1-1.json"), *after;
	size_t len;
	test_write_file(p, bin, sizeof(bin) - 1);
	run = test_cli("-C", r->dir, "lint", "--quiet", NULL);
	assert_int_equal(run->status, 1);
	assert_non_null(strstr(
		run->out,
		"checklist/items/1-1.json:1:3: error: invalid UTF-8 byte 0xff"));
	test_run_free(run);
	run = test_cli("-C", r->dir, "export", NULL);
	assert_int_equal(run->status, 2);
	assert_true(strncmp(run->err, "sheetlog: ", 10) == 0);
	assert_non_null(strstr(run->err, "checklist/items/1-1.json"));
	/* One line. */
	assert_string_equal(strchr(run->err, '\n'), "\n");
	test_run_free(run);
	/* Reading never rewrote it. */
	after = test_read_file(p, &len);
	assert_int_equal(len, sizeof(bin) - 1);
	assert_memory_equal(after, bin, len);
	free(after);
	free(p);
}

static void test_catalogue__missing_sheet_json(void **state)
{
	test_repo *r = *state;
	test_repo_remove(r, "checklist/sheet.json");
	fails(test_cli("-C", r->dir, "export", NULL), 2,
	      "sheetlog: sheet.json is missing: checklist/sheet.json\n");
	{
		test_run *run = test_cli("-C", r->dir, "lint", NULL);
		assert_int_equal(run->status, 1);
		assert_non_null(
			strstr(run->out, "checklist/sheet.json: error: "));
		test_run_free(run);
	}
}

static void test_catalogue__checklist_symlink_is_not_followed(void **state)
{
	test_repo *r = test_repo_new();
	char *outside = test_tmp_dir(), *cmd, *link;
	(void)state;
	cmd = test_fmt("cp -r %s/tests/fixtures/sheet/. %s/", SL_SOURCE_DIR,
		       outside);
	assert_int_equal(system(cmd), 0);
	link = test_repo_path(r, "checklist");
	assert_int_equal(symlink(outside, link), 0);
	fails(test_cli("-C", r->dir, "lint", NULL), 2,
	      "sheetlog: checklist/ is a symbolic link; sheetlog does not "
	      "follow it (the sheet must live in the repository)\n");
	fails(test_cli("-C", r->dir, "export", NULL), 2,
	      "sheetlog: checklist/ is a symbolic link; sheetlog does not "
	      "follow it (the sheet must live in the repository)\n");
	free(link);
	free(cmd);
	test_tmp_rm(outside);
	free(outside);
	test_repo_free(r);
}

static void test_catalogue__shallow_clone_before_the_edition(void **state)
{
	test_repo *r = *state;
	char *dir = test_tmp_dir(), *cmd, *clone;
	/* libgit2 1.5 cannot make shallow clones: git builds the fixture. */
	cmd = test_fmt("git clone -q --depth 1 file://%s %s/c 2>/dev/null",
		       r->dir, dir);
	if (system(cmd) != 0)
		fail_msg("cannot build the fixture: %s", cmd);
	clone = test_fmt("%s/c", dir);
	fails(test_cli("-C", clone, "diff", "2022-09", "HEAD", NULL), 2,
	      "sheetlog: unknown revision '2022-09'; known editions: 2023-04 "
	      "(the clone is shallow: older editions are beyond its "
	      "boundary; git fetch --unshallow)\n");
	free(clone);
	free(cmd);
	test_tmp_rm(dir);
	free(dir);
}

static void test_catalogue__bare_repository(void **state)
{
	test_repo *r = *state;
	char *dir = test_tmp_dir(), *bare = test_fmt("%s/bare.git", dir);
	git_repository *g;
	git_clone_options o;
	test_run *run;
	git_clone_options_init(&o, GIT_CLONE_OPTIONS_VERSION);
	o.bare = 1;
	assert_int_equal(git_clone(&g, r->dir, bare, &o), 0);
	git_repository_free(g);
	fails(test_cli("-C", bare, "lint", NULL), 2,
	      "sheetlog: bare repository has no working tree\n");
	/* Revisions still work. */
	run = test_cli("-C", bare, "diff", "2022-09", "HEAD", "--format",
		       "json", NULL);
	assert_int_equal(run->status, 0);
	assert_non_null(strstr(run->out, "\"renumbered\": 2,"));
	test_run_free(run);
	run = test_cli("-C", bare, "lint", "HEAD", "--quiet", NULL);
	assert_int_equal(run->status, 0);
	test_run_free(run);
	free(bare);
	test_tmp_rm(dir);
	free(dir);
}

static void test_catalogue__detached_head(void **state)
{
	test_repo *r = *state;
	git_oid head;
	test_run *run;
	assert_int_equal(git_reference_name_to_id(&head, r->git, "HEAD"), 0);
	assert_int_equal(git_repository_set_head_detached(r->git, &head), 0);
	run = test_cli("-C", r->dir, "editions", "--format", "json", NULL);
	assert_int_equal(run->status, 0);
	assert_non_null(strstr(run->out, "\"name\": \"2023-04\""));
	test_run_free(run);
	run = test_cli("-C", r->dir, "history", "1-1", NULL);
	assert_int_equal(run->status, 0);
	assert_non_null(strstr(run->out, "変更 1-1"));
	assert_non_null(strstr(run->out, "追加 1-1"));
	test_run_free(run);
}

static void test_catalogue__empty_repository(void **state)
{
	test_repo *r = test_repo_new();
	test_run *run;
	(void)state;
	test_repo_copy_fixture(r);
	run = test_cli("-C", r->dir, "editions", NULL);
	assert_int_equal(run->status, 0);
	assert_string_equal(run->out, "版はまだありません。\n");
	test_run_free(run);
	fails(test_cli("-C", r->dir, "diff", "HEAD", NULL), 2,
	      "sheetlog: unknown revision 'HEAD': the repository has no "
	      "commits yet\n");
	run = test_cli("-C", r->dir, "lint", "--quiet", NULL);
	assert_int_equal(run->status, 0);
	test_run_free(run);
	test_repo_free(r);
}

static void test_catalogue__locked_index_is_still_read(void **state)
{
	test_repo *r = *state;
	char *lock = test_repo_path(r, ".git/index.lock");
	test_run *run;
	test_write_str(lock, "");
	/* Readers need no lock (git's own readers ignore it too). */
	run = test_cli("-C", r->dir, "diff", "HEAD", "INDEX", "--format",
		       "json", NULL);
	assert_int_equal(run->status, 0);
	/* The fixture's six 2023-04 items, all unchanged. */
	assert_non_null(strstr(run->out, "\"unchanged\": 6\n"));
	test_run_free(run);
	unlink(lock);
	free(lock);
}

/* The loose object file of the blob of an item at HEAD. */
static char *object_path(test_repo *r, const char *item)
{
	git_object *o;
	char hex[41], *spec = test_fmt("HEAD:checklist/items/%s.json", item),
		      *p;
	assert_int_equal(git_revparse_single(&o, r->git, spec), 0);
	git_oid_tostr(hex, sizeof(hex), git_object_id(o));
	git_object_free(o);
	free(spec);
	p = test_fmt("%s/.git/objects/%.2s/%s", r->dir, hex, hex + 2);
	return p;
}

static void test_catalogue__corrupt_object(void **state)
{
	test_repo *r = *state;
	char *obj = object_path(r, "1-1");
	test_run *run;
	/* Objects are read-only files. */
	chmod(obj, 0644);
	test_write_str(obj, "not zlib at all");
	run = test_cli("-C", r->dir, "export", "--at", "HEAD", NULL);
	assert_int_equal(run->status, 2);
	assert_true(strncmp(run->err, "sheetlog: ", 10) == 0);
	assert_non_null(strstr(run->err, "checklist/items/1-1.json"));
	assert_non_null(strstr(run->err, "(revision HEAD)"));
	assert_string_equal(run->out, "");
	test_run_free(run);
	run = test_cli("-C", r->dir, "diff", "2022-09", "2023-04", NULL);
	assert_int_equal(run->status, 2);
	assert_non_null(strstr(run->err, "checklist/items/1-1.json"));
	test_run_free(run);
	free(obj);
}

static void test_catalogue__ids_cannot_escape_items(void **state)
{
	static const char *const ids[] = {"../escaped", "/tmp/abs",
					  "items/../../x"};
	test_repo *r = *state;
	char *csv = test_repo_path(r, "new.csv");
	size_t i;
	for (i = 0; i < 3; i++) {
		char *text = test_fmt("id,section,question,answer\n"
				      "%s,1,質問ですか。,回答です。\n",
				      ids[i]);
		char *dir = test_repo_path(r, "checklist");
		char *escaped = test_repo_path(r, "escaped.json");
		test_run *run;
		test_write_str(csv, text);
		run = test_cli("-C", r->dir, "import", "--from", "csv", csv,
			       "--write", "--add-new", NULL);
		assert_true(run->status == 1 || run->status == 2);
		assert_non_null(
			strstr(run->err, "nothing written")
				? strstr(run->err, "nothing written")
				: strstr(run->err, "cannot be an item file"));
		assert_int_equal(access(escaped, F_OK), -1);
		test_run_free(run);
		free(escaped);
		free(dir);
		free(text);
	}
	/* A NUL byte cannot shorten an id into another one. */
	{
		static const char nul[] = "id,answer\n1-1\0../x,書き換え\n";
		char *want = test_fmt("sheetlog: NUL byte in the CSV: %s:2:4\n",
				      csv);
		test_write_file(csv, nul, sizeof(nul) - 1);
		fails(test_cli("-C", r->dir, "import", "--from", "csv", csv,
			       "--write", NULL),
		      2, want);
		free(want);
	}
	free(csv);
}

static void test_catalogue__interrupted_write_keeps_old_files(void **state)
{
	test_repo *r = *state;
	char *before[3], *after, *csv;
	const char *last;
	size_t len[3], alen, i;
	static const char *const files[] = {"checklist/items/1-1.json",
					    "checklist/items/1-2.json",
					    "checklist/items/1-3.json"};
	test_run *run;
	/* Three files out of canonical form for fmt to rewrite. */
	for (i = 0; i < 3; i++) {
		char *t = slurp(r, files[i], &len[i]);
		char *p = test_repo_path(r, files[i]);
		before[i] = test_fmt("%s\n\n", t);
		len[i] += 2;
		test_write_str(p, before[i]);
		free(t);
		free(p);
	}
	/* The disk fills after the first file's data. */
	sl_fs_fail_write_after(1);
	run = test_cli("-C", r->dir, "fmt", NULL);
	sl_fs_fail_write_after(-1);
	assert_int_equal(run->status, 3);
	assert_non_null(
		strstr(run->err, "(0 of 3 files written before the failure)"));
	test_run_free(run);
	for (i = 0; i < 3; i++) {
		after = slurp(r, files[i], &alen);
		assert_int_equal(alen, len[i]);
		assert_memory_equal(after, before[i], alen);
		free(after);
	}
	/* The same for a spreadsheet import (its two rows are the whole
	 * sheet: with --delete-missing the other items would go, after the
	 * writes; the failed write stops that too). */
	csv = test_repo_path(r, "edit.csv");
	test_write_str(csv, "id,answer\n1-1,一つ目です。\n1-2,二つ目です。\n");
	sl_fs_fail_write_after(1);
	run = test_cli("-C", r->dir, "import", "--from", "csv", csv, "--write",
		       "--delete-missing", NULL);
	sl_fs_fail_write_after(-1);
	assert_int_equal(run->status, 3);
	/* The failure is one line (after the import's own notes): what
	 * failed, then how far the writes got. */
	last = strrchr(run->err, '\n');
	while (last > run->err && last[-1] != '\n')
		last--;
	assert_true(strncmp(last, "sheetlog: ", 10) == 0);
	assert_non_null(
		strstr(last, " (0 files written before the failure)\n"));
	assert_ptr_equal(strstr(run->err, "written before"),
			 strstr(last, "written before"));
	test_run_free(run);
	/* 1-3 is not in the CSV: no removal ran either. */
	for (i = 0; i < 3; i++) {
		after = slurp(r, files[i], &alen);
		assert_non_null(after);
		assert_memory_equal(after, before[i], alen);
		free(after);
	}
	for (i = 0; i < 3; i++)
		free(before[i]);
	free(csv);
}

/* Number of entries in dir besides "." and "..": no temporary file may be
 * left behind by a failed write. */
static int entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int n = 0;
	assert_non_null(d);
	while ((de = readdir(d)) != NULL)
		n += strcmp(de->d_name, ".") && strcmp(de->d_name, "..");
	closedir(d);
	return n;
}

/* -o naming a directory, or a path below a regular file: one line naming
 * it, exit 3, nothing left behind (text formats and the workbook take two
 * different write paths). */
static void test_catalogue__unwritable_output_path(void **state)
{
	test_repo *r = *state;
	static const char *const formats[] = {"csv", "xlsx"};
	char *dir = test_tmp_dir();
	char *file = test_fmt("%s/plain", dir), *below, *want;
	size_t i;
	test_write_str(file, "not a directory\n");
	below = test_fmt("%s/out", file);
	for (i = 0; i < 2; i++) {
		want = test_fmt("sheetlog: cannot rename into '%s': Is a "
				"directory\n",
				dir);
		fails(test_cli("-C", r->dir, "export", "--format", formats[i],
			       "-o", dir, NULL),
		      3, want);
		free(want);
		want = test_fmt("sheetlog: cannot create a temporary file in "
				"'%s': Not a directory\n",
				file);
		fails(test_cli("-C", r->dir, "export", "--format", formats[i],
			       "-o", below, NULL),
		      3, want);
		free(want);
		/* Only the plain file: no temporary file stayed. */
		assert_int_equal(entries(dir), 1);
	}
	free(below);
	free(file);
	test_tmp_rm(dir);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
			test_catalogue__binary_item_file, setup_fixture_demo,
			teardown_repo),
		cmocka_unit_test_setup_teardown(
			test_catalogue__missing_sheet_json, setup_fixture_demo,
			teardown_repo),
		cmocka_unit_test(
			test_catalogue__checklist_symlink_is_not_followed),
		cmocka_unit_test_setup_teardown(
			test_catalogue__shallow_clone_before_the_edition,
			setup_fixture_demo, teardown_repo),
		cmocka_unit_test_setup_teardown(test_catalogue__bare_repository,
						setup_fixture_demo,
						teardown_repo),
		cmocka_unit_test_setup_teardown(test_catalogue__detached_head,
						setup_fixture_demo,
						teardown_repo),
		cmocka_unit_test(test_catalogue__empty_repository),
		cmocka_unit_test_setup_teardown(
			test_catalogue__locked_index_is_still_read,
			setup_fixture_demo, teardown_repo),
		cmocka_unit_test_setup_teardown(test_catalogue__corrupt_object,
						setup_fixture_demo,
						teardown_repo),
		cmocka_unit_test_setup_teardown(
			test_catalogue__ids_cannot_escape_items,
			setup_fixture_demo, teardown_repo),
		cmocka_unit_test_setup_teardown(
			test_catalogue__interrupted_write_keeps_old_files,
			setup_fixture_demo, teardown_repo),
		cmocka_unit_test_setup_teardown(
			test_catalogue__unwritable_output_path,
			setup_fixture_demo, teardown_repo),
	};
	return cmocka_run_group_tests(tests, test_global_setup,
				      test_global_teardown);
}
