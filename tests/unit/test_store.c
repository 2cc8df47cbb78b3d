/*
 * test_store.c: writing a sheet to a directory: canonical form
 * (sheet.json and items/<id>.json in known-field order, extras sorted,
 * two-space indent, final newline), unchanged files left alone, stale
 * files reported or pruned, and a refused or failed write leaving every
 * old file whole.
 */
#define _XOPEN_SOURCE 700
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "alloc.h"
#include "error.h"
#include "sheet.h"
#include "store.h"
#include "test_sheet.h"
#include "test_tmp.h"

static const char *const sections[] = {"1:provider", "2:customer", NULL};

typedef struct fixture {
	char *dir;
	sl_sheet *sheet;
	sl_store_report report;
} fixture;

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof(*f));
	sl_store_report init = SL_STORE_REPORT_INIT;
	sl_item *it;
	f->report = init;
	f->dir = test_tmp_dir();
	f->sheet = test_sheet_new(sections);
	sl_sheet_meta_of(f->sheet)->title = sl_strdup("テスト用チェックシート");
	it = test_item("1-1", "1", "provider", "質問ですか。", "回答です。");
	/* Set out of canonical order: category after the answer, extras
	 * named out of order. */
	assert_int_equal(sl_item_set(it, "zeta", "最後", false), 0);
	assert_int_equal(sl_item_set(it, "category", "監視", false), 0);
	assert_int_equal(sl_item_set(it, "alpha", "[1,2]", true), 0);
	assert_int_equal(sl_sheet_add_item(f->sheet, it), 0);
	test_sheet_add(f->sheet, "2-1", "2", "二つ目", "一行目\n二行目");
	sl_sheet_sort(f->sheet);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	sl_store_report_dispose(&f->report);
	sl_sheet_free(f->sheet);
	test_tmp_rm(f->dir);
	free(f->dir);
	free(f);
	return 0;
}

static char *read_rel(const fixture *f, const char *rel)
{
	char *path = test_fmt("%s/%s", f->dir, rel);
	char *data = test_read_file(path, NULL);
	free(path);
	return data;
}

static void write_rel(const fixture *f, const char *rel, const char *text)
{
	char *path = test_fmt("%s/%s", f->dir, rel);
	test_write_str(path, text);
	free(path);
}

static void reset_report(fixture *f)
{
	sl_store_report init = SL_STORE_REPORT_INIT;
	sl_store_report_dispose(&f->report);
	f->report = init;
}

static void test_store__writes_items_in_canonical_form(void **state)
{
	fixture *f = *state;
	char *data;
	assert_int_equal(sl_store_write(&f->report, f->sheet, f->dir, false),
			 0);
	assert_int_equal(f->report.written, 3);
	assert_int_equal(f->report.unchanged, 0);
	data = read_rel(f, "items/1-1.json");
	assert_non_null(data);
	assert_string_equal(data, "{\n"
				  "  \"id\": \"1-1\",\n"
				  "  \"section\": \"1\",\n"
				  "  \"scope\": \"provider\",\n"
				  "  \"category\": \"監視\",\n"
				  "  \"question\": \"質問ですか。\",\n"
				  "  \"answer\": \"回答です。\",\n"
				  "  \"alpha\": [\n"
				  "    1,\n"
				  "    2\n"
				  "  ],\n"
				  "  \"zeta\": \"最後\"\n"
				  "}\n");
	free(data);
	data = read_rel(f, "items/2-1.json");
	assert_non_null(data);
	assert_non_null(strstr(data, "\"answer\": \"一行目\\n二行目\"\n}\n"));
	free(data);
	data = read_rel(f, "sheet.json");
	assert_non_null(data);
	assert_true(
		strncmp(data, "{\n  \"title\": \"テスト用チェックシート\",\n",
			strlen("{\n  \"title\": \"テスト用チェックシート\",\n")) ==
		0);
	assert_non_null(strstr(data, "\"as_of\": \"2022-09\""));
	free(data);
}

static void test_store__second_write_changes_nothing(void **state)
{
	fixture *f = *state;
	struct stat before, after;
	char *path = test_fmt("%s/items/1-1.json", f->dir);
	assert_int_equal(sl_store_write(&f->report, f->sheet, f->dir, false),
			 0);
	assert_int_equal(stat(path, &before), 0);
	reset_report(f);
	assert_int_equal(sl_store_write(&f->report, f->sheet, f->dir, false),
			 0);
	assert_int_equal(f->report.written, 0);
	assert_int_equal(f->report.unchanged, 3);
	assert_int_equal(stat(path, &after), 0);
	/* Not rewritten: the same inode. */
	assert_int_equal(before.st_ino, after.st_ino);
	free(path);
}

static void test_store__stale_files_are_reported_then_pruned(void **state)
{
	fixture *f = *state;
	char *path = test_fmt("%s/items/1-9.json", f->dir);
	write_rel(f, "items/1-9.json", "{}\n");
	assert_int_equal(sl_store_write(&f->report, f->sheet, f->dir, false),
			 0);
	assert_int_equal(f->report.stale.len, 1);
	assert_non_null(strstr(f->report.stale.items[0], "1-9.json"));
	assert_int_equal(f->report.removed, 0);
	assert_int_equal(access(path, F_OK), 0);
	reset_report(f);
	assert_int_equal(sl_store_write(&f->report, f->sheet, f->dir, true), 0);
	assert_int_equal(f->report.removed, 1);
	assert_int_equal(access(path, F_OK), -1);
	free(path);
}

static void test_store__unsafe_id_writes_nothing(void **state)
{
	fixture *f = *state;
	char *data;
	write_rel(f, "items/1-1.json", "old 1-1\n");
	/* An id that would escape items/. */
	assert_int_equal(sl_sheet_add_item(f->sheet, test_item("../evil", "1",
							       NULL, "q", "a")),
			 0);
	sl_sheet_sort(f->sheet);
	assert_int_equal(sl_store_write(&f->report, f->sheet, f->dir, false),
			 SL_EINVALID);
	assert_non_null(strstr(sl_error_last()->message, "../evil"));
	data = read_rel(f, "items/1-1.json");
	assert_string_equal(data, "old 1-1\n");
	free(data);
	data = read_rel(f, "evil.json");
	assert_null(data);
	data = read_rel(f, "items/2-1.json");
	assert_null(data);
}

static void test_store__duplicate_id_writes_nothing(void **state)
{
	fixture *f = *state;
	char *data;
	write_rel(f, "items/1-1.json", "old 1-1\n");
	test_sheet_add(f->sheet, "2-1", "2", "別の質問", "別の回答");
	sl_sheet_sort(f->sheet);
	assert_int_equal(sl_store_write(&f->report, f->sheet, f->dir, false),
			 SL_EINVALID);
	assert_non_null(strstr(sl_error_last()->message, "2-1"));
	data = read_rel(f, "items/1-1.json");
	assert_string_equal(data, "old 1-1\n");
	free(data);
	assert_null(read_rel(f, "sheet.json"));
}

static void test_store__failed_write_leaves_the_old_files(void **state)
{
	fixture *f = *state;
	char *data;
	write_rel(f, "sheet.json", "old sheet\n");
	/* items is a file: no item file can be written, and sheet.json,
	 * whose temporary file was fine, is not replaced either. */
	write_rel(f, "items", "not a directory\n");
	assert_int_equal(sl_store_write(&f->report, f->sheet, f->dir, false),
			 SL_EIO);
	data = read_rel(f, "sheet.json");
	assert_string_equal(data, "old sheet\n");
	free(data);
	data = read_rel(f, "items");
	assert_string_equal(data, "not a directory\n");
	free(data);
}

static void
test_store__out_of_memory_at_any_point_leaves_the_old_files(void **state)
{
	fixture *f = *state;
	long n, old_whole = 0;
	int rc = -1;
	for (n = 0; n < 10000 && rc != 0; n++) {
		char *a, *b, *c;
		char *p2 = test_fmt("%s/items/2-1.json", f->dir);
		unlink(p2);
		free(p2);
		write_rel(f, "sheet.json", "old sheet\n");
		write_rel(f, "items/1-1.json", "old 1-1\n");
		reset_report(f);
		sl_alloc_fail_after(n);
		rc = sl_store_write(&f->report, f->sheet, f->dir, false);
		sl_alloc_fail_after(-1);
		if (rc == 0)
			break;
		assert_int_equal(rc, SL_ENOMEM);
		a = read_rel(f, "sheet.json");
		b = read_rel(f, "items/1-1.json");
		c = read_rel(f, "items/2-1.json");
		if (!strcmp(a, "old sheet\n") && !strcmp(b, "old 1-1\n") &&
		    !c) {
			/* Failed before the renames: all old. */
			assert_int_equal(f->report.written, 0);
			old_whole++;
		} else {
			/* store.h: a failure leaves the old files whole. */
			fail_msg("allocation %ld failed after files were "
				 "replaced (%zu written)",
				 n, f->report.written);
		}
		free(a);
		free(b);
		free(c);
	}
	assert_true(old_whole > 3);
	print_message("store OOM sweep: %ld failures, every one before the "
		      "first rename\n",
		      old_whole);
	assert_int_equal(rc, 0);
	{
		char *b = read_rel(f, "items/1-1.json");
		assert_non_null(strstr(b, "\"id\": \"1-1\""));
		free(b);
	}
}

static void test_store__item_names_are_safe_id_file_names(void **state)
{
	(void)state;
	assert_true(sl_store_is_item_name("1-1.json"));
	assert_true(sl_store_is_item_name("MSTG-STORAGE-1.json"));
	assert_false(sl_store_is_item_name("1-1"));
	assert_false(sl_store_is_item_name(".json"));
	assert_false(sl_store_is_item_name("../1-1.json"));
	assert_false(sl_store_is_item_name("a/b.json"));
	assert_false(sl_store_is_item_name("README.md"));
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_store__writes_items_in_canonical_form),
		T(test_store__second_write_changes_nothing),
		T(test_store__stale_files_are_reported_then_pruned),
		T(test_store__unsafe_id_writes_nothing),
		T(test_store__duplicate_id_writes_nothing),
		T(test_store__failed_write_leaves_the_old_files),
		T(test_store__out_of_memory_at_any_point_leaves_the_old_files),
		T(test_store__item_names_are_safe_id_file_names),
	};
	return cmocka_run_group_tests_name("store", tests, NULL, NULL);
}
