/*
 * render_xlsx_export.c: the sheet as a workbook laid out like the
 * published table: a cover, one worksheet per section, and with a diff
 * the changed cells highlighted and a last worksheet of every change.
 */
#include "render_xlsx.h"

#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "error.h"
#include "render_int.h"
#include "strmap.h"
#include "vec.h"

/* ---- change labels ---- */

/* 追加 / 変更 / 表記のみ / 番号変更 (旧 2-3), with ・変更 or ・表記のみ when a
 * renumbered item's text changed too. */
static void change_label(sl_buf *out, const sl_change *c, sl_lang lang)
{
	bool edited = false, substantive = false;
	size_t i;
	if (c->status != SL_CHANGE_RENUMBERED) {
		sl_buf_puts(out, sl_render__status_label(lang, c));
		return;
	}
	for (i = 0; i < c->field_count; i++) {
		if (sl_render__xlsx_is_placement(&c->fields[i]))
			continue;
		edited = true;
		substantive |= !c->fields[i].notation_only;
	}
	sl_buf_printf(out, "%s (%s %s)", sl_label(lang, SL_L_RENUMBERED),
		      sl_label(lang, SL_L_WAS), c->old_id);
	if (edited)
		sl_buf_printf(out, "%s%s", lang == SL_LANG_JA ? "・" : ", ",
			      sl_label(lang, substantive ? SL_L_MODIFIED
							 : SL_L_NOTATION_ONLY));
}

static const sl_field_change *field_change(const sl_change *c,
					   const char *field)
{
	size_t i;
	for (i = 0; i < c->field_count; i++)
		if (!strcmp(c->fields[i].field, field))
			return &c->fields[i];
	return NULL;
}

/* ---- the sheet ---- */

/* One worksheet per section, filled row by row. */
typedef struct slot {
	lxw_worksheet *ws;
	lxw_row_t next; /* next free row */
} slot;

typedef struct export_ctx {
	const sl_sheet *sheet;
	const sl_diff *diff;  /* NULL without --changes-since */
	sl_vec fields;        /* borrowed names: category, question,
			       * answer, then extras sorted */
	sl_strmap changes;    /* new id -> sl_change (borrowed) */
	lxw_col_t change_col; /* the 種別 column, when diff */
	lxw_col_t last_col;
	sl_render_rich r;
} export_ctx;

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The data columns: the published three, then every extra field name of
 * any item, sorted and unique (as the CSV export). */
static int export_fields(sl_vec *out, const sl_sheet *sheet)
{
	static const char *const known[] = {"category", "question", "answer"};
	sl_vec extras = SL_VEC_INIT;
	size_t i, j, n = sl_sheet_item_count(sheet);
	int rc = 0;
	for (i = 0; i < SL_ARRAY_SIZE(known) && rc == 0; i++)
		rc = sl_vec_push(out, (void *)known[i]);
	for (i = 0; i < n && rc == 0; i++) {
		const sl_item *it = sl_sheet_item(sheet, i);
		for (j = 0; j < it->extra_count && rc == 0; j++)
			rc = sl_vec_push(&extras, it->extra[j].name);
	}
	if (rc == 0) {
		sl_vec_sort(&extras, name_cmp);
		for (i = 0; i < extras.len && rc == 0; i++)
			if (i == 0 ||
			    strcmp(extras.items[i - 1], extras.items[i]))
				rc = sl_vec_push(out, extras.items[i]);
	}
	sl_vec_dispose(&extras);
	return rc < 0 ? sl_error_oom() : 0;
}

static void cover_pair(sl_render_xlsx *x, lxw_worksheet *ws, lxw_row_t *row,
		       sl_label_id label, const char *value)
{
	if (!value || !*value)
		return;
	sl_render__xlsx_cell(x, ws, *row, 0, sl_label(x->lang, label), C_COVER,
			     F_BOLD);
	sl_render__xlsx_cell(x, ws, *row, 1, value, C_COVER, F_NORMAL);
	(*row)++;
}

static void cover(sl_render_xlsx *x, const sl_sheet_meta *m,
		  const sl_diff *diff, const sl_render_options *o)
{
	lxw_worksheet *ws =
		sl_render__xlsx_add_sheet(x, sl_label(x->lang, SL_L_COVER));
	sl_buf name = SL_BUF_INIT;
	lxw_row_t row = 2;
	if (!ws)
		return;
	x->item = NULL;
	x->field = "sheet.json";
	worksheet_gridlines(ws, LXW_HIDE_ALL_GRIDLINES);
	sl_render__xlsx_fail(x, worksheet_set_column(ws, 0, 0, 16, NULL));
	sl_render__xlsx_fail(x, worksheet_set_column(ws, 1, 1, 100, NULL));
	sl_render__xlsx_cell(x, ws, 0, 0, m->title ? m->title : "checklist",
			     C_NOTE, F_TITLE);
	cover_pair(x, ws, &row, SL_L_PUBLISHER, m->publisher);
	cover_pair(x, ws, &row, SL_L_AS_OF, m->as_of);
	if (m->as_of_note) {
		sl_render__xlsx_cell(x, ws, row, 1, m->as_of_note, C_COVER,
				     F_NORMAL);
		row++;
	}
	cover_pair(x, ws, &row, SL_L_SOURCE, m->source_url);
	if (o->to)
		sl_render__rev_name(&name, o->to, x->lang);
	else if (o->rev)
		sl_buf_puts(&name, o->rev);
	cover_pair(x, ws, &row, SL_L_REVISION, sl_buf_cstr(&name));
	cover_pair(x, ws, &row, SL_L_COMMIT, sl_render__xlsx_commit(o));
	if (diff && o->from) {
		sl_buf_clear(&name);
		sl_render__rev_name(&name, o->from, x->lang);
		cover_pair(x, ws, &row, SL_L_FROM, sl_buf_cstr(&name));
	}
	if (sl_buf_oom(&name) && !x->rc)
		x->rc = sl_error_oom();
	sl_buf_dispose(&name);
	row++;
	if (m->introduction) {
		sl_render__xlsx_cell(x, ws, row, 1, m->introduction, C_COVER,
				     F_NORMAL);
		row += 2;
	}
	if (m->disclaimer_title) {
		sl_render__xlsx_cell(x, ws, row, 1, m->disclaimer_title,
				     C_COVER, F_BOLD);
		row++;
	}
	if (m->disclaimer)
		sl_render__xlsx_cell(x, ws, row, 1, m->disclaimer, C_COVER,
				     F_NORMAL);
	worksheet_activate(ws);
}

static lxw_worksheet *section_sheet(sl_render_xlsx *x, export_ctx *e,
				    const char *id, const char *title)
{
	sl_buf want = SL_BUF_INIT;
	lxw_worksheet *ws;
	size_t k;
	sl_lang lang = x->lang;
	sl_buf_puts(&want, id);
	if (title && *title)
		sl_buf_printf(&want, " %s", title);
	if (sl_buf_oom(&want)) {
		sl_buf_dispose(&want);
		if (!x->rc)
			x->rc = sl_error_oom();
		return NULL;
	}
	ws = sl_render__xlsx_add_sheet(x, sl_buf_cstr(&want));
	sl_buf_dispose(&want);
	if (!ws)
		return NULL;
	/* Widths in characters for Japanese text: a full-width character
	 * is about two. */
	sl_render__xlsx_fail(x, worksheet_set_column(ws, 0, 0, 8, NULL));
	x->item = NULL;
	x->field = "id";
	sl_render__xlsx_cell(x, ws, 0, 0,
			     sl_render__field_label(lang, e->sheet, "id"),
			     C_HEAD, F_BOLD);
	for (k = 0; k < e->fields.len; k++) {
		const char *f = e->fields.items[k];
		double width = !strcmp(f, "category")   ? 18
			       : !strcmp(f, "question") ? 50
			       : !strcmp(f, "answer")   ? 70
							: 30;
		lxw_col_t col = (lxw_col_t)(k + 1);
		sl_render__xlsx_fail(
			x, worksheet_set_column(ws, col, col, width, NULL));
		x->field = f;
		sl_render__xlsx_cell(x, ws, 0, col,
				     sl_render__field_label(lang, e->sheet, f),
				     C_HEAD, F_BOLD);
	}
	if (e->diff) {
		sl_render__xlsx_fail(x, worksheet_set_column(ws, e->change_col,
							     e->change_col, 22,
							     NULL));
		sl_render__xlsx_cell(x, ws, 0, e->change_col,
				     sl_label(lang, SL_L_STATUS), C_HEAD,
				     F_BOLD);
	}
	worksheet_freeze_panes(ws, 1, 0);
	sl_render__xlsx_print_setup(x, ws, 0);
	return ws;
}

static void item_row(sl_render_xlsx *x, export_ctx *e, slot *s,
		     const sl_item *it)
{
	void *found = NULL;
	const sl_change *c = NULL;
	bool added;
	int base;
	size_t k;
	lxw_row_t row = s->next++;

	if (e->diff && sl_strmap_get(&e->changes, it->id, &found))
		c = found;
	/* A replaced number holds a new item: shown whole, as added. */
	added = c && (c->status == SL_CHANGE_ADDED ||
		      c->status == SL_CHANGE_REPLACED);
	base = added ? C_ADDED : C_TEXT;
	x->item = it->id;
	x->field = "id";
	sl_render__xlsx_cell(x, s->ws, row, 0, it->id,
			     c && c->status == SL_CHANGE_RENUMBERED ? C_CHANGED
								    : base,
			     F_NORMAL);
	for (k = 0; k < e->fields.len; k++) {
		const char *f = e->fields.items[k];
		const sl_field_change *fc =
			c && !added ? field_change(c, f) : NULL;
		lxw_col_t col = (lxw_col_t)(k + 1);
		x->field = f;
		if (fc) {
			sl_render__xlsx_rich_ops(&e->r, &fc->ops, -1, F_DEL,
						 F_INS);
			sl_render__xlsx_rich_write(
				x, s->ws, row, col, &e->r,
				fc->notation_only ? C_NOTATION : C_CHANGED);
		} else {
			sl_render__xlsx_cell(x, s->ws, row, col,
					     sl_item_get(it, f, NULL), base,
					     F_NORMAL);
		}
	}
	if (e->diff) {
		sl_buf label = SL_BUF_INIT;
		int style = C_TEXT;
		if (c) {
			change_label(&label, c, x->lang);
			style = added              ? C_ADDED
				: c->notation_only ? C_NOTATION
						   : C_CHANGED;
		}
		if (sl_buf_oom(&label) && !x->rc)
			x->rc = sl_error_oom();
		x->field = "change";
		sl_render__xlsx_cell(x, s->ws, row, e->change_col,
				     sl_buf_cstr(&label), style, F_NORMAL);
		sl_buf_dispose(&label);
	}
}

/* One row of the change list for a document field (diff_doc.h): the
 * group's name as the id, its status, the field, both texts (changed
 * wording marked when the field exists on both sides). */
static void doc_row(sl_render_xlsx *x, export_ctx *e, lxw_worksheet *ws,
		    lxw_row_t row, const char *name, const char *status,
		    const sl_field_change *fc)
{
	int style = fc->notation_only ? C_NOTATION
		    : !fc->old_text   ? C_ADDED
		    : !fc->new_text   ? C_REMOVED
				      : C_TEXT;
	x->field = fc->field;
	sl_render__xlsx_cell(x, ws, row, 0, name, style, F_NORMAL);
	sl_render__xlsx_cell(x, ws, row, 1, NULL, style, F_NORMAL);
	sl_render__xlsx_cell(x, ws, row, 2, status, style, F_NORMAL);
	sl_render__xlsx_cell(x, ws, row, 3,
			     sl_render__doc_field_label(x->lang, fc->field),
			     style, F_NORMAL);
	if (fc->old_text && fc->new_text) {
		sl_render__xlsx_rich_ops(&e->r, &fc->ops, 0, F_DEL, F_INS);
		sl_render__xlsx_rich_write(x, ws, row, 4, &e->r, style);
		sl_render__xlsx_rich_ops(&e->r, &fc->ops, 1, F_DEL, F_INS);
		sl_render__xlsx_rich_write(x, ws, row, 5, &e->r, style);
	} else {
		sl_render__xlsx_cell(x, ws, row, 4, fc->old_text, style,
				     F_NORMAL);
		sl_render__xlsx_cell(x, ws, row, 5, fc->new_text, style,
				     F_NORMAL);
	}
}

/* The rows of a section's or scope's changes. */
static void doc_part_rows(sl_render_xlsx *x, export_ctx *e, lxw_worksheet *ws,
			  lxw_row_t *row, const sl_doc_part *p, size_t n,
			  bool scope)
{
	sl_buf name = SL_BUF_INIT;
	size_t i, f;
	for (i = 0; i < n && !x->rc; i++) {
		sl_buf_clear(&name);
		sl_render__doc_part_name(&name, x->lang, &p[i], scope,
					 sl_buf_put);
		x->item = sl_buf_cstr(&name);
		for (f = 0; f < p[i].field_count && !x->rc; f++)
			doc_row(x, e, ws, (*row)++, sl_buf_cstr(&name),
				sl_render__doc_status_label(x->lang, &p[i]),
				&p[i].fields[f]);
	}
	if (sl_buf_oom(&name) && !x->rc)
		x->rc = sl_error_oom();
	x->item = NULL;
	sl_buf_dispose(&name);
}

/* After the items: the document's own changes (sheet.json), a row per
 * field. */
static void doc_rows(sl_render_xlsx *x, export_ctx *e, lxw_worksheet *ws,
		     lxw_row_t *row)
{
	const sl_doc_diff *doc = sl_diff_doc(e->diff);
	const char *self = sl_label(x->lang, SL_L_DOC_SELF);
	size_t i;
	x->item = self;
	for (i = 0; i < doc->field_count && !x->rc; i++)
		doc_row(x, e, ws, (*row)++, self,
			sl_label(x->lang, doc->fields[i].notation_only
						  ? SL_L_NOTATION_ONLY
						  : SL_L_MODIFIED),
			&doc->fields[i]);
	doc_part_rows(x, e, ws, row, doc->sections, doc->section_count, false);
	doc_part_rows(x, e, ws, row, doc->scopes, doc->scope_count, true);
}

/* The worksheet listing every change, one row per field, then the
 * document's own changes. */
static void change_list(sl_render_xlsx *x, export_ctx *e)
{
	static const sl_label_id heads[] = {SL_L_ID,       SL_L_OLD_ID,
					    SL_L_STATUS,   SL_L_FIELD,
					    SL_L_OLD_TEXT, SL_L_NEW_TEXT};
	static const double widths[] = {8, 8, 22, 12, 60, 60};
	const sl_diff *diff = e->diff;
	const sl_sheet *ns = sl_diff_new_sheet(diff);
	lxw_worksheet *ws = sl_render__xlsx_add_sheet(
		x, sl_label(x->lang, SL_L_CHANGE_LIST));
	sl_buf label = SL_BUF_INIT;
	lxw_row_t row = 1;
	size_t i, f;
	lxw_col_t col;

	if (!ws)
		return;
	x->item = NULL;
	x->field = "heading";
	for (col = 0; col < SL_ARRAY_SIZE(heads); col++) {
		sl_render__xlsx_fail(
			x,
			worksheet_set_column(ws, col, col, widths[col], NULL));
		sl_render__xlsx_cell(
			x, ws, 0, col,
			col == 0 ? sl_render__field_label(x->lang, ns, "id")
				 : sl_label(x->lang, heads[col]),
			C_HEAD, F_BOLD);
	}
	worksheet_freeze_panes(ws, 1, 0);
	sl_render__xlsx_print_setup(x, ws, 0);
	for (i = 0; i < sl_diff_count(diff) && !x->rc; i++) {
		const sl_change *c = sl_diff_change(diff, i);
		bool rows = false, edit = c->status == SL_CHANGE_MODIFIED ||
					  c->status == SL_CHANGE_RENUMBERED;
		int kind = c->status == SL_CHANGE_ADDED     ? C_ADDED
			   : c->status == SL_CHANGE_REMOVED ? C_REMOVED
							    : C_TEXT;
		sl_buf_clear(&label);
		change_label(&label, c, x->lang);
		x->item = c->id;
		for (f = 0; f <= c->field_count && !x->rc; f++) {
			const sl_field_change *fc =
				f < c->field_count ? &c->fields[f] : NULL;
			int style = kind;
			if (fc && !sl_render__field_shown(c, fc))
				continue;
			if (!fc && rows)
				break;
			/* A change without a shown field (a bare
			 * renumbering) still gets its row. */
			if (fc && fc->notation_only && edit)
				style = C_NOTATION;
			x->field = fc ? fc->field : "id";
			sl_render__xlsx_cell(
				x, ws, row, 0,
				c->status == SL_CHANGE_REMOVED ? NULL : c->id,
				style, F_NORMAL);
			sl_render__xlsx_cell(x, ws, row, 1, c->old_id, style,
					     F_NORMAL);
			sl_render__xlsx_cell(x, ws, row, 2, sl_buf_cstr(&label),
					     style, F_NORMAL);
			sl_render__xlsx_cell(
				x, ws, row, 3,
				fc ? sl_render__field_label(x->lang, ns,
							    fc->field)
				   : NULL,
				style, F_NORMAL);
			if (fc && edit) {
				sl_render__xlsx_rich_ops(&e->r, &fc->ops, 0,
							 F_DEL, F_INS);
				sl_render__xlsx_rich_write(x, ws, row, 4, &e->r,
							   style);
				sl_render__xlsx_rich_ops(&e->r, &fc->ops, 1,
							 F_DEL, F_INS);
				sl_render__xlsx_rich_write(x, ws, row, 5, &e->r,
							   style);
			} else {
				sl_render__xlsx_cell(x, ws, row, 4,
						     fc ? fc->old_text : NULL,
						     style, F_NORMAL);
				sl_render__xlsx_cell(x, ws, row, 5,
						     fc ? fc->new_text : NULL,
						     style, F_NORMAL);
			}
			row++;
			rows = true;
		}
	}
	if (sl_buf_oom(&label) && !x->rc)
		x->rc = sl_error_oom();
	sl_buf_dispose(&label);
	doc_rows(x, e, ws, &row);
	if (row == 1)
		sl_render__xlsx_cell(x, ws, row++, 0,
				     sl_label(x->lang, SL_L_NO_CHANGES), C_NOTE,
				     F_NORMAL);
	else
		sl_render__xlsx_fail(
			x, worksheet_autofilter(ws, 0, 0, row - 1,
						SL_ARRAY_SIZE(heads) - 1));
}

static void export_subject(sl_buf *out, const sl_sheet_meta *m,
			   const sl_diff *diff, const sl_render_options *o)
{
	sl_buf_printf(out, "%s: %s", sl_label(o->lang, SL_L_AS_OF),
		      m->as_of ? m->as_of : "?");
	if (diff && o->from)
		sl_buf_printf(out, "; %s: %s", sl_label(o->lang, SL_L_FROM),
			      o->from->edition ? o->from->edition
			      : o->from->label ? o->from->label
					       : "?");
}

int sl_render_xlsx_export(const char *path, const sl_sheet *sheet,
			  const sl_diff *diff, const sl_render_options *opts)
{
	const sl_sheet_meta *m = sl_sheet_meta_get(sheet);
	export_ctx e;
	sl_render_xlsx x;
	sl_strmap by_section = SL_STRMAP_INIT;
	sl_buf subject = SL_BUF_INIT;
	slot *slots = NULL;
	size_t i, nslots = 0, n = sl_sheet_item_count(sheet);
	int rc;

	memset(&e, 0, sizeof(e));
	e.sheet = sheet;
	e.diff = diff;
	rc = sl_render__xlsx_open(&x, path, opts->lang);
	if (rc < 0)
		return rc;
	x.rc = export_fields(&e.fields, sheet);
	e.change_col = (lxw_col_t)(e.fields.len + 1);
	e.last_col = diff ? e.change_col : (lxw_col_t)e.fields.len;
	/* Changes by the id they have in the exported sheet. */
	for (i = 0; diff && i < sl_diff_count(diff) && !x.rc; i++) {
		const sl_change *c = sl_diff_change(diff, i);
		if (c->status != SL_CHANGE_REMOVED &&
		    sl_strmap_put(&e.changes, c->id, (void *)c) < 0)
			x.rc = sl_error_oom();
	}
	export_subject(&subject, m, diff, opts);
	if (sl_buf_oom(&subject) && !x.rc)
		x.rc = sl_error_oom();
	sl_render__xlsx_properties(&x, m, sl_buf_cstr(&subject), opts,
				   diff != NULL);
	cover(&x, m, diff, opts);

	/* A worksheet per section of sheet.json, in order, even an empty
	 * one; items of a section it does not list (lint refuses them, but
	 * the renderer must not lose rows) get one each after them. */
	slots = sl_calloc(m->section_count + n + 1, sizeof(*slots));
	if (!slots && !x.rc)
		x.rc = sl_error_oom();
	for (i = 0; i < m->section_count && !x.rc; i++) {
		const sl_section *s = &m->sections[i];
		slots[nslots].ws = section_sheet(&x, &e, s->id, s->title);
		slots[nslots].next = 1;
		if (!x.rc &&
		    sl_strmap_put(&by_section, s->id, &slots[nslots]) < 0)
			x.rc = sl_error_oom();
		nslots++;
	}
	for (i = 0; i < n && !x.rc; i++) {
		const sl_item *it = sl_sheet_item(sheet, i);
		void *found = NULL;
		slot *s;
		if (sl_strmap_get(&by_section, it->section, &found)) {
			s = found;
		} else {
			s = &slots[nslots++];
			s->ws = section_sheet(&x, &e, it->section, NULL);
			s->next = 1;
			if (!x.rc &&
			    sl_strmap_put(&by_section, it->section, s) < 0)
				x.rc = sl_error_oom();
		}
		if (!x.rc)
			item_row(&x, &e, s, it);
	}
	for (i = 0; i < nslots && !x.rc; i++)
		if (slots[i].next > 1)
			sl_render__xlsx_fail(
				&x, worksheet_autofilter(slots[i].ws, 0, 0,
							 slots[i].next - 1,
							 e.last_col));
	if (diff && !x.rc)
		change_list(&x, &e);
	rc = sl_render__xlsx_close(&x, path);
	sl_free(slots);
	sl_strmap_dispose(&by_section);
	sl_strmap_dispose(&e.changes);
	sl_vec_dispose(&e.fields);
	sl_buf_dispose(&subject);
	sl_render__xlsx_rich_dispose(&e.r);
	return rc;
}
