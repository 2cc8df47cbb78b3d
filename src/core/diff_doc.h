/*
 * diff_doc.h: what changed in the document around the items (sheet.json):
 * its text fields one by one (title, introduction, as-of note, column
 * headings, disclaimer, page furniture, extra keys), with the same inline
 * diff and notation-only verdict as an item's fields (diff.h), and the
 * sections and scopes added, removed or renamed. The edition name (as_of)
 * and the settings (timezone, id_pattern) are not document text: the
 * edition names the diff's two sides.
 */
#ifndef SL_DIFF_DOC_H
#define SL_DIFF_DOC_H

#include <stdbool.h>
#include <stddef.h>

#include "diff.h"

typedef enum sl_doc_status {
	SL_DOC_ADDED,
	SL_DOC_REMOVED,
	SL_DOC_RENAMED,  /* same id, the title changed (the scope may too) */
	SL_DOC_MODIFIED, /* same id and title, another field changed */
} sl_doc_status;

/* Stable name used in JSON: "added", "removed", "renamed", "modified". */
const char *sl_doc_status_name(sl_doc_status s);

/* A section or a scope of sheet.json, matched by id. */
typedef struct sl_doc_part {
	sl_doc_status status;
	const char *id;          /* borrowed */
	const char *title;       /* borrowed; the new title, or the old */
	bool notation_only;      /* renamed or modified, and every field is
				  * notation-only */
	sl_field_change *fields; /* owned; "title", then "scope" (sections) */
	size_t field_count;
} sl_doc_part;

typedef struct sl_doc_diff {
	sl_field_change *fields; /* owned; changed text fields, in the order
				  * of sheet.json's model, then extras by
				  * name */
	size_t field_count;
	sl_doc_part *sections; /* owned; new document order, then removed */
	size_t section_count;
	sl_doc_part *scopes; /* owned; likewise */
	size_t scope_count;
} sl_doc_diff;

#define SL_DOC_DIFF_INIT                  \
	{                                 \
		NULL, 0, NULL, 0, NULL, 0 \
	}

/*
 * Compare two sheet.json models. The diff borrows both: keep them alive
 * until sl_doc_diff_dispose. A NULL side is empty metadata. On failure
 * *out is left empty. @return 0 or SL_ENOMEM
 */
int sl_doc_diff_compute(sl_doc_diff *out, const sl_sheet_meta *old_meta,
			const sl_sheet_meta *new_meta);
void sl_doc_diff_dispose(sl_doc_diff *doc);

/* borrowed: the document diff of a diff (sl_diff_compute and
 * sl_diff_snapshots_ex; empty for sl_diff_snapshots_pair, which is about
 * one item). */
const sl_doc_diff *sl_diff_doc(const sl_diff *diff);

/* Changes in all: fields, sections and scopes. */
size_t sl_doc_diff_count(const sl_doc_diff *doc);
/* The same without the notation-only ones. */
size_t sl_doc_diff_substantive_count(const sl_doc_diff *doc);

#endif
