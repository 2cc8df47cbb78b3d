/*
 * blame_sheet.h: `sheetlog blame sheet`: for every field of the document
 * around the items (sheet.json's text fields, each section's title and
 * scope, each scope's title) the commit that gave it its current value,
 * as blame.h does for an item's fields. Built on the document diff
 * (diff_doc.h) of each commit that changed sheet.json.
 */
#ifndef SL_BLAME_SHEET_H
#define SL_BLAME_SHEET_H

#include "diff_doc.h"
#include "history.h"

/* Which part of the document a field belongs to. */
typedef enum sl_blame_part {
	SL_BLAME_PART_SHEET, /* sheet.json's own field (title, introduction…) */
	SL_BLAME_PART_SECTION, /* a section's "title" or "scope" */
	SL_BLAME_PART_SCOPE,   /* a scope's "title" */
} sl_blame_part;

/* Stable name used in JSON: "sheet", "section", "scope". */
const char *sl_blame_part_name(sl_blame_part p);

typedef struct sl_blame_doc_field {
	sl_blame_part part;
	const char *part_id;    /* borrowed: the section or scope id, or NULL */
	const char *part_title; /* borrowed: its title, or NULL */
	const char *field;      /* borrowed: the JSON name ("title",
				 * "columns.id", an extra key…) */
	const char *value;      /* borrowed: the current value */
	const sl_history_step *step; /* borrowed; NULL beyond a shallow
				      * boundary */
} sl_blame_doc_field;

typedef struct sl_blame_sheet {
	/* owned: the steps that gave a field its value (item "sheet"; the
	 * steps have no item change: change is NULL, diff holds the
	 * commit's document diff), newest first */
	sl_history *history;
	sl_sheet *sheet; /* owned: sheet.json at the start revision */
	sl_doc_diff all; /* owned: that document, every part as added */
	sl_blame_doc_field *fields; /* owned; in document order: the sheet's
				     * fields, then sections, then scopes */
	size_t field_count;
} sl_blame_sheet;

/*
 * Blame the document at start along the first-parent line (uncommitted
 * edits of sheet.json first, for WORKTREE and INDEX). flags:
 * SL_BLAME_IGNORE_NOTATION (blame.h). new: *out. @return 0, SL_ENOTFOUND
 * (no checklist/ at start), SL_EREPO, SL_EINVALID (a sheet.json of the
 * history does not load) or SL_ENOMEM
 */
int sl_blame_sheet_compute(sl_blame_sheet **out, sl_repo *repo,
			   const sl_rev *start, const sl_walk_options *walk,
			   unsigned flags);
void sl_blame_sheet_free(sl_blame_sheet *b);

#endif
