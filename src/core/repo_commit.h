/*
 * repo_commit.h: the one record of a commit's metadata that crosses the
 * repository boundary. Ids are 40-hex strings; times are seconds since
 * the epoch with the zone they were made in, as git stores them.
 */
#ifndef SL_REPO_COMMIT_H
#define SL_REPO_COMMIT_H

#include <stddef.h>
#include <stdint.h>

#include "repo.h"

typedef struct sl_signature {
	char *who;      /* owned; "Name <email>" */
	int64_t time;   /* seconds since the epoch */
	int offset_min; /* the zone it was made in, minutes east of UTC */
} sl_signature;

typedef struct sl_commit {
	char id[41];         /* 40-hex commit id; "" when no commit */
	char parent[41];     /* 40-hex first parent, "" for a root commit */
	size_t parent_count; /* number of parents (2+ for merges) */
	sl_signature author;
	sl_signature committer;
	char *summary; /* owned; the message's first paragraph, one line */
} sl_commit;

#define SL_COMMIT_INIT                                      \
	{                                                   \
		"", "", 0, {NULL, 0, 0}, {NULL, 0, 0}, NULL \
	}

/* Release the owned strings and zero the record (NULL-safe fields). */
void sl_commit_dispose(sl_commit *c);

/*
 * Read the commit named by a 40-hex id. On failure *out is zeroed.
 * @return 0, SL_EUSAGE (not a commit id), SL_ENOTFOUND, SL_EREPO or
 * SL_ENOMEM
 */
int sl_commit_load(sl_commit *out, sl_repo *repo, const char *hex);

#endif
