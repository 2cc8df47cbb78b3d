/*
 * fmt.h: the canonical file form (see json.h): checking it and rewriting
 * files into it. Only the working tree can be rewritten.
 */
#ifndef SL_FMT_H
#define SL_FMT_H

#include <stdbool.h>

#include "diag.h"
#include "repo_snapshot.h"
#include "vec.h"

/*
 * Compare every JSON file of the sheet in snap with its canonical form.
 * *paths_out receives owned strings, the repository-relative paths of
 * files that are not canonical, in path order. Files that do not parse
 * are findings in diags (they have no canonical form).
 * When write is true (working tree only) and no file failed to parse, the
 * non-canonical files are rewritten atomically, all or none; with parse
 * errors nothing is written.
 * @return 0, SL_EUSAGE (write on a non-worktree snapshot), SL_EIO or
 * SL_ENOMEM
 */
int sl_fmt_run(sl_vec *paths_out, sl_diag_list *diags, sl_snapshot *snap,
	       bool write);

#endif
