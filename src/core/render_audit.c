/*
 * render_audit.c: the audit trail (sheetlog audit) as CSV, Markdown and
 * JSON. One row model (sl_audit_row: an item's field change, or a change
 * to the document around the items, diff_doc.h) and one table of columns,
 * each with its stable key (JSON, CSV --lang en), its label (Markdown,
 * CSV --lang ja) and how it reads a row; each format lists the columns it
 * shows, in order. A new column is one table row and one entry in the
 * formats' lists (the approver columns are).
 */
#include "render.h"

#include <stdio.h>
#include <string.h>

#include "approval.h"
#include "date.h"
#include "diff_doc.h"
#include "error.h"
#include "escape.h"
#include "log.h"
#include "render_int.h"
#include "render_json.h"

/* How a format wants its cells: words in the language (Markdown, CSV
 * --lang ja) or the stable names of the JSON contract. */
typedef struct audit_fmt {
	sl_lang lang;
	bool localized; /* labels for statuses, fields and parts */
	bool markdown;  /* short commit ids, 未公開, ✓ */
	const sl_approval_list *approvals; /* borrowed; NULL: none */
} audit_fmt;

typedef enum cell_kind { CELL_NULL, CELL_STR, CELL_BOOL } cell_kind;

/* A cell: its text in *out (CELL_STR), or a boolean in *b. */
typedef cell_kind (*audit_value_fn)(sl_buf *out, bool *b, const sl_audit_row *r,
				    const audit_fmt *f);

typedef struct audit_col {
	const char *key;   /* JSON key and CSV --lang en header */
	sl_label_id label; /* Markdown and CSV --lang ja header */
	audit_value_fn value;
} audit_col;

static cell_kind str_cell(sl_buf *out, const char *s)
{
	if (!s)
		return CELL_NULL;
	sl_buf_puts(out, s);
	return CELL_STR;
}

static cell_kind v_commit(sl_buf *out, bool *b, const sl_audit_row *r,
			  const audit_fmt *f)
{
	(void)b;
	sl_buf_printf(out, "%.*s", f->markdown ? 7 : 40, r->entry->info.id);
	return CELL_STR;
}

static cell_kind v_date(sl_buf *out, bool *b, const sl_audit_row *r,
			const audit_fmt *f)
{
	(void)b;
	(void)f;
	sl_date_format_iso(out, r->entry->time, r->entry->offset_min);
	return CELL_STR;
}

static cell_kind v_author(sl_buf *out, bool *b, const sl_audit_row *r,
			  const audit_fmt *f)
{
	(void)b;
	(void)f;
	return str_cell(out, r->entry->info.author.who);
}

static cell_kind v_message(sl_buf *out, bool *b, const sl_audit_row *r,
			   const audit_fmt *f)
{
	(void)b;
	(void)f;
	return str_cell(out, r->entry->info.summary);
}

static cell_kind v_edition(sl_buf *out, bool *b, const sl_audit_row *r,
			   const audit_fmt *f)
{
	(void)b;
	(void)f;
	return str_cell(out, r->entry->edition);
}

static cell_kind v_published_in(sl_buf *out, bool *b, const sl_audit_row *r,
				const audit_fmt *f)
{
	(void)b;
	/* Markdown has no unpublished column: the cell says 未公開. */
	if (!r->entry->published_in && f->markdown)
		return str_cell(out, sl_label(f->lang, SL_L_UNPUBLISHED));
	return str_cell(out, r->entry->published_in);
}

static cell_kind v_after_edition(sl_buf *out, bool *b, const sl_audit_row *r,
				 const audit_fmt *f)
{
	(void)b;
	(void)f;
	return str_cell(out, r->entry->after_edition);
}

static cell_kind v_unpublished(sl_buf *out, bool *b, const sl_audit_row *r,
			       const audit_fmt *f)
{
	(void)out;
	(void)f;
	*b = r->entry->published_in == NULL;
	return CELL_BOOL;
}

static const char *part_name(sl_audit_part p)
{
	static const char *const names[] = {"item", "sheet", "section",
					    "scope"};
	return names[p];
}

static cell_kind v_part(sl_buf *out, bool *b, const sl_audit_row *r,
			const audit_fmt *f)
{
	static const sl_label_id labels[] = {SL_L_ITEM_PART, SL_L_DOC_SELF,
					     SL_L_SECTION, SL_L_SCOPE};
	(void)b;
	return str_cell(out, f->localized ? sl_label(f->lang, labels[r->part])
					  : part_name(r->part));
}

static cell_kind v_part_id(sl_buf *out, bool *b, const sl_audit_row *r,
			   const audit_fmt *f)
{
	(void)b;
	(void)f;
	return str_cell(out, r->doc ? r->doc->id : NULL);
}

/* The Markdown's one "item" column: the item's id then, or the part of
 * the document ("文書", "セクション 2. 題"). */
static cell_kind v_target(sl_buf *out, bool *b, const sl_audit_row *r,
			  const audit_fmt *f)
{
	(void)b;
	if (r->change)
		return str_cell(out, r->change->id);
	sl_render__doc_part_name(out, f->lang, r->doc,
				 r->part == SL_AUDIT_PART_SCOPE, sl_buf_put);
	return CELL_STR;
}

static cell_kind v_item_id(sl_buf *out, bool *b, const sl_audit_row *r,
			   const audit_fmt *f)
{
	(void)b;
	(void)f;
	return str_cell(out, r->change ? r->change->id : NULL);
}

static cell_kind v_old_item_id(sl_buf *out, bool *b, const sl_audit_row *r,
			       const audit_fmt *f)
{
	(void)b;
	(void)f;
	return str_cell(out, r->change ? r->change->old_id : NULL);
}

static cell_kind v_item_id_now(sl_buf *out, bool *b, const sl_audit_row *r,
			       const audit_fmt *f)
{
	(void)b;
	(void)f;
	return str_cell(out, r->now);
}

/* A document field's own status: added or removed when a side is
 * absent, else modified. */
static const char *doc_field_status(const sl_field_change *fc, bool *added,
				    bool *removed)
{
	*added = !fc->old_text;
	*removed = !fc->new_text;
	return *added ? "added" : *removed ? "removed" : "modified";
}

static cell_kind v_status(sl_buf *out, bool *b, const sl_audit_row *r,
			  const audit_fmt *f)
{
	bool added, removed;
	const char *name;
	(void)b;
	if (r->change)
		return str_cell(
			out,
			f->localized
				? sl_render__status_label(f->lang, r->change)
				: sl_change_status_name(r->change->status));
	if (r->doc)
		return str_cell(
			out, f->localized ? sl_render__doc_status_label(f->lang,
									r->doc)
					  : sl_doc_status_name(r->doc->status));
	name = doc_field_status(r->field, &added, &removed);
	if (!f->localized)
		return str_cell(out, name);
	return str_cell(out, sl_label(f->lang, added     ? SL_L_ADDED
					       : removed ? SL_L_REMOVED
					       : r->field->notation_only
						       ? SL_L_NOTATION_ONLY
						       : SL_L_MODIFIED));
}

static cell_kind v_field(sl_buf *out, bool *b, const sl_audit_row *r,
			 const audit_fmt *f)
{
	(void)b;
	if (!r->field) /* a change without fields: its id changed */
		return str_cell(
			out, f->localized ? sl_label(f->lang, SL_L_ITEM_NUMBER)
					  : "id");
	if (!f->localized)
		return str_cell(out, r->field->field);
	if (r->change)
		return str_cell(out, sl_render__field_label(
					     f->lang,
					     sl_render__labels_of(
						     r->entry->diff, r->change),
					     r->field->field));
	return str_cell(out,
			sl_render__doc_field_label(f->lang, r->field->field));
}

static cell_kind v_old(sl_buf *out, bool *b, const sl_audit_row *r,
		       const audit_fmt *f)
{
	(void)b;
	(void)f;
	return str_cell(out, r->field ? r->field->old_text : r->change->old_id);
}

static cell_kind v_new(sl_buf *out, bool *b, const sl_audit_row *r,
		       const audit_fmt *f)
{
	(void)b;
	(void)f;
	return str_cell(out, r->field ? r->field->new_text : r->change->id);
}

static cell_kind v_notation_only(sl_buf *out, bool *b, const sl_audit_row *r,
				 const audit_fmt *f)
{
	(void)out;
	(void)f;
	*b = r->field && r->field->notation_only;
	return CELL_BOOL;
}

/* ---- approvers
 * ------------------------------------------------------------------ */

#define APPROVERS_MAX 64

/* The approvals a row's content has: records of kind approve of the
 * item (or "sheet" for the document's rows) whose blob is the content
 * the row's commit left, by someone other than the commit's author (the
 * four-eyes rule of review_signoff.c; owners are today's rule, not the
 * commit's, and are not applied here). Newest first; @return how many
 * were stored in out. */
static size_t row_approvals(const sl_approval **out, const sl_audit_row *r,
			    const audit_fmt *f)
{
	const sl_approval *found[APPROVERS_MAX];
	const char *key = r->change ? r->change->id : SL_APPROVAL_SHEET;
	size_t n, i, kept = 0;
	if (!f->approvals || !r->blob)
		return 0;
	n = sl_approval_find(found, APPROVERS_MAX, f->approvals, key, r->blob);
	if (n > APPROVERS_MAX)
		n = APPROVERS_MAX;
	for (i = 0; i < n; i++)
		if (found[i]->kind == SL_APPROVAL_APPROVE &&
		    !sl_approval_is_by(found[i], r->entry->info.author.who))
			out[kept++] = found[i];
	return kept;
}

typedef enum approver_part {
	APPROVER_WHO,
	APPROVER_AT,
	APPROVER_MESSAGE
} approver_part;

/* One line per approval, in the same order in the three columns (a
 * message line is empty when the approval had none). */
static cell_kind approver_cell(sl_buf *out, const sl_audit_row *r,
			       const audit_fmt *f, approver_part part)
{
	const sl_approval *a[APPROVERS_MAX];
	size_t n = row_approvals(a, r, f), i;
	if (n == 0)
		return CELL_NULL;
	for (i = 0; i < n; i++) {
		if (i)
			sl_buf_putc(out, '\n');
		if (part == APPROVER_WHO)
			sl_buf_printf(out, "%s <%s>", a[i]->name, a[i]->email);
		else if (part == APPROVER_AT)
			sl_date_format_iso(out, a[i]->time, a[i]->offset_min);
		else if (a[i]->message)
			sl_buf_puts(out, a[i]->message);
	}
	return CELL_STR;
}

static cell_kind v_approved_by(sl_buf *out, bool *b, const sl_audit_row *r,
			       const audit_fmt *f)
{
	(void)b;
	return approver_cell(out, r, f, APPROVER_WHO);
}

static cell_kind v_approved_at(sl_buf *out, bool *b, const sl_audit_row *r,
			       const audit_fmt *f)
{
	(void)b;
	return approver_cell(out, r, f, APPROVER_AT);
}

static cell_kind v_approval_message(sl_buf *out, bool *b, const sl_audit_row *r,
				    const audit_fmt *f)
{
	(void)b;
	return approver_cell(out, r, f, APPROVER_MESSAGE);
}

enum {
	C_COMMIT,
	C_DATE,
	C_AUTHOR,
	C_EDITION,
	C_PUBLISHED_IN,
	C_AFTER_EDITION,
	C_UNPUBLISHED,
	C_ITEM_ID,
	C_OLD_ITEM_ID,
	C_ITEM_ID_NOW,
	C_STATUS,
	C_FIELD,
	C_OLD,
	C_NEW,
	C_NOTATION_ONLY,
	C_MESSAGE,
	C_PART,
	C_PART_ID,
	C_TARGET,
	C_APPROVED_BY,
	C_APPROVED_AT,
	C_APPROVAL_MESSAGE,
	C__COUNT
};

static const audit_col columns[C__COUNT] = {
	[C_COMMIT] = {"commit", SL_L_COMMIT, v_commit},
	[C_DATE] = {"date", SL_L_DATE, v_date},
	[C_AUTHOR] = {"author", SL_L_AUTHOR, v_author},
	[C_EDITION] = {"edition", SL_L_EDITION, v_edition},
	[C_PUBLISHED_IN] = {"published_in", SL_L_PUBLISHED_IN, v_published_in},
	[C_AFTER_EDITION] = {"after_edition", SL_L_AFTER_EDITION,
			     v_after_edition},
	[C_UNPUBLISHED] = {"unpublished", SL_L_UNPUBLISHED, v_unpublished},
	[C_ITEM_ID] = {"item_id", SL_L_ITEM_THEN, v_item_id},
	[C_OLD_ITEM_ID] = {"old_item_id", SL_L_ITEM_BEFORE, v_old_item_id},
	[C_ITEM_ID_NOW] = {"item_id_now", SL_L_ITEM_NOW, v_item_id_now},
	[C_STATUS] = {"status", SL_L_STATUS, v_status},
	[C_FIELD] = {"field", SL_L_FIELD, v_field},
	[C_OLD] = {"old", SL_L_OLD_TEXT, v_old},
	[C_NEW] = {"new", SL_L_NEW_TEXT, v_new},
	[C_NOTATION_ONLY] = {"notation_only", SL_L_NOTATION_ONLY,
			     v_notation_only},
	[C_MESSAGE] = {"message", SL_L_MESSAGE, v_message},
	[C_PART] = {"part", SL_L_PART, v_part},
	[C_PART_ID] = {"part_id", SL_L_PART_ID, v_part_id},
	[C_TARGET] = {"target", SL_L_ITEM_THEN, v_target},
	[C_APPROVED_BY] = {"approved_by", SL_L_APPROVED_BY, v_approved_by},
	[C_APPROVED_AT] = {"approved_at", SL_L_APPROVED_AT, v_approved_at},
	[C_APPROVAL_MESSAGE] = {"approval_message", SL_L_APPROVAL_MESSAGE,
				v_approval_message},
};

/* The columns of each format, in order (docs/json-contract.md). The CSV
 * keeps its columns where they always were: new ones go at the end
 * (scripts read them by position). */
static const int csv_cols[] = {
	C_COMMIT,       C_DATE,          C_AUTHOR,
	C_EDITION,      C_ITEM_ID,       C_OLD_ITEM_ID,
	C_ITEM_ID_NOW,  C_STATUS,        C_FIELD,
	C_OLD,          C_NEW,           C_NOTATION_ONLY,
	C_PUBLISHED_IN, C_AFTER_EDITION, C_UNPUBLISHED,
	C_MESSAGE,      C_PART,          C_PART_ID,
	C_APPROVED_BY,  C_APPROVED_AT,   C_APPROVAL_MESSAGE,
};
static const int json_cols[] = {
	C_COMMIT,      C_DATE,         C_AUTHOR,
	C_EDITION,     C_PUBLISHED_IN, C_AFTER_EDITION,
	C_UNPUBLISHED, C_MESSAGE,      C_PART,
	C_PART_ID,     C_ITEM_ID,      C_OLD_ITEM_ID,
	C_ITEM_ID_NOW, C_STATUS,       C_FIELD,
	C_OLD,         C_NEW,          C_NOTATION_ONLY,
	C_APPROVED_BY, C_APPROVED_AT,  C_APPROVAL_MESSAGE,
};
static const int md_cols[] = {
	C_COMMIT,
	C_DATE,
	C_AUTHOR,
	C_MESSAGE,
	C_EDITION,
	C_PUBLISHED_IN,
	C_AFTER_EDITION,
	C_TARGET,
	C_ITEM_ID_NOW,
	C_STATUS,
	C_FIELD,
	C_OLD,
	C_NEW,
	C_NOTATION_ONLY,
	C_APPROVED_BY,
	C_APPROVED_AT,
	C_APPROVAL_MESSAGE,
};

/* ---- rows
 * ----------------------------------------------------------------------- */

/* Whether the filter keeps an item row: the item is one asked for by its
 * id at the end of the range, or (removed within it) by its id then. */
static bool audit_wanted(const sl_audit_view *v, const sl_change *c,
			 const char *now)
{
	size_t i;
	if (v->item_count == 0)
		return true;
	for (i = 0; i < v->item_count; i++) {
		const char *want = v->items[i];
		if (now ? !strcmp(now, want)
			: (!strcmp(c->id, want) ||
			   (c->old_id && !strcmp(c->old_id, want))))
			return true;
	}
	return false;
}

static void doc_rows(void *ctx, const sl_log_entry *e, sl_audit_part part,
		     const sl_doc_part *p, const sl_field_change *fields,
		     size_t n, sl_render_audit_row_fn fn)
{
	size_t f;
	/* Sections and scopes live in sheet.json: its content is theirs. */
	for (f = 0; f < n; f++) {
		sl_audit_row r = {e,          part, NULL,         p,
				  &fields[f], NULL, e->sheet_blob};
		fn(ctx, &r);
	}
}

void sl_render__audit_rows(void *ctx, const sl_audit_view *v,
			   sl_render_audit_row_fn fn)
{
	size_t i = v->log->entries.len, k, f;
	while (i-- > 0) {
		const sl_log_entry *e = v->log->entries.items[i];
		const sl_doc_diff *doc = sl_diff_doc(e->diff);
		for (k = 0; k < sl_diff_count(e->diff); k++) {
			const sl_change *c = sl_diff_change(e->diff, k);
			const char *now =
				c->status == SL_CHANGE_REMOVED
					? NULL
					: sl_audit_now(v->ids, i, c->id);
			sl_audit_row r = {e,
					  SL_AUDIT_PART_ITEM,
					  c,
					  NULL,
					  NULL,
					  now,
					  e->blobs ? e->blobs[k] : NULL};
			if (!audit_wanted(v, c, now))
				continue;
			if (c->field_count == 0)
				fn(ctx, &r);
			for (f = 0; f < c->field_count; f++) {
				r.field = &c->fields[f];
				fn(ctx, &r);
			}
		}
		/* The document's own changes; a filter names items only. */
		if (!doc || v->item_count)
			continue;
		doc_rows(ctx, e, SL_AUDIT_PART_SHEET, NULL, doc->fields,
			 doc->field_count, fn);
		for (k = 0; k < doc->section_count; k++)
			doc_rows(ctx, e, SL_AUDIT_PART_SECTION,
				 &doc->sections[k], doc->sections[k].fields,
				 doc->sections[k].field_count, fn);
		for (k = 0; k < doc->scope_count; k++)
			doc_rows(ctx, e, SL_AUDIT_PART_SCOPE, &doc->scopes[k],
				 doc->scopes[k].fields,
				 doc->scopes[k].field_count, fn);
	}
}

/* ---- CSV
 * ------------------------------------------------------------------------ */

typedef struct audit_out {
	sl_buf *out;
	audit_fmt fmt;
	const int *cols;
	size_t col_count;
	sl_render_jw *jw; /* JSON only */
} audit_out;

static void csv_row(void *ctx, const sl_audit_row *r)
{
	const audit_out *a = ctx;
	size_t i;
	for (i = 0; i < a->col_count; i++) {
		sl_buf cell = SL_BUF_INIT;
		bool b = false;
		cell_kind k = columns[a->cols[i]].value(&cell, &b, r, &a->fmt);
		if (i)
			sl_buf_putc(a->out, ',');
		if (k == CELL_BOOL)
			sl_buf_puts(a->out, b ? "true" : "false");
		else if (k == CELL_STR)
			sl_escape_csv(a->out, sl_buf_cstr(&cell), cell.len,
				      true);
		sl_buf_dispose(&cell);
	}
	sl_buf_puts(a->out, "\r\n");
}

int sl_render_audit_csv(sl_buf *out, const sl_audit_view *v,
			const sl_render_options *o)
{
	/* --lang en keeps the stable names scripts read; ja is for people. */
	audit_out a = {out,
		       {o->lang, o->lang == SL_LANG_JA, false, v->approvals},
		       csv_cols,
		       SL_ARRAY_SIZE(csv_cols),
		       NULL};
	size_t i;
	if (o->bom)
		sl_buf_puts(out, "\xEF\xBB\xBF");
	for (i = 0; i < a.col_count; i++) {
		const audit_col *c = &columns[a.cols[i]];
		if (i)
			sl_buf_putc(out, ',');
		sl_buf_puts(out, a.fmt.localized ? sl_label(o->lang, c->label)
						 : c->key);
	}
	sl_buf_puts(out, "\r\n");
	sl_render__audit_rows(&a, v, csv_row);
	return sl_buf_oom(out) ? sl_error_oom() : 0;
}

/* ---- Markdown
 * ------------------------------------------------------------------- */

static void md_row(void *ctx, const sl_audit_row *r)
{
	const audit_out *a = ctx;
	size_t i;
	sl_buf_putc(a->out, '|');
	for (i = 0; i < a->col_count; i++) {
		sl_buf cell = SL_BUF_INIT;
		bool b = false;
		cell_kind k = columns[a->cols[i]].value(&cell, &b, r, &a->fmt);
		sl_buf_putc(a->out, ' ');
		if (k == CELL_BOOL && b)
			sl_buf_puts(a->out, "✓");
		else if (k == CELL_STR)
			sl_escape_md_cell(a->out, sl_buf_cstr(&cell), cell.len);
		sl_buf_puts(a->out, " |");
		sl_buf_dispose(&cell);
	}
	sl_buf_putc(a->out, '\n');
}

int sl_render_audit_markdown(sl_buf *out, const sl_audit_view *v,
			     const sl_render_options *o)
{
	audit_out a = {out,
		       {o->lang, true, true, v->approvals},
		       md_cols,
		       SL_ARRAY_SIZE(md_cols),
		       NULL};
	size_t i;
	sl_buf_printf(out, "## %s\n\n|", sl_label(o->lang, SL_L_AUDIT_TITLE));
	for (i = 0; i < a.col_count; i++)
		sl_buf_printf(out, " %s |",
			      sl_label(o->lang, columns[a.cols[i]].label));
	sl_buf_puts(out, "\n|");
	for (i = 0; i < a.col_count; i++)
		sl_buf_puts(out, "---|");
	sl_buf_putc(out, '\n');
	sl_render__audit_rows(&a, v, md_row);
	return sl_buf_oom(out) ? sl_error_oom() : 0;
}

/* ---- JSON
 * ----------------------------------------------------------------------- */

static void json_row(void *ctx, const sl_audit_row *r)
{
	const audit_out *a = ctx;
	size_t i;
	sl_render__jw_sep(a->jw);
	sl_render__jw_open(a->jw, '{');
	for (i = 0; i < a->col_count; i++) {
		const audit_col *c = &columns[a->cols[i]];
		sl_buf cell = SL_BUF_INIT;
		bool b = false;
		cell_kind k = c->value(&cell, &b, r, &a->fmt);
		if (k == CELL_BOOL)
			sl_render__jw_kv_bool(a->jw, c->key, b);
		else
			sl_render__jw_kv_str(a->jw, c->key,
					     k == CELL_STR ? sl_buf_cstr(&cell)
							   : NULL);
		sl_buf_dispose(&cell);
	}
	sl_render__jw_close(a->jw, '}');
}

int sl_render_audit_json(sl_buf *out, const sl_audit_view *v,
			 const sl_render_options *o)
{
	sl_render_jw w;
	audit_out a = {out,
		       {o->lang, false, false, v->approvals},
		       json_cols,
		       SL_ARRAY_SIZE(json_cols),
		       &w};
	sl_render__jw_begin(&w, out, '[');
	sl_render__audit_rows(&a, v, json_row);
	sl_render__jw_close(&w, ']');
	return sl_render__jw_done(&w);
}
