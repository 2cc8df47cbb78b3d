/*
 * import_plan.c: rows -> desired sheet -> diff. Two builds, because a
 * field the table lacks must come from the item the row matched, and
 * which item that is only the matcher knows:
 *   1. a provisional sheet: each row over the current item with its id
 *      (or a new item); diff.c matches it against the current sheet;
 *   2. the desired sheet: each row over the item step 1 matched it with
 *      (none for an addition). Its diff against the current sheet is the
 *      plan, and that diff is what the preview shows and the write does.
 * Step 2 only improves what the matcher sees (a renumbered row now
 * carries its own item's other fields), so the plan is the matcher's
 * verdict on the sheet that will be written, whatever step 1 said.
 */
#include "import_plan.h"

#include <string.h>

#include "alloc.h"
#include "encoding.h"
#include "error.h"
#include "fs.h"
#include "item.h"
#include "lint.h"
#include "repo.h"
#include "store.h"
#include "strmap.h"
#include "utf8.h"

/* How much of a question names an item that would go. */
#define QUESTION_START 24

void sl_import_plan_free(sl_import_plan *p)
{
	if (!p)
		return;
	sl_diff_free(p->diff);
	sl_sheet_free(p->before);
	sl_vec_free_all(&p->going);
	sl_vec_free_all(&p->kept);
	sl_vec_free_all(&p->suspect);
	sl_diag_list_dispose(&p->lint);
	sl_free(p);
}

static int push_str(sl_vec *v, sl_buf *b)
{
	char *s = sl_buf_detach(b, NULL);
	if (!s || sl_vec_push(v, s) < 0) {
		sl_free(s);
		return sl_error_oom();
	}
	return 0;
}

/* borrowed: the value of the row's cell for field, or NULL. */
static const char *row_cell(const sl_import_row *row, const char *field)
{
	size_t i;
	for (i = 0; i < row->count; i++)
		if (!strcmp(row->cells[i].field, field))
			return row->cells[i].value;
	return NULL;
}

/* The section an id's prefix names ("2-21" is in section "2"), or NULL
 * when the sheet has no such section. */
static const char *prefix_section(const sl_sheet *sheet, const char *id)
{
	const char *dash = strchr(id, '-');
	size_t i;
	const sl_sheet_meta *m = sl_sheet_meta_get(sheet);
	if (!dash)
		return NULL;
	for (i = 0; i < m->section_count; i++)
		if (strlen(m->sections[i].id) == (size_t)(dash - id) &&
		    !memcmp(m->sections[i].id, id, (size_t)(dash - id)))
			return m->sections[i].id;
	return NULL;
}

/* The scope id a scope cell names: a scope's id as it is, a scope's
 * title as its id (export shows titles), anything else as it is (lint
 * then names it). borrowed. */
static const char *scope_of_cell(const sl_sheet *sheet, const char *value)
{
	const sl_sheet_meta *m = sl_sheet_meta_get(sheet);
	size_t i;
	if (sl_sheet_scope(sheet, value))
		return value;
	for (i = 0; i < m->scope_count; i++)
		if (m->scopes[i].title && !strcmp(m->scopes[i].title, value))
			return m->scopes[i].id;
	return value;
}

/* Set one field of an item from a cell (value borrowed). */
static int apply_cell(sl_item *it, const sl_sheet *sheet, const char *field,
		      const char *value)
{
	bool is_json = false;
	const char *now;
	/* Every item has a section and shows a scope (its own, else its
	 * section's): an empty cell there asks for nothing. */
	if ((!strcmp(field, "section") || !strcmp(field, "scope")) && !*value)
		return 0;
	if (!strcmp(field, "scope")) {
		const char *shown = sl_sheet_item_scope(sheet, it);
		value = scope_of_cell(sheet, value);
		/* The scope it shows already, by id or by title: no edit. */
		if (shown && !strcmp(value, shown))
			return 0;
		return sl_item_set(it, field, value, false);
	}
	if (!strcmp(field, "category"))
		return sl_item_set(it, field, *value ? value : NULL, false);
	now = sl_item_get(it, field, &is_json);
	if (!sl_item_is_known_field(field) && !now && !*value)
		return 0;
	if (now && !strcmp(now, value))
		return 0; /* also keeps a JSON extra as JSON */
	return sl_item_set(it, field, value, false);
}

/* Can CP932 hold the character s[0..len)? */
static int cp932_holds(bool *out, const char *s, size_t len)
{
	sl_buf b = SL_BUF_INIT;
	size_t bad;
	int rc = sl_encoding_encode(&b, &bad, s, len, SL_ENC_CP932, false);
	sl_buf_dispose(&b);
	*out = rc == 0;
	if (rc == SL_EINVALID) {
		sl_error_clear();
		rc = 0;
	}
	return rc;
}

/* What a CP932 save made of a character it cannot hold. */
typedef struct loss {
	size_t marks;   /* written as '?' (Excel) */
	size_t forms;   /* written as its NFKC form (export --nfkc) */
	size_t at, len; /* the first '?' one, in was */
} loss;

/*
 * Is now what a CP932 save makes of was: was with each character CP932
 * cannot hold written as '?' (two for a character beyond the BMP, one per
 * UTF-16 unit, as Excel does) or, with nfkc, as its NFKC form, and
 * nothing else changed?
 */
static int lossy_save(bool *out, loss *l, const char *was, const char *now,
		      bool nfkc)
{
	size_t i = 0, j = 0, nw = strlen(was), nn = strlen(now);
	sl_buf form = SL_BUF_INIT;
	int rc = 0;
	*out = false;
	memset(l, 0, sizeof(*l));
	while (rc == 0 && i < nw) {
		size_t k = i;
		int32_t cp;
		bool holds;
		if (!sl_utf8_next(was, nw, &k, &cp))
			break;
		if (nn - j >= k - i && !memcmp(was + i, now + j, k - i)) {
			j += k - i;
			i = k;
			continue;
		}
		if ((rc = cp932_holds(&holds, was + i, k - i)) < 0 || holds)
			break;
		sl_buf_clear(&form);
		if (nfkc && (rc = sl_utf8_nfkc(&form, was + i, k - i)) < 0)
			break;
		if (nfkc && form.len && nn - j >= form.len &&
		    !memcmp(form.ptr, now + j, form.len)) {
			l->forms++;
			j += form.len;
			i = k;
			continue;
		}
		if (j >= nn || now[j] != '?')
			break;
		if (!l->marks++) {
			l->at = i;
			l->len = k - i;
		}
		j++;
		if (cp > 0xFFFF && j < nn && now[j] == '?' &&
		    (k >= nw || was[k] != '?'))
			j++;
		i = k;
	}
	sl_buf_dispose(&form);
	if (rc == 0)
		*out = i == nw && j == nn && (l->marks || l->forms);
	return rc;
}

/* Where the table's text of field is a lossy save of the matched item's,
 * keep the matched item's text and say so in kept ('?') or count it in
 * *forms (NFKC forms, which an export with --nfkc writes by design). */
static size_t marks_in(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += *s == '?';
	return n;
}

/* An edited text with more '?' than the stored one, which has characters
 * CP932 cannot hold: maybe an edit saved lossily. Taken as the edit (it
 * is not only a loss), but named in p->suspect. */
static int note_suspect(sl_import_plan *p, const sl_item *it, const char *field,
			const char *old, const char *now)
{
	sl_buf b = SL_BUF_INIT;
	bool holds;
	int rc;
	if (marks_in(now) <= marks_in(old))
		return 0;
	if ((rc = cp932_holds(&holds, old, strlen(old))) < 0 || holds)
		return rc;
	sl_buf_printf(&b, "%s %s", it->id, field);
	return push_str(&p->suspect, &b);
}

static int keep_lost(sl_item *it, const sl_item *was, const char *field,
		     sl_import_plan *p, bool nfkc)
{
	bool wj = false, nj = false, lossy;
	const char *old = sl_item_get(was, field, &wj);
	const char *now = sl_item_get(it, field, &nj);
	sl_buf b = SL_BUF_INIT;
	loss l;
	int rc;
	if (!old || !now || wj || nj || !strcmp(old, now))
		return 0;
	if ((rc = lossy_save(&lossy, &l, old, now, nfkc)) < 0)
		return rc;
	if (!lossy)
		return note_suspect(p, it, field, old, now);
	p->forms += l.forms;
	if (l.marks) {
		sl_buf_printf(&b, "%s %s: '?' for '%.*s'", it->id, field,
			      (int)l.len, old + l.at);
		if (l.marks > 1)
			sl_buf_printf(&b, " and %zu more", l.marks - 1);
		if ((rc = push_str(&p->kept, &b)) < 0)
			return rc;
	}
	return sl_item_set(it, field, old, false);
}

static int keep_lost_all(sl_item *it, const sl_item *was, sl_import_plan *p,
			 bool nfkc)
{
	static const char *const texts[] = {"category", "question", "answer"};
	size_t i;
	int rc = 0;
	for (i = 0; rc == 0 && i < SL_ARRAY_SIZE(texts); i++)
		rc = keep_lost(it, was, texts[i], p, nfkc);
	for (i = 0; rc == 0 && i < it->extra_count; i++)
		rc = keep_lost(it, was, it->extra[i].name, p, nfkc);
	return rc;
}

static int located(int rc, const char *path, const sl_import_row *row)
{
	sl_error_add_loc(row->line, row->col);
	if (path)
		sl_error_add_path(path);
	sl_error_add_item(row->id);
	return rc;
}

/* An item moved to another section (a renumbering across sections) whose
 * scope was its old section's takes the new section's, as an added item
 * would; a scope of its own stays (lint then judges it). */
static int follow_section_scope(sl_item *it, const sl_sheet *cur,
				const sl_item *base)
{
	const sl_section *was = sl_sheet_section(cur, base->section);
	const sl_section *now = sl_sheet_section(cur, it->section);
	const char *old_scope = was ? was->scope : NULL;
	if (!it->scope || !old_scope || strcmp(it->scope, old_scope) || !now)
		return 0;
	return sl_item_set(it, "scope", now->scope, false);
}

/*
 * The item a row asks for, over base (the item it matched; NULL: a new
 * item). p (optional) collects the lossy saves undone.
 */
static int row_item(sl_item **out, const sl_sheet *cur,
		    const sl_import_row *row, const sl_item *base,
		    sl_import_plan *p, unsigned flags, const char *path)
{
	const char *sec_cell = row_cell(row, "section");
	sl_item *it = base ? sl_item_dup(base) : sl_item_new();
	sl_buf file = SL_BUF_INIT;
	size_t i;
	int rc = 0;
	*out = NULL;
	if (!it)
		return sl_error_oom();
	if (!base || strcmp(base->id, row->id)) {
		const char *sec = sec_cell && *sec_cell
					  ? sec_cell
					  : prefix_section(cur, row->id);
		if (!base && !sec) {
			sl_item_free(it);
			return located(sl_error_set(SL_EINVALID,
						    "new item '%s' needs a "
						    "section: add a section "
						    "column, or use an id "
						    "whose prefix is a "
						    "section",
						    row->id),
				       path, row);
		}
		/* A renumbered item follows its new number's section
		 * unless the table says otherwise. */
		rc = sl_item_set(it, "id", row->id, false);
		if (rc == 0 && sec)
			rc = sl_item_set(it, "section", sec, false);
		if (rc == 0 && !base)
			rc = sl_item_set(it, "question", "", false);
		if (rc == 0 && !base)
			rc = sl_item_set(it, "answer", "", false);
		/* Where it will live, for lint's file-name rule. */
		sl_buf_puts(&file, SL_SHEET_DIR "/items/");
		sl_item_file_name(&file, row->id);
		sl_free(it->path);
		it->path = sl_buf_detach(&file, NULL);
		if (rc == 0 && !it->path)
			rc = sl_error_oom();
	}
	for (i = 0; rc == 0 && i < row->count; i++)
		rc = apply_cell(it, cur, row->cells[i].field,
				row->cells[i].value);
	if (rc == 0 && base && strcmp(base->section, it->section))
		rc = follow_section_scope(it, cur, base);
	if (rc == 0 && !base && !it->scope) {
		/* An added item carries its section's scope, as the
		 * published items do. */
		const sl_section *s = sl_sheet_section(cur, it->section);
		if (s && s->scope)
			rc = sl_item_set(it, "scope", s->scope, false);
	}
	if (rc == 0 && base && p)
		rc = keep_lost_all(it, base, p, flags & SL_IMPORT_PLAN_CP932);
	if (rc < 0) {
		sl_item_free(it);
		return rc;
	}
	*out = it;
	return 0;
}

/* A sheet with cur's metadata and the items rows ask for, each over
 * bases[i] (bases NULL: the current item with the row's id). */
static int build(sl_sheet **out, const sl_sheet *cur, const sl_import_row *rows,
		 size_t n, const sl_item *const *bases, sl_import_plan *p,
		 unsigned flags, const char *path)
{
	sl_sheet *s = NULL;
	size_t i;
	int rc = sl_sheet_new(&s);
	if (rc == 0)
		rc = sl_sheet_meta_copy(sl_sheet_meta_of(s),
					sl_sheet_meta_get(cur));
	for (i = 0; rc == 0 && i < n; i++) {
		sl_item *it;
		const sl_item *base =
			bases ? bases[i] : sl_sheet_find(cur, rows[i].id);
		rc = row_item(&it, cur, &rows[i], base, p, flags, path);
		if (rc == 0)
			rc = sl_sheet_add_item(s, it);
	}
	if (rc < 0) {
		sl_sheet_free(s);
		return rc;
	}
	sl_sheet_sort(s);
	*out = s;
	return 0;
}

/* The item each row matched in the diff d of cur against the provisional
 * sheet: a row whose item is unchanged keeps the item with its id; an
 * added row has none. */
static int bases_of(const sl_item **bases, const sl_sheet *cur,
		    const sl_import_row *rows, size_t n, const sl_diff *d)
{
	sl_strmap at = SL_STRMAP_INIT;
	size_t i;
	int rc = 0;
	for (i = 0; rc == 0 && i < n; i++) {
		bases[i] = sl_sheet_find(cur, rows[i].id);
		rc = sl_strmap_put(&at, rows[i].id, (void *)&rows[i]);
	}
	for (i = 0; rc == 0 && i < sl_diff_count(d); i++) {
		const sl_change *c = sl_diff_change(d, i);
		void *row;
		if (c->new_item && sl_strmap_get(&at, c->new_item->id, &row))
			bases[(const sl_import_row *)row - rows] = c->old_item;
	}
	sl_strmap_dispose(&at);
	return rc;
}

/* "ID QUESTION-START" of each item the plan removes. */
static int list_going(sl_vec *going, const sl_diff *d)
{
	size_t i;
	int rc = 0;
	for (i = 0; rc == 0 && i < sl_diff_count(d); i++) {
		const sl_change *c = sl_diff_change(d, i);
		const char *q;
		size_t len, pos = 0, k;
		int32_t cp;
		sl_buf b = SL_BUF_INIT;
		if (c->status != SL_CHANGE_REMOVED)
			continue;
		q = c->old_item->question;
		len = strlen(q);
		for (k = 0; k < QUESTION_START && pos < len; k++)
			if (!sl_utf8_next(q, len, &pos, &cp))
				break;
		sl_buf_printf(&b, "%s %.*s%s", c->old_item->id, (int)pos, q,
			      pos < len ? "…" : "");
		rc = push_str(going, &b);
	}
	return rc;
}

int sl_import_plan_compute(sl_import_plan **out, sl_sheet *sheet,
			   const sl_import_row *rows, size_t n, unsigned flags,
			   const char *path)
{
	sl_import_plan *p = sl_calloc(1, sizeof(*p));
	const sl_item **bases = sl_calloc(n ? n : 1, sizeof(*bases));
	sl_sheet *prov = NULL, *want = NULL;
	sl_diff *pd = NULL;
	int rc = 0;

	*out = NULL;
	if (!p || !bases) {
		rc = sl_error_oom();
		goto done;
	}
	rc = build(&prov, sheet, rows, n, NULL, NULL, flags, path);
	if (rc == 0)
		rc = sl_diff_compute(&pd, sheet, prov);
	if (rc == 0)
		rc = bases_of(bases, sheet, rows, n, pd);
	if (rc == 0)
		rc = build(&want, sheet, rows, n, bases, p, flags, path);
	if (rc < 0)
		goto done;
	/* The bases borrow sheet's items, which now move to want: the
	 * build is done with them. */
	sl_sheet_swap(sheet, want);
	p->before = want;
	want = NULL;
	rc = sl_diff_compute(&p->diff, p->before, sheet);
	if (rc == 0)
		rc = list_going(&p->going, p->diff);
	if (rc == 0)
		rc = sl_lint_structure(&p->lint, sheet, NULL);
	if (rc == 0)
		sl_diag_sort(&p->lint);
	if (rc < 0) {
		/* Put the sheet back as it was. */
		sl_diff_free(p->diff);
		p->diff = NULL;
		sl_sheet_swap(sheet, p->before);
	}
done:
	sl_diff_free(pd);
	sl_sheet_free(prov);
	sl_sheet_free(want);
	sl_free(bases);
	if (rc < 0) {
		sl_import_plan_free(p);
		return rc;
	}
	*out = p;
	return 0;
}

int sl_import_plan_write(size_t *written, size_t *removed,
			 const sl_import_plan *p, const char *dir)
{
	const sl_sheet *want = sl_diff_new_sheet(p->diff);
	size_t n = sl_diff_count(p->diff), i, k = 0;
	const sl_item **items = sl_calloc(n ? n : 1, sizeof(*items));
	int rc;
	*written = *removed = 0;
	if (!items)
		return sl_error_oom();
	for (i = 0; i < n; i++) {
		const sl_change *c = sl_diff_change(p->diff, i);
		if (c->new_item)
			items[k++] = c->new_item;
	}
	/* The commit point: every target file at once, from memory. */
	rc = sl_store_write_items(written, items, k, dir);
	sl_free(items);
	/* Then the files of numbers the sheet no longer has. */
	for (i = 0; rc == 0 && i < n; i++) {
		const sl_change *c = sl_diff_change(p->diff, i);
		sl_buf rel = SL_BUF_INIT;
		char *file;
		if (!c->old_item || sl_sheet_find(want, c->old_item->id))
			continue;
		sl_buf_puts(&rel, "items/");
		sl_item_file_name(&rel, c->old_item->id);
		file = sl_buf_oom(&rel) ? NULL
					: sl_fs_join(dir, sl_buf_cstr(&rel));
		sl_buf_dispose(&rel);
		rc = file ? sl_fs_remove(file) : sl_error_oom();
		if (rc == SL_ENOTFOUND)
			rc = 0; /* already gone: the plan's end state */
		else if (rc == 0)
			(*removed)++;
		sl_free(file);
	}
	return rc;
}
