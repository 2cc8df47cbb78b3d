/*
 * render_review_signoff.c: the people part of a review in every format:
 * each change's authors, commits (id and message) and approval state
 * (承認済み (name, date) / 未承認 / 承認後に変更あり), and the pending
 * changes grouped by owner. Written through the format's escaper; the
 * emitters of render_review.c decide where the lines go.
 */
#include <string.h>

#include "date.h"
#include "escape.h"
#include "render_int.h"
#include "render_review_signoff.h"

static void esc_str(sl_buf *out, sl_render_esc_fn esc, const char *s)
{
	if (s)
		esc(out, s, strlen(s));
}

static void day_of(sl_buf *out, const sl_approval *a)
{
	sl_buf d = SL_BUF_INIT;
	sl_date_format_iso(&d, a->time, a->offset_min);
	sl_buf_put(out, d.ptr, d.len < 10 ? d.len : 10);
	sl_buf_dispose(&d);
}

sl_label_id sl_render__signoff_label_id(const sl_review_signoff *s)
{
	switch (s->state) {
	case SL_SIGNOFF_APPROVED:
		return SL_L_APPROVED;
	case SL_SIGNOFF_CHANGED:
		return SL_L_CHANGED_AFTER_APPROVAL;
	case SL_SIGNOFF_SELF:
		return SL_L_APPROVED_BY_AUTHOR_ONLY;
	case SL_SIGNOFF_NOT_OWNER:
		return SL_L_APPROVED_BY_NON_OWNER_ONLY;
	default:
		return SL_L_UNAPPROVED;
	}
}

const char *sl_render__signoff_class(const sl_review_signoff *s)
{
	return s->state == SL_SIGNOFF_APPROVED  ? "approved"
	       : s->state == SL_SIGNOFF_CHANGED ? "changed"
						: "pending";
}

void sl_render__signoff_state(sl_buf *out, const sl_review_signoff *s,
			      sl_lang lang, sl_render_esc_fn esc)
{
	const sl_approval *a = s->approval;
	esc_str(out, esc, sl_label(lang, sl_render__signoff_label_id(s)));
	if (!a)
		return;
	/* Whose approval: the name and the day (承認済み (山田, 2023-04-20)).
	 */
	sl_buf_puts(out, " (");
	esc_str(out, esc, a->name);
	sl_buf_puts(out, ", ");
	day_of(out, a);
	sl_buf_putc(out, ')');
}

void sl_render__signoff_authors(sl_buf *out, const sl_review *r,
				const sl_review_signoff *s,
				sl_render_esc_fn esc)
{
	sl_buf b = SL_BUF_INIT;
	(void)r;
	sl_review_signoff_authors(&b, s);
	esc(out, b.ptr ? b.ptr : "", b.len);
	sl_buf_dispose(&b);
}

void sl_render__signoff_commits(sl_buf *out, const sl_review_signoff *s,
				sl_lang lang, sl_render_esc_fn esc,
				const char *id_open, const char *id_close,
				const char *sep)
{
	size_t i;
	for (i = 0; i < s->commits.len; i++) {
		const sl_commit *c = s->commits.items[i];
		if (i)
			sl_buf_puts(out, sep);
		sl_buf_printf(out, "%s%.7s%s ", id_open, c->id, id_close);
		esc_str(out, esc, c->summary);
	}
	if (s->uncommitted) {
		if (s->commits.len)
			sl_buf_puts(out, sep);
		esc_str(out, esc, sl_label(lang, SL_L_UNCOMMITTED_EDITS));
	}
}

void sl_render__signoff_owners(sl_buf *out, const sl_review *r, sl_lang lang,
			       sl_render_esc_fn esc, const char *line_open,
			       const char *line_close)
{
	size_t k, i, n;
	if (!r->owners.count)
		return;
	/* One line per rule that owns a pending change, then the changes
	 * nobody owns: the grouping an approver reads first. */
	for (k = 0; k <= r->owners.count; k++) {
		const sl_owner_rule *rule =
			k < r->owners.count ? &r->owners.rules[k] : NULL;
		sl_buf b = SL_BUF_INIT;
		for (i = 0, n = 0; i < r->count; i++) {
			const sl_review_signoff *s = &r->items[i].signoff;
			if (s->owners != rule)
				continue;
			sl_buf_puts(&b, n++ ? ", " : "");
			esc_str(&b, esc, s->key);
			sl_buf_puts(&b, " (");
			sl_render__signoff_state(&b, s, lang, esc);
			sl_buf_putc(&b, ')');
		}
		if (r->sheet_changed && r->sheet_signoff.owners == rule) {
			sl_buf_puts(&b, n++ ? ", " : "");
			esc_str(&b, esc, "sheet.json (");
			sl_render__signoff_state(&b, &r->sheet_signoff, lang,
						 esc);
			sl_buf_putc(&b, ')');
		}
		if (n) {
			sl_buf_puts(out, line_open);
			esc_str(out, esc, sl_label(lang, SL_L_OWNERS));
			sl_buf_puts(out, " ");
			if (rule) {
				sl_buf c = SL_BUF_INIT;
				sl_owners_format(&c, rule);
				esc(out, c.ptr ? c.ptr : "", c.len);
				sl_buf_dispose(&c);
			} else {
				esc_str(out, esc,
					sl_label(lang, SL_L_NO_OWNER));
			}
			sl_buf_puts(out, ": ");
			sl_buf_put(out, b.ptr ? b.ptr : "", b.len);
			sl_buf_puts(out, line_close);
		}
		sl_buf_dispose(&b);
	}
}

/* Authors, commits and approval state, one line each, under a change
 * (or sheet.json's note). */
void sl_render__signoff_text(sl_buf *out, const sl_review *r,
			     const sl_review_signoff *s, sl_lang lang,
			     const char *indent)
{
	if (s->commits.len) {
		sl_buf_printf(out, "%s%s: ", indent,
			      sl_label(lang, SL_L_AUTHORS));
		sl_render__signoff_authors(out, r, s, sl_buf_put);
		sl_buf_putc(out, '\n');
	}
	if (s->commits.len || s->uncommitted) {
		sl_buf_printf(out, "%s%s: ", indent,
			      sl_label(lang, SL_L_COMMITS));
		sl_render__signoff_commits(out, s, lang, sl_buf_put, "", "",
					   "; ");
		sl_buf_putc(out, '\n');
	}
	sl_buf_printf(out, "%s%s: ", indent,
		      sl_label(lang, SL_L_APPROVAL_STATE));
	sl_render__signoff_state(out, s, lang, sl_buf_put);
	sl_buf_putc(out, '\n');
}

/* "<sub>作成者: … · コミット: `abc1234` … · 承認: 承認済み (…)</sub>" */
void sl_render__signoff_md(sl_buf *out, const sl_review *r,
			   const sl_review_signoff *s, sl_lang lang)
{
	sl_buf_puts(out, "<sub>");
	if (s->commits.len) {
		sl_buf_printf(out, "%s: ", sl_label(lang, SL_L_AUTHORS));
		sl_render__signoff_authors(out, r, s, sl_escape_md);
		sl_buf_puts(out, " · ");
	}
	if (s->commits.len || s->uncommitted) {
		sl_buf_printf(out, "%s: ", sl_label(lang, SL_L_COMMITS));
		sl_render__signoff_commits(out, s, lang, sl_escape_md, "`", "`",
					   ", ");
		sl_buf_puts(out, " · ");
	}
	sl_buf_printf(out, "%s: **", sl_label(lang, SL_L_APPROVAL_STATE));
	sl_render__signoff_state(out, s, lang, sl_escape_md);
	sl_buf_puts(out, "**</sub>\n\n");
}

/* Authors, commits and approval state of a change. */
void sl_render__signoff_html(sl_buf *out, const sl_review *r,
			     const sl_review_signoff *s, sl_lang lang)
{
	sl_buf_printf(out, "<p class=\"signoff\" data-approval=\"%s\">",
		      sl_render__signoff_class(s));
	if (s->commits.len) {
		sl_buf_printf(out, "<b>%s</b> ", sl_label(lang, SL_L_AUTHORS));
		sl_render__signoff_authors(out, r, s, sl_escape_html);
		sl_buf_puts(out, " · ");
	}
	if (s->commits.len || s->uncommitted) {
		sl_buf_printf(out, "<b>%s</b> ", sl_label(lang, SL_L_COMMITS));
		sl_render__signoff_commits(out, s, lang, sl_escape_html,
					   "<code>", "</code>", ", ");
		sl_buf_puts(out, " · ");
	}
	sl_buf_printf(out, "<b>%s</b> <span class=\"approval %s\">",
		      sl_label(lang, SL_L_APPROVAL_STATE),
		      sl_render__signoff_class(s));
	sl_render__signoff_state(out, s, lang, sl_escape_html);
	sl_buf_puts(out, "</span></p>\n");
}
