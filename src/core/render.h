/*
 * render.h: documents built from the model. Renderers append to an sl_buf
 * and never touch the repository, the clock or the environment, so the
 * same input always gives the same bytes (golden files pin them). Every
 * piece of sheet text goes through escape.h for its format.
 */
#ifndef SL_RENDER_H
#define SL_RENDER_H

#include <stdbool.h>

#include "buf.h"
#include "diag.h"
#include "diff.h"
#include "labels.h"
#include "rev.h"
#include "sheet.h"

typedef struct sl_render_options {
	sl_lang lang;       /* label language */
	bool bom;           /* CSV: start with a UTF-8 byte order mark */
	bool color;         /* text: ANSI colours */
	const char *rev;    /* borrowed; revision shown, e.g. "WORKTREE" */
	const char *commit; /* borrowed; 40-hex commit id, or NULL */
	bool substantive;   /* diffs: leave notation-only changes out */
	const sl_rev *from; /* borrowed; diffs: the old revision */
	const sl_rev *to;   /* borrowed; diffs: the new revision */
} sl_render_options;

#define SL_RENDER_OPTIONS_INIT                                          \
	{                                                               \
		SL_LANG_JA, false, false, NULL, NULL, false, NULL, NULL \
	}

/* The whole sheet as a document. @return 0 or SL_ENOMEM */
int sl_render_export_markdown(sl_buf *out, const sl_sheet *sheet,
			      const sl_render_options *opts);
int sl_render_export_html(sl_buf *out, const sl_sheet *sheet,
			  const sl_render_options *opts);
/* One row per item: id, section, scope, category, question, answer, then
 * every extra field name in sorted order. RFC 4180, CRLF line ends,
 * formula-like cells neutralised (escape.h). */
int sl_render_export_csv(sl_buf *out, const sl_sheet *sheet,
			 const sl_render_options *opts);
/* {"sheet": {...sheet.json...}, "revision": {...}, "items": [...]};
 * docs/json-contract.md. */
int sl_render_export_json(sl_buf *out, const sl_sheet *sheet,
			  const sl_render_options *opts);

/* Findings, one "path:line:col: severity: message [rule]" line each, then
 * a summary line (quiet: errors only, no summary). @return 0 or SL_ENOMEM */
int sl_render_diags_text(sl_buf *out, const sl_diag_list *diags,
			 size_t item_count, bool quiet);
/* {"rev", "items", "errors", "warnings", "diagnostics": [{path, line,
 * column, severity, rule, message, item}]} */
int sl_render_diags_json(sl_buf *out, const sl_diag_list *diags,
			 const char *rev, size_t item_count);

/*
 * Diffs (sheetlog diff). Text: one block per changed item, inline changes
 * as colours or [-deleted-]{+inserted+}. Markdown: ~~deleted~~ and
 * **inserted** (<del>/<ins> where CommonMark's flanking rules would not
 * hold). HTML: one self-contained page with <del>/<ins>. JSON: the
 * contract of docs/json-contract.md. @return 0 or SL_ENOMEM
 */
int sl_render_diff_text(sl_buf *out, const sl_diff *diff,
			const sl_render_options *opts);
int sl_render_diff_markdown(sl_buf *out, const sl_diff *diff,
			    const sl_render_options *opts);
int sl_render_diff_html(sl_buf *out, const sl_diff *diff,
			const sl_render_options *opts);
int sl_render_diff_json(sl_buf *out, const sl_diff *diff,
			const sl_render_options *opts);

/*
 * Release notes (sheetlog changelog): both editions with dates, summary
 * counts, then per scope and section: added items (full question and
 * answer), removed items, renumbered items (old -> new), changed
 * categories, questions and answers with inline highlighting; the
 * notation-only changes last, collapsed. HTML carries an inline SVG chart
 * of changes per section. JSON: docs/json-contract.md.
 */
int sl_render_changelog_markdown(sl_buf *out, const sl_diff *diff,
				 const sl_render_options *opts);
int sl_render_changelog_html(sl_buf *out, const sl_diff *diff,
			     const sl_render_options *opts);
int sl_render_changelog_json(sl_buf *out, const sl_diff *diff,
			     const sl_render_options *opts);
/*
 * 新旧対照表: per section, rows of 改正後 | 改正前 | 備考 with the changed
 * wording underlined in both columns; 備考 is (新設), (削除), (変更),
 * (移動) with the old number, or (表記のみ). Unchanged items are omitted.
 */
int sl_render_shinkyu_html(sl_buf *out, const sl_diff *diff,
			   const sl_render_options *opts);
int sl_render_shinkyu_markdown(sl_buf *out, const sl_diff *diff,
			       const sl_render_options *opts);

/*
 * History, show, blame, log and audit (render_history.c; JSON in
 * render_json.c, contracts in docs/json-contract.md). Dates are ISO 8601
 * with the commit's own offset.
 */
struct sl_history;
struct sl_blame;
struct sl_log;
struct sl_audit_ids;
int sl_render_history_text(sl_buf *out, const struct sl_history *h,
			   const sl_render_options *opts);
int sl_render_history_markdown(sl_buf *out, const struct sl_history *h,
			       const sl_render_options *opts);
int sl_render_history_json(sl_buf *out, const struct sl_history *h,
			   const sl_render_options *opts);
/* One item as it stood at a revision; last is the step that last changed
 * it (NULL when unknown, e.g. beyond a shallow boundary). */
int sl_render_show_text(sl_buf *out, const sl_item *item, const sl_sheet *sheet,
			const sl_rev *rev, const struct sl_history *h,
			const sl_render_options *opts);
int sl_render_show_json(sl_buf *out, const sl_item *item, const sl_rev *rev,
			const struct sl_history *h,
			const sl_render_options *opts);
int sl_render_blame_text(sl_buf *out, const struct sl_blame *b,
			 const sl_render_options *opts);
int sl_render_blame_json(sl_buf *out, const struct sl_blame *b,
			 const sl_render_options *opts);
int sl_render_log_text(sl_buf *out, const struct sl_log *log,
		       const sl_render_options *opts);
int sl_render_log_json(sl_buf *out, const struct sl_log *log,
		       const sl_render_options *opts);
int sl_render_log_csv(sl_buf *out, const struct sl_log *log,
		      const sl_render_options *opts);
/* Audit: one row per (item, field, change) of every commit of the log. */
int sl_render_audit_csv(sl_buf *out, const struct sl_log *log,
			const struct sl_audit_ids *ids,
			const sl_render_options *opts);
int sl_render_audit_markdown(sl_buf *out, const struct sl_log *log,
			     const struct sl_audit_ids *ids,
			     const sl_render_options *opts);
int sl_render_audit_json(sl_buf *out, const struct sl_log *log,
			 const struct sl_audit_ids *ids,
			 const sl_render_options *opts);

/*
 * The review of pending edits (render_review.c): verdict (lint errors or
 * not), counts per kind, findings outside the changed items, then each
 * change with where it stands (committed, staged, unstaged) and its
 * findings. HTML: one self-contained page, old | new side by side, a
 * table of contents by section and filters by kind. Markdown: for
 * pull-request comments, long changes folded in <details>.
 */
struct sl_review;
int sl_render_review_text(sl_buf *out, const struct sl_review *r,
			  const sl_render_options *opts);
int sl_render_review_markdown(sl_buf *out, const struct sl_review *r,
			      const sl_render_options *opts);
int sl_render_review_html(sl_buf *out, const struct sl_review *r,
			  const sl_render_options *opts);

/* One row of `sheetlog editions`. */
typedef struct sl_edition_row {
	const struct sl_edition *edition; /* borrowed */
	size_t items;                     /* item files at the edition */
	bool has_previous;                /* changes is meaningful */
	sl_diff_summary changes;          /* against the previous edition */
} sl_edition_row;

int sl_render_editions_text(sl_buf *out, const sl_edition_row *rows, size_t n,
			    const sl_render_options *opts);
/* [{"name", "commit", "date", "author", "tagged", "items",
 *   "changes": <summary> or null}] */
int sl_render_editions_json(sl_buf *out, const sl_edition_row *rows, size_t n,
			    const sl_render_options *opts);

/* Shared by the HTML renderers: the document head with inline CSS, and
 * the closing tags. */
void sl_render__html_open(sl_buf *out, const char *title, sl_lang lang,
			  const char *extra_css);
void sl_render__html_close(sl_buf *out);

#endif
