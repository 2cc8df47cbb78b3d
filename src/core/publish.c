/*
 * publish.c: a new edition in one step that either happens completely or
 * not at all. Objects (blob, trees, commit, tag) are invisible until a ref
 * names them, so they are all written first; then the visible steps run
 * in order, each with its undo:
 *   1. sheet.json in the working tree     undo: the old bytes, atomically
 *   2. the index (.git/index)             undo: the old bytes, atomically
 *   3. the branch ref, moved only if it still points where it did
 *                                          undo: moved back (or deleted)
 *   4. refs/tags/edition/NAME, created only if absent
 * A failure at step k undoes steps k-1 .. 1.
 */
#include "publish.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "buf.h"
#include "repo_edition.h"
#include "error.h"
#include "fs.h"
#include "json.h"
#include "lint.h"
#include "load.h"
#include "repo_status.h"
#include "publish_approval.h"
#include "repo_write.h"
#include "sheet.h"
#include "repo_snapshot.h"

#define SHEET_JSON SL_SHEET_DIR "/sheet.json"

static int fail_at_step;

void sl_publish__fail_at(int step)
{
	fail_at_step = step;
}

static int injected(int step)
{
	if (fail_at_step != step)
		return 0;
	return sl_error_set(SL_EIO,
			    "simulated failure at publish step %d "
			    "(test hook)",
			    step);
}

/* Refuse tracked changes outside checklist/ (staged or not): the commit
 * is the sheet's, and must not carry or hide other work. Untracked files
 * are not changes and are left alone. */
static int check_outside(sl_repo *repo)
{
	char *path = NULL;
	int rc = sl_repo_change_outside(&path, repo, SL_SHEET_DIR);
	if (rc == 0 && path)
		rc = sl_error_set(SL_EINVALID,
				  "the working tree has changes outside "
				  "%s/: %s (commit or stash them first)",
				  SL_SHEET_DIR, path);
	sl_free(path);
	return rc;
}

/* The edition is well formed, new, and newer than the newest. */
static int check_edition(sl_publish_result *res, sl_repo *repo,
			 const char *name)
{
	sl_edition_list list = SL_EDITION_LIST_INIT;
	char ref[300];
	int rc;
	if (!sl_edition_name_is_valid(name))
		return sl_error_set(SL_EUSAGE,
				    "invalid edition name '%s' (expected "
				    "YYYY-MM or YYYY-MM-DD)",
				    name);
	snprintf(ref, sizeof(ref), "refs/tags/%s", res->tag);
	if (sl_repo_ref_exists(repo, ref))
		return sl_error_set(SL_EINVALID,
				    "edition %s exists already (%s)", name,
				    ref);
	rc = sl_edition_list_load(&list, repo);
	if (rc < 0)
		return rc;
	if (list.count) {
		const char *newest = list.items[list.count - 1].name;
		snprintf(res->previous, sizeof(res->previous), "%s", newest);
		if (sl_edition_find(&list, name))
			rc = sl_error_set(SL_EINVALID,
					  "edition %s exists already", name);
		else if (strcmp(name, newest) <= 0)
			rc = sl_error_set(SL_EINVALID,
					  "edition %s is not newer than the "
					  "newest edition, %s",
					  name, newest);
	}
	sl_edition_list_dispose(&list);
	return rc;
}

/* Lint the working tree: errors stop the publication. */
static int check_lint(sl_diag_list *diags, sl_repo *repo)
{
	sl_snapshot *snap = NULL;
	sl_sheet *sheet = NULL;
	int rc = sl_snapshot_open(&snap, repo, SL_SNAP_WORKTREE, NULL,
				  "WORKTREE");
	if (rc == 0)
		rc = sl_load_sheet(&sheet, diags, snap);
	if (rc == 0)
		rc = sl_lint_structure(diags, sheet, snap);
	if (rc == 0)
		rc = sl_lint_notation(diags, sheet, snap);
	sl_sheet_free(sheet);
	sl_snapshot_free(snap);
	if (rc == 0)
		sl_diag_sort(diags);
	if (rc == 0 && diags->errors)
		rc = sl_error_set(
			SL_EINVALID,
			"%zu lint error%s: fix them before publishing "
			"(sheetlog review lists them)",
			diags->errors, diags->errors == 1 ? "" : "s");
	return rc;
}

/* Does the note on the as-of date name the edition's month ("2023年10月")?
 * The note is prose, so publish does not rewrite it; it says when it
 * looks stale. */
static bool note_names(const char *note, const char *edition)
{
	char want[32];
	snprintf(want, sizeof(want), "%.4s年%d月", edition, atoi(edition + 5));
	return !note || strstr(note, want) != NULL;
}

/* sheet.json with as_of set to the edition, canonical. */
static int new_sheet_json(sl_buf *out, bool *note_stale, const sl_buf *old,
			  const char *path, const char *edition)
{
	sl_diag_list d = SL_DIAG_LIST_INIT;
	sl_sheet_meta meta;
	int rc = sl_json_parse_meta(&meta, &d, path, old->ptr, old->len);
	if (rc == 0 && d.errors)
		rc = sl_diag_first_error(&d); /* lint passed: not reached */
	if (rc == 0)
		*note_stale = !note_names(meta.as_of_note, edition);
	if (rc == 0) {
		sl_free(meta.as_of);
		meta.as_of = sl_strdup(edition);
		rc = meta.as_of ? sl_json_dump_meta(out, &meta)
				: sl_error_oom();
		sl_sheet_meta_dispose(&meta);
	}
	sl_diag_list_dispose(&d);
	return rc;
}

typedef struct state {
	sl_repo_txn *txn; /* owned; the repository writes */
	char *sheet_path; /* owned; absolute path of sheet.json */
	sl_buf old_sheet; /* sheet.json before */
	sl_buf new_sheet; /* sheet.json after */
	int done;         /* visible steps completed */
} state;

static void state_dispose(state *s)
{
	sl_repo_txn_free(s->txn);
	sl_free(s->sheet_path);
	sl_buf_dispose(&s->old_sheet);
	sl_buf_dispose(&s->new_sheet);
}

static int step_sheet(state *s)
{
	int rc = injected(1);
	if (rc == 0)
		rc = sl_fs_write_atomic(s->sheet_path, s->new_sheet.ptr,
					s->new_sheet.len);
	return rc;
}

/* Re-stage sheet.json from the file just written, so the index records
 * its stat data and the file does not look modified. */
static int step_index(state *s)
{
	int rc = injected(2);
	if (rc == 0)
		rc = sl_repo_txn_update_index(s->txn, SHEET_JSON);
	return rc;
}

static int step_branch(state *s, const char *edition)
{
	char msg[128];
	int rc = injected(3);
	if (rc < 0)
		return rc;
	snprintf(msg, sizeof(msg), "sheetlog publish: edition %s", edition);
	return sl_repo_txn_move_branch(s->txn, msg);
}

static int step_tag(state *s, const char *tag_name)
{
	int rc = injected(4);
	return rc < 0 ? rc : sl_repo_txn_create_tag(s->txn, tag_name);
}

/* Undo the completed visible steps, newest first. @return false when
 * something could not be undone. */
static bool rollback(state *s)
{
	bool clean = true;
	if (s->done >= 3)
		clean &= sl_repo_txn_undo_branch(s->txn);
	if (s->done >= 2)
		clean &= sl_repo_txn_undo_index(s->txn);
	else
		sl_repo_txn_forget_staging(s->txn);
	if (s->done >= 1)
		clean &= sl_fs_write_atomic(s->sheet_path, s->old_sheet.ptr,
					    s->old_sheet.len) == 0;
	return clean;
}

void sl_publish_result_dispose(sl_publish_result *res)
{
	sl_repo_changes_free(&res->files);
}

int sl_publish(sl_publish_result *res, sl_diag_list *diags, sl_repo *repo,
	       const sl_publish_options *opts)
{
	state s;
	const char *workdir = sl_repo_workdir(repo);
	sl_buf msg = SL_BUF_INIT, trailers = SL_BUF_INIT;
	bool required = false;
	int rc;

	memset(res, 0, sizeof(*res));
	memset(&s, 0, sizeof(s));
	if (!workdir)
		return sl_error_set(SL_EREPO,
				    "cannot publish in a bare repository");
	snprintf(res->tag, sizeof(res->tag), "edition/%s", opts->edition);
	rc = sl_repo_txn_new(&s.txn, repo);
	if (rc == 0) {
		const char *b = sl_repo_txn_branch(s.txn);
		if (!strncmp(b, "refs/heads/", 11))
			b += 11;
		snprintf(res->branch, sizeof(res->branch), "%s", b);
		rc = check_edition(res, repo, opts->edition);
	}
	if (rc == 0)
		rc = check_lint(diags, repo);
	if (rc == 0)
		rc = check_outside(repo);
	if (rc == 0)
		rc = sl_publish__approvals(&trailers, &required, diags, repo);
	if (rc == 0 && diags->errors)
		rc = sl_error_set(SL_EINVALID,
				  "%zu pending change%s lack%s a valid "
				  "approval (git config "
				  "sheetlog.requireApproval is true; sheetlog "
				  "approve records one)",
				  diags->errors, diags->errors == 1 ? "" : "s",
				  diags->errors == 1 ? "s" : "");
	if (rc == 0) {
		s.sheet_path = sl_fs_join(workdir, SHEET_JSON);
		rc = s.sheet_path ? sl_repo_txn_save_index(s.txn)
				  : sl_error_oom();
	}
	if (rc == 0)
		rc = sl_fs_read(&s.old_sheet, s.sheet_path);
	if (rc == 0)
		rc = new_sheet_json(&s.new_sheet, &res->note_stale,
				    &s.old_sheet, SHEET_JSON, opts->edition);
	if (rc == 0)
		rc = sl_repo_identity(res->author, sizeof(res->author), repo);
	if (rc == 0) {
		if (opts->message)
			sl_buf_puts(&msg, opts->message);
		else
			sl_buf_printf(&msg, "Publish the %s edition",
				      opts->edition);
		sl_buf_putc(&msg, '\n');
		/* The approvals relied on, as git trailers. */
		if (trailers.len) {
			sl_buf_putc(&msg, '\n');
			sl_buf_put(&msg, trailers.ptr, trailers.len);
		}
		res->approvals_required = required;
		for (size_t k = 0; k < trailers.len; k++)
			res->approvals += trailers.ptr[k] == '\n';
		if (sl_buf_oom(&msg) || sl_buf_oom(&trailers))
			rc = sl_error_oom();
	}
	/* A dry run lists what the commit would record, and stops. */
	if (rc == 0 && opts->dry_run)
		rc = sl_repo_changes_since_head(&res->files, repo, SL_SHEET_DIR,
						SHEET_JSON, s.new_sheet.ptr,
						s.new_sheet.len);
	if (rc < 0 || opts->dry_run)
		goto done;
	/* Objects are invisible until a ref names them: all written first. */
	rc = sl_repo_txn_write_objects(s.txn, SL_SHEET_DIR, SHEET_JSON,
				       s.new_sheet.ptr, s.new_sheet.len,
				       msg.ptr, res->tag);
	if (rc == 0 && (rc = step_sheet(&s)) == 0)
		s.done = 1;
	if (rc == 0 && (rc = step_index(&s)) == 0)
		s.done = 2;
	if (rc == 0 && (rc = step_branch(&s, opts->edition)) == 0)
		s.done = 3;
	if (rc == 0 && (rc = step_tag(&s, res->tag)) == 0)
		s.done = 4;
	if (rc < 0) {
		/* The first error is the one to report; undoing must not
		 * overwrite it, unless the undo failed too. */
		sl_error first = *sl_error_last();
		if (rollback(&s)) {
			/* A clean rollback sets no error: the record is
			 * still the failure, locations included. */
			sl_error_wrap("%s (nothing was changed)",
				      first.message);
		} else {
			rc = sl_error_set(SL_EIO,
					  "%s; undoing it failed too: check "
					  "%s, the index and %s",
					  first.message, SHEET_JSON,
					  sl_repo_txn_branch(s.txn));
		}
		goto done;
	}
	sl_repo_txn_commit_id(s.txn, res->commit);
done:
	sl_buf_dispose(&msg);
	sl_buf_dispose(&trailers);
	state_dispose(&s);
	return rc;
}
