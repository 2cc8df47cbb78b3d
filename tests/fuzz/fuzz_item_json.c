/*
 * fuzz_item_json.c: item files. Loading never crashes or leaks, whatever
 * the bytes; an item that loads has the required fields; its canonical
 * dump loads back to an equal item; and the fast path for canonical files
 * agrees with jansson: whenever it accepts a file, jansson reads the same
 * item from it. Replacing the raw id (sl_json_replace_string, as
 * `sheetlog insert` renumbers) gives the same item with the new id.
 */
#include <string.h>

#include "diag.h"
#include "fuzz.h"
#include "item.h"
#include "json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	sl_diag_list d = SL_DIAG_LIST_INIT, d2 = SL_DIAG_LIST_INIT;
	sl_item *item = NULL, *slow = NULL, *again = NULL, *renamed = NULL;
	sl_buf dump = SL_BUF_INIT, raw = SL_BUF_INIT;
	const char *s = (const char *)data;

	if (sl_json_parse_item(&item, &d, "fuzz.json", s, size) < 0)
		goto done; /* out of memory only */
	/* Either an item or findings, never neither. */
	FUZZ_CHECK(item || d.errors > 0);
	if (sl_json__parse_item_jansson(&slow, &d2, "fuzz.json", s, size) < 0)
		goto done;
	/* The two parsers agree on whether the file is an item, and on the
	 * item. */
	FUZZ_CHECK(!item == !slow);
	if (!item)
		goto done;
	FUZZ_CHECK(item->id && item->section && item->question && item->answer);
	FUZZ_CHECK(sl_item_equal(item, slow));
	/* The canonical form reads back as the same item. */
	FUZZ_CHECK(sl_json_dump_item(&dump, item) == 0);
	sl_diag_list_dispose(&d2);
	FUZZ_CHECK(sl_json_parse_item(&again, &d2, "dump.json", dump.ptr,
				      dump.len) == 0);
	FUZZ_CHECK(again && sl_item_equal(item, again));
	/* An escaped "id" key is not found: that is allowed, not wrong. */
	if (sl_json_replace_string(&raw, s, size, "id", "Z-9") == 0) {
		sl_diag_list_dispose(&d2);
		FUZZ_CHECK(sl_json_parse_item(&renamed, &d2, "r.json", raw.ptr,
					      raw.len) == 0);
		FUZZ_CHECK(renamed && !strcmp(renamed->id, "Z-9"));
		FUZZ_CHECK(sl_item_set(renamed, "id", item->id, false) == 0);
		FUZZ_CHECK(sl_item_equal(item, renamed));
	}
done:
	sl_item_free(renamed);
	sl_buf_dispose(&raw);
	sl_item_free(item);
	sl_item_free(slow);
	sl_item_free(again);
	sl_buf_dispose(&dump);
	sl_diag_list_dispose(&d);
	sl_diag_list_dispose(&d2);
	return 0;
}
