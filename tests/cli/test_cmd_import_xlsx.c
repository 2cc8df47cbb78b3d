/*
 * test_cmd_import_xlsx.c: `import --from xlsx`, the spreadsheet import
 * through a workbook. Export then import is a no-op (with and without the
 * change list), and so is our export re-saved by openpyxl (and by
 * LibreOffice where it is installed); workbooks openpyxl wrote from
 * scratch (worksheets renamed and reordered, header below row 1, blank and
 * merged categories) read as the sheet; an edit in one becomes exactly
 * that edit; an id Excel made a date and every hostile workbook is one
 * line on stderr, exit status 2, nothing written.
 */
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
#include "test_sh.h"
#include "test_tmp.h"
#include "test_xlsx.h"

typedef struct fixture {
	test_repo *repo;
	const char *books; /* the workbooks of xlsx_fixtures.py, or NULL */
} fixture;

/* The live sheet and two items with what spreadsheets mangle: a formula-
 * like question, an apostrophe, CRLF inside a cell, emoji, an item
 * without a category below one with. */
static test_repo *awkward_repo(void)
{
	test_repo *r = test_repo_new();
	test_repo_copy_checklist(r);
	test_repo_write(
		r, "checklist/items/6-11.json",
		"{\n  \"id\": \"6-11\",\n  \"section\": \"6\",\n"
		"  \"category\": \"記号, \\\"引用\\\"\",\n"
		"  \"question\": \"=1+1 は計算されますか。\",\n"
		"  \"answer\": \"改行を含む回答です。\\n二行目 👨‍👩‍👧 と ⾏ と 'と,です。\\r\\n三行目\"\n}\n");
	test_repo_write(r, "checklist/items/6-12.json",
			"{\n  \"id\": \"6-12\",\n  \"section\": \"6\",\n"
			"  \"question\": \"'先頭のアポストロフィ\",\n"
			"  \"answer\": \"-はい\"\n}\n");
	test_repo_commit(r, "sheet with awkward items");
	return r;
}

/* The workbooks, written once from that sheet's items (about a second). */
static char *books;

static int group_setup(void **state)
{
	test_repo *r;
	char *items;
	test_global_setup(state);
	r = awkward_repo();
	items = test_repo_path(r, "checklist/items");
	books = test_xlsx_fixtures(items);
	free(items);
	test_repo_free(r);
	return 0;
}

static int group_teardown(void **state)
{
	if (books)
		test_tmp_rm(books);
	free(books);
	return test_global_teardown(state);
}

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof(*f));
	f->repo = awkward_repo();
	f->books = books;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	test_repo_free(f->repo);
	free(f);
	return 0;
}

static const char *need_books(const fixture *f)
{
	if (!f->books) {
		printf("SKIP: python3-openpyxl is not installed\n");
		skip();
	}
	return f->books;
}

/* Every item, as the JSON export: to prove "nothing else changed". */
static char *all_items(test_repo *r)
{
	test_run *run =
		test_cli("-C", r->dir, "export", "--format", "json", NULL);
	char *s = strdup(run->out);
	test_run_free(run);
	return s;
}

/* Import book with --write and --lang en: no changes, nothing written. */
static void assert_no_op(test_repo *r, const char *book, size_t rows)
{
	char *read = test_fmt("read %zu rows of ", rows);
	char *before = all_items(r), *after;
	test_run *run = test_cli("-C", r->dir, "import", "--from", "xlsx", book,
				 "--write", "--lang", "en", NULL);
	if (run->status != 0 || !strstr(run->out, "\nNo changes.\n"))
		fail_msg("%s: status %d\n%s%s", book, run->status, run->out,
			 run->err);
	assert_non_null(strstr(run->err, read));
	free(read);
	assert_non_null(strstr(run->err, "wrote 0 item files\n"));
	after = all_items(r);
	assert_string_equal(before, after);
	free(before);
	free(after);
	test_run_free(run);
}

/* One line on stderr naming the problem, exit 2, nothing written. */
static void assert_refused(test_repo *r, const char *book, const char *message)
{
	char *before = all_items(r), *after, *nl;
	test_run *run = test_cli("-C", r->dir, "import", "--from", "xlsx", book,
				 "--write", NULL);
	if (run->status != 2 || !strstr(run->err, message))
		fail_msg("%s: status %d, stderr '%s'", book, run->status,
			 run->err);
	assert_string_equal(run->out, "");
	nl = strchr(run->err, '\n');
	assert_non_null(nl);
	assert_int_equal(nl[1], '\0');
	after = all_items(r);
	assert_string_equal(before, after);
	free(before);
	free(after);
	test_run_free(run);
}

static char *export_xlsx(test_repo *r, const char *name, const char *since)
{
	char *path = test_repo_path(r, name);
	test_run *run =
		since ? test_cli("-C", r->dir, "export", "--format", "xlsx",
				 "--changes-since", since, "-o", path, NULL)
		      : test_cli("-C", r->dir, "export", "--format", "xlsx",
				 "-o", path, NULL);
	assert_int_equal(run->status, 0);
	test_run_free(run);
	return path;
}

static void test_import_xlsx__export_then_import_is_a_no_op(void **state)
{
	fixture *f = *state;
	char *book = export_xlsx(f->repo, "out.xlsx", NULL);
	test_run *run;
	assert_no_op(f->repo, book, 163);
	run = test_cli("-C", f->repo->dir, "import", "--from", "xlsx", book,
		       NULL);
	assert_non_null(strstr(run->err, "worksheets skipped (no header "
					 "row): 表紙\n"));
	assert_non_null(strstr(run->err, "worksheets read: 1 "));
	test_run_free(run);
	free(book);
}

/* With --changes-since the workbook gains a 種別 column and 変更一覧; the
 * 新旧対照表 layout has no item worksheet. */
static void test_import_xlsx__export_with_changes_is_a_no_op(void **state)
{
	fixture *f = *state;
	char *book;
	/* A removal, and an edit: its cell is rich text (the inserted
	 * words underlined), read back as the plain new text. */
	test_repo_remove(f->repo, "checklist/items/6-12.json");
	test_repo_write(
		f->repo, "checklist/items/6-11.json",
		"{\n  \"id\": \"6-11\",\n  \"section\": \"6\",\n"
		"  \"question\": \"=1+1 は計算されますか。\",\n"
		"  \"answer\": \"改行を含む回答です。追記\\n二行目\"\n}\n");
	test_repo_commit(f->repo, "6-12 removed, 6-11 edited");
	book = export_xlsx(f->repo, "changes.xlsx", "HEAD~1");
	test_run *run = test_cli("-C", f->repo->dir, "import", "--from", "xlsx",
				 book, NULL);
	assert_int_equal(run->status, 0);
	assert_non_null(strstr(run->err, "変更一覧"));
	assert_non_null(strstr(run->out, "変更はありません。"));
	test_run_free(run);
	assert_no_op(f->repo, book, 162);
	free(book);
	/* A 新旧対照表 alone has no item worksheet. */
	book = test_repo_path(f->repo, "shinkyu.xlsx");
	run = test_cli("-C", f->repo->dir, "export", "--format", "xlsx",
		       "--layout", "shinkyu", "--changes-since", "HEAD~1", "-o",
		       book, NULL);
	assert_int_equal(run->status, 0);
	test_run_free(run);
	assert_refused(f->repo, book, "no worksheet has a header row");
	free(book);
}

static void test_import_xlsx__openpyxl_resave_is_a_no_op(void **state)
{
	fixture *f = *state;
	char *book, *copy, *cmd, *out = NULL;
	need_books(f);
	book = export_xlsx(f->repo, "ours.xlsx", NULL);
	copy = test_repo_path(f->repo, "resaved.xlsx");
	cmd = test_fmt("%s -c 'import openpyxl, sys; "
		       "openpyxl.load_workbook(sys.argv[1]).save(sys.argv[2])' "
		       "'%s' '%s' 2>&1",
		       test_xlsx_python(), book, copy);
	assert_int_equal(test_sh(&out, cmd), 0);
	assert_no_op(f->repo, copy, 163);
	free(out);
	free(cmd);
	free(copy);
	free(book);
}

static void test_import_xlsx__libreoffice_resave_is_a_no_op(void **state)
{
	fixture *f = *state;
	char *book, *dir, *copy, *cmd, *out = NULL;
	if (test_sh(&out, "command -v soffice >/dev/null 2>&1") != 0) {
		free(out);
		printf("SKIP: LibreOffice (soffice) is not installed\n");
		skip();
	}
	free(out);
	book = export_xlsx(f->repo, "lo.xlsx", NULL);
	dir = test_tmp_dir();
	cmd = test_fmt("cd '%s' && HOME='%s' soffice --headless "
		       "--convert-to xlsx --outdir '%s/out' '%s' 2>&1",
		       dir, dir, dir, book);
	assert_int_equal(test_sh(&out, cmd), 0);
	copy = test_fmt("%s/out/lo.xlsx", dir);
	assert_no_op(f->repo, copy, 163);
	test_tmp_rm(dir);
	free(out);
	free(cmd);
	free(copy);
	free(dir);
	free(book);
}

/* openpyxl's own workbooks of the sheet: renamed and reversed worksheets
 * after a cover, the header in row 3 or row 1, an empty row, repeated
 * categories blank or merged, a change list to skip. They print each
 * category once per group, so 6-12, which has none, reads as one more
 * item of 6-11's category: the one change, and the documented one. */
static void test_import_xlsx__openpyxl_workbooks_read_as_the_sheet(void **state)
{
	fixture *f = *state;
	const char *names[] = {"reordered.xlsx", "merged.xlsx"};
	size_t i;
	for (i = 0; i < 2; i++) {
		char *book = test_fmt("%s/%s", need_books(f), names[i]);
		test_run *run = test_cli("-C", f->repo->dir, "import", "--from",
					 "xlsx", book, "--lang", "en", NULL);
		const char *at = strstr(run->out, "\n== 6. ");
		if (run->status != 0 || !at)
			fail_msg("%s: status %d\n%s%s", book, run->status,
				 run->out, run->err);
		assert_non_null(strstr(run->out, "modified 1 · renumbered 0 · "
						 "replaced 0 · notation only 0 "
						 "· unchanged 162"));
		assert_string_equal(strchr(at + 1, '\n'),
				    "\n~ 6-12 modified\n"
				    "    Category: {+記号, \"引用\"+}\n");
		test_run_free(run);
		free(book);
	}
}

static void test_import_xlsx__an_edit_becomes_exactly_that_edit(void **state)
{
	fixture *f = *state;
	char *book = test_fmt("%s/edited.xlsx", need_books(f)), *before, *after,
	     *file, *expected;
	size_t len;
	test_run *run;
	before = all_items(f->repo);
	run = test_cli("-C", f->repo->dir, "import", "--from", "xlsx", book,
		       "--write", NULL);
	assert_int_equal(run->status, 0);
	assert_non_null(strstr(run->out, "~ 1-1 変更"));
	assert_non_null(strstr(run->err, "wrote 1 item file\n"));
	test_run_free(run);
	file = test_repo_path(f->repo, "checklist/items/1-1.json");
	expected = test_read_file(file, &len);
	assert_non_null(
		strstr(expected, "\"answer\": \"回答を書き換えました。\""));
	/* Everything else as it was. */
	run = test_cli("-C", f->repo->dir, "diff", "HEAD", "--lang", "en",
		       NULL);
	assert_non_null(strstr(run->out, "\nadded 0 · removed 0 · modified 1 "
					 "· renumbered 0 · replaced 0 · "
					 "notation only 0 · unchanged 162"));
	assert_non_null(strstr(run->out, "~ 1-1 modified\n    Answer: "));
	test_run_free(run);
	after = all_items(f->repo);
	assert_string_not_equal(before, after);
	free(before);
	free(after);
	free(expected);
	free(file);
	free(book);
}

static void test_import_xlsx__date_id_names_sheet_and_row(void **state)
{
	fixture *f = *state;
	char *book = test_fmt("%s/date-id.xlsx", need_books(f)), *want;
	want = test_fmt("sheetlog: Excel turned id into a date (2026-01-01; "
			"was it 1-1?): format the id column as text and type "
			"the id again: %s: sheet '日付' row 2 column A\n",
			book);
	assert_refused(f->repo, book, want);
	free(want);
	free(book);
}

/* The import's own row failures, restated in the worksheet's terms. */
static void test_import_xlsx__row_failures_name_the_worksheet(void **state)
{
	static const struct {
		const char *file, *message, *where;
	} cases[] = {
		{"dup.xlsx", "duplicate id '1-1' (first on line 2)",
		 "sheet 'B' row 2 column A (item 1-1)"},
		{"headers.xlsx",
		 "the header's columns differ from those of sheet 'A' (the "
		 "item worksheets must have the same)",
		 "sheet 'B' row 1"},
		{"outside.xlsx", "a cell outside the header's columns",
		 "sheet 'A' row 2 column F"},
	};
	fixture *f = *state;
	size_t i;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *book = test_fmt("%s/%s", need_books(f), cases[i].file);
		char *want = test_fmt("sheetlog: %s: %s: %s\n",
				      cases[i].message, book, cases[i].where);
		assert_refused(f->repo, book, want);
		free(want);
		free(book);
	}
}

static void test_import_xlsx__hostile_workbooks_are_refused(void **state)
{
	static const struct {
		const char *file, *message;
	} cases[] = {
		{"bomb.xlsx", "inflates past the cap of 64 MiB"},
		{"bomb-lying.xlsx", "inflates past its declared size"},
		{"laughs.xlsx", "has a DTD"},
		{"xxe.xlsx", "has a DTD"},
		{"dotdot.xlsx", "climbs out with '..'"},
		{"absolute.xlsx", "has an absolute path"},
		{"nul.xlsx", "has a NUL"},
		{"truncated.xlsx", "or a truncated one"},
		{"no-workbook.xlsx", "no part 'xl/workbook.xml'"},
		{"dangling.xlsx", "no part 'xl/worksheets/sheet1.xml'"},
		{"million.xlsx", "more than 100000 rows (the cap)"},
		{"kinds.xlsx", "no worksheet has a header row"},
	};
	fixture *f = *state;
	size_t i;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *book = test_fmt("%s/%s", need_books(f), cases[i].file);
		assert_refused(f->repo, book, cases[i].message);
		free(book);
	}
}

static void test_import_xlsx__encoding_is_for_csv(void **state)
{
	fixture *f = *state;
	test_run *run = test_cli("-C", f->repo->dir, "import", "--from", "xlsx",
				 "x.xlsx", "--encoding", "cp932", NULL);
	assert_int_equal(run->status, 2);
	assert_string_equal(run->err,
			    "sheetlog: --encoding is for --from csv\n");
	test_run_free(run);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
		T(test_import_xlsx__export_then_import_is_a_no_op),
		T(test_import_xlsx__export_with_changes_is_a_no_op),
		T(test_import_xlsx__openpyxl_resave_is_a_no_op),
		T(test_import_xlsx__libreoffice_resave_is_a_no_op),
		T(test_import_xlsx__openpyxl_workbooks_read_as_the_sheet),
		T(test_import_xlsx__an_edit_becomes_exactly_that_edit),
		T(test_import_xlsx__date_id_names_sheet_and_row),
		T(test_import_xlsx__row_failures_name_the_worksheet),
		T(test_import_xlsx__hostile_workbooks_are_refused),
		T(test_import_xlsx__encoding_is_for_csv),
#undef T
	};
	return cmocka_run_group_tests_name("cmd_import_xlsx", tests,
					   group_setup, group_teardown);
}
