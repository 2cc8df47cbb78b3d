/*
 * blame.h: for every field of an item (or every run of characters of one
 * field) the history step that gave it its current value.
 */
#ifndef SL_BLAME_H
#define SL_BLAME_H

#include "history.h"

/* Blame: which step gave each field, or each run of a field's text, its
 * current value. */
typedef struct sl_blame_field {
	const char *field;           /* borrowed: field name */
	const char *value;           /* borrowed: current value */
	const sl_history_step *step; /* borrowed; NULL beyond a shallow
				      * boundary */
} sl_blame_field;

typedef struct sl_blame_run {
	size_t off;                  /* bytes into the current text */
	size_t len;                  /* bytes */
	const sl_history_step *step; /* borrowed; NULL beyond the boundary */
} sl_blame_run;

typedef struct sl_blame {
	sl_history *history;    /* owned: the full history (no filters) */
	const sl_item *item;    /* borrowed from the newest step or snapshot */
	sl_item *owned_item;    /* owned when the item came from a snapshot */
	sl_blame_field *fields; /* owned; id, then the item's fields */
	size_t field_count;
	char *chars_field;  /* owned; field of runs, or NULL */
	sl_blame_run *runs; /* owned; runs over that field's text */
	size_t run_count;
} sl_blame;

/* Notation-only changes (表記のみ: a compatibility ideograph or a
 * full-width digit replaced by its plain form) give no field its value:
 * a field, or a run of characters, is blamed on the change before them,
 * as git blame --ignore-rev skips a revision. */
#define SL_BLAME_IGNORE_NOTATION 1u

/* Blame item at start; with chars_field, also per run of that field's
 * text; flags: SL_BLAME_*. new: *out. @return as sl_history_item */
int sl_blame_item(sl_blame **out, sl_repo *repo, const sl_rev *start,
		  const char *item, const char *chars_field,
		  const sl_walk_options *walk, unsigned flags);
void sl_blame_free(sl_blame *b);

#endif
