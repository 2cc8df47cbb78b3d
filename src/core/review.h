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

#include "approval.h"
#include "diag.h"
#include "diff.h"
#include "repo.h"
#include "repo_rev.h"
#include "owners.h"
#include "vec.h"

/* Where an edit stands; a change may carry several (edited, committed,
 * then edited again without staging). */
#define SL_REVIEW_COMMITTED 1u /* differs between the base and HEAD */
#define SL_REVIEW_STAGED 2u    /* differs between HEAD and the index */
#define SL_REVIEW_UNSTAGED 4u  /* differs between the index and the files */

/* Where a change stands with its approvers (review_signoff.c). */
typedef enum sl_signoff_state {
	SL_SIGNOFF_PENDING,  /* 未承認: no approval of any content */
	SL_SIGNOFF_APPROVED, /* 承認済み: a valid approval of this content */
	SL_SIGNOFF_CHANGED, /* 承認後に変更あり: approved, then edited */
	SL_SIGNOFF_SELF,    /* approved by its own author only */
	SL_SIGNOFF_NOT_OWNER, /* approved by people who do not own it only */
} sl_signoff_state;

/* Who made a change and who approved it. */
typedef struct sl_review_signoff {
	const char *key; /* borrowed; the approval records' item: the new id
			  * (the removed id), or SL_APPROVAL_SHEET */
	sl_vec commits;  /* borrowed sl_commit pointers (the review's): the
			  * commits since the base that changed the
			  * file(s), newest first */
	/* Staged or unstaged edits on top: the commit that carries them
	 * (publish's) is made by the current git identity, its author. */
	bool uncommitted;
	char blob[41]; /* the content now, as a blob id (SL_APPROVAL_REMOVED
			* for a removed item) */
	sl_signoff_state state;
	/* borrowed from the review's approvals: the approval that counts
	 * (APPROVED), else the newest one that does not; NULL for PENDING */
	const sl_approval *approval;
	const sl_owner_rule *owners; /* borrowed; NULL: no owners listed */
} sl_review_signoff;

typedef struct sl_review_entry {
	const sl_change *change;   /* borrowed from the review's diff */
	unsigned state;            /* SL_REVIEW_* bits */
	sl_vec diags;              /* borrowed sl_diag pointers: this item's */
	sl_review_signoff signoff; /* authors, commits, approval */
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
	bool sheet_changed;              /* sheet.json differs from the base */
	bool sheet_uncommitted;          /* ... by staged or unstaged edits */
	sl_review_signoff sheet_signoff; /* sheet.json's, when changed */
	sl_approval_list approvals;      /* owned; every record */
	sl_vec commits;     /* owned sl_commit pointers: base..HEAD that changed
			     * the sheet, newest first (merges left out) */
	sl_owners owners;   /* owned; the working tree's */
	char identity[512]; /* "Name <email>" of git config, "" when none */
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

/* Does a change need an approval before publish (with
 * sheetlog.requireApproval)? Every change but a notation-only one. */
bool sl_review_needs_approval(const sl_review_entry *e);
/* Is who ("Name <email>") an author of the change: of one of its
 * commits, or (uncommitted edits) the current identity? */
bool sl_review_signoff_authored_by(const sl_review_signoff *s,
				   const char *identity, const sl_approval *a);
/* "Name <email>, ..." of the authors of the change's commits into out,
 * each once (uncommitted edits have no author yet: whoever commits them
 * will be; the rules count the current identity). */
void sl_review_signoff_authors(sl_buf *out, const sl_review_signoff *s);

#endif
