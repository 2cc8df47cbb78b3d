/*
 * publish.h: publishing a new edition. Checks first (edition name, lint,
 * nothing outside checklist/ pending, identity, locks), then: sets as_of
 * in sheet.json, commits the sheet on the current branch with the user's
 * git identity, and tags the commit edition/NAME (annotated). All objects
 * are written before anything visible changes, and each visible step
 * (sheet.json, the index, the branch, the tag) is undone if a later one
 * fails: the repository is left as it was, or published.
 */
#ifndef SL_PUBLISH_H
#define SL_PUBLISH_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "repo.h"
#include "vec.h"

typedef struct sl_publish_options {
	const char *edition; /* "2023-10" (YYYY-MM or YYYY-MM-DD) */
	const char *message; /* commit and tag message; NULL: a default */
	bool dry_run;        /* check everything, change nothing */
} sl_publish_options;

#define SL_PUBLISH_OPTIONS_INIT   \
	{                         \
		NULL, NULL, false \
	}

typedef struct sl_publish_result {
	char commit[41];   /* the new commit ("" on a dry run) */
	char branch[320];  /* "main" (short name of the branch moved) */
	char tag[256];     /* "edition/2023-10" */
	char previous[64]; /* the newest edition before, or "" */
	char author[512];  /* "Name <email>" used */
	/* sheet.json's as_of_note does not name the edition's month
	 * ("2023年10月"): its wording probably needs an update. */
	bool note_stale;
	/* Dry run: the files below checklist/ the commit would record as
	 * changed since HEAD (sheet.json with its new as_of), as
	 * sl_repo_change pointers (repo_status.h) sorted by path; empty
	 * otherwise. Release with sl_publish_result_dispose. */
	sl_vec files;
	/* git config sheetlog.requireApproval was true; the approvals the
	 * edition relied on (Sheetlog-Approved trailers of its message). */
	bool approvals_required;
	size_t approvals;
} sl_publish_result;

/* Release a result's file list (zeroed results are fine). */
void sl_publish_result_dispose(sl_publish_result *res);

/*
 * Publish. Lint findings go to diags; with lint errors nothing is done
 * (SL_EINVALID, and diags->errors > 0). With git config
 * sheetlog.requireApproval true, each pending change lacking a valid
 * approval is an error finding too (publish_approval.h), and the
 * approvals relied on are written into the commit and tag message.
 * @return 0, SL_EUSAGE (bad edition name), SL_EINVALID (lint errors, the
 * edition exists or is not newer than the newest, changes outside
 * checklist/, no git identity), SL_EREPO (bare repository, detached HEAD,
 * locked index or ref), SL_EIO or SL_ENOMEM
 */
int sl_publish(sl_publish_result *out, sl_diag_list *diags, sl_repo *repo,
	       const sl_publish_options *opts);

/*
 * Test hook (as sl_fs_fail_write_after): make the publish step numbered
 * `step` fail as if its write had failed, to prove the rollback of the
 * steps before it. Steps: 1 sheet.json, 2 index, 3 branch, 4 tag. 0 (the
 * default) disables the hook.
 */
void sl_publish__fail_at(int step);

#endif
