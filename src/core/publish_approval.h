/*
 * publish_approval.h: the four-eyes check of publish. With git config
 * sheetlog.requireApproval true, every pending change that is not
 * notation-only needs a valid approval (review_signoff.c: of its content
 * now, not by its author, by an owner when owners are listed). Missing
 * ones are findings, one per change, naming what is missing; the ones
 * relied on become trailers of the edition's commit and tag message:
 *   Sheetlog-Approved: 3-1 53fef6d92f1a by Reviewer Rei <rei@example.org>
 * 2026-12-02T14:21:03+09:00
 */
#ifndef SL_PUBLISH_APPROVAL_H
#define SL_PUBLISH_APPROVAL_H

#include <stddef.h>

#include "buf.h"
#include "diag.h"
#include "repo.h"

/* The trailer key of each approval an edition relied on. */
#define SL_PUBLISH_TRAILER "Sheetlog-Approved"

/*
 * Check (when required) and collect. trailers gets one line per approval
 * relied on; *required says whether the config asks for approvals.
 * @return 0 (findings in diags: errors when an approval is missing),
 * SL_EINVALID (a record that does not parse), SL_EREPO or SL_ENOMEM
 */
int sl_publish__approvals(sl_buf *trailers, bool *required, sl_diag_list *diags,
			  sl_repo *repo);

#endif
