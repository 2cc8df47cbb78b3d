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
#include "encoding.h"
#include "labels.h"
#include "repo_rev.h"
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
/* The site's links from an edition page (render_site.c). */
typedef struct sl_render_item_links {
	/* borrowed: the href of the item's own page, or NULL for none */
	const char *(*href)(void *ctx, const sl_item *item);
	void *ctx;
} sl_render_item_links;
/* sl_render_export_html as an edition page of the site: each row's anchor
 * is the bare id (id="1-61") and its number links to links->href. */
int sl_render_export_html_linked(sl_buf *out, const sl_sheet *sheet,
				 const sl_render_options *opts,
				 const sl_render_item_links *links);
/* One row per item: id, section, scope, category, question, answer, then
 * every extra field name in sorted order. RFC 4180, CRLF line ends,
 * formula-like cells neutralised (escape.h). */
int sl_render_export_csv(sl_buf *out, const sl_sheet *sheet,
			 const sl_render_options *opts);
/* {"sheet": {...sheet.json...}, "revision": {...}, "items": [...]};
 * docs/json-contract.md. */
int sl_render_export_json(sl_buf *out, const sl_sheet *sheet,
			  const sl_render_options *opts);
/*
 * sl_render_export_csv in another encoding (encoding.h): every cell is
 * checked first, so a character enc cannot hold fails naming its item
 * and field and nothing is appended. nfkc: write such a character as its
 * NFKC form when enc holds that (CP932 and the compatibility ideographs).
 * @return 0, SL_EINVALID (an unencodable character), SL_EUSAGE
 * (opts->bom with an encoding other than UTF-8) or SL_ENOMEM
 */
int sl_render_export_csv_enc(sl_buf *out, const sl_sheet *sheet,
			     const sl_render_options *opts, sl_encoding enc,
			     bool nfkc);

/*
 * Workbooks (render_xlsx*.c, through libxlsxwriter). libxlsxwriter writes
 * files, not buffers, so these write the path they are given: the caller
 * passes a temp file and renames it into place (sl_fs_write_atomic_fn).
 * Every text goes into a string cell, never a formula, so text starting
 * with = + - @ is inert. The bytes depend only on the input: the zip
 * entries carry libxlsxwriter's fixed 1980 date and the document's
 * creation date is opts->to's commit time (for the working tree or the
 * index: the first day of as_of in the sheet's time zone).
 *
 * sl_render_xlsx_export: laid out like the published sheet: a cover
 * worksheet (title, publisher, as-of date and note, introduction,
 * disclaimer, revision), then one worksheet per section: No / 項目 /
 * 評価内容 / 回答内容 (sheet.json's headings), then extra fields. With
 * diff (optional: opts->from -> opts->to, the sheet being opts->to), a
 * 種別 column (追加, 変更, 番号変更 (旧 2-3), 表記のみ), changed cells filled
 * and written as rich text (deleted characters struck through in red,
 * inserted ones underlined in blue), added rows filled green, and a last
 * worksheet listing every field change, removed items included.
 * sl_render_xlsx_shinkyu: the 新旧対照表 (render_shinkyu.c's rules) as one
 * worksheet, the changed wording underlined in both columns.
 * @return 0, SL_EINVALID (a text longer than a cell holds: message with
 * its item and field), SL_EIO (the file could not be written) or
 * SL_ENOMEM
 */
int sl_render_xlsx_export(const char *path, const sl_sheet *sheet,
			  const sl_diff *diff, const sl_render_options *opts);
int sl_render_xlsx_shinkyu(const char *path, const sl_diff *diff,
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
 * render_json_history.c, contracts in docs/json-contract.md). Dates are ISO
 * 8601 with the commit's own offset.
 */
struct sl_history;
struct sl_blame;
struct sl_log;
struct sl_stale;
struct sl_approval_list;
struct sl_audit_ids;
int sl_render_history_text(sl_buf *out, const struct sl_history *h,
			   const sl_render_options *opts);
int sl_render_history_markdown(sl_buf *out, const struct sl_history *h,
			       const sl_render_options *opts);
int sl_render_history_json(sl_buf *out, const struct sl_history *h,
			   const sl_render_options *opts);
/* As sl_render_history_json, with the item's approvals (NULL: none) as
 * the "approvals" events after the revisions. */
int sl_render_history_json_approvals(sl_buf *out, const struct sl_history *h,
				     const struct sl_approval_list *approvals,
				     const sl_render_options *opts);
/* One self-contained page, a section per step. */
int sl_render_history_html(sl_buf *out, const struct sl_history *h,
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
/* `blame sheet`: the document's fields (blame_sheet.h). */
struct sl_blame_sheet;
int sl_render_blame_sheet_text(sl_buf *out, const struct sl_blame_sheet *b,
			       const sl_render_options *opts);
int sl_render_blame_sheet_json(sl_buf *out, const struct sl_blame_sheet *b,
			       const sl_render_options *opts);
/*
 * An item's approvals and confirmations as history events, newest first,
 * appended after its history (format "text" or "markdown"; nothing when
 * the item has no record). @return 0 or SL_ENOMEM
 */
int sl_render_approval_events(sl_buf *out, const struct sl_approval_list *l,
			      const char *item, const char *format,
			      const sl_render_options *opts);
/* The stale-answer report (stale.h). */
int sl_render_stale_text(sl_buf *out, const struct sl_stale *s,
			 const sl_render_options *opts);
int sl_render_stale_markdown(sl_buf *out, const struct sl_stale *s,
			     const sl_render_options *opts);
int sl_render_stale_json(sl_buf *out, const struct sl_stale *s,
			 const sl_render_options *opts);
int sl_render_stale_csv(sl_buf *out, const struct sl_stale *s,
			const sl_render_options *opts);
int sl_render_log_text(sl_buf *out, const struct sl_log *log,
		       const sl_render_options *opts);
int sl_render_log_json(sl_buf *out, const struct sl_log *log,
		       const sl_render_options *opts);
int sl_render_log_csv(sl_buf *out, const struct sl_log *log,
		      const sl_render_options *opts);
/*
 * Audit (render_audit.c): one row per (item, field, change) of every
 * commit of the log, and per change to the document around the items.
 * items: an item filter (ids at the range's end, or removed within it;
 * item_count 0: every item and the document). The approver columns name
 * the approvals of the content a row's commit left, by someone other
 * than the commit's author (docs/json-contract.md).
 */
typedef struct sl_audit_view {
	const struct sl_log *log;
	const struct sl_audit_ids *ids;
	const char *const *items;
	size_t item_count;
	/* the approvals (loaded once per run), or NULL: the approver
	 * columns stay empty */
	const struct sl_approval_list *approvals;
} sl_audit_view;
int sl_render_audit_csv(sl_buf *out, const sl_audit_view *v,
			const sl_render_options *opts);
int sl_render_audit_markdown(sl_buf *out, const sl_audit_view *v,
			     const sl_render_options *opts);
int sl_render_audit_json(sl_buf *out, const sl_audit_view *v,
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

/*
 * One item as labelled plain text for git's textconv (render_item.c):
 * id, section, scope and category on one line each, then question,
 * answer and the extra fields as blocks, text unchanged. @return 0 or
 * SL_ENOMEM
 */
int sl_render_item_text(sl_buf *out, const sl_item *item,
			const sl_render_options *opts);
/* An item file's bytes through sl_render_item_text, or copied unchanged
 * when they are not a valid item (sheet.json, a broken file); *was_item
 * (optional) says which. @return 0 or SL_ENOMEM */
int sl_render_textconv(sl_buf *out, bool *was_item, const char *data,
		       size_t len, const sl_render_options *opts);

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
/* The head, then <header> with the title as <h1> (escaped); the caller
 * adds its meta lines and closes </header>. */
void sl_render__html_header(sl_buf *out, const char *title, sl_lang lang,
			    const char *extra_css);
void sl_render__html_close(sl_buf *out);
/* "<footer>generated by sheetlog</footer>", then the closing tags. */
void sl_render__html_footer(sl_buf *out, sl_lang lang);

#endif
