/*
 * load.c: turns a snapshot into a sheet, the one reader of sheet files
 * (diff.c loads only the files that differ through the same entry
 * functions). items/ may only hold regular files named <id>.json
 * (item.h's rule); everything else there is reported, never followed or
 * guessed at.
 */
#include "load.h"

#include <string.h>

#include "error.h"
#include "json.h"
#include "lint.h"

bool sl_load_is_item_entry(const sl_snapfile *f)
{
	return !strncmp(f->name, "items/", 6);
}

int sl_load_item_entry(sl_sheet *sheet, sl_diag_list *diags, sl_snapshot *snap,
		       sl_snapfile *f)
{
	sl_item *item = NULL;
	int rc;

	switch (f->kind) {
	case SL_FS_REGULAR:
		break;
	case SL_FS_DIR:
		return sl_diag_add(diags, SL_SEV_ERROR, f->path, 0, 0, NULL,
				   "not-a-file",
				   "expected an item file, found a directory");
	case SL_FS_SYMLINK:
		return sl_diag_add(
			diags, SL_SEV_ERROR, f->path, 0, 0, NULL, "symlink",
			"item files must be regular files; refusing to follow a symlink");
	default:
		return sl_diag_add(
			diags, SL_SEV_ERROR, f->path, 0, 0, NULL, "not-a-file",
			"expected an item file, found a special entry (submodule, device or unmerged path)");
	}
	if (!sl_item_file_stem(NULL, f->name + strlen("items/")))
		return sl_diag_add(diags, SL_SEV_ERROR, f->path, 0, 0, NULL,
				   "stray-file",
				   "items/ holds only <id>.json item files");
	rc = sl_snapshot_load(snap, f);
	if (rc < 0)
		return rc;
	rc = sl_json_parse_item(&item, diags, f->path, f->data, f->len);
	if (rc < 0 || !item)
		return rc;
	return sl_sheet_add_item(sheet, item);
}

int sl_load_meta(sl_sheet *sheet, sl_diag_list *diags, sl_snapshot *snap)
{
	sl_snapfile *f = sl_snapshot_find(snap, SL_SHEET_DIR "/sheet.json");
	sl_sheet_meta meta;
	int rc;
	if (!f)
		return sl_diag_add(diags, SL_SEV_ERROR,
				   SL_SHEET_DIR "/sheet.json", 0, 0, NULL,
				   "missing-sheet", "sheet.json is missing");
	if (f->kind != SL_FS_REGULAR)
		return sl_diag_add(diags, SL_SEV_ERROR, f->path, 0, 0, NULL,
				   f->kind == SL_FS_SYMLINK ? "symlink"
							    : "not-a-file",
				   "sheet.json must be a regular file");
	rc = sl_snapshot_load(snap, f);
	if (rc == 0)
		rc = sl_json_parse_meta(&meta, diags, f->path, f->data, f->len);
	if (rc == 0)
		sl_sheet_meta_take(sheet, &meta);
	return rc;
}

int sl_load_fail(const sl_snapshot *snap, sl_diag_list *diags)
{
	int rc;
	sl_diag_sort(diags);
	rc = sl_diag_first_error(diags);
	if (rc < 0 && snap->kind != SL_SNAP_WORKTREE)
		sl_error_add_rev(snap->rev);
	return rc;
}

int sl_load_sheet(sl_sheet **out, sl_diag_list *diags, sl_snapshot *snap)
{
	sl_sheet *sheet = NULL;
	size_t i;
	int rc;

	*out = NULL;
	if (!snap->has_sheet_dir)
		return sl_snapshot_no_dir_error(snap);
	rc = sl_sheet_new(&sheet);
	if (rc < 0)
		return rc;
	rc = sl_load_meta(sheet, diags, snap);
	for (i = 0; i < snap->files.len && rc == 0; i++) {
		sl_snapfile *f = snap->files.items[i];
		if (strncmp(f->name, "items/", 6) && strcmp(f->name, "items"))
			continue;
		if (!strcmp(f->name, "items")) {
			rc = sl_diag_add(diags, SL_SEV_ERROR, f->path, 0, 0,
					 NULL, "not-a-directory",
					 "items must be a directory");
			continue;
		}
		rc = sl_load_item_entry(sheet, diags, snap, f);
	}
	if (rc < 0) {
		sl_error_add_rev(snap->kind == SL_SNAP_WORKTREE ? NULL
								: snap->rev);
		sl_sheet_free(sheet);
		return rc;
	}
	sl_sheet_sort(sheet);
	*out = sheet;
	return 0;
}

int sl_load_valid(sl_sheet **out, sl_snapshot *snap)
{
	sl_diag_list diags = SL_DIAG_LIST_INIT;
	sl_sheet *sheet = NULL;
	int rc;

	*out = NULL;
	rc = sl_load_sheet(&sheet, &diags, snap);
	if (rc == 0)
		rc = sl_lint_structure(&diags, sheet, snap);
	if (rc == 0)
		rc = sl_load_fail(snap, &diags);
	sl_diag_list_dispose(&diags);
	if (rc < 0) {
		sl_sheet_free(sheet);
		return rc;
	}
	*out = sheet;
	return 0;
}
