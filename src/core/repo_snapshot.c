/*
 * repo_snapshot.c: reads the sheet's files from the working tree, the index or
 * a commit tree. Only two levels are listed: checklist/sheet.json and the
 * direct entries of checklist/items/; anything else under checklist/ is not
 * part of the sheet. Symlinks are listed as such and never followed.
 */
#include "repo_snapshot.h"

#include <git2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "error.h"
#include "repo_internal.h"
#include "repo_tree.h"

#define SHEET_PREFIX SL_SHEET_DIR "/"
#define ITEMS_PREFIX SL_SHEET_DIR "/items/"

void sl_snapshot_free(sl_snapshot *snap)
{
	size_t i;
	if (!snap)
		return;
	for (i = 0; i < snap->files.len; i++)
		sl_free(((sl_snapfile *)snap->files.items[i])->data);
	sl_vec_dispose(&snap->files);
	sl_pool_dispose(&snap->pool);
	sl_free(snap->rev);
	sl_free(snap);
}

void sl_snapfile_oid_hex(char out[41], const sl_snapfile *file)
{
	git_oid oid;
	out[0] = '\0';
	if (!file->has_oid)
		return;
	git_oid_fromraw(&oid, file->oid);
	git_oid_tostr(out, 41, &oid);
}

/* Add prefix + name as one pool block: a large sheet lists tens of
 * thousands of entries per snapshot, so no malloc and no hex per entry. */
static int snap_add2(sl_snapshot *snap, const char *prefix, const char *name,
		     sl_fs_kind kind, const git_oid *oid)
{
	size_t pl = strlen(prefix), nl = strlen(name);
	sl_snapfile *f = sl_pool_alloc(&snap->pool, sizeof(*f) + pl + nl + 1);
	if (!f)
		return sl_error_oom();
	f->path = (char *)(f + 1);
	memcpy(f->path, prefix, pl);
	memcpy(f->path + pl, name, nl + 1);
	f->name = f->path + strlen(SHEET_PREFIX);
	f->kind = kind;
	if (oid) {
		memcpy(f->oid, oid->id, sizeof(f->oid));
		f->has_oid = true;
	}
	return sl_vec_push(&snap->files, f) < 0 ? sl_error_oom() : 0;
}

static int snap_add(sl_snapshot *snap, const char *path, size_t path_len,
		    sl_fs_kind kind, const git_oid *oid)
{
	char *name = sl_strndup(path, path_len);
	int rc;
	if (!name)
		return sl_error_oom();
	rc = snap_add2(snap, "", name, kind, oid);
	sl_free(name);
	return rc;
}

static int file_cmp(const void *a, const void *b)
{
	const sl_snapfile *x = *(const sl_snapfile *const *)a;
	const sl_snapfile *y = *(const sl_snapfile *const *)b;
	return strcmp(x->path, y->path);
}

static sl_fs_kind mode_kind(git_filemode_t mode)
{
	switch (mode) {
	case GIT_FILEMODE_BLOB:
	case GIT_FILEMODE_BLOB_EXECUTABLE:
		return SL_FS_REGULAR;
	case GIT_FILEMODE_TREE:
		return SL_FS_DIR;
	case GIT_FILEMODE_LINK:
		return SL_FS_SYMLINK;
	default:
		return SL_FS_OTHER;
	}
}

int sl_repo__snapshot_add_entry(sl_snapshot *snap, const char *path,
				const struct git_tree_entry *e)
{
	return sl_snapshot_add_file(snap, path,
				    mode_kind(git_tree_entry_filemode(e)),
				    git_tree_entry_id(e)->id);
}

int sl_repo__snapshot_add_raw(sl_snapshot *snap, const char *path,
			      unsigned mode, const unsigned char id[20])
{
	return sl_snapshot_add_file(snap, path, mode_kind((git_filemode_t)mode),
				    id);
}

int sl_repo__snapshot_done(sl_snapshot **out, sl_snapshot *snap, int rc)
{
	if (rc < 0) {
		sl_snapshot_free(snap);
		return rc;
	}
	*out = snap;
	return 0;
}

/* ---- working tree ---- */

static int open_worktree(sl_snapshot *snap)
{
	const char *wd = sl_repo_workdir(snap->repo);
	char *dir = NULL, *items = NULL, *sheet = NULL;
	sl_vec entries = SL_VEC_INIT;
	sl_buf path = SL_BUF_INIT;
	size_t i;
	int rc = 0;

	if (!wd)
		return sl_error_set(SL_EREPO,
				    "bare repository has no working tree");
	dir = sl_fs_join(wd, SL_SHEET_DIR);
	items = dir ? sl_fs_join(dir, "items") : NULL;
	sheet = dir ? sl_fs_join(dir, "sheet.json") : NULL;
	if (!dir || !items || !sheet) {
		rc = sl_error_oom();
		goto done;
	}
	snap->has_sheet_dir = sl_fs_kind_of(dir) == SL_FS_DIR;
	snap->sheet_dir_link = sl_fs_kind_of(dir) == SL_FS_SYMLINK;
	if (!snap->has_sheet_dir)
		goto done;
	if (sl_fs_kind_of(sheet) != SL_FS_MISSING) {
		rc = snap_add(snap, SHEET_PREFIX "sheet.json",
			      strlen(SHEET_PREFIX "sheet.json"),
			      sl_fs_kind_of(sheet), NULL);
		if (rc < 0)
			goto done;
	}
	if (sl_fs_kind_of(items) == SL_FS_MISSING)
		goto done;
	if (sl_fs_kind_of(items) != SL_FS_DIR) {
		rc = snap_add(snap, SL_SHEET_DIR "/items",
			      strlen(SL_SHEET_DIR "/items"),
			      sl_fs_kind_of(items), NULL);
		goto done;
	}
	rc = sl_fs_list(&entries, items);
	if (rc < 0)
		goto done;
	for (i = 0; i < entries.len && rc == 0; i++) {
		sl_fs_entry *e = entries.items[i];
		sl_buf_clear(&path);
		sl_buf_printf(&path, ITEMS_PREFIX "%s", e->name);
		if (sl_buf_oom(&path)) {
			rc = sl_error_oom();
			break;
		}
		rc = snap_add(snap, path.ptr, path.len, e->kind, NULL);
	}
done:
	sl_fs_entries_free(&entries);
	sl_buf_dispose(&path);
	sl_free(dir);
	sl_free(items);
	sl_free(sheet);
	return rc;
}

/* ---- commit tree ---- */

/*
 * Every entry of the tree id, listed under prefix. The tree is read raw
 * and walked in place (repo_tree.c): a 20,000-item items/ tree is 780 KB,
 * and libgit2's git_tree would first build (and later free) one struct
 * per entry only for them to be copied here.
 */
static int add_tree_entries(sl_snapshot *snap, const git_oid *id,
			    const char *prefix)
{
	git_odb *odb = NULL;
	git_odb_object *o = NULL;
	const unsigned char *data;
	sl_tree_raw_entry e;
	size_t len, pos = 0;
	int rc, grc = git_repository_odb(&odb, sl_repo__git(snap->repo));
	if (grc < 0)
		return sl_repo__error(grc, "cannot open the object database");
	rc = sl_repo__tree_raw(&o, odb, id);
	git_odb_free(odb);
	if (rc < 0)
		return rc;
	data = git_odb_object_data(o);
	len = git_odb_object_size(o);
	/* About 30 bytes an entry: room for all of them at once. */
	rc = sl_vec_reserve(&snap->files, snap->files.len + len / 30 + 1);
	if (rc < 0)
		rc = sl_error_oom();
	while (rc == 0 && (rc = sl_tree_raw_next(&e, data, len, &pos)) == 1) {
		git_oid oid;
		git_oid_fromraw(&oid, e.id);
		rc = snap_add2(snap, prefix, e.name,
			       mode_kind((git_filemode_t)e.mode), &oid);
	}
	git_odb_object_free(o);
	return rc;
}

static int open_commit(sl_snapshot *snap, const char *commit_hex)
{
	git_repository *g = sl_repo__git(snap->repo);
	git_oid oid;
	git_commit *commit = NULL;
	git_tree *root = NULL, *dir = NULL;
	git_tree_entry *e = NULL;
	int rc = 0, grc;

	if (git_oid_fromstr(&oid, commit_hex) < 0) {
		git_error_clear();
		return sl_error_set(SL_EUSAGE, "invalid commit id '%s'",
				    commit_hex);
	}
	grc = git_commit_lookup(&commit, g, &oid);
	if (grc == 0)
		grc = git_commit_tree(&root, commit);
	if (grc < 0) {
		rc = sl_repo__error(grc, "cannot read commit %s", commit_hex);
		goto done;
	}
	git_oid_tostr(snap->commit, sizeof(snap->commit), &oid);
	grc = git_tree_entry_bypath(&e, root, SL_SHEET_DIR);
	if (grc == GIT_ENOTFOUND) {
		git_error_clear();
		goto done;
	}
	if (grc < 0) {
		rc = sl_repo__error(grc, "cannot read tree of %s", commit_hex);
		goto done;
	}
	if (git_tree_entry_type(e) != GIT_OBJECT_TREE)
		goto done;
	snap->has_sheet_dir = true;
	grc = git_tree_lookup(&dir, g, git_tree_entry_id(e));
	if (grc < 0) {
		rc = sl_repo__error(grc, "cannot read tree of %s", commit_hex);
		goto done;
	}
	{
		const git_tree_entry *s =
			git_tree_entry_byname(dir, "sheet.json");
		const git_tree_entry *it = git_tree_entry_byname(dir, "items");
		/* items/ first, then sheet.json: the list comes out in path
		 * order and needs no sort. */
		if (it && git_tree_entry_type(it) == GIT_OBJECT_TREE) {
			rc = add_tree_entries(snap, git_tree_entry_id(it),
					      ITEMS_PREFIX);
			if (rc < 0) {
				sl_error_add_rev(commit_hex);
				goto done;
			}
		} else if (it) {
			rc = snap_add(snap, SL_SHEET_DIR "/items",
				      strlen(SL_SHEET_DIR "/items"),
				      mode_kind(git_tree_entry_filemode(it)),
				      git_tree_entry_id(it));
		}
		if (rc == 0 && s)
			rc = snap_add(snap, SHEET_PREFIX "sheet.json",
				      strlen(SHEET_PREFIX "sheet.json"),
				      mode_kind(git_tree_entry_filemode(s)),
				      git_tree_entry_id(s));
	}
done:
	git_tree_free(dir);
	git_tree_entry_free(e);
	git_tree_free(root);
	git_commit_free(commit);
	return rc;
}

/* ---- index ---- */

static int open_index(sl_snapshot *snap)
{
	git_index *index = NULL;
	size_t i, n, plen = strlen(ITEMS_PREFIX);
	const char *last_dir = NULL;
	size_t last_dir_len = 0;
	int rc = 0, grc;

	grc = git_repository_index(&index, sl_repo__git(snap->repo));
	if (grc < 0)
		return sl_repo__error(grc, "cannot read the index");
	n = git_index_entrycount(index);
	for (i = 0; i < n && rc == 0; i++) {
		const git_index_entry *e = git_index_get_byindex(index, i);
		const char *p = e->path, *slash;
		if (strncmp(p, SHEET_PREFIX, strlen(SHEET_PREFIX)))
			continue;
		snap->has_sheet_dir = true;
		if (GIT_INDEX_ENTRY_STAGE(e) != 0) {
			/* Unmerged: show it as a non-file so loading reports
			 * it. */
			if (i > 0 &&
			    !strcmp(git_index_get_byindex(index, i - 1)->path,
				    p))
				continue;
			rc = snap_add(snap, p, strlen(p), SL_FS_OTHER, NULL);
			continue;
		}
		if (!strcmp(p, SHEET_PREFIX "sheet.json")) {
			rc = snap_add(snap, p, strlen(p), mode_kind(e->mode),
				      &e->id);
			continue;
		}
		if (strncmp(p, ITEMS_PREFIX, plen))
			continue;
		slash = strchr(p + plen, '/');
		if (!slash) {
			rc = snap_add(snap, p, strlen(p), mode_kind(e->mode),
				      &e->id);
			continue;
		}
		/* A nested path: items/<dir>/... is one directory entry. */
		if (last_dir && last_dir_len == (size_t)(slash - p) &&
		    !strncmp(last_dir, p, last_dir_len))
			continue;
		last_dir = p;
		last_dir_len = (size_t)(slash - p);
		rc = snap_add(snap, p, last_dir_len, SL_FS_DIR, NULL);
	}
	git_index_free(index);
	return rc;
}

int sl_snapshot_new_partial(sl_snapshot **out, sl_repo *repo,
			    const char *commit, const char *rev)
{
	sl_snapshot *snap = sl_calloc(1, sizeof(*snap));
	*out = NULL;
	if (!snap)
		return sl_error_oom();
	snap->kind = SL_SNAP_COMMIT;
	snap->repo = repo;
	snap->has_sheet_dir = true;
	snprintf(snap->commit, sizeof(snap->commit), "%s", commit);
	snap->rev = sl_strdup(rev ? rev : commit);
	if (!snap->rev) {
		sl_free(snap);
		return sl_error_oom();
	}
	*out = snap;
	return 0;
}

int sl_snapshot_add_file(sl_snapshot *snap, const char *path, sl_fs_kind kind,
			 const unsigned char oid[20])
{
	git_oid o;
	if (oid)
		git_oid_fromraw(&o, oid);
	return snap_add2(snap, "", path, kind, oid ? &o : NULL);
}

int sl_snapshot_open(sl_snapshot **out, sl_repo *repo, sl_snap_kind kind,
		     const char *commit, const char *rev)
{
	sl_snapshot *snap;
	int rc;

	*out = NULL;
	snap = sl_calloc(1, sizeof(*snap));
	if (!snap)
		return sl_error_oom();
	snap->kind = kind;
	snap->repo = repo;
	snap->rev = sl_strdup(rev ? rev : "");
	if (!snap->rev) {
		sl_free(snap);
		return sl_error_oom();
	}
	switch (kind) {
	case SL_SNAP_WORKTREE:
		rc = open_worktree(snap);
		break;
	case SL_SNAP_INDEX:
		rc = open_index(snap);
		break;
	default:
		rc = open_commit(snap, commit);
		break;
	}
	if (rc < 0) {
		sl_error_add_rev(rev);
		sl_snapshot_free(snap);
		return rc;
	}
	/* Trees and the index come sorted already; only sort when not. */
	{
		size_t i;
		for (i = 1; i < snap->files.len; i++)
			if (file_cmp(&snap->files.items[i - 1],
				     &snap->files.items[i]) > 0)
				break;
		if (i < snap->files.len)
			sl_vec_sort(&snap->files, file_cmp);
	}
	*out = snap;
	return 0;
}

sl_snapfile *sl_snapshot_find(const sl_snapshot *snap, const char *path)
{
	size_t lo = 0, hi = snap->files.len;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		sl_snapfile *f = snap->files.items[mid];
		int c = strcmp(f->path, path);
		if (c == 0)
			return f;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* A commit file's blob, copied (libgit2's buffer may be invalidated
 * later, git2/blob.h) and NUL-terminated. Read from the object database
 * itself, as the read floor of scripts/bench.sh does: git_blob_lookup
 * adds a locked lookup in the repository's object cache (which keeps no
 * blobs) and a blob object around the same bytes. Anything but a blob
 * read cleanly goes the object layer's way, which gives libgit2's own
 * error. */
static int load_blob(git_repository *git, sl_snapshot *snap, sl_snapfile *file)
{
	git_oid oid;
	git_blob *blob = NULL;
	git_odb *odb = NULL;
	git_odb_object *o = NULL;
	int grc, rc;
	if (!file->has_oid)
		return sl_error_set(SL_ERROR, "no blob id for '%s'",
				    file->path);
	git_oid_fromraw(&oid, file->oid);
	if (git_repository_odb(&odb, git) == 0 &&
	    git_odb_read(&o, odb, &oid) == 0 &&
	    git_odb_object_type(o) == GIT_OBJECT_BLOB) {
		file->len = git_odb_object_size(o);
		file->data = sl_strndup(git_odb_object_data(o), file->len);
		git_odb_object_free(o);
		git_odb_free(odb);
		return file->data ? 0 : sl_error_oom();
	}
	git_odb_object_free(o);
	git_odb_free(odb);
	git_error_clear();
	grc = git_blob_lookup(&blob, git, &oid);
	if (grc < 0) {
		char hex[41];
		sl_snapfile_oid_hex(hex, file);
		rc = sl_repo__error(grc, "cannot read blob %s", hex);
		sl_error_add_path(file->path);
		sl_error_add_rev(snap->rev);
		return rc;
	}
	file->len = (size_t)git_blob_rawsize(blob);
	file->data = sl_strndup(git_blob_rawcontent(blob), file->len);
	git_blob_free(blob);
	return file->data ? 0 : sl_error_oom();
}

int sl_snapshot_load(sl_snapshot *snap, sl_snapfile *file)
{
	int rc;
	if (file->loaded)
		return 0;
	if (file->kind != SL_FS_REGULAR)
		return sl_error_set(SL_EINVALID, "'%s' is not a regular file",
				    file->path);
	if (snap->kind == SL_SNAP_WORKTREE) {
		sl_buf b = SL_BUF_INIT;
		char *full =
			sl_fs_join(sl_repo_workdir(snap->repo), file->path);
		if (!full)
			return sl_error_oom();
		rc = sl_fs_read(&b, full);
		sl_free(full);
		if (rc < 0) {
			sl_buf_dispose(&b);
			sl_error_add_path(file->path);
			return rc;
		}
		file->data = sl_buf_detach(&b, &file->len);
		if (!file->data)
			return sl_error_oom();
	} else {
		rc = load_blob(
			sl_repo__git(snap->reader ? snap->reader : snap->repo),
			snap, file);
		if (rc < 0)
			return rc;
	}
	file->loaded = true;
	return 0;
}

static int by_oid(const void *a, const void *b)
{
	const sl_snapfile *x = *(const sl_snapfile *const *)a;
	const sl_snapfile *y = *(const sl_snapfile *const *)b;
	return memcmp(x->oid, y->oid, sizeof(x->oid));
}

void sl_snapshot_adopt(sl_snapshot *dst, sl_snapshot *src)
{
	sl_snapfile **have, key, *kp = &key;
	size_t i, n = 0;
	if (!dst || !src || dst->kind != SL_SNAP_COMMIT ||
	    src->kind != SL_SNAP_COMMIT || !src->files.len)
		return;
	have = sl_calloc(src->files.len, sizeof(*have));
	if (!have)
		return;
	for (i = 0; i < src->files.len; i++) {
		sl_snapfile *f = src->files.items[i];
		if (f->loaded && f->has_oid)
			have[n++] = f;
	}
	qsort(have, n, sizeof(*have), by_oid);
	for (i = 0; n && i < dst->files.len; i++) {
		sl_snapfile *f = dst->files.items[i], **hit;
		if (f->loaded || !f->has_oid || f->kind != SL_FS_REGULAR)
			continue;
		memcpy(key.oid, f->oid, sizeof(key.oid));
		hit = bsearch(&kp, have, n, sizeof(*have), by_oid);
		if (!hit || !(*hit)->loaded)
			continue;
		f->data = (*hit)->data;
		f->len = (*hit)->len;
		f->loaded = true;
		(*hit)->data = NULL;
		(*hit)->len = 0;
		(*hit)->loaded = false;
	}
	sl_free(have);
}

void sl_snapshot_unload(sl_snapshot *snap, sl_snapfile *file)
{
	(void)snap; /* the data is the file's own, not the pool's */
	if (!file->loaded)
		return;
	sl_free(file->data);
	file->data = NULL;
	file->len = 0;
	file->loaded = false;
}

int sl_snapshot_no_dir_error(const sl_snapshot *snap)
{
	int rc;
	if (snap->sheet_dir_link)
		rc = sl_error_set(SL_ENOTFOUND,
				  "%s/ is a symbolic link; sheetlog does not "
				  "follow it (the sheet must live in the "
				  "repository)",
				  SL_SHEET_DIR);
	else
		rc = sl_error_set(SL_ENOTFOUND, "no %s/ directory",
				  SL_SHEET_DIR);
	sl_error_add_rev(snap->kind == SL_SNAP_WORKTREE ? NULL : snap->rev);
	return rc;
}

int sl_snapshot_file_id(unsigned char out[20], bool *exists, sl_repo *repo,
			sl_snap_kind kind, const char *commit, const char *name)
{
	git_repository *g = sl_repo__git(repo);
	sl_buf path = SL_BUF_INIT;
	int rc = 0, grc;

	*exists = false;
	sl_buf_printf(&path, "%s%s", SHEET_PREFIX, name);
	if (sl_buf_oom(&path))
		return sl_error_oom();
	if (kind == SL_SNAP_COMMIT) {
		git_commit *c = NULL;
		git_tree *tree = NULL;
		git_tree_entry *e = NULL;
		rc = sl_repo__commit_lookup(&c, repo, commit);
		if (rc == 0 && (grc = git_commit_tree(&tree, c)) < 0)
			rc = sl_repo__error(
				grc, "cannot read the tree of %.12s", commit);
		if (rc == 0 && git_tree_entry_bypath(&e, tree, path.ptr) == 0 &&
		    git_tree_entry_filemode(e) == GIT_FILEMODE_BLOB) {
			memcpy(out, git_tree_entry_id(e)->id, 20);
			*exists = true;
		}
		git_error_clear();
		git_tree_entry_free(e);
		git_tree_free(tree);
		git_commit_free(c);
	} else if (kind == SL_SNAP_INDEX) {
		git_index *index = NULL;
		const git_index_entry *e;
		grc = git_repository_index(&index, g);
		if (grc < 0)
			rc = sl_repo__error(grc, "cannot read the index");
		else if ((e = git_index_get_bypath(index, path.ptr, 0)) &&
			 mode_kind(e->mode) == SL_FS_REGULAR) {
			memcpy(out, e->id.id, 20);
			*exists = true;
		}
		git_index_free(index);
	} else {
		const char *wd = sl_repo_workdir(repo);
		char *full = wd ? sl_fs_join(wd, path.ptr) : NULL;
		sl_buf data = SL_BUF_INIT;
		git_oid oid;
		if (!wd)
			rc = sl_error_set(
				SL_EREPO,
				"bare repository has no working tree");
		else if (!full)
			rc = sl_error_oom();
		else if (sl_fs_kind_of(full) == SL_FS_REGULAR &&
			 (rc = sl_fs_read(&data, full)) == 0) {
			grc = git_odb_hash(&oid, data.ptr ? data.ptr : "",
					   data.len, GIT_OBJECT_BLOB);
			if (grc < 0)
				rc = sl_repo__error(grc, "cannot hash '%s'",
						    path.ptr);
			else {
				memcpy(out, oid.id, 20);
				*exists = true;
			}
		}
		sl_buf_dispose(&data);
		sl_free(full);
	}
	sl_buf_dispose(&path);
	return rc;
}
