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

/*
 * Which edition published each commit, computed once per walk: HEAD's
 * first-parent line is walked once and every commit on it gets the
 * first (oldest) edition at or after it on that line (the edition that
 * published it) and the newest edition before it (the edition it was
 * made after). A commit off that line (a merged branch's, or another
 * branch's) is looked up against the editions' ancestry and remembered.
 */
typedef struct sl_edition_map sl_edition_map;
/* new: *out. @return 0, SL_EREPO or SL_ENOMEM */
int sl_edition_map_load(sl_edition_map **out, sl_repo *repo);
/*
 * borrowed from the map: *published_in, the first edition that contains
 * commit (NULL: unpublished), and *after, the newest edition that is a
 * proper ancestor of it (NULL: none). @return 0 or SL_ENOMEM
 */
int sl_edition_map_lookup(const char **published_in, const char **after,
			  sl_edition_map *map, const char *commit);
void sl_edition_map_free(sl_edition_map *map);

/* True when name looks like an edition (YYYY-MM or YYYY-MM-DD). */
bool sl_edition_name_is_valid(const char *name);

#endif
