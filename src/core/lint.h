/*
 * lint.h: validation rules over a loaded sheet. Structure rules are errors
 * (ids, file names, sections, scopes, empty text); notation rules are
 * warnings (compatibility characters, full-width ASCII, spaces inside
 * Japanese text, trailing whitespace). Rule names are stable: they appear
 * in messages and in --format json. The table is docs/lint-rules.md.
 */
#ifndef SL_LINT_H
#define SL_LINT_H

#include "diag.h"
#include "sheet.h"
#include "repo_snapshot.h"

/*
 * Structure rules. snap (optional) supplies the raw file text so findings
 * carry line:column; without it they point at the file.
 * @return 0 or SL_ENOMEM
 */
int sl_lint_structure(sl_diag_list *diags, const sl_sheet *sheet,
		      const sl_snapshot *snap);
/* Notation rules over every text of the items and of sheet.json.
 * @return 0 or SL_ENOMEM */
int sl_lint_notation(sl_diag_list *diags, const sl_sheet *sheet,
		     const sl_snapshot *snap);

#endif
