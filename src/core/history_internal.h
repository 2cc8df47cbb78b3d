/*
 * history_internal.h: shared by history.c, history_forward.c, blame.c,
 * blame_sheet.c and log.c only.
 */
#ifndef SL_HISTORY_INTERNAL_H
#define SL_HISTORY_INTERNAL_H

#include "history.h"
#include "repo_edition.h"

/* Free a step and all it owns (NULL is fine). */
void sl_history__step_free(sl_history_step *s);

/*
 * The uncommitted step's diff, the same whichever way the history walks:
 * from a (taken: freed on every path; NULL is the empty sheet, before the
 * first commit) to the sheet at to (WORKTREE or INDEX), either side empty
 * allowed. new: *out, NULL on failure.
 * @return as sl_rev_snapshot and sl_diff_snapshots_ex
 */
int sl_history__diff_to(sl_diff **out, sl_snapshot *a, sl_repo *repo,
			const sl_rev *to);

/* True when t is inside the options' --since/--until window. */
bool sl_history__in_window(const sl_history_options *o, int64_t t);

/*
 * Load a commit with the time the options ask for (author's, or the
 * committer's with committer_date) and the edition it is (new: *edition,
 * NULL when none). @return 0, SL_ENOTFOUND, SL_EREPO or SL_ENOMEM
 */
int sl_history__commit(sl_commit *info, int64_t *time, int *offset_min,
		       char **edition, sl_repo *repo,
		       const sl_history_options *opts, const char *commit);

/*
 * The editions that published commit and that it was made after, from a
 * map loaded once per walk (new: *published_in and *after, NULL when
 * none). @return 0 or SL_ENOMEM
 */
int sl_history__published(char **published_in, char **after,
			  sl_edition_map *map, const char *commit);

/*
 * The diff of a commit against its first parent (or the empty sheet for a
 * root commit) over only the named files (sorted, as in a walker entry).
 * new: *out, NULL when count is 0; the summary's unchanged count is 0
 * (unchanged items are not looked at). @return as sl_diff_snapshots
 */
int sl_history__commit_diff_names(sl_diff **out, sl_walker *w,
				  const char *commit, const char *const *names,
				  size_t count);
/* The content each change of a commit's diff left (sheetlog audit's
 * approver columns match approvals by it). */
typedef struct sl_history_blobs {
	char (*items)[41]; /* owned (sl_free); per change of the diff, in
			    * order: the 40-hex blob of its item's file after
			    * the commit, zeros when removed */
	char sheet[41];    /* sheet.json's after the commit, zeros when the
			    * commit did not touch it */
} sl_history_blobs;
/* sl_history__commit_diff_names, and with blobs (optional) each change's
 * content after the commit (new: blobs->items; left alone when count
 * is 0). */
int sl_history__commit_diff_blobs(sl_diff **out, sl_history_blobs *blobs,
				  sl_walker *w, const char *commit,
				  const char *const *names, size_t count);
/* sl_history__commit_diff_blobs over every file the commit's walker
 * entry names. */
int sl_history__commit_diff(sl_diff **out, sl_history_blobs *blobs,
			    sl_walker *w, const char *commit);

#endif
