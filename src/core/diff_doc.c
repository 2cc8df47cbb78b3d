/*
 * diff_doc.c: the document diff (diff_doc.h): sheet.json's text fields
 * through the same field diff as an item's (sl_field_changes_add), then
 * its sections and scopes matched by id.
 */
#include "diff_doc.h"

#include <stddef.h>
#include <string.h>

#include "alloc.h"
#include "common.h"
#include "error.h"

/* The item statuses' names where the meaning is the same. */
const char *sl_doc_status_name(sl_doc_status s)
{
	return s == SL_DOC_ADDED     ? sl_change_status_name(SL_CHANGE_ADDED)
	       : s == SL_DOC_REMOVED ? sl_change_status_name(SL_CHANGE_REMOVED)
	       : s == SL_DOC_RENAMED ? "renamed"
	       : s == SL_DOC_MODIFIED
		       ? sl_change_status_name(SL_CHANGE_MODIFIED)
		       : "unknown";
}

static void fields_dispose(sl_field_change *f, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		sl_text_ops_dispose(&f[i].ops);
	sl_free(f);
}

static void parts_dispose(sl_doc_part *p, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		fields_dispose(p[i].fields, p[i].field_count);
	sl_free(p);
}

void sl_doc_diff_dispose(sl_doc_diff *doc)
{
	fields_dispose(doc->fields, doc->field_count);
	parts_dispose(doc->sections, doc->section_count);
	parts_dispose(doc->scopes, doc->scope_count);
	memset(doc, 0, sizeof(*doc));
}

/* The text fields of sheet.json that are document text, in model order
 * (sheet.h), by their JSON names. */
#define META_FIELD(name)                             \
	{                                            \
#name, offsetof(sl_sheet_meta, name) \
	}
static const struct meta_field {
	const char *name;
	size_t offset;
} meta_fields[] = {
	META_FIELD(title),
	META_FIELD(publisher),
	META_FIELD(source_url),
	META_FIELD(introduction),
	META_FIELD(as_of_note),
	{"columns.id", offsetof(sl_sheet_meta, columns.id)},
	{"columns.category", offsetof(sl_sheet_meta, columns.category)},
	{"columns.question", offsetof(sl_sheet_meta, columns.question)},
	{"columns.answer", offsetof(sl_sheet_meta, columns.answer)},
	META_FIELD(disclaimer_title),
	META_FIELD(disclaimer),
	META_FIELD(page_header),
	META_FIELD(page_footer),
};

static const char *meta_text(const sl_sheet_meta *m, size_t offset)
{
	const char *t = NULL;
	/* memcpy: the field is found by offset, at no alignment the
	 * compiler can see. */
	if (m)
		memcpy(&t, (const char *)m + offset, sizeof(t));
	return t;
}

static int diff_fields(sl_doc_diff *doc, const sl_sheet_meta *o,
		       const sl_sheet_meta *n)
{
	size_t k;
	int rc = 0;
	for (k = 0; k < SL_ARRAY_SIZE(meta_fields) && rc == 0; k++)
		rc = sl_field_changes_add(
			&doc->fields, &doc->field_count, meta_fields[k].name,
			meta_text(o, meta_fields[k].offset),
			meta_text(n, meta_fields[k].offset), false);
	if (rc == 0)
		rc = sl_field_changes_add_extras(
			&doc->fields, &doc->field_count, o ? o->extra : NULL,
			o ? o->extra_count : 0, n ? n->extra : NULL,
			n ? n->extra_count : 0);
	return rc;
}

/* A section or a scope, seen through one shape: id, title, scope. */
typedef struct part_view {
	const char *id, *title, *scope;
} part_view;

typedef part_view (*part_at_fn)(const sl_sheet_meta *m, size_t i);

static part_view section_at(const sl_sheet_meta *m, size_t i)
{
	part_view v = {m->sections[i].id, m->sections[i].title,
		       m->sections[i].scope};
	return v;
}

static part_view scope_at(const sl_sheet_meta *m, size_t i)
{
	part_view v = {m->scopes[i].id, m->scopes[i].title, NULL};
	return v;
}

/* Index of the part with this id, or n. */
static size_t part_find(const sl_sheet_meta *m, size_t n, part_at_fn at,
			const char *id)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (!strcmp(at(m, i).id, id))
			break;
	return i;
}

/* One part: o or n absent for an addition or a removal. Kept only when
 * something changed. */
static int add_part(sl_doc_part **parts, size_t *count, const part_view *o,
		    const part_view *n)
{
	sl_doc_part p, *grown;
	size_t k;
	int rc;

	memset(&p, 0, sizeof(p));
	p.id = n ? n->id : o->id;
	p.title = n ? n->title : o->title;
	rc = sl_field_changes_add(&p.fields, &p.field_count, "title",
				  o ? o->title : NULL, n ? n->title : NULL,
				  false);
	if (rc == 0)
		rc = sl_field_changes_add(&p.fields, &p.field_count, "scope",
					  o ? o->scope : NULL,
					  n ? n->scope : NULL, false);
	if (rc < 0 || p.field_count == 0) {
		fields_dispose(p.fields, p.field_count);
		return rc;
	}
	p.status = !o                                    ? SL_DOC_ADDED
		   : !n                                  ? SL_DOC_REMOVED
		   : !strcmp(p.fields[0].field, "title") ? SL_DOC_RENAMED
							 : SL_DOC_MODIFIED;
	if (o && n) {
		p.notation_only = true;
		for (k = 0; k < p.field_count; k++)
			p.notation_only &= p.fields[k].notation_only;
	}
	grown = sl_reallocarray(*parts, *count + 1, sizeof(*grown));
	if (!grown) {
		fields_dispose(p.fields, p.field_count);
		return sl_error_oom();
	}
	grown[(*count)++] = p;
	*parts = grown;
	return 0;
}

/* The parts of both sides by id: the new side in document order (each
 * with its old namesake, if any), then the old parts gone. */
static int diff_parts(sl_doc_part **parts, size_t *count,
		      const sl_sheet_meta *o, size_t no, const sl_sheet_meta *n,
		      size_t nn, part_at_fn at)
{
	size_t i;
	int rc = 0;
	for (i = 0; i < nn && rc == 0; i++) {
		part_view nv = at(n, i), ov;
		size_t j = part_find(o, no, at, nv.id);
		if (j < no)
			ov = at(o, j);
		rc = add_part(parts, count, j < no ? &ov : NULL, &nv);
	}
	for (i = 0; i < no && rc == 0; i++) {
		part_view ov = at(o, i);
		if (part_find(n, nn, at, ov.id) == nn)
			rc = add_part(parts, count, &ov, NULL);
	}
	return rc;
}

int sl_doc_diff_compute(sl_doc_diff *out, const sl_sheet_meta *o,
			const sl_sheet_meta *n)
{
	static const sl_sheet_meta empty;
	int rc;

	memset(out, 0, sizeof(*out));
	o = o ? o : &empty;
	n = n ? n : &empty;
	rc = diff_fields(out, o, n);
	if (rc == 0)
		rc = diff_parts(&out->sections, &out->section_count, o,
				o->section_count, n, n->section_count,
				section_at);
	if (rc == 0)
		rc = diff_parts(&out->scopes, &out->scope_count, o,
				o->scope_count, n, n->scope_count, scope_at);
	if (rc < 0)
		sl_doc_diff_dispose(out);
	return rc;
}

static size_t parts_substantive(const sl_doc_part *p, size_t n)
{
	size_t i, k = 0;
	for (i = 0; i < n; i++)
		k += !p[i].notation_only;
	return k;
}

size_t sl_doc_diff_count(const sl_doc_diff *doc)
{
	return doc->field_count + doc->section_count + doc->scope_count;
}

size_t sl_doc_diff_substantive_count(const sl_doc_diff *doc)
{
	size_t i, k = 0;
	for (i = 0; i < doc->field_count; i++)
		k += !doc->fields[i].notation_only;
	return k + parts_substantive(doc->sections, doc->section_count) +
	       parts_substantive(doc->scopes, doc->scope_count);
}
