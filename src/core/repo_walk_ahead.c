/*
 * repo_walk_ahead.c: the read-ahead of a cold walk (repo_walk_internal.h).
 * One thread walks down the first-parent line ahead of the walker and
 * computes each commit's entry through its own reader and repository
 * handle, into a bounded queue; the walker takes them in order and puts
 * them into the cache on its own thread. The thread never reports an
 * error: it stops, and the walker computes that commit itself, so the
 * error record the user sees is made on the walker's thread.
 */
#include "repo_walk_internal.h"
#include "repo_internal.h"

#include <git2.h>
#include <string.h>
#include <threads.h>

#include "alloc.h"
#include "error.h"

/*
 * Entries the thread may be ahead. An entry is small (names only, the
 * trees are not kept), and the walker's work per commit is uneven: most
 * commits take it nothing, one whole diff takes it as long as a few
 * hundred entries take the thread. A deep queue lets the thread keep
 * going through those; the bound caps the waste when the walk stops
 * early (those entries still go into the cache).
 */
#define AHEAD_MAX 512

/*
 * Bytes of sides (sl_walk__compute) the queue may hold: a renumbering
 * commit's are thousands of entries, 48 bytes each, and a deep queue of
 * them adds tens of megabytes to the peak (31 MB on the benchmark's cold
 * history, whose whole diffs it makes a quarter faster). Past the budget
 * an entry is computed without; its whole diff, if any, reads the trees
 * again.
 */
#define AHEAD_SIDES_MAX (32u << 20)

typedef struct ahead_item {
	unsigned char commit[20];
	unsigned char parent[20];
	uint32_t flags;
	sl_vec names;                 /* owned strings */
	sl_tree_raw_sides_list sides; /* of the items/ names */
	int rc; /* < 0: computing it failed (the walker recomputes) */
} ahead_item;

struct sl_walk__ahead {
	thrd_t thread;
	mtx_t lock;
	cnd_t changed; /* an item queued or taken, or the thread finished */
	git_repository *git; /* owned; the thread's own handle */
	sl_walk__reader rd;  /* the thread's */
	const sl_cache *cache;
	const unsigned char *shallow; /* borrowed */
	size_t shallow_count;
	unsigned char next[20]; /* the commit the thread computes next */
	bool done;              /* no next: a root, a boundary, a failure */
	bool stop;              /* asked to stop (by the walker) */
	bool finished;          /* the thread has ended */
	ahead_item q[AHEAD_MAX];
	size_t head, count;
	size_t sides_bytes; /* held by the queue's items */
};

static bool is_shallow(const sl_walk__ahead *a, const unsigned char id[20])
{
	size_t i;
	for (i = 0; i < a->shallow_count; i++)
		if (!memcmp(a->shallow + 20 * i, id, 20))
			return true;
	return false;
}

static int ahead_main(void *arg)
{
	sl_walk__ahead *a = arg;
	mtx_lock(&a->lock);
	while (!a->stop && !a->done) {
		const sl_cache_entry *e;
		ahead_item it;
		bool with_sides;
		if (a->count == AHEAD_MAX) {
			cnd_wait(&a->changed, &a->lock);
			continue;
		}
		/* What the walker has already (a walk cached down to here)
		 * is followed, not computed; a boundary ends the line. */
		if (is_shallow(a, a->next)) {
			a->done = true;
			break;
		}
		if ((e = sl_cache_get(a->cache, a->next))) {
			if (e->flags & SL_CACHE_ROOT)
				a->done = true;
			else
				memcpy(a->next, e->parent, 20);
			continue;
		}
		memset(&it, 0, sizeof(it));
		memcpy(it.commit, a->next, 20);
		with_sides = a->sides_bytes < AHEAD_SIDES_MAX;
		mtx_unlock(&a->lock);
		it.rc = sl_walk__compute(it.parent, &it.flags, &it.names,
					 with_sides ? &it.sides : NULL, &a->rd,
					 it.commit);
		if (it.rc < 0) {
			sl_vec_free_all(&it.names);
			sl_tree_raw_sides_dispose(&it.sides);
			sl_error_clear();
		}
		mtx_lock(&a->lock);
		a->sides_bytes += it.sides.cap * sizeof(*it.sides.v);
		a->q[(a->head + a->count) % AHEAD_MAX] = it;
		a->count++;
		if (it.rc < 0 || (it.flags & SL_CACHE_ROOT))
			a->done = true;
		else
			memcpy(a->next, it.parent, 20);
		cnd_broadcast(&a->changed);
	}
	a->finished = true;
	cnd_broadcast(&a->changed);
	mtx_unlock(&a->lock);
	return 0;
}

static void ahead_free(sl_walk__ahead *a)
{
	size_t i;
	for (i = 0; i < a->count; i++) {
		sl_vec_free_all(&a->q[(a->head + i) % AHEAD_MAX].names);
		sl_tree_raw_sides_dispose(
			&a->q[(a->head + i) % AHEAD_MAX].sides);
	}
	sl_walk__reader_dispose(&a->rd);
	git_repository_free(a->git);
	cnd_destroy(&a->changed);
	mtx_destroy(&a->lock);
	sl_free(a);
}

int sl_walk__ahead_start(sl_walk__ahead **out, git_repository *git,
			 sl_cache *cache, const unsigned char start[20],
			 const unsigned char *shallow, size_t shallow_count)
{
	sl_walk__ahead *a;
	*out = NULL;
	a = sl_calloc(1, sizeof(*a));
	if (!a)
		return sl_error_oom();
	if (mtx_init(&a->lock, mtx_plain) != thrd_success) {
		sl_free(a);
		return 0;
	}
	if (cnd_init(&a->changed) != thrd_success) {
		mtx_destroy(&a->lock);
		sl_free(a);
		return 0;
	}
	a->cache = cache;
	a->shallow = shallow;
	a->shallow_count = shallow_count;
	memcpy(a->next, start, 20);
	/* A handle of its own: libgit2's objects and caches are per
	 * repository, not to be shared between threads; its packs are its
	 * own too (sl_repo__git_again). */
	if (sl_repo__git_again(&a->git, git) < 0 ||
	    sl_walk__reader_init(&a->rd, a->git) < 0) {
		git_error_clear();
		sl_error_clear();
		ahead_free(a);
		return 0;
	}
	if (thrd_create(&a->thread, ahead_main, a) != thrd_success) {
		ahead_free(a);
		return 0;
	}
	*out = a;
	return 0;
}

/* Is commit queued, or the one the thread is computing? (Lock held.) */
static bool ahead_has(const sl_walk__ahead *a, const unsigned char c[20])
{
	size_t i;
	for (i = 0; i < a->count; i++)
		if (!memcmp(a->q[(a->head + i) % AHEAD_MAX].commit, c, 20))
			return true;
	return !a->done && !a->stop && !memcmp(a->next, c, 20);
}

int sl_walk__ahead_take(bool *had, size_t *computed,
			sl_tree_raw_sides_list *sides, sl_walk__ahead *a,
			sl_cache *cache, const unsigned char commit[20])
{
	int rc = 0;
	*had = false;
	mtx_lock(&a->lock);
	while (rc == 0 && !*had && ahead_has(a, commit)) {
		ahead_item *it;
		bool mine;
		if (!a->count) {
			cnd_wait(&a->changed, &a->lock);
			continue;
		}
		it = &a->q[a->head];
		a->head = (a->head + 1) % AHEAD_MAX;
		a->count--;
		a->sides_bytes -= it->sides.cap * sizeof(*it->sides.v);
		cnd_broadcast(&a->changed);
		mine = !memcmp(it->commit, commit, 20);
		if (it->rc < 0) {
			/* The walker recomputes it, and reports. */
			a->stop = true;
		} else {
			rc = sl_cache_put(cache, it->commit, it->parent,
					  it->flags,
					  (const char *const *)it->names.items,
					  it->names.len);
			if (rc == 0) {
				(*computed)++;
				*had = mine;
			}
		}
		sl_vec_free_all(&it->names);
		/* Only the commit asked for is diffed next (if at all). */
		if (*had) {
			*sides = it->sides;
			memset(&it->sides, 0, sizeof(it->sides));
		}
		sl_tree_raw_sides_dispose(&it->sides);
		if (mine)
			break;
	}
	mtx_unlock(&a->lock);
	return rc;
}

void sl_walk__ahead_stop(sl_walk__ahead *a, sl_cache *cache)
{
	size_t i;
	if (!a)
		return;
	mtx_lock(&a->lock);
	a->stop = true;
	cnd_broadcast(&a->changed);
	mtx_unlock(&a->lock);
	thrd_join(a->thread, NULL);
	for (i = 0; i < a->count; i++) {
		ahead_item *it = &a->q[(a->head + i) % AHEAD_MAX];
		if (it->rc == 0 &&
		    sl_cache_put(cache, it->commit, it->parent, it->flags,
				 (const char *const *)it->names.items,
				 it->names.len) < 0)
			sl_error_clear(); /* the cache is optional */
	}
	ahead_free(a); /* the queue's names and sides with it */
}

void sl_walk__ahead_lock(sl_walk__ahead *a)
{
	if (a)
		mtx_lock(&a->lock);
}

void sl_walk__ahead_unlock(sl_walk__ahead *a)
{
	if (a)
		mtx_unlock(&a->lock);
}
