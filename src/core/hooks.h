/*
 * hooks.h: git integration written into a repository (sheetlog
 * install-hooks): a pre-commit hook that lints the staged sheet, and
 * optionally the textconv diff driver (repository config plus
 * <gitdir>/info/attributes). Everything goes through libgit2 and atomic
 * file writes; the git executable is never run. docs/git-integration.md.
 */
#ifndef SL_HOOKS_H
#define SL_HOOKS_H

#include <stdbool.h>

#include "buf.h"
#include "repo.h"

/* The attributes line that routes item files through the driver. */
#define SL_HOOKS_ATTRIBUTES_LINE SL_SHEET_DIR "/items/*.json diff=sheetlog"
/* Suffix of the file an existing hook is kept in when replaced. */
#define SL_HOOKS_BACKUP_SUFFIX ".sheetlog-backup"

typedef struct sl_hooks_options {
	bool force;          /* replace an existing pre-commit hook */
	bool diff_driver;    /* also set up the textconv diff driver */
	const char *program; /* borrowed; how the hook and the driver run
			      * sheetlog: an absolute path, or NULL for
			      * "sheetlog" looked up on PATH */
} sl_hooks_options;

#define SL_HOOKS_OPTIONS_INIT      \
	{                          \
		false, false, NULL \
	}

/* What sl_hooks_install did; every path is absolute. */
typedef struct sl_hooks_result {
	char *hook;            /* owned; the pre-commit hook */
	bool hook_written;     /* the hook was written */
	bool hook_unchanged;   /* it already held exactly this script */
	bool hook_kept;        /* it is sheetlog's own hook with other content
				* (another program path or version), left
				* alone because only the driver was asked
				* for (diff_driver without force) */
	char *backup;          /* owned; where the replaced hook was kept, or
				* NULL (nothing kept) */
	char *config;          /* owned; config file written, or NULL */
	char *attributes;      /* owned; info/attributes, or NULL */
	bool attributes_added; /* the line was added (false: already there) */
} sl_hooks_result;

#define SL_HOOKS_RESULT_INIT                                       \
	{                                                          \
		NULL, false, false, false, NULL, NULL, NULL, false \
	}

/*
 * The pre-commit script (POSIX sh): runs `PROGRAM lint INDEX --quiet`
 * on the index being committed (GIT_INDEX_FILE) and refuses the commit
 * unless it exits 0. program as in sl_hooks_options. @return 0 or
 * SL_ENOMEM
 */
int sl_hooks_script(sl_buf *out, const char *program);

/*
 * Install the pre-commit hook (mode 0755, written atomically). An
 * existing hook with other content is refused (SL_EUSAGE, naming the
 * file) unless opts->force; then it is renamed to
 * pre-commit.sheetlog-backup, unless that name is taken and the hook is
 * one sheetlog wrote (a backup is never overwritten with a foreign hook:
 * that is refused too). With diff_driver and without force, a hook that
 * sheetlog wrote (its marker line) is left as it is (hook_kept) rather
 * than refused. With diff_driver, also set diff.sheetlog.textconv
 * and diff.sheetlog.cachetextconv in the repository's own config and add
 * SL_HOOKS_ATTRIBUTES_LINE to info/attributes once. Refusals happen
 * before anything is written.
 * *out is filled (dispose with sl_hooks_result_dispose) on success and
 * on failure (as far as the steps got).
 * @return 0, SL_EUSAGE, SL_EREPO, SL_EIO or SL_ENOMEM
 */
int sl_hooks_install(sl_hooks_result *out, sl_repo *repo,
		     const sl_hooks_options *opts);
void sl_hooks_result_dispose(sl_hooks_result *r);

/* "PROGRAM textconv" with PROGRAM quoted for sh when it needs it.
 * @return 0 or SL_ENOMEM */
int sl_hooks_textconv_command(sl_buf *out, const char *program);

#endif
