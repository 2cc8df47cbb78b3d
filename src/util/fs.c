/*
 * fs.c: POSIX file access for core. Reads refuse symlinks (O_NOFOLLOW) so
 * a link under checklist/ can never make us read outside the repository;
 * writes go through a temp file so a crash or a full disk never leaves a
 * half-written item.
 */
#include "fs.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "alloc.h"
#include "error.h"

static long fs_write_countdown = -1;

void sl_fs_fail_write_after(long n)
{
	fs_write_countdown = n;
}

static ssize_t fs_write_hooked(int fd, const void *data, size_t len)
{
	if (fs_write_countdown == 0) {
		errno = ENOSPC;
		return -1;
	}
	if (fs_write_countdown > 0)
		fs_write_countdown--;
	return write(fd, data, len);
}

ssize_t sl_fs__write_hooked(int fd, const void *data, size_t len)
{
	return fs_write_hooked(fd, data, len);
}

sl_fs_kind sl_fs_kind_of(const char *path)
{
	struct stat st;
	if (lstat(path, &st) < 0)
		return SL_FS_MISSING;
	if (S_ISREG(st.st_mode))
		return SL_FS_REGULAR;
	if (S_ISDIR(st.st_mode))
		return SL_FS_DIR;
	if (S_ISLNK(st.st_mode))
		return SL_FS_SYMLINK;
	return SL_FS_OTHER;
}

int sl_fs_read(sl_buf *out, const char *path)
{
	struct stat st;
	int fd, err;
	ssize_t n;

	fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0) {
		err = errno;
		if (err == ENOENT)
			return sl_error_set(SL_ENOTFOUND, "no such file '%s'",
					    path);
		if (err == ELOOP)
			return sl_error_set(SL_EIO,
					    "refusing to follow symlink '%s'",
					    path);
		return sl_error_set(SL_EIO, "cannot open '%s': %s", path,
				    strerror(err));
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return sl_error_set(SL_EIO, "'%s' is not a regular file", path);
	}
	if (sl_buf_grow(out, (size_t)st.st_size) < 0) {
		close(fd);
		return sl_error_oom();
	}
	for (;;) {
		/* The buffer has room for the size fstat gave; it grows only
		 * if the file turns out longer (it changed under us). When it
		 * is full, one byte is probed on the stack, so reaching the
		 * end of the file allocates nothing: snapshots keep every
		 * file they read, and 64 KiB of slack per item file made
		 * 100,000 items take gigabytes of address space. */
		if (out->cap - out->len - 1 == 0) {
			char probe;
			n = read(fd, &probe, 1);
			if (n == 1) {
				if (sl_buf_grow(out, 65536) < 0) {
					close(fd);
					return sl_error_oom();
				}
				out->ptr[out->len++] = probe;
				out->ptr[out->len] = '\0';
				continue;
			}
		} else {
			n = read(fd, out->ptr + out->len,
				 out->cap - out->len - 1);
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			err = errno;
			close(fd);
			return sl_error_set(SL_EIO, "cannot read '%s': %s",
					    path, strerror(err));
		}
		if (n == 0)
			break;
		out->len += (size_t)n;
		out->ptr[out->len] = '\0';
	}
	close(fd);
	return 0;
}

static int entry_cmp(const void *a, const void *b)
{
	const sl_fs_entry *x = *(const sl_fs_entry *const *)a;
	const sl_fs_entry *y = *(const sl_fs_entry *const *)b;
	return strcmp(x->name, y->name);
}

void sl_fs_entries_free(sl_vec *entries)
{
	size_t i;
	for (i = 0; i < entries->len; i++) {
		sl_fs_entry *e = entries->items[i];
		sl_free(e->name);
		sl_free(e);
	}
	sl_vec_dispose(entries);
}

int sl_fs_list(sl_vec *out, const char *dir)
{
	DIR *d;
	struct dirent *de;
	int rc = 0;

	d = opendir(dir);
	if (!d) {
		if (errno == ENOENT || errno == ENOTDIR)
			return sl_error_set(SL_ENOTFOUND,
					    "no such directory '%s'", dir);
		return sl_error_set(SL_EIO, "cannot list '%s': %s", dir,
				    strerror(errno));
	}
	while ((de = readdir(d)) != NULL) {
		sl_fs_entry *e;
		char *full;
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		e = sl_calloc(1, sizeof(*e));
		full = sl_fs_join(dir, de->d_name);
		if (!e || !full || !(e->name = sl_strdup(de->d_name)) ||
		    sl_vec_push(out, e) < 0) {
			if (e)
				sl_free(e->name);
			sl_free(e);
			sl_free(full);
			rc = sl_error_oom();
			break;
		}
		e->kind = sl_fs_kind_of(full);
		sl_free(full);
	}
	closedir(d);
	if (rc < 0) {
		sl_fs_entries_free(out);
		return rc;
	}
	sl_vec_sort(out, entry_cmp);
	return 0;
}

char *sl_fs_join(const char *dir, const char *name)
{
	sl_buf b = SL_BUF_INIT;
	size_t dl = strlen(dir);
	sl_buf_puts(&b, dir);
	if (dl && dir[dl - 1] != '/')
		sl_buf_putc(&b, '/');
	sl_buf_puts(&b, name);
	return sl_buf_detach(&b, NULL);
}

int sl_fs_mkdirs(const char *dir)
{
	char *p, *copy;
	int rc = 0;
	copy = sl_strdup(dir);
	if (!copy)
		return sl_error_oom();
	for (p = copy + 1;; p++) {
		if (*p == '/' || *p == '\0') {
			char c = *p;
			*p = '\0';
			if (mkdir(copy, 0777) < 0 && errno != EEXIST) {
				rc = sl_error_set(
					SL_EIO,
					"cannot create directory '%s': %s",
					copy, strerror(errno));
				break;
			}
			if (sl_fs_kind_of(copy) != SL_FS_DIR) {
				rc = sl_error_set(SL_EIO,
						  "'%s' is not a directory",
						  copy);
				break;
			}
			*p = c;
			if (c == '\0')
				break;
		}
	}
	sl_free(copy);
	return rc;
}

char *sl_fs_dirname(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return sl_strdup(".");
	if (slash == path)
		return sl_strdup("/");
	return sl_strndup(path, (size_t)(slash - path));
}

static int fs_sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return sl_error_set(SL_EIO, "cannot open directory '%s': %s",
				    dir, strerror(errno));
	/* Some file systems refuse fsync on directories (EINVAL); the rename
	 * is still atomic there, so only real I/O errors count. */
	if (fsync(fd) < 0 && errno != EINVAL && errno != EROFS) {
		int err = errno;
		close(fd);
		return sl_error_set(SL_EIO, "cannot sync directory '%s': %s",
				    dir, strerror(err));
	}
	close(fd);
	return 0;
}

/*
 * Create a temporary file beside path, "DIR/.NAME.tmpXXXXXX" (hidden, so
 * a crash leaves no visible litter). new: *dir (path's directory) and
 * *tmp (the file's name); *fd is open on it and *mode is the mode the
 * final file gets: force_mode when >= 0, else path's current mode, else
 * 0644. On failure *dir and *tmp are NULL, *fd is -1 and no file exists.
 * @return 0, SL_EIO or SL_ENOMEM
 */
static int fs_tmp_open(char **dir, char **tmp, int *fd, mode_t *mode,
		       const char *path, long force_mode)
{
	const char *base = strrchr(path, '/');
	sl_buf b = SL_BUF_INIT;
	struct stat st;
	int rc = 0;

	base = base ? base + 1 : path;
	*fd = -1;
	*dir = sl_fs_dirname(path);
	sl_buf_printf(&b, "%s/.%s.tmpXXXXXX", *dir ? *dir : ".", base);
	*tmp = sl_buf_detach(&b, NULL);
	*mode = 0644;
	if (force_mode >= 0)
		*mode = (mode_t)force_mode & 07777;
	else if (stat(path, &st) == 0 && S_ISREG(st.st_mode))
		*mode = st.st_mode & 07777;
	if (!*dir || !*tmp)
		rc = sl_error_oom();
	else if ((*fd = mkstemp(*tmp)) < 0)
		rc = sl_error_set(SL_EIO,
				  "cannot create a temporary file in '%s': %s",
				  *dir, strerror(errno));
	if (rc < 0) {
		sl_free(*dir);
		sl_free(*tmp);
		*dir = *tmp = NULL;
	}
	return rc;
}

static int fs_stage(char **tmp_out, const char *path, const char *data,
		    size_t len, long force_mode)
{
	char *dir = NULL, *tmp = NULL;
	mode_t mode;
	int fd = -1, rc = 0;
	size_t off = 0;

	*tmp_out = NULL;
	rc = fs_tmp_open(&dir, &tmp, &fd, &mode, path, force_mode);
	if (rc < 0)
		goto done;
	while (off < len) {
		ssize_t n = fs_write_hooked(fd, data + off, len - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			rc = sl_error_set(SL_EIO, "cannot write '%s': %s", path,
					  strerror(errno));
			goto done;
		}
		off += (size_t)n;
	}
	if (fchmod(fd, mode) < 0 || fsync(fd) < 0) {
		rc = sl_error_set(SL_EIO, "cannot sync '%s': %s", path,
				  strerror(errno));
		goto done;
	}
	if (close(fd) < 0) {
		fd = -1;
		rc = sl_error_set(SL_EIO, "cannot close '%s': %s", path,
				  strerror(errno));
		goto done;
	}
	fd = -1;
	*tmp_out = tmp;
	tmp = NULL;
done:
	if (fd >= 0)
		close(fd);
	if (tmp) {
		if (rc < 0)
			unlink(tmp);
		sl_free(tmp);
	}
	sl_free(dir);
	return rc;
}

static int fs_write_many_mode(const sl_fs_write *files, size_t n,
			      size_t *renamed_out, long force_mode);

/*
 * A character device or a FIFO (-o /dev/null, -o /dev/stdout, a pipe)
 * is written in place: there is no content to keep, and a rename would
 * replace the device node with a plain file (as root, /dev/null itself).
 */
static bool fs_is_stream(const char *path)
{
	struct stat st;
	return lstat(path, &st) == 0 &&
	       (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode));
}

/* A block device or a socket is neither replaced nor written.
 * @return 0 or SL_EIO */
static int fs_refuse_special(const char *path)
{
	struct stat st;
	if (lstat(path, &st) == 0 &&
	    (S_ISBLK(st.st_mode) || S_ISSOCK(st.st_mode)))
		return sl_error_set(
			SL_EIO,
			"refusing to write '%s': it is a %s, not "
			"a file",
			path, S_ISBLK(st.st_mode) ? "block device" : "socket");
	return 0;
}

static int fs_write_stream(const char *path, const char *data, size_t len)
{
	int fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC);
	size_t off = 0;
	int rc = 0;
	if (fd < 0)
		return sl_error_set(SL_EIO, "cannot open '%s': %s", path,
				    strerror(errno));
	while (off < len && rc == 0) {
		ssize_t n = fs_write_hooked(fd, data + off, len - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			rc = sl_error_set(SL_EIO, "cannot write '%s': %s", path,
					  strerror(errno));
		else
			off += (size_t)n;
	}
	if (close(fd) < 0 && rc == 0)
		rc = sl_error_set(SL_EIO, "cannot close '%s': %s", path,
				  strerror(errno));
	return rc;
}

int sl_fs_write_atomic(const char *path, const char *data, size_t len)
{
	sl_fs_write w = {path, data, len};
	size_t renamed;
	int rc = fs_refuse_special(path);
	if (rc < 0)
		return rc;
	if (fs_is_stream(path))
		return fs_write_stream(path, data, len);
	return fs_write_many_mode(&w, 1, &renamed, -1);
}

int sl_fs_write_atomic_mode(const char *path, const char *data, size_t len,
			    unsigned mode)
{
	sl_fs_write w = {path, data, len};
	size_t renamed;
	return fs_write_many_mode(&w, 1, &renamed, (long)(mode & 07777));
}

int sl_fs_write_many(const sl_fs_write *files, size_t n, size_t *renamed_out)
{
	return fs_write_many_mode(files, n, renamed_out, -1);
}

static int fs_write_many_mode(const sl_fs_write *files, size_t n,
			      size_t *renamed_out, long force_mode)
{
	char **tmps, **dirs;
	size_t i, renamed = 0;
	int rc = 0;

	*renamed_out = 0;
	tmps = sl_calloc(n ? n : 1, sizeof(char *));
	dirs = sl_calloc(n ? n : 1, sizeof(char *));
	if (!tmps || !dirs) {
		sl_free(tmps);
		sl_free(dirs);
		return sl_error_oom();
	}
	/* Everything that allocates happens before the first rename: once a
	 * file is replaced, only I/O can still fail. */
	for (i = 0; i < n && rc == 0; i++) {
		dirs[i] = sl_fs_dirname(files[i].path);
		rc = dirs[i] ? 0 : sl_error_oom();
	}
	for (i = 0; i < n && rc == 0; i++)
		rc = fs_stage(&tmps[i], files[i].path, files[i].data,
			      files[i].len, force_mode);
	for (i = 0; i < n && rc == 0; i++) {
		if (rename(tmps[i], files[i].path) < 0) {
			rc = sl_error_set(SL_EIO, "cannot rename into '%s': %s",
					  files[i].path, strerror(errno));
			break;
		}
		sl_free(tmps[i]);
		tmps[i] = NULL;
		renamed++;
	}
	for (i = 0; i < n; i++) {
		if (tmps[i]) {
			unlink(tmps[i]);
			sl_free(tmps[i]);
		}
	}
	sl_free(tmps);
	/* Make the renames durable: sync each directory once per run of
	 * files sharing it (callers group files by directory). */
	for (i = 0; i < renamed && rc == 0; i++)
		if (i == 0 || strcmp(dirs[i - 1], dirs[i]))
			rc = fs_sync_dir(dirs[i]);
	for (i = 0; i < n; i++)
		sl_free(dirs[i]);
	sl_free(dirs);
	*renamed_out = renamed;
	return rc;
}

int sl_fs_stage(char **tmp, const char *path, const char *data, size_t len,
		long mode)
{
	return fs_stage(tmp, path, data, len, mode < 0 ? -1 : mode & 07777);
}

int sl_fs_commit(const char *tmp, const char *path)
{
	if (rename(tmp, path) < 0)
		return sl_error_set(SL_EIO, "cannot rename into '%s': %s", path,
				    strerror(errno));
	return 0;
}

void sl_fs_discard(char *tmp)
{
	if (!tmp)
		return;
	unlink(tmp);
	sl_free(tmp);
}

int sl_fs_remove(const char *path)
{
	if (unlink(path) < 0) {
		if (errno == ENOENT)
			return sl_error_set(SL_ENOTFOUND, "no such file '%s'",
					    path);
		return sl_error_set(SL_EIO, "cannot remove '%s': %s", path,
				    strerror(errno));
	}
	return 0;
}

/* A library's file for a stream (fs_is_stream): written to a temp file
 * in TMPDIR (the device's directory is not ours to write), then copied. */
static int fs_write_fn_stream(const char *path, sl_fs_fill_fn fill, void *ctx)
{
	const char *t = getenv("TMPDIR");
	char *scratch = NULL, *dir = NULL, *tmp = NULL;
	sl_buf b = SL_BUF_INIT;
	mode_t mode;
	int fd, rc;

	scratch = sl_fs_join(t && *t ? t : "/tmp", "sheetlog-out");
	if (!scratch)
		return sl_error_oom();
	rc = fs_tmp_open(&dir, &tmp, &fd, &mode, scratch, -1);
	sl_free(scratch);
	if (rc < 0)
		return rc;
	close(fd);
	rc = fill(tmp, ctx);
	if (rc == 0)
		rc = sl_fs_read(&b, tmp);
	if (rc == 0)
		rc = fs_write_stream(path, b.ptr ? b.ptr : "", b.len);
	unlink(tmp);
	sl_buf_dispose(&b);
	sl_free(tmp);
	sl_free(dir);
	return rc;
}

int sl_fs_write_atomic_fn(const char *path, sl_fs_fill_fn fill, void *ctx)
{
	char *dir = NULL, *tmp = NULL;
	mode_t mode;
	int fd, rc;

	if ((rc = fs_refuse_special(path)) < 0)
		return rc;
	if (fs_is_stream(path))
		return fs_write_fn_stream(path, fill, ctx);
	rc = fs_tmp_open(&dir, &tmp, &fd, &mode, path, -1);
	if (rc < 0)
		goto done;
	/* The library opens the file again by name (and truncates it); the
	 * descriptor only reserves the name until then. */
	close(fd);
	rc = fill(tmp, ctx);
	if (rc < 0)
		goto done;
	/* Sync what the library wrote: it closes its FILE without fsync. */
	fd = open(tmp, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fchmod(fd, mode) < 0 || fsync(fd) < 0) {
		rc = sl_error_set(SL_EIO, "cannot sync '%s': %s", path,
				  strerror(errno));
		if (fd >= 0)
			close(fd);
		goto done;
	}
	close(fd);
	if (rename(tmp, path) < 0) {
		rc = sl_error_set(SL_EIO, "cannot rename into '%s': %s", path,
				  strerror(errno));
		goto done;
	}
	sl_free(tmp);
	tmp = NULL;
	rc = fs_sync_dir(dir);
done:
	if (tmp) {
		unlink(tmp);
		sl_free(tmp);
	}
	sl_free(dir);
	return rc;
}
