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
 * Load and check the structure (sl_lint_structure). Any error finding
 * fails with its message and location, so commands other than lint never
 * work on a broken sheet. @return 0, SL_EINVALID or as sl_load_sheet
 */
int sl_load_valid(sl_sheet **out, sl_snapshot *snap);

#endif
