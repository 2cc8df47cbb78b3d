/*
 * render_json.h: the one JSON writer of the render module (internal to
 * render_json*.c). It appends straight to an sl_buf in exactly jansson's
 * JSON_INDENT(2) layout, so documents read the same as json.c's canonical
 * files: two-space indent, ": " after keys, "[]" and "{}" when empty,
 * jansson's escapes. No jansson here: jansson belongs to json.c.
 */
#ifndef SL_RENDER_JSON_H
#define SL_RENDER_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "diff.h"
#include "repo_rev.h"

/* Deeper nesting is written flat (our documents stay below 8). */
#define SL_RENDER_JW_DEPTH 32

typedef struct sl_render_jw {
	sl_buf *out;                    /* borrowed; sticky OOM */
	int depth;                      /* open containers */
	bool first[SL_RENDER_JW_DEPTH]; /* per depth: nothing written yet */
} sl_render_jw;

void sl_render__jw_init(sl_render_jw *w, sl_buf *out);
/* init, then open the document's root ('{' or '['). */
void sl_render__jw_begin(sl_render_jw *w, sl_buf *out, char c);
/* Open or close an object ('{', '}') or array ('[', ']'). */
void sl_render__jw_open(sl_render_jw *w, char c);
void sl_render__jw_close(sl_render_jw *w, char c);
/* Before an array element (keys do this themselves). */
void sl_render__jw_sep(sl_render_jw *w);
/* "key": (our own ASCII names, unescaped) */
void sl_render__jw_key(sl_render_jw *w, const char *key);
/* A string of len bytes, escaped as jansson does. */
void sl_render__jw_string(sl_render_jw *w, const char *s, size_t len);
/* A string, or null when s is NULL. */
void sl_render__jw_str(sl_render_jw *w, const char *s);
/* As sl_render__jw_str for bytes that may not be UTF-8 (file names,
 * messages, author names): invalid bytes become U+FFFD. */
void sl_render__jw_lossy(sl_render_jw *w, const char *s);
/* JSON text from json.c's canonical dumps (2-space indented, trailing
 * newline dropped), re-indented to stand at the current depth. */
void sl_render__jw_raw(sl_render_jw *w, const char *text, size_t len);
void sl_render__jw_kv_str(sl_render_jw *w, const char *key, const char *s);
void sl_render__jw_kv_bool(sl_render_jw *w, const char *key, bool v);
void sl_render__jw_kv_count(sl_render_jw *w, const char *key, size_t n);
/* "key": "2023-04-28T15:00:00+09:00" */
void sl_render__jw_kv_time(sl_render_jw *w, const char *key, int64_t t,
			   int offset_min);
/* The final newline. @return 0 or SL_ENOMEM (the buffer's sticky flag) */
int sl_render__jw_done(sl_render_jw *w);

/* {"added", "removed", "modified", "renumbered", "notation_only"[,
 * "unchanged"]}: with_unchanged is false for per-commit summaries (log),
 * whose diffs never look at the items a commit left alone. */
void sl_render__jw_summary(sl_render_jw *w, const char *key,
			   const sl_diff_summary *s, bool with_unchanged);
/* "fields": [{"field", "old", "new", "notation_only", "ops": [{"op",
 * "text"}]}] of a change. */
void sl_render__jw_fields(sl_render_jw *w, const sl_change *c);
/* "fields": [...] of any field list (the document's, diff_doc.h), as
 * for a change; substantive leaves the notation-only fields out. */
void sl_render__jw_field_list(sl_render_jw *w, const sl_field_change *fields,
			      size_t count, bool substantive);

#endif
