/*
 * review.h: the review of pending edits before a new edition goes out.
 * Everything changed from a base (by default the newest edition) to the
 * working tree, committed, staged and unstaged edits alike; where each
 * change stands (committed since the base, staged, unstaged); and the lint
 * findings that concern it. A review with lint errors cannot be published.
 */
#ifndef SL_REVIEW_H
#define SL_REVIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "diff.h"
#include "repo.h"
#include "repo_rev.h"
#include "vec.h"

/* Where an edit stands; a change may carry several (edited, committed,
 * then edited again without staging). */
#define SL_REVIEW_COMMITTED 1u /* differs between the base and HEAD */
#define SL_REVIEW_STAGED 2u    /* differs between HEAD and the index */
#define SL_REVIEW_UNSTAGED 4u  /* differs between the index and the files */

typedef struct sl_review_entry {
	const sl_change *change; /* borrowed from the review's diff */
	unsigned state;          /* SL_REVIEW_* bits */
	sl_vec diags;            /* borrowed sl_diag pointers: this item's */
} sl_review_entry;

typedef struct sl_review {
	sl_rev base;            /* the base revision (an edition by default) */
	sl_rev target;          /* WORKTREE */
	char head[41];          /* HEAD's commit, "" in an empty repository */
	sl_diff *diff;          /* owned; base -> working tree */
	sl_review_entry *items; /* owned; one per change, diff order */
	size_t count;
	/* Findings: every error of the working tree, and the warnings the
	 * edits brought into the changed items. Owned; sorted. */
	sl_diag_list diags;
	sl_vec general; /* borrowed: findings not tied to a changed item */
	/* Warnings of changed items that their base version already had:
	 * counted, not listed. */
	size_t inherited_warnings;
	bool sheet_changed; /* sheet.json differs from the base */
	/* private: the sheets the diff borrows */
	struct sl_sheet *old_sheet, *new_sheet;
} sl_review;

/*
 * Review the working tree against base_expr (a revision; NULL: the newest
 * edition). new: *out, free with sl_review_free. The review succeeds
 * with lint errors in it (they are findings).
 * @return 0, SL_ENOTFOUND (no edition yet and no base given, unknown
 * revision), SL_EINVALID (the base itself does not load), SL_EREPO,
 * SL_EIO or SL_ENOMEM
 */
int sl_review_compute(sl_review **out, sl_repo *repo, const char *base_expr);
void sl_review_free(sl_review *review);

#endif
