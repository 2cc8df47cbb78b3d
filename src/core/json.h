/*
 * json.h: items and sheet.json to and from JSON (the only module that
 * includes <jansson.h>; the renderers write JSON with their own streaming
 * writer, render_json.h). Parsing reports problems as
 * findings with line:column; dumping writes the canonical file form.
 */
#ifndef SL_JSON_H
#define SL_JSON_H

#include <stddef.h>

#include "buf.h"
#include "diag.h"
#include "item.h"
#include "sheet.h"

/*
 * Parse an item file. Problems (invalid UTF-8, JSON syntax, missing
 * fields, wrong types) are added to diags against path with line:column.
 * new: *out is the item (path set) or NULL when the file has errors.
 * @return 0, or SL_ENOMEM
 */
int sl_json_parse_item(sl_item **out, sl_diag_list *diags, const char *path,
		       const char *data, size_t len);

/* Parse sheet.json into *out (zeroed first); same contract as for items.
 * On errors *out is left disposed (all NULL). @return 0 or SL_ENOMEM */
int sl_json_parse_meta(sl_sheet_meta *out, sl_diag_list *diags,
		       const char *path, const char *data, size_t len);

/* Append the canonical form of an item: UTF-8 without \u escapes for
 * non-ASCII, 2-space indent, key order id, section, scope, category,
 * question, answer, then other keys by name; one trailing newline.
 * @return 0 or SL_ENOMEM */
int sl_json_dump_item(sl_buf *out, const sl_item *item);
/* Append the canonical form of sheet.json. @return 0 or SL_ENOMEM */
int sl_json_dump_meta(sl_buf *out, const sl_sheet_meta *meta);

/*
 * Locate, in raw JSON text, the character at decoded byte offset
 * decoded_off of the string value of top-level key `key` (decoded_off 0
 * is the value's first character; when the value is not a string, its
 * start). Sets 1-based *line and *col (col in code points).
 * @return true when the key was found
 */
bool sl_json_locate(const char *data, size_t len, const char *key,
		    size_t decoded_off, int *line, int *col);
/*
 * Locate the start of element `index` (0-based) of the array value of
 * top-level key `key`: a finding about one section points at its own
 * object. Sets 1-based *line and *col. @return true when found
 */
bool sl_json_locate_element(const char *data, size_t len, const char *key,
			    size_t index, int *line, int *col);

/*
 * Append data with the string value of top-level key `key` replaced by
 * value (escaped as the canonical dump escapes it), every other byte
 * kept: renumbering rewrites an item's id without touching the rest of
 * its file. data must be text the parser accepted.
 * @return 0, SL_ENOTFOUND (no such key, or its value is not a string) or
 * SL_ENOMEM
 */
int sl_json_replace_string(sl_buf *out, const char *data, size_t len,
			   const char *key, const char *value);

/* sl_json_parse_item without the fast path for canonical files: jansson
 * only. For the differential fuzz target, which checks that both paths
 * read every file the fast path accepts the same way. */
int sl_json__parse_item_jansson(sl_item **out, sl_diag_list *diags,
				const char *path, const char *data, size_t len);
/* Route jansson's allocations through sl_malloc (fault injection). */
void sl_json__init(void);

#endif
