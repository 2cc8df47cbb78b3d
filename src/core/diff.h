/*
 * diff.h: what changed between two versions of a sheet: items added,
 * removed, renumbered and modified, each changed field with an inline
 * grapheme-level diff and a notation-only flag.
 */
#ifndef SL_DIFF_H
#define SL_DIFF_H

#include <stdbool.h>
#include <stddef.h>

#include "sheet.h"
#include "repo_snapshot.h"
#include "textdiff.h"

typedef enum sl_change_status {
	SL_CHANGE_ADDED,
	SL_CHANGE_REMOVED,
	SL_CHANGE_MODIFIED,
	SL_CHANGE_RENUMBERED,
	/* A reused number: the old item under the id was withdrawn and an
	 * unrelated new item took the id (neither found a partner). */
	SL_CHANGE_REPLACED,
} sl_change_status;

/* Stable name used in JSON: "added", "removed", "modified", "renumbered",
 * "replaced". */
const char *sl_change_status_name(sl_change_status s);
struct sl_change;
/* The kind of a change for readers' filters and CSS classes: "added",
 * "removed", "renumbered", "replaced", "notation" (modified, notation
 * only) or "modified". */
const char *sl_change_kind(const struct sl_change *c);

typedef struct sl_field_change {
	const char *field; /* borrowed: a known field name or an extra's name */
	const char *old_text; /* borrowed from the old item; NULL when absent */
	const char *new_text; /* borrowed from the new item; NULL when absent */
	size_t old_len,
		new_len;    /* their bytes (0 when absent), measured once */
	bool is_json;       /* an extra whose value is not a string */
	bool notation_only; /* equal after NFKC and whitespace folding */
	sl_text_ops ops;    /* owned; old_text -> new_text */
} sl_field_change;

/* Append the change of one field from ot to nt to *fields (grown by one)
 * when the texts differ: its inline diff and notation-only verdict. The
 * texts and name are borrowed. Item changes and the document diff
 * (diff_doc.h) share it. @return 0 or SL_ENOMEM */
int sl_field_changes_add(sl_field_change **fields, size_t *count,
			 const char *name, const char *ot, const char *nt,
			 bool is_json);
/* The same for two extra-field lists sorted by name: every name of their
 * union, in name order. */
int sl_field_changes_add_extras(sl_field_change **fields, size_t *count,
				const sl_extra *a, size_t na, const sl_extra *b,
				size_t nb);

typedef struct sl_change {
	sl_change_status status;
	const sl_item *old_item; /* borrowed; NULL when added */
	const sl_item *new_item; /* borrowed; NULL when removed */
	const char *id;          /* borrowed; the new id, or the removed id
				  * (replaced: the one id of both) */
	const char *old_id;      /* borrowed; NULL when added */
	const char *section; /* borrowed; new section, or old when removed */
	bool notation_only;  /* modified, and every changed field is
			      * notation-only */
	sl_field_change *fields; /* owned; changed fields in field order
				  * (replaced: every field of either item,
				  * with both texts) */
	size_t field_count;
} sl_change;

/* Counts. The buckets partition the items: modified counts substantive
 * modifications only, notation_only the modifications that are notation
 * only; renumbered counts every renumbered item, edited or not; replaced
 * counts reused numbers (each one old item and one new: the old items
 * are removed + modified + renumbered + notation_only + replaced +
 * unchanged, the new ones the same with added for removed). */
typedef struct sl_diff_summary {
	size_t added;
	size_t removed;
	size_t modified;
	size_t renumbered;
	size_t notation_only;
	size_t unchanged;
	size_t replaced;
} sl_diff_summary;

typedef struct sl_diff sl_diff;

/*
 * Compare two loaded sheets. The diff borrows both: keep them alive
 * until sl_diff_free. new: *out. @return 0, SL_EINVALID or SL_ENOMEM
 */
int sl_diff_compute(sl_diff **out, const sl_sheet *old_sheet,
		    const sl_sheet *new_sheet);

/*
 * Compare two snapshots. Files whose blob ids are equal are counted as
 * unchanged without being read or parsed, so comparing adjacent revisions
 * of a large sheet reads only what changed. The diff owns the partial
 * sheets it loads (sl_diff_old_sheet / sl_diff_new_sheet hold sheet.json
 * and the changed items only).
 * @return 0, SL_EINVALID (a changed file does not load: message with its
 * path and revision), SL_ENOTFOUND (no checklist/), SL_EIO, SL_EREPO or
 * SL_ENOMEM
 */
int sl_diff_snapshots(sl_diff **out, sl_snapshot *old_snap,
		      sl_snapshot *new_snap);

/* sl_diff_snapshots with flags. SL_DIFF_EMPTY_OK: a NULL snapshot, or
 * one without checklist/, is an empty sheet (history before the sheet
 * existed, or after it was deleted). */
#define SL_DIFF_EMPTY_OK 1u
/* SL_DIFF_REPLACED (sl_diff_snapshots_pair): the pair of one id is a
 * reused number (the whole diff said SL_CHANGE_REPLACED). */
#define SL_DIFF_REPLACED 4u
/* SL_DIFF_RELEASE: once every item file is parsed and the sheets check
 * out, drop the item files' bytes from the snapshots (sl_snapshot_load
 * reads them again if asked; lint's positions would not see them). For a
 * caller that renders the diff and needs no more of the files. */
#define SL_DIFF_RELEASE 2u
int sl_diff_snapshots_ex(sl_diff **out, sl_snapshot *old_snap,
			 sl_snapshot *new_snap, unsigned flags);

/*
 * The one change between the item old_id of old_snap and the item new_id
 * of new_snap, paired as given (either id NULL: an addition or a
 * removal), with no matching: for a caller that knows the pairing a
 * whole diff of the snapshots found (history, through the walker's
 * cache), and wants that change alone at the cost of two files. The
 * change is the one sl_diff_snapshots_ex reports for that pair, field for
 * field; the diff holds it, or nothing when the pair is unchanged. The
 * snapshots need hold only the two files (and sheet.json). @return as
 * sl_diff_snapshots_ex, or SL_ENOTFOUND when a named item is not in its
 * snapshot's changed files (a stale pairing: diff the whole commit)
 */
int sl_diff_snapshots_pair(sl_diff **out, sl_snapshot *old_snap,
			   const char *old_id, sl_snapshot *new_snap,
			   const char *new_id, unsigned flags);

/* Count one change in a summary (a modification by its notation verdict). */
void sl_diff_summary_count(sl_diff_summary *s, const sl_change *c);

void sl_diff_free(sl_diff *diff);

size_t sl_diff_count(const sl_diff *diff);
/* borrowed: valid until sl_diff_free. Order: section order of the new
 * sheet (removed items by their old section), then natural id order. */
const sl_change *sl_diff_change(const sl_diff *diff, size_t i);
const sl_diff_summary *sl_diff_summary_of(const sl_diff *diff);
/* borrowed: the sheets compared (partial for sl_diff_snapshots) */
const sl_sheet *sl_diff_old_sheet(const sl_diff *diff);
const sl_sheet *sl_diff_new_sheet(const sl_diff *diff);
/* The section of a change: borrowed from the new sheet, else the old,
 * else NULL. */
const sl_section *sl_diff_section_of(const sl_diff *diff, const sl_change *c);

#endif
