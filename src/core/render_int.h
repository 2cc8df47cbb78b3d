/*
 * render_int.h: helpers shared by the render_*.c files only (internal to
 * the render module, hence the double underscore).
 */
#ifndef SL_RENDER_INT_H
#define SL_RENDER_INT_H

#include "render.h"

/* Label of a field: the sheet's own column heading in Japanese (項目,
 * 評価内容, 回答内容 from sheet.json), else the label table; extras keep
 * their key. borrowed */
const char *sl_render__field_label(sl_lang lang, const sl_sheet *sheet,
				   const char *field);
/* "2022-09 (1a2b3c4, 2022-09-30)" or "WORKTREE": how a revision is named
 * in headings. */
void sl_render__rev_name(sl_buf *out, const sl_rev *rev, sl_lang lang);
/* "2022-09-30" (the commit date in its own zone), or "" */
void sl_render__rev_date(sl_buf *out, const sl_rev *rev);
/* Inline ops as Markdown (~~del~~ / **ins**, falling back to <del>/<ins>
 * where flanking rules fail); in_cell: line breaks become <br>. */
void sl_render__ops_md(sl_buf *out, const sl_text_ops *ops, bool in_cell);
/* Inline ops as HTML with <del>/<ins>; line breaks become <br>. */
void sl_render__ops_html(sl_buf *out, const sl_text_ops *ops);
/* Only one side of the ops as HTML, changed runs wrapped in <u> (新旧対照表):
 * side 0 = old text, side 1 = new text. */
void sl_render__side_html(sl_buf *out, const sl_text_ops *ops, int side);
/* The same with another tag around changed runs ("del" on the old side,
 * "ins" on the new: the review's side-by-side columns). */
void sl_render__side_html_tag(sl_buf *out, const sl_text_ops *ops, int side,
			      const char *tag);
/* The same for Markdown table cells (<u> tags, escaped text). */
void sl_render__side_md(sl_buf *out, const sl_text_ops *ops, int side);
/* One change as text: "~ 1-61 変更" then its fields indented, inline
 * changes as colours or [-deleted-]{+inserted+} (render_text.c). */
void sl_render__change_text(sl_buf *out, const sl_diff *diff,
			    const sl_change *c, sl_lang lang, bool color);
/* Summary label of a change: 追加 / 削除 / 変更 / 番号変更 / 表記のみ */
const char *sl_render__status_label(sl_lang lang, const sl_change *c);
/* True when a field change is worth a line in a human-readable diff: the
 * section and scope of an added or removed item are the heading above. */
bool sl_render__field_shown(const sl_change *c, const sl_field_change *f);
/* True when the change is shown under the options (substantive filter). */
bool sl_render__shown(const sl_render_options *opts, const sl_change *c);

/* A section of a diff and the run of its changes (diff order). */
typedef struct sl_render_group {
	const sl_section *section; /* borrowed; NULL when unknown */
	const char *section_id;    /* borrowed; the changes' section id */
	const char *scope; /* borrowed; scope id of the section, or NULL */
	size_t first;      /* index of the first change */
	size_t count;      /* changes in the run */
} sl_render_group;

/* Group the diff's changes by section. new: *out (free with sl_free).
 * @return 0 or SL_ENOMEM */
int sl_render__groups(sl_render_group **out, size_t *count,
		      const sl_diff *diff);
/* The title of a scope id (from the new sheet, else the old), or the id. */
const char *sl_render__scope_title(const sl_diff *diff, const char *scope);
/* The document title of a diff: sheet title, or "checklist". */
const char *sl_render__sheet_title(const sl_diff *diff);

#endif
