/*
 * log.h: the commits of a range that changed the sheet, each with its
 * diff (sheetlog log), and the ids those items have at the range's end
 * (sheetlog audit).
 */
#ifndef SL_LOG_H
#define SL_LOG_H

#include "history.h"

/* One commit of `sheetlog log` / `audit`. */
typedef struct sl_log_entry {
	sl_commit info;
	int64_t time; /* author or committer time, per options */
	int offset_min;
	char *edition; /* owned; the edition this commit is, or NULL */
	sl_diff *diff; /* owned; against the first parent */
	bool merge;
	bool resolution_only; /* all-parents: a merge kept only for the
			       * items it resolved (diff holds those) */
	/* owned; the first edition that contains the commit, or NULL:
	 * unpublished */
	char *published_in;
	/* owned; the newest edition before the commit, or NULL */
	char *after_edition;
	/* owned, or NULL; per change of diff, in order: the 40-hex blob id
	 * of the item's file after the commit (zeros: removed), the content
	 * an approval names (approval.h) */
	char (*blobs)[41];
	char sheet_blob[41]; /* sheet.json's, zeros when untouched */
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
