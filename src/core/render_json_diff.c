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

/* The shown changes first..first+count of the diff as array elements. */
static void jw_changes(sl_render_jw *w, const sl_diff *diff, size_t first,
		       size_t count, const sl_render_options *opts)
{
	size_t i;
	sl_render__jw_key(w, "changes");
	sl_render__jw_open(w, '[');
	for (i = first; i < first + count; i++) {
		const sl_change *c = sl_diff_change(diff, i);
		if (sl_render__shown(opts, c))
			jw_change(w, c);
	}
	sl_render__jw_close(w, ']');
}

int sl_render_diff_json(sl_buf *out, const sl_diff *diff,
			const sl_render_options *opts)
{
	sl_render_jw w;
	sl_render__jw_init(&w, out);
	jw_head(&w, diff, opts);
	jw_changes(&w, diff, 0, sl_diff_count(diff), opts);
	sl_render__jw_close(&w, '}');
	return sl_render__jw_done(&w);
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
	for (g = 0; g < n; g++) {
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
		jw_changes(&w, diff, gr->first, gr->count, opts);
		sl_render__jw_close(&w, '}');
	}
	sl_render__jw_close(&w, ']');
	sl_render__jw_close(&w, '}');
	sl_free(groups);
	return sl_render__jw_done(&w);
}
