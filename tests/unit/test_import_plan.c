/*
 * test_import_plan.c: rows as the desired sheet, matched as diff matches:
 * an inserted row is 1 added + N renumbered and every renumbered item
 * keeps the fields the table lacks from its own old item; a deleted row
 * is 1 removed (named in going); a '?' for a character CP932 lacks keeps
 * the old text, and with the CP932 flag so does its NFKC form; an added
 * item takes its section's scope; a scope cell may be a title; a failed
 * plan leaves the sheet as it was; the write renames a chain without
 * losing a file and removes only numbers the sheet no longer has.
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

#include "error.h"
#include "fs.h"
#include "import_csv.h"
#include "import_plan.h"
#include "store.h"
#include "test_sheet.h"
#include "test_tmp.h"

static const char *const questions[] = {
	"障害が検出されてから通知するまでのリードタイムはどのくらいですか。",
	"管理者の認証方式を教えてください。多要素認証に対応していますか。",
	"アクセスログを保管していますか。保管期間を教えてください。",
	"データセンターの所在地と物理的な入退室管理について教えてください。",
	"バックアップの取得頻度と保管場所、復旧手順を教えてください。",
};
static const char *const answers[] = {
	"障害検知から30分以内に通知します。",
	"パスワードとワンタイムパスワードによる多要素認証です。",
	"1年間保管しています。",
	"国内の複数拠点です。入退室は生体認証で管理しています。",
	"日次で取得し、遠隔地に保管しています。",
};

/* Sections 1 (provider) and 2 (customer); items 1-1..1-5, each with a
 * note of its own that no table below carries. */
static sl_sheet *five(void)
{
	static const char *const secs[] = {"1:provider", "2:customer", NULL};
	sl_sheet *s = test_sheet_new(secs);
	size_t i;
	for (i = 0; i < 5; i++) {
		char id[16], note[32];
		sl_item *it;
		snprintf(id, sizeof(id), "1-%zu", i + 1);
		snprintf(note, sizeof(note), "note of %s", id);
		it = test_sheet_add(s, id, "1", questions[i], answers[i]);
		assert_int_equal(sl_item_set(it, "scope", "provider", false),
				 0);
		assert_int_equal(sl_item_set(it, "note", note, false), 0);
	}
	sl_sheet_sort(s);
	return s;
}

/* A table row of id, question, answer (and optionally scope). */
typedef struct trow {
	sl_import_cell cells[3];
	sl_import_row row;
} trow;

static void set_row(trow *t, const char *id, const char *q, const char *a,
		    const char *scope)
{
	t->cells[0].field = "question";
	t->cells[0].value = q;
	t->cells[1].field = "answer";
	t->cells[1].value = a;
	t->cells[2].field = "scope";
	t->cells[2].value = scope;
	t->row.id = id;
	t->row.cells = t->cells;
	t->row.count = scope ? 3 : 2;
	t->row.line = t->row.col = 1;
}

static sl_import_row *rows_of(trow *t, size_t n)
{
	sl_import_row *r = calloc(n, sizeof(*r));
	size_t i;
	for (i = 0; i < n; i++)
		r[i] = t[i].row;
	return r;
}

static const char *field(const sl_sheet *s, const char *id, const char *f)
{
	const sl_item *it = sl_sheet_find(s, id);
	assert_non_null(it);
	return sl_item_get(it, f, NULL);
}

static void
test_import_plan__inserted_row_is_added_plus_renumbered(void **state)
{
	sl_sheet *s = five();
	sl_import_plan *p;
	trow t[6];
	sl_import_row *rows;
	const sl_diff_summary *sum;
	(void)state;
	set_row(&t[0], "1-1", questions[0], answers[0], NULL);
	set_row(&t[1], "1-2", questions[1], answers[1], NULL);
	set_row(&t[2], "1-3", "新しく追加した質問ですか。",
		"追加した回答です。", NULL);
	set_row(&t[3], "1-4", questions[2], answers[2], NULL);
	set_row(&t[4], "1-5", questions[3], answers[3], NULL);
	set_row(&t[5], "1-6", questions[4], answers[4], NULL);
	rows = rows_of(t, 6);
	assert_int_equal(sl_import_plan_compute(&p, s, rows, 6, 0, "t.csv"), 0);
	sum = sl_diff_summary_of(p->diff);
	assert_int_equal(sum->added, 1);
	assert_int_equal(sum->renumbered, 3);
	assert_int_equal(sum->removed, 0);
	assert_int_equal(sum->modified, 0);
	assert_int_equal(sum->unchanged, 2);
	assert_int_equal(p->going.len, 0);
	assert_int_equal(p->lint.errors, 0);
	assert_int_equal(sl_sheet_item_count(s), 6);
	assert_int_equal(sl_sheet_item_count(p->before), 5);
	/* The note (a column the table lacks) came with each item. */
	assert_string_equal(field(s, "1-4", "note"), "note of 1-3");
	assert_string_equal(field(s, "1-6", "note"), "note of 1-5");
	assert_string_equal(field(s, "1-6", "answer"), answers[4]);
	/* The added item has no note, and its section's scope. */
	assert_null(field(s, "1-3", "note"));
	assert_string_equal(field(s, "1-3", "scope"), "provider");
	sl_import_plan_free(p);
	free(rows);
	sl_sheet_free(s);
}

static void test_import_plan__deleted_row_is_going(void **state)
{
	sl_sheet *s = five();
	sl_import_plan *p;
	trow t[4];
	sl_import_row *rows;
	const sl_diff_summary *sum;
	(void)state;
	set_row(&t[0], "1-1", questions[0], answers[0], NULL);
	set_row(&t[1], "1-2", questions[1], answers[1], NULL);
	set_row(&t[2], "1-3", questions[3], answers[3], NULL);
	set_row(&t[3], "1-4", questions[4], answers[4], NULL);
	rows = rows_of(t, 4);
	assert_int_equal(sl_import_plan_compute(&p, s, rows, 4, 0, "t.csv"), 0);
	sum = sl_diff_summary_of(p->diff);
	assert_int_equal(sum->removed, 1);
	assert_int_equal(sum->renumbered, 2);
	assert_int_equal(sum->added, 0);
	assert_int_equal(p->going.len, 1);
	assert_string_equal(
		p->going.items[0],
		"1-3 アクセスログを保管していますか。保管期間を教えて…");
	assert_int_equal(p->lint.errors, 0);
	sl_import_plan_free(p);
	free(rows);
	sl_sheet_free(s);
}

/* 1-2's answer holds ⾏ (U+2F8F, a Kangxi radical CP932 lacks). */
static sl_sheet *with_radical(void)
{
	sl_sheet *s = five();
	sl_item *it = sl_sheet_find_mut(s, "1-2");
	assert_int_equal(sl_item_set(it, "answer", "認証を⾏います。", false),
			 0);
	return s;
}

static sl_import_plan *plan_one_edit(sl_sheet *s, const char *answer2,
				     unsigned flags)
{
	sl_import_plan *p;
	trow t[5];
	sl_import_row *rows;
	size_t i;
	char ids[5][8];
	for (i = 0; i < 5; i++) {
		snprintf(ids[i], sizeof(ids[i]), "1-%zu", i + 1);
		set_row(&t[i], ids[i], questions[i],
			i == 1 ? answer2 : answers[i], NULL);
	}
	rows = rows_of(t, 5);
	assert_int_equal(sl_import_plan_compute(&p, s, rows, 5, flags, NULL),
			 0);
	free(rows);
	return p;
}

static void test_import_plan__cp932_losses_keep_the_old_text(void **state)
{
	sl_sheet *s = with_radical();
	sl_import_plan *p;
	(void)state;
	/* Excel's '?': kept, named. */
	p = plan_one_edit(s, "認証を?います。", 0);
	assert_int_equal(sl_diff_count(p->diff), 0);
	assert_int_equal(p->kept.len, 1);
	assert_string_equal(p->kept.items[0], "1-2 answer: '?' for '⾏'");
	assert_string_equal(field(s, "1-2", "answer"), "認証を⾏います。");
	sl_import_plan_free(p);
	sl_sheet_free(s);

	/* A '?' where the old character fits CP932 is an edit. */
	s = with_radical();
	p = plan_one_edit(s, "認証を⾏いま?", 0);
	assert_int_equal(sl_diff_count(p->diff), 1);
	assert_int_equal(p->kept.len, 0);
	sl_import_plan_free(p);
	sl_sheet_free(s);

	/* Edited as well as saved lossily: the edit, but named. */
	s = with_radical();
	p = plan_one_edit(s, "認証を?いました。", 0);
	assert_int_equal(sl_diff_count(p->diff), 1);
	assert_int_equal(p->kept.len, 0);
	assert_int_equal(p->suspect.len, 1);
	assert_string_equal(p->suspect.items[0], "1-2 answer");
	sl_import_plan_free(p);
	sl_sheet_free(s);

	/* The NFKC form from a CP932 table (export --nfkc): kept; from a
	 * UTF-8 table it is the editor's notation fix. */
	s = with_radical();
	p = plan_one_edit(s, "認証を行います。", SL_IMPORT_PLAN_CP932);
	assert_int_equal(sl_diff_count(p->diff), 0);
	assert_int_equal(p->forms, 1);
	sl_import_plan_free(p);
	sl_sheet_free(s);
	s = with_radical();
	p = plan_one_edit(s, "認証を行います。", 0);
	assert_int_equal(sl_diff_count(p->diff), 1);
	assert_true(sl_diff_change(p->diff, 0)->notation_only);
	sl_import_plan_free(p);
	sl_sheet_free(s);
}

static void test_import_plan__scopes_of_added_items_and_titles(void **state)
{
	sl_sheet *s = five();
	sl_import_plan *p;
	trow t[7];
	sl_import_row *rows;
	size_t i;
	char ids[5][8];
	(void)state;
	for (i = 0; i < 5; i++) {
		snprintf(ids[i], sizeof(ids[i]), "1-%zu", i + 1);
		/* The scope shown by its title: no edit. */
		set_row(&t[i], ids[i], questions[i], answers[i],
			"クラウド事業者の責任範囲");
	}
	set_row(&t[5], "2-1", "利用者が行うべき対策は何ですか。",
		"利用者の責任範囲です。", NULL);
	set_row(&t[6], "2-2", "利用者のアカウント管理は誰が行いますか。",
		"利用者が行います。", "provider");
	rows = rows_of(t, 7);
	assert_int_equal(sl_import_plan_compute(&p, s, rows, 7, 0, NULL), 0);
	assert_int_equal(sl_diff_summary_of(p->diff)->added, 2);
	assert_int_equal(sl_diff_summary_of(p->diff)->unchanged, 5);
	assert_string_equal(field(s, "2-1", "scope"), "customer");
	assert_string_equal(field(s, "2-1", "section"), "2");
	/* A scope other than the section's: lint says so, before writing. */
	assert_string_equal(field(s, "2-2", "scope"), "provider");
	assert_int_equal(p->lint.errors, 1);
	sl_import_plan_free(p);
	free(rows);
	sl_sheet_free(s);
}

/* 1-5 renumbered as 2-1: it moves to section 2 and, its scope having
 * been its old section's, takes section 2's. */
static void test_import_plan__renumbered_across_sections(void **state)
{
	sl_sheet *s = five();
	sl_import_plan *p;
	trow t[5];
	sl_import_row *rows;
	size_t i;
	char ids[5][8];
	(void)state;
	for (i = 0; i < 5; i++) {
		snprintf(ids[i], sizeof(ids[i]), i < 4 ? "1-%zu" : "2-1",
			 i + 1);
		set_row(&t[i], ids[i], questions[i], answers[i], NULL);
	}
	rows = rows_of(t, 5);
	assert_int_equal(sl_import_plan_compute(&p, s, rows, 5, 0, NULL), 0);
	assert_int_equal(sl_diff_summary_of(p->diff)->renumbered, 1);
	assert_string_equal(field(s, "2-1", "section"), "2");
	assert_string_equal(field(s, "2-1", "scope"), "customer");
	assert_string_equal(field(s, "2-1", "note"), "note of 1-5");
	assert_int_equal(p->lint.errors, 0);
	sl_import_plan_free(p);
	free(rows);
	sl_sheet_free(s);
}

static void test_import_plan__failure_leaves_the_sheet(void **state)
{
	sl_sheet *s = five();
	const sl_item *first = sl_sheet_item(s, 0);
	sl_import_plan *p = NULL;
	trow t[2];
	sl_import_row *rows;
	(void)state;
	set_row(&t[0], "1-1", questions[0], "書き換え", NULL);
	set_row(&t[1], "X-1", "どの節ですか。", "節がありません。", NULL);
	rows = rows_of(t, 2);
	assert_int_equal(sl_import_plan_compute(&p, s, rows, 2, 0, "t.csv"),
			 SL_EINVALID);
	assert_null(p);
	assert_non_null(strstr(sl_error_last()->message,
			       "new item 'X-1' needs a section"));
	assert_int_equal(sl_sheet_item_count(s), 5);
	assert_ptr_equal(sl_sheet_item(s, 0), first);
	assert_string_equal(field(s, "1-1", "answer"), answers[0]);
	free(rows);
	sl_sheet_free(s);
}

/* The table entry point a workbook reader calls: its line numbers are
 * worksheet rows (lines_are_rows), so a date id names that row; a CSV's
 * rows are counted instead (its cells may span lines). */
static void test_import_plan__table_entry_point_names_rows(void **state)
{
	static const char text[] = "No,評価内容,回答内容\n"
				   "1-1,\"複数行の\n質問\",回答\n"
				   "1月2日,質問,回答\n";
	sl_csv *csv = NULL;
	size_t r;
	int pass;
	(void)state;
	assert_int_equal(sl_csv_parse(&csv, text, sizeof(text) - 1), 0);
	for (pass = 0; pass < 2; pass++) {
		sl_sheet *s = five();
		sl_csv_import imp = SL_CSV_IMPORT_INIT;
		sl_csv_import_options o = SL_CSV_IMPORT_OPTIONS_INIT;
		o.path = "book.xlsx";
		o.lines_are_rows = pass == 1;
		if (pass == 1)
			for (r = 0; r < csv->count; r++)
				csv->rows[r].line =
					(int)r + 7; /* header on row 7 */
		assert_int_equal(sl_csv_import_apply_table(&imp, s, csv, &o),
				 SL_EINVALID);
		assert_non_null(
			strstr(sl_error_last()->message,
			       pass ? "row 9: the id '1月2日' is a date"
				    : "row 3: the id '1月2日' is a date"));
		assert_null(imp.plan);
		assert_int_equal(sl_sheet_item_count(s), 5);
		sl_csv_import_dispose(&imp);
		sl_sheet_free(s);
	}
	sl_csv_free(csv);
}

static char *slurp(const char *dir, const char *rel)
{
	char *p = test_fmt("%s/%s", dir, rel), *t = test_read_file(p, NULL);
	free(p);
	return t;
}

static void test_import_plan__write_renames_chain_and_removes(void **state)
{
	sl_sheet *s = five();
	sl_import_plan *p;
	sl_store_report rep = SL_STORE_REPORT_INIT;
	char *dir = test_tmp_dir(), *old3, *f;
	trow t[4];
	sl_import_row *rows;
	size_t written, removed;
	(void)state;
	assert_int_equal(sl_store_write(&rep, s, dir, false), 0);
	sl_store_report_dispose(&rep);
	old3 = slurp(dir, "items/1-3.json");
	/* Delete row 1-2, renumber the rest: 1-3 -> 1-2 ... 1-5 -> 1-4. */
	set_row(&t[0], "1-1", questions[0], answers[0], NULL);
	set_row(&t[1], "1-2", questions[2], answers[2], NULL);
	set_row(&t[2], "1-3", questions[3], answers[3], NULL);
	set_row(&t[3], "1-4", questions[4], answers[4], NULL);
	rows = rows_of(t, 4);
	assert_int_equal(sl_import_plan_compute(&p, s, rows, 4, 0, NULL), 0);
	assert_int_equal(sl_import_plan_write(&written, &removed, p, dir), 0);
	assert_int_equal(written, 3);
	assert_int_equal(removed, 1);
	f = slurp(dir, "items/1-5.json");
	assert_null(f);
	f = slurp(dir, "items/1-2.json");
	assert_non_null(strstr(f, "\"id\": \"1-2\""));
	assert_non_null(strstr(f, strstr(old3, "\"section\"")));
	free(f);
	f = slurp(dir, "items/1-4.json");
	assert_non_null(strstr(f, "\"note\": \"note of 1-5\""));
	free(f);
	free(old3);
	sl_import_plan_free(p);
	free(rows);
	sl_sheet_free(s);
	test_tmp_rm(dir);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
			test_import_plan__inserted_row_is_added_plus_renumbered),
		cmocka_unit_test(test_import_plan__deleted_row_is_going),
		cmocka_unit_test(
			test_import_plan__cp932_losses_keep_the_old_text),
		cmocka_unit_test(
			test_import_plan__scopes_of_added_items_and_titles),
		cmocka_unit_test(test_import_plan__renumbered_across_sections),
		cmocka_unit_test(test_import_plan__failure_leaves_the_sheet),
		cmocka_unit_test(
			test_import_plan__table_entry_point_names_rows),
		cmocka_unit_test(
			test_import_plan__write_renames_chain_and_removes),
	};
	return cmocka_run_group_tests_name("import_plan", tests, NULL, NULL);
}
