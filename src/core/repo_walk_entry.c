/*
 * repo_walk_entry.c: one commit's entry computed (repo_walk_internal.h):
 * its first parent, and the sheet files it changed, by comparing tree
 * entry ids level by level (checklist/, then sheet.json and items/, then
 * the raw entries of items/). Shared by the walker and its read-ahead
 * thread, each through its own reader.
 */
#include "repo_walk_internal.h"

#include <git2.h>
#include <string.h>

#include "alloc.h"
#include "buf.h"
#include "error.h"
#include "repo_internal.h"
#include "repo_tree.h"

int sl_walk__reader_init(sl_walk__reader *rd, git_repository *git)
{
	memset(rd, 0, sizeof(*rd));
	rd->git = git;
	if (git_repository_odb(&rd->odb, git) < 0)
		return sl_repo__error(-1, "cannot open the object database");
	return 0;
}

void sl_walk__reader_dispose(sl_walk__reader *rd)
{
	git_odb_object_free(rd->raw[0]);
	git_odb_object_free(rd->raw[1]);
	git_odb_free(rd->odb);
	memset(rd, 0, sizeof(*rd));
}

static int push_name(sl_vec *names, const char *prefix, const char *name)
{
	sl_buf b = SL_BUF_INIT;
	char *s;
	sl_buf_puts(&b, prefix);
	sl_buf_puts(&b, name);
	s = sl_buf_detach(&b, NULL);
	if (!s || sl_vec_push(names, s) < 0) {
		sl_free(s);
		return sl_error_oom();
	}
	return 0;
}

/*
 * Raw items/ trees. A commit's changed item names come from comparing its
 * items/ tree with its parent's, entry by entry; with 20,000 items that
 * is most of the cost of a cold walk, and libgit2's git_tree parses every
 * entry into a struct first. The raw object ("<octal mode> <name>\0<20-byte
 * id>" repeated, sorted) can be compared in place instead: an unchanged
 * entry is one memcmp.
 */
int sl_walk__raw_items(const unsigned char **data, size_t *len,
		       sl_walk__reader *w, const git_oid *id)
{
	git_odb_object *o;
	int i;
	for (i = 0; i < 2; i++) {
		if (w->raw[i] &&
		    git_oid_equal(git_odb_object_id(w->raw[i]), id))
			break;
	}
	if (i == 2) {
		int rc = sl_repo__tree_raw(&o, w->odb, id);
		if (rc < 0)
			return rc;
		i = (int)w->raw_next;
		git_odb_object_free(w->raw[i]);
		w->raw[i] = o;
	}
	/* The next read replaces the other slot: a caller holding this
	 * tree's data while reading a second tree keeps it valid. */
	w->raw_next = (size_t)(i ^ 1);
	*data = git_odb_object_data(w->raw[i]);
	*len = git_odb_object_size(w->raw[i]);
	return 0;
}

static const git_tree_entry *entry_in(git_tree *t, const char *name)
{
	return t ? git_tree_entry_byname(t, name) : NULL;
}

static bool same_entry(const git_tree_entry *a, const git_tree_entry *b)
{
	if (!a || !b)
		return a == b;
	return git_oid_equal(git_tree_entry_id(a), git_tree_entry_id(b)) &&
	       git_tree_entry_filemode(a) == git_tree_entry_filemode(b);
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/*
 * Names changed between two root trees (either may be NULL: empty),
 * level by level: checklist/, then sheet.json and items/, then the
 * entries of items/.
 */
/*
 * sides (when not NULL) holds one element per raw name, in raw order;
 * after the sort it must still say which entry each "items/" name has on
 * each side, in the names' order, or be unusable: is every raw name
 * (raw[0..n), the pointers pushed) still there, in the same order, with
 * no "items/" name between that the raw diff did not push?
 */
static void sides_check(sl_tree_raw_sides_list *sides, const sl_vec *names,
			char *const *raw, size_t n, bool deduped)
{
	size_t i, j = 0;
	if (deduped || sides->len != n) {
		sides->unusable = true;
		return;
	}
	for (i = 0; i < names->len; i++) {
		if (j < n && names->items[i] == raw[j])
			j++;
		else if (!strncmp(names->items[i], "items/", 6))
			break;
	}
	if (i < names->len || j != n)
		sides->unusable = true;
}

static int changed_between(sl_vec *names, sl_tree_raw_sides_list *sides,
			   sl_walk__reader *w, git_tree *ra, git_tree *rb)
{
	char **raw = NULL;
	size_t raw_first = 0, raw_n = 0;
	bool deduped = false;
	git_repository *g = w->git;
	const git_tree_entry *ca = entry_in(ra, SL_SHEET_DIR),
			     *cb = entry_in(rb, SL_SHEET_DIR);
	git_tree *ta = NULL, *tb = NULL;
	const git_tree_entry *sa, *sb, *xa, *xb;
	int rc = 0, grc;

	if (same_entry(ca, cb))
		return 0;
	if (ca && git_tree_entry_type(ca) == GIT_OBJECT_TREE &&
	    (grc = git_tree_lookup(&ta, g, git_tree_entry_id(ca))) < 0)
		return sl_repo__error(grc, "cannot read a checklist tree");
	if (cb && git_tree_entry_type(cb) == GIT_OBJECT_TREE &&
	    (grc = git_tree_lookup(&tb, g, git_tree_entry_id(cb))) < 0) {
		git_tree_free(ta);
		return sl_repo__error(grc, "cannot read a checklist tree");
	}
	sa = entry_in(ta, "sheet.json");
	sb = entry_in(tb, "sheet.json");
	if (!same_entry(sa, sb))
		rc = push_name(names, "", "sheet.json");
	xa = entry_in(ta, "items");
	xb = entry_in(tb, "items");
	if (rc == 0 && !same_entry(xa, xb)) {
		bool da = xa && git_tree_entry_type(xa) == GIT_OBJECT_TREE;
		bool db = xb && git_tree_entry_type(xb) == GIT_OBJECT_TREE;
		if ((xa && !da) || (xb && !db))
			rc = push_name(names, "", "items");
		const unsigned char *ra_ = NULL, *rb_ = NULL;
		size_t la = 0, lb = 0;
		if (rc == 0 && da)
			rc = sl_walk__raw_items(&ra_, &la, w,
						git_tree_entry_id(xa));
		/* sl_walk__raw_items never replaces the slot it returned last,
		 * so a's data survives b's read. */
		if (rc == 0 && db)
			rc = sl_walk__raw_items(&rb_, &lb, w,
						git_tree_entry_id(xb));
		raw_first = names->len;
		if (rc == 0)
			rc = sl_tree_raw_diff_sides(names, sides, "items/", ra_,
						    la, rb_, lb);
		raw_n = names->len - raw_first;
	}
	git_tree_free(ta);
	git_tree_free(tb);
	/* The raw names' pointers, to find them again after the sort. */
	if (rc == 0 && sides && raw_n &&
	    !(raw = sl_reallocarray(NULL, raw_n, sizeof(*raw))))
		rc = sl_error_oom();
	if (raw)
		memcpy(raw, names->items + raw_first, raw_n * sizeof(*raw));
	if (rc == 0)
		sl_vec_sort(names, name_cmp);
	/* A name that is a file on one side and a tree on the other shows
	 * up twice (they sort apart); keep one. */
	if (rc == 0 && names->len > 1) {
		size_t i, k = 1;
		for (i = 1; i < names->len; i++) {
			if (!strcmp(names->items[i], names->items[k - 1]))
				sl_free(names->items[i]);
			else
				names->items[k++] = names->items[i];
		}
		deduped = k < names->len;
		names->len = k;
	}
	if (rc == 0 && sides)
		sides_check(sides, names, raw, raw_n, deduped);
	/* Held until the commit's turn comes (a read-ahead's queue): no
	 * slack. A failed shrink keeps the larger block. */
	if (rc == 0 && sides && sides->len && sides->len < sides->cap) {
		sl_tree_raw_sides *v =
			sl_reallocarray(sides->v, sides->len, sizeof(*v));
		if (v) {
			sides->v = v;
			sides->cap = sides->len;
		}
	}
	sl_free(raw);
	return rc;
}

static int root_tree(git_tree **out, git_repository *g, const git_oid *commit)
{
	git_commit *c = NULL;
	int grc = git_commit_lookup(&c, g, commit);
	if (grc == 0)
		grc = git_commit_tree(out, c);
	git_commit_free(c);
	if (grc < 0)
		return sl_repo__error(grc, "cannot read commit %s",
				      git_oid_tostr_s(commit));
	return 0;
}

int sl_walk__compute(unsigned char parent[20], uint32_t *flags, sl_vec *names,
		     sl_tree_raw_sides_list *sides, sl_walk__reader *rd,
		     const unsigned char commit[20])
{
	git_oid oid;
	git_commit *c = NULL;
	git_tree *ta = NULL, *tb = NULL;
	int rc = 0, grc;

	git_oid_fromraw(&oid, commit);
	*flags = 0;
	memset(parent, 0, 20);
	grc = git_commit_lookup(&c, rd->git, &oid);
	if (grc < 0)
		return sl_repo__error(grc, "cannot read commit %.12s",
				      git_oid_tostr_s(&oid));
	if (git_commit_parentcount(c) == 0)
		*flags |= SL_CACHE_ROOT;
	else
		memcpy(parent, git_commit_parent_id(c, 0)->id, 20);
	if (git_commit_parentcount(c) > 1)
		*flags |= SL_CACHE_MERGE;
	grc = git_commit_tree(&tb, c);
	if (grc < 0)
		rc = sl_repo__error(grc, "cannot read commit %.12s",
				    git_oid_tostr_s(&oid));
	if (rc == 0 && !(*flags & SL_CACHE_ROOT)) {
		git_oid p;
		git_oid_fromraw(&p, parent);
		rc = root_tree(&ta, rd->git, &p);
	}
	if (rc == 0)
		rc = changed_between(names, sides, rd, ta, tb);
	git_tree_free(ta);
	git_tree_free(tb);
	git_commit_free(c);
	return rc;
}
