/*
 * render_review_signoff.h: the people part of a review (authors,
 * commits, approval state, owners) for the review's emitters
 * (render_review.c). Internal to the renderers.
 */
#ifndef SL_RENDER_REVIEW_SIGNOFF_H
#define SL_RENDER_REVIEW_SIGNOFF_H

#include "labels.h"
#include "render_int.h"
#include "review.h"

/* The label of the state (承認済み, 未承認, 承認後に変更あり, ...). */
sl_label_id sl_render__signoff_label_id(const sl_review_signoff *s);
/* "approved", "changed" or "pending": for CSS classes and filters. */
const char *sl_render__signoff_class(const sl_review_signoff *s);
/* "承認済み (Reviewer Rei, 2026-12-02)", through esc. */
void sl_render__signoff_state(sl_buf *out, const sl_review_signoff *s,
			      sl_lang lang, sl_render_esc_fn esc);
/* "A <a@x>, B <b@x>": the change's authors, through esc. */
void sl_render__signoff_authors(sl_buf *out, const sl_review *r,
				const sl_review_signoff *s,
				sl_render_esc_fn esc);
/* Each commit as id_open + short id + id_close + " " + message, joined
 * by sep; "未コミットの編集" last when edits are not committed. */
void sl_render__signoff_commits(sl_buf *out, const sl_review_signoff *s,
				sl_lang lang, sl_render_esc_fn esc,
				const char *id_open, const char *id_close,
				const char *sep);
/* With owners listed: one line per owner rule (and one for changes
 * nobody owns) naming its pending changes and their state. */
void sl_render__signoff_owners(sl_buf *out, const sl_review *r, sl_lang lang,
			       sl_render_esc_fn esc, const char *line_open,
			       const char *line_close);

/* The people part under one change (or sheet.json's note), in each
 * format: text lines after indent, a Markdown <sub> line, an HTML
 * <p class="signoff">. */
void sl_render__signoff_text(sl_buf *out, const sl_review *r,
			     const sl_review_signoff *s, sl_lang lang,
			     const char *indent);
void sl_render__signoff_md(sl_buf *out, const sl_review *r,
			   const sl_review_signoff *s, sl_lang lang);
void sl_render__signoff_html(sl_buf *out, const sl_review *r,
			     const sl_review_signoff *s, sl_lang lang);

#endif
