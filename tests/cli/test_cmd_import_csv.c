/*
 * test_cmd_import_csv.c: spreadsheet edits back into the sheet: export then
 * import is a no-op on the full sheet with every awkward character (line
 * breaks in cells, quotes, commas, emoji, compatibility ideographs,
 * formula-like and apostrophe-led text); an edited CSV becomes exactly the
 * intended item edits and nothing else; encodings (UTF-8 with and without
 * BOM, CP932) detected or named; unknown and missing ids; and the
 * malformed-input catalogue: one message with line:column, exit status 2,
 * nothing written.
 */
#define _XOPEN_SOURCE 700
#include <iconv.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "csv.h"
#include "test_cli.h"
#include "test_repo.h"
#include "test_tmp.h"

static char *read_rel(test_repo *r, const char *rel, size_t *len)
{
	char *p = test_repo_path(r, rel), *t = test_read_file(p, len);
	free(p);
	return t;
}

/* A repository whose working tree holds the 2022-09 sheet and a few items
 * with the characters spreadsheets mangle. */
static int setup(void **state)
{
	test_repo *r = test_repo_new();
	test_repo_copy_checklist(r);
	test_repo_write(
		r, "checklist/items/6-11.json",
		"{\n  \"id\": \"6-11\",\n  \"section\": \"6\",\n"
		"  \"category\": \"記号, \\\"引用\\\"\",\n"
		"  \"question\": \"=1+1 は計算されますか。\",\n"
		"  \"answer\": \"改行を含む回答です。\\n二行目 👨‍👩‍👧 と ⾏ と 'と,です。\\r\\n三行目\",\n"
		"  \"note\": \"+81 3 1234\"\n}\n");
	test_repo_write(r, "checklist/items/6-12.json",
			"{\n  \"id\": \"6-12\",\n  \"section\": \"6\",\n"
			"  \"question\": \"'先頭のアポストロフィ\",\n"
			"  \"answer\": \"-はい\",\n  \"weight\": 3\n}\n");
	test_repo_commit(r, "sheet with awkward items");
	*state = r;
	return 0;
}

static int teardown(void **state)
{
	test_repo_free(*state);
	return 0;
}

/* Every item file, concatenated with its name: to prove "nothing else
 * changed". */
static char *all_items(test_repo *r)
{
	test_run *run =
		test_cli("-C", r->dir, "export", "--format", "json", NULL);
	char *s = strdup(run->out);
	test_run_free(run);
	return s;
}

static char *export_csv(test_repo *r, const char *name, const char *extra)
{
	char *path = test_repo_path(r, name);
	test_run *run = extra ? test_cli("-C", r->dir, "export", "--format",
					 "csv", extra, "-o", path, NULL)
			      : test_cli("-C", r->dir, "export", "--format",
					 "csv", "-o", path, NULL);
	assert_int_equal(run->status, 0);
	test_run_free(run);
	return path;
}

/* ---- a spreadsheet in the test: rows of cells, edited as an editor does
 * in Excel (insert a row, delete one, renumber), then saved as CSV with
 * every cell quoted. The parser is the core's; the writer is this one. */
typedef struct table {
	char ***rows; /* rows[r][c], owned */
	size_t n, cols;
} table;

static table *table_of_csv(const char *path)
{
	size_t len, r, c;
	char *text = test_read_file(path, &len);
	sl_csv *csv = NULL;
	table *t = calloc(1, sizeof(*t));
	size_t skip = len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3) ? 3 : 0;
	assert_int_equal(sl_csv_parse(&csv, text + skip, len - skip), 0);
	t->n = csv->count;
	t->cols = csv->rows[0].count;
	t->rows = calloc(t->n + 64, sizeof(*t->rows));
	for (r = 0; r < t->n; r++) {
		t->rows[r] = calloc(t->cols, sizeof(char *));
		for (c = 0; c < t->cols; c++)
			t->rows[r][c] = strdup(csv->rows[r].fields[c].text);
	}
	sl_csv_free(csv);
	free(text);
	return t;
}

static void table_free(table *t)
{
	size_t r, c;
	for (r = 0; r < t->n; r++) {
		for (c = 0; c < t->cols; c++)
			free(t->rows[r][c]);
		free(t->rows[r]);
	}
	free(t->rows);
	free(t);
}

/* The row whose first cell (the id) is id. */
static size_t table_row(const table *t, const char *id)
{
	size_t r;
	for (r = 1; r < t->n; r++)
		if (!strcmp(t->rows[r][0], id))
			return r;
	fail_msg("no row %s", id);
	return 0;
}

static size_t table_col(const table *t, const char *heading)
{
	size_t c;
	for (c = 0; c < t->cols; c++)
		if (!strcmp(t->rows[0][c], heading))
			return c;
	fail_msg("no column %s", heading);
	return 0;
}

static void table_set(table *t, size_t r, size_t c, const char *text)
{
	free(t->rows[r][c]);
	t->rows[r][c] = strdup(text);
}

/* Insert an empty row before row at. */
static void table_insert(table *t, size_t at)
{
	size_t c;
	memmove(&t->rows[at + 1], &t->rows[at], (t->n - at) * sizeof(*t->rows));
	t->rows[at] = calloc(t->cols, sizeof(char *));
	for (c = 0; c < t->cols; c++)
		t->rows[at][c] = strdup("");
	t->n++;
}

static void table_delete(table *t, size_t at)
{
	size_t c;
	for (c = 0; c < t->cols; c++)
		free(t->rows[at][c]);
	free(t->rows[at]);
	memmove(&t->rows[at], &t->rows[at + 1],
		(t->n - at - 1) * sizeof(*t->rows));
	t->n--;
}

/* Renumber rows from..to (inclusive) of section sec as sec-first,
 * sec-first+1, ...: what an editor types after inserting or deleting. */
static void table_renumber(table *t, size_t from, size_t to, const char *sec,
			   int first)
{
	size_t r;
	for (r = from; r <= to; r++) {
		char *id = test_fmt("%s-%d", sec, first + (int)(r - from));
		table_set(t, r, 0, id);
		free(id);
	}
}

static void table_write(const table *t, const char *path)
{
	FILE *f = fopen(path, "wb");
	size_t r, c;
	const char *p;
	assert_non_null(f);
	for (r = 0; r < t->n; r++) {
		for (c = 0; c < t->cols; c++) {
			fputs(c ? ",\"" : "\"", f);
			for (p = t->rows[r][c]; *p; p++)
				fputs(*p == '"' ? "\"\"" : (char[]){*p, 0}, f);
			fputc('"', f);
		}
		fputs("\r\n", f);
	}
	fclose(f);
}

/* The item file of id, or NULL when there is none. */
static char *item_file(test_repo *r, const char *id)
{
	char *rel = test_fmt("checklist/items/%s.json", id);
	char *f = read_rel(r, rel, NULL);
	free(rel);
	return f;
}

/* The first report: insert a row after 2-5, renumber the rows
 * below (2-6 -> 2-7 ... 2-20 -> 2-21), import with --write. That is one
 * added item and 15 renumbered ones; every old answer survives, under its
 * new number, and the new row is a file of its own. */
static void
test_import_csv__inserted_row_is_one_added_and_renumbered(void **state)
{
	test_repo *r = *state;
	char *csv = export_csv(r, "out.csv", NULL), *old[21], *f;
	table *t = table_of_csv(csv);
	size_t at = table_row(t, "2-6"), last = table_row(t, "2-20"), k;
	test_run *run;
	for (k = 6; k <= 20; k++) {
		char *id = test_fmt("2-%zu", k);
		old[k] = item_file(r, id);
		free(id);
	}
	table_insert(t, at);
	table_set(t, at, table_col(t, "section"), "2");
	table_set(t, at, table_col(t, "category"), "機密性");
	table_set(t, at, table_col(t, "question"),
		  "新しく挿入した質問ですか。");
	table_set(t, at, table_col(t, "answer"), "新しく挿入した回答です。");
	table_renumber(t, at, last + 1, "2", 6);
	table_write(t, csv);
	table_free(t);

	run = test_cli("-C", r->dir, "import", "--from", "csv", csv, "--write",
		       "--lang", "en", NULL);
	assert_int_equal(run->status, 0);
	assert_non_null(strstr(run->out, "1 added"));
	assert_non_null(strstr(run->out, "15 renumbered"));
	assert_null(strstr(run->out, "removed"));
	assert_null(strstr(run->out, "modified"));
	test_run_free(run);
	/* Old 2-k is now 2-(k+1), byte for byte but for its id. */
	for (k = 6; k <= 20; k++) {
		char *id = test_fmt("2-%zu", k + 1), *want;
		char *was = test_fmt("\"id\": \"2-%zu\"", k);
		char *now = test_fmt("\"id\": \"2-%zu\"", k + 1);
		char *at_id = strstr(old[k], was);
		assert_non_null(at_id);
		want = test_fmt("%.*s%s%s", (int)(at_id - old[k]), old[k], now,
				at_id + strlen(was));
		f = item_file(r, id);
		assert_non_null(f);
		assert_string_equal(f, want);
		free(f);
		free(want);
		free(was);
		free(now);
		free(id);
		free(old[k]);
	}
	f = item_file(r, "2-6");
	assert_string_equal(f,
			    "{\n  \"id\": \"2-6\",\n  \"section\": \"2\",\n"
			    "  \"scope\": \"provider\",\n"
			    "  \"category\": \"機密性\",\n"
			    "  \"question\": \"新しく挿入した質問ですか。\",\n"
			    "  \"answer\": \"新しく挿入した回答です。\"\n}\n");
	free(f);
	free(csv);
}

/* The second report: delete row 3-2 and renumber 3-3, 3-4 as 3-2,
 * 3-3. Without --delete-missing that is refused, naming the item that
 * would go, and nothing is written; with it, 1 removed + 2 renumbered and
 * no two files hold the same text. */
static void test_import_csv__deleted_row_is_refused_then_removed(void **state)
{
	test_repo *r = *state;
	char *csv = export_csv(r, "out.csv", NULL), *before = all_items(r);
	char *old3 = item_file(r, "3-3"), *old4 = item_file(r, "3-4"), *f,
	     *after;
	table *t = table_of_csv(csv);
	size_t at = table_row(t, "3-2");
	test_run *run;
	table_delete(t, at);
	table_renumber(t, at, at + 1, "3", 2);
	table_write(t, csv);
	table_free(t);

	run = test_cli("-C", r->dir, "import", "--from", "csv", csv, "--write",
		       "--lang", "en", NULL);
	assert_int_equal(run->status, 1);
	assert_non_null(strstr(
		run->err, "sheetlog: 3-2 ニフクラ基盤更新に伴うニフクラ上で"));
	assert_non_null(strstr(run->err, "--delete-missing"));
	assert_non_null(strstr(run->err, "nothing written"));
	test_run_free(run);
	after = all_items(r);
	assert_string_equal(before, after);
	free(after);

	run = test_cli("-C", r->dir, "import", "--from", "csv", csv, "--write",
		       "--delete-missing", "--lang", "en", NULL);
	assert_int_equal(run->status, 0);
	assert_non_null(strstr(run->out, "1 removed"));
	assert_non_null(strstr(run->out, "2 renumbered"));
	test_run_free(run);
	assert_null(item_file(r, "3-4"));
	f = item_file(r, "3-2");
	assert_non_null(strstr(f, strstr(old3, "\"section\"")));
	free(f);
	f = item_file(r, "3-3");
	assert_non_null(strstr(f, strstr(old4, "\"section\"")));
	free(f);
	free(old3);
	free(old4);
	free(before);
	free(csv);
}

static void test_import_csv__export_then_import_is_a_no_op(void **state)
{
	test_repo *r = *state;
	const char *variants[] = {NULL, "--bom"};
	size_t i;
	for (i = 0; i < 4; i++) {
		char *before = all_items(r), *after;
		char *csv = export_csv(r, "out.csv", variants[i % 2]);
		/* The extra columns (note, weight) ignored, then kept. */
		test_run *run =
			i < 2 ? test_cli("-C", r->dir, "import", "--from",
					 "csv", csv, "--write", "--lang", "en",
					 NULL)
			      : test_cli("-C", r->dir, "import", "--from",
					 "csv", csv, "--write", "--lang", "en",
					 "--extra-columns", NULL);
		assert_int_equal(run->status, 0);
		assert_non_null(strstr(run->out, "\nNo changes.\n"));
		assert_non_null(strstr(run->err, "read 163 rows of "));
		assert_non_null(strstr(run->err, "wrote 0 item files\n"));
		if (i < 2)
			assert_non_null(strstr(
				run->err, "columns ignored (--extra-columns "
					  "keeps them): note, weight\n"));
		else
			assert_null(strstr(run->err, "ignored"));
		after = all_items(r);
		assert_string_equal(before, after);
		free(before);
		free(after);
		free(csv);
		test_run_free(run);
	}
}

static void test_import_csv__edits_become_exactly_those_edits(void **state)
{
	test_repo *r = *state;
	char *csv = test_repo_path(r, "edit.csv"), *before, *after, *f;
	size_t len;
	test_run *run;
	/* Only two columns: every other field must be kept. */
	test_write_str(csv, "No,回答内容\r\n"
			    "6-11,\"新しい回答です。\n改行も残ります。\"\r\n"
			    "6-12,'=SUM(A1:A3)\r\n");
	before = all_items(r);
	run = test_cli("-C", r->dir, "import", "--from", "csv", csv, "--write",
		       NULL);
	assert_int_equal(run->status, 0);
	assert_non_null(strstr(run->err, "wrote 2 item files\n"));
	assert_non_null(strstr(run->err, "ids of the sheet not in the CSV "
					 "(kept): 1-1, 1-2, "));
	test_run_free(run);
	f = read_rel(r, "checklist/items/6-11.json", &len);
	assert_string_equal(
		f, "{\n  \"id\": \"6-11\",\n  \"section\": \"6\",\n"
		   "  \"category\": \"記号, \\\"引用\\\"\",\n"
		   "  \"question\": \"=1+1 は計算されますか。\",\n"
		   "  \"answer\": \"新しい回答です。\\n改行も残ります。\",\n"
		   "  \"note\": \"+81 3 1234\"\n}\n");
	free(f);
	/* The neutralising apostrophe is taken off; the JSON extra stays. */
	f = read_rel(r, "checklist/items/6-12.json", &len);
	assert_non_null(strstr(f, "\"answer\": \"=SUM(A1:A3)\""));
	assert_non_null(strstr(f, "\"weight\": 3\n"));
	free(f);
	/* Nothing else moved: the other 161 items are as they were. */
	after = all_items(r);
	{
		const char *a = strstr(before, "\"id\": \"1-1\""),
			   *b = strstr(after, "\"id\": \"1-1\"");
		const char *ea = strstr(before, "\"id\": \"6-11\""),
			   *eb = strstr(after, "\"id\": \"6-11\"");
		assert_int_equal(ea - a, eb - b);
		assert_memory_equal(a, b, (size_t)(ea - a));
	}
	free(before);
	free(after);
	free(csv);
}

/* iconv in the test: an independent encoder for the fixtures. */
static char *to_cp932(const char *utf8, size_t *len)
{
	iconv_t cd = iconv_open("CP932", "UTF-8");
	size_t in_left = strlen(utf8), out_left = in_left * 2 + 1;
	char *out = malloc(out_left), *o = out, *in = (char *)utf8;
	assert_true(cd != (iconv_t)-1);
	assert_true(iconv(cd, &in, &in_left, &o, &out_left) != (size_t)-1);
	iconv_close(cd);
	*len = (size_t)(o - out);
	return out;
}

static void test_import_csv__encodings_detected_or_named(void **state)
{
	test_repo *r = *state;
	const char *text = "id,answer\r\n1-61,障害は即時に通知します。～①\r\n";
	char *csv = test_repo_path(r, "enc.csv"), *sjis, *bom;
	size_t len;
	test_run *run;
	sjis = to_cp932(text, &len);
	test_write_file(csv, sjis, len);
	run = test_cli("-C", r->dir, "import", "--from", "csv", csv, "--format",
		       "json", NULL);
	assert_int_equal(run->status, 0);
	assert_non_null(strstr(run->err, "(cp932)\n"));
	assert_non_null(
		strstr(run->out, "\"new\": \"障害は即時に通知します。～①\""));
	test_run_free(run);
	/* Named, the same. */
	run = test_cli("-C", r->dir, "import", "--from", "csv", csv,
		       "--encoding", "cp932", "--format", "json", NULL);
	assert_non_null(
		strstr(run->out, "\"new\": \"障害は即時に通知します。～①\""));
	test_run_free(run);
	/* UTF-8 with a byte order mark. */
	bom = test_fmt("\xEF\xBB\xBF%s", text);
	test_write_str(csv, bom);
	run = test_cli("-C", r->dir, "import", "--from", "csv", csv, "--format",
		       "json", NULL);
	assert_int_equal(run->status, 0);
	assert_non_null(strstr(run->err, "(utf-8)\n"));
	assert_non_null(
		strstr(run->out, "\"new\": \"障害は即時に通知します。～①\""));
	test_run_free(run);
	free(bom);
	free(sjis);
	free(csv);
}

static void test_import_csv__unknown_ids_and_add_new(void **state)
{
	test_repo *r = *state;
	char *csv = test_repo_path(r, "new.csv"), *f;
	size_t len;
	test_run *run;
	test_write_str(csv, "id,category,question,answer\n"
			    "2-21,新規,新しい質問ですか。,新しい回答です。\n");
	run = test_cli("-C", r->dir, "import", "--from", "csv", csv, "--write",
		       NULL);
	assert_int_equal(run->status, 0);
	assert_non_null(strstr(run->err,
			       "ids not in the sheet (not added; --add-new "
			       "adds them): 2-21 (line 2)\n"));
	assert_non_null(strstr(run->err, "wrote 0 item files\n"));
	test_run_free(run);
	run = test_cli("-C", r->dir, "import", "--from", "csv", csv, "--write",
		       "--add-new", NULL);
	assert_int_equal(run->status, 0);
	assert_non_null(strstr(run->out, "+ 2-21 追加"));
	test_run_free(run);
	/* The section comes from the id's prefix. */
	f = read_rel(r, "checklist/items/2-21.json", &len);
	assert_string_equal(f, "{\n  \"id\": \"2-21\",\n  \"section\": \"2\",\n"
			       "  \"category\": \"新規\",\n"
			       "  \"question\": \"新しい質問ですか。\",\n"
			       "  \"answer\": \"新しい回答です。\"\n}\n");
	free(f);
	/* Ids missing from the CSV were not deleted. */
	f = read_rel(r, "checklist/items/1-1.json", &len);
	assert_non_null(f);
	free(f);
	free(csv);
}

static void test_import_csv__lint_errors_block_the_write(void **state)
{
	test_repo *r = *state;
	char *csv = test_repo_path(r, "empty.csv"), *before, *after;
	test_run *run;
	test_write_str(csv, "id,answer\n1-61,\n");
	before = all_items(r);
	run = test_cli("-C", r->dir, "import", "--from", "csv", csv, "--write",
		       NULL);
	assert_int_equal(run->status, 1);
	assert_non_null(strstr(run->err, "error: "));
	assert_non_null(strstr(run->err, "the CSV would leave 1 lint error; "
					 "nothing written\n"));
	test_run_free(run);
	after = all_items(r);
	assert_string_equal(before, after);
	free(before);
	free(after);
	free(csv);
}

/* tmpl with its one "%s" replaced by path. */
static char *splice(const char *tmpl, const char *path)
{
	const char *at = strstr(tmpl, "%s");
	assert_non_null(at);
	return test_fmt("%.*s%s%s", (int)(at - tmpl), tmpl, path, at + 2);
}

static void test_import_csv__malformed_input_catalogue(void **state)
{
	static const struct {
		const char *name, *data, *encoding, *message;
	} cases[] = {
		{"unbalanced quote", "id,answer\n1-61,\"abc\n", NULL,
		 "quoted field is never closed: %s:2:6\n"},
		{"bare quote", "id,answer\n1-61,ab\"c\n", NULL,
		 "quote inside an unquoted field (quote the field and double "
		 "the quote): %s:2:8\n"},
		{"text after quote", "id,answer\n1-61,\"ab\"c\n", NULL,
		 "text after the closing quote of a field: %s:2:10\n"},
		{"too many columns", "id,answer\n1-61,x,y\n", NULL,
		 "row has 3 columns, the header has 2: %s:2:8\n"},
		{"too few columns", "id,category,answer\n1-61,x\n", NULL,
		 "row has 2 columns, the header has 3: %s:2:1\n"},
		{"duplicate id", "id,answer\n1-61,x\n1-61,y\n", NULL,
		 "duplicate id '1-61' (first on line 2): %s:3:1 (item 1-61)\n"},
		{"empty id", "id,answer\n,x\n", NULL, "empty id: %s:2:1\n"},
		{"duplicate column", "id,answer,回答内容\n1-61,x,y\n", NULL,
		 "the header names the column 'answer' twice: %s:1:11\n"},
		{"no id column", "category,answer\nx,y\n", NULL,
		 "the header has no id column (id, No or No): %s:1:1\n"},
		{"empty file", "", NULL,
		 "the CSV is empty (a header row is needed): %s:1:1\n"},
		{"invalid UTF-8", "id,answer\n1-61,あ\xff\n", "utf-8",
		 "invalid UTF-8 (byte 0xFF); save the CSV as UTF-8 or CP932, "
		 "or name the encoding with --encoding: %s:2:7\n"},
		{"invalid CP932", "id,answer\n1-61,\x82\xa0\xff\n", NULL,
		 "invalid CP932 (Shift_JIS) (byte 0xFF); save the CSV as UTF-8 "
		 "or CP932, or name the encoding with --encoding: %s:2:7\n"},
	};
	test_repo *r = *state;
	char *csv = test_repo_path(r, "bad.csv"), *before = all_items(r);
	size_t i;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		test_run *run;
		char *want = splice(cases[i].message, csv), *full, *after;
		test_write_str(csv, cases[i].data);
		run = cases[i].encoding
			      ? test_cli("-C", r->dir, "import", "--from",
					 "csv", csv, "--write", "--encoding",
					 cases[i].encoding, NULL)
			      : test_cli("-C", r->dir, "import", "--from",
					 "csv", csv, "--write", NULL);
		full = test_fmt("sheetlog: %s", want);
		if (run->status != 2 || strcmp(run->err, full))
			fail_msg("%s: status %d, stderr %s", cases[i].name,
				 run->status, run->err);
		assert_string_equal(run->out, "");
		after = all_items(r);
		assert_string_equal(before, after);
		free(after);
		free(full);
		free(want);
		test_run_free(run);
	}
	free(before);
	free(csv);
}

/* An extra column edits extra fields only with --extra-columns: 6-11's note
 * changes, 1-2 gains one, 6-12's JSON number stays a number. */
static void test_import_csv__extra_columns_edit_extra_fields(void **state)
{
	test_repo *r = *state;
	char *csv = test_repo_path(r, "extra.csv"), *before, *after, *f;
	test_run *run;
	test_write_str(csv, "No,note,weight\r\n"
			    "6-11,+81 3 9999,\r\n"
			    "1-2,新しい備考,\r\n"
			    "6-12,,3\r\n");
	before = all_items(r);
	run = test_cli("-C", r->dir, "import", "--from", "csv", csv, "--write",
		       NULL);
	assert_int_equal(run->status, 0);
	assert_non_null(strstr(run->err, "columns ignored (--extra-columns "
					 "keeps them): note, weight\n"));
	assert_non_null(strstr(run->err, "wrote 0 item files\n"));
	after = all_items(r);
	assert_string_equal(before, after);
	free(after);
	test_run_free(run);

	run = test_cli("-C", r->dir, "import", "--from", "csv", csv, "--write",
		       "--extra-columns", NULL);
	assert_int_equal(run->status, 0);
	assert_non_null(strstr(run->err, "wrote 2 item files\n"));
	test_run_free(run);
	f = read_rel(r, "checklist/items/6-11.json", NULL);
	assert_non_null(strstr(f, "\"note\": \"+81 3 9999\""));
	assert_non_null(strstr(f, "\"question\": \"=1+1 は計算されますか。\""));
	free(f);
	f = read_rel(r, "checklist/items/1-2.json", NULL);
	assert_non_null(strstr(f, "\"note\": \"新しい備考\""));
	free(f);
	f = read_rel(r, "checklist/items/6-12.json", NULL);
	assert_non_null(strstr(f, "\"weight\": 3\n"));
	free(f);
	free(before);
	free(csv);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
			test_import_csv__export_then_import_is_a_no_op, setup,
			teardown),
		cmocka_unit_test_setup_teardown(
			test_import_csv__edits_become_exactly_those_edits,
			setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_import_csv__encodings_detected_or_named, setup,
			teardown),
		cmocka_unit_test_setup_teardown(
			test_import_csv__unknown_ids_and_add_new, setup,
			teardown),
		cmocka_unit_test_setup_teardown(
			test_import_csv__lint_errors_block_the_write, setup,
			teardown),
		cmocka_unit_test_setup_teardown(
			test_import_csv__malformed_input_catalogue, setup,
			teardown),
		cmocka_unit_test_setup_teardown(
			test_import_csv__extra_columns_edit_extra_fields, setup,
			teardown),
		cmocka_unit_test_setup_teardown(
			test_import_csv__inserted_row_is_one_added_and_renumbered,
			setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_import_csv__deleted_row_is_refused_then_removed,
			setup, teardown),
	};
	return cmocka_run_group_tests(tests, test_global_setup,
				      test_global_teardown);
}
