/*
 * hooks.c: the pre-commit hook and the textconv diff driver written into a
 * repository. Configuration is read and written through the repository
 * layer (repo_config.h: libgit2, never the git executable); files are
 * replaced atomically, so an interrupted install
 * leaves either the old hook or the new one, never half a script. Every
 * refusal is decided before the first write.
 */
#include "hooks.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "error.h"
#include "fs.h"
#include "repo_config.h"

/* The second line of every hook we write: how we recognise our own. */
#define HOOK_MARKER "# pre-commit hook installed by `sheetlog install-hooks`"

/* Characters that never need quoting in sh. */
static bool hooks_is_shell_safe(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
			    "0123456789/._+-,:@%",
			    *s))
			return false;
	return true;
}

/* s in single quotes, each ' written as '\'' (sh has no escape inside). */
static void hooks_single_quote(sl_buf *out, const char *s)
{
	sl_buf_putc(out, '\'');
	for (; *s; s++) {
		if (*s == '\'')
			sl_buf_puts(out, "'\\''");
		else
			sl_buf_putc(out, *s);
	}
	sl_buf_putc(out, '\'');
}

int sl_hooks_textconv_command(sl_buf *out, const char *program)
{
	const char *p = program ? program : "sheetlog";
	if (hooks_is_shell_safe(p))
		sl_buf_puts(out, p);
	else
		hooks_single_quote(out, p);
	sl_buf_puts(out, " textconv");
	return sl_buf_oom(out) ? sl_error_oom() : 0;
}

int sl_hooks_script(sl_buf *out, const char *program)
{
	sl_buf_puts(out, "#!/bin/sh\n" HOOK_MARKER "\n");
	sl_buf_puts(
		out,
		"# Refuses the commit when the staged sheet (the index being "
		"committed)\n"
		"# has lint errors; warnings do not block. Skip the check once "
		"with\n"
		"# `git commit --no-verify`.\n"
		"#\n"
		"# SHEETLOG is the sheetlog this hook runs: the one that "
		"installed it. To\n"
		"# use another, edit the line below (a bare name is looked up "
		"on PATH), or\n"
		"# run `sheetlog install-hooks --force` with the sheetlog you "
		"want.\n"
		"SHEETLOG=");
	hooks_single_quote(out, program ? program : "sheetlog");
	sl_buf_puts(
		out,
		"\n\n"
		"if ! command -v \"$SHEETLOG\" >/dev/null 2>&1; then\n"
		"\tSHEETLOG=sheetlog\n"
		"fi\n"
		"if ! command -v \"$SHEETLOG\" >/dev/null 2>&1; then\n"
		"\techo \"pre-commit: sheetlog not found; edit SHEETLOG in $0 "
		"(or commit with --no-verify)\" >&2\n"
		"\texit 1\n"
		"fi\n"
		"# git names the index being committed in GIT_INDEX_FILE: a "
		"temporary one\n"
		"# for `git commit -a` and `git commit PATH`.\n"
		"if [ -n \"${GIT_INDEX_FILE:-}\" ]; then\n"
		"\t\"$SHEETLOG\" lint INDEX --quiet --index-file "
		"\"$GIT_INDEX_FILE\"\n"
		"else\n"
		"\t\"$SHEETLOG\" lint INDEX --quiet\n"
		"fi\n"
		"status=$?\n"
		"if [ \"$status\" -eq 1 ]; then\n"
		"\techo \"pre-commit: the staged sheet has lint errors (above); "
		"commit refused\" >&2\n"
		"\texit 1\n"
		"elif [ \"$status\" -ne 0 ]; then\n"
		"\techo \"pre-commit: sheetlog could not check the staged sheet "
		"(exit status $status); commit refused\" >&2\n"
		"\texit 1\n"
		"fi\n"
		"exit 0\n");
	return sl_buf_oom(out) ? sl_error_oom() : 0;
}

void sl_hooks_result_dispose(sl_hooks_result *r)
{
	if (!r)
		return;
	sl_free(r->hook);
	sl_free(r->backup);
	sl_free(r->config);
	sl_free(r->attributes);
	memset(r, 0, sizeof(*r));
}

/* True when data has a line equal to line (trailing blanks and CR
 * ignored). */
static bool hooks_has_line(const char *data, size_t len, const char *line)
{
	size_t ll = strlen(line), i = 0;
	while (i < len) {
		const char *nl = memchr(data + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - data) : len, e = end;
		while (e > i && (data[e - 1] == ' ' || data[e - 1] == '\t' ||
				 data[e - 1] == '\r'))
			e--;
		if (e - i == ll && !memcmp(data + i, line, ll))
			return true;
		i = end + 1;
	}
	return false;
}

/* Decide what happens to an existing hook; refuse before any write. */
static int hooks_plan(bool *unchanged, bool *kept, bool *keep_backup,
		      const char *hook, const char *backup,
		      const sl_buf *script, const sl_hooks_options *opts)
{
	bool force = opts->force;
	sl_fs_kind kind = sl_fs_kind_of(hook);
	sl_buf old = SL_BUF_INIT;
	bool ours = false;
	int rc = 0;

	*unchanged = false;
	*kept = false;
	*keep_backup = false;
	if (kind == SL_FS_MISSING)
		return 0;
	if (kind == SL_FS_DIR || kind == SL_FS_OTHER)
		return sl_error_set(SL_EIO,
				    "'%s' is not a file: cannot install the "
				    "pre-commit hook there",
				    hook);
	if (kind == SL_FS_REGULAR) {
		rc = sl_fs_read(&old, hook);
		if (rc < 0)
			goto done;
		if (old.len == script->len &&
		    !memcmp(old.ptr, script->ptr, old.len)) {
			*unchanged = true;
			goto done;
		}
		ours = hooks_has_line(old.ptr, old.len, HOOK_MARKER);
	}
	if (ours && opts->diff_driver && !force) {
		/* Adding the driver to a clone that has our hook already
		 * (written by another build, or with another --program):
		 * the hook works as it is, so it is not the driver's
		 * business to refuse or to rewrite it. */
		*kept = true;
		goto done;
	}
	if (!force) {
		rc = sl_error_set(SL_EUSAGE,
				  "a pre-commit hook exists already: '%s' "
				  "(--force replaces it and keeps it as "
				  "pre-commit" SL_HOOKS_BACKUP_SUFFIX ")",
				  hook);
		goto done;
	}
	if (sl_fs_kind_of(backup) == SL_FS_MISSING) {
		*keep_backup = true;
	} else if (!ours) {
		/* The backup may be the user's original hook from an earlier
		 * --force: never overwrite it with another foreign hook. */
		rc = sl_error_set(SL_EUSAGE,
				  "cannot keep the existing pre-commit hook: "
				  "'%s' exists already (move it away first)",
				  backup);
	}
done:
	sl_buf_dispose(&old);
	return rc;
}

/* The new bytes of info/attributes: its old content plus the attributes
 * line, unless the line is there already (*needed false). Writes nothing. */
static int hooks_attributes_content(sl_buf *out, bool *needed, const char *path)
{
	int rc = sl_fs_read(out, path);
	*needed = false;
	if (rc == SL_ENOTFOUND) {
		sl_error_clear();
		rc = 0;
	}
	if (rc < 0 || hooks_has_line(out->ptr ? out->ptr : "", out->len,
				     SL_HOOKS_ATTRIBUTES_LINE))
		return rc;
	if (out->len && out->ptr[out->len - 1] != '\n')
		sl_buf_putc(out, '\n');
	sl_buf_puts(out, SL_HOOKS_ATTRIBUTES_LINE "\n");
	*needed = true;
	return sl_buf_oom(out) ? sl_error_oom() : 0;
}

/*
 * Everything that can fail for want of memory happens before the first
 * visible change: the hook and the attributes file are staged as temp
 * files, the config is written in one transaction, and what is left are
 * renames. A failure before them leaves the repository as it was.
 */
int sl_hooks_install(sl_hooks_result *out, sl_repo *repo,
		     const sl_hooks_options *opts)
{
	static const char *const keys[] = {"diff.sheetlog.textconv",
					   "diff.sheetlog.cachetextconv"};
	sl_buf script = SL_BUF_INIT, attrs = SL_BUF_INIT, cmd = SL_BUF_INIT;
	char *dir = NULL, *backup = NULL, *info = NULL;
	char *hook_tmp = NULL, *attrs_tmp = NULL;
	bool unchanged = false, kept = false, keep_backup = false;
	bool attrs_needed = false;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = sl_repo_hooks_dir(&dir, repo);
	if (rc == 0)
		rc = sl_hooks_script(&script, opts->program);
	if (rc == 0) {
		out->hook = sl_fs_join(dir, "pre-commit");
		backup = sl_fs_join(dir, "pre-commit" SL_HOOKS_BACKUP_SUFFIX);
		if (!out->hook || !backup)
			rc = sl_error_oom();
	}
	if (rc == 0)
		rc = hooks_plan(&unchanged, &kept, &keep_backup, out->hook,
				backup, &script, opts);
	if (kept)
		unchanged = true;
	if (rc == 0 && opts->diff_driver) {
		rc = sl_repo_path(&info, repo, SL_REPO_PATH_INFO);
		if (rc == 0) {
			out->attributes = sl_fs_join(info, "attributes");
			rc = out->attributes ? 0 : sl_error_oom();
		}
		if (rc == 0)
			rc = sl_repo_path(&out->config, repo,
					  SL_REPO_PATH_CONFIG);
		if (rc == 0)
			rc = hooks_attributes_content(&attrs, &attrs_needed,
						      out->attributes);
		if (rc == 0)
			rc = sl_hooks_textconv_command(&cmd, opts->program);
	}
	if (rc == 0 && !unchanged) {
		rc = sl_fs_mkdirs(dir);
		if (rc == 0)
			rc = sl_fs_stage(&hook_tmp, out->hook, script.ptr,
					 script.len, 0755);
	}
	if (rc == 0 && attrs_needed) {
		rc = sl_fs_mkdirs(info);
		if (rc == 0)
			rc = sl_fs_stage(&attrs_tmp, out->attributes, attrs.ptr,
					 attrs.len, -1);
	}
	if (rc == 0 && opts->diff_driver) {
		const char *values[2];
		values[0] = sl_buf_cstr(&cmd);
		values[1] = "true";
		rc = sl_repo_config_set_local_all(repo, keys, values, 2);
	}
	if (rc < 0)
		goto done;
	/* Renames only from here: nothing left to allocate. */
	if (unchanged) {
		out->hook_unchanged = !kept;
		out->hook_kept = kept;
	} else {
		if (keep_backup) {
			if (rename(out->hook, backup) < 0) {
				rc = sl_error_set(SL_EIO,
						  "cannot keep the old hook as "
						  "'%s': %s",
						  backup, strerror(errno));
				goto done;
			}
			out->backup = backup;
			backup = NULL;
		}
		rc = sl_fs_commit(hook_tmp, out->hook);
		if (rc < 0) {
			/* Put the old hook back: the repository keeps
			 * working as before. */
			if (out->backup &&
			    rename(out->backup, out->hook) == 0) {
				sl_free(out->backup);
				out->backup = NULL;
			}
			goto done;
		}
		sl_free(hook_tmp);
		hook_tmp = NULL;
		out->hook_written = true;
	}
	if (attrs_tmp) {
		rc = sl_fs_commit(attrs_tmp, out->attributes);
		if (rc == 0) {
			sl_free(attrs_tmp);
			attrs_tmp = NULL;
			out->attributes_added = true;
		}
	}
done:
	sl_fs_discard(hook_tmp);
	sl_fs_discard(attrs_tmp);
	sl_free(info);
	sl_free(backup);
	sl_free(dir);
	sl_buf_dispose(&cmd);
	sl_buf_dispose(&attrs);
	sl_buf_dispose(&script);
	return rc;
}
