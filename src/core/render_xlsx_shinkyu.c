/*
 * render_xlsx_shinkyu.c: the 新旧対照表 as one worksheet (render_shinkyu.c's
 * rules): 改正後 | 改正前 | 備考, the changed wording underlined in both
 * columns.
 */
#include "render_xlsx.h"

#include <string.h>

#include "alloc.h"
#include "error.h"
#include "render_int.h"

/* ---- 新旧対照表 ---- */

/* A whole item, every character underlined (added or removed). */
static void shinkyu_full(sl_render_rich *r, const sl_item *it,
			 const sl_sheet *sheet, sl_lang lang)
{
	static const char *const fields[] = {"category", "question", "answer"};
	size_t i;
	sl_render__xlsx_rich_puts(r, F_BOLD_UNDER, it->id);
	for (i = 0; i < SL_ARRAY_SIZE(fields); i++) {
		const char *v = sl_item_get(it, fields[i], NULL);
		if (!v)
			continue;
		sl_render__xlsx_rich_puts(r, F_NORMAL, "\n");
		sl_render__xlsx_rich_puts(
			r, F_NORMAL,
			sl_render__field_label(lang, sheet, fields[i]));
		sl_render__xlsx_rich_puts(r, F_NORMAL,
					  sl_label(lang, SL_L_LABEL_SEP));
		sl_render__xlsx_rich_puts(r, F_UNDER, v);
	}
}

/* One side of a modified or renumbered item: its id (underlined when it
 * moved), then each changed field with that side's changed wording
 * underlined. */
static void shinkyu_side(sl_render_rich *r, const sl_change *c, int side,
			 const sl_sheet *sheet, sl_lang lang)
{
	size_t i;
	sl_render__xlsx_rich_puts(
		r, c->status == SL_CHANGE_RENUMBERED ? F_BOLD_UNDER : F_BOLD,
		side == 0 ? c->old_id : c->id);
	for (i = 0; i < c->field_count; i++) {
		const sl_field_change *fc = &c->fields[i];
		if (sl_render__xlsx_is_placement(fc))
			continue;
		sl_render__xlsx_rich_puts(r, F_NORMAL, "\n");
		sl_render__xlsx_rich_puts(
			r, F_NORMAL,
			sl_render__field_label(lang, sheet, fc->field));
		sl_render__xlsx_rich_puts(r, F_NORMAL,
					  sl_label(lang, SL_L_LABEL_SEP));
		sl_render__xlsx_rich_ops(r, &fc->ops, side, F_UNDER, F_UNDER);
	}
}

/* The cell of one side of c (1: 改正後, 0: 改正前) over that side's sheet:
 * the whole item when only this side has it (or the number was replaced),
 * nothing when only the other side has it, else its changed fields. */
static void shinkyu_cell(sl_render_rich *r, const sl_change *c, int side,
			 const sl_sheet *sheet, sl_lang lang)
{
	sl_change_status only_here = side ? SL_CHANGE_ADDED : SL_CHANGE_REMOVED;
	sl_change_status only_there =
		side ? SL_CHANGE_REMOVED : SL_CHANGE_ADDED;
	/* A replaced number: each side's item whole. */
	if (c->status == only_here || c->status == SL_CHANGE_REPLACED)
		shinkyu_full(r, side ? c->new_item : c->old_item, sheet, lang);
	else if (c->status != only_there)
		shinkyu_side(r, c, side, sheet, lang);
}

/* One side of a document change (render_shinkyu.c's 文書の変更 rows):
 * the name in bold, then each field present on that side, labelled
 * when the row is a section's or a scope's, its changed wording
 * underlined. */
static void doc_cell(sl_render_rich *r, const char *name,
		     const sl_field_change *f, size_t n, bool labelled,
		     int side, sl_lang lang)
{
	size_t i;
	sl_render__xlsx_rich_puts(r, F_BOLD, name);
	for (i = 0; i < n; i++) {
		if (!(side ? f[i].new_text : f[i].old_text))
			continue;
		sl_render__xlsx_rich_puts(r, F_NORMAL, "\n");
		if (labelled) {
			sl_render__xlsx_rich_puts(
				r, F_NORMAL,
				sl_render__doc_field_label(lang, f[i].field));
			sl_render__xlsx_rich_puts(
				r, F_NORMAL, sl_label(lang, SL_L_LABEL_SEP));
		}
		sl_render__xlsx_rich_ops(r, &f[i].ops, side, F_UNDER, F_UNDER);
	}
}

/* Where the 文書の変更 rows are written. */
typedef struct doc_out {
	sl_render_xlsx *x;
	lxw_worksheet *ws;
	sl_render_rich *r;
	sl_lang lang;
	lxw_row_t row;
	sl_buf note; /* the 備考 being written */
} doc_out;

static void doc_row(doc_out *d, const char *name, const sl_field_change *f,
		    size_t n, bool labelled, sl_label_id note)
{
	d->x->field = "new";
	doc_cell(d->r, name, f, n, labelled, 1, d->lang);
	sl_render__xlsx_rich_write(d->x, d->ws, d->row, 0, d->r, C_TEXT);
	d->x->field = "old";
	doc_cell(d->r, name, f, n, labelled, 0, d->lang);
	sl_render__xlsx_rich_write(d->x, d->ws, d->row, 1, d->r, C_TEXT);
	d->x->field = "note";
	sl_buf_clear(&d->note);
	sl_render__doc_note_text(&d->note, d->lang, note, f, n, sl_buf_put);
	if (sl_buf_oom(&d->note) && !d->x->rc)
		d->x->rc = sl_error_oom();
	sl_render__xlsx_cell(d->x, d->ws, d->row++, 2, sl_buf_cstr(&d->note),
			     C_TEXT, F_NORMAL);
}

static void doc_parts(doc_out *d, const sl_render_options *o,
		      const sl_doc_part *p, size_t n, bool scope)
{
	sl_buf name = SL_BUF_INIT;
	size_t i;
	for (i = 0; i < n && !d->x->rc; i++) {
		if (o->substantive && p[i].notation_only)
			continue;
		sl_buf_clear(&name);
		sl_buf_printf(
			&name, "%s %s",
			sl_label(d->lang, scope ? SL_L_SCOPE : SL_L_SECTION),
			p[i].id);
		d->x->item = sl_buf_cstr(&name);
		doc_row(d, sl_buf_cstr(&name), p[i].fields, p[i].field_count,
			true,
			sl_render__doc_note(p[i].status == SL_DOC_ADDED,
					    p[i].status == SL_DOC_REMOVED,
					    p[i].notation_only));
	}
	if (sl_buf_oom(&name) && !d->x->rc)
		d->x->rc = sl_error_oom();
	d->x->item = NULL;
	sl_buf_dispose(&name);
}

/* The 文書の変更 rows before the sections': a heading row, a row per
 * text field of sheet.json, one per section and scope. @return rows */
static size_t doc_rows(doc_out *d, const sl_diff *diff,
		       const sl_render_options *o)
{
	const sl_doc_diff *doc = sl_diff_doc(diff);
	size_t i, n = sl_render__doc_shown(diff, o);
	if (n == 0 || !d->ws || d->x->rc)
		return 0;
	d->x->field = "heading";
	sl_render__xlsx_fail(
		d->x, worksheet_merge_range(
			      d->ws, d->row, 0, d->row, 2,
			      sl_label(d->lang, SL_L_DOC_CHANGES),
			      sl_render__xlsx_format(d->x, C_SECTION, F_BOLD)));
	d->row++;
	for (i = 0; i < doc->field_count && !d->x->rc; i++) {
		const sl_field_change *fc = &doc->fields[i];
		const char *label =
			sl_render__doc_field_label(d->lang, fc->field);
		if (!sl_render__doc_field_shown(o, fc))
			continue;
		d->x->item = label;
		doc_row(d, label, fc, 1, false,
			sl_render__doc_note(!fc->old_text, !fc->new_text,
					    fc->notation_only));
	}
	doc_parts(d, o, doc->sections, doc->section_count, false);
	doc_parts(d, o, doc->scopes, doc->scope_count, true);
	d->x->item = NULL;
	return n;
}

int sl_render_xlsx_shinkyu(const char *path, const sl_diff *diff,
			   const sl_render_options *opts)
{
	const sl_sheet *ns = sl_diff_new_sheet(diff),
		       *os = sl_diff_old_sheet(diff);
	sl_render_group *groups = NULL;
	sl_buf title = SL_BUF_INIT, line = SL_BUF_INIT, note = SL_BUF_INIT;
	sl_render_rich r;
	sl_render_xlsx x;
	lxw_worksheet *ws;
	lxw_row_t row = 5;
	sl_lang lang = opts->lang;
	size_t ngroups = 0, g, i, rows = 0;
	int rc;

	memset(&r, 0, sizeof(r));
	rc = sl_render__groups(&groups, &ngroups, diff);
	if (rc < 0)
		return rc;
	rc = sl_render__xlsx_open(&x, path, lang);
	if (rc < 0) {
		sl_free(groups);
		return rc;
	}
	sl_buf_printf(&title, "%s %s (%s → %s)", sl_render__sheet_title(diff),
		      sl_label(lang, SL_L_SHINKYU_TITLE),
		      sl_render__rev_short(opts->from),
		      sl_render__rev_short(opts->to));
	sl_buf_printf(&line, "%s: ", sl_label(lang, SL_L_SHINKYU_NEW));
	sl_render__rev_name(&line, opts->to, lang);
	sl_buf_printf(&line, " / %s: ", sl_label(lang, SL_L_SHINKYU_OLD));
	sl_render__rev_name(&line, opts->from, lang);
	if ((sl_buf_oom(&title) || sl_buf_oom(&line)) && !x.rc)
		x.rc = sl_error_oom();
	sl_render__xlsx_properties(&x, sl_sheet_meta_get(ns),
				   sl_buf_cstr(&title), opts, true);
	ws = sl_render__xlsx_add_sheet(&x, sl_label(lang, SL_L_SHINKYU_TITLE));
	if (ws) {
		x.field = "heading";
		sl_render__xlsx_fail(&x,
				     worksheet_set_column(ws, 0, 1, 60, NULL));
		sl_render__xlsx_fail(&x,
				     worksheet_set_column(ws, 2, 2, 16, NULL));
		sl_render__xlsx_cell(&x, ws, 0, 0, sl_buf_cstr(&title), C_NOTE,
				     F_TITLE);
		sl_render__xlsx_cell(&x, ws, 1, 0, sl_buf_cstr(&line), C_NOTE,
				     F_NORMAL);
		sl_render__xlsx_cell(&x, ws, 2, 0,
				     sl_label(lang, SL_L_SHINKYU_LEGEND),
				     C_NOTE, F_NORMAL);
		sl_render__xlsx_cell(&x, ws, 4, 0,
				     sl_label(lang, SL_L_SHINKYU_NEW), C_HEAD,
				     F_BOLD);
		sl_render__xlsx_cell(&x, ws, 4, 1,
				     sl_label(lang, SL_L_SHINKYU_OLD), C_HEAD,
				     F_BOLD);
		sl_render__xlsx_cell(&x, ws, 4, 2,
				     sl_label(lang, SL_L_SHINKYU_NOTE), C_HEAD,
				     F_BOLD);
		worksheet_freeze_panes(ws, 5, 0);
		sl_render__xlsx_print_setup(&x, ws, 4);
	}
	{
		doc_out d = {&x, ws, &r, lang, row, SL_BUF_INIT};
		rows = doc_rows(&d, diff, opts);
		row = d.row;
		sl_buf_dispose(&d.note);
	}
	for (g = 0; g < ngroups && !x.rc; g++) {
		bool open = false;
		for (i = groups[g].first;
		     i < groups[g].first + groups[g].count && !x.rc; i++) {
			const sl_change *c = sl_diff_change(diff, i);
			if (!sl_render__shown(opts, c))
				continue;
			if (!open) {
				sl_buf_clear(&line);
				sl_buf_puts(&line, groups[g].section_id);
				if (groups[g].section)
					sl_buf_printf(&line, ". %s",
						      groups[g].section->title);
				if (sl_buf_oom(&line) && !x.rc)
					x.rc = sl_error_oom();
				if (!x.rc)
					sl_render__xlsx_fail(
						&x,
						worksheet_merge_range(
							ws, row, 0, row, 2,
							sl_buf_cstr(&line),
							sl_render__xlsx_format(
								&x, C_SECTION,
								F_BOLD)));
				row++;
				open = true;
			}
			x.item = c->id;
			x.field = "new";
			shinkyu_cell(&r, c, 1, ns, lang);
			sl_render__xlsx_rich_write(&x, ws, row, 0, &r, C_TEXT);
			x.field = "old";
			shinkyu_cell(&r, c, 0, os, lang);
			sl_render__xlsx_rich_write(&x, ws, row, 1, &r, C_TEXT);
			sl_buf_clear(&note);
			sl_render__shinkyu_note(&note, c, lang, sl_buf_put);
			if (sl_buf_oom(&note) && !x.rc)
				x.rc = sl_error_oom();
			x.field = "note";
			sl_render__xlsx_cell(&x, ws, row, 2, sl_buf_cstr(&note),
					     C_TEXT, F_NORMAL);
			row++;
			rows++;
		}
	}
	if (rows == 0 && ws)
		sl_render__xlsx_cell(&x, ws, row, 0,
				     sl_label(lang, SL_L_NO_CHANGES), C_NOTE,
				     F_NORMAL);
	rc = sl_render__xlsx_close(&x, path);
	sl_buf_dispose(&title);
	sl_buf_dispose(&line);
	sl_buf_dispose(&note);
	sl_render__xlsx_rich_dispose(&r);
	sl_free(groups);
	return rc;
}
