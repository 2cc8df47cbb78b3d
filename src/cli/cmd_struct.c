/*
 * cmd_struct.c: the structural edits `sheetlog insert`, `sheetlog remove`
 * and `sheetlog move` (sl_restructure_*): three option tables, one frame
 * (load the working tree, plan, check unstaged changes, apply, report).
 */
#include <string.h>

#include "cli.h"
#include "cmds.h"
#include "error.h"
#include "load.h"
#include "restructure.h"

/* One id set for the three tables, so struct_run reads any of them. */
enum { O_GAP, O_DRY_RUN, O_TO, O_AFTER, O_QUESTION, O_ANSWER, O_CATEGORY };

/* clang-format off */
#define STRUCT_COMMON_OPTS \
	SL_OPT_FLAG(O_GAP, "gap", 0, \
		    "leave the other numbers as they are (the target must " \
		    "be free); default: renumber the rest of the section"), \
	SL_OPT_FLAG(O_DRY_RUN, "dry-run", 'n', \
		    "list the changes, write nothing")
/* clang-format on */

static const sl_opt insert_opts[] = {
	{O_AFTER, "after", 0, "ID", NULL,
	 "insert right after item ID instead of at a position"},
	{O_QUESTION, "question", 0, "TEXT", NULL,
	 "the new item's question (評価内容; default: empty, which lint "
	 "reports until it is filled in)"},
	{O_ANSWER, "answer", 0, "TEXT", NULL,
	 "the new item's answer (回答内容; default: empty, as --question)"},
	{O_CATEGORY, "category", 0, "TEXT", NULL,
	 "the new item's category (項目; default: none)"},
	STRUCT_COMMON_OPTS,
	SL_OPT_END,
};

static const sl_opt remove_opts[] = {
	STRUCT_COMMON_OPTS,
	SL_OPT_END,
};

static const sl_opt move_opts[] = {
	{O_TO, "to", 0, "ID", NULL,
	 "the id the item takes (required; may be in another section)"},
	STRUCT_COMMON_OPTS,
	SL_OPT_END,
};

#define STRUCT_DESCRIPTION_TAIL                                                \
	"Renamed files keep every byte but the id, so 'sheetlog diff' shows\n" \
	"the edit as added, removed and renumbered items. All files are\n"     \
	"written to temporary files first and then renamed into place: a\n"    \
	"failure changes nothing. Refuses, writing nothing, when a file it\n"  \
	"would touch has unstaged changes (stage or stash them first).\n"      \
	"docs/spreadsheets.md, \"Structural edits\"."

const sl_cmd_spec sl_cmd_insert_spec = {
	"insert",
	"[SECTION-POSITION]",
	"insert a new item, renumbering the rest of the section",
	"Creates checklist/items/SECTION-POSITION.json (or the position after\n"
	"--after ID) with the section's scope and the given texts; the items\n"
	"from that position on move up by one (2-6..2-21 become 2-7..2-22),\n"
	"unless --gap, which needs a free position.\n" STRUCT_DESCRIPTION_TAIL,
	insert_opts,
	0,
	1,
};

const sl_cmd_spec sl_cmd_remove_spec = {
	"remove",
	"ID",
	"remove an item, renumbering the rest of the section",
	"Deletes the item; the items after it in its section move down by one\n"
	"(3-3, 3-4 become 3-2, 3-3), unless --gap, which leaves the hole.\n" STRUCT_DESCRIPTION_TAIL,
	remove_opts,
	1,
	1,
};

const sl_cmd_spec sl_cmd_move_spec = {
	"move",
	"ID --to ID",
	"move an item to another position, renumbering in between",
	"The item takes the id of --to (in its section or another one, whose\n"
	"section field and inherited scope it then takes): the items after its\n"
	"old place move down by one, those from the new place on up by one\n"
	"(move 2-10 --to 2-3: 2-3..2-9 become 2-4..2-10). With --gap the\n"
	"target must be free and nothing else is renumbered.\n" STRUCT_DESCRIPTION_TAIL,
	move_opts,
	1,
	1,
};

static void print_plan(FILE *out, const sl_restructure_plan *plan, bool dry_run)
{
	size_t i, added = 0, removed = 0, renumbered = 0;
	const char *would = dry_run ? "would be " : "";
	for (i = 0; i < sl_restructure_change_count(plan); i++) {
		const sl_restructure_change *ch =
			sl_restructure_change_at(plan, i);
		if (!ch->old_id) {
			fprintf(out, "added      %s\n", ch->new_id);
			added++;
		} else if (!ch->new_id) {
			fprintf(out, "removed    %s\n", ch->old_id);
			removed++;
		} else {
			fprintf(out, "renumbered %s -> %s\n", ch->old_id,
				ch->new_id);
			renumbered++;
		}
	}
	fprintf(out,
		"%zu added, %zu removed, %zu renumbered: %zu file%s %swritten, "
		"%zu %sremoved\n",
		added, removed, renumbered, sl_restructure_files_written(plan),
		sl_restructure_files_written(plan) == 1 ? "" : "s", would,
		sl_restructure_files_removed(plan), would);
}

static int struct_run(sl_cli_cmd *c, sl_restructure_kind kind)
{
	sl_restructure_options o = SL_RESTRUCTURE_OPTIONS_INIT;
	sl_restructure_plan *plan = NULL;
	sl_rev rev = SL_REV_INIT;
	sl_snapshot *snap = NULL;
	sl_sheet *sheet = NULL;
	sl_diag_list diags = SL_DIAG_LIST_INIT;
	bool dry_run = c->v[O_DRY_RUN].set;
	int rc = 0;

	o.kind = kind;
	o.renumber = !c->v[O_GAP].set;
	o.id = c->npos ? c->pos[0] : NULL;
	if (kind == SL_RESTRUCTURE_INSERT) {
		o.after = c->v[O_AFTER].set ? c->v[O_AFTER].str : NULL;
		o.question = c->v[O_QUESTION].str;
		o.answer = c->v[O_ANSWER].str;
		o.category = c->v[O_CATEGORY].str;
		if (!o.id == !o.after)
			rc = sl_error_set(SL_EUSAGE,
					  "give either SECTION-POSITION or "
					  "--after ID");
	} else if (kind == SL_RESTRUCTURE_MOVE) {
		o.to = c->v[O_TO].set ? c->v[O_TO].str : NULL;
		if (!o.to)
			rc = sl_error_set(SL_EUSAGE,
					  "move needs --to ID (the id the "
					  "item takes)");
	}
	if (rc == 0 && !sl_repo_workdir(c->repo))
		rc = sl_error_set(SL_EREPO,
				  "a bare repository has no working tree");
	if (rc == 0)
		rc = sl_cli_snapshot(c->cli, "WORKTREE", &rev, &snap);
	if (rc == 0 && !snap->has_sheet_dir)
		rc = sl_snapshot_no_dir_error(snap);
	if (rc == 0)
		rc = sl_load_sheet(&sheet, &diags, snap);
	/* Files that do not parse cannot be renumbered safely. */
	if (rc == 0 && diags.errors)
		rc = sl_load_fail(snap, &diags);
	if (rc == 0)
		rc = sl_restructure_plan_new(&plan, sheet, snap, &o);
	if (rc == 0)
		rc = sl_restructure_check_worktree(plan, c->repo);
	/* An allocation that failed quietly on the way must not let a
	 * half-computed plan reach the disk. */
	if (rc == 0)
		rc = sl_cli_alloc_check(c->cli);
	if (rc == 0 && !dry_run)
		rc = sl_restructure_apply(plan, sl_repo_workdir(c->repo));
	if (rc == 0)
		print_plan(c->cli->out, plan, dry_run);
	sl_restructure_plan_free(plan);
	sl_diag_list_dispose(&diags);
	sl_sheet_free(sheet);
	sl_snapshot_free(snap);
	sl_rev_dispose(&rev);
	return rc;
}

int sl_cmd_insert(sl_cli_cmd *c)
{
	return struct_run(c, SL_RESTRUCTURE_INSERT);
}

int sl_cmd_remove(sl_cli_cmd *c)
{
	return struct_run(c, SL_RESTRUCTURE_REMOVE);
}

int sl_cmd_move(sl_cli_cmd *c)
{
	return struct_run(c, SL_RESTRUCTURE_MOVE);
}
