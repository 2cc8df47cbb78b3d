/*
 * approval.h: approvals of pending changes (four eyes) and confirmations
 * of unchanged answers, as records in the repository (repo_approval.h:
 * one file per record on refs/sheetlog/approvals). A record is bound to
 * the exact content it approved, the blob id of the item's file (or of
 * sheet.json, item "sheet"), so an edit after it leaves it standing for
 * the old content only. This is the API review, publish, history, stale
 * and audit share: load the list once, then ask it.
 */
#ifndef SL_APPROVAL_H
#define SL_APPROVAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "repo.h"

/* The record id of sheet.json's own changes. */
#define SL_APPROVAL_SHEET "sheet"
/* The blob id recorded for an approved removal: the item has no file. */
#define SL_APPROVAL_REMOVED "0000000000000000000000000000000000000000"

typedef enum sl_approval_kind {
	SL_APPROVAL_APPROVE, /* "approve": a pending change was approved */
	SL_APPROVAL_CONFIRM, /* "confirm": an unchanged answer re-checked */
} sl_approval_kind;

typedef struct sl_approval {
	char *item;     /* owned; item id, or SL_APPROVAL_SHEET */
	char blob[41];  /* the content approved, 40 hex */
	char *name;     /* owned; the approver's user.name */
	char *email;    /* owned; user.email */
	int64_t time;   /* seconds since the epoch */
	int offset_min; /* the approver's zone, minutes east of UTC */
	char *message;  /* owned; -m MESSAGE, or NULL */
	sl_approval_kind kind;
} sl_approval;

typedef struct sl_approval_list {
	sl_approval **items; /* owned; oldest first (time, then file name) */
	size_t count;
} sl_approval_list;

#define SL_APPROVAL_LIST_INIT \
	{                     \
		NULL, 0       \
	}

void sl_approval_dispose(sl_approval *a);
/* "approve" / "confirm" */
const char *sl_approval_kind_name(sl_approval_kind kind);

/*
 * Every record on the approvals ref (none when it does not exist).
 * @return 0, SL_EINVALID (a record that does not parse: its file named),
 * SL_EREPO or SL_ENOMEM
 */
int sl_approval_list_load(sl_approval_list *out, sl_repo *repo);
void sl_approval_list_dispose(sl_approval_list *l);

/*
 * Store n records in one atomic write (compare and swap on the ref, so
 * concurrent approvers all land). A record replaces an earlier one of
 * the same item, content, approver and kind.
 * @return 0, SL_EINVALID (no git identity), SL_EREPO or SL_ENOMEM
 */
int sl_approval_record(sl_repo *repo, const sl_approval *const *records,
		       size_t n);

/* The approver of the repository's git identity (user.name,
 * user.email) into a (name, email and time set: now).
 * @return 0, SL_EINVALID (no identity) or SL_ENOMEM */
int sl_approval_identity(sl_approval *a, sl_repo *repo);

/*
 * Is the person who (a "Name <email>" as git prints a signature, a bare
 * email, or a bare name) the approver of a? Emails compare without case,
 * names exactly.
 */
bool sl_approval_is_by(const sl_approval *a, const char *who);

/*
 * Each record of item (optionally only those of content blob, NULL: any)
 * newest first, as borrowed pointers appended to *out (a caller-owned
 * array of max entries). @return the number of records found (may be
 * more than max: only max are stored)
 */
size_t sl_approval_find(const sl_approval **out, size_t max,
			const sl_approval_list *l, const char *item,
			const char *blob);

/* The newest record of item of any kind and content, or NULL. */
const sl_approval *sl_approval_latest(const sl_approval_list *l,
				      const char *item);

/* The record's JSON file (canonical: keys in a fixed order, one trailing
 * newline), and its file name in the store ("<40 hex>.json", a hash of
 * item, content, approver email and kind). @return 0 or SL_ENOMEM */
int sl_approval_dump(sl_buf *out, const sl_approval *a);
int sl_approval_file_name(char out[46], const sl_approval *a);

#endif
