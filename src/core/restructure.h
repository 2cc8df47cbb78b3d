/*
 * restructure.h: structural edits of a section in one step: insert a new
 * item, remove one, move one to another position, renumbering the rest
 * of the section (default) or leaving gaps. A plan is computed on the
 * loaded working-tree sheet first (pure: which files get which bytes),
 * then checked against the working tree's unstaged changes, then applied
 * all or nothing (every file staged beside its target before the first
 * rename). Renamed files keep every byte but the ids (and, for a move to
 * another section, "section" and an inherited "scope"), so `sheetlog
 * diff` reads the result as added / removed / renumbered.
 * docs/spreadsheets.md ("Structural edits") documents the commands.
 */
#ifndef SL_RESTRUCTURE_H
#define SL_RESTRUCTURE_H

#include <stdbool.h>
#include <stddef.h>

#include "repo.h"
#include "repo_snapshot.h"
#include "sheet.h"

typedef enum sl_restructure_kind {
	SL_RESTRUCTURE_INSERT,
	SL_RESTRUCTURE_REMOVE,
	SL_RESTRUCTURE_MOVE,
} sl_restructure_kind;

typedef struct sl_restructure_options {
	sl_restructure_kind kind;
	const char *id;       /* INSERT: the new item's id, SECTION-POSITION
			       * ("2-6"; NULL with after); REMOVE, MOVE: the
			       * item */
	const char *after;    /* INSERT: the new item goes right after this
			       * item, or NULL */
	const char *to;       /* MOVE: the id the item takes */
	bool renumber;        /* shift the rest of the section to make room
			       * or close the gap; false: leave gaps, and
			       * the target id must be free */
	const char *category; /* INSERT: the new item's fields (borrowed);  */
	const char *question; /* NULL: category absent, question and answer */
	const char *answer;   /* empty (lint's empty-text flags them) */
} sl_restructure_options;

#define SL_RESTRUCTURE_OPTIONS_INIT                                        \
	{                                                                  \
		SL_RESTRUCTURE_INSERT, NULL, NULL, NULL, true, NULL, NULL, \
			NULL                                               \
	}

/* One item the edit touches. */
typedef struct sl_restructure_change {
	char *old_id; /* owned; NULL for the inserted item */
	char *new_id; /* owned; NULL for the removed item */
} sl_restructure_change;

typedef struct sl_restructure_plan sl_restructure_plan;

/*
 * Plan an edit of sheet (loaded from snap, the working tree, without
 * parse errors). Ids to renumber are SECTION-NUMBER ids of the section
 * (other ids stay as they are).
 * new: *out, free with sl_restructure_plan_free.
 * @return 0, SL_EUSAGE (a bad position, an unknown item, nothing to do),
 * SL_EINVALID (the target is taken with gaps kept, a file would clobber
 * another) or SL_ENOMEM
 */
int sl_restructure_plan_new(sl_restructure_plan **out, const sl_sheet *sheet,
			    const sl_snapshot *snap,
			    const sl_restructure_options *opts);
void sl_restructure_plan_free(sl_restructure_plan *plan);

/* The changes, in the new natural id order (a removed item at its old
 * place). borrowed: valid until sl_restructure_plan_free. */
size_t sl_restructure_change_count(const sl_restructure_plan *plan);
const sl_restructure_change *
sl_restructure_change_at(const sl_restructure_plan *plan, size_t i);
/* Files the plan writes and deletes. */
size_t sl_restructure_files_written(const sl_restructure_plan *plan);
size_t sl_restructure_files_removed(const sl_restructure_plan *plan);

/*
 * Refuse when a file the plan touches has unstaged changes (modified or
 * deleted in the working tree against the index; for the removed item's
 * file, also untracked, since its bytes would be gone): the message names
 * the file. @return 0, SL_EINVALID (conflicting changes), SL_EREPO or
 * SL_ENOMEM
 */
int sl_restructure_check_worktree(const sl_restructure_plan *plan,
				  sl_repo *repo);

/*
 * Apply the plan under workdir (the repository's working directory):
 * every new file is written and synced to a temp file beside its target
 * first, and a failure there changes nothing; then the temp files are
 * renamed into place and the files no item holds any more are removed.
 * A failure among the renames undoes the ones made (the old bytes are
 * in the plan). @return 0, SL_EIO or SL_ENOMEM
 */
int sl_restructure_apply(sl_restructure_plan *plan, const char *workdir);

#endif
