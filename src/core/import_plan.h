/*
 * import_plan.h: a spreadsheet's rows read as the desired state of the
 * sheet. The rows become items; those items are matched against the
 * current sheet exactly as `sheetlog diff` matches two versions (diff.c
 * and match.c: by id, then by content for shifted numbers), and the plan
 * is that diff: added, removed, renumbered, modified, replaced. Showing
 * the plan and applying it are then the same thing, so an inserted row
 * with the rows below renumbered is 1 added + N renumbered, never N
 * overwritten items.
 *
 * The reader of the table (import_csv.c for CSV, a workbook reader for
 * xlsx) maps headings to fields and checks each row; this module never
 * sees the file.
 */
#ifndef SL_IMPORT_PLAN_H
#define SL_IMPORT_PLAN_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "diff.h"
#include "sheet.h"
#include "vec.h"

/* One cell of a row: the field it sets (a known field or an extra's
 * name) and its text, both borrowed. */
typedef struct sl_import_cell {
	const char *field;
	const char *value;
} sl_import_cell;

/* One row of the table. */
typedef struct sl_import_row {
	const char *id; /* borrowed; trimmed, non-empty */
	const sl_import_cell
		*cells; /* borrowed; every mapped cell but the id */
	size_t count;
	int line, col; /* where the id cell is, for messages */
} sl_import_row;

typedef struct sl_import_plan {
	sl_sheet *before;  /* owned: the sheet as it was before the plan */
	sl_diff *diff;     /* owned: before -> the desired sheet; the plan */
	sl_vec going;      /* owned strings "ID QUESTION-START": items of before
			    * the table does not hold (the plan's removals) */
	sl_vec kept;       /* owned strings: a '?' taken for a character the
			    * old text had and CP932 cannot hold (a lossy save):
			    * the old text is kept, "ID field: '?' for 'X'" */
	sl_vec suspect;    /* owned strings "ID field": an edited text with
			    * '?' where the old one has characters CP932
			    * cannot hold (taken as the edit; check it) */
	size_t forms;      /* characters CP932 cannot hold that the table had
			    * as their NFKC form (export --nfkc): kept too */
	sl_diag_list lint; /* structure lint of the desired sheet, sorted
			    * (errors: the caller must not write) */
} sl_import_plan;

/*
 * Make sheet the desired state that rows describe, and the plan from what
 * it was. A field the table lacks keeps the value of the item the row
 * matched (by id, or by content when the number shifted); a row matching
 * no item is an added item, in its section cell's section or its id
 * prefix's, with that section's scope. A scope cell may hold the scope's
 * id or its title. A '?' where the matched item's text has a character
 * CP932 cannot hold is a lossy save, not an edit: the old text is kept
 * and named in kept. path names the table in messages.
 * On success sheet holds the desired sheet (sorted) and (*out)->before
 * the sheet as it was; the plan's diff borrows sheet, so keep sheet alive
 * until sl_import_plan_free. On failure sheet is untouched.
 * new: *out. @return 0, SL_EINVALID (a new row without a section: path,
 * line:column and item) or SL_ENOMEM
 */
/* The table was read from CP932: a character CP932 cannot hold, written
 * as its NFKC form (what `export --encoding cp932 --nfkc` does), is the
 * old character, not an edit. */
#define SL_IMPORT_PLAN_CP932 1u
int sl_import_plan_compute(sl_import_plan **out, sl_sheet *sheet,
			   const sl_import_row *rows, size_t n, unsigned flags,
			   const char *path);
void sl_import_plan_free(sl_import_plan *plan);

/*
 * Apply the plan to the sheet directory dir (checklist/ of a working
 * tree): every item file the desired sheet changes or adds is written to
 * a temp file first, then all are renamed into place (sl_fs_write_many:
 * a failure before the renames leaves every file as it was); only then
 * are the files of ids the desired sheet no longer has removed. A
 * renumbering chain (2-6 -> 2-7 ... 2-20 -> 2-21) therefore never loses
 * a file still needed: each target is written whole from memory.
 * *written: files written; *removed: files removed.
 * @return 0, SL_EINVALID (an unsafe id), SL_EIO or SL_ENOMEM
 */
int sl_import_plan_write(size_t *written, size_t *removed,
			 const sl_import_plan *plan, const char *dir);

#endif
