/*
 * approve.h: `sheetlog approve`: record that the current git identity
 * approved the pending change of items (or re-checked unchanged ones,
 * --confirm), bound to their content now. The policy (what is pending,
 * who may approve) is here; the records and their store are approval.h's.
 */
#ifndef SL_APPROVE_H
#define SL_APPROVE_H

#include <stdbool.h>
#include <stddef.h>

#include "approval.h"
#include "buf.h"
#include "repo.h"
#include "vec.h"

typedef struct sl_approve_options {
	const char *const *items; /* ids (or "sheet"), count of them */
	size_t count;
	bool all;            /* every pending change this person may approve */
	bool confirm;        /* re-checked unchanged answers (kind confirm) */
	const char *message; /* -m, or NULL */
	const char *base;    /* the review's base (NULL: the newest edition) */
} sl_approve_options;

/*
 * Decide what to approve, writing nothing. The records to write go to
 * *recorded (owned sl_approval pointers; free with
 * sl_approve_recorded_free); with --all, the changes left out (the
 * approver's own, or not owned by them) are described one per line in
 * skipped. Named items are all or nothing: any refusal records none.
 * Two steps so that a caller can prepare everything it will say about
 * the records (which allocates) before they are written: after the
 * write there is nothing left to fail.
 * @return 0, SL_ENOTFOUND (unknown item, no edition), SL_EINVALID (no
 * pending change, a pending change with --confirm, the approver's own
 * change, not an owner, nothing to approve, no git identity), SL_EREPO,
 * SL_EIO or SL_ENOMEM
 */
int sl_approve_plan(sl_vec *recorded, sl_buf *skipped, sl_repo *repo,
		    const sl_approve_options *o);
/* Write the planned records, in one compare-and-swap update of the
 * approvals ref. @return 0, SL_EINVALID (no git identity), SL_EREPO,
 * SL_EIO or SL_ENOMEM; on failure nothing is recorded */
int sl_approve_record(sl_repo *repo, const sl_vec *recorded);
void sl_approve_recorded_free(sl_vec *recorded);

#endif
