/*
 * test_cmd_export_xlsx.c: `sheetlog export --format xlsx`. The workbook is
 * read back independently of libxlsxwriter: `unzip -p` extracts its parts
 * and a small reader here resolves cells through the shared-string table.
 * Pinned: sheet names and order, whole texts (compatibility ideographs,
 * line breaks), formula-like text as string cells, document properties
 * and a fixed creation date, frozen heading row and column widths, the
 * rich-text runs of a change, the 種別 column, the change list, the
 * 新旧対照表 layout, byte-identical output, and atomic, all-or-nothing
 * writes.
 */
#define _XOPEN_SOURCE 700
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "test_cli.h"
#include "test_repo.h"
#include "test_tmp.h"

/* ---- a minimal xlsx reader (unzip + string search) ---------------------- */

static bool have_tool(const char *name)
{
	char *cmd = test_fmt("command -v %s >/dev/null 2>&1", name);
	int rc = system(cmd);
	free(cmd);
	return rc == 0;
}

/* new: one part of the zip, or NULL when it is not there. */
static char *unzip_part(const char *zip, const char *part)
{
	char *cmd = test_fmt("unzip -p '%s' '%s' 2>/dev/null", zip, part);
	FILE *p = popen(cmd, "r");
	char *data = NULL;
	size_t len = 0, cap = 0, n;
	int status;
	assert_non_null(p);
	for (;;) {
		if (cap - len < 4096) {
			cap = cap ? cap * 2 : 65536;
			data = realloc(data, cap + 1);
			assert_non_null(data);
		}
		n = fread(data + len, 1, cap - len, p);
		if (n == 0)
			break;
		len += n;
	}
	status = pclose(p);
	free(cmd);
	data[len] = '\0';
	if (status != 0 || len == 0) {
		free(data);
		return NULL;
	}
	return data;
}

/* Decode the five XML entities of s[0..len) into a new string. */
static char *xml_text(const char *s, size_t len)
{
	static const char *const ent[][2] = {{"&amp;", "&"},
					     {"&lt;", "<"},
					     {"&gt;", ">"},
					     {"&quot;", "\""},
					     {"&apos;", "'"}};
	char *out = malloc(len + 1), *o = out;
	size_t i = 0, k;
	assert_non_null(out);
	while (i < len) {
		bool done = false;
		for (k = 0; k < 5 && s[i] == '&'; k++) {
			size_t el = strlen(ent[k][0]);
			if (i + el <= len && !strncmp(s + i, ent[k][0], el)) {
				*o++ = ent[k][1][0];
				i += el;
				done = true;
				break;
			}
		}
		if (!done)
			*o++ = s[i++];
	}
	*o = '\0';
	return out;
}

typedef struct book {
	char *path;
	char *workbook; /* xl/workbook.xml */
	char **si;      /* raw <si> bodies of xl/sharedStrings.xml */
	char **text;    /* their plain text */
	size_t count;
} book;

static book *book_open(const char *path)
{
	book *b = calloc(1, sizeof(*b));
	char *sst, *p;
	assert_non_null(b);
	b->path = strdup(path);
	b->workbook = unzip_part(path, "xl/workbook.xml");
	assert_non_null(b->workbook);
	sst = unzip_part(path, "xl/sharedStrings.xml");
	assert_non_null(sst);
	for (p = strstr(sst, "<si>"); p; p = strstr(p, "<si>")) {
		char *end = strstr(p, "</si>"), *t, *plain;
		size_t plen = 0;
		assert_non_null(end);
		p += 4;
		b->si = realloc(b->si, (b->count + 1) * sizeof(char *));
		b->text = realloc(b->text, (b->count + 1) * sizeof(char *));
		assert_non_null(b->si);
		assert_non_null(b->text);
		b->si[b->count] = strndup(p, (size_t)(end - p));
		/* Plain text: every <t> of the item, in order. */
		plain = calloc(1, (size_t)(end - p) + 1);
		assert_non_null(plain);
		for (t = strstr(p, "<t"); t && t < end; t = strstr(t, "<t")) {
			char *gt = strchr(t, '>'), *close, *dec;
			if (t[2] != '>' && t[2] != ' ') {
				t += 2;
				continue;
			}
			close = strstr(gt, "</t>");
			dec = xml_text(gt + 1, (size_t)(close - gt - 1));
			memcpy(plain + plen, dec, strlen(dec));
			plen += strlen(dec);
			free(dec);
			t = close + 4;
		}
		b->text[b->count++] = plain;
		p = end + 5;
	}
	free(sst);
	return b;
}

static void book_free(book *b)
{
	size_t i;
	for (i = 0; i < b->count; i++) {
		free(b->si[i]);
		free(b->text[i]);
	}
	free(b->si);
	free(b->text);
	free(b->workbook);
	free(b->path);
	free(b);
}

/* new: the worksheet names in workbook order, joined by '|'. */
static char *sheet_names(const book *b)
{
	char *out = calloc(1, strlen(b->workbook) + 1), *p;
	assert_non_null(out);
	for (p = strstr(b->workbook, "<sheet name=\""); p;
	     p = strstr(p, "<sheet name=\"")) {
		char *q;
		p += 13;
		q = strchr(p, '"');
		if (*out)
			strcat(out, "|");
		strncat(out, p, (size_t)(q - p));
	}
	return out;
}

/* new: the XML of the worksheet called name (libxlsxwriter numbers the
 * parts in workbook order). */
static char *sheet_xml(const book *b, const char *name)
{
	char *want = test_fmt("<sheet name=\"%s\"", name), *p, *part, *xml;
	int index = 0;
	for (p = strstr(b->workbook, "<sheet name=\""); p;
	     p = strstr(p + 1, "<sheet name=\"")) {
		index++;
		if (!strncmp(p, want, strlen(want)))
			break;
	}
	free(want);
	assert_non_null(p);
	part = test_fmt("xl/worksheets/sheet%d.xml", index);
	xml = unzip_part(b->path, part);
	free(part);
	assert_non_null(xml);
	return xml;
}

/* new: the <c ...> element of cell ref ("D62"), up to its end; NULL when
 * the cell is not written. */
static char *cell_xml(const char *sheet, const char *ref)
{
	char *want = test_fmt("<c r=\"%s\"", ref), *p, *end;
	p = strstr(sheet, want);
	free(want);
	if (!p)
		return NULL;
	end = strchr(p, '>');
	if (end[-1] != '/')
		end = strstr(p, "</c>") + 3;
	return strndup(p, (size_t)(end - p + 1));
}

/* The style (s="N") of a cell, or -1. */
static long cell_style(const char *sheet, const char *ref)
{
	char *c = cell_xml(sheet, ref), *s;
	long n = -1;
	if (c && (s = strstr(c, " s=\"")))
		n = strtol(s + 4, NULL, 10);
	free(c);
	return n;
}

/* The shared-string index of a t="s" cell, or -1. */
static long cell_sst(const char *sheet, const char *ref)
{
	char *c = cell_xml(sheet, ref), *v;
	long n = -1;
	if (c && strstr(c, " t=\"s\"") && (v = strstr(c, "<v>")))
		n = strtol(v + 3, NULL, 10);
	free(c);
	return n;
}

/* borrowed: the text of a cell ("" for a blank or missing cell). */
static const char *cell_text(const book *b, const char *sheet, const char *ref)
{
	long n = cell_sst(sheet, ref);
	if (n < 0)
		return "";
	assert_true((size_t)n < b->count);
	return b->text[n];
}

/* borrowed: the raw <si> body of a cell's string. */
static const char *cell_si(const book *b, const char *sheet, const char *ref)
{
	long n = cell_sst(sheet, ref);
	assert_true(n >= 0 && (size_t)n < b->count);
	return b->si[n];
}

/* new: the <r>...</r> run of si whose text is exactly text. */
static char *run_of(const char *si, const char *text)
{
	char *want = test_fmt(">%s</t></r>", text), *end, *start;
	end = strstr(si, want);
	free(want);
	if (!end)
		return NULL;
	for (start = end; start > si && strncmp(start, "<r>", 3); start--)
		;
	return strndup(start, (size_t)(end - start) + strlen(text) + 9);
}

/* The row (1-based) of the first cell in column col whose text is text,
 * or 0. */
static int find_row(const book *b, const char *sheet, char col,
		    const char *text)
{
	int row;
	for (row = 1; row < 2000; row++) {
		char ref[16];
		snprintf(ref, sizeof(ref), "%c%d", col, row);
		if (!strcmp(cell_text(b, sheet, ref), text))
			return row;
	}
	return 0;
}

static const char *cell_at(const book *b, const char *sheet, char col, int row)
{
	char ref[16];
	snprintf(ref, sizeof(ref), "%c%d", col, row);
	return cell_text(b, sheet, ref);
}

/* ---- fixtures ------------------------------------------------------------ */

typedef struct fixture {
	test_repo *repo;
	char *out_dir; /* a directory of its own for the workbooks */
} fixture;

static int setup_with(void **state, bool demo)
{
	fixture *f = calloc(1, sizeof(*f));
	if (!f || !have_tool("unzip")) {
		/* scripts/deps.sh test installs it */
		fprintf(stderr, "unzip is needed to read the workbooks back\n");
		free(f);
		return -1;
	}
	f->repo = test_repo_new();
	if (demo) {
		/* The fixture's two editions (tests/fixtures/demo/), not the
		 * live sheet: the cells below are the fixture's. */
		test_repo_build_fixture_demo(f->repo);
	} else {
		test_repo_copy_fixture(f->repo);
		test_repo_commit(f->repo, "fixture 2022-09");
	}
	f->out_dir = test_tmp_dir();
	*state = f;
	return 0;
}

static int setup_baseline(void **state)
{
	return setup_with(state, false);
}

static int setup_fixture_demo(void **state)
{
	return setup_with(state, true);
}

static int teardown(void **state)
{
	fixture *f = *state;
	test_repo_free(f->repo);
	test_tmp_rm(f->out_dir);
	free(f->out_dir);
	free(f);
	return 0;
}

static char *out_path(const fixture *f, const char *name)
{
	return test_fmt("%s/%s", f->out_dir, name);
}

/* Export to out_dir/name with extra arguments; asserts success. */
static book *export_book(const fixture *f, const char *name, const char *a1,
			 const char *a2, const char *a3, const char *a4)
{
	char *path = out_path(f, name);
	const char *argv[16];
	int argc = 0;
	test_run *run;
	book *b;
	argv[argc++] = "-C";
	argv[argc++] = f->repo->dir;
	argv[argc++] = "export";
	argv[argc++] = "--format";
	argv[argc++] = "xlsx";
	argv[argc++] = "-o";
	argv[argc++] = path;
	if (a1)
		argv[argc++] = a1;
	if (a2)
		argv[argc++] = a2;
	if (a3)
		argv[argc++] = a3;
	if (a4)
		argv[argc++] = a4;
	run = test_cli_argv(argc, argv);
	if (run->status != 0)
		fail_msg("export failed (%d): %s", run->status, run->err);
	assert_int_equal(run->out_len, 0);
	assert_int_equal(run->err_len, 0);
	test_run_free(run);
	b = book_open(path);
	free(path);
	return b;
}

/* ---- the sheet ----------------------------------------------------------- */

static void
test_cmd_export_xlsx__cover_then_one_worksheet_per_section(void **state)
{
	book *b = export_book(*state, "sheet.xlsx", NULL, NULL, NULL, NULL);
	char *names = sheet_names(b), *cover = sheet_xml(b, "表紙"),
	     *s1 = sheet_xml(b, "1 サービス管理");
	assert_string_equal(names, "表紙|1 サービス管理|2 サービス構成|"
				   "3 利用者の責任範囲");
	/* The cover carries the sheet's own texts. */
	assert_string_equal(cell_text(b, cover, "A1"),
			    "テスト用チェックシート");
	assert_int_not_equal(find_row(b, cover, 'B', "テスト株式会社"), 0);
	assert_int_not_equal(find_row(b, cover, 'B', "2022-09"), 0);
	assert_int_not_equal(find_row(b, cover, 'B', "免責事項"), 0);
	/* Headings from sheet.json's columns, then the items in order. */
	assert_string_equal(cell_text(b, s1, "A1"), "No");
	assert_string_equal(cell_text(b, s1, "B1"), "項目");
	assert_string_equal(cell_text(b, s1, "C1"), "評価内容");
	assert_string_equal(cell_text(b, s1, "D1"), "回答内容");
	/* The fixture's one extra field, reviewer, gets a column. */
	assert_string_equal(cell_text(b, s1, "E1"), "reviewer");
	assert_string_equal(cell_text(b, s1, "A2"), "1-1");
	assert_non_null(strstr(cell_text(b, s1, "D2"), "60分以内"));
	/* Natural id order: 1-2 before 1-10. */
	assert_string_equal(cell_text(b, s1, "A3"), "1-2");
	assert_string_equal(cell_text(b, s1, "A4"), "1-10");
	free(names);
	free(cover);
	free(s1);
	book_free(b);
}

static void add_section(json_t *sections, const char *id, const char *title)
{
	json_t *s = json_object();
	json_object_set_new(s, "id", json_string(id));
	json_object_set_new(s, "title", json_string(title));
	json_array_append_new(sections, s);
}

static void
test_cmd_export_xlsx__worksheet_names_follow_excel_rules(void **state)
{
	fixture *f = *state;
	char *path = test_repo_path(f->repo, "checklist/sheet.json"), *text,
	     *names;
	json_error_t jerr;
	json_t *sheet = json_load_file(path, 0, &jerr);
	json_t *sections = json_object_get(sheet, "sections");
	book *b;
	add_section(sections, "7",
		    "[確認]: A/B\\C*D?E 'とても長い題名が三十一文字を超えると"
		    "きは切り詰められます'");
	/* The 31st character is an apostrophe: cut, it would end the name. */
	add_section(
		sections, "8",
		"あいうえおかきくけこさしすせそたちつてとなにぬねのはひふ'へほ");
	/* Equal but for ASCII case: Excel treats them as the same name. */
	add_section(sections, "x", "Sheet");
	add_section(sections, "X", "sheet");
	text = json_dumps(sheet, JSON_INDENT(2));
	test_repo_write(f->repo, "checklist/sheet.json", text);
	b = export_book(f, "names.xlsx", NULL, NULL, NULL, NULL);
	names = sheet_names(b);
	assert_non_null(strstr(
		names, "|3 利用者の責任範囲|"
		       "7 _確認__ A_B_C_D_E 'とても長い題名が三十一文|"
		       "8 あいうえおかきくけこさしすせそたちつてとなにぬねのは"
		       "ひふ|x Sheet|X sheet (2)"));
	free(names);
	book_free(b);
	free(text);
	json_decref(sheet);
	free(path);
}

static void test_cmd_export_xlsx__answer_text_is_whole(void **state)
{
	fixture *f = *state;
	char *file = test_fmt("%s/tests/fixtures/sheet/items/2-1.json",
			      SL_SOURCE_DIR);
	json_error_t jerr;
	json_t *item = json_load_file(file, 0, &jerr);
	const char *answer;
	book *b;
	char *s2;
	size_t i;
	bool found = false;
	assert_non_null(item);
	answer = json_string_value(json_object_get(item, "answer"));
	/* The item holds what the test is about. */
	assert_non_null(strstr(answer, "⾏"));
	assert_non_null(strchr(answer, '\n'));
	b = export_book(f, "sheet.xlsx", "--at", "HEAD", NULL, NULL);
	for (i = 0; i < b->count; i++)
		found |= !strcmp(b->text[i], answer);
	assert_true(found);
	s2 = sheet_xml(b, "2 サービス構成");
	assert_string_equal(cell_text(b, s2, "A2"), "2-1");
	assert_string_equal(cell_text(b, s2, "D2"), answer);
	free(s2);
	book_free(b);
	json_decref(item);
	free(file);
}

static void test_cmd_export_xlsx__formula_like_text_is_a_string(void **state)
{
	fixture *f = *state;
	book *b;
	char *s1, *c;
	test_repo_write(
		f->repo, "checklist/items/1-1.json",
		"{\n  \"id\": \"1-1\",\n  \"section\": \"1\",\n"
		"  \"category\": \"@SUM(A1:A9)\",\n"
		"  \"question\": \"+1+2\",\n"
		"  \"answer\": \"=HYPERLINK(\\\"http://x.invalid\\\",\\\"y\\\")\"\n}\n");
	b = export_book(f, "sheet.xlsx", NULL, NULL, NULL, NULL);
	s1 = sheet_xml(b, "1 サービス管理");
	/* No formula anywhere; each cell a shared string, text unchanged
	 * (no apostrophe needed: a string cell is never evaluated). */
	assert_null(strstr(s1, "<f>"));
	assert_null(strstr(s1, "<f "));
	c = cell_xml(s1, "D2");
	assert_non_null(strstr(c, " t=\"s\""));
	free(c);
	assert_string_equal(cell_text(b, s1, "B2"), "@SUM(A1:A9)");
	assert_string_equal(cell_text(b, s1, "C2"), "+1+2");
	assert_string_equal(cell_text(b, s1, "D2"),
			    "=HYPERLINK(\"http://x.invalid\",\"y\")");
	free(s1);
	book_free(b);
}

static void test_cmd_export_xlsx__document_properties(void **state)
{
	fixture *f = *state;
	book *b = export_book(f, "head.xlsx", "--at", "HEAD", NULL, NULL);
	char *path = out_path(f, "head.xlsx");
	char *core = unzip_part(path, "docProps/core.xml");
	char *app = unzip_part(path, "docProps/app.xml");
	assert_non_null(
		strstr(core, "<dc:title>テスト用チェックシート</dc:title>"));
	/* The commit's time (2022-09-30 10:00 +09:00), not the clock. */
	assert_non_null(
		strstr(core, ">2022-09-30T01:00:00Z</dcterms:created>"));
	assert_non_null(strstr(core, "<dc:description>as_of 2022-09; "
				     "revision HEAD; commit "));
	assert_non_null(strstr(app, "<Company>テスト株式会社</Company>"));
	free(core);
	free(path);
	book_free(b);
	/* The working tree has no commit: the first day of as_of, in the
	 * sheet's zone (+09:00). */
	b = export_book(f, "worktree.xlsx", NULL, NULL, NULL, NULL);
	path = out_path(f, "worktree.xlsx");
	core = unzip_part(path, "docProps/core.xml");
	assert_non_null(
		strstr(core, ">2022-08-31T15:00:00Z</dcterms:created>"));
	free(core);
	free(app);
	free(path);
	book_free(b);
}

static void test_cmd_export_xlsx__frozen_heading_and_widths(void **state)
{
	fixture *f = *state;
	book *b = export_book(f, "sheet.xlsx", NULL, NULL, NULL, NULL);
	char *s1 = sheet_xml(b, "1 サービス管理");
	char *path = out_path(f, "sheet.xlsx");
	char *styles = unzip_part(path, "xl/styles.xml");
	assert_non_null(strstr(s1, "<pane ySplit=\"1\" topLeftCell=\"A2\" "
				   "activePane=\"bottomLeft\" "
				   "state=\"frozen\"/>"));
	/* No / 項目 / 評価内容 / 回答内容: 8 / 18 / 50 / 70 characters
	 * (libxlsxwriter stores Excel's padded widths). */
	assert_non_null(strstr(s1, "<col min=\"1\" max=\"1\" width=\"8.7"));
	assert_non_null(strstr(s1, "<col min=\"2\" max=\"2\" width=\"18.7"));
	assert_non_null(strstr(s1, "<col min=\"3\" max=\"3\" width=\"50.7"));
	assert_non_null(strstr(s1, "<col min=\"4\" max=\"4\" width=\"70.7"));
	assert_non_null(strstr(s1, "<autoFilter ref=\"A1:E4\"/>"));
	/* Wrapped text in a Japanese font. */
	assert_non_null(strstr(styles, "<alignment vertical=\"top\" "
				       "wrapText=\"1\"/>"));
	assert_non_null(strstr(styles, "<name val=\"MS PGothic\"/>"));
	free(styles);
	free(path);
	free(s1);
	book_free(b);
}

/* ---- changes since a revision (the fixture's two editions) --------------- */

static void test_cmd_export_xlsx__changed_answer_is_rich_text(void **state)
{
	book *b = export_book(*state, "changes.xlsx", "--at", "2023-04",
			      "--changes-since", "2022-09");
	char *s1 = sheet_xml(b, "1 サービス管理"), *del, *ins, *same;
	const char *si;
	int row = find_row(b, s1, 'A', "1-1");
	char ref[16], unchanged[16];
	assert_int_not_equal(row, 0);
	snprintf(ref, sizeof(ref), "D%d", row);
	si = cell_si(b, s1, ref);
	del = run_of(si, "60");
	ins = run_of(si, "30");
	same = run_of(si, "障害に関しては、");
	assert_non_null(del);
	assert_non_null(ins);
	assert_non_null(same);
	/* "60" struck through in red, "30" underlined in blue, the rest in
	 * the normal font. */
	assert_true(!strncmp(del, "<r><rPr><strike/>", 17));
	assert_non_null(strstr(del, "<color rgb=\"FFFF0000\"/>"));
	assert_true(!strncmp(ins, "<r><rPr><u/>", 12));
	assert_non_null(strstr(ins, "<color rgb=\"FF0000FF\"/>"));
	assert_null(strstr(ins, "<strike/>"));
	assert_null(strstr(same, "<strike/>"));
	assert_null(strstr(same, "<u/>"));
	assert_string_equal(
		b->text[cell_sst(s1, ref)],
		"障害に関しては、6030分以内での通知を目標としています。");
	/* The changed cell is filled; an unchanged answer (1-3's, only
	 * renumbered) is not. */
	assert_int_not_equal(find_row(b, s1, 'A', "1-3"), 0);
	snprintf(unchanged, sizeof(unchanged), "D%d",
		 find_row(b, s1, 'A', "1-3"));
	assert_true(cell_style(s1, ref) > 0);
	assert_int_not_equal(cell_style(s1, ref), cell_style(s1, unchanged));
	assert_string_equal(cell_at(b, s1, 'E', row), "変更");
	free(del);
	free(ins);
	free(same);
	free(s1);
	book_free(b);
}

static void test_cmd_export_xlsx__change_column_marks_rows(void **state)
{
	book *b = export_book(*state, "changes.xlsx", "--at", "2023-04",
			      "--changes-since", "2022-09");
	char *s1 = sheet_xml(b, "1 サービス管理"),
	     *s2 = sheet_xml(b, "2 サービスの構成"),
	     *s3 = sheet_xml(b, "3 利用者の責任範囲");
	assert_string_equal(cell_text(b, s1, "E1"), "種別");
	assert_string_equal(cell_at(b, s1, 'E', find_row(b, s1, 'A', "1-1")),
			    "変更");
	assert_string_equal(cell_at(b, s1, 'E', find_row(b, s1, 'A', "1-2")),
			    "追加");
	assert_string_equal(cell_at(b, s1, 'E', find_row(b, s1, 'A', "1-3")),
			    "番号変更 (旧 1-2)");
	assert_string_equal(cell_at(b, s1, 'E', find_row(b, s1, 'A', "1-10")),
			    "表記のみ");
	assert_string_equal(cell_at(b, s3, 'E', find_row(b, s3, 'A', "3-2")),
			    "番号変更 (旧 3-1)・変更");
	/* The removed 2-1 is gone from its section, which keeps only its
	 * heading; the new 3-1 took the old one's id. */
	assert_int_equal(find_row(b, s2, 'A', "2-1"), 0);
	assert_string_equal(cell_text(b, s2, "A1"), "No");
	assert_string_equal(cell_at(b, s3, 'E', find_row(b, s3, 'A', "3-1")),
			    "追加");
	free(s1);
	free(s2);
	free(s3);
	book_free(b);
	/* Every item of the fixture changed in 2023-04: against itself, an
	 * unchanged row's column is empty. */
	b = export_book(*state, "same.xlsx", "--at", "2023-04",
			"--changes-since", "2023-04");
	s1 = sheet_xml(b, "1 サービス管理");
	assert_string_equal(cell_text(b, s1, "E1"), "種別");
	assert_string_equal(cell_at(b, s1, 'E', find_row(b, s1, 'A', "1-1")),
			    "");
	free(s1);
	book_free(b);
}

static void test_cmd_export_xlsx__change_list_has_every_change(void **state)
{
	book *b = export_book(*state, "changes.xlsx", "--at", "2023-04",
			      "--changes-since", "2022-09");
	char *names = sheet_names(b), *log = sheet_xml(b, "変更一覧");
	int row, removed = 0;
	assert_non_null(strstr(names, "|3 利用者の責任範囲|変更一覧"));
	assert_string_equal(cell_text(b, log, "A1"), "No");
	assert_string_equal(cell_text(b, log, "B1"), "旧No");
	assert_string_equal(cell_text(b, log, "C1"), "種別");
	assert_string_equal(cell_text(b, log, "D1"), "欄");
	assert_string_equal(cell_text(b, log, "E1"), "変更前");
	assert_string_equal(cell_text(b, log, "F1"), "変更後");
	/* One row per field change: 15 rows under the heading (1-1 two,
	 * 1-2 and 3-1 three each, 1-3, 1-10 and 3-2 one each, 2-1 four),
	 * then 4 for sheet.json (title, introduction, as-of note, section 2
	 * renamed). */
	assert_non_null(strstr(log, "<dimension ref=\"A1:F20\"/>"));
	/* 1-1's two fields, in the item's field order. */
	row = find_row(b, log, 'A', "1-1");
	assert_int_not_equal(row, 0);
	assert_string_equal(cell_at(b, log, 'B', row), "1-1");
	assert_string_equal(cell_at(b, log, 'C', row), "変更");
	assert_string_equal(cell_at(b, log, 'D', row), "項目");
	assert_string_equal(cell_at(b, log, 'E', row), "監視");
	assert_string_equal(cell_at(b, log, 'F', row), "障害監視");
	row++;
	assert_string_equal(cell_at(b, log, 'A', row), "1-1");
	assert_string_equal(cell_at(b, log, 'D', row), "回答内容");
	assert_string_equal(
		cell_at(b, log, 'E', row),
		"障害に関しては、60分以内での通知を目標としています。");
	assert_string_equal(
		cell_at(b, log, 'F', row),
		"障害に関しては、30分以内での通知を目標としています。");
	/* The removed item: no current id, its old id, every field. */
	for (row = 2; row <= 16; row++) {
		if (strcmp(cell_at(b, log, 'C', row), "削除"))
			continue;
		assert_string_equal(cell_at(b, log, 'A', row), "");
		assert_string_equal(cell_at(b, log, 'B', row), "2-1");
		assert_string_equal(cell_at(b, log, 'F', row), "");
		removed++;
	}
	/* Its extra field, reviewer, too. */
	assert_int_equal(removed, 4);
	row = find_row(b, log, 'B', "2-1");
	assert_string_equal(cell_at(b, log, 'D', row), "項目");
	assert_string_equal(cell_at(b, log, 'E', row), "機密性");
	assert_int_not_equal(find_row(b, log, 'D', "reviewer"), 0);
	/* A bare renumbering still has its row; an added item its text. */
	row = find_row(b, log, 'A', "1-3");
	assert_string_equal(cell_at(b, log, 'B', row), "1-2");
	assert_string_equal(cell_at(b, log, 'C', row), "番号変更 (旧 1-2)");
	assert_string_equal(cell_at(b, log, 'D', row), "");
	row = find_row(b, log, 'A', "1-2");
	assert_string_equal(cell_at(b, log, 'C', row), "追加");
	assert_string_equal(cell_at(b, log, 'B', row), "");
	assert_string_equal(cell_at(b, log, 'F', row), "暗号化");
	/* The document's own changes, after the items. */
	row = find_row(b, log, 'D', "前文");
	assert_int_equal(row, 18);
	assert_string_equal(cell_at(b, log, 'A', row), "文書");
	assert_string_equal(cell_at(b, log, 'C', row), "変更");
	assert_string_equal(
		cell_at(b, log, 'F', row),
		"テスト用の小さなチェックシートです。記載例を含みます。");
	assert_string_equal(cell_at(b, log, 'E', row),
			    "テスト用の小さなチェックシートです。");
	assert_string_equal(cell_at(b, log, 'D', 17), "表題");
	assert_string_equal(cell_at(b, log, 'D', 19), "時点の注記");
	assert_string_equal(cell_at(b, log, 'A', 20),
			    "セクション 2. サービスの構成");
	assert_string_equal(cell_at(b, log, 'C', 20), "名称変更");
	assert_string_equal(cell_at(b, log, 'E', 20), "サービス構成");
	free(names);
	free(log);
	book_free(b);
}

static void test_cmd_export_xlsx__shinkyu_workbook(void **state)
{
	fixture *f = *state;
	char *path = out_path(f, "shinkyu.xlsx");
	test_run *run =
		test_cli("-C", f->repo->dir, "export", "--format", "xlsx",
			 "--layout", "shinkyu", "--at", "2023-04",
			 "--changes-since", "2022-09", "-o", path, NULL);
	book *b;
	char *names, *t, *newr, *oldr;
	const char *si;
	int row;
	char ref[16];
	assert_int_equal(run->status, 0);
	test_run_free(run);
	b = book_open(path);
	names = sheet_names(b);
	assert_string_equal(names, "新旧対照表");
	t = sheet_xml(b, "新旧対照表");
	assert_string_equal(cell_text(b, t, "A1"),
			    "テスト用チェックシート（例示） 新旧対照表 "
			    "(2022-09 → 2023-04)");
	assert_string_equal(cell_text(b, t, "A3"), "下線部は改正部分を示す。");
	assert_string_equal(cell_text(b, t, "A5"), "改正後");
	assert_string_equal(cell_text(b, t, "B5"), "改正前");
	assert_string_equal(cell_text(b, t, "C5"), "備考");
	assert_non_null(strstr(t, "<pane ySplit=\"5\" topLeftCell=\"A6\""));
	/* The document's changes first: title, introduction, as-of note,
	 * section 2 renamed. */
	assert_string_equal(cell_text(b, t, "A6"), "文書の変更");
	assert_true(!strncmp(cell_text(b, t, "A7"), "表題\n", 7));
	assert_true(!strncmp(cell_text(b, t, "A8"), "前文\n", 7));
	assert_non_null(strstr(cell_text(b, t, "A8"), "記載例を含みます。"));
	assert_null(strstr(cell_text(b, t, "B8"), "記載例を含みます。"));
	newr = run_of(cell_si(b, t, "A8"), "記載例を含みます。");
	assert_non_null(newr);
	assert_true(!strncmp(newr, "<r><rPr><u/>", 12));
	free(newr);
	assert_string_equal(cell_text(b, t, "C8"), "(変更)");
	assert_true(!strncmp(cell_text(b, t, "A9"), "時点の注記\n", 16));
	assert_string_equal(cell_text(b, t, "A10"),
			    "セクション 2\n表題：サービスの構成");
	assert_string_equal(cell_text(b, t, "A11"), "1. サービス管理");
	row = find_row(b, t, 'C', "(変更)");
	assert_int_not_equal(row, 0);
	/* 1-1: the changed wording underlined on each side. */
	for (row = 6; row < 60; row++)
		if (!strncmp(cell_at(b, t, 'A', row), "1-1\n", 4))
			break;
	assert_true(row < 60);
	assert_string_equal(
		cell_at(b, t, 'A', row),
		"1-1\n項目：障害監視\n回答内容：障害に関しては、30分"
		"以内での通知を目標としています。");
	snprintf(ref, sizeof(ref), "A%d", row);
	si = cell_si(b, t, ref);
	newr = run_of(si, "30");
	assert_non_null(newr);
	assert_true(!strncmp(newr, "<r><rPr><u/>", 12));
	snprintf(ref, sizeof(ref), "B%d", row);
	si = cell_si(b, t, ref);
	oldr = run_of(si, "60");
	assert_non_null(oldr);
	assert_true(!strncmp(oldr, "<r><rPr><u/>", 12));
	assert_null(strstr(oldr, "<strike/>"));
	assert_string_equal(cell_at(b, t, 'C', row), "(変更)");
	assert_int_not_equal(find_row(b, t, 'C', "(新設)"), 0);
	assert_int_not_equal(find_row(b, t, 'C', "(削除)"), 0);
	assert_int_not_equal(find_row(b, t, 'C', "(移動：旧1-2)"), 0);
	assert_int_not_equal(find_row(b, t, 'C', "(移動：旧3-1)(変更)"), 0);
	/* The notation-only change names its characters. */
	assert_int_not_equal(
		find_row(b, t, 'C', "(表記のみ) ⽤ U+2F64 → 用 U+7528"), 0);
	free(newr);
	free(oldr);
	free(t);
	free(names);
	free(path);
	book_free(b);
}

/* Issue 12: the workbook's 新旧対照表 names the characters of a
 * notation-only document change in 備考, as for an item. */
static void test_cmd_export_xlsx__shinkyu_document_notation_points(void **state)
{
	fixture *f = *state;
	char *path = out_path(f, "shinkyu-notation.xlsx");
	char *sheet = test_repo_path(f->repo, "checklist/sheet.json");
	char *text = test_read_file(sheet, NULL), *at, *next, *t;
	test_run *run;
	book *b;
	int row;
	assert_non_null(text);
	at = strstr(text, "2022年9月");
	assert_non_null(at);
	next = test_fmt("%.*s２０２２%s", (int)(at - text), text, at + 4);
	test_repo_write(f->repo, "checklist/sheet.json", next);
	test_repo_commit(f->repo, "full-width digits in the as-of note");
	run = test_cli("-C", f->repo->dir, "export", "--format", "xlsx",
		       "--layout", "shinkyu", "--at", "HEAD", "--changes-since",
		       "HEAD~1", "-o", path, NULL);
	assert_int_equal(run->status, 0);
	test_run_free(run);
	b = book_open(path);
	t = sheet_xml(b, "新旧対照表");
	row = find_row(b, t, 'C',
		       "(表記のみ) 2022 U+0032 U+0030 U+0032 U+0032 → ２０２２ "
		       "U+FF12 U+FF10 U+FF12 U+FF12");
	assert_int_not_equal(row, 0);
	assert_true(!strncmp(cell_at(b, t, 'A', row), "時点の注記\n", 16));
	free(t);
	book_free(b);
	free(next);
	free(text);
	free(sheet);
	free(path);
}

static void test_cmd_export_xlsx__shinkyu_needs_changes_since(void **state)
{
	fixture *f = *state;
	char *path = out_path(f, "shinkyu.xlsx");
	test_run *run =
		test_cli("-C", f->repo->dir, "export", "--format", "xlsx",
			 "--layout", "shinkyu", "-o", path, NULL);
	assert_int_equal(run->status, 2);
	assert_string_equal(run->err,
			    "sheetlog: --layout shinkyu needs --changes-since "
			    "REV (usage: sheetlog export [options])\n");
	assert_null(test_read_file(path, NULL));
	test_run_free(run);
	free(path);
}

/* ---- bytes and files ---------------------------------------------------- */

static void test_cmd_export_xlsx__same_input_same_bytes(void **state)
{
	fixture *f = *state;
	char *a = out_path(f, "a.xlsx"), *b = out_path(f, "b.xlsx"), *da, *db;
	size_t la, lb;
	const char *tz = getenv("TZ");
	char *saved = tz ? strdup(tz) : NULL;
	test_run *run =
		test_cli("-C", f->repo->dir, "export", "--format", "xlsx",
			 "--changes-since", "2022-09", "-o", a, NULL);
	assert_int_equal(run->status, 0);
	test_run_free(run);
	/* Another run, in another time zone, a second later. */
	setenv("TZ", "America/New_York", 1);
	run = test_cli("-C", f->repo->dir, "export", "--format", "xlsx",
		       "--changes-since", "2022-09", "-o", b, NULL);
	if (saved)
		setenv("TZ", saved, 1);
	else
		unsetenv("TZ");
	free(saved);
	assert_int_equal(run->status, 0);
	test_run_free(run);
	da = test_read_file(a, &la);
	db = test_read_file(b, &lb);
	assert_true(la > 1000);
	assert_int_equal(la, lb);
	assert_memory_equal(da, db, la);
	free(da);
	free(db);
	free(a);
	free(b);
}

static void test_cmd_export_xlsx__needs_an_output_file(void **state)
{
	fixture *f = *state;
	test_run *run = test_cli("-C", f->repo->dir, "export", "--format",
				 "xlsx", NULL);
	assert_int_equal(run->status, 2);
	assert_int_equal(run->out_len, 0);
	assert_string_equal(run->err, "sheetlog: xlsx is a binary format: give "
				      "-o FILE (usage: sheetlog export "
				      "[options])\n");
	test_run_free(run);
	run = test_cli("-C", f->repo->dir, "export", "--format", "xlsx", "-o",
		       "-", NULL);
	assert_int_equal(run->status, 2);
	assert_int_equal(run->out_len, 0);
	test_run_free(run);
}

/* Names in dir other than keep (temp files left behind). */
static int stray_files(const char *dir, const char *keep)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;
	assert_non_null(d);
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..") &&
		    strcmp(e->d_name, keep))
			n++;
	closedir(d);
	return n;
}

static void test_cmd_export_xlsx__failure_leaves_target_untouched(void **state)
{
	fixture *f = *state;
	char *path = out_path(f, "book.xlsx"), *data, *big, *json;
	size_t i, len;
	test_run *run;
	test_write_str(path, "the previous workbook");
	/* Fails before writing: an unknown revision. */
	run = test_cli("-C", f->repo->dir, "export", "--format", "xlsx",
		       "--changes-since", "edition/1999-01", "-o", path, NULL);
	assert_int_equal(run->status, 2);
	test_run_free(run);
	data = test_read_file(path, &len);
	assert_string_equal(data, "the previous workbook");
	free(data);
	assert_int_equal(stray_files(f->out_dir, "book.xlsx"), 0);
	/* Fails while building the workbook, after the temp file exists: an
	 * answer longer than an Excel cell holds (32767 characters). */
	big = malloc(40000 * 3 + 1);
	assert_non_null(big);
	for (i = 0; i < 40000; i++)
		memcpy(big + i * 3, "あ", 3);
	big[40000 * 3] = '\0';
	json = test_fmt("{\n  \"id\": \"1-1\",\n  \"section\": \"1\",\n"
			"  \"question\": \"q\",\n  \"answer\": \"%s\"\n}\n",
			big);
	test_repo_write(f->repo, "checklist/items/1-1.json", json);
	run = test_cli("-C", f->repo->dir, "export", "--format", "xlsx", "-o",
		       path, NULL);
	assert_int_equal(run->status, 2);
	assert_string_equal(run->err,
			    "sheetlog: text too long for a spreadsheet cell "
			    "(40000 characters, at most 32767): field answer "
			    "(item 1-1)\n");
	test_run_free(run);
	data = test_read_file(path, &len);
	assert_string_equal(data, "the previous workbook");
	free(data);
	assert_int_equal(stray_files(f->out_dir, "book.xlsx"), 0);
	/* And a good run replaces it whole. */
	test_repo_write(f->repo, "checklist/items/1-1.json",
			"{\n  \"id\": \"1-1\",\n  \"section\": \"1\",\n"
			"  \"question\": \"q\",\n  \"answer\": \"a\"\n}\n");
	run = test_cli("-C", f->repo->dir, "export", "--format", "xlsx", "-o",
		       path, NULL);
	assert_int_equal(run->status, 0);
	test_run_free(run);
	data = test_read_file(path, &len);
	assert_memory_equal(data, "PK\x03\x04", 4);
	free(data);
	assert_int_equal(stray_files(f->out_dir, "book.xlsx"), 0);
	free(json);
	free(big);
	free(path);
}

/* Optional: LibreOffice reads the workbook (skipped where it is not
 * installed; it is far too large to install for the tests). */
static void test_cmd_export_xlsx__libreoffice_reads_it(void **state)
{
	fixture *f = *state;
	book *b;
	char *cmd, *csv, *data;
	int rc;
	if (!have_tool("soffice")) {
		skip();
		return;
	}
	b = export_book(f, "sheet.xlsx", "--at", "HEAD", NULL, NULL);
	book_free(b);
	cmd = test_fmt("cd '%s' && HOME='%s' soffice --headless --convert-to "
		       "csv:\"Text - txt - csv (StarCalc)\":44,34,76 "
		       "sheet.xlsx >/dev/null 2>&1",
		       f->out_dir, f->out_dir);
	rc = system(cmd);
	free(cmd);
	assert_int_equal(rc, 0);
	csv = out_path(f, "sheet.csv");
	data = test_read_file(csv, NULL);
	assert_non_null(data);
	/* The first worksheet, the cover, as LibreOffice read it. */
	assert_non_null(strstr(data, "テスト用チェックシート"));
	assert_non_null(strstr(data, "テスト株式会社"));
	free(data);
	free(csv);
}

/* Extra fields get a column each, named and sorted as in the CSV export;
 * a JSON number is shown as its text, a formula-like extra stays a string,
 * and an item without the field leaves its cell blank. */
static void test_cmd_export_xlsx__extra_fields_get_columns(void **state)
{
	fixture *f = *state;
	book *b;
	char *s1;
	test_repo_write(f->repo, "checklist/items/1-1.json",
			"{\n  \"id\": \"1-1\",\n  \"section\": \"1\",\n"
			"  \"question\": \"q1\",\n  \"answer\": \"a1\",\n"
			"  \"weight\": 3,\n  \"note\": \"備考\"\n}\n");
	test_repo_write(f->repo, "checklist/items/1-2.json",
			"{\n  \"id\": \"1-2\",\n  \"section\": \"1\",\n"
			"  \"question\": \"q2\",\n  \"answer\": \"a2\",\n"
			"  \"note\": \"=cmd|' /C calc'!A0\"\n}\n");
	b = export_book(f, "sheet.xlsx", NULL, NULL, NULL, NULL);
	s1 = sheet_xml(b, "1 サービス管理");
	/* The fixture's 2-1 brings a third extra, reviewer: sorted by name. */
	assert_string_equal(cell_text(b, s1, "E1"), "note");
	assert_string_equal(cell_text(b, s1, "F1"), "reviewer");
	assert_string_equal(cell_text(b, s1, "G1"), "weight");
	assert_string_equal(cell_text(b, s1, "E2"), "備考");
	assert_string_equal(cell_text(b, s1, "G2"), "3");
	assert_string_equal(cell_text(b, s1, "E3"), "=cmd|' /C calc'!A0");
	assert_string_equal(cell_text(b, s1, "G3"), "");
	assert_string_equal(cell_text(b, s1, "F3"), "");
	assert_null(strstr(s1, "<f>"));
	/* Every section has the same columns (of any item), blank where the
	 * item has no such field. */
	free(s1);
	s1 = sheet_xml(b, "2 サービス構成");
	assert_string_equal(cell_text(b, s1, "E1"), "note");
	assert_string_equal(cell_text(b, s1, "E2"), "");
	assert_string_equal(cell_text(b, s1, "F2"), "情報セキュリティ室");
	free(s1);
	book_free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
			test_cmd_export_xlsx__cover_then_one_worksheet_per_section,
			setup_baseline, teardown),
		cmocka_unit_test_setup_teardown(
			test_cmd_export_xlsx__worksheet_names_follow_excel_rules,
			setup_baseline, teardown),
		cmocka_unit_test_setup_teardown(
			test_cmd_export_xlsx__answer_text_is_whole,
			setup_baseline, teardown),
		cmocka_unit_test_setup_teardown(
			test_cmd_export_xlsx__formula_like_text_is_a_string,
			setup_baseline, teardown),
		cmocka_unit_test_setup_teardown(
			test_cmd_export_xlsx__extra_fields_get_columns,
			setup_baseline, teardown),
		cmocka_unit_test_setup_teardown(
			test_cmd_export_xlsx__document_properties,
			setup_baseline, teardown),
		cmocka_unit_test_setup_teardown(
			test_cmd_export_xlsx__frozen_heading_and_widths,
			setup_baseline, teardown),
		cmocka_unit_test_setup_teardown(
			test_cmd_export_xlsx__changed_answer_is_rich_text,
			setup_fixture_demo, teardown),
		cmocka_unit_test_setup_teardown(
			test_cmd_export_xlsx__change_column_marks_rows,
			setup_fixture_demo, teardown),
		cmocka_unit_test_setup_teardown(
			test_cmd_export_xlsx__change_list_has_every_change,
			setup_fixture_demo, teardown),
		cmocka_unit_test_setup_teardown(
			test_cmd_export_xlsx__shinkyu_workbook,
			setup_fixture_demo, teardown),
		cmocka_unit_test_setup_teardown(
			test_cmd_export_xlsx__shinkyu_document_notation_points,
			setup_baseline, teardown),
		cmocka_unit_test_setup_teardown(
			test_cmd_export_xlsx__shinkyu_needs_changes_since,
			setup_fixture_demo, teardown),
		cmocka_unit_test_setup_teardown(
			test_cmd_export_xlsx__same_input_same_bytes,
			setup_fixture_demo, teardown),
		cmocka_unit_test_setup_teardown(
			test_cmd_export_xlsx__needs_an_output_file,
			setup_baseline, teardown),
		cmocka_unit_test_setup_teardown(
			test_cmd_export_xlsx__failure_leaves_target_untouched,
			setup_baseline, teardown),
		cmocka_unit_test_setup_teardown(
			test_cmd_export_xlsx__libreoffice_reads_it,
			setup_baseline, teardown),
	};
	return cmocka_run_group_tests_name("cmd_export_xlsx", tests,
					   test_global_setup,
					   test_global_teardown);
}
