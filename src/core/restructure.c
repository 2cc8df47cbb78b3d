/*
 * restructure.c: insert, remove and move items, renumbering a section.
 *
 * Every item of the sheet gets a slot: its section and number now
 * (cur_sec, cur_n; cur_n 0 when the id is not SECTION-NUMBER) and whether
 * it is gone. An edit moves slots in number space, as an editor would
 * move rows, and only then are ids and files derived from the slots:
 *
 *   insert 2-6          shift 2-N, N >= 6, up by one (when 2-6 is taken),
 *                       the new item takes 2-6
 *   remove 3-2          3-2 goes, 3-N, N > 2, shift down by one
 *   move 2-10 --to 2-3  remove 2-10 (2-11.. down), then insert it at 2-3
 *                       (2-3.. up): 2-3..2-9 become 2-4..2-10, the rest
 *                       of the section keeps its numbers
 *
 * With gaps kept (renumber false) nothing shifts: insert and move need a
 * free target, remove leaves the hole. With renumbering, an insert past
 * the end is refused rather than leaving a gap the user did not ask for.
 *
 * A renamed item's file keeps every byte but its id (sl_json_replace_
 * string); the inserted item is written in canonical form
 * (sl_json_dump_item) with its section's scope. Applying: all new bytes
 * are staged beside their targets (sl_fs_stage), then renamed into
 * place, then the files no item holds any more are removed; the old bytes
 * of every file touched are kept for the undo.
 */
#include "restructure.h"

#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "buf.h"
#include "error.h"
#include "fs.h"
#include "id.h"
#include "json.h"
#include "repo_status.h"
#include "strmap.h"
#include "vec.h"

#define ITEMS_DIR SL_SHEET_DIR "/items/"
/* Numbers above this are refused: an id is typed by a person. */
#define MAX_NUMBER 1000000L

typedef struct slot {
	const sl_item *item;     /* borrowed from the sheet; NULL: inserted */
	const char *cur_sec;     /* borrowed; the section it ends up in */
	long cur_n;              /* its number there; 0: not SECTION-NUMBER */
	bool gone;               /* removed (or, during a move, lifted out) */
	char *new_id;            /* owned; the id it ends up with */
	const sl_snapfile *file; /* borrowed from the snapshot; NULL: new */
} slot;

typedef struct write_op {
	char *path;     /* owned; repository-relative target */
	sl_buf data;    /* the new bytes */
	sl_buf old;     /* the target's bytes before (had_old) */
	bool had_old;   /* the target exists now */
	char *tmp;      /* owned; staged temp file, until committed */
	bool committed; /* renamed into place */
} write_op;

typedef struct delete_op {
	char *path;   /* owned; repository-relative */
	char *abs;    /* owned; under the working directory (apply) */
	sl_buf old;   /* its bytes, for the undo */
	bool removed; /* done */
} delete_op;

struct sl_restructure_plan {
	sl_vec changes;     /* sl_restructure_change pointers, in order */
	sl_vec writes;      /* write_op pointers */
	sl_vec deletes;     /* delete_op pointers */
	char *removed_path; /* owned; the removed item's file, or NULL */
};

/* ---- plan lifecycle ------------------------------------------------- */

void sl_restructure_plan_free(sl_restructure_plan *p)
{
	size_t i;
	if (!p)
		return;
	for (i = 0; i < p->changes.len; i++) {
		sl_restructure_change *c = p->changes.items[i];
		sl_free(c->old_id);
		sl_free(c->new_id);
		sl_free(c);
	}
	for (i = 0; i < p->writes.len; i++) {
		write_op *w = p->writes.items[i];
		sl_fs_discard(w->tmp);
		sl_free(w->path);
		sl_buf_dispose(&w->data);
		sl_buf_dispose(&w->old);
		sl_free(w);
	}
	for (i = 0; i < p->deletes.len; i++) {
		delete_op *d = p->deletes.items[i];
		sl_free(d->path);
		sl_free(d->abs);
		sl_buf_dispose(&d->old);
		sl_free(d);
	}
	sl_vec_dispose(&p->changes);
	sl_vec_dispose(&p->writes);
	sl_vec_dispose(&p->deletes);
	sl_free(p->removed_path);
	sl_free(p);
}

size_t sl_restructure_change_count(const sl_restructure_plan *p)
{
	return p->changes.len;
}

const sl_restructure_change *
sl_restructure_change_at(const sl_restructure_plan *p, size_t i)
{
	return i < p->changes.len ? p->changes.items[i] : NULL;
}

size_t sl_restructure_files_written(const sl_restructure_plan *p)
{
	return p->writes.len;
}

size_t sl_restructure_files_removed(const sl_restructure_plan *p)
{
	return p->deletes.len;
}

/* ---- ids and numbers ------------------------------------------------ */

/* The number of id in section sec ("2-6" in "2" -> 6), or 0 when id is
 * not sec-NUMBER (leading zeros are not a number: "2-06" stays put). */
static long id_number(const char *id, const char *sec)
{
	size_t sl = strlen(sec);
	const char *p;
	long n = 0;
	if (strncmp(id, sec, sl) || id[sl] != '-' || id[sl + 1] == '0')
		return 0;
	for (p = id + sl + 1; *p; p++) {
		if (*p < '0' || *p > '9' || n > MAX_NUMBER)
			return 0;
		n = n * 10 + (*p - '0');
	}
	return p == id + sl + 1 || n > MAX_NUMBER ? 0 : n;
}

/* A position "SECTION-NUMBER" of a section of sheet.json. */
static int parse_position(const sl_section **sec, long *n,
			  const sl_sheet *sheet, const char *pos)
{
	const char *dash = strrchr(pos, '-');
	const sl_sheet_meta *m = sl_sheet_meta_get(sheet);
	size_t i;
	if (dash) {
		for (i = 0; i < m->section_count; i++) {
			const sl_section *s = &m->sections[i];
			if (strlen(s->id) == (size_t)(dash - pos) &&
			    !strncmp(s->id, pos, (size_t)(dash - pos)) &&
			    (*n = id_number(pos, s->id)) > 0) {
				*sec = s;
				return 0;
			}
		}
	}
	return sl_error_set(SL_EUSAGE,
			    "'%s' is not a position SECTION-NUMBER in a "
			    "section of sheet.json (e.g. 2-6)",
			    pos);
}

static slot *find_slot(slot *slots, size_t n, const char *id)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (slots[i].item && !strcmp(slots[i].item->id, id))
			return &slots[i];
	return NULL;
}

static bool occupied(const slot *slots, size_t n, const char *sec, long num)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (!slots[i].gone && slots[i].cur_n == num &&
		    !strcmp(slots[i].cur_sec, sec))
			return true;
	return false;
}

static long last_number(const slot *slots, size_t n, const char *sec)
{
	size_t i;
	long max = 0;
	for (i = 0; i < n; i++)
		if (!slots[i].gone && slots[i].cur_n > max &&
		    !strcmp(slots[i].cur_sec, sec))
			max = slots[i].cur_n;
	return max;
}

/* Shift the numbered slots of sec with a number >= from by delta. */
static void shift(slot *slots, size_t n, const char *sec, long from, long delta)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (!slots[i].gone && slots[i].cur_n >= from &&
		    !strcmp(slots[i].cur_sec, sec))
			slots[i].cur_n += delta;
}

/* Make room at sec-num for one slot (which the caller then places). */
static int make_room(slot *slots, size_t n, const char *sec, long num,
		     bool renumber, const char *verb)
{
	long last;
	if (occupied(slots, n, sec, num)) {
		if (!renumber)
			return sl_error_set(SL_EINVALID,
					    "%s-%ld exists already: with --gap "
					    "the target must be free (without "
					    "it, the items from %s-%ld on move "
					    "up by one)",
					    sec, num, sec, num);
		shift(slots, n, sec, num, 1);
		return 0;
	}
	last = last_number(slots, n, sec);
	if (renumber && num > last + 1)
		return sl_error_set(SL_EUSAGE,
				    "cannot %s at %s-%ld: section %s ends at "
				    "%s-%ld, so the next position is %s-%ld "
				    "(--gap leaves a gap)",
				    verb, sec, num, sec, sec, last, sec,
				    last + 1);
	return 0;
}

/* Lift a slot out of its section, closing the hole when renumbering. */
static void lift(slot *s, slot *slots, size_t n, bool renumber)
{
	s->gone = true;
	if (renumber && s->cur_n > 0)
		shift(slots, n, s->cur_sec, s->cur_n + 1, -1);
}

static int edit(slot *slots, size_t n, slot *added, const sl_sheet *sheet,
		const sl_restructure_options *o)
{
	const sl_section *sec = NULL;
	long num = 0;
	slot *s;
	int rc;

	if (o->kind == SL_RESTRUCTURE_INSERT) {
		if (o->after) {
			s = find_slot(slots, n, o->after);
			if (!s)
				return sl_error_set(SL_EUSAGE,
						    "no item '%s' to insert "
						    "after",
						    o->after);
			sec = sl_sheet_section(sheet, s->cur_sec);
			if (!sec || s->cur_n == 0)
				return sl_error_set(
					SL_EUSAGE,
					"'%s' is not SECTION-NUMBER in a "
					"section of sheet.json: give the "
					"position instead",
					o->after);
			num = s->cur_n + 1;
		} else {
			rc = parse_position(&sec, &num, sheet, o->id);
			if (rc < 0)
				return rc;
		}
		rc = make_room(slots, n, sec->id, num, o->renumber, "insert");
		if (rc < 0)
			return rc;
		added->cur_sec = sec->id;
		added->cur_n = num;
		return 0;
	}
	s = find_slot(slots, n, o->id);
	if (!s)
		return sl_error_set(SL_EUSAGE, "no item '%s' in %s/items",
				    o->id, SL_SHEET_DIR);
	if (o->kind == SL_RESTRUCTURE_REMOVE) {
		lift(s, slots, n, o->renumber);
		return 0;
	}
	rc = parse_position(&sec, &num, sheet, o->to);
	if (rc < 0)
		return rc;
	if (!strcmp(o->to, o->id))
		return sl_error_set(SL_EUSAGE, "%s is already at %s", o->id,
				    o->to);
	lift(s, slots, n, o->renumber);
	rc = make_room(slots, n, sec->id, num, o->renumber, "move");
	if (rc < 0)
		return rc;
	s->gone = false;
	s->cur_sec = sec->id;
	s->cur_n = num;
	return 0;
}

/* ---- bytes ---------------------------------------------------------- */

/* The new bytes of a renamed item: its file with the id (and, moved to
 * another section, "section" and a scope it had from its section)
 * replaced, every other byte kept. */
static int renamed_bytes(sl_buf *out, const slot *s, const sl_sheet *sheet)
{
	sl_buf a = SL_BUF_INIT, b = SL_BUF_INIT;
	const sl_item *it = s->item;
	int rc = sl_json_replace_string(&a, s->file->data, s->file->len, "id",
					s->new_id);
	if (rc == 0 && strcmp(it->section, s->cur_sec)) {
		const sl_section *from = sl_sheet_section(sheet, it->section);
		const sl_section *to = sl_sheet_section(sheet, s->cur_sec);
		rc = sl_json_replace_string(&b, a.ptr, a.len, "section",
					    s->cur_sec);
		sl_buf_clear(&a);
		/* A scope equal to the old section's came with the section:
		 * it follows the item; an item's own scope stays. */
		if (rc == 0 && it->scope && from && from->scope && to &&
		    to->scope && !strcmp(it->scope, from->scope))
			rc = sl_json_replace_string(&a, b.ptr, b.len, "scope",
						    to->scope);
		else if (rc == 0)
			sl_buf_put(&a, b.ptr, b.len);
	}
	if (rc == 0) {
		sl_buf_put(out, a.ptr, a.len);
		if (sl_buf_oom(out) || sl_buf_oom(&a))
			rc = sl_error_oom();
	}
	if (rc < 0)
		sl_error_add_path(it->path);
	sl_buf_dispose(&a);
	sl_buf_dispose(&b);
	return rc;
}

static int inserted_bytes(sl_buf *out, const slot *s, const sl_sheet *sheet,
			  const sl_restructure_options *o)
{
	const sl_section *sec = sl_sheet_section(sheet, s->cur_sec);
	sl_item *it = sl_item_new();
	int rc = it ? 0 : sl_error_oom();
	if (rc == 0)
		rc = sl_item_set(it, "id", s->new_id, false);
	if (rc == 0)
		rc = sl_item_set(it, "section", s->cur_sec, false);
	if (rc == 0 && sec && sec->scope)
		rc = sl_item_set(it, "scope", sec->scope, false);
	if (rc == 0 && o->category)
		rc = sl_item_set(it, "category", o->category, false);
	if (rc == 0)
		rc = sl_item_set(it, "question", o->question ? o->question : "",
				 false);
	if (rc == 0)
		rc = sl_item_set(it, "answer", o->answer ? o->answer : "",
				 false);
	if (rc == 0)
		rc = sl_json_dump_item(out, it);
	sl_item_free(it);
	return rc;
}

/* new: "checklist/items/<id>.json" */
static char *item_path(const char *id)
{
	sl_buf b = SL_BUF_INIT;
	sl_buf_puts(&b, ITEMS_DIR);
	sl_item_file_name(&b, id);
	return sl_buf_oom(&b) ? (sl_buf_dispose(&b), NULL)
			      : sl_buf_detach(&b, NULL);
}

static int push_change(sl_restructure_plan *p, const char *old_id,
		       const char *new_id)
{
	sl_restructure_change *c = sl_calloc(1, sizeof(*c));
	if (!c)
		return sl_error_oom();
	c->old_id = old_id ? sl_strdup(old_id) : NULL;
	c->new_id = new_id ? sl_strdup(new_id) : NULL;
	if ((old_id && !c->old_id) || (new_id && !c->new_id) ||
	    sl_vec_push(&p->changes, c) < 0) {
		sl_free(c->old_id);
		sl_free(c->new_id);
		sl_free(c);
		return sl_error_oom();
	}
	return 0;
}

static int change_cmp(const void *a, const void *b)
{
	const sl_restructure_change *x =
		*(const sl_restructure_change *const *)a;
	const sl_restructure_change *y =
		*(const sl_restructure_change *const *)b;
	int c = sl_id_compare(x->new_id ? x->new_id : x->old_id,
			      y->new_id ? y->new_id : y->old_id);
	/* A removed item sorts before the one that takes its number. */
	if (c == 0)
		c = (x->new_id != NULL) - (y->new_id != NULL);
	return c;
}

/* Add the write of path; the bytes it replaces come from snap. */
static int push_write(sl_restructure_plan *p, const sl_snapshot *snap,
		      char *path, sl_buf *data)
{
	const sl_snapfile *f = sl_snapshot_find(snap, path);
	write_op *w = sl_calloc(1, sizeof(*w));
	if (!w) {
		sl_free(path);
		sl_buf_dispose(data);
		return sl_error_oom();
	}
	w->path = path;
	w->data = *data;
	sl_buf_init(data);
	if (f && f->loaded) {
		w->had_old = true;
		sl_buf_put(&w->old, f->data, f->len);
	}
	if (sl_buf_oom(&w->old) || sl_vec_push(&p->writes, w) < 0) {
		sl_free(w->path);
		sl_buf_dispose(&w->data);
		sl_buf_dispose(&w->old);
		sl_free(w);
		return sl_error_oom();
	}
	return 0;
}

static int push_delete(sl_restructure_plan *p, const sl_snapfile *f)
{
	delete_op *d = sl_calloc(1, sizeof(*d));
	if (!d)
		return sl_error_oom();
	d->path = sl_strdup(f->path);
	sl_buf_put(&d->old, f->data, f->len);
	if (!d->path || sl_buf_oom(&d->old) ||
	    sl_vec_push(&p->deletes, d) < 0) {
		sl_free(d->path);
		sl_buf_dispose(&d->old);
		sl_free(d);
		return sl_error_oom();
	}
	return 0;
}

/* From the slots: ids, changes, the files to write and to delete. */
static int derive(sl_restructure_plan *p, slot *slots, size_t n, slot *added,
		  const sl_sheet *sheet, const sl_snapshot *snap,
		  const sl_restructure_options *o)
{
	sl_strmap ids = SL_STRMAP_INIT, targets = SL_STRMAP_INIT;
	size_t i;
	int rc = 0;

	for (i = 0; i <= n && rc == 0; i++) {
		slot *s = i < n ? &slots[i] : added;
		if (s->gone || !s->cur_sec)
			continue;
		if (s->cur_n > 0) {
			sl_buf b = SL_BUF_INIT;
			sl_buf_printf(&b, "%s-%ld", s->cur_sec, s->cur_n);
			s->new_id = sl_buf_detach(&b, NULL);
		} else {
			s->new_id = sl_strdup(s->item->id);
		}
		if (!s->new_id)
			rc = sl_error_oom();
	}
	/* Two items with one id would make one file of two: a sheet
	 * already holding an odd id (2-4 filed under section 3) can get
	 * there. A map keeps this linear on a sheet of 20,000 items. */
	for (i = 0; i <= n && rc == 0; i++) {
		slot *s = i < n ? &slots[i] : added;
		if (!s->new_id)
			continue;
		if (sl_strmap_get(&ids, s->new_id, NULL))
			rc = sl_error_set(SL_EINVALID,
					  "two items would be %s: rename one "
					  "by hand first",
					  s->new_id);
		else
			rc = sl_strmap_put(&ids, s->new_id, s);
	}
	for (i = 0; i <= n && rc == 0; i++) {
		slot *s = i < n ? &slots[i] : added;
		bool renamed;
		sl_buf data = SL_BUF_INIT;
		char *path;
		if (s == added && !s->cur_sec)
			continue;
		if (s->gone) {
			rc = push_change(p, s->item->id, NULL);
			if (rc == 0) {
				p->removed_path = sl_strdup(s->file->path);
				rc = p->removed_path ? 0 : sl_error_oom();
			}
			continue;
		}
		renamed = s->item && (strcmp(s->new_id, s->item->id) ||
				      strcmp(s->cur_sec, s->item->section));
		if (s->item && !renamed)
			continue;
		rc = push_change(p, s->item ? s->item->id : NULL, s->new_id);
		if (rc == 0)
			rc = s->item ? renamed_bytes(&data, s, sheet)
				     : inserted_bytes(&data, s, sheet, o);
		path = rc == 0 ? item_path(s->new_id) : NULL;
		if (rc == 0 && !path)
			rc = sl_error_oom();
		if (rc == 0)
			rc = push_write(p, snap, path, &data);
		sl_buf_dispose(&data);
	}
	for (i = 0; i < p->writes.len && rc == 0; i++) {
		write_op *w = p->writes.items[i];
		rc = sl_strmap_put(&targets, w->path, w);
	}
	/* The old files no item is written to any more. */
	for (i = 0; i < n && rc == 0; i++) {
		slot *s = &slots[i];
		if ((s->gone || strcmp(s->new_id, s->item->id)) &&
		    !sl_strmap_get(&targets, s->file->path, NULL))
			rc = push_delete(p, s->file);
	}
	if (rc == 0)
		sl_vec_sort(&p->changes, change_cmp);
	sl_strmap_dispose(&targets);
	sl_strmap_dispose(&ids);
	return rc;
}

/* A write must not land on a file that stays: only on files whose item
 * moves away (or is removed), or on no file. */
static int check_targets(const sl_restructure_plan *p, const slot *slots,
			 size_t n, const sl_snapshot *snap)
{
	sl_strmap freed = SL_STRMAP_INIT;
	size_t i;
	int rc = 0;
	for (i = 0; i < n && rc == 0; i++)
		if (slots[i].gone || strcmp(slots[i].new_id, slots[i].item->id))
			rc = sl_strmap_put(&freed, slots[i].file->path,
					   (void *)&slots[i]);
	for (i = 0; i < p->writes.len && rc == 0; i++) {
		const write_op *w = p->writes.items[i];
		if (sl_snapshot_find(snap, w->path) &&
		    !sl_strmap_get(&freed, w->path, NULL))
			rc = sl_error_set(SL_EINVALID,
					  "%s exists and is not an item this "
					  "edit moves (run sheetlog lint)",
					  w->path);
	}
	sl_strmap_dispose(&freed);
	return rc;
}

int sl_restructure_plan_new(sl_restructure_plan **out, const sl_sheet *sheet,
			    const sl_snapshot *snap,
			    const sl_restructure_options *o)
{
	size_t i, n = sl_sheet_item_count(sheet);
	sl_restructure_plan *p = NULL;
	slot *slots = NULL, added;
	int rc = 0;

	*out = NULL;
	memset(&added, 0, sizeof(added));
	if (sl_sheet_duplicate_id(sheet))
		return sl_error_set(SL_EINVALID,
				    "two items have the id %s: fix that first "
				    "(sheetlog lint)",
				    sl_sheet_duplicate_id(sheet));
	p = sl_calloc(1, sizeof(*p));
	slots = sl_calloc(n ? n : 1, sizeof(*slots));
	if (!p || !slots) {
		rc = sl_error_oom();
		goto done;
	}
	for (i = 0; i < n && rc == 0; i++) {
		const sl_item *it = sl_sheet_item(sheet, i);
		const char *base = it->path ? strrchr(it->path, '/') : NULL;
		slots[i].item = it;
		slots[i].cur_sec = it->section;
		slots[i].cur_n = id_number(it->id, it->section);
		slots[i].file =
			it->path ? sl_snapshot_find(snap, it->path) : NULL;
		if (!slots[i].file || !slots[i].file->loaded || !base ||
		    !sl_item_file_is_for(base + 1, it->id))
			rc = sl_error_set(SL_EINVALID,
					  "item %s is not in its own file "
					  "%sitems/%s.json (run sheetlog lint)",
					  it->id, SL_SHEET_DIR "/", it->id);
	}
	if (rc == 0)
		rc = edit(slots, n, &added, sheet, o);
	if (rc == 0)
		rc = derive(p, slots, n, &added, sheet, snap, o);
	if (rc == 0)
		rc = check_targets(p, slots, n, snap);
	if (rc == 0 && p->changes.len == 0)
		rc = sl_error_set(SL_EUSAGE, "nothing to change");
done:
	for (i = 0; slots && i < n; i++)
		sl_free(slots[i].new_id);
	sl_free(added.new_id);
	sl_free(slots);
	if (rc < 0)
		sl_restructure_plan_free(p);
	else
		*out = p;
	return rc;
}

/* ---- the working tree ------------------------------------------------ */

static const char *unstaged_name(char status)
{
	return status == 'D'   ? "deleted"
	       : status == '?' ? "untracked"
			       : "modified";
}

/* Refuse path when the list has it (untracked only when untracked_too). */
static int check_one(const sl_strmap *unstaged, const char *path,
		     bool untracked_too)
{
	void *v;
	const sl_repo_change *ch;
	if (!sl_strmap_get(unstaged, path, &v))
		return 0;
	ch = v;
	if (ch->status == '?' && !untracked_too)
		return 0;
	return sl_error_set(SL_EINVALID,
			    "%s has unstaged changes (%s in the working "
			    "tree): stage them (git add) or stash them first; "
			    "nothing was changed",
			    path, unstaged_name(ch->status));
}

int sl_restructure_check_worktree(const sl_restructure_plan *p, sl_repo *repo)
{
	sl_vec list = SL_VEC_INIT;
	sl_strmap unstaged = SL_STRMAP_INIT;
	size_t i;
	int rc = sl_repo_unstaged(&list, repo, SL_SHEET_DIR);

	for (i = 0; i < list.len && rc == 0; i++) {
		const sl_repo_change *ch = list.items[i];
		rc = sl_strmap_put(&unstaged, ch->path, (void *)ch);
	}
	if (rc == 0 && p->removed_path)
		rc = check_one(&unstaged, p->removed_path, true);
	for (i = 0; i < p->writes.len && rc == 0; i++) {
		const write_op *w = p->writes.items[i];
		rc = check_one(&unstaged, w->path, false);
	}
	for (i = 0; i < p->deletes.len && rc == 0; i++) {
		const delete_op *d = p->deletes.items[i];
		rc = check_one(&unstaged, d->path, false);
	}
	sl_strmap_dispose(&unstaged);
	sl_repo_changes_free(&list);
	return rc;
}

/* ---- applying -------------------------------------------------------- */

/* Put back what the renames and removals changed (abs: the writes'
 * absolute paths). @return false when a file could not be restored */
static bool undo(sl_restructure_plan *p, const sl_vec *abs)
{
	bool clean = true;
	size_t i;
	for (i = 0; i < p->deletes.len; i++) {
		delete_op *d = p->deletes.items[i];
		if (d->removed)
			clean &= sl_fs_write_atomic(d->abs, d->old.ptr,
						    d->old.len) == 0;
	}
	for (i = 0; i < p->writes.len; i++) {
		write_op *w = p->writes.items[i];
		const char *a = abs->items[i];
		if (w->committed)
			clean &= (w->had_old ? sl_fs_write_atomic(a, w->old.ptr,
								  w->old.len)
					     : sl_fs_remove(a)) == 0;
	}
	return clean;
}

int sl_restructure_apply(sl_restructure_plan *p, const char *workdir)
{
	sl_vec abs = SL_VEC_INIT;
	size_t i;
	bool visible = false;
	int rc = 0;

	/* Every path joined first: phase 2 allocates nothing. */
	for (i = 0; i < p->writes.len && rc == 0; i++) {
		char *a = sl_fs_join(workdir,
				     ((write_op *)p->writes.items[i])->path);
		if (!a || sl_vec_push(&abs, a) < 0) {
			sl_free(a);
			rc = sl_error_oom();
		}
	}
	for (i = 0; i < p->deletes.len && rc == 0; i++) {
		delete_op *d = p->deletes.items[i];
		d->abs = sl_fs_join(workdir, d->path);
		rc = d->abs ? 0 : sl_error_oom();
	}
	/* Phase 1: every new file staged; a failure here changes nothing. */
	for (i = 0; i < p->writes.len && rc == 0; i++) {
		write_op *w = p->writes.items[i];
		rc = sl_fs_stage(&w->tmp, abs.items[i], w->data.ptr,
				 w->data.len, -1);
		if (rc < 0)
			sl_error_add_path(w->path);
	}
	/* Phase 2: renames, then removals. Nothing is allocated from here
	 * on, so only I/O can fail, and then the undo runs. */
	for (i = 0; i < p->writes.len && rc == 0; i++) {
		write_op *w = p->writes.items[i];
		rc = sl_fs_commit(w->tmp, abs.items[i]);
		if (rc == 0) {
			sl_free(w->tmp);
			w->tmp = NULL;
			w->committed = visible = true;
		}
	}
	for (i = 0; i < p->deletes.len && rc == 0; i++) {
		delete_op *d = p->deletes.items[i];
		rc = sl_fs_remove(d->abs);
		d->removed = rc == 0;
		visible |= d->removed;
	}
	if (rc < 0 && visible) {
		sl_error first = *sl_error_last();
		if (undo(p, &abs))
			sl_error_wrap("%s (nothing was changed)",
				      first.message);
		else
			rc = sl_error_set(SL_EIO,
					  "%s; undoing it failed too: check "
					  "%s/items (git status)",
					  first.message, SL_SHEET_DIR);
	}
	for (i = 0; i < p->writes.len; i++) {
		write_op *w = p->writes.items[i];
		sl_fs_discard(w->tmp);
		w->tmp = NULL;
	}
	sl_vec_free_all(&abs);
	return rc;
}
