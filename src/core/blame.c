/*
 * blame.c: which commit gave each field of an item, or each run of
 * characters of one field, its current value. Built on the item's full
 * history (history.c), so blame follows renumbering too.
 */
#include "blame.h"

#include <stdlib.h>
#include <stdint.h>
#include <string.h>

#include "alloc.h"
#include "error.h"
#include "utf8.h"

void sl_blame_free(sl_blame *b)
{
	if (!b)
		return;
	sl_history_free(b->history);
	sl_item_free(b->owned_item);
	sl_free(b->fields);
	sl_free(b->chars_field);
	sl_free(b->runs);
	sl_free(b);
}

static const sl_field_change *step_field(const sl_history_step *s,
					 const char *field)
{
	size_t i;
	for (i = 0; i < s->change->field_count; i++)
		if (!strcmp(s->change->fields[i].field, field))
			return &s->change->fields[i];
	return NULL;
}

/* Did the step give the field a value? With SL_BLAME_IGNORE_NOTATION a
 * notation-only change of it does not count (git blame --ignore-rev). */
static bool step_sets_field(const sl_history_step *s, const char *field,
			    unsigned flags)
{
	const sl_field_change *fc;
	if (s->change->status == SL_CHANGE_ADDED)
		return true;
	fc = step_field(s, field);
	return fc && !((flags & SL_BLAME_IGNORE_NOTATION) && fc->notation_only);
}

/* In an ignored notation-only change, the old start of the deleted run an
 * inserted run replaces (the delete just before or just after it), or
 * SIZE_MAX for an insertion that replaces nothing. oldpos: the old text's
 * offset at the insert. */
static size_t replaced_at(const sl_text_ops *ops, size_t op, size_t oldpos)
{
	if (op > 0 && ops->ops[op - 1].op == SL_OP_DELETE)
		return oldpos - ops->ops[op - 1].len;
	if (op + 1 < ops->count && ops->ops[op + 1].op == SL_OP_DELETE)
		return oldpos;
	return SIZE_MAX;
}

static int blame_fields(sl_blame *b, unsigned flags)
{
	const sl_item *it = b->item;
	static const char *const order[] = {"category", "question", "answer",
					    "section", "scope"};
	size_t n = 1 + SL_ARRAY_SIZE(order) + it->extra_count, i, k;
	b->fields = sl_calloc(n, sizeof(*b->fields));
	if (!b->fields)
		return sl_error_oom();
	/* The id comes from the newest renumbering or the addition. */
	b->fields[0].field = "id";
	b->fields[0].value = it->id;
	for (k = 0; k < b->history->steps.len; k++) {
		const sl_history_step *s = b->history->steps.items[k];
		if (s->change->status == SL_CHANGE_RENUMBERED ||
		    s->change->status == SL_CHANGE_ADDED) {
			b->fields[0].step = s;
			break;
		}
	}
	b->field_count = 1;
	for (i = 0; i < SL_ARRAY_SIZE(order) + it->extra_count; i++) {
		const char *name =
			i < SL_ARRAY_SIZE(order)
				? order[i]
				: it->extra[i - SL_ARRAY_SIZE(order)].name;
		const char *value = sl_item_get(it, name, NULL);
		sl_blame_field *f;
		if (!value)
			continue;
		f = &b->fields[b->field_count++];
		f->field = name;
		f->value = value;
		for (k = 0; k < b->history->steps.len; k++) {
			const sl_history_step *s = b->history->steps.items[k];
			if (step_sets_field(s, name, flags)) {
				f->step = s;
				break;
			}
		}
	}
	return 0;
}

/*
 * Runs of a field's text: every code point starts unattributed at its own
 * offset; walking back, a step whose ops insert the character claims it,
 * an equal run maps it to its offset in the older text, and the addition
 * claims whatever is left.
 */
static int blame_chars(sl_blame *b, const char *field, unsigned flags)
{
	const char *text = sl_item_get(b->item, field, NULL);
	size_t len, n = 0, i, k, pos = 0;
	size_t *orig = NULL, *where = NULL;
	const sl_history_step **owner = NULL;
	int32_t cp;
	int rc = 0;

	if (!text)
		return sl_error_set(SL_ENOTFOUND, "item %s has no field '%s'",
				    b->item->id, field);
	len = strlen(text);
	orig = sl_calloc(len + 1, sizeof(size_t));
	where = sl_calloc(len + 1, sizeof(size_t));
	owner = sl_calloc(len + 1, sizeof(*owner));
	b->runs = sl_calloc(len + 1, sizeof(*b->runs));
	if (!orig || !where || !owner || !b->runs) {
		rc = sl_error_oom();
		goto done;
	}
	while (pos < len) {
		orig[n] = where[n] = pos;
		n++;
		if (!sl_utf8_next(text, len, &pos, &cp))
			pos++;
	}
	for (k = 0; k < b->history->steps.len; k++) {
		const sl_history_step *s = b->history->steps.items[k];
		const sl_field_change *fc = step_field(s, field);
		size_t op, newpos = 0, oldpos = 0;
		bool ignore;
		if (s->change->status == SL_CHANGE_ADDED) {
			for (i = 0; i < n; i++)
				if (!owner[i])
					owner[i] = s;
			break;
		}
		if (!fc)
			continue;
		ignore =
			(flags & SL_BLAME_IGNORE_NOTATION) && fc->notation_only;
		/* Unattributed characters are in increasing `where` order. */
		i = 0;
		for (op = 0; op < fc->ops.count; op++) {
			const sl_text_op *o = &fc->ops.ops[op];
			size_t span = o->op == SL_OP_DELETE ? 0 : o->len;
			size_t was = o->op == SL_OP_INSERT && ignore
					     ? replaced_at(&fc->ops, op, oldpos)
					     : SIZE_MAX;
			for (; i < n; i++) {
				if (owner[i])
					continue;
				if (where[i] >= newpos + span)
					break;
				/* An ignored substitution hands its characters
				 * to whoever wrote the ones it replaced. */
				if (o->op == SL_OP_INSERT && was != SIZE_MAX)
					where[i] = was;
				else if (o->op == SL_OP_INSERT)
					owner[i] = s;
				else
					where[i] = oldpos + (where[i] - newpos);
			}
			if (o->op != SL_OP_DELETE)
				newpos += o->len;
			if (o->op != SL_OP_INSERT)
				oldpos += o->len;
		}
	}
	for (i = 0; i < n; i++) {
		size_t end = i + 1 < n ? orig[i + 1] : len;
		if (b->run_count &&
		    b->runs[b->run_count - 1].step == owner[i]) {
			b->runs[b->run_count - 1].len =
				end - b->runs[b->run_count - 1].off;
			continue;
		}
		b->runs[b->run_count].off = orig[i];
		b->runs[b->run_count].len = end - orig[i];
		b->runs[b->run_count].step = owner[i];
		b->run_count++;
	}
	if (!(b->chars_field = sl_strdup(field)))
		rc = sl_error_oom();
done:
	sl_free(orig);
	sl_free(where);
	sl_free(owner);
	return rc;
}

int sl_blame_item(sl_blame **out, sl_repo *repo, const sl_rev *start,
		  const char *item, const char *chars_field,
		  const sl_walk_options *walk, unsigned flags)
{
	sl_history_options o = SL_HISTORY_OPTIONS_INIT;
	sl_blame *b;
	const sl_history_step *newest;
	int rc;

	*out = NULL;
	if (walk)
		o.walk = *walk;
	b = sl_calloc(1, sizeof(*b));
	if (!b)
		return sl_error_oom();
	rc = sl_history_item(&b->history, repo, start, item, &o);
	if (rc < 0)
		goto fail;
	newest = b->history->steps.len ? b->history->steps.items[0] : NULL;
	if (!newest || !newest->change->new_item) {
		rc = sl_error_set(SL_ENOTFOUND, "no item '%s' at %s", item,
				  start->label);
		sl_error_add_item(item);
		goto fail;
	}
	b->item = newest->change->new_item;
	rc = blame_fields(b, flags);
	if (rc == 0 && chars_field)
		rc = blame_chars(b, chars_field, flags);
	if (rc < 0)
		goto fail;
	*out = b;
	return 0;
fail:
	sl_blame_free(b);
	return rc;
}
