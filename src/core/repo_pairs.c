/*
 * repo_pairs.c: the pairing store (format in repo_pairs.h) and the two
 * small snapshots a stored pair is diffed from.
 */
#include "repo_pairs.h"

#include <git2.h>
#include <string.h>

#include "alloc.h"
#include "buf.h"
#include "bytes.h"
#include "error.h"
#include "fs.h"
#include "repo_internal.h"

#define MAGIC "SLPRS001"
/* A pairing larger than this is not read back (a renumbering of the
 * whole of a 20,000-item sheet stores about 1.5 MB). */
#define MAX_FILE (64u << 20)

static const unsigned char zero_blob[20];

int sl_pair_list_add(sl_pair_list *l, const char *old_id,
		     const unsigned char old_blob[20], const char *new_id,
		     const unsigned char new_blob[20])
{
	sl_pair *p;
	if (l->count == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 16;
		sl_pair *grown = sl_reallocarray(l->pairs, cap, sizeof(*grown));
		if (!grown)
			return sl_error_oom();
		l->pairs = grown;
		l->cap = cap;
	}
	p = &l->pairs[l->count];
	memset(p, 0, sizeof(*p));
	if ((old_id && !(p->old_id = sl_strdup(old_id))) ||
	    (new_id && !(p->new_id = sl_strdup(new_id)))) {
		sl_free(p->old_id);
		return sl_error_oom();
	}
	memcpy(p->old_blob, old_id ? old_blob : zero_blob, 20);
	memcpy(p->new_blob, new_id ? new_blob : zero_blob, 20);
	l->count++;
	return 0;
}

void sl_pair_list_dispose(sl_pair_list *l)
{
	size_t i;
	for (i = 0; i < l->count; i++) {
		sl_free(l->pairs[i].old_id);
		sl_free(l->pairs[i].new_id);
	}
	sl_free(l->pairs);
	l->pairs = NULL;
	l->count = l->cap = 0;
}

/* .git/sheetlog/pairs/<commit> (the directory when commit is NULL) */
static char *store_path(sl_repo *repo, const char *commit)
{
	sl_buf b = SL_BUF_INIT;
	sl_buf_printf(&b, "%ssheetlog/pairs%s%s",
		      git_repository_path(sl_repo__git(repo)),
		      commit ? "/" : "", commit ? commit : "");
	return sl_buf_detach(&b, NULL);
}

/* One side of a stored pair: an id of at most 65535 bytes ("" none, with
 * a zero blob) and its blob. @return false when the bytes run out or
 * spell what the writer never writes (a NUL in an id, a blob for none) */
static bool read_side(const unsigned char *p, size_t len, size_t *off,
		      sl_buf *id, unsigned char blob[20])
{
	size_t n;
	if (len - *off < 2)
		return false;
	n = (size_t)sl_le_get(p + *off, 2);
	*off += 2;
	if (len - *off < n + 20)
		return false;
	sl_buf_clear(id);
	sl_buf_put(id, (const char *)p + *off, n);
	memcpy(blob, p + *off + n, 20);
	*off += n + 20;
	return !memchr(p + *off - n - 20, '\0', n) &&
	       (n || !memcmp(blob, zero_blob, 20));
}

int sl_pairs_parse(sl_pair_list *out, bool *found, const unsigned char *p,
		   size_t len, uint32_t version)
{
	sl_buf a = SL_BUF_INIT, b = SL_BUF_INIT;
	unsigned char ba[20], bb[20];
	size_t off = 16, i, count;
	int rc = 0;

	*found = false;
	if (len < 8 + 8 + 8 || memcmp(p, MAGIC, 8) ||
	    sl_le_get(p + len - 8, 8) != sl_fnv64(p, len - 8) ||
	    sl_le_get(p + 8, 4) != version)
		return 0;
	len -= 8;
	count = (size_t)sl_le_get(p + 12, 4);
	for (i = 0; i < count && rc == 0; i++) {
		if (!read_side(p, len, &off, &a, ba) ||
		    !read_side(p, len, &off, &b, bb) || (!a.len && !b.len))
			break;
		rc = sl_buf_oom(&a) || sl_buf_oom(&b)
			     ? sl_error_oom()
			     : sl_pair_list_add(out, a.len ? a.ptr : NULL, ba,
						b.len ? b.ptr : NULL, bb);
	}
	sl_buf_dispose(&a);
	sl_buf_dispose(&b);
	if (rc == 0 && i == count && off == len)
		*found = true;
	else
		sl_pair_list_dispose(out);
	return rc;
}

int sl_pairs_read(sl_pair_list *out, bool *found, sl_repo *repo,
		  const char *commit, uint32_t version)
{
	sl_buf data = SL_BUF_INIT;
	char *path = store_path(repo, commit);
	int rc;

	*found = false;
	if (!path)
		return sl_error_oom();
	rc = sl_fs_read(&data, path);
	sl_free(path);
	if (rc < 0) {
		/* Absent or unreadable: the caller diffs the commit. */
		sl_error_clear();
		sl_buf_dispose(&data);
		return 0;
	}
	rc = data.len <= MAX_FILE
		     ? sl_pairs_parse(out, found,
				      (const unsigned char *)data.ptr, data.len,
				      version)
		     : 0;
	sl_buf_dispose(&data);
	return rc;
}

int sl_pairs_encode(sl_buf *b, uint32_t version, const sl_pair_list *l)
{
	size_t i, k;
	sl_buf_put(b, MAGIC, 8);
	sl_le_put(b, version, 4);
	sl_le_put(b, l->count, 4);
	for (i = 0; i < l->count; i++) {
		const sl_pair *p = &l->pairs[i];
		const char *ids[2] = {p->old_id ? p->old_id : "",
				      p->new_id ? p->new_id : ""};
		const unsigned char *blobs[2] = {p->old_blob, p->new_blob};
		for (k = 0; k < 2; k++) {
			size_t n = strlen(ids[k]);
			if (n > 65535)
				return sl_error_set(
					SL_EINVALID,
					"item id too long to store");
			sl_le_put(b, n, 2);
			sl_buf_put(b, ids[k], n);
			sl_buf_put(b, (const char *)blobs[k], 20);
		}
	}
	if (sl_buf_oom(b))
		return sl_error_oom();
	sl_le_put(b, sl_fnv64((const unsigned char *)b->ptr, b->len), 8);
	return sl_buf_oom(b) ? sl_error_oom() : 0;
}

int sl_pairs_write(sl_repo *repo, const char *commit, uint32_t version,
		   const sl_pair_list *l)
{
	sl_buf b = SL_BUF_INIT;
	char *dir = store_path(repo, NULL), *path = store_path(repo, commit);
	int rc = dir && path ? sl_pairs_encode(&b, version, l) : sl_error_oom();
	if (rc == 0)
		rc = sl_fs_mkdirs(dir);
	if (rc == 0)
		rc = sl_fs_write_atomic(path, b.ptr, b.len);
	sl_buf_dispose(&b);
	sl_free(dir);
	sl_free(path);
	return rc;
}

/*
 * One side: sheet.json of the revision and, when name is given, the item
 * file at blob, found through the root tree alone (the items tree, 780 KB
 * on a sheet of 20,000 items, is not read).
 */
static int side_snapshot(sl_snapshot **out, sl_repo *repo, const char *hex,
			 const char *name, const unsigned char blob[20])
{
	git_commit *c = NULL;
	git_tree *root = NULL;
	git_tree_entry *dir = NULL, *meta = NULL;
	sl_snapshot *snap = NULL;
	sl_buf path = SL_BUF_INIT;
	int rc = sl_repo__commit_lookup(&c, repo, hex), grc;

	*out = NULL;
	if (rc == 0 && (grc = git_commit_tree(&root, c)) < 0)
		rc = sl_repo__error(grc, "cannot read commit %.12s", hex);
	if (rc == 0)
		rc = sl_snapshot_new_partial(&snap, repo, hex, hex);
	if (rc < 0)
		goto done;
	if (git_tree_entry_bypath(&dir, root, SL_SHEET_DIR) < 0 ||
	    git_tree_entry_type(dir) != GIT_OBJECT_TREE) {
		git_error_clear();
		snap->has_sheet_dir = false;
		goto done;
	}
	if (name) {
		sl_buf_printf(&path, SL_SHEET_DIR "/%s", name);
		rc = sl_buf_oom(&path)
			     ? sl_error_oom()
			     : sl_snapshot_add_file(snap, path.ptr,
						    SL_FS_REGULAR, blob);
	}
	if (rc == 0 &&
	    git_tree_entry_bypath(&meta, root, SL_SHEET_DIR "/sheet.json") == 0)
		rc = sl_repo__snapshot_add_entry(
			snap, SL_SHEET_DIR "/sheet.json", meta);
	git_error_clear();
done:
	sl_buf_dispose(&path);
	git_tree_entry_free(meta);
	git_tree_entry_free(dir);
	git_tree_free(root);
	git_commit_free(c);
	return sl_repo__snapshot_done(out, snap, rc);
}

int sl_pairs_snapshots(sl_snapshot **old_snap, sl_snapshot **new_snap,
		       sl_repo *repo, const char *commit, const char *parent,
		       const sl_pair *pair, const char *old_name,
		       const char *new_name)
{
	int rc = side_snapshot(new_snap, repo, commit,
			       pair->new_id ? new_name : NULL, pair->new_blob);
	*old_snap = NULL;
	if (rc == 0 && parent)
		rc = side_snapshot(old_snap, repo, parent,
				   pair->old_id ? old_name : NULL,
				   pair->old_blob);
	if (rc < 0) {
		sl_snapshot_free(*new_snap);
		*new_snap = NULL;
	}
	return rc;
}
