/*
 * repo_edition.h: dated editions of the sheet. An edition is named by
 * sheet.json's as_of ("2022-09"). Edition X resolves to the tag
 * edition/X when it exists, else to the first commit on HEAD's
 * first-parent history in which as_of became X; edits made after it and
 * before the next edition are drafts, not part of X.
 */
#ifndef SL_REPO_EDITION_H
#define SL_REPO_EDITION_H

#include <stdbool.h>
#include <stdint.h>

#include "buf.h"
#include "repo.h"
#include "repo_commit.h"

typedef struct sl_edition {
	char *name;       /* owned; "2022-09" */
	bool tagged;      /* resolved through refs/tags/edition/NAME */
	sl_commit commit; /* owned; the commit the edition resolves to */
} sl_edition;

typedef struct sl_edition_list {
	sl_edition *items; /* owned; oldest first (natural order of names) */
	size_t count;
} sl_edition_list;

#define SL_EDITION_LIST_INIT \
	{                    \
		NULL, 0      \
	}

/*
 * All editions of the repository: edition/ tags, and the as_of
 * transitions of HEAD's first-parent history. An empty repository has
 * none. @return 0, SL_EREPO or SL_ENOMEM
 */
int sl_edition_list_load(sl_edition_list *out, sl_repo *repo);
void sl_edition_list_dispose(sl_edition_list *list);
/* borrowed: the edition named name, or NULL */
const sl_edition *sl_edition_find(const sl_edition_list *list,
				  const char *name);
/* "2022-09, 2023-04" (or "none"): for error messages. */
void sl_edition_names(sl_buf *out, const sl_edition_list *list);

/* True when name looks like an edition (YYYY-MM or YYYY-MM-DD). */
bool sl_edition_name_is_valid(const char *name);

#endif
