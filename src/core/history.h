/*
 * history.h: what happened to one item over time (history, show, blame),
 * and to the whole sheet commit by commit (log, audit). Built on the
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
#include "repo_rev.h"
#include "vec.h"
#include "repo_walk.h"

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
	char *rev;           /* owned; commit id, or WORKTREE / INDEX, or
			      * an edition name in editions mode */
	bool is_commit;      /* info is valid */
	sl_commit_info info; /* the commit (zeroed otherwise) */
	int64_t time;        /* author or committer time, per options */
	int offset_min;      /* its time zone */
	char *edition;       /* owned; the edition this revision is, or NULL */
	sl_diff *diff;       /* owned; the diff that holds change */
	const sl_change *change; /* borrowed from diff: the item's change */
	bool merge;              /* the commit has several parents */
	bool resolution;         /* a merge whose result differs from every
				  * parent: the merge resolved the item */
} sl_history_step;

typedef struct sl_history {
	char *item;        /* owned; the id asked for */
	char *start;       /* owned; the revision the walk started from */
	sl_vec steps;      /* sl_history_step pointers, newest first */
	bool truncated;    /* the walk stopped at a shallow boundary */
	char boundary[41]; /* that boundary commit */
	size_t commits;    /* commits walked */
} sl_history;

/*
 * The history of item as of start, newest first. An item absent at start
 * is looked up as the item that last held the id (its removal is the
 * first step). new: *out. @return 0, SL_ENOTFOUND (the id never existed
 * in this history), SL_EREPO, SL_EINVALID or SL_ENOMEM
 */
int sl_history_item(sl_history **out, sl_repo *repo, const sl_rev *start,
		    const char *item, const sl_history_options *opts);
void sl_history_free(sl_history *h);

/* Blame: which step gave each field, or each run of a field's text, its
 * current value. */
typedef struct sl_blame_field {
	const char *field;           /* borrowed: field name */
	const char *value;           /* borrowed: current value */
	const sl_history_step *step; /* borrowed; NULL beyond a shallow
				      * boundary */
} sl_blame_field;

typedef struct sl_blame_run {
	size_t off;                  /* bytes into the current text */
	size_t len;                  /* bytes */
	const sl_history_step *step; /* borrowed; NULL beyond the boundary */
} sl_blame_run;

typedef struct sl_blame {
	sl_history *history;    /* owned: the full history (no filters) */
	const sl_item *item;    /* borrowed from the newest step or snapshot */
	sl_item *owned_item;    /* owned when the item came from a snapshot */
	sl_blame_field *fields; /* owned; id, then the item's fields */
	size_t field_count;
	char *chars_field;  /* owned; field of runs, or NULL */
	sl_blame_run *runs; /* owned; runs over that field's text */
	size_t run_count;
} sl_blame;

/* Blame item at start; with chars_field, also per run of that field's
 * text. new: *out. @return as sl_history_item */
int sl_blame_item(sl_blame **out, sl_repo *repo, const sl_rev *start,
		  const char *item, const char *chars_field,
		  const sl_walk_options *walk);
void sl_blame_free(sl_blame *b);

/* One commit of `sheetlog log` / `audit`. */
typedef struct sl_log_entry {
	sl_commit_info info;
	int64_t time; /* author or committer time, per options */
	int offset_min;
	char *edition; /* owned; the edition this commit is, or NULL */
	sl_diff *diff; /* owned; against the first parent */
	bool merge;
	bool resolution_only; /* all-parents: a merge kept only for the
			       * items it resolved (diff holds those) */
} sl_log_entry;

typedef struct sl_log {
	sl_vec entries; /* sl_log_entry pointers, newest first */
	bool truncated; /* the range reaches past a shallow boundary */
	char boundary[41];
} sl_log;

/*
 * Commits after `from` (exclusive; NULL: from the beginning) up to `to`
 * that changed the sheet, with their diffs. new: *out.
 * @return 0, SL_ENOTFOUND, SL_EREPO, SL_EINVALID or SL_ENOMEM
 */
int sl_log_range(sl_log **out, sl_repo *repo, const char *from, const char *to,
		 const sl_history_options *opts);
void sl_log_free(sl_log *log);

/* The id each item of a log entry has at the end of the range (after
 * later renumberings), or NULL when it was removed later. Computed for
 * every entry by sl_audit_now_ids. borrowed from the map. */
typedef struct sl_audit_ids sl_audit_ids;
int sl_audit_now_ids(sl_audit_ids **out, const sl_log *log);
/* borrowed: the final id of `id` as it stood after entry i, or NULL */
const char *sl_audit_now(const sl_audit_ids *ids, size_t entry, const char *id);
void sl_audit_ids_free(sl_audit_ids *ids);

#endif
