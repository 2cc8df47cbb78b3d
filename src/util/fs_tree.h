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
 * Make dir hold exactly the files added (paths relative to dir: no leading
 * '/', no empty, "." or ".." component; directories are created as
 * needed) plus a small marker file named marker, which is how a later run
 * knows the directory is one this module wrote:
 *  1. sl_fs_tree_begin: dir must be missing, an empty directory, or a
 *     directory holding marker; anything else is refused (SL_EUSAGE) and
 *     nothing is written, so a mistyped -o never deletes someone's
 *     files. The new tree goes into ".NAME.tmp-XXXXXX" beside dir (the
 *     same file system, so the renames below are atomic).
 *  2. sl_fs_tree_add writes one file into it, so a caller can stream a
 *     large tree without holding it in memory; a file the old tree holds
 *     with the same bytes is linked instead (sl_fs_tree_kept).
 *  3. sl_fs_tree_commit syncs the new tree (syncfs on Linux, else one
 *     fsync per file), then exchanges it with dir in one
 *     renameat2(RENAME_EXCHANGE) (Linux); where that is missing, dir is
 *     renamed aside to ".NAME.old-XXXXXX" and the new tree renamed into
 *     place (the old one put back if that fails). Then the old tree is
 *     removed and the parent directory synced.
 * Until the swap, dir is untouched: a failure of any step, or
 * sl_fs_tree_abort, removes the temporary tree and leaves dir as it was.
 * commit and abort free the tree on every path.
 * @return 0, SL_EUSAGE (begin), SL_EIO or SL_ENOMEM
 */
typedef struct sl_fs_tree sl_fs_tree;
int sl_fs_tree_begin(sl_fs_tree **out, const char *dir, const char *marker);
int sl_fs_tree_add(sl_fs_tree *tree, const char *path, const char *data,
		   size_t len);
int sl_fs_tree_commit(sl_fs_tree *tree);
/*
 * Files added so far that the tree being replaced already held with the
 * same bytes: those are hard-linked into the new tree, not written, so
 * they keep their inode and modification time (a deploy by rsync sends
 * only what changed). Linux only; elsewhere every file is written.
 */
size_t sl_fs_tree_kept(const sl_fs_tree *tree);
void sl_fs_tree_abort(sl_fs_tree *tree);

/* Remove a directory and everything below it, never following a
 * symlink. @return 0 or SL_EIO */
int sl_fs_tree_remove(const char *dir);

#endif
