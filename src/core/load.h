/*
 * load.h: a snapshot's files -> an sl_sheet. Data problems are findings;
 * only failures to read (I/O, repository, memory) are errors.
 */
#ifndef SL_LOAD_H
#define SL_LOAD_H

#include "diag.h"
#include "sheet.h"
#include "repo_snapshot.h"

/*
 * Parse sheet.json and every items/ entry of snap. Missing sheet.json,
 * entries that are not regular <name>.json files (directories, symlinks,
 * submodules, stray files) and parse errors are added to diags; the
 * returned sheet holds what parsed, sorted.
 * new: *out, free with sl_sheet_free.
 * @return 0, SL_ENOTFOUND (no checklist/ directory), SL_EIO, SL_EREPO or
 * SL_ENOMEM
 */
int sl_load_sheet(sl_sheet **out, sl_diag_list *diags, sl_snapshot *snap);

/*
 * The pieces of sl_load_sheet, for loaders that read only some files
 * (diff.c). sl_load_meta: sheet.json into sheet (its problems to diags).
 * sl_load_item_entry: one items/ entry into sheet (an entry that is not a
 * regular <id>.json file, or does not parse, is a finding).
 * @return 0, SL_EIO, SL_EREPO or SL_ENOMEM
 */
int sl_load_meta(sl_sheet *sheet, sl_diag_list *diags, sl_snapshot *snap);
int sl_load_item_entry(sl_sheet *sheet, sl_diag_list *diags, sl_snapshot *snap,
		       sl_snapfile *f);
/* True when f is an entry below items/. */
bool sl_load_is_item_entry(const sl_snapfile *f);
/*
 * The first error finding of diags as the error record (message, file,
 * line:column), with the snapshot's revision unless it is the working
 * tree. @return its SL_E* code, or 0 when diags holds no error
 */
int sl_load_fail(const sl_snapshot *snap, sl_diag_list *diags);

/*
 * Load and check the structure (sl_lint_structure). Any error finding
 * fails with its message and location, so commands other than lint never
 * work on a broken sheet. @return 0, SL_EINVALID or as sl_load_sheet
 */
int sl_load_valid(sl_sheet **out, sl_snapshot *snap);

#endif
