/*
 * test_sheet.h: small in-memory sheets for unit tests of the model (sheet,
 * diff, store), built through the public item and sheet API.
 */
#ifndef TEST_SHEET_H
#define TEST_SHEET_H

#include "sheet.h"

/*
 * new: a sheet with as_of "2022-09", the scopes "provider" and "customer",
 * and the sections named by "id" or "id:scope" strings (NULL-terminated),
 * in that order. Free with sl_sheet_free.
 */
sl_sheet *test_sheet_new(const char *const *sections);
/* new: an item with these fields (scope, category: NULL for none). */
sl_item *test_item(const char *id, const char *section, const char *scope,
		   const char *question, const char *answer);
/* Add test_item(id, section, NULL, question, answer) to sheet; returns
 * the item, borrowed. */
sl_item *test_sheet_add(sl_sheet *sheet, const char *id, const char *section,
			const char *question, const char *answer);

/* new: the file checklist/items/<name> of the live sheet ("1-1.json"),
 * parsed by the one item reader; fails the test when it does not load. */
sl_item *test_real_item_file(const char *name);

#endif
