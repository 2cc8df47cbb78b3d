/*
 * render_int.h: helpers shared by the render_*.c files only (internal to
 * the render module, hence the double underscore).
 */
#ifndef SL_RENDER_INT_H
#define SL_RENDER_INT_H

#include "diff_doc.h"
#include "render.h"

/* ANSI colours of text output (only when opts->color). */
#define SL_ANSI_RED "\033[31m"
#define SL_ANSI_GREEN "\033[32m"
#define SL_ANSI_CYAN "\033[36m"
#define SL_ANSI_BOLD "\033[1m"
#define SL_ANSI_RESET "\033[m"

/* An escaper for one format (sl_escape_md, sl_escape_html, sl_buf_put for
 * plain text): appends s[0..len) as that format's text. */
typedef void (*sl_render_esc_fn)(sl_buf *out, const char *s, size_t len);

/* Label of a field: the sheet's own column heading in Japanese (項目,
 * 評価内容, 回答内容 from sheet.json), else the label table; extras keep
 * their key. borrowed */
const char *sl_render__field_label(sl_lang lang, const sl_sheet *sheet,
				   const char *field);
/* "2022-09 (1a2b3c4, 2022-09-30)" or "WORKTREE": how a revision is named
 * in headings. */
void sl_render__rev_name(sl_buf *out, const sl_rev *rev, sl_lang lang);
/* "2022-09 (…) → 作業ツリー": both revisions' names, unescaped. */
void sl_render__rev_span(sl_buf *out, const sl_rev *from, const sl_rev *to,
			 sl_lang lang);
/* "la: <name of a>" sep "lb: <name of b>", names (sl_render__rev_name)
 * through esc: the revisions line under a document's title. */
void sl_render__rev_pair(sl_buf *out, sl_lang lang, sl_render_esc_fn esc,
			 sl_label_id la, const sl_rev *a, const char *sep,
			 sl_label_id lb, const sl_rev *b);
/* "2022-09-30" (the commit date in its own zone), or "" */
void sl_render__rev_date(sl_buf *out, const sl_rev *rev);
/* Inline ops as Markdown (~~del~~ / **ins**, falling back to <del>/<ins>
 * where flanking rules fail); in_cell: line breaks become <br>. */
void sl_render__ops_md(sl_buf *out, const sl_text_ops *ops, bool in_cell);
/* For a notation-only field change, its substitutions with their code
 * points, text through esc: "⽅ U+2F45 → 方 U+65B9", ", " between (an
 * inserted or deleted run alone has "∅" on its other side). Nothing for
 * another change. */
void sl_render__notation_points(sl_buf *out, const sl_field_change *fc,
				sl_render_esc_fn esc);
/* Inline ops as HTML with <del>/<ins>; line breaks become <br>. */
void sl_render__ops_html(sl_buf *out, const sl_text_ops *ops);
/* th_open ("<tr><th>"), the escaped label, a 表記のみ badge when the
 * change is notation-only, "</th>": the head cell of a field row. */
void sl_render__html_field_head(sl_buf *out, const char *th_open,
				const char *label, const sl_field_change *fc,
				sl_lang lang);
/* A field's whole row, head cell and inline ops: the diff and the history
 * pages show a changed field alike, so both emitters take this as their
 * field callback (c is unused; the callbacks' shape). */
void sl_render__html_field_row(sl_buf *out, const sl_change *c,
			       const sl_field_change *fc, const char *label,
			       const sl_render_options *o);
/* Only one side of the ops as HTML, changed runs wrapped in <u> (新旧対照表):
 * side 0 = old text, side 1 = new text. */
void sl_render__side_html(sl_buf *out, const sl_text_ops *ops, int side);
/* The same with another tag around changed runs ("del" on the old side,
 * "ins" on the new: the review's side-by-side columns). */
void sl_render__side_html_tag(sl_buf *out, const sl_text_ops *ops, int side,
			      const char *tag);
/* The same for Markdown table cells (<u> tags, escaped text). */
void sl_render__side_md(sl_buf *out, const sl_text_ops *ops, int side);
/* s[0..len) with every line after the first indented by indent spaces
 * (at most 16). */
void sl_render__text_indented(sl_buf *out, const char *s, size_t len,
			      size_t indent);
/* The head line of a change as text: "~ 1-61 変更\n" (mark and id in
 * colour when color). */
void sl_render__change_head_text(sl_buf *out, const sl_change *c, sl_lang lang,
				 bool color);
/*
 * One field change as a text line: indent spaces, "label: ", then the
 * text (added and removed items: the whole text, coloured when
 * color_whole; otherwise the inline ops), continuation lines indented two
 * more, and "  (表記のみ)" for a notation-only change. Shared by diff,
 * review and history text. c NULL: a field of the document (diff_doc.h),
 * always as inline ops.
 */
void sl_render__field_text(sl_buf *out, const sl_change *c,
			   const sl_field_change *fc, const char *label,
			   sl_lang lang, size_t indent, bool color,
			   bool color_whole);
/*
 * One field change as a Markdown paragraph: "**label**", " (表記のみ)"
 * when mark_notation and the change is notation-only, ": ", then the
 * whole text of an added or removed item when whole_text (else the
 * inline ops), then a blank line. c NULL: a field of the document,
 * always as inline ops.
 */
void sl_render__field_md(sl_buf *out, const sl_change *c,
			 const sl_field_change *fc, const char *label,
			 sl_lang lang, bool mark_notation, bool whole_text);
/* The sheet whose labels name a change's fields: the new one, or the old
 * for a removed item. borrowed */
const sl_sheet *sl_render__labels_of(const sl_diff *diff, const sl_change *c);

/* "2-3 → 2-4" for a renumbered change, else its id, each id through esc. */
void sl_render__change_id(sl_buf *out, const sl_change *c,
			  sl_render_esc_fn esc);
/* Which edition published a commit and which it was made after:
 * "公開版 2023-04, 基準版 2022-09", or "未公開, 基準版 2023-04" when no
 * edition contains it yet; edition names through esc. */
void sl_render__published(sl_buf *out, const char *published_in,
			  const char *after, sl_lang lang,
			  sl_render_esc_fn esc);
/* "1. 総則": a section id, then ". " and the title when sec is known. */
void sl_render__section_name(sl_buf *out, const char *id, const sl_section *sec,
			     sl_render_esc_fn esc);
/* The 備考 of a 新旧対照表 row: (新設), (削除), (変更), (表記のみ), or
 * "(移動：旧 2-3)" with (変更) when the moved item changed too; the old id
 * through esc. render_shinkyu.c and the workbook share it. */
void sl_render__shinkyu_note(sl_buf *out, const sl_change *c, sl_lang lang,
			     sl_render_esc_fn esc);
/* A revision label as a reader's document says it: WORKTREE and INDEX
 * in the language (作業ツリー, インデックス), any other label as written
 * (an edition, a commit, a date). borrowed */
const char *sl_render__rev_label(sl_lang lang, const char *label);
/* How a revision is named in a document title: its edition, else its
 * label, else "?". borrowed */
const char *sl_render__rev_short(const sl_rev *rev);

/* The counts of a diff summary as a table: Markdown (labels, a
 * right-aligned rule, counts, a blank line) or HTML (<table
 * class="summary">): the items' counts (every one, 0 included), then
 * 文書の変更, the document changes shown under o (sl_render__doc_shown),
 * counted apart. Diff and changelog share it. */
void sl_render__summary_table(sl_buf *out, const sl_diff *diff,
			      const sl_render_options *o, bool html);
/* The counts as "label n" pairs joined by sep ("追加 1 · 削除 0 · …");
 * with_unchanged adds the unchanged count. */
void sl_render__summary_pairs(sl_buf *out, const sl_diff_summary *s,
			      sl_lang lang, const char *sep,
			      bool with_unchanged);
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

/* One id of a log's list with its mark: +added, -removed, ~modified,
 * old→new renumbered, ±replaced (text, CSV and JSON "marked_ids"). */
void sl_render__log_id(sl_buf *out, const sl_change *c);

/* What one audit row is about: an item, or the document around the
 * items (sheet.json's text fields, a section, a scope; diff_doc.h). */
typedef enum sl_audit_part {
	SL_AUDIT_PART_ITEM,
	SL_AUDIT_PART_SHEET,
	SL_AUDIT_PART_SECTION,
	SL_AUDIT_PART_SCOPE,
} sl_audit_part;

/* One row of an audit (render_audit.c): a field change of commit entry,
 * all borrowed. */
struct sl_log_entry;
typedef struct sl_audit_row {
	const struct sl_log_entry *entry;
	sl_audit_part part;
	const sl_change *change;      /* item rows; NULL for the document */
	const sl_doc_part *doc;       /* section and scope rows, else NULL */
	const sl_field_change *field; /* NULL: an item change without
				       * fields (a pure renumbering) */
	const char *now;  /* the item's id at the range's end; NULL when
			   * removed by then, and for the document */
	const char *blob; /* the content the commit left, 40 hex: the
			   * item's file (zeros: removed), or sheet.json for
			   * the document's rows; NULL when unknown */
} sl_audit_row;
typedef void (*sl_render_audit_row_fn)(void *ctx, const sl_audit_row *r);
/* Every row of the view, oldest commit first (an audit reads forward in
 * time), each commit's items then its document changes: the one
 * traversal of the audit document for CSV, Markdown and JSON. With an
 * item filter only the named items' rows. */
void sl_render__audit_rows(void *ctx, const sl_audit_view *v,
			   sl_render_audit_row_fn fn);

/* Group the diff's changes by section. new: *out (free with sl_free).
 * @return 0 or SL_ENOMEM */
int sl_render__groups(sl_render_group **out, size_t *count,
		      const sl_diff *diff);
/* The counts of one group's changes (unchanged stays 0). */
void sl_render__group_summary(sl_diff_summary *out, const sl_diff *diff,
			      const sl_render_group *g);
/* The title of a scope id (from the new sheet, else the old), or the id. */
const char *sl_render__scope_title(const sl_diff *diff, const char *scope);
/* The document title of a diff: sheet title, or "checklist". */
const char *sl_render__sheet_title(const sl_diff *diff);

/* ---- the document around the items (render_doc.c, diff_doc.h) ---- */

/* Label of a sheet.json field: 表題, 前文, 免責事項…; extras keep their
 * key. borrowed */
const char *sl_render__doc_field_label(sl_lang lang, const char *field);
/* 追加 / 削除 / 名称変更 / 変更 / 表記のみ of a section or scope change */
const char *sl_render__doc_status_label(sl_lang lang, const sl_doc_part *p);
/* CSS class of a part: "added", "removed", "notation" or "modified" */
const char *sl_render__doc_kind(const sl_doc_part *p);
/* "セクション 2. 題", "責任範囲 customer: 題", or (p NULL) "文書" */
void sl_render__doc_part_name(sl_buf *out, sl_lang lang, const sl_doc_part *p,
			      bool scope, sl_render_esc_fn esc);
/* The 新旧対照表's 備考 of a document change: (新設), (削除), (表記のみ)
 * or (変更). */
sl_label_id sl_render__doc_note(bool added, bool removed, bool notation);
/* That note as text: the label, and for (表記のみ) the code points of
 * each notation-only field's substitutions, as an item row's note shows
 * them ("(表記のみ) ⽬ U+2F6C → 目 U+76EE"). */
void sl_render__doc_note_text(sl_buf *out, sl_lang lang, sl_label_id note,
			      const sl_field_change *fields, size_t n,
			      sl_render_esc_fn esc);
/* True when a document field is shown under the options (substantive). */
bool sl_render__doc_field_shown(const sl_render_options *o,
				const sl_field_change *f);
/* The document changes shown under the options: fields, sections, scopes. */
size_t sl_render__doc_shown(const sl_diff *diff, const sl_render_options *o);
/*
 * The 文書の変更 part, nothing when no document change is shown: text
 * ("\n== 文書の変更 (n) ==" then a head line per group and its fields),
 * Markdown (h: the part's heading marks, its groups one level below) or
 * HTML (<h2>, then a <tag class="change doc …"> per group: "section",
 * or "div" where section.change means an item, as in the review).
 * @return the changes shown
 */
size_t sl_render__doc_text(sl_buf *out, const sl_diff *diff,
			   const sl_render_options *o);
size_t sl_render__doc_md(sl_buf *out, const sl_diff *diff,
			 const sl_render_options *o, const char *h);
size_t sl_render__doc_html(sl_buf *out, const sl_diff *diff,
			   const sl_render_options *o, const char *tag);
/* sl_render__doc_html with "section": the diff and the changelog. */
size_t sl_render__doc_html_sections(sl_buf *out, const sl_diff *diff,
				    const sl_render_options *o);

#endif
