/*
 * fmt.c: canonical-form check and rewrite. A file is rewritten only when
 * its bytes differ from the canonical dump of its parsed content, so
 * formatting twice changes nothing.
 */
#include "fmt.h"

#include <string.h>

#include "alloc.h"
#include "error.h"
#include "fs.h"
#include "item.h"
#include "json.h"
#include "load.h"

typedef struct rewrite {
	char *abs_path; /* owned */
	char *data;     /* owned */
	size_t len;
} rewrite;

static int canonical_of(sl_buf *out, sl_diag_list *diags, sl_snapfile *f,
			bool *parsed)
{
	int rc;
	*parsed = false;
	if (!strcmp(f->name, "sheet.json")) {
		sl_sheet_meta meta;
		rc = sl_json_parse_meta(&meta, diags, f->path, f->data, f->len);
		if (rc < 0 || !meta.path)
			return rc;
		rc = sl_json_dump_meta(out, &meta);
		sl_sheet_meta_dispose(&meta);
	} else {
		sl_item *item = NULL;
		rc = sl_json_parse_item(&item, diags, f->path, f->data, f->len);
		if (rc < 0 || !item)
			return rc;
		rc = sl_json_dump_item(out, item);
		sl_item_free(item);
	}
	*parsed = rc == 0;
	return rc;
}

int sl_fmt_run(sl_vec *paths_out, sl_diag_list *diags, sl_snapshot *snap,
	       bool write)
{
	rewrite *list = NULL;
	size_t i, n = 0, errors_before = diags->errors;
	sl_buf canon = SL_BUF_INIT;
	int rc = 0;

	if (write && snap->kind != SL_SNAP_WORKTREE)
		return sl_error_set(SL_EUSAGE,
				    "only the working tree can be formatted");
	list = sl_calloc(snap->files.len + 1, sizeof(*list));
	if (!list)
		return sl_error_oom();
	for (i = 0; i < snap->files.len && rc == 0; i++) {
		sl_snapfile *f = snap->files.items[i];
		bool parsed;
		char *copy;
		if (f->kind != SL_FS_REGULAR)
			continue;
		if (strcmp(f->name, "sheet.json") &&
		    !(sl_load_is_item_entry(f) &&
		      sl_item_file_stem(NULL, f->name + strlen("items/"))))
			continue;
		rc = sl_snapshot_load(snap, f);
		if (rc < 0)
			break;
		sl_buf_clear(&canon);
		rc = canonical_of(&canon, diags, f, &parsed);
		if (rc < 0 || !parsed)
			continue;
		if (canon.len == f->len && !memcmp(canon.ptr, f->data, f->len))
			continue;
		copy = sl_strdup(f->path);
		if (!copy || sl_vec_push(paths_out, copy) < 0) {
			sl_free(copy);
			rc = sl_error_oom();
			break;
		}
		if (!write)
			continue;
		list[n].abs_path =
			sl_fs_join(sl_repo_workdir(snap->repo), f->path);
		list[n].data = sl_buf_detach(&canon, &list[n].len);
		if (!list[n].abs_path || !list[n].data) {
			sl_free(list[n].abs_path);
			sl_free(list[n].data);
			rc = sl_error_oom();
			break;
		}
		n++;
	}
	if (rc == 0 && write && n > 0 && diags->errors == errors_before) {
		sl_fs_write *w = sl_calloc(n, sizeof(*w));
		size_t renamed = 0;
		if (!w) {
			rc = sl_error_oom();
		} else {
			for (i = 0; i < n; i++) {
				w[i].path = list[i].abs_path;
				w[i].data = list[i].data;
				w[i].len = list[i].len;
			}
			rc = sl_fs_write_many(w, n, &renamed);
			sl_free(w);
			if (rc < 0) {
				/* Say what was and was not written. */
				sl_error e = *sl_error_last();
				sl_error_set(e.code,
					     "%s (%zu of %zu files written "
					     "before the failure)",
					     e.message, renamed, n);
				if (e.path[0])
					sl_error_add_path(e.path);
			}
		}
	}
	for (i = 0; i < n; i++) {
		sl_free(list[i].abs_path);
		sl_free(list[i].data);
	}
	sl_free(list);
	sl_buf_dispose(&canon);
	return rc;
}
