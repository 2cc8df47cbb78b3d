/*
 * history.h: what happened to one item over time (history, show; blame.h
 * and log.h build on it). Built on the
 * walker (repo_walk.h: which commits touched which files, cached) and on the
 * diff model (diff.h: matching, renumbering, field diffs), so an item is
 * followed through renumbering: the history of 2-4 continues as 2-3
 * before a shift.
 */
#ifndef SL_HISTORY_H
#define SL_HISTORY_H

#include <stdbool.h>
#include <stdint.h>

#include "diff.h"
#include "repo_commit.h"
#include "repo_rev.h"
#include "repo_walk.h"
#include "vec.h"

typedef struct sl_history_options {
	bool all_parents;    /* also the commits of merged branches */
	bool committer_date; /* dates are commit dates, not author dates */
	bool has_since;      /* report only steps at or after since */
	int64_t since;       /* epoch seconds */
	bool has_until;      /* report only steps at or before until */
	int64_t until;
	bool editions; /* one step per edition instead of per commit */
	sl_walk_options walk;
} sl_history_options;

#define SL_HISTORY_OPTIONS_INIT                                               \
	{                                                                     \
		false, false, false, 0, false, 0, false, SL_WALK_OPTIONS_INIT \
	}

/* One revision at which the item changed. */
typedef struct sl_history_step {
	char *rev;      /* owned; commit id, or WORKTREE / INDEX, or
			 * an edition name in editions mode */
	bool is_commit; /* info is valid */
	sl_commit info; /* the commit (zeroed otherwise) */
	int64_t time;   /* author or committer time, per options */
	int offset_min; /* its time zone */
	char *edition;  /* owned; the edition this revision is, or NULL */
	sl_diff *diff;  /* owned; the diff that holds change */
	const sl_change *change; /* borrowed from diff: the item's change */
	bool merge;              /* the commit has several parents */
	bool resolution;         /* a merge whose result differs from every
				  * parent: the merge resolved the item */
	/* owned; the first edition that contains the commit (the one that
	 * published it), or NULL: unpublished, or not a commit */
	char *published_in;
	/* owned; the newest edition before the commit (the one it was made
	 * after), or NULL */
	char *after_edition;
	/* The step brings the item in under a number that held another item
	 * just before: a replaced number (status replaced: the old item was
	 * withdrawn), or an addition while the old item of the number moved
	 * to another number (old_moved_to). */
	bool reused;
	char *old_moved_to; /* owned; that old item's new id, or NULL */
} sl_history_step;

typedef struct sl_history {
	char *item;        /* owned; the id asked for */
	char *start;       /* owned; the revision the walk started from */
	sl_vec steps;      /* sl_history_step pointers, newest first */
	bool truncated;    /* the walk stopped at a shallow boundary */
	char boundary[41]; /* that boundary commit */
	size_t commits;    /* commits walked */
} sl_history;

/* Debugging and tests (SL_HISTORY_WHOLE=1): each step keeps the whole
 * diff of its commit, the path that following the item's own pair
 * (through the walker's cached pairings) replaces. Outputs are the same
 * bytes either way. */
void sl_history_set_whole_diffs(bool on);

/*
 * The history of item as of start, newest first. An item absent at start
 * is looked up as the item that last held the id (its removal is the
 * first step). new: *out. @return 0, SL_ENOTFOUND (the id never existed
 * in this history), SL_EREPO, SL_EINVALID or SL_ENOMEM
 */
int sl_history_item(sl_history **out, sl_repo *repo, const sl_rev *start,
		    const char *item, const sl_history_options *opts);
void sl_history_free(sl_history *h);

#endif
