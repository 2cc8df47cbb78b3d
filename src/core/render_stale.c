/*
 * render_stale.c: the stale-answer report (stale.h) as text, Markdown,
 * JSON and CSV. Sheet-derived text (ids, names, commit messages, notes)
 * reaches the output only through the format's escaper.
 */
#include <stdio.h>
#include <string.h>

#include "date.h"
#include "escape.h"
#include "labels.h"
#include "render.h"
#include "render_json.h"
#include "stale.h"

static const char *event_name(sl_stale_event e)
{
	return e == SL_STALE_CONFIRMED  ? "confirmed"
	       : e == SL_STALE_APPROVED ? "approved"
					: "set";
}

static const char *event_label(sl_stale_event e, sl_lang lang)
{
	return sl_label(lang, e == SL_STALE_CONFIRMED  ? SL_L_CONFIRM_EVENT
			      : e == SL_STALE_APPROVED ? SL_L_APPROVAL_EVENT
						       : SL_L_MODIFIED);
}

static void day(sl_buf *out, int64_t t, int offset)
{
	sl_buf d = SL_BUF_INIT;
	sl_date_format_iso(&d, t, offset);
	sl_buf_put(out, d.ptr, d.len < 10 ? d.len : 10);
	sl_buf_dispose(&d);
}

/* "変更 38b6eb1 Name <e>: summary [公開版 2022-09]" through esc. */
static void event_text(sl_buf *out, const sl_stale_entry *e, sl_lang lang,
		       void (*esc)(sl_buf *, const char *, size_t))
{
	sl_buf_puts(out, event_label(e->event, lang));
	if (e->commit[0])
		sl_buf_printf(out, " %.7s", e->commit);
	if (e->who) {
		sl_buf_putc(out, ' ');
		esc(out, e->who, strlen(e->who));
	}
	if (e->what) {
		sl_buf_puts(out, ": ");
		esc(out, e->what, strlen(e->what));
	}
	if (e->edition)
		sl_buf_printf(out, " [%s %s]", sl_label(lang, SL_L_EDITION),
			      e->edition);
}

static void title(sl_buf *out, const sl_stale *s, sl_lang lang)
{
	sl_buf_printf(out, "%s (%s: %s, ", sl_label(lang, SL_L_STALE_TITLE),
		      sl_label(lang, SL_L_OLDER_THAN), s->older_than);
	day(out, s->cutoff, 0);
	sl_buf_printf(out, ") %zu / %zu", s->count, s->checked);
}

int sl_render_stale_text(sl_buf *out, const sl_stale *s,
			 const sl_render_options *o)
{
	size_t i;
	title(out, s, o->lang);
	sl_buf_putc(out, '\n');
	for (i = 0; i < s->count; i++) {
		const sl_stale_entry *e = &s->items[i];
		sl_buf_printf(out, "%-8s ", e->id);
		day(out, e->time, e->offset_min);
		sl_buf_printf(out, "  %5lld%s  ", (long long)e->days,
			      sl_label(o->lang, SL_L_DAYS_SUFFIX));
		event_text(out, e, o->lang, sl_buf_put);
		if (e->owners)
			sl_buf_printf(out, "  (%s: %s)",
				      sl_label(o->lang, SL_L_OWNERS),
				      e->owners);
		sl_buf_putc(out, '\n');
	}
	if (!s->count)
		sl_buf_printf(out, "%s\n", sl_label(o->lang, SL_L_NO_STALE));
	return sl_buf_oom(out) ? SL_ENOMEM : 0;
}

static void md_cell(sl_buf *out, const char *s)
{
	if (s)
		sl_escape_md_cell(out, s, strlen(s));
}

int sl_render_stale_markdown(sl_buf *out, const sl_stale *s,
			     const sl_render_options *o)
{
	size_t i;
	sl_lang lang = o->lang;
	sl_buf_puts(out, "## ");
	title(out, s, lang);
	sl_buf_puts(out, "\n\n");
	if (!s->count) {
		sl_buf_printf(out, "%s\n", sl_label(lang, SL_L_NO_STALE));
		return sl_buf_oom(out) ? SL_ENOMEM : 0;
	}
	sl_buf_printf(
		out, "| %s | %s | %s | %s | %s |\n|---|---|---:|---|---|\n",
		sl_label(lang, SL_L_ID), sl_label(lang, SL_L_LAST_DATE),
		sl_label(lang, SL_L_AGE_DAYS), sl_label(lang, SL_L_LAST_EVENT),
		sl_label(lang, SL_L_OWNERS));
	for (i = 0; i < s->count; i++) {
		const sl_stale_entry *e = &s->items[i];
		sl_buf ev = SL_BUF_INIT;
		sl_buf_puts(out, "| ");
		md_cell(out, e->id);
		sl_buf_puts(out, " | ");
		day(out, e->time, e->offset_min);
		sl_buf_printf(out, " | %lld | ", (long long)e->days);
		event_text(&ev, e, lang, sl_buf_put);
		md_cell(out, sl_buf_cstr(&ev));
		sl_buf_dispose(&ev);
		sl_buf_puts(out, " | ");
		md_cell(out, e->owners);
		sl_buf_puts(out, " |\n");
	}
	return sl_buf_oom(out) ? SL_ENOMEM : 0;
}

int sl_render_stale_json(sl_buf *out, const sl_stale *s,
			 const sl_render_options *o)
{
	sl_render_jw w;
	size_t i;
	(void)o;
	sl_render__jw_begin(&w, out, '{');
	sl_render__jw_kv_str(&w, "older_than", s->older_than);
	sl_render__jw_kv_time(&w, "cutoff", s->cutoff, 0);
	sl_render__jw_kv_count(&w, "checked", s->checked);
	sl_render__jw_key(&w, "items");
	sl_render__jw_open(&w, '[');
	for (i = 0; i < s->count; i++) {
		const sl_stale_entry *e = &s->items[i];
		sl_render__jw_sep(&w);
		sl_render__jw_open(&w, '{');
		sl_render__jw_kv_str(&w, "id", e->id);
		sl_render__jw_kv_str(&w, "event", event_name(e->event));
		sl_render__jw_kv_time(&w, "time", e->time, e->offset_min);
		sl_render__jw_kv_count(&w, "days", (size_t)e->days);
		sl_render__jw_kv_str(&w, "commit",
				     e->commit[0] ? e->commit : NULL);
		sl_render__jw_kv_str(&w, "who", e->who);
		sl_render__jw_kv_str(&w, "what", e->what);
		sl_render__jw_kv_str(&w, "edition", e->edition);
		sl_render__jw_kv_str(&w, "owners", e->owners);
		sl_render__jw_close(&w, '}');
	}
	sl_render__jw_close(&w, ']');
	sl_render__jw_close(&w, '}');
	return sl_render__jw_done(&w);
}

static void csv(sl_buf *out, const char *s, bool last)
{
	if (s)
		sl_escape_csv(out, s, strlen(s), true);
	sl_buf_puts(out, last ? "\r\n" : ",");
}

int sl_render_stale_csv(sl_buf *out, const sl_stale *s,
			const sl_render_options *o)
{
	size_t i;
	sl_lang lang = o->lang;
	char days[32];
	if (o->bom)
		sl_buf_puts(out, "\xEF\xBB\xBF");
	csv(out, sl_label(lang, SL_L_ID), false);
	csv(out, sl_label(lang, SL_L_LAST_DATE), false);
	csv(out, sl_label(lang, SL_L_AGE_DAYS), false);
	csv(out, sl_label(lang, SL_L_LAST_EVENT), false);
	csv(out, sl_label(lang, SL_L_COMMIT), false);
	csv(out, sl_label(lang, SL_L_AUTHORS), false);
	csv(out, sl_label(lang, SL_L_EDITION), false);
	csv(out, sl_label(lang, SL_L_OWNERS), true);
	for (i = 0; i < s->count; i++) {
		const sl_stale_entry *e = &s->items[i];
		sl_buf d = SL_BUF_INIT;
		day(&d, e->time, e->offset_min);
		csv(out, e->id, false);
		csv(out, sl_buf_cstr(&d), false);
		snprintf(days, sizeof(days), "%lld", (long long)e->days);
		csv(out, days, false);
		csv(out, event_label(e->event, lang), false);
		csv(out, e->commit[0] ? e->commit : NULL, false);
		csv(out, e->who, false);
		csv(out, e->edition, false);
		csv(out, e->owners, true);
		sl_buf_dispose(&d);
	}
	return sl_buf_oom(out) ? SL_ENOMEM : 0;
}
