/*
 * item.h: one question/answer item of a sheet. Strings are UTF-8, owned,
 * NUL-terminated and free of NUL bytes (the JSON loader refuses \u0000), so
 * lengths can be taken with strlen. Fields beyond the known ones are kept
 * in `extra`, in key order, and round-trip unchanged.
 */
#ifndef SL_ITEM_H
#define SL_ITEM_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

typedef struct sl_extra {
	char *name;   /* owned; the JSON key */
	char *text;   /* owned; a string value, or the compact canonical JSON
		       * text of any other value (see is_json) */
	bool is_json; /* true when the value is not a JSON string */
} sl_extra;

typedef struct sl_item {
	char *id;           /* owned; required */
	char *section;      /* owned; required; a section id of sheet.json */
	char *scope;        /* owned; optional (NULL when absent) */
	char *category;     /* owned; optional (NULL when absent) */
	char *question;     /* owned; required */
	char *answer;       /* owned; required */
	sl_extra *extra;    /* owned array, sorted by name */
	size_t extra_count; /* entries in extra */
	char *path;         /* owned; file the item was read from, or NULL */
} sl_item;

/* Names of the known fields in canonical key order. */
extern const char *const sl_item_known_fields[6];

/* new: an empty item; free with sl_item_free. NULL on OOM. */
sl_item *sl_item_new(void);
void sl_item_free(sl_item *item);
/* new: a deep copy. NULL on OOM. */
sl_item *sl_item_dup(const sl_item *item);

/*
 * Value of a field by name, known or extra. borrowed: valid until the item
 * changes. NULL when the item has no such field. *is_json (optional) says
 * the text is JSON rather than a string value.
 */
const char *sl_item_get(const sl_item *item, const char *name, bool *is_json);
/* Set a known field or an extra (string value); value copied.
 * @return 0 or SL_ENOMEM */
int sl_item_set(sl_item *item, const char *name, const char *value,
		bool is_json);
/* True when two items have the same fields and values (path ignored). */
bool sl_item_equal(const sl_item *a, const sl_item *b);
/* True when name is one of the known fields. */
bool sl_item_is_known_field(const char *name);

/*
 * The one rule for item files: the file of item ID is items/ID.json.
 * These take a file's base name ("1-1.json").
 */
#define SL_ITEM_FILE_SUFFIX ".json"
/* True when base has the shape of an item file: a non-empty stem and the
 * suffix. *stem_len (optional) is the stem's length in bytes. */
bool sl_item_file_stem(size_t *stem_len, const char *base);
/* True when base is the file name of the item with this id. */
bool sl_item_file_is_for(const char *base, const char *id);
/* Append the file name of the item with this id ("1-1.json"). */
void sl_item_file_name(sl_buf *out, const char *id);

#endif
