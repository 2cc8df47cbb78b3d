/*
 * render_json_history.c: history, show, blame, log and audit as JSON,
 * written with render_json.h's streaming writer.
 *
 * history: {"item", "start", "truncated", "shallow_boundary",
 *           "revisions": [{"rev", "commit", "date", "author", "edition",
 *           <published>, "message", "id", "old_id", "status",
 *           "notation_only", "merge", "resolution", "reused_number",
 *           "old_item_moved_to", "fields": [as in diff]}],
 *           "approvals": [{"item", "blob", "kind", "name", "email",
 *           "time", "message"}]}   both newest first
 * show:    {"rev", "commit", "edition", "last_change": <step or null>,
 *           "item": {<canonical fields>}}
 * blame:   {"item", "rev", "fields": [{"field", "value", "change"}],
 *           "chars": null | {"field", "runs": [{"text", "change"}]}}
 *           change = {"rev", "commit", "date", "author", "edition",
 *           <published>} or null
 * blame sheet: {"item": "sheet", "rev", "truncated",
 *           "fields": [{"part", "part_id", "field", "value", "change"}],
 *           "chars": null}
 * log:     [{"commit", "date", "author", "edition", <published>,
 *            "message", "merge", "resolution", "summary" (without
 *            "unchanged"), "sheet_changes" (the document's, diff_doc.h),
 *            "ids": [...]}]   newest first
 * audit:   render_audit.c
 * <published> = "published_in" (the first edition that contains the
 *            commit, or null), "after_edition" (the newest edition
 *            before it, or null), "unpublished" (published_in is null)
 */
#include "render.h"

#include "approval.h"

#include <string.h>

#include "history.h"
#include "render_int.h"
#include "render_json.h"
#include "blame.h"
#include "blame_sheet.h"
#include "log.h"

/* "published_in", "after_edition", "unpublished": which edition first
 * contained a commit (null: none yet) and the newest edition before it. */
static void jw_published(sl_render_jw *w, const char *published_in,
			 const char *after)
{
	sl_render__jw_kv_str(w, "published_in", published_in);
	sl_render__jw_kv_str(w, "after_edition", after);
	sl_render__jw_kv_bool(w, "unpublished", !published_in);
}

/* "rev", "commit", "date", "author", "edition" of a step: where a
 * history step and a blame's change reference start. */
static void jw_step_where(sl_render_jw *w, const sl_history_step *s)
{
	sl_render__jw_kv_str(w, "rev", s->rev);
	sl_render__jw_kv_str(w, "commit", s->is_commit ? s->info.id : NULL);
	if (s->is_commit)
		sl_render__jw_kv_time(w, "date", s->time, s->offset_min);
	else
		sl_render__jw_kv_str(w, "date", NULL);
	sl_render__jw_kv_str(w, "author",
			     s->is_commit ? s->info.author.who : NULL);
	sl_render__jw_kv_str(w, "edition", s->edition);
	jw_published(w, s->published_in, s->after_edition);
}

/* A step object at the current position (no separator). */
static void jw_step_obj(sl_render_jw *w, const sl_history_step *s)
{
	const sl_change *c = s->change;
	sl_render__jw_open(w, '{');
	jw_step_where(w, s);
	sl_render__jw_kv_str(w, "message",
			     s->is_commit ? s->info.summary : NULL);
	sl_render__jw_kv_str(w, "id", c->id);
	sl_render__jw_kv_str(w, "old_id", c->old_id);
	sl_render__jw_kv_str(w, "status", sl_change_status_name(c->status));
	sl_render__jw_kv_bool(w, "notation_only", c->notation_only);
	sl_render__jw_kv_bool(w, "merge", s->merge);
	sl_render__jw_kv_bool(w, "resolution", s->resolution);
	sl_render__jw_kv_bool(w, "reused_number", s->reused);
	sl_render__jw_kv_str(w, "old_item_moved_to", s->old_moved_to);
	sl_render__jw_fields(w, c);
	sl_render__jw_close(w, '}');
}

static void jw_step(sl_render_jw *w, const sl_history_step *s)
{
	sl_render__jw_sep(w);
	jw_step_obj(w, s);
}

#define APPROVAL_EVENTS_MAX 256

/* The item's approvals and confirmations, newest first: the events the
 * text and Markdown list after the commits (render_approval.c). */
static void jw_approvals(sl_render_jw *w, const sl_approval_list *l,
			 const char *item)
{
	const sl_approval *recs[APPROVAL_EVENTS_MAX];
	size_t n = l ? sl_approval_find(recs, APPROVAL_EVENTS_MAX, l, item,
					NULL)
		     : 0,
	       i;
	if (n > APPROVAL_EVENTS_MAX)
		n = APPROVAL_EVENTS_MAX;
	sl_render__jw_key(w, "approvals");
	sl_render__jw_open(w, '[');
	for (i = 0; i < n; i++) {
		const sl_approval *a = recs[i];
		sl_render__jw_sep(w);
		sl_render__jw_open(w, '{');
		sl_render__jw_kv_str(w, "item", a->item);
		sl_render__jw_kv_str(w, "blob", a->blob);
		sl_render__jw_kv_str(w, "kind", sl_approval_kind_name(a->kind));
		sl_render__jw_kv_str(w, "name", a->name);
		sl_render__jw_kv_str(w, "email", a->email);
		sl_render__jw_kv_time(w, "time", a->time, a->offset_min);
		sl_render__jw_kv_str(w, "message", a->message);
		sl_render__jw_close(w, '}');
	}
	sl_render__jw_close(w, ']');
}

int sl_render_history_json(sl_buf *out, const sl_history *h,
			   const sl_render_options *o)
{
	return sl_render_history_json_approvals(out, h, NULL, o);
}

int sl_render_history_json_approvals(sl_buf *out, const sl_history *h,
				     const sl_approval_list *approvals,
				     const sl_render_options *o)
{
	sl_render_jw w;
	size_t i;
	(void)o;
	sl_render__jw_begin(&w, out, '{');
	sl_render__jw_kv_str(&w, "item", h->item);
	sl_render__jw_kv_str(&w, "start", h->start);
	sl_render__jw_kv_bool(&w, "truncated", h->truncated);
	sl_render__jw_kv_str(&w, "shallow_boundary",
			     h->truncated ? h->boundary : NULL);
	sl_render__jw_key(&w, "revisions");
	sl_render__jw_open(&w, '[');
	for (i = 0; i < h->steps.len; i++)
		jw_step(&w, h->steps.items[i]);
	sl_render__jw_close(&w, ']');
	jw_approvals(&w, approvals, h->item);
	sl_render__jw_close(&w, '}');
	return sl_render__jw_done(&w);
}

static void jw_item(sl_render_jw *w, const sl_item *it)
{
	size_t i;
	sl_render__jw_open(w, '{');
	for (i = 0; i < SL_ARRAY_SIZE(sl_item_known_fields); i++) {
		const char *v = sl_item_get(it, sl_item_known_fields[i], NULL);
		if (v)
			sl_render__jw_kv_str(w, sl_item_known_fields[i], v);
	}
	for (i = 0; i < it->extra_count; i++) {
		sl_render__jw_key(w, it->extra[i].name);
		if (it->extra[i].is_json)
			sl_buf_puts(w->out, it->extra[i].text);
		else
			sl_render__jw_str(w, it->extra[i].text);
	}
	sl_render__jw_close(w, '}');
}

int sl_render_show_json(sl_buf *out, const sl_item *it, const sl_rev *rev,
			const sl_history *h, const sl_render_options *o)
{
	sl_render_jw w;
	(void)o;
	sl_render__jw_begin(&w, out, '{');
	sl_render__jw_kv_str(&w, "rev", rev->label);
	sl_render__jw_kv_str(&w, "commit",
			     rev->kind == SL_SNAP_COMMIT ? rev->commit.id
							 : NULL);
	sl_render__jw_kv_str(&w, "edition", rev->edition);
	sl_render__jw_key(&w, "last_change");
	if (h && h->steps.len) {
		jw_step_obj(&w, h->steps.items[0]);
	} else {
		sl_buf_puts(out, "null");
	}
	sl_render__jw_key(&w, "item");
	jw_item(&w, it);
	sl_render__jw_close(&w, '}');
	return sl_render__jw_done(&w);
}

static void jw_change_ref(sl_render_jw *w, const sl_history_step *s)
{
	sl_render__jw_key(w, "change");
	if (!s) {
		sl_buf_puts(w->out, "null");
		return;
	}
	sl_render__jw_open(w, '{');
	jw_step_where(w, s);
	sl_render__jw_close(w, '}');
}

int sl_render_blame_sheet_json(sl_buf *out, const sl_blame_sheet *b,
			       const sl_render_options *o)
{
	sl_render_jw w;
	size_t i;
	(void)o;
	sl_render__jw_begin(&w, out, '{');
	sl_render__jw_kv_str(&w, "item", "sheet");
	sl_render__jw_kv_str(&w, "rev", b->history->start);
	sl_render__jw_kv_bool(&w, "truncated", b->history->truncated);
	sl_render__jw_key(&w, "fields");
	sl_render__jw_open(&w, '[');
	for (i = 0; i < b->field_count; i++) {
		const sl_blame_doc_field *f = &b->fields[i];
		sl_render__jw_sep(&w);
		sl_render__jw_open(&w, '{');
		sl_render__jw_kv_str(&w, "part", sl_blame_part_name(f->part));
		sl_render__jw_kv_str(&w, "part_id", f->part_id);
		sl_render__jw_kv_str(&w, "field", f->field);
		sl_render__jw_kv_str(&w, "value", f->value);
		jw_change_ref(&w, f->step);
		sl_render__jw_close(&w, '}');
	}
	sl_render__jw_close(&w, ']');
	sl_render__jw_key(&w, "chars");
	sl_buf_puts(out, "null");
	sl_render__jw_close(&w, '}');
	return sl_render__jw_done(&w);
}

int sl_render_blame_json(sl_buf *out, const sl_blame *b,
			 const sl_render_options *o)
{
	sl_render_jw w;
	size_t i;
	(void)o;
	sl_render__jw_begin(&w, out, '{');
	sl_render__jw_kv_str(&w, "item", b->item->id);
	sl_render__jw_kv_str(&w, "rev", b->history->start);
	sl_render__jw_key(&w, "fields");
	sl_render__jw_open(&w, '[');
	for (i = 0; i < b->field_count; i++) {
		sl_render__jw_sep(&w);
		sl_render__jw_open(&w, '{');
		sl_render__jw_kv_str(&w, "field", b->fields[i].field);
		sl_render__jw_kv_str(&w, "value", b->fields[i].value);
		jw_change_ref(&w, b->fields[i].step);
		sl_render__jw_close(&w, '}');
	}
	sl_render__jw_close(&w, ']');
	sl_render__jw_key(&w, "chars");
	if (b->chars_field) {
		const char *text = sl_item_get(b->item, b->chars_field, NULL);
		sl_render__jw_open(&w, '{');
		sl_render__jw_kv_str(&w, "field", b->chars_field);
		sl_render__jw_key(&w, "runs");
		sl_render__jw_open(&w, '[');
		for (i = 0; i < b->run_count; i++) {
			sl_render__jw_sep(&w);
			sl_render__jw_open(&w, '{');
			sl_render__jw_key(&w, "text");
			sl_render__jw_string(&w, text + b->runs[i].off,
					     b->runs[i].len);
			jw_change_ref(&w, b->runs[i].step);
			sl_render__jw_close(&w, '}');
		}
		sl_render__jw_close(&w, ']');
		sl_render__jw_close(&w, '}');
	} else {
		sl_buf_puts(out, "null");
	}
	sl_render__jw_close(&w, '}');
	return sl_render__jw_done(&w);
}

int sl_render_log_json(sl_buf *out, const sl_log *log,
		       const sl_render_options *o)
{
	sl_render_jw w;
	size_t i, k;
	(void)o;
	sl_render__jw_begin(&w, out, '[');
	for (i = 0; i < log->entries.len; i++) {
		const sl_log_entry *e = log->entries.items[i];
		sl_render__jw_sep(&w);
		sl_render__jw_open(&w, '{');
		sl_render__jw_kv_str(&w, "commit", e->info.id);
		sl_render__jw_kv_time(&w, "date", e->time, e->offset_min);
		sl_render__jw_kv_str(&w, "author", e->info.author.who);
		sl_render__jw_kv_str(&w, "edition", e->edition);
		jw_published(&w, e->published_in, e->after_edition);
		sl_render__jw_kv_str(&w, "message", e->info.summary);
		sl_render__jw_kv_bool(&w, "merge", e->merge);
		sl_render__jw_kv_bool(&w, "resolution", e->resolution_only);
		sl_render__jw_summary(&w, "summary",
				      sl_diff_summary_of(e->diff), false);
		sl_render__jw_kv_count(&w, "sheet_changes",
				       sl_doc_diff_count(sl_diff_doc(e->diff)));
		sl_render__jw_key(&w, "ids");
		sl_render__jw_open(&w, '[');
		for (k = 0; k < sl_diff_count(e->diff); k++) {
			sl_render__jw_sep(&w);
			sl_render__jw_str(&w, sl_diff_change(e->diff, k)->id);
		}
		sl_render__jw_close(&w, ']');
		/* The same ids marked as the text list marks them. */
		sl_render__jw_key(&w, "marked_ids");
		sl_render__jw_open(&w, '[');
		for (k = 0; k < sl_diff_count(e->diff); k++) {
			sl_buf id = SL_BUF_INIT;
			sl_render__log_id(&id, sl_diff_change(e->diff, k));
			sl_render__jw_sep(&w);
			sl_render__jw_str(&w, sl_buf_cstr(&id));
			sl_buf_dispose(&id);
		}
		sl_render__jw_close(&w, ']');
		sl_render__jw_close(&w, '}');
	}
	sl_render__jw_close(&w, ']');
	return sl_render__jw_done(&w);
}
