/*
 * sheet.h: a whole sheet: its metadata (sheet.json) and its items in
 * natural id order. sl_sheet owns everything reachable from it.
 */
#ifndef SL_SHEET_H
#define SL_SHEET_H

#include <stddef.h>

#include "item.h"

typedef struct sl_scope {
	char *id;    /* owned; e.g. "provider" */
	char *title; /* owned; e.g. "クラウド事業者の責任範囲" */
} sl_scope;

typedef struct sl_section {
	char *id;    /* owned; e.g. "1" */
	char *title; /* owned */
	char *scope; /* owned; a scope id, or NULL */
} sl_section;

/* Column headings of the published table (No / 項目 / 評価内容 / 回答内容). */
typedef struct sl_columns {
	char *id, *category, *question, *answer; /* owned; each may be NULL */
} sl_columns;

/*
 * sheet.json. Only as_of and sections are required; every other string is
 * NULL when absent. Text fields keep the published line breaks as '\n'.
 */
typedef struct sl_sheet_meta {
	char *title;        /* document title */
	char *publisher;    /* who publishes the sheet */
	char *source_url;   /* where the published text lives */
	char *as_of;        /* edition name, e.g. "2022-09" (required) */
	char *timezone;     /* "+09:00"; NULL means +09:00 */
	char *id_pattern;   /* POSIX extended regex every id must match */
	char *introduction; /* text before the table */
	char *as_of_note;   /* the note on the as-of date */
	sl_columns columns; /* table headings */
	sl_scope *scopes;   /* owned array */
	size_t scope_count;
	sl_section *sections; /* owned array, in document order (required) */
	size_t section_count;
	char *disclaimer_title; /* heading of the disclaimer */
	char *disclaimer;       /* the disclaimer, one entry per line */
	char *page_header;      /* page furniture before the title */
	char *page_footer;      /* page furniture after the disclaimer */
	sl_extra *extra;        /* owned; other keys, sorted by name */
	size_t extra_count;
	char *path; /* owned; file it was read from, or NULL */
} sl_sheet_meta;

typedef struct sl_sheet sl_sheet;

/* new: an empty sheet with empty metadata. @return 0 or SL_ENOMEM */
int sl_sheet_new(sl_sheet **out);
void sl_sheet_free(sl_sheet *sheet);

/* borrowed: valid until sl_sheet_free */
sl_sheet_meta *sl_sheet_meta_of(sl_sheet *sheet);
const sl_sheet_meta *sl_sheet_meta_get(const sl_sheet *sheet);
/* Replace the metadata; takes ownership of meta's content (on every path)
 * and zeroes *meta. */
void sl_sheet_meta_take(sl_sheet *sheet, sl_sheet_meta *meta);
void sl_sheet_meta_dispose(sl_sheet_meta *meta);
/* A deep copy of in into out (overwritten, not disposed first).
 * @return 0 or SL_ENOMEM (out is then empty) */
int sl_sheet_meta_copy(sl_sheet_meta *out, const sl_sheet_meta *in);
/* Exchange the whole contents (metadata and items) of two sheets: for a
 * caller that builds a replacement aside and puts it in place only once
 * it is complete. */
void sl_sheet_swap(sl_sheet *a, sl_sheet *b);

/* Add an item; takes ownership on every path. @return 0 or SL_ENOMEM */
int sl_sheet_add_item(sl_sheet *sheet, sl_item *item);
/* Sort items by section order of sheet.json, then natural id order, and
 * index them by id for sl_sheet_find. Call after adding items. */
void sl_sheet_sort(sl_sheet *sheet);
size_t sl_sheet_item_count(const sl_sheet *sheet);
/* borrowed: valid until sl_sheet_free */
const sl_item *sl_sheet_item(const sl_sheet *sheet, size_t i);
/* borrowed: first item with this id, or NULL */
const sl_item *sl_sheet_find(const sl_sheet *sheet, const char *id);
/* The same, for editing the item's fields in place. Its id must not
 * change (the index is by id): borrowed, valid until sl_sheet_free. */
sl_item *sl_sheet_find_mut(sl_sheet *sheet, const char *id);
/* borrowed: an id held by two items, or NULL. O(n) after sl_sheet_sort. */
const char *sl_sheet_duplicate_id(const sl_sheet *sheet);
/* Is the id index current (sl_sheet_sort ran since the last change)? With
 * it, sl_sheet_duplicate_id is one pass; without, it compares all pairs. */
bool sl_sheet_indexed(const sl_sheet *sheet);
/* borrowed: the section with this id, or NULL */
const sl_section *sl_sheet_section(const sl_sheet *sheet, const char *id);
/* Position of a section in sheet.json, or section_count when unknown. */
size_t sl_sheet_section_index(const sl_sheet *sheet, const char *id);
/* borrowed: the scope with this id, or NULL */
const sl_scope *sl_sheet_scope(const sl_sheet *sheet, const char *id);
/* The scope of an item: its own, else its section's; NULL when neither. */
const char *sl_sheet_item_scope(const sl_sheet *sheet, const sl_item *item);

#endif
