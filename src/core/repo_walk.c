/*
 * repo_walk.c: per-commit changed sheet files, through libgit2 trees, cached.
 * The two most recently loaded items/ trees are kept: walking newest to
 * oldest, a commit's parent tree is the next commit's own tree, so each
 * tree is read once. A walk after one file asks git's Bloom filters
 * (repo_bloom.c) first and reads only the commit object of a commit they
 * rule out.
 */
#include "repo_walk.h"

#include <git2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "buf.h"
#include "diff.h"
#include "error.h"
#include "fs.h"
#include "repo_bloom.h"
#include "repo_internal.h"
#include "par.h"
#include "repo_tree.h"
#include "repo_walk_internal.h"
#include "strmap.h"

#define ITEMS_DIR SL_SHEET_DIR "/items"

struct sl_walker {
	sl_repo *repo; /* borrowed */
	sl_walk_options opts;
	sl_cache *cache;    /* owned */
	sl_walk__reader rd; /* raw items/ trees, through repo */
	/* owned; the read-ahead thread of a cold walk, NULL when none */
	sl_walk__ahead *ahead;
	bool ahead_tried;       /* started once at most */
	size_t read_ahead;      /* entries it computed, of `computed` */
	unsigned char *shallow; /* owned; raw ids of shallow boundary commits */
	size_t shallow_count;
	/* owned; the entries of boundary commits, built when met. They stay
	 * out of the persistent cache: a later fetch --unshallow (or a
	 * deepening) changes which commits are boundaries. */
	sl_cache_entry *shallow_entries;
	size_t computed; /* entries computed in this walk */
	/* owned; git's commit graph, NULL when there is none or it is
	 * unusable (then every commit is computed as without it) */
	sl_bloom *bloom;
	bool bloom_loaded;    /* the graph was looked for (once, lazily) */
	sl_cache_entry stub;  /* the last partial entry (SL_CACHE_PARTIAL) */
	size_t bloom_skipped; /* commits settled without a full entry */
	/* What sl_walker_entry_for last learnt of the file it follows: at
	 * commit `at`, items/ held `entry` for `name` (entry_len 0: no such
	 * entry). Walking to the first parent, the next commit asked is
	 * `at`, so only its parent's tree need be read. */
	struct {
		bool valid;
		unsigned char at[20];     /* raw commit id */
		char name[256];           /* sheet-relative, "items/2-3.json" */
		unsigned char entry[320]; /* the raw tree entry, copied */
		size_t entry_len;         /* bytes of entry */
	} known;
	/* The sides of the last entry computed here or taken from the
	 * read-ahead (sl_walk__compute), the commit sides_at: a whole diff
	 * of that commit, asked for next, builds its two snapshots from
	 * them instead of reading and listing both items/ trees again on
	 * this thread (issue 11: a third of a cold history's critical path
	 * when the read-ahead had read them). */
	sl_tree_raw_sides_list sides;
	unsigned char sides_at[20];
	bool sides_valid;
	size_t sides_used; /* snapshots built from them */
};

void sl_walk_hex(char out[41], const unsigned char raw[20])
{
	git_oid oid;
	git_oid_fromraw(&oid, raw);
	git_oid_tostr(out, 41, &oid);
}

/* .git/shallow lists the boundary commits of a shallow clone. */
static int load_shallow(sl_walker *w)
{
	sl_buf data = SL_BUF_INIT;
	char *path;
	size_t i, n = 0;
	if (!sl_repo_is_shallow(w->repo))
		return 0;
	path = sl_fs_join(git_repository_path(sl_repo__git(w->repo)),
			  "shallow");
	if (!path)
		return sl_error_oom();
	if (sl_fs_read(&data, path) < 0) {
		sl_error_clear();
		sl_free(path);
		return 0;
	}
	sl_free(path);
	w->shallow = sl_calloc(data.len / 40 + 1, 20);
	w->shallow_entries =
		sl_calloc(data.len / 40 + 1, sizeof(*w->shallow_entries));
	if (!w->shallow || !w->shallow_entries) {
		sl_buf_dispose(&data);
		return sl_error_oom();
	}
	for (i = 0; i + 40 <= data.len; i += 41) {
		git_oid oid;
		if (git_oid_fromstrn(&oid, data.ptr + i, 40) == 0)
			memcpy(w->shallow + 20 * n++, oid.id, 20);
		git_error_clear();
	}
	w->shallow_count = n;
	sl_buf_dispose(&data);
	return 0;
}

/* The index of a shallow boundary commit in w->shallow, or -1. */
static long shallow_index(const sl_walker *w, const unsigned char id[20])
{
	size_t i;
	for (i = 0; i < w->shallow_count; i++)
		if (!memcmp(w->shallow + 20 * i, id, 20))
			return (long)i;
	return -1;
}

int sl_walker_new(sl_walker **out, sl_repo *repo, const sl_walk_options *opts)
{
	sl_walker *w = sl_calloc(1, sizeof(*w));
	sl_walk_options defaults = SL_WALK_OPTIONS_INIT;
	int rc;
	*out = NULL;
	if (!w)
		return sl_error_oom();
	w->repo = repo;
	w->opts = opts ? *opts : defaults;
	rc = sl_cache_open(&w->cache, repo, NULL);
	if (rc == 0)
		rc = load_shallow(w);
	if (rc == 0)
		rc = sl_walk__reader_init(&w->rd, sl_repo__git(repo));
	if (rc < 0) {
		sl_walker_free(w);
		return rc;
	}
	*out = w;
	return 0;
}

void sl_walker_free(sl_walker *w)
{
	if (!w)
		return;
	/* The read-ahead's queue goes into the cache before it is saved. */
	sl_walk__ahead_stop(w->ahead, w->cache);
	if (w->opts.use_cache && w->cache && sl_cache_save(w->cache) < 0)
		sl_error_clear();
	sl_cache_free(w->cache);
	sl_walk__reader_dispose(&w->rd);
	sl_free(w->shallow);
	sl_free(w->shallow_entries);
	sl_bloom_free(w->bloom);
	sl_tree_raw_sides_dispose(&w->sides);
	sl_free(w);
}

size_t sl_walker_computed(const sl_walker *w)
{
	return w->computed;
}

size_t sl_walker_read_ahead(const sl_walker *w)
{
	return w->read_ahead;
}

size_t sl_walker_sides_used(const sl_walker *w)
{
	return w->sides_used;
}

size_t sl_walker_bloom_skipped(const sl_walker *w)
{
	return w->bloom_skipped;
}

/* A 40-hex commit id as a git_oid. @return 0 or SL_EUSAGE */
static int oid_of(git_oid *oid, const char *hex)
{
	if (git_oid_fromstr(oid, hex) == 0)
		return 0;
	git_error_clear();
	return sl_error_set(SL_EUSAGE, "invalid commit id '%s'", hex);
}

/* The entry of shallow boundary si (commit oid), built when first met:
 * its parents are not in the repository, so its changes are unknowable,
 * and the walk stops there. */
static int shallow_entry(const sl_cache_entry **out, sl_walker *w, long si,
			 const git_oid *oid)
{
	sl_cache_entry *e = &w->shallow_entries[si];
	git_commit *c = NULL;
	int grc = git_commit_lookup(&c, sl_repo__git(w->repo), oid);
	if (grc < 0)
		return sl_repo__error(grc, "cannot read commit %.12s",
				      git_oid_tostr_s(oid));
	memset(e, 0, sizeof(*e));
	memcpy(e->commit, oid->id, 20);
	if (git_commit_parentcount(c) == 0)
		e->flags |= SL_CACHE_ROOT;
	else
		memcpy(e->parent, git_commit_parent_id(c, 0)->id, 20);
	if (git_commit_parentcount(c) > 1)
		e->flags |= SL_CACHE_MERGE;
	e->flags |= SL_CACHE_SHALLOW;
	git_commit_free(c);
	*out = e;
	return 0;
}

/*
 * Start the read-ahead at the first commit a walk has to compute, unless
 * it could not help: one thread only (SL_THREADS=1, or allocation
 * failures being injected, which must stay deterministic), or git's
 * Bloom filters in use (the walk then computes only the commits they
 * cannot rule out, and a thread computing every commit would be waste).
 * Starting is an optimisation: a failure to start is forgotten.
 */
static void ahead_begin(sl_walker *w, const unsigned char commit[20])
{
	if (w->ahead || w->ahead_tried)
		return;
	w->ahead_tried = true;
	if (sl_par_threads() < 2 || w->bloom)
		return;
	if (sl_walk__ahead_start(&w->ahead, sl_repo__git(w->repo), w->cache,
				 commit, w->shallow, w->shallow_count) < 0)
		sl_error_clear();
}

int sl_walker_entry(const sl_cache_entry **out, sl_walker *w, const char *hex)
{
	git_oid oid;
	sl_vec names = SL_VEC_INIT;
	unsigned char parent[20];
	uint32_t flags = 0;
	size_t before = w->computed;
	bool had = false;
	long si;
	int rc;

	*out = NULL;
	if ((rc = oid_of(&oid, hex)) < 0)
		return rc;
	si = shallow_index(w, oid.id);
	if (si >= 0 && w->shallow_entries[si].flags & SL_CACHE_SHALLOW) {
		*out = &w->shallow_entries[si];
		return 0;
	}
	/* A boundary is checked before the cache: the commit may have been
	 * walked (and cached) before the repository was made shallow. */
	*out = si < 0 ? sl_cache_get(w->cache, oid.id) : NULL;
	if (*out)
		return 0;
	if (si >= 0)
		return shallow_entry(out, w, si, &oid);
	ahead_begin(w, oid.id);
	sl_tree_raw_sides_dispose(&w->sides);
	w->sides_valid = false;
	if (w->ahead) {
		size_t n = 0;
		rc = sl_walk__ahead_take(&had, &n, &w->sides, w->ahead,
					 w->cache, oid.id);
		w->computed += n;
		w->read_ahead += n;
	}
	if (rc == 0 && !had) {
		sl_tree_raw_sides_dispose(&w->sides);
		rc = sl_walk__compute(parent, &flags, &names, &w->sides, &w->rd,
				      oid.id);
		sl_walk__ahead_lock(w->ahead);
		if (rc == 0)
			rc = sl_cache_put(w->cache, oid.id, parent, flags,
					  (const char *const *)names.items,
					  names.len);
		sl_walk__ahead_unlock(w->ahead);
		if (rc == 0)
			w->computed++;
	}
	if (rc == 0) {
		*out = sl_cache_get(w->cache, oid.id);
		memcpy(w->sides_at, oid.id, 20);
		w->sides_valid = !w->sides.unusable;
		if (w->opts.progress && w->computed / 256 != before / 256)
			w->opts.progress(w->opts.payload, w->computed);
	}
	sl_vec_free_all(&names);
	return rc;
}

/*
 * git's commit graph, looked for once. Like the cache it is optional: an
 * absent, corrupt or foreign graph leaves w->bloom NULL and the walk
 * computes every commit. A shallow repository does without it, as git
 * does: the graph may name parents that the clone does not have.
 */
static int bloom_prepare(sl_walker *w)
{
	git_buf dir = GIT_BUF_INIT;
	int rc;
	if (w->bloom_loaded)
		return 0;
	w->bloom_loaded = true;
	if (sl_repo_is_shallow(w->repo))
		return 0;
	if (git_repository_item_path(&dir, sl_repo__git(w->repo),
				     GIT_REPOSITORY_ITEM_OBJECTS) < 0) {
		git_error_clear();
		return 0;
	}
	rc = sl_bloom_load(&w->bloom, dir.ptr);
	git_buf_dispose(&dir);
	if (rc == SL_ENOMEM)
		return rc;
	if (rc < 0)
		sl_error_clear();
	else if (!sl_bloom_has_filters(w->bloom)) {
		sl_bloom_free(w->bloom);
		w->bloom = NULL;
	}
	return 0;
}

/*
 * The raw items/ entry called leaf in a root tree, copied to out (cap
 * bytes; *out_len 0 when there is none). *usable is false when the
 * answer would not be a plain entry comparison (checklist/ or items/ is
 * not a tree, the entry is too long to copy): the caller then computes
 * the commit in full.
 */
static int file_entry(bool *usable, unsigned char *out, size_t cap,
		      size_t *out_len, sl_walker *w, const git_oid *root,
		      const char *leaf)
{
	git_repository *g = sl_repo__git(w->repo);
	git_tree *rt = NULL, *ct = NULL;
	const git_tree_entry *ce, *ie;
	const unsigned char *data, *e;
	size_t len, elen;
	int rc = 0, grc;

	*usable = false;
	*out_len = 0;
	grc = git_tree_lookup(&rt, g, root);
	if (grc < 0)
		return sl_repo__error(grc, "cannot read tree %s",
				      git_oid_tostr_s(root));
	ce = git_tree_entry_byname(rt, SL_SHEET_DIR);
	if (!ce || git_tree_entry_type(ce) != GIT_OBJECT_TREE) {
		*usable = !ce; /* no checklist/: no such file */
		goto done;
	}
	grc = git_tree_lookup(&ct, g, git_tree_entry_id(ce));
	if (grc < 0) {
		rc = sl_repo__error(grc, "cannot read a checklist tree");
		goto done;
	}
	ie = git_tree_entry_byname(ct, "items");
	if (!ie || git_tree_entry_type(ie) != GIT_OBJECT_TREE) {
		*usable = !ie;
		goto done;
	}
	rc = sl_walk__raw_items(&data, &len, &w->rd, git_tree_entry_id(ie));
	if (rc == 0)
		rc = sl_tree_raw_find(&e, &elen, data, len, leaf, strlen(leaf));
	if (rc == 0 && e && elen <= cap) {
		memcpy(out, e, elen);
		*out_len = elen;
		*usable = true;
	} else if (rc == 0 && !e) {
		*usable = true;
	}
done:
	git_tree_free(ct);
	git_tree_free(rt);
	return rc;
}

/*
 * After a filter's "maybe" (a commit with more than 512 changed paths
 * has a full filter; a false positive is about 1 in 100): is the
 * followed file's entry the same in the commit and its first parent?
 * Then the commit did not change it, whatever else it changed, and no
 * full entry (two whole items/ trees compared) is needed. The commit's
 * own entry is usually known from the walk's previous step, so one
 * items/ tree is read instead of two.
 */
static int file_unchanged(bool *same, sl_walker *w, git_commit *c,
			  const char *name)
{
	unsigned char mine[sizeof(w->known.entry)];
	size_t mine_len = 0, theirs_len = 0;
	git_commit *pc = NULL;
	bool ok = false, pok = false;
	const char *leaf = name + 6;
	int rc = 0, grc;

	*same = false;
	if (strncmp(name, "items/", 6) || strchr(leaf, '/') ||
	    strlen(name) >= sizeof(w->known.name))
		return 0;
	if (w->known.valid && !memcmp(w->known.at, git_commit_id(c)->id, 20) &&
	    !strcmp(w->known.name, name)) {
		memcpy(mine, w->known.entry, w->known.entry_len);
		mine_len = w->known.entry_len;
		ok = true;
	} else {
		rc = file_entry(&ok, mine, sizeof(mine), &mine_len, w,
				git_commit_tree_id(c), leaf);
	}
	w->known.valid = false;
	if (rc < 0 || !ok)
		return rc;
	grc = git_commit_parent(&pc, c, 0);
	if (grc < 0)
		return sl_repo__error(grc, "cannot read the parent of %s",
				      git_oid_tostr_s(git_commit_id(c)));
	rc = file_entry(&pok, w->known.entry, sizeof(w->known.entry),
			&theirs_len, w, git_commit_tree_id(pc), leaf);
	if (rc == 0 && pok) {
		w->known.valid = true;
		memcpy(w->known.at, git_commit_id(pc)->id, 20);
		snprintf(w->known.name, sizeof(w->known.name), "%s", name);
		w->known.entry_len = theirs_len;
		*same = mine_len == theirs_len &&
			!memcmp(mine, w->known.entry, mine_len);
	}
	git_commit_free(pc);
	return rc;
}

int sl_walker_entry_for(const sl_cache_entry **out, sl_walker *w,
			const char *hex, const char *name)
{
	git_oid oid;
	git_commit *c = NULL;
	char path[512];
	unsigned parents;
	sl_bloom_answer a;
	int rc, n;

	*out = NULL;
	/* Whatever the walker knows already, or cannot ask a filter about,
	 * takes the ordinary path. */
	if (git_oid_fromstr(&oid, hex) < 0) {
		git_error_clear();
		return sl_walker_entry(out, w, hex);
	}
	if (shallow_index(w, oid.id) >= 0 || sl_cache_get(w->cache, oid.id))
		return sl_walker_entry(out, w, hex);
	rc = bloom_prepare(w);
	if (rc < 0)
		return rc;
	n = snprintf(path, sizeof(path), SL_SHEET_DIR "/%s", name);
	if (!w->bloom || n < 0 || (size_t)n >= sizeof(path))
		return sl_walker_entry(out, w, hex);
	rc = sl_repo__commit_lookup(&c, w->repo, hex);
	if (rc < 0)
		return rc;
	/* The tree and first parent come from the commit object: the graph
	 * is believed only where it agrees with them. */
	parents = git_commit_parentcount(c);
	a = sl_bloom_query(w->bloom, oid.id, git_commit_tree_id(c)->id,
			   parents ? git_commit_parent_id(c, 0)->id : NULL,
			   path, (size_t)n);
	if (a == SL_BLOOM_MAYBE && parents > 0) {
		bool same;
		rc = file_unchanged(&same, w, c, name);
		if (rc < 0) {
			git_commit_free(c);
			return rc;
		}
		if (same)
			a = SL_BLOOM_NO;
	} else if (a == SL_BLOOM_NO && w->known.valid && parents > 0 &&
		   !memcmp(w->known.at, oid.id, 20) &&
		   !strcmp(w->known.name, name)) {
		/* Unchanged here: the parent holds the same entry. */
		memcpy(w->known.at, git_commit_parent_id(c, 0)->id, 20);
	}
	if (a != SL_BLOOM_NO) {
		git_commit_free(c);
		return sl_walker_entry(out, w, hex);
	}
	memset(&w->stub, 0, sizeof(w->stub));
	memcpy(w->stub.commit, oid.id, 20);
	w->stub.flags = SL_CACHE_PARTIAL;
	if (parents == 0)
		w->stub.flags |= SL_CACHE_ROOT;
	else
		memcpy(w->stub.parent, git_commit_parent_id(c, 0)->id, 20);
	if (parents > 1)
		w->stub.flags |= SL_CACHE_MERGE;
	git_commit_free(c);
	w->bloom_skipped++;
	*out = &w->stub;
	return 0;
}

bool sl_walk_names_have(const sl_cache_entry *e, const char *name)
{
	size_t lo = 0, hi = e->name_count;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(e->names[mid], name);
		if (c == 0)
			return true;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

/*
 * Commits are listed by hand rather than with git_revwalk: libgit2 1.5's
 * revwalk fails on a shallow clone's missing parents, while the walker
 * knows the boundary (.git/shallow) and simply stops there.
 */

typedef struct stamped {
	char *id;     /* owned, 40 hex */
	int64_t time; /* commit time */
} stamped;

static int stamped_cmp_ptr(const void *a, const void *b)
{
	const stamped *x = *(const stamped *const *)a,
		      *y = *(const stamped *const *)b;
	if (x->time != y->time)
		return x->time > y->time ? -1 : 1;
	return strcmp(x->id, y->id);
}

/* Every commit reachable from start (parents of shallow boundaries are
 * not followed) into seen (keys owned by list). */
static int reach(sl_walker *w, const char *start, sl_strmap *seen, sl_vec *list,
		 const sl_strmap *stop)
{
	sl_vec stack = SL_VEC_INIT;
	char *first = sl_strdup(start);
	int rc = 0;
	if (!first || sl_vec_push(&stack, first) < 0) {
		sl_free(first);
		return sl_error_oom();
	}
	while (rc == 0 && stack.len) {
		char *id = stack.items[--stack.len];
		git_commit *c = NULL;
		git_oid oid;
		stamped *st;
		unsigned i, n;
		if (sl_strmap_get(seen, id, NULL) ||
		    (stop && sl_strmap_get(stop, id, NULL))) {
			sl_free(id);
			continue;
		}
		rc = sl_repo__commit_lookup(&c, w->repo, id);
		if (rc < 0) {
			sl_free(id);
			break;
		}
		st = sl_calloc(1, sizeof(*st));
		if (!st || sl_vec_push(list, st) < 0) {
			sl_free(st);
			sl_free(id);
			git_commit_free(c);
			rc = sl_error_oom();
			break;
		}
		st->id = id;
		st->time = (int64_t)git_commit_time(c);
		rc = sl_strmap_put(seen, id, st);
		git_oid_fromstr(&oid, id);
		n = shallow_index(w, oid.id) >= 0 ? 0
						  : git_commit_parentcount(c);
		for (i = 0; rc == 0 && i < n; i++) {
			char *p = sl_malloc(41);
			if (!p) {
				rc = sl_error_oom();
				break;
			}
			git_oid_tostr(p, 41, git_commit_parent_id(c, i));
			if (sl_vec_push(&stack, p) < 0) {
				sl_free(p);
				rc = sl_error_oom();
			}
		}
		git_commit_free(c);
	}
	sl_vec_free_all(&stack);
	return rc;
}

static void stamped_free_all(sl_vec *list)
{
	size_t i;
	for (i = 0; i < list->len; i++) {
		stamped *st = list->items[i];
		sl_free(st->id);
		sl_free(st);
	}
	sl_vec_dispose(list);
}

/* The first-parent chain from start, through the cached entries. */
static int chain(sl_walker *w, const char *start, sl_vec *out,
		 const sl_strmap *stop)
{
	char cur[41];
	int rc = 0;
	snprintf(cur, sizeof(cur), "%s", start);
	while (rc == 0 && cur[0]) {
		const sl_cache_entry *e;
		char *copy;
		if (stop && sl_strmap_get(stop, cur, NULL))
			break;
		rc = sl_walker_entry(&e, w, cur);
		if (rc < 0)
			break;
		copy = sl_strdup(cur);
		if (!copy || sl_vec_push(out, copy) < 0) {
			sl_free(copy);
			rc = sl_error_oom();
			break;
		}
		if (e->flags & (SL_CACHE_ROOT | SL_CACHE_SHALLOW))
			break;
		sl_walk_hex(cur, e->parent);
	}
	return rc;
}

int sl_walker_commits(sl_vec *out, sl_walker *w, const char *to,
		      const char *from, bool first_parent)
{
	sl_strmap stop = SL_STRMAP_INIT, seen = SL_STRMAP_INIT;
	sl_vec hidden = SL_VEC_INIT, list = SL_VEC_INIT;
	size_t i;
	int rc = 0;

	/* What `from` reaches is excluded (git's A..B). */
	if (from) {
		if (first_parent) {
			rc = chain(w, from, &hidden, NULL);
			for (i = 0; rc == 0 && i < hidden.len; i++)
				rc = sl_strmap_put(&stop, hidden.items[i],
						   NULL);
		} else {
			rc = reach(w, from, &stop, &list, NULL);
		}
	}
	if (rc == 0 && first_parent) {
		rc = chain(w, to, out, from ? &stop : NULL);
	} else if (rc == 0) {
		sl_vec mine = SL_VEC_INIT;
		rc = reach(w, to, &seen, &mine, from ? &stop : NULL);
		if (rc == 0 && mine.len > 1)
			qsort(mine.items, mine.len, sizeof(void *),
			      stamped_cmp_ptr);
		for (i = 0; rc == 0 && i < mine.len; i++) {
			stamped *st = mine.items[i];
			if (sl_vec_push(out, st->id) < 0) {
				rc = sl_error_oom();
				break;
			}
			st->id = NULL;
		}
		stamped_free_all(&mine);
	}
	sl_strmap_dispose(&stop);
	sl_strmap_dispose(&seen);
	sl_vec_free_all(&hidden);
	stamped_free_all(&list);
	return rc;
}

int sl_walker_file_id(unsigned char out[20], bool *exists, sl_walker *w,
		      const char *hex, const char *name)
{
	git_commit *c = NULL;
	git_tree *t = NULL;
	git_tree_entry *e = NULL;
	sl_buf path = SL_BUF_INIT;
	int rc = sl_repo__commit_lookup(&c, w->repo, hex), grc;
	*exists = false;
	if (rc < 0)
		return rc;
	/* An item file is found in the raw items/ tree the walk keeps
	 * (parsing a 20,000-entry tree into git_tree_entry objects costs a
	 * millisecond or two); anything else through libgit2's trees. */
	if (!strncmp(name, "items/", 6) && !strchr(name + 6, '/')) {
		unsigned char entry[320];
		size_t len = 0;
		bool usable = false;
		rc = file_entry(&usable, entry, sizeof(entry), &len, w,
				git_commit_tree_id(c), name + 6);
		if (rc < 0 || usable) {
			if (rc == 0 && len >= 20) {
				memcpy(out, entry + len - 20, 20);
				*exists = true;
			}
			git_commit_free(c);
			return rc;
		}
	}
	grc = git_commit_tree(&t, c);
	if (grc < 0) {
		rc = sl_repo__error(grc, "cannot read commit %.12s", hex);
		goto done;
	}
	sl_buf_printf(&path, SL_SHEET_DIR "/%s", name);
	if (sl_buf_oom(&path)) {
		rc = sl_error_oom();
		goto done;
	}
	if (git_tree_entry_bypath(&e, t, path.ptr) == 0) {
		memcpy(out, git_tree_entry_id(e)->id, 20);
		*exists = true;
	}
	git_error_clear();
done:
	sl_buf_dispose(&path);
	git_tree_entry_free(e);
	git_tree_free(t);
	git_commit_free(c);
	return rc;
}

int sl_walker_parents(sl_vec *out, sl_walker *w, const char *hex)
{
	git_commit *c = NULL;
	unsigned i, n;
	int rc = sl_repo__commit_lookup(&c, w->repo, hex);
	if (rc < 0)
		return rc;
	n = git_commit_parentcount(c);
	for (i = 0; i < n && rc == 0; i++) {
		char *p = sl_malloc(41);
		if (!p) {
			rc = sl_error_oom();
			break;
		}
		git_oid_tostr(p, 41, git_commit_parent_id(c, i));
		if (sl_vec_push(out, p) < 0) {
			sl_free(p);
			rc = sl_error_oom();
		}
	}
	git_commit_free(c);
	return rc;
}

static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Add name (sheet-relative) to snap as checklist/<name>, the entry mode
 * and id give it (path: scratch). @return 0 or SL_ENOMEM */
static int add_entry(sl_snapshot *snap, sl_buf *path, const char *name,
		     unsigned mode, const unsigned char *id)
{
	sl_buf_clear(path);
	sl_buf_printf(path, SL_SHEET_DIR "/%s", name);
	return sl_buf_oom(path)
		       ? sl_error_oom()
		       : sl_repo__snapshot_add_raw(snap, path->ptr, mode, id);
}

/*
 * The entries of items/ (raw tree id) that names ("items/<leaf>", sorted,
 * others ignored) name, added to snap in the names' order; a name the
 * tree lacks was deleted in this commit. The raw tree is scanned once and
 * each entry looked up among the names: a whole diff of a renumbering
 * commit asks for thousands of a 20,000-entry tree, which libgit2's
 * git_tree parsed whole for each side (a tenth of a cold history).
 */
static int items_entries(sl_snapshot *snap, sl_walker *w, const git_oid *id,
			 const char *const *names, size_t name_count)
{
	const unsigned char *data;
	sl_tree_raw_entry e, *found = NULL;
	sl_buf path = SL_BUF_INIT;
	size_t len, pos = 0, i;
	int rc;

	if (!name_count)
		return 0;
	rc = sl_walk__raw_items(&data, &len, &w->rd, id);
	if (rc == 0 && !(found = sl_calloc(name_count, sizeof(*found))))
		rc = sl_error_oom();
	while (rc == 0 && (rc = sl_tree_raw_next(&e, data, len, &pos)) == 1) {
		const char *const *hit;
		rc = 0;
		sl_buf_clear(&path);
		sl_buf_puts(&path, "items/");
		sl_buf_put(&path, e.name, e.name_len);
		if (sl_buf_oom(&path)) {
			rc = sl_error_oom();
			break;
		}
		hit = bsearch(&(const char *){sl_buf_cstr(&path)}, names,
			      name_count, sizeof(*names), str_cmp);
		if (hit)
			found[hit - names] = e;
	}
	for (i = 0; rc == 0 && i < name_count; i++)
		if (found[i].name)
			rc = add_entry(snap, &path, names[i], found[i].mode,
				       found[i].id);
	sl_free(found);
	sl_buf_dispose(&path);
	return rc;
}

/*
 * The entries side k of sides (sl_walk__compute: 0 the parent's, 1 the
 * commit's) has of the "items/" names, added in the names' order: what
 * items_entries finds of them in that side's tree, without reading it.
 */
static int sides_entries(sl_snapshot *snap, const sl_tree_raw_sides_list *sides,
			 int k, const char *const *names, size_t name_count)
{
	sl_buf path = SL_BUF_INIT;
	size_t i, j = 0;
	int rc = 0;
	for (i = 0; rc == 0 && i < name_count; i++) {
		const sl_tree_raw_sides *s;
		if (strncmp(names[i], "items/", 6))
			continue;
		s = &sides->v[j++];
		if (s->mode[k])
			rc = add_entry(snap, &path, names[i], s->mode[k],
				       s->id[k]);
	}
	sl_buf_dispose(&path);
	return rc;
}

/* Does w hold the sides of e's commit, and are names e's own (the names
 * the sides were computed with, not a caller's selection of them)? */
static bool sides_for(const sl_walker *w, const sl_cache_entry *e,
		      const char *const *names, size_t name_count)
{
	size_t i, n = 0;
	if (!w->sides_valid || memcmp(w->sides_at, e->commit, 20) ||
	    names != (const char *const *)e->names ||
	    name_count != e->name_count)
		return false;
	for (i = 0; i < name_count; i++)
		n += !strncmp(names[i], "items/", 6);
	return n == w->sides.len;
}

/* Commit's snapshot of the names; side (0 the parent, 1 the commit) of
 * sides when not NULL, else its items/ tree, read and listed. */
static int partial_snapshot(sl_snapshot **out, sl_walker *w,
			    const git_oid *commit, const char *const *names,
			    size_t name_count,
			    const sl_tree_raw_sides_list *sides, int side)
{
	git_repository *g = sl_repo__git(w->repo);
	git_commit *c = NULL;
	git_tree *root = NULL, *dir = NULL;
	const git_tree_entry *ce, *se, *ie;
	sl_snapshot *snap = NULL;
	char hex[41];
	int rc = 0, grc;

	*out = NULL;
	git_oid_tostr(hex, sizeof(hex), commit);
	grc = git_commit_lookup(&c, g, commit);
	if (grc == 0)
		grc = git_commit_tree(&root, c);
	if (grc < 0) {
		rc = sl_repo__error(grc, "cannot read commit %.12s", hex);
		goto done;
	}
	rc = sl_snapshot_new_partial(&snap, w->repo, hex, hex);
	if (rc < 0)
		goto done;
	ce = git_tree_entry_byname(root, SL_SHEET_DIR);
	if (!ce || git_tree_entry_type(ce) != GIT_OBJECT_TREE) {
		snap->has_sheet_dir = false;
		goto done;
	}
	grc = git_tree_lookup(&dir, g, git_tree_entry_id(ce));
	if (grc < 0) {
		rc = sl_repo__error(grc, "cannot read tree of %.12s", hex);
		goto done;
	}
	ie = git_tree_entry_byname(dir, "items");
	if (ie && git_tree_entry_type(ie) == GIT_OBJECT_TREE)
		rc = sides ? sides_entries(snap, sides, side, names, name_count)
			   : items_entries(snap, w, git_tree_entry_id(ie),
					   names, name_count);
	se = git_tree_entry_byname(dir, "sheet.json");
	if (rc == 0 && se)
		rc = sl_repo__snapshot_add_entry(
			snap, SL_SHEET_DIR "/sheet.json", se);
done:
	git_tree_free(dir);
	git_tree_free(root);
	git_commit_free(c);
	return sl_repo__snapshot_done(out, snap, rc);
}

int sl_walker_snapshots(sl_snapshot **parent, sl_snapshot **child, sl_walker *w,
			const char *hex, const char *const *names, size_t count)
{
	const sl_cache_entry *e;
	const sl_tree_raw_sides_list *sides;
	sl_snapshot *a = NULL, *b = NULL;
	git_oid oid, p;
	int rc;

	*parent = *child = NULL;
	rc = sl_walker_entry(&e, w, hex);
	if (rc < 0)
		return rc;
	git_oid_fromraw(&oid, e->commit);
	sides = sides_for(w, e, names, count) ? &w->sides : NULL;
	if (sides)
		w->sides_used += (e->flags & SL_CACHE_ROOT) ? 1 : 2;
	/* The child first: walking backwards, its items tree is the one most
	 * likely still among the reader's two raw trees. */
	rc = partial_snapshot(&b, w, &oid, names, count, sides, 1);
	if (rc == 0 && !(e->flags & SL_CACHE_ROOT)) {
		git_oid_fromraw(&p, e->parent);
		rc = partial_snapshot(&a, w, &p, names, count, sides, 0);
	}
	if (rc < 0) {
		sl_snapshot_free(a);
		sl_snapshot_free(b);
		return rc;
	}
	*parent = a;
	*child = b;
	return 0;
}
