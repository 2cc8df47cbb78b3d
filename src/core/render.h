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
#include "labels.h"
#include "sheet.h"

typedef struct sl_render_options {
	sl_lang lang;       /* label language */
	bool bom;           /* CSV: start with a UTF-8 byte order mark */
	bool color;         /* text: ANSI colours */
	const char *rev;    /* borrowed; revision shown, e.g. "WORKTREE" */
	const char *commit; /* borrowed; 40-hex commit id, or NULL */
} sl_render_options;

#define SL_RENDER_OPTIONS_INIT                       \
	{                                            \
		SL_LANG_JA, false, false, NULL, NULL \
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

/* Shared by the HTML renderers: the document head with inline CSS, and
 * the closing tags. */
void sl_render__html_open(sl_buf *out, const char *title, sl_lang lang,
			  const char *extra_css);
void sl_render__html_close(sl_buf *out);

#endif
