/*
 * store.h: writes a sheet to a directory in canonical form: DIR/sheet.json
 * and DIR/items/<id>.json. All files are validated and rendered first, then
 * written with sl_fs_write_many, so a failure leaves the old files whole.
 */
#ifndef SL_STORE_H
#define SL_STORE_H

#include <stdbool.h>
#include <stddef.h>

#include "sheet.h"
#include "vec.h"

typedef struct sl_store_report {
	size_t written;   /* files replaced or created */
	size_t unchanged; /* files already byte-identical */
	size_t removed;   /* stale item files deleted (prune) */
	sl_vec stale;     /* owned strings: item files present in DIR/items but
			   * not in the sheet (kept unless pruned) */
} sl_store_report;

#define SL_STORE_REPORT_INIT         \
	{                            \
		0, 0, 0, SL_VEC_INIT \
	}

void sl_store_report_dispose(sl_store_report *report);

/*
 * Write sheet into dir. Ids must be valid ids (so a file name can never
 * escape DIR/items) and unique. With prune, item files of DIR/items that
 * the sheet does not hold are removed after the writes succeed.
 * @return 0, SL_EINVALID (unsafe or duplicate id), SL_EIO or SL_ENOMEM
 */
int sl_store_write(sl_store_report *report, const sl_sheet *sheet,
		   const char *dir, bool prune);

/*
 * Write the files DIR/items/<id>.json of the given items (canonical
 * form), all or nothing (sl_fs_write_many): every id is checked and
 * every file rendered before the first write. *written: files written
 * (on failure, how many were renamed into place before it).
 * @return 0, SL_EINVALID (an unsafe id), SL_EIO or SL_ENOMEM
 */
int sl_store_write_items(size_t *written, const sl_item *const *items, size_t n,
			 const char *dir);

/* True when name is a safe item file name "<id>.json" for a valid id. */
bool sl_store_is_item_name(const char *name);

#endif
