/*
 * store.c: the one place that writes sheet files, whole sheets or a set
 * of items. Unchanged files are not rewritten, so a re-import touches
 * only what changed.
 */
#include "store.h"

#include <string.h>

#include "alloc.h"
#include "buf.h"
#include "error.h"
#include "fs.h"
#include "id.h"
#include "json.h"

void sl_store_report_dispose(sl_store_report *report)
{
	sl_vec_free_all(&report->stale);
	report->written = report->unchanged = report->removed = 0;
}

bool sl_store_is_item_name(const char *name)
{
	size_t n;
	return sl_item_file_stem(&n, name) && sl_id_is_valid(name, n);
}

/* Ids name files: refuse any that could leave DIR/items. */
static int check_ids(const sl_item *const *items, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++) {
		const sl_item *it = items[i];
		if (!it->id || !sl_id_is_valid(it->id, strlen(it->id))) {
			int rc = sl_error_set(
				SL_EINVALID,
				"refusing to write an item with unsafe id '%s'",
				it->id ? it->id : "");
			sl_error_add_item(it->id);
			return rc;
		}
	}
	return 0;
}

/* new: DIR/items/<id>.json. NULL on OOM. */
static char *item_path(const char *items_dir, const char *id)
{
	sl_buf name = SL_BUF_INIT;
	char *p;
	sl_item_file_name(&name, id);
	p = sl_buf_oom(&name) ? NULL : sl_fs_join(items_dir, name.ptr);
	sl_buf_dispose(&name);
	return p;
}

typedef struct pending {
	char *path; /* owned */
	char *data; /* owned */
	size_t len;
} pending;

/* Queue path for writing unless it already holds exactly data. */
static int queue(pending *list, size_t *n, sl_store_report *report, char *path,
		 sl_buf *data)
{
	sl_buf old = SL_BUF_INIT;
	if (sl_fs_read(&old, path) == 0 && old.len == data->len &&
	    !memcmp(old.ptr, data->ptr, old.len)) {
		sl_buf_dispose(&old);
		sl_free(path);
		sl_buf_dispose(data);
		report->unchanged++;
		return 0;
	}
	sl_buf_dispose(&old);
	sl_error_clear();
	list[*n].path = path;
	list[*n].data = sl_buf_detach(data, &list[*n].len);
	if (!list[*n].data)
		return sl_error_oom();
	(*n)++;
	return 0;
}

int sl_store_write(sl_store_report *report, const sl_sheet *sheet,
		   const char *dir, bool prune)
{
	size_t i, n = sl_sheet_item_count(sheet), npend = 0, renamed = 0;
	pending *list = NULL;
	sl_fs_write *writes = NULL;
	char *items_dir = NULL;
	sl_vec entries = SL_VEC_INIT;
	sl_vec doomed = SL_VEC_INIT; /* full paths of stale files to prune */
	sl_buf data = SL_BUF_INIT;
	int rc = 0;

	for (i = 0; i < n && rc == 0; i++) {
		const sl_item *it = sl_sheet_item(sheet, i);
		rc = check_ids(&it, 1);
	}
	if (rc < 0)
		return rc;
	if (sl_sheet_duplicate_id(sheet))
		return sl_error_set(SL_EINVALID, "item id '%s' appears twice",
				    sl_sheet_duplicate_id(sheet));
	items_dir = sl_fs_join(dir, "items");
	list = sl_calloc(n + 1, sizeof(*list));
	if (!items_dir || !list) {
		rc = sl_error_oom();
		goto done;
	}
	rc = sl_fs_mkdirs(items_dir);
	if (rc < 0)
		goto done;
	rc = sl_json_dump_meta(&data, sl_sheet_meta_get(sheet));
	if (rc == 0) {
		char *p = sl_fs_join(dir, "sheet.json");
		rc = p ? queue(list, &npend, report, p, &data) : sl_error_oom();
	}
	for (i = 0; i < n && rc == 0; i++) {
		const sl_item *it = sl_sheet_item(sheet, i);
		char *p;
		sl_buf_clear(&data);
		rc = sl_json_dump_item(&data, it);
		if (rc < 0)
			break;
		p = item_path(items_dir, it->id);
		rc = p ? queue(list, &npend, report, p, &data) : sl_error_oom();
	}
	if (rc < 0)
		goto done;
	/* Stale item files, listed before the first write so that nothing
	 * after the writes can fail but the removals asked for: reported,
	 * and removed only with prune. */
	rc = sl_fs_list(&entries, items_dir);
	for (i = 0; i < entries.len && rc == 0; i++) {
		sl_fs_entry *e = entries.items[i];
		char *id, *keep;
		size_t el;
		if (e->kind != SL_FS_REGULAR ||
		    !sl_item_file_stem(&el, e->name))
			continue;
		id = sl_strndup(e->name, el);
		if (!id) {
			rc = sl_error_oom();
			break;
		}
		if (sl_sheet_find(sheet, id)) {
			sl_free(id);
			continue;
		}
		sl_free(id);
		keep = prune ? sl_fs_join(items_dir, e->name)
			     : sl_strdup(e->name);
		if (!keep ||
		    sl_vec_push(prune ? &doomed : &report->stale, keep) < 0) {
			sl_free(keep);
			rc = sl_error_oom();
		}
	}
	if (rc < 0)
		goto done;
	writes = sl_calloc(npend + 1, sizeof(*writes));
	if (!writes) {
		rc = sl_error_oom();
		goto done;
	}
	for (i = 0; i < npend; i++) {
		writes[i].path = list[i].path;
		writes[i].data = list[i].data;
		writes[i].len = list[i].len;
	}
	rc = sl_fs_write_many(writes, npend, &renamed);
	report->written += renamed;
	for (i = 0; i < doomed.len && rc == 0; i++) {
		rc = sl_fs_remove(doomed.items[i]);
		if (rc == 0)
			report->removed++;
	}
done:
	for (i = 0; list && i < npend; i++) {
		sl_free(list[i].path);
		sl_free(list[i].data);
	}
	sl_free(list);
	sl_free(writes);
	sl_free(items_dir);
	sl_fs_entries_free(&entries);
	sl_vec_free_all(&doomed);
	sl_buf_dispose(&data);
	return rc;
}

int sl_store_write_items(size_t *written, const sl_item *const *items, size_t n,
			 const char *dir)
{
	sl_fs_write *files = sl_calloc(n ? n : 1, sizeof(*files));
	sl_buf *bufs = sl_calloc(n ? n : 1, sizeof(*bufs));
	char *items_dir = sl_fs_join(dir, "items");
	size_t i, renamed = 0;
	int rc = files && bufs && items_dir ? check_ids(items, n)
					    : sl_error_oom();

	*written = 0;
	/* Everything rendered first: a failure writes nothing. */
	for (i = 0; rc == 0 && i < n; i++) {
		char *p = item_path(items_dir, items[i]->id);
		files[i].path = p;
		rc = p ? sl_json_dump_item(&bufs[i], items[i]) : sl_error_oom();
		files[i].data = bufs[i].ptr;
		files[i].len = bufs[i].len;
	}
	if (rc == 0 && n)
		rc = sl_fs_write_many(files, n, &renamed);
	*written = rc == 0 ? n : renamed;
	for (i = 0; i < n && files && bufs; i++) {
		sl_buf_dispose(&bufs[i]);
		sl_free((char *)files[i].path);
	}
	sl_free(items_dir);
	sl_free(files);
	sl_free(bufs);
	return rc;
}
