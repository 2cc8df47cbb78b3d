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

#include <git2.h>
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
#include "repo_internal.h"
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

/* The branch HEAD is on and where it points (unborn: *born false). */
static int head_branch(char *ref, size_t ref_size, git_oid *tip, bool *born,
		       git_repository *g)
{
	git_reference *head = NULL;
	int grc = git_reference_lookup(&head, g, "HEAD"), rc = 0;
	if (grc < 0)
		return sl_repo__error(grc, "cannot read HEAD");
	if (git_reference_type(head) != GIT_REFERENCE_SYMBOLIC) {
		git_reference_free(head);
		return sl_error_set(SL_EREPO,
				    "HEAD is detached: check out the branch "
				    "the edition is published on");
	}
	snprintf(ref, ref_size, "%s", git_reference_symbolic_target(head));
	git_reference_free(head);
	grc = git_reference_name_to_id(tip, g, ref);
	*born = grc == 0;
	if (grc < 0 && grc != GIT_ENOTFOUND)
		rc = sl_repo__error(grc, "cannot read %s", ref);
	git_error_clear();
	return rc;
}

/* Refuse tracked changes outside checklist/ (staged or not): the commit
 * is the sheet's, and must not carry or hide other work. Untracked files
 * are not changes and are left alone. */
static int check_outside(git_repository *g)
{
	git_status_options o;
	git_status_list *list = NULL;
	size_t i, n;
	int grc, rc = 0;
	git_status_options_init(&o, GIT_STATUS_OPTIONS_VERSION);
	o.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR;
	o.flags = GIT_STATUS_OPT_EXCLUDE_SUBMODULES;
	grc = git_status_list_new(&list, g, &o);
	if (grc < 0)
		return sl_repo__error(grc,
				      "cannot read the working tree status");
	n = git_status_list_entrycount(list);
	for (i = 0; i < n && rc == 0; i++) {
		const git_status_entry *e = git_status_byindex(list, i);
		const git_diff_delta *d = e->head_to_index
						  ? e->head_to_index
						  : e->index_to_workdir;
		const char *path;
		if (!d || e->status == GIT_STATUS_CURRENT)
			continue;
		path = d->new_file.path ? d->new_file.path : d->old_file.path;
		if (strncmp(path, SL_SHEET_DIR "/", strlen(SL_SHEET_DIR) + 1))
			rc = sl_error_set(
				SL_EINVALID,
				"the working tree has changes outside "
				"%s/: %s (commit or stash them first)",
				SL_SHEET_DIR, path);
	}
	git_status_list_free(list);
	return rc;
}

/* The edition is well formed, new, and newer than the newest. */
static int check_edition(sl_publish_result *res, sl_repo *repo,
			 const char *name)
{
	sl_edition_list list = SL_EDITION_LIST_INIT;
	git_reference *tag = NULL;
	char ref[300];
	int rc;
	if (!sl_edition_name_is_valid(name))
		return sl_error_set(SL_EUSAGE,
				    "invalid edition name '%s' (expected "
				    "YYYY-MM or YYYY-MM-DD)",
				    name);
	snprintf(ref, sizeof(ref), "refs/tags/%s", res->tag);
	if (git_reference_lookup(&tag, sl_repo__git(repo), ref) == 0) {
		git_reference_free(tag);
		return sl_error_set(SL_EINVALID,
				    "edition %s exists already (%s)", name,
				    ref);
	}
	git_error_clear();
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
	git_repository *g;
	sl_repo *repo;
	git_index *index;     /* the repository's index (borrowed handle) */
	char *sheet_path;     /* owned; absolute path of sheet.json */
	char *index_path;     /* owned; absolute path of .git/index */
	sl_buf old_sheet;     /* sheet.json before */
	sl_buf new_sheet;     /* sheet.json after */
	sl_buf old_index;     /* .git/index before */
	bool had_index;       /* .git/index existed */
	char branch_ref[300]; /* "refs/heads/main" */
	git_oid old_tip;      /* where the branch was */
	bool born;            /* the branch existed */
	git_oid commit, tag;  /* the new objects */
	int done;             /* visible steps completed */
} state;

static void state_dispose(state *s)
{
	sl_free(s->sheet_path);
	sl_free(s->index_path);
	sl_buf_dispose(&s->old_sheet);
	sl_buf_dispose(&s->new_sheet);
	sl_buf_dispose(&s->old_index);
	git_index_free(s->index);
}

/* Stage the sheet as it is on disk, with the new sheet.json, and write
 * the tree, the commit and the annotated tag. Nothing visible changes:
 * the index is modified in memory only. */
static int write_objects(state *s, const git_signature *sig,
			 const char *message, const char *tag_name)
{
	char dir[] = SL_SHEET_DIR;
	char *paths[] = {dir};
	git_strarray spec = {paths, 1};
	git_index_entry e;
	git_oid tree_id;
	git_tree *tree = NULL;
	git_commit *parent = NULL;
	git_object *commit = NULL;
	int grc;

	grc = git_index_read(s->index, 1);
	if (grc == 0)
		grc = git_index_add_all(s->index, &spec, GIT_INDEX_ADD_DEFAULT,
					NULL, NULL);
	if (grc == 0)
		grc = git_index_update_all(s->index, &spec, NULL, NULL);
	if (grc == 0) {
		memset(&e, 0, sizeof(e));
		e.path = SHEET_JSON;
		e.mode = GIT_FILEMODE_BLOB;
		grc = git_index_add_from_buffer(s->index, &e, s->new_sheet.ptr,
						s->new_sheet.len);
	}
	if (grc == 0)
		grc = git_index_write_tree(&tree_id, s->index);
	if (grc == 0)
		grc = git_tree_lookup(&tree, s->g, &tree_id);
	if (grc == 0 && s->born)
		grc = git_commit_lookup(&parent, s->g, &s->old_tip);
	if (grc == 0)
		grc = git_commit_create(&s->commit, s->g, NULL, sig, sig, NULL,
					message, tree, parent ? 1 : 0,
					(const git_commit **)&parent);
	if (grc == 0)
		grc = git_object_lookup(&commit, s->g, &s->commit,
					GIT_OBJECT_COMMIT);
	if (grc == 0)
		grc = git_tag_annotation_create(&s->tag, s->g, tag_name, commit,
						sig, message);
	git_object_free(commit);
	git_commit_free(parent);
	git_tree_free(tree);
	if (grc < 0)
		return sl_repo__error(grc,
				      "cannot write the edition's objects");
	return 0;
}

static int step_sheet(state *s)
{
	int rc = injected(1);
	if (rc == 0)
		rc = sl_fs_write_atomic(s->sheet_path, s->new_sheet.ptr,
					s->new_sheet.len);
	return rc;
}

static int step_index(state *s)
{
	int rc = injected(2), grc = 0;
	/* Re-stage sheet.json from the file just written, so the index
	 * records its stat data and the file does not look modified. */
	if (rc == 0)
		grc = git_index_add_bypath(s->index, SHEET_JSON);
	if (rc == 0 && grc == 0)
		grc = git_index_write(s->index);
	if (rc == 0 && grc < 0)
		rc = sl_repo__error(grc, "cannot write the index");
	return rc;
}

static int step_branch(state *s, const char *edition)
{
	git_reference *ref = NULL;
	char msg[128];
	int rc = injected(3), grc;
	if (rc < 0)
		return rc;
	snprintf(msg, sizeof(msg), "sheetlog publish: edition %s", edition);
	grc = s->born ? git_reference_create_matching(&ref, s->g, s->branch_ref,
						      &s->commit, 1,
						      &s->old_tip, msg)
		      : git_reference_create(&ref, s->g, s->branch_ref,
					     &s->commit, 0, msg);
	git_reference_free(ref);
	if (grc < 0)
		return sl_repo__error(grc, "cannot move %s", s->branch_ref);
	return 0;
}

static int step_tag(state *s, const char *tag_name)
{
	git_reference *ref = NULL;
	char name[300];
	int rc = injected(4), grc;
	if (rc < 0)
		return rc;
	snprintf(name, sizeof(name), "refs/tags/%s", tag_name);
	grc = git_reference_create(&ref, s->g, name, &s->tag, 0, NULL);
	git_reference_free(ref);
	if (grc < 0)
		return sl_repo__error(grc, "cannot create the tag %s",
				      tag_name);
	return 0;
}

/* Undo the completed visible steps, newest first. @return false when
 * something could not be undone. */
static bool rollback(state *s)
{
	git_reference *ref = NULL;
	bool clean = true;
	if (s->done >= 3) {
		int grc;
		if (s->born)
			grc = git_reference_create_matching(
				&ref, s->g, s->branch_ref, &s->old_tip, 1,
				&s->commit, "sheetlog publish: rolled back");
		else if ((grc = git_reference_lookup(&ref, s->g,
						     s->branch_ref)) == 0)
			grc = git_reference_delete(ref);
		git_reference_free(ref);
		clean &= grc == 0;
	}
	if (s->done >= 2) {
		int rc = s->had_index ? sl_fs_write_atomic(s->index_path,
							   s->old_index.ptr,
							   s->old_index.len)
				      : sl_fs_remove(s->index_path);
		clean &= rc == 0;
		if (rc == 0)
			git_index_read(s->index, 1);
	} else {
		/* Forget the in-memory staging. */
		git_index_read(s->index, 1);
	}
	if (s->done >= 1)
		clean &= sl_fs_write_atomic(s->sheet_path, s->old_sheet.ptr,
					    s->old_sheet.len) == 0;
	git_error_clear();
	return clean;
}

int sl_publish(sl_publish_result *res, sl_diag_list *diags, sl_repo *repo,
	       const sl_publish_options *opts)
{
	state s;
	git_signature *sig = NULL;
	const char *workdir = sl_repo_workdir(repo);
	sl_buf msg = SL_BUF_INIT;
	int rc, grc;

	memset(res, 0, sizeof(*res));
	memset(&s, 0, sizeof(s));
	s.g = sl_repo__git(repo);
	s.repo = repo;
	if (!workdir)
		return sl_error_set(SL_EREPO,
				    "cannot publish in a bare repository");
	snprintf(res->tag, sizeof(res->tag), "edition/%s", opts->edition);
	rc = head_branch(s.branch_ref, sizeof(s.branch_ref), &s.old_tip,
			 &s.born, s.g);
	if (rc == 0) {
		const char *b = s.branch_ref;
		if (!strncmp(b, "refs/heads/", 11))
			b += 11;
		size_t n = strlen(b);
		if (n >= sizeof(res->branch))
			n = sizeof(res->branch) - 1;
		memcpy(res->branch, b, n);
		res->branch[n] = '\0';
		rc = check_edition(res, repo, opts->edition);
	}
	if (rc == 0)
		rc = check_lint(diags, repo);
	if (rc == 0)
		rc = check_outside(s.g);
	if (rc == 0) {
		s.index_path = sl_fs_join(git_repository_path(s.g), "index");
		s.sheet_path = sl_fs_join(workdir, SHEET_JSON);
		if (!s.index_path || !s.sheet_path)
			rc = sl_error_oom();
	}
	if (rc == 0 && sl_fs_kind_of(s.index_path) != SL_FS_MISSING) {
		char *lock = NULL;
		sl_buf l = SL_BUF_INIT;
		sl_buf_printf(&l, "%s.lock", s.index_path);
		lock = sl_buf_detach(&l, NULL);
		if (!lock)
			rc = sl_error_oom();
		else if (sl_fs_kind_of(lock) != SL_FS_MISSING)
			rc = sl_error_set(SL_EREPO,
					  "the index is locked (%s): another "
					  "git process is running, or it left "
					  "a stale lock",
					  lock);
		sl_free(lock);
		if (rc == 0)
			rc = sl_fs_read(&s.old_index, s.index_path);
		s.had_index = rc == 0;
	}
	if (rc == 0)
		rc = sl_fs_read(&s.old_sheet, s.sheet_path);
	if (rc == 0)
		rc = new_sheet_json(&s.new_sheet, &res->note_stale,
				    &s.old_sheet, SHEET_JSON, opts->edition);
	if (rc == 0 && (grc = git_signature_default(&sig, s.g)) < 0) {
		rc = sl_error_set(SL_EINVALID,
				  "no git identity to publish with: set "
				  "user.name and user.email (git config)");
		git_error_clear();
	}
	if (rc == 0) {
		snprintf(res->author, sizeof(res->author), "%s <%s>", sig->name,
			 sig->email);
		if (opts->message)
			sl_buf_puts(&msg, opts->message);
		else
			sl_buf_printf(&msg, "Publish the %s edition",
				      opts->edition);
		sl_buf_putc(&msg, '\n');
		if (sl_buf_oom(&msg))
			rc = sl_error_oom();
	}
	if (rc < 0 || opts->dry_run)
		goto done;
	grc = git_repository_index(&s.index, s.g);
	if (grc < 0) {
		rc = sl_repo__error(grc, "cannot read the index");
		goto done;
	}
	rc = write_objects(&s, sig, msg.ptr, res->tag);
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
			sl_error_set(first.code, "%s (nothing was changed)",
				     first.message);
		} else {
			rc = sl_error_set(SL_EIO,
					  "%s; undoing it failed too: check "
					  "%s, the index and %s",
					  first.message, SHEET_JSON,
					  s.branch_ref);
		}
		goto done;
	}
	git_oid_tostr(res->commit, sizeof(res->commit), &s.commit);
done:
	git_signature_free(sig);
	sl_buf_dispose(&msg);
	state_dispose(&s);
	return rc;
}
