/*
 * render_xlsx.h: what the workbook renderers share (internal to
 * render_xlsx*.c, the only files that include <xlsxwriter.h>): the
 * workbook with its cached formats and first failure, text cells, rich
 * text runs, worksheets and document properties. render_xlsx_export.c
 * lays out the sheet, render_xlsx_shinkyu.c the 新旧対照表.
 */
#ifndef SL_RENDER_XLSX_H
#define SL_RENDER_XLSX_H

#include <stdbool.h>
#include <stddef.h>

#include <xlsxwriter.h>

#include "buf.h"
#include "render.h"
#include "vec.h"

/*
 * The font of every format: the proportional gothic of Japanese Windows,
 * which Excel and LibreOffice substitute where it is missing. Charset 128
 * (Shift_JIS) marks it as a Japanese font, so Excel does not switch fonts
 * for the kana and kanji runs of a cell.
 */
#define XLSX_FONT "MS PGothic"
#define XLSX_FONT_SIZE 10
#define XLSX_TITLE_SIZE 14
/* Excel's limits: characters (UTF-16 units) in a cell and in a sheet
 * name. */
#define XLSX_CELL_MAX 32767
#define XLSX_NAME_MAX 31
/* 1980-01-01T00:00:00Z, the date of the zip entries: the creation date
 * when neither a commit time nor as_of gives one. */
#define XLSX_EPOCH 315532800

#define COLOR_DEL 0xFF0000     /* deleted text: red, struck through */
#define COLOR_INS 0x0000FF     /* inserted text: blue, underlined */
#define FILL_HEAD 0xD9E1F2     /* heading row */
#define FILL_CHANGED 0xFFF2CC  /* a changed cell: light yellow */
#define FILL_ADDED 0xE2EFDA    /* an added item: light green */
#define FILL_REMOVED 0xFCE4D6  /* a removed item (change list): light red */
#define FILL_NOTATION 0xEDEDED /* a notation-only change: light grey */
#define FILL_SECTION 0xF2F2F2  /* a section heading row (新旧対照表) */

/* Fonts of text runs. */
enum {
	F_NORMAL,
	F_BOLD,
	F_DEL,        /* struck through, red */
	F_INS,        /* underlined, blue */
	F_UNDER,      /* underlined (新旧対照表) */
	F_BOLD_UNDER, /* an item id in the 新旧対照表 */
	F_TITLE,
	F__COUNT
};

/* Cell styles: border, fill, alignment. */
enum {
	C_TEXT, /* a table cell: wrapped, top-aligned, thin border */
	C_HEAD, /* a heading cell */
	C_CHANGED,
	C_ADDED,
	C_REMOVED,
	C_NOTATION,
	C_SECTION, /* a section heading row */
	C_COVER,   /* cover text: wrapped, no border */
	C_NOTE,    /* a line above a table: not wrapped, no border */
	C__COUNT
};

typedef struct sl_render_xlsx {
	lxw_workbook *wb;
	lxw_format *fmt[C__COUNT][F__COUNT]; /* made on first use */
	sl_vec names;      /* owned strings: worksheet names given so far */
	char *tmpdir;      /* owned: where libxlsxwriter keeps scratch files */
	sl_lang lang;      /* label language */
	int rc;            /* first failure; later writes do nothing */
	const char *item;  /* borrowed: item being written, for messages */
	const char *field; /* borrowed: its field */
} sl_render_xlsx;

typedef struct sl_render_rich_frag {
	size_t off; /* of the fragment's text in rich.text */
	int font;
} sl_render_rich_frag;

/* A cell's text as runs of fonts. Excel refuses empty runs and a rich
 * string of one run, so empty text is dropped, neighbours in one font are
 * merged, and rich_write writes a single run as a plain string. */
typedef struct sl_render_rich {
	sl_buf text;                /* the runs, each followed by a NUL */
	sl_render_rich_frag *frags; /* owned */
	size_t count;               /* runs */
	size_t cap;
	bool oom;
} sl_render_rich;

/* Record libxlsxwriter's error e as the first failure (OOM as SL_ENOMEM). */
void sl_render__xlsx_fail(sl_render_xlsx *x, lxw_error e);

/* A new workbook for path, its scratch files beside it. @return 0,
 * SL_EIO or SL_ENOMEM */
int sl_render__xlsx_open(sl_render_xlsx *x, const char *path, sl_lang lang);

/* Write the file (or, after a failure, only free the workbook). */
int sl_render__xlsx_close(sl_render_xlsx *x, const char *path);

/* The format of a cell style (C_*) in a font (F_*), made on first use. */
lxw_format *sl_render__xlsx_format(sl_render_xlsx *x, int cell, int font);

/* One text cell in one font; NULL or "" is a blank cell of the style. */
void sl_render__xlsx_cell(sl_render_xlsx *x, lxw_worksheet *ws, lxw_row_t row,
			  lxw_col_t col, const char *s, int style, int font);

/* Append s as a run in font (empty text is dropped). */
void sl_render__xlsx_rich_puts(sl_render_rich *r, int font, const char *s);

/*
 * The runs of a diff: side -1 both texts (deletions in del, insertions in
 * ins), side 0 the old text only (deletions in del), side 1 the new text
 * only (insertions in ins). Unchanged text is in the normal font.
 */
void sl_render__xlsx_rich_ops(sl_render_rich *r, const sl_text_ops *ops,
			      int side, int del, int ins);

void sl_render__xlsx_rich_dispose(sl_render_rich *r);

/* Write the runs into a cell of the given style, and clear them. */
void sl_render__xlsx_rich_write(sl_render_xlsx *x, lxw_worksheet *ws,
				lxw_row_t row, lxw_col_t col, sl_render_rich *r,
				int style);

/*
 * A new worksheet named after want, as Excel requires: none of []:*?/\
 * (each becomes '_'), no control characters, no apostrophe at either end,
 * at most 31 characters (cut at a code point), unique ignoring ASCII case
 * (a clash gets " (2)", " (3)", ...). "1 クラウドサービス管理" stays as is.
 */
lxw_worksheet *sl_render__xlsx_add_sheet(sl_render_xlsx *x, const char *want);

/* Print setup of a table: A4 landscape, one page wide, the heading row
 * repeated on every page. */
void sl_render__xlsx_print_setup(sl_render_xlsx *x, lxw_worksheet *ws,
				 lxw_row_t head);

/* The commit shown in properties: opts->commit, else opts->to's, or NULL. */
const char *sl_render__xlsx_commit(const sl_render_options *o);

/* Title, subject, company, comments and the fixed creation date (changes:
 * name the revision the changes are counted from). */
void sl_render__xlsx_properties(sl_render_xlsx *x, const sl_sheet_meta *m,
				const char *subject, const sl_render_options *o,
				bool changes);

/* True for the section and scope fields: where an item stands, not what
 * it says. */
bool sl_render__xlsx_is_placement(const sl_field_change *f);

#endif
