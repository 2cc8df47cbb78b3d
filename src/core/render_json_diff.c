/*
 * render_json_diff.c: the diff and changelog documents as JSON, written
 * with render_json.h's streaming writer.
 *
 * diff:    {"from": <rev>, "to": <rev>,
 *           "summary": {"added", "removed", "modified", "renumbered",
 *                       "replaced", "notation_only", "unchanged"},
 *           "sheet_changes": <the document changes shown>,
 *           "sheet": {"fields": [<field>],
 *                     "sections": [{"id", "status", "title",
 *                                   "notation_only", "fields"}],
 *                     "scopes": [likewise]},
 *           "changes": [{"id", "old_id", "status", "section",
 *                        "notation_only", "fields": [{"field", "old", "new",
 *                        "notation_only", "ops": [{"op", "text"}]}]}]}
 *          <rev> = {"rev", "commit" (40 hex, null for WORKTREE/INDEX),
 *                   "date" (ISO 8601 with the commit's offset, or null),
 *                   "edition" (or null)}
 *          "old_id" is null for added items; a removed item's "id" is the
 *          removed id. Order: by section, then natural id order.
 *
 * changelog: {"from", "to", "summary", "sheet_changes", "sheet" (as in diff),
 *           "sections": [{"id", "title", "scope", "summary",
 *                         "changes": [...]}]}
 *          each change a diff change object; sections in document order.
 */
#include "render.h"

#include <string.h>

#include "alloc.h"
#include "diff_doc.h"
#include "error.h"
#include "par.h"
#include "render_int.h"
#include "render_json.h"

static void jw_rev(sl_render_jw *w, const char *key, const sl_rev *rev)
{
	sl_render__jw_key(w, key);
	if (!rev) {
		sl_buf_puts(w->out, "null");
		return;
	}
	sl_render__jw_open(w, '{');
	sl_render__jw_kv_str(w, "rev", rev->label);
	sl_render__jw_kv_str(w, "commit",
			     rev->kind == SL_SNAP_COMMIT ? rev->commit.id
							 : NULL);
	if (rev->kind == SL_SNAP_COMMIT)
		sl_render__jw_kv_time(w, "date", rev->commit.committer.time,
				      rev->commit.committer.offset_min);
	else
		sl_render__jw_kv_str(w, "date", NULL);
	sl_render__jw_kv_str(w, "edition", rev->edition);
	sl_render__jw_close(w, '}');
}

static void jw_change(sl_render_jw *w, const sl_change *c)
{
	sl_render__jw_sep(w);
	sl_render__jw_open(w, '{');
	sl_render__jw_kv_str(w, "id", c->id);
	sl_render__jw_kv_str(w, "old_id", c->old_id);
	sl_render__jw_kv_str(w, "status", sl_change_status_name(c->status));
	sl_render__jw_kv_str(w, "section", c->section);
	sl_render__jw_kv_bool(w, "notation_only", c->notation_only);
	sl_render__jw_fields(w, c);
	sl_render__jw_close(w, '}');
}

/* "sections" or "scopes" of the sheet part: the changed ones. */
static void jw_doc_parts(sl_render_jw *w, const char *key, const sl_doc_part *p,
			 size_t n, const sl_render_options *opts)
{
	size_t i;
	sl_render__jw_key(w, key);
	sl_render__jw_open(w, '[');
	for (i = 0; i < n; i++) {
		if (opts->substantive && p[i].notation_only)
			continue;
		sl_render__jw_sep(w);
		sl_render__jw_open(w, '{');
		sl_render__jw_kv_str(w, "id", p[i].id);
		sl_render__jw_kv_str(w, "status",
				     sl_doc_status_name(p[i].status));
		sl_render__jw_kv_str(w, "title", p[i].title);
		sl_render__jw_kv_bool(w, "notation_only", p[i].notation_only);
		sl_render__jw_field_list(w, p[i].fields, p[i].field_count,
					 false);
		sl_render__jw_close(w, '}');
	}
	sl_render__jw_close(w, ']');
}

/* "sheet": the document's own changes (diff_doc.h). */
static void jw_sheet(sl_render_jw *w, const sl_diff *diff,
		     const sl_render_options *opts)
{
	const sl_doc_diff *doc = sl_diff_doc(diff);
	sl_render__jw_key(w, "sheet");
	sl_render__jw_open(w, '{');
	sl_render__jw_field_list(w, doc->fields, doc->field_count,
				 opts->substantive);
	jw_doc_parts(w, "sections", doc->sections, doc->section_count, opts);
	jw_doc_parts(w, "scopes", doc->scopes, doc->scope_count, opts);
	sl_render__jw_close(w, '}');
}

/* "from", "to", "summary", "sheet": the head both documents share. */
static void jw_head(sl_render_jw *w, const sl_diff *diff,
		    const sl_render_options *opts)
{
	sl_render__jw_open(w, '{');
	jw_rev(w, "from", opts->from);
	jw_rev(w, "to", opts->to);
	sl_render__jw_summary(w, "summary", sl_diff_summary_of(diff), true);
	/* The document's changes, counted apart from the items. */
	sl_render__jw_kv_count(w, "sheet_changes",
			       sl_render__doc_shown(diff, opts));
	jw_sheet(w, diff, opts);
}

/*
 * A far diff's changes are tens of megabytes of JSON, a tenth of its run
 * on one thread (issue 11). Past PAR_MIN_RENDER changes they are rendered
 * in rounds: each thread writes a block of PAR_RENDER_BLOCK changes into
 * a buffer of its own, at the array's depth, as the array's first
 * elements; the buffers are then appended in order, each with the comma
 * the one loop would have written before it. The document is the same
 * bytes, and a streamed one still holds one round at a time.
 */
#define PAR_MIN_RENDER 2048
#define PAR_RENDER_BLOCK 512

typedef struct render_round {
	const sl_diff *diff;
	const sl_render_options *opts;
	int depth;     /* the array's */
	size_t first;  /* the round's first change */
	size_t end;    /* and the end of all the changes to render */
	sl_buf buf[8]; /* one per block (sl_par_threads is at most 8) */
	bool wrote[8]; /* the block wrote an element */
} render_round;

static void jw_change_range(sl_render_jw *w, const sl_diff *diff, size_t from,
			    size_t to, const sl_render_options *opts)
{
	size_t i;
	for (i = from; i < to; i++) {
		const sl_change *c = sl_diff_change(diff, i);
		if (sl_render__shown(opts, c))
			jw_change(w, c);
	}
}

/* sl_par_fn: block b of the round. */
static int render_block(void *arg, size_t b)
{
	render_round *r = arg;
	sl_render_jw w;
	size_t from = r->first + b * PAR_RENDER_BLOCK;
	size_t to = from + PAR_RENDER_BLOCK < r->end ? from + PAR_RENDER_BLOCK
						     : r->end;
	sl_buf_clear(&r->buf[b]);
	sl_render__jw_init(&w, &r->buf[b]);
	w.depth = r->depth;
	w.first[w.depth] = true;
	jw_change_range(&w, r->diff, from < to ? from : to, to, r->opts);
	r->wrote[b] = !w.first[w.depth];
	return sl_buf_oom(&r->buf[b]) ? sl_error_oom() : 0;
}

static int jw_change_rounds(sl_render_jw *w, const sl_diff *diff, size_t first,
			    size_t end, const sl_render_options *opts)
{
	render_round r;
	size_t b, t = sl_par_threads();
	int rc = 0;

	memset(&r, 0, sizeof(r));
	r.diff = diff;
	r.opts = opts;
	r.depth = w->depth;
	r.end = end;
	if (t > sizeof(r.buf) / sizeof(r.buf[0]))
		t = sizeof(r.buf) / sizeof(r.buf[0]);
	for (b = 0; b < t; b++)
		sl_buf_init(&r.buf[b]);
	for (r.first = first; r.first < end && rc == 0;
	     r.first += t * PAR_RENDER_BLOCK) {
		rc = sl_par_for(t, 1, render_block, &r);
		for (b = 0; b < t && rc == 0; b++) {
			if (!r.wrote[b])
				continue;
			if (!w->first[w->depth])
				sl_buf_putc(w->out, ',');
			w->first[w->depth] = false;
			sl_buf_put(w->out, r.buf[b].ptr, r.buf[b].len);
		}
	}
	for (b = 0; b < t; b++)
		sl_buf_dispose(&r.buf[b]);
	return rc;
}

/* The shown changes first..first+count of the diff as array elements.
 * @return 0 or SL_ENOMEM (a block's buffer; the writer's own failures
 * are its sticky flag, sl_render__jw_done) */
static int jw_changes(sl_render_jw *w, const sl_diff *diff, size_t first,
		      size_t count, const sl_render_options *opts)
{
	int rc = 0;
	sl_render__jw_key(w, "changes");
	sl_render__jw_open(w, '[');
	if (count >= PAR_MIN_RENDER && sl_par_threads() > 1)
		rc = jw_change_rounds(w, diff, first, first + count, opts);
	else
		jw_change_range(w, diff, first, first + count, opts);
	sl_render__jw_close(w, ']');
	return rc;
}

int sl_render_diff_json(sl_buf *out, const sl_diff *diff,
			const sl_render_options *opts)
{
	sl_render_jw w;
	int rc;
	sl_render__jw_init(&w, out);
	jw_head(&w, diff, opts);
	rc = jw_changes(&w, diff, 0, sl_diff_count(diff), opts);
	sl_render__jw_close(&w, '}');
	return rc < 0 ? rc : sl_render__jw_done(&w);
}

int sl_render_changelog_json(sl_buf *out, const sl_diff *diff,
			     const sl_render_options *opts)
{
	sl_render_group *groups = NULL;
	size_t n, g;
	sl_render_jw w;
	int rc = sl_render__groups(&groups, &n, diff);
	if (rc < 0)
		return rc;
	sl_render__jw_init(&w, out);
	jw_head(&w, diff, opts);
	sl_render__jw_key(&w, "sections");
	sl_render__jw_open(&w, '[');
	for (g = 0; g < n && rc == 0; g++) {
		const sl_render_group *gr = &groups[g];
		sl_diff_summary s;
		sl_render__group_summary(&s, diff, gr);
		sl_render__jw_sep(&w);
		sl_render__jw_open(&w, '{');
		sl_render__jw_kv_str(&w, "id", gr->section_id);
		sl_render__jw_kv_str(&w, "title",
				     gr->section ? gr->section->title : NULL);
		sl_render__jw_kv_str(&w, "scope", gr->scope);
		sl_render__jw_summary(&w, "summary", &s, true);
		rc = jw_changes(&w, diff, gr->first, gr->count, opts);
		sl_render__jw_close(&w, '}');
	}
	sl_render__jw_close(&w, ']');
	sl_render__jw_close(&w, '}');
	sl_free(groups);
	return rc < 0 ? rc : sl_render__jw_done(&w);
}
