/*
 * diff.c: the sheet diff model: match (match.c), then per-field inline
 * diffs (textdiff.c) and notation-only detection (notation.c), then a
 * summary. Never prints; renderers read the result.
 */
#include "diff.h"
#include "diff_doc.h"

#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "error.h"
#include "id.h"
#include "json.h"
#include "lint.h"
#include "load.h"
#include "match.h"
#include "notation.h"
#include "par.h"
#include "utf8.h"
#include "vec.h"

struct sl_diff {
	sl_change *changes; /* owned array */
	size_t count;
	sl_diff_summary summary;
	const sl_sheet *old_sheet; /* borrowed or owned_old */
	const sl_sheet *new_sheet; /* borrowed or owned_new */
	sl_sheet *owned_old;       /* owned (snapshot diffs) */
	sl_sheet *owned_new;
	sl_doc_diff doc; /* sheet.json's own changes (diff_doc.h) */
};

const char *sl_change_status_name(sl_change_status s)
{
	static const char *const names[] = {
		[SL_CHANGE_ADDED] = "added",
		[SL_CHANGE_REMOVED] = "removed",
		[SL_CHANGE_MODIFIED] = "modified",
		[SL_CHANGE_RENUMBERED] = "renumbered",
		[SL_CHANGE_REPLACED] = "replaced",
	};
	return SL_ENUM_NAME(names, s);
}

const char *sl_change_kind(const sl_change *c)
{
	switch (c->status) {
	case SL_CHANGE_ADDED:
		return "added";
	case SL_CHANGE_REMOVED:
		return "removed";
	case SL_CHANGE_RENUMBERED:
		return "renumbered";
	case SL_CHANGE_REPLACED:
		return "replaced";
	case SL_CHANGE_MODIFIED:
		break;
	}
	return c->notation_only ? "notation" : "modified";
}

static void change_dispose(sl_change *c)
{
	size_t i;
	for (i = 0; i < c->field_count; i++)
		sl_text_ops_dispose(&c->fields[i].ops);
	sl_free(c->fields);
	memset(c, 0, sizeof(*c));
}

/* Below this many changes a diff is freed on one thread. */
#define PAR_MIN_FREE 4096

/* sl_par_fn: half i of a diff's memory, the old sheet (0) or the new one
 * (1) and half of the changes. Each side was loaded on a thread of its
 * own and the field diffs were computed in the same two halves, so each
 * half goes back to the allocator arena it came from. */
static int free_half(void *arg, size_t i)
{
	sl_diff *d = arg;
	size_t k, mid = d->count / 2;
	for (k = i ? mid : 0; k < (i ? d->count : mid); k++)
		change_dispose(&d->changes[k]);
	sl_sheet_free(i ? d->owned_new : d->owned_old);
	return 0;
}

/* A far diff is tens of thousands of items, each several allocations:
 * freeing them was a tenth of its run (issue 11), so two threads share
 * it (a min_block of 2 keeps a small diff on the calling thread). */
void sl_diff_free(sl_diff *d)
{
	if (!d)
		return;
	/* free_half cannot fail, so neither can this. */
	(void)sl_par_for(2, d->count < PAR_MIN_FREE ? 2 : 1, free_half, d);
	sl_free(d->changes);
	sl_doc_diff_dispose(&d->doc);
	sl_free(d);
}

size_t sl_diff_count(const sl_diff *d)
{
	return d->count;
}

const sl_change *sl_diff_change(const sl_diff *d, size_t i)
{
	return i < d->count ? &d->changes[i] : NULL;
}

const sl_diff_summary *sl_diff_summary_of(const sl_diff *d)
{
	return &d->summary;
}

const sl_sheet *sl_diff_old_sheet(const sl_diff *d)
{
	return d->old_sheet;
}

const sl_sheet *sl_diff_new_sheet(const sl_diff *d)
{
	return d->new_sheet;
}

const sl_doc_diff *sl_diff_doc(const sl_diff *d)
{
	return &d->doc;
}

/* The document diff of the two sheets' sheet.json, after rc. */
static int diff_doc(sl_diff *d, int rc)
{
	if (rc < 0)
		return rc;
	return sl_doc_diff_compute(&d->doc, sl_sheet_meta_get(d->old_sheet),
				   sl_sheet_meta_get(d->new_sheet));
}

const sl_section *sl_diff_section_of(const sl_diff *d, const sl_change *c)
{
	const sl_section *s = sl_sheet_section(d->new_sheet, c->section);
	return s ? s : sl_sheet_section(d->old_sheet, c->section);
}

/* ---- fields -------------------------------------------------------------- */

static bool str_eq(const char *a, const char *b)
{
	return (!a || !b) ? a == b : !strcmp(a, b);
}

/* Can this change vanish under NFKC and whitespace folding? Only when a
 * changed run holds a character that folding may touch (utf8.h). */
static bool ops_may_be_notation(const sl_text_ops *ops)
{
	size_t i;
	for (i = 0; i < ops->count; i++) {
		const sl_text_op *op = &ops->ops[i];
		size_t pos = 0;
		int32_t cp;
		if (op->op == SL_OP_EQUAL)
			continue;
		while (pos < op->len) {
			if (!sl_utf8_next(op->text, op->len, &pos, &cp) ||
			    !sl_utf8_is_nfkc_inert(cp))
				return true;
		}
	}
	return false;
}

/* One field's change; replaced: the two texts belong to unrelated items
 * (a reused number), shown whole. */
static int field_add(sl_field_change **fields, size_t *count, const char *name,
		     const char *ot, const char *nt, bool is_json,
		     bool replaced, sl_textdiff_work *work)
{
	sl_field_change *f, *grown;
	/* Two unrelated items: the old text out and the new in, no
	 * character-level alignment of one with the other. */
	sl_textdiff_options whole = {true, 0};
	int rc;

	/* A replaced number shows both items whole. */
	if (replaced ? !ot && !nt : str_eq(ot, nt))
		return 0;
	grown = sl_reallocarray(*fields, *count + 1, sizeof(*grown));
	if (!grown)
		return sl_error_oom();
	*fields = grown;
	f = &grown[*count];
	memset(f, 0, sizeof(*f));
	f->field = name;
	f->old_text = ot;
	f->new_text = nt;
	f->old_len = ot ? strlen(ot) : 0;
	f->new_len = nt ? strlen(nt) : 0;
	f->is_json = is_json;
	rc = sl_textdiff_with(&f->ops, ot ? ot : "", f->old_len, nt ? nt : "",
			      f->new_len, replaced ? &whole : NULL, work);
	if (rc < 0)
		return rc;
	(*count)++;
	if (ot && nt && !replaced && !f->is_json &&
	    ops_may_be_notation(&f->ops)) {
		rc = sl_notation_equal(&f->notation_only, ot, f->old_len, nt,
				       f->new_len);
		if (rc < 0)
			return rc;
	}
	return 0;
}

int sl_field_changes_add(sl_field_change **fields, size_t *count,
			 const char *name, const char *ot, const char *nt,
			 bool is_json)
{
	return field_add(fields, count, name, ot, nt, is_json, false, NULL);
}

static int extras_add(sl_field_change **fields, size_t *count,
		      const sl_extra *a, size_t na, const sl_extra *b,
		      size_t nb, bool replaced, sl_textdiff_work *work)
{
	size_t i = 0, j = 0;
	int rc = 0;
	while (rc == 0 && (i < na || j < nb)) {
		int cmp = i >= na   ? 1
			  : j >= nb ? -1
				    : strcmp(a[i].name, b[j].name);
		const sl_extra *x = cmp <= 0 ? &a[i] : NULL;
		const sl_extra *y = cmp >= 0 ? &b[j] : NULL;
		rc = field_add(fields, count, x ? x->name : y->name,
			       x ? x->text : NULL, y ? y->text : NULL,
			       (x && x->is_json) || (y && y->is_json), replaced,
			       work);
		i += cmp <= 0;
		j += cmp >= 0;
	}
	return rc;
}

int sl_field_changes_add_extras(sl_field_change **fields, size_t *count,
				const sl_extra *a, size_t na, const sl_extra *b,
				size_t nb)
{
	return extras_add(fields, count, a, na, b, nb, false, NULL);
}

static int add_field(sl_change *c, const char *name, const sl_item *o,
		     const sl_item *n, sl_textdiff_work *work)
{
	bool oj = false, nj = false;
	const char *ot = o ? sl_item_get(o, name, &oj) : NULL;
	const char *nt = n ? sl_item_get(n, name, &nj) : NULL;
	return field_add(&c->fields, &c->field_count, name, ot, nt, oj || nj,
			 c->status == SL_CHANGE_REPLACED, work);
}

/* Field order: category, question, answer, section, scope, then extra
 * fields by name (the union of both items' extras). */
static int compute_fields(sl_change *c, sl_textdiff_work *work)
{
	static const char *const order[] = {"category", "question", "answer",
					    "section", "scope"};
	const sl_item *o = c->old_item, *n = c->new_item;
	size_t k;
	int rc = 0;

	for (k = 0; k < SL_ARRAY_SIZE(order) && rc == 0; k++)
		rc = add_field(c, order[k], o, n, work);
	if (rc == 0)
		rc = extras_add(&c->fields, &c->field_count,
				o ? o->extra : NULL, o ? o->extra_count : 0,
				n ? n->extra : NULL, n ? n->extra_count : 0,
				c->status == SL_CHANGE_REPLACED, work);
	if (rc == 0 && c->status == SL_CHANGE_MODIFIED && c->field_count) {
		c->notation_only = true;
		for (k = 0; k < c->field_count; k++)
			c->notation_only &= c->fields[k].notation_only;
	}
	return rc;
}

/* ---- ordering ------------------------------------------------------------ */

typedef struct sort_key {
	size_t section_rank; /* position in the new sheet, then the old */
	sl_change change;
} sort_key;

static int key_cmp(const void *a, const void *b)
{
	const sort_key *x = a, *y = b;
	int c;
	if (x->section_rank != y->section_rank)
		return x->section_rank < y->section_rank ? -1 : 1;
	c = sl_id_compare(x->change.section ? x->change.section : "",
			  y->change.section ? y->change.section : "");
	if (c)
		return c;
	c = sl_id_compare(x->change.id, y->change.id);
	if (c)
		return c;
	return (int)x->change.status - (int)y->change.status;
}

static size_t section_rank(const sl_diff *d, const char *section)
{
	size_t n_new = sl_sheet_meta_get(d->new_sheet)->section_count;
	size_t i = sl_sheet_section_index(d->new_sheet, section);
	if (i < n_new)
		return i;
	return n_new + sl_sheet_section_index(d->old_sheet, section);
}

static int sort_changes(sl_diff *d)
{
	sort_key *keys;
	size_t i;
	if (d->count < 2)
		return 0;
	keys = sl_calloc(d->count, sizeof(*keys));
	if (!keys)
		return sl_error_oom();
	for (i = 0; i < d->count; i++) {
		keys[i].change = d->changes[i];
		keys[i].section_rank = section_rank(d, d->changes[i].section);
	}
	qsort(keys, d->count, sizeof(*keys), key_cmp);
	for (i = 0; i < d->count; i++)
		d->changes[i] = keys[i].change;
	sl_free(keys);
	return 0;
}

/* ---- core ---------------------------------------------------------------- */

static void set_change(sl_change *c, sl_change_status status, const sl_item *o,
		       const sl_item *n)
{
	memset(c, 0, sizeof(*c));
	c->status = status;
	c->old_item = o;
	c->new_item = n;
	c->id = n ? n->id : o->id;
	c->old_id = o ? o->id : NULL;
	c->section = n ? n->section : o->section;
}

/* Field diffs below this many changes are not worth a thread. */
#define PAR_MIN_CHANGES 64

/* The field diffs of changes, in contiguous blocks, one per thread, each
 * with the text diff's working arrays of its own (sl_textdiff_work). They
 * read only each change's two items. */
typedef struct fields_job {
	sl_change *changes;
	size_t n, blocks;
} fields_job;

/* sl_par_fn: block b; it stops at its first failure (sl_par_for then
 * gives the lowest failing block's, as one loop would). */
static int compute_block(void *arg, size_t b)
{
	fields_job *j = arg;
	sl_textdiff_work *work = NULL;
	size_t i, end = j->n * (b + 1) / j->blocks;
	int rc = sl_textdiff_work_new(&work);
	for (i = j->n * b / j->blocks; i < end && rc == 0; i++)
		rc = compute_fields(&j->changes[i], work);
	sl_textdiff_work_free(work);
	return rc;
}

static int compute_all(sl_change *changes, size_t n)
{
	fields_job j = {changes, n, 1};
	size_t t = sl_par_threads();
	if (t > 1 && n >= 2 * PAR_MIN_CHANGES)
		j.blocks = t < n / PAR_MIN_CHANGES ? t : n / PAR_MIN_CHANGES;
	return n ? sl_par_for(j.blocks, 1, compute_block, &j) : 0;
}

void sl_diff_summary_count(sl_diff_summary *s, const sl_change *c)
{
	size_t *slot[] = {
		[SL_CHANGE_ADDED] = &s->added,
		[SL_CHANGE_REMOVED] = &s->removed,
		[SL_CHANGE_MODIFIED] = &s->modified,
		[SL_CHANGE_RENUMBERED] = &s->renumbered,
		[SL_CHANGE_REPLACED] = &s->replaced,
	};
	if (c->status == SL_CHANGE_MODIFIED && c->notation_only)
		s->notation_only++;
	else
		(*slot[c->status])++;
}

static int ref_cmp(const void *a, const void *b)
{
	return strcmp((*(const sl_item *const *)a)->id,
		      (*(const sl_item *const *)b)->id);
}

/*
 * The changes of a matching: pairs are modified or renumbered; an old
 * item and a new item left unpaired under the same id are one reused
 * number, replaced; the other unpaired items are removed or added.
 * changes has room for n_old + n_new; *count is set. @return 0 or
 * SL_ENOMEM
 */
static int changes_of(sl_change *changes, size_t *count, const sl_match *m,
		      const sl_item *const *olds, size_t n_old,
		      const sl_item *const *news, size_t n_new)
{
	const sl_item **lone = sl_calloc(n_new ? n_new : 1, sizeof(*lone));
	bool *taken = sl_calloc(n_new ? n_new : 1, sizeof(*taken));
	size_t i, n = 0, n_lone = 0;
	if (!lone || !taken) {
		sl_free(lone);
		sl_free(taken);
		return sl_error_oom();
	}
	for (i = 0; i < n_new; i++)
		if (m->new_to_old[i] == SL_MATCH_NONE)
			lone[n_lone++] = news[i];
	qsort(lone, n_lone, sizeof(*lone), ref_cmp);
	for (i = 0; i < n_old; i++) {
		size_t j = m->old_to_new[i];
		const sl_item **hit;
		if (j != SL_MATCH_NONE) {
			set_change(&changes[n++],
				   strcmp(olds[i]->id, news[j]->id)
					   ? SL_CHANGE_RENUMBERED
					   : SL_CHANGE_MODIFIED,
				   olds[i], news[j]);
			continue;
		}
		hit = n_lone ? bsearch(&olds[i], lone, n_lone, sizeof(*lone),
				       ref_cmp)
			     : NULL;
		if (hit)
			taken[hit - lone] = true;
		set_change(&changes[n++],
			   hit ? SL_CHANGE_REPLACED : SL_CHANGE_REMOVED,
			   olds[i], hit ? *hit : NULL);
	}
	for (i = 0; i < n_lone; i++)
		if (!taken[i])
			set_change(&changes[n++], SL_CHANGE_ADDED, NULL,
				   lone[i]);
	sl_free(lone);
	sl_free(taken);
	*count = n;
	return 0;
}

static int diff_core(sl_diff *d, const sl_item *const *olds, size_t n_old,
		     const sl_item *const *news, size_t n_new)
{
	sl_match m;
	sl_change *changes;
	size_t i, n = 0, kept = 0;
	int rc = sl_match_items(&m, olds, n_old, news, n_new);
	if (rc < 0)
		return rc;
	changes =
		sl_calloc(n_old + n_new ? n_old + n_new : 1, sizeof(*changes));
	if (!changes) {
		sl_match_dispose(&m);
		return sl_error_oom();
	}
	rc = changes_of(changes, &n, &m, olds, n_old, news, n_new);
	sl_match_dispose(&m);
	if (rc == 0)
		rc = compute_all(changes, n);
	for (i = 0; i < n; i++) {
		sl_change *c = &changes[i];
		if (rc == 0 &&
		    !(c->status == SL_CHANGE_MODIFIED && c->field_count == 0)) {
			sl_diff_summary_count(&d->summary, c);
			changes[kept++] = *c;
			continue;
		}
		/* Same content written differently (formatting): unchanged;
		 * or the diff failed and nothing is kept. */
		if (rc == 0)
			d->summary.unchanged++;
		change_dispose(c);
	}
	if (rc < 0) {
		sl_free(changes);
		return rc;
	}
	d->changes = changes;
	d->count = kept;
	return sort_changes(d);
}

/* The end of both diffs: the candidate lists go, and so does the diff
 * when rc says it failed. @return rc */
static int diff_done(sl_diff **out, sl_diff *d, const sl_item **olds,
		     const sl_item **news, int rc)
{
	sl_free(olds);
	sl_free(news);
	if (rc < 0) {
		sl_diff_free(d);
		return rc;
	}
	*out = d;
	return 0;
}

int sl_diff_compute(sl_diff **out, const sl_sheet *old_sheet,
		    const sl_sheet *new_sheet)
{
	sl_diff *d;
	const sl_item **olds = NULL, **news = NULL;
	size_t i, n_old = 0, n_new = 0;
	size_t co = sl_sheet_item_count(old_sheet),
	       cn = sl_sheet_item_count(new_sheet);
	int rc;

	*out = NULL;
	d = sl_calloc(1, sizeof(*d));
	olds = sl_calloc(co ? co : 1, sizeof(*olds));
	news = sl_calloc(cn ? cn : 1, sizeof(*news));
	if (!d || !olds || !news) {
		rc = sl_error_oom();
		goto done;
	}
	d->old_sheet = old_sheet;
	d->new_sheet = new_sheet;
	/* Same id, same content: unchanged, never a matching candidate. */
	for (i = 0; i < co; i++) {
		const sl_item *o = sl_sheet_item(old_sheet, i);
		const sl_item *n = sl_sheet_find(new_sheet, o->id);
		if (n && sl_item_equal(o, n))
			d->summary.unchanged++;
		else
			olds[n_old++] = o;
	}
	for (i = 0; i < cn; i++) {
		const sl_item *n = sl_sheet_item(new_sheet, i);
		const sl_item *o = sl_sheet_find(old_sheet, n->id);
		if (!o || !sl_item_equal(o, n))
			news[n_new++] = n;
	}
	rc = diff_doc(d, diff_core(d, olds, n_old, news, n_new));
done:
	return diff_done(out, d, olds, news, rc);
}

/* ---- snapshots ----------------------------------------------------------- */

/* sheet.json of one side; a data problem fails the diff, naming it. */
static int load_meta(sl_sheet *sheet, sl_snapshot *s, bool empty_ok)
{
	sl_diag_list diags = SL_DIAG_LIST_INIT;
	int rc;
	if (empty_ok && (!s || !s->has_sheet_dir))
		return 0; /* an empty sheet: before the first commit of it */
	if (!s->has_sheet_dir)
		return sl_snapshot_no_dir_error(s);
	rc = sl_load_meta(sheet, &diags, s);
	if (rc == 0)
		rc = sl_load_fail(s, &diags);
	sl_diag_list_dispose(&diags);
	return rc;
}

/* One item file of one side, through the one loader (load.h). */
static int load_item(sl_sheet *sheet, sl_snapshot *s, sl_snapfile *f)
{
	sl_diag_list diags = SL_DIAG_LIST_INIT;
	int rc = sl_load_item_entry(sheet, &diags, s, f);
	if (rc == 0)
		rc = sl_load_fail(s, &diags);
	sl_diag_list_dispose(&diags);
	return rc;
}

/* Files equal without parsing: same blob id, or same bytes. */
static int same_file(bool *out, sl_snapshot *a, sl_snapfile *fa, sl_snapshot *b,
		     sl_snapfile *fb)
{
	int rc;
	if (fa->has_oid && fb->has_oid) {
		*out = !memcmp(fa->oid, fb->oid, sizeof(fa->oid));
		return 0;
	}
	*out = false;
	if (fa->kind != SL_FS_REGULAR || fb->kind != SL_FS_REGULAR)
		return 0;
	rc = sl_snapshot_load(a, fa);
	if (rc == 0)
		rc = sl_snapshot_load(b, fb);
	if (rc == 0)
		*out = fa->len == fb->len &&
		       !memcmp(fa->data, fb->data, fa->len);
	return rc;
}

static int check_partial(sl_sheet *sheet, sl_snapshot *s)
{
	sl_diag_list diags = SL_DIAG_LIST_INIT;
	int rc;
	sl_sheet_sort(sheet);
	rc = sl_lint_structure(&diags, sheet, s);
	if (rc == 0)
		rc = sl_load_fail(s, &diags);
	sl_diag_list_dispose(&diags);
	return rc;
}

/* A merge-walk of two snapshots' item files (both sorted by path). */
typedef struct item_walk {
	sl_snapshot *a, *b; /* either may be NULL: no files */
	size_t i, j;
} item_walk;

/* The next item file of either side, paired by path: both when both
 * sides have it, else one and NULL. @return false at the end */
static bool item_walk_next(item_walk *w, sl_snapfile **fa_out,
			   sl_snapfile **fb_out)
{
	size_t na = w->a ? w->a->files.len : 0, nb = w->b ? w->b->files.len : 0;
	for (;;) {
		sl_snapfile *fa = w->i < na ? w->a->files.items[w->i] : NULL;
		sl_snapfile *fb = w->j < nb ? w->b->files.items[w->j] : NULL;
		int cmp;
		if (!fa && !fb)
			return false;
		if (fa && !sl_load_is_item_entry(fa)) {
			w->i++;
			continue;
		}
		if (fb && !sl_load_is_item_entry(fb)) {
			w->j++;
			continue;
		}
		cmp = !fa ? 1 : !fb ? -1 : strcmp(fa->path, fb->path);
		*fa_out = cmp <= 0 ? fa : NULL;
		*fb_out = cmp >= 0 ? fb : NULL;
		w->i += cmp <= 0;
		w->j += cmp >= 0;
		return true;
	}
}

/* SL_DIFF_RELEASE: the parsed items are all the diff needs from here on;
 * on a far diff the raw bytes are a tenth of the peak memory. */
static void release_items(sl_snapshot *s)
{
	size_t i;
	for (i = 0; s && i < s->files.len; i++)
		if (sl_load_is_item_entry(s->files.items[i]))
			sl_snapshot_unload(s, s->files.items[i]);
}

int sl_diff_snapshots(sl_diff **out, sl_snapshot *a, sl_snapshot *b)
{
	return sl_diff_snapshots_ex(out, a, b, 0);
}

/*
 * Both sides into a new diff's own sheets: sheet.json, then every item
 * file that differs (a file whose blob is the same on both sides is
 * counted unchanged and never parsed), then the partial sheets' checks.
 * new: *out (its summary counts the unchanged files). @return as
 * sl_diff_snapshots_ex
 */
/* One side's files to load (load_sides), each with its position in the
 * merge walk of both sides, and the side's first failure. */
typedef struct side_job {
	sl_sheet *sheet;
	sl_snapshot *snap;
	sl_vec files; /* sl_snapfile pointers, borrowed */
	size_t *at;   /* owned; merge positions, files.len of them */
	int rc;       /* the first failure, at merge position failed_at */
	size_t failed_at;
	sl_error err;
	int check_rc; /* the side's checks (check_partial), once loaded */
	sl_error check_err;
} side_job;

/* sl_par_fn: load side i's files, then check the side's partial sheet
 * (each side's checks read only its own sheet and loaded bytes). The
 * failures stay in the job (the caller picks the one a loop reports),
 * so this never fails itself. */
static int load_side(void *ctx, size_t i)
{
	side_job *j = &((side_job *)ctx)[i];
	size_t k;
	for (k = 0; k < j->files.len && j->rc == 0; k++) {
		j->rc = load_item(j->sheet, j->snap, j->files.items[k]);
		if (j->rc < 0) {
			j->failed_at = j->at[k];
			j->err = *sl_error_last();
		}
	}
	if (j->rc == 0 && j->snap) {
		j->check_rc = check_partial(j->sheet, j->snap);
		if (j->check_rc < 0)
			j->check_err = *sl_error_last();
	}
	return 0;
}

static int side_job_add(side_job *j, sl_snapfile *f, size_t at)
{
	size_t *g;
	if (sl_vec_push(&j->files, f) < 0)
		return sl_error_oom();
	g = sl_reallocarray(j->at, j->files.len, sizeof(*g));
	if (!g)
		return sl_error_oom();
	j->at = g;
	j->at[j->files.len - 1] = at;
	return 0;
}

/* Files to load below this many are not worth a second thread. */
#define PAR_MIN_FILES 512

/*
 * Load both sides' changed files and check each side, on two threads
 * when there are many: a far diff reads and parses tens of thousands of
 * blobs, a third of its time, and the two sides are independent. The new
 * side then reads through a second repository handle (sl_repo_sibling).
 * The result is the one loop gives (load every file in merge order, then
 * check the old side, then the new), failure included: each side stops
 * at its first failure; a load failure comes first, the earlier of the
 * two in merge order (the old side's at the same position); then the old
 * side's check failure, then the new side's.
 */
static int load_changed(sl_sheet *olds, sl_snapshot *a, sl_sheet *news,
			sl_snapshot *b, side_job jobs[2])
{
	size_t total = jobs[0].files.len + jobs[1].files.len;
	sl_repo *sibling = NULL;
	int rc = 0;
	jobs[0].sheet = olds;
	jobs[0].snap = a;
	jobs[1].sheet = news;
	jobs[1].snap = b;
	if (total >= PAR_MIN_FILES && sl_par_threads() > 1 && b &&
	    b->kind != SL_SNAP_WORKTREE) {
		if (sl_repo_sibling(&sibling, b->repo) < 0)
			sl_error_clear(); /* one thread, then */
	}
	if (sibling) {
		b->reader = sibling;
		rc = sl_par_for(2, 1, load_side, jobs);
		b->reader = NULL;
		/* Its own pack maps would otherwise count in the peak
		 * memory of everything after the load. */
		sl_repo_sibling_close(b->repo);
	} else {
		load_side(jobs, 0);
		load_side(jobs, 1);
	}
	if (rc == 0 && (jobs[0].rc < 0 || jobs[1].rc < 0)) {
		side_job *j = jobs[1].rc == 0 || (jobs[0].rc < 0 &&
						  jobs[0].failed_at <=
							  jobs[1].failed_at)
				      ? &jobs[0]
				      : &jobs[1];
		sl_error_restore(&j->err);
		rc = j->rc;
	} else if (rc == 0 && (jobs[0].check_rc < 0 || jobs[1].check_rc < 0)) {
		side_job *j = jobs[0].check_rc < 0 ? &jobs[0] : &jobs[1];
		sl_error_restore(&j->check_err);
		rc = j->check_rc;
	}
	return rc;
}

static int load_sides(sl_diff **out, sl_snapshot *a, sl_snapshot *b,
		      unsigned flags)
{
	sl_diff *d = sl_calloc(1, sizeof(*d));
	item_walk w = {a, b, 0, 0};
	sl_snapfile *fa, *fb;
	side_job jobs[2];
	size_t at = 0;
	bool empty_ok = flags & SL_DIFF_EMPTY_OK;
	int rc;

	memset(jobs, 0, sizeof(jobs)); /* two empty jobs (SL_VEC_INIT) */

	*out = NULL;
	if (!d)
		return sl_error_oom();
	rc = sl_sheet_new(&d->owned_old);
	if (rc == 0)
		rc = sl_sheet_new(&d->owned_new);
	if (rc == 0)
		rc = load_meta(d->owned_old, a, empty_ok);
	if (rc == 0)
		rc = load_meta(d->owned_new, b, empty_ok);
	/* Merge-walk both file lists (sorted by path) for the files that
	 * differ, then load those. */
	while (rc == 0 && item_walk_next(&w, &fa, &fb)) {
		bool same = false;
		if (fa && fb)
			rc = same_file(&same, a, fa, b, fb);
		if (rc == 0 && same) {
			d->summary.unchanged++;
			continue;
		}
		if (rc == 0 && fa)
			rc = side_job_add(&jobs[0], fa, at);
		if (rc == 0 && fb)
			rc = side_job_add(&jobs[1], fb, at);
		at++;
	}
	if (rc == 0)
		rc = load_changed(d->owned_old, a, d->owned_new, b, jobs);
	sl_vec_dispose(&jobs[0].files);
	sl_vec_dispose(&jobs[1].files);
	sl_free(jobs[0].at);
	sl_free(jobs[1].at);
	if (rc < 0) {
		sl_diff_free(d);
		return rc;
	}
	if (flags & SL_DIFF_RELEASE) {
		release_items(a);
		release_items(b);
	}
	d->old_sheet = d->owned_old;
	d->new_sheet = d->owned_new;
	*out = d;
	return 0;
}

/* A NULL snapshot, or one without checklist/, is no sheet with
 * SL_DIFF_EMPTY_OK. */
static sl_snapshot *side(sl_snapshot *s, unsigned flags)
{
	return (flags & SL_DIFF_EMPTY_OK) && s && !s->has_sheet_dir ? NULL : s;
}

int sl_diff_snapshots_ex(sl_diff **out, sl_snapshot *a, sl_snapshot *b,
			 unsigned flags)
{
	sl_diff *d;
	const sl_item **olds = NULL, **news = NULL;
	size_t k, co, cn;
	int rc = load_sides(&d, side(a, flags), side(b, flags), flags);

	*out = NULL;
	if (rc < 0)
		return rc;
	co = sl_sheet_item_count(d->owned_old);
	cn = sl_sheet_item_count(d->owned_new);
	olds = sl_calloc(co ? co : 1, sizeof(*olds));
	news = sl_calloc(cn ? cn : 1, sizeof(*news));
	if (!olds || !news) {
		rc = sl_error_oom();
	} else {
		for (k = 0; k < co; k++)
			olds[k] = sl_sheet_item(d->owned_old, k);
		for (k = 0; k < cn; k++)
			news[k] = sl_sheet_item(d->owned_new, k);
		rc = diff_doc(d, diff_core(d, olds, co, news, cn));
	}
	return diff_done(out, d, olds, news, rc);
}

int sl_diff_snapshots_pair(sl_diff **out, sl_snapshot *a, const char *old_id,
			   sl_snapshot *b, const char *new_id, unsigned flags)
{
	sl_diff *d;
	const sl_item *o, *n;
	sl_change *c;
	int rc = load_sides(&d, side(a, flags), side(b, flags), flags);

	*out = NULL;
	if (rc < 0)
		return rc;
	o = old_id ? sl_sheet_find(d->owned_old, old_id) : NULL;
	n = new_id ? sl_sheet_find(d->owned_new, new_id) : NULL;
	if (!o && !n && old_id && new_id && !strcmp(old_id, new_id) &&
	    d->summary.unchanged) {
		*out = d; /* the same file on both sides: no change */
		return 0;
	}
	if ((old_id && !o) || (new_id && !n) || (!o && !n)) {
		sl_diff_free(d);
		return sl_error_set(SL_ENOTFOUND,
				    "no changed item %s -> %s in the revisions",
				    old_id ? old_id : "-",
				    new_id ? new_id : "-");
	}
	if (!(c = sl_calloc(1, sizeof(*c)))) {
		sl_diff_free(d);
		return sl_error_oom();
	}
	set_change(c,
		   !o                         ? SL_CHANGE_ADDED
		   : !n                       ? SL_CHANGE_REMOVED
		   : strcmp(o->id, n->id)     ? SL_CHANGE_RENUMBERED
		   : flags & SL_DIFF_REPLACED ? SL_CHANGE_REPLACED
					      : SL_CHANGE_MODIFIED,
		   o, n);
	rc = compute_fields(c, NULL);
	if (rc == 0 && !(c->status == SL_CHANGE_MODIFIED && !c->field_count)) {
		sl_diff_summary_count(&d->summary, c);
		d->changes = c;
		d->count = 1;
	} else {
		if (rc == 0)
			d->summary.unchanged++;
		change_dispose(c);
		sl_free(c);
	}
	return diff_done(out, d, NULL, NULL, rc);
}
