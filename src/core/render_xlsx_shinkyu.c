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
		sl_render__xlsx_rich_puts(r, F_NORMAL, "：");
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
		sl_render__xlsx_rich_puts(r, F_NORMAL, "：");
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
