/*
 * fs_tree.h: replace a whole directory of files at once (the static
 * site). The new tree is written and synced in a temporary directory
 * beside the target, then swapped in with one rename, so readers and a
 * failed run only ever see the old tree or the new one, never a mix.
 */
#ifndef SL_FS_TREE_H
#define SL_FS_TREE_H

#include <stddef.h>

#include "fs.h"

/*
 * Make dir hold exactly files (paths relative to dir: no leading '/', no
 * "." or ".." component; directories are created as needed) plus an
 * empty-ish marker file named marker, which is how a later run knows the
 * directory is one this function wrote:
 *  1. dir must be missing, an empty directory, or a directory holding
 *     marker; anything else is refused (SL_EUSAGE) and nothing is
 *     written, so a mistyped -o never deletes someone's files;
 *  2. the files go into ".NAME.tmp-XXXXXX" beside dir, and are synced;
 *  3. the temporary directory is exchanged with dir in one atomic
 *     renameat2(RENAME_EXCHANGE) (Linux), or, where that is missing, dir
 *     is renamed aside and the new tree renamed into place (a crash
 *     between the two renames leaves the old tree beside dir as
 *     ".NAME.old-XXXXXX");
 *  4. the old tree is removed and the parent directory synced.
 * A failure before step 3 removes the temporary directory and leaves dir
 * as it was. @return 0, SL_EUSAGE, SL_EIO or SL_ENOMEM
 */
int sl_fs_tree_replace(const char *dir, const sl_fs_write *files, size_t n,
		       const char *marker);

/* Remove a directory and everything below it, never following a
 * symlink. @return 0 or SL_EIO */
int sl_fs_tree_remove(const char *dir);

#endif
