/*
 * fs.h: the file-system boundary: read a whole file, list a directory with
 * each entry's kind (symlinks are reported, never followed), and write
 * files atomically (temp file in the same directory, fsync, rename, fsync
 * of the directory), one file or a set of files all-or-nothing.
 */
#ifndef SL_FS_H
#define SL_FS_H

#include <stddef.h>

#include "buf.h"
#include "vec.h"

typedef enum sl_fs_kind {
	SL_FS_REGULAR,
	SL_FS_DIR,
	SL_FS_SYMLINK,
	SL_FS_OTHER, /* device, fifo, socket */
	SL_FS_MISSING,
} sl_fs_kind;

typedef struct sl_fs_entry {
	char *name;      /* owned; the entry name, no directory part */
	sl_fs_kind kind; /* from lstat: a symlink is SL_FS_SYMLINK */
} sl_fs_entry;

/* Read a regular file (refusing symlinks and directories) into out.
 * @return 0, SL_ENOTFOUND, SL_EIO or SL_ENOMEM */
int sl_fs_read(sl_buf *out, const char *path);
/* Kind of path according to lstat. */
sl_fs_kind sl_fs_kind_of(const char *path);
/*
 * List a directory, entries sorted by name, "." and ".." skipped.
 * new: *out holds sl_fs_entry pointers; free with sl_fs_entries_free.
 * @return 0, SL_ENOTFOUND, SL_EIO or SL_ENOMEM
 */
int sl_fs_list(sl_vec *out, const char *dir);
void sl_fs_entries_free(sl_vec *entries);
/* mkdir -p with mode 0777 & ~umask. @return 0 or SL_EIO */
int sl_fs_mkdirs(const char *dir);

/* Atomically replace path with data. The file keeps the mode of the one
 * it replaces (0644 when new). A character device or FIFO at path
 * (/dev/null, /dev/stdout, a pipe) is written in place, never replaced;
 * a block device or a socket is refused (SL_EIO).
 * @return 0, SL_EIO or SL_ENOMEM */
int sl_fs_write_atomic(const char *path, const char *data, size_t len);
/* The same with an explicit mode (e.g. 0755 for a hook script), applied
 * with fchmod so the umask does not narrow it. */
int sl_fs_write_atomic_mode(const char *path, const char *data, size_t len,
			    unsigned mode);

typedef struct sl_fs_write {
	const char *path; /* borrowed */
	const char *data; /* borrowed */
	size_t len;       /* bytes */
} sl_fs_write;

/*
 * Write a set of files: every file is first written and synced to a temp
 * file beside its target; only when all succeeded are they renamed into
 * place. A failure before the renames leaves every target untouched
 * (*renamed_out == 0); a failed rename (rare: the temp files exist, so
 * space is not the issue) leaves the first *renamed_out files new and the
 * others old. Never a half-written file.
 * @return 0, SL_EIO or SL_ENOMEM
 */
int sl_fs_write_many(const sl_fs_write *files, size_t n, size_t *renamed_out);

/*
 * Two-phase writes, for a caller that must prepare several kinds of
 * change (files, a config transaction) before making any visible:
 * sl_fs_stage writes and syncs data to a new temp file beside path
 * (mode: 0755-style bits, or -1 to keep path's mode, 0644 when new) and
 * names it in *tmp; sl_fs_commit renames it over path and allocates
 * nothing, so it cannot fail for want of memory; sl_fs_discard removes
 * and frees a staged file that will not be committed (NULL-safe).
 * @return 0, SL_EIO or SL_ENOMEM
 */
int sl_fs_stage(char **tmp, const char *path, const char *data, size_t len,
		long mode);
int sl_fs_commit(const char *tmp, const char *path);
void sl_fs_discard(char *tmp);

/*
 * Atomically replace path with a file that a library writes by name
 * (libxlsxwriter assembles its zip at a path, not into memory). fill gets
 * a fresh empty temp file beside path and must write it whole; then the
 * temp file is synced and renamed over path, and the directory synced.
 * If fill fails, the temp file is removed and path is untouched. The file
 * keeps the mode of the one it replaces (0644 when new). A character
 * device or FIFO at path gets the bytes in place (filled in TMPDIR).
 * @return 0, fill's error, SL_EIO or SL_ENOMEM
 */
typedef int (*sl_fs_fill_fn)(const char *tmp_path, void *ctx);
int sl_fs_write_atomic_fn(const char *path, sl_fs_fill_fn fill, void *ctx);

/* Remove a file (not a directory). @return 0, SL_ENOTFOUND or SL_EIO */
int sl_fs_remove(const char *path);

/* Join dir and name with one '/'. new: free with sl_free; NULL on OOM */
char *sl_fs_join(const char *dir, const char *name);

/*
 * Test hook: after n more successful data writes (write(2) calls made by
 * this module), the next one fails with ENOSPC, simulating a full disk.
 * A negative n (the default) disables the hook.
 */
void sl_fs_fail_write_after(long n);

/* Internal to fs*.c: write(2) through the hook above. */
#include <sys/types.h>
ssize_t sl_fs__write_hooked(int fd, const void *data, size_t len);

/* new: the directory part of path ("." when none, "/" for the root), as
 * dirname(3) without touching path. NULL on OOM. */
char *sl_fs_dirname(const char *path);

#endif
