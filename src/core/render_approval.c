/*
 * render_approval.c: approvals as events of an item's history (history
 * lists commits; the approvals live on their own ref and are shown after
 * them, newest first), in text and Markdown.
 */
#include <string.h>

#include "approval.h"
#include "date.h"
#include "escape.h"
#include "labels.h"
#include "render.h"

#define EVENTS_MAX 256

int sl_render_approval_events(sl_buf *out, const sl_approval_list *l,
			      const char *item, const char *format,
			      const sl_render_options *o)
{
	const sl_approval *recs[EVENTS_MAX];
	size_t n = sl_approval_find(recs, EVENTS_MAX, l, item, NULL), i;
	bool md = !strcmp(format, "markdown");
	void (*esc)(sl_buf *, const char *, size_t) =
		md ? sl_escape_md : sl_buf_put;
	if (!n)
		return 0;
	if (n > EVENTS_MAX)
		n = EVENTS_MAX;
	sl_buf_printf(out, md ? "\n### %s\n\n" : "\n%s:\n",
		      sl_label(o->lang, SL_L_APPROVAL_RECORDS));
	for (i = 0; i < n; i++) {
		const sl_approval *a = recs[i];
		sl_buf_puts(out, md ? "- " : "  ");
		sl_date_format_iso(out, a->time, a->offset_min);
		sl_buf_printf(out, " %s ",
			      sl_label(o->lang, a->kind == SL_APPROVAL_CONFIRM
							? SL_L_CONFIRM_EVENT
							: SL_L_APPROVAL_EVENT));
		esc(out, a->name, strlen(a->name));
		sl_buf_puts(out, " <");
		esc(out, a->email, strlen(a->email));
		sl_buf_printf(out, "> %s %.12s",
			      sl_label(o->lang, SL_L_CONTENT), a->blob);
		if (a->message) {
			sl_buf_puts(out, ": ");
			esc(out, a->message, strlen(a->message));
		}
		sl_buf_putc(out, '\n');
	}
	return sl_buf_oom(out) ? SL_ENOMEM : 0;
}
