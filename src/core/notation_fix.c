/*
 * notation_fix.c: the one-right-answer notation fixes (notation_fix.h)
 * and their atomic write. The fixed sheet is an ordinary sheet, so the
 * caller shows `sl_diff_compute(old, fixed)` before writing: exactly the
 * diff `sheetlog diff` shows of the working tree afterwards.
 */
#include "notation_fix.h"

#include <string.h>

#include "alloc.h"
#include "error.h"
#include "fs.h"
#include "json.h"
#include "utf8.h"

#define ITEMS_PREFIX SL_SHEET_DIR "/items/"
#define SHEET_JSON SL_SHEET_DIR "/sheet.json"

int sl_notation_fix_text(sl_buf *out, bool *changed, const char *s, size_t len)
{
	size_t pos = 0, start = out->len;
	size_t run = 0; /* byte offset in s where pending blanks start */
	bool in_run = false;
	int32_t cp;

	*changed = false;
	if (!sl_utf8_valid(s, len, NULL))
		return sl_error_set(SL_EINVALID, "invalid UTF-8");
	while (pos < len) {
		size_t at = pos;
		(void)sl_utf8_next(s, len, &pos, &cp);
		if (sl_utf8_is_space(cp)) {
			if (!in_run) {
				run = at;
				in_run = true;
			}
			continue;
		}
		if (in_run) {
			/* Blanks before a line break are trailing: dropped.
			 * Others are kept as they are (space-in-japanese is
			 * the editor's call). */
			if (cp == '\n' || cp == '\r')
				*changed = true;
			else
				sl_buf_put(out, s + run, at - run);
			in_run = false;
		}
		if (sl_utf8_is_compat_ideograph(cp)) {
			int rc = sl_utf8_nfkc(out, s + at, pos - at);
			if (rc < 0)
				return rc;
			*changed = true;
		} else {
			sl_buf_put(out, s + at, pos - at);
		}
	}
	if (in_run)
		*changed = true; /* blanks at the end of the text */
	if (sl_buf_oom(out)) {
		sl_buf_truncate(out, start);
		return sl_error_oom();
	}
	return 0;
}

/* Fix *text (owned, may be NULL) in place. */
static int fix_owned(size_t *texts, char **text)
{
	sl_buf b = SL_BUF_INIT;
	bool changed;
	int rc;
	if (!*text)
		return 0;
	rc = sl_notation_fix_text(&b, &changed, *text, strlen(*text));
	if (rc == 0 && changed) {
		sl_free(*text);
		*text = sl_buf_detach(&b, NULL);
		if (!*text)
			return sl_error_oom();
		(*texts)++;
	}
	sl_buf_dispose(&b);
	return rc;
}

int sl_notation_fix_sheet(size_t *texts, sl_sheet *sheet)
{
	sl_sheet_meta *m = sl_sheet_meta_of(sheet);
	size_t i, j, n = sl_sheet_item_count(sheet);
	char **meta_texts[] = {&m->title, &m->introduction, &m->as_of_note,
			       &m->disclaimer_title, &m->disclaimer};
	int rc = 0;

	*texts = 0;
	for (i = 0; i < SL_ARRAY_SIZE(meta_texts) && rc == 0; i++)
		rc = fix_owned(texts, meta_texts[i]);
	for (i = 0; i < m->section_count && rc == 0; i++)
		rc = fix_owned(texts, &m->sections[i].title);
	for (i = 0; i < n && rc == 0; i++) {
		/* The id does not change, so the index stays valid. */
		sl_item *it =
			sl_sheet_find_mut(sheet, sl_sheet_item(sheet, i)->id);
		if (!it)
			continue;
		rc = fix_owned(texts, &it->category);
		if (rc == 0)
			rc = fix_owned(texts, &it->question);
		if (rc == 0)
			rc = fix_owned(texts, &it->answer);
		for (j = 0; j < it->extra_count && rc == 0; j++)
			if (!it->extra[j].is_json)
				rc = fix_owned(texts, &it->extra[j].text);
	}
	return rc;
}

/* One file to write: its canonical new bytes, after checking that the
 * file is canonical now (old_bytes: the canonical form of what it
 * holds). */
typedef struct fix_file {
	char *path;  /* owned; repository-relative */
	char *abs;   /* owned; under workdir */
	sl_buf data; /* the new bytes */
} fix_file;

static int add_file(sl_vec *files, const sl_snapshot *snap, const char *path,
		    const char *workdir, const sl_buf *old_canon, sl_buf *data)
{
	const sl_snapfile *f = sl_snapshot_find(snap, path);
	fix_file *ff;
	if (!f || !f->loaded || f->len != old_canon->len ||
	    memcmp(f->data, old_canon->ptr, f->len)) {
		sl_buf_dispose(data);
		return sl_error_set(SL_EINVALID,
				    "%s is not in canonical form, so fixing "
				    "its notation would change other bytes "
				    "too: run sheetlog fmt first; nothing was "
				    "written",
				    path);
	}
	ff = sl_calloc(1, sizeof(*ff));
	if (!ff) {
		sl_buf_dispose(data);
		return sl_error_oom();
	}
	ff->path = sl_strdup(path);
	ff->abs = sl_fs_join(workdir, path);
	ff->data = *data;
	sl_buf_init(data);
	if (!ff->path || !ff->abs || sl_vec_push(files, ff) < 0) {
		sl_free(ff->path);
		sl_free(ff->abs);
		sl_buf_dispose(&ff->data);
		sl_free(ff);
		return sl_error_oom();
	}
	return 0;
}

static void files_free(sl_vec *files)
{
	size_t i;
	for (i = 0; i < files->len; i++) {
		fix_file *ff = files->items[i];
		sl_free(ff->path);
		sl_free(ff->abs);
		sl_buf_dispose(&ff->data);
		sl_free(ff);
	}
	sl_vec_dispose(files);
}

int sl_notation_fix_write(sl_vec *paths, const sl_sheet *old,
			  const sl_sheet *fixed, const sl_snapshot *snap,
			  const char *workdir)
{
	sl_vec files = SL_VEC_INIT;
	sl_fs_write *w = NULL;
	sl_buf a = SL_BUF_INIT, b = SL_BUF_INIT;
	size_t i, n = sl_sheet_item_count(fixed), renamed = 0;
	int rc;

	rc = sl_json_dump_meta(&a, sl_sheet_meta_get(old));
	if (rc == 0)
		rc = sl_json_dump_meta(&b, sl_sheet_meta_get(fixed));
	if (rc == 0 && (a.len != b.len || memcmp(a.ptr, b.ptr, a.len)))
		rc = add_file(&files, snap, SHEET_JSON, workdir, &a, &b);
	for (i = 0; i < n && rc == 0; i++) {
		const sl_item *nf = sl_sheet_item(fixed, i);
		const sl_item *of = sl_sheet_find(old, nf->id);
		if (!of || sl_item_equal(of, nf) || !of->path)
			continue;
		sl_buf_clear(&a);
		sl_buf_clear(&b);
		rc = sl_json_dump_item(&a, of);
		if (rc == 0)
			rc = sl_json_dump_item(&b, nf);
		if (rc == 0)
			rc = add_file(&files, snap, of->path, workdir, &a, &b);
	}
	if (rc == 0 && files.len) {
		w = sl_calloc(files.len, sizeof(*w));
		rc = w ? 0 : sl_error_oom();
	}
	/* The caller's list is made before the first write: after it,
	 * only I/O may fail. */
	for (i = 0; i < files.len && rc == 0; i++) {
		fix_file *ff = files.items[i];
		char *p = paths ? sl_strdup(ff->path) : NULL;
		w[i].path = ff->abs;
		w[i].data = ff->data.ptr;
		w[i].len = ff->data.len;
		if (paths && (!p || sl_vec_push(paths, p) < 0)) {
			sl_free(p);
			rc = sl_error_oom();
		}
	}
	if (rc == 0 && files.len) {
		rc = sl_fs_write_many(w, files.len, &renamed);
		if (rc < 0)
			sl_error_wrap("%s (%zu of %zu files written)",
				      sl_error_last()->message, renamed,
				      files.len);
	}
	if (rc < 0 && paths)
		sl_vec_free_all(paths);
	sl_free(w);
	files_free(&files);
	sl_buf_dispose(&a);
	sl_buf_dispose(&b);
	return rc;
}
