/*
 * test_diff_doc.c: the document diff (diff_doc.h) through sl_diff_compute:
 * a changed introduction is one field with its inline diff, a renamed
 * section and an added one are parts, a notation-only change of the
 * disclaimer is flagged, equal documents have no change, and the edition
 * name (as_of) is not document text.
 */
#define _XOPEN_SOURCE 700
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "alloc.h"
#include "diff_doc.h"
#include "sheet.h"
#include "test_sheet.h"

static const char *const sections[] = {"1:provider", "2:customer", NULL};

/* Replace a string of the metadata. */
static void set(char **slot, const char *text)
{
	sl_free(*slot);
	*slot = text ? sl_strdup(text) : NULL;
	assert_true(!text || *slot);
}

/* Two sheets with the same document, one item each. */
static void make(sl_sheet **o, sl_sheet **n)
{
	sl_sheet *s[2];
	int k;
	for (k = 0; k < 2; k++) {
		sl_sheet_meta *m;
		s[k] = test_sheet_new(sections);
		assert_non_null(s[k]);
		m = sl_sheet_meta_of(s[k]);
		set(&m->title, "テスト用チェックシート");
		set(&m->introduction, "小さなチェックシートです。");
		set(&m->disclaimer, "・本書は情報提供のみを目的としています。");
		test_sheet_add(s[k], "1-1", "1", "質問です。", "回答です。");
		sl_sheet_sort(s[k]);
	}
	*o = s[0];
	*n = s[1];
}

static sl_diff *compute(const sl_sheet *o, const sl_sheet *n)
{
	sl_diff *d = NULL;
	assert_int_equal(sl_diff_compute(&d, o, n), 0);
	return d;
}

static void done(sl_diff *d, sl_sheet *o, sl_sheet *n)
{
	sl_diff_free(d);
	sl_sheet_free(o);
	sl_sheet_free(n);
}

static void test_diff_doc__no_change(void **state)
{
	sl_sheet *o, *n;
	sl_diff *d;
	(void)state;
	make(&o, &n);
	/* The edition name differs in every edition: not document text. */
	set(&sl_sheet_meta_of(n)->as_of, "2023-04");
	d = compute(o, n);
	assert_int_equal(sl_doc_diff_count(sl_diff_doc(d)), 0);
	assert_int_equal(sl_doc_diff_substantive_count(sl_diff_doc(d)), 0);
	assert_int_equal(sl_diff_count(d), 0);
	done(d, o, n);
}

static void test_diff_doc__changed_introduction(void **state)
{
	sl_sheet *o, *n;
	sl_diff *d;
	const sl_doc_diff *doc;
	const sl_field_change *f;
	(void)state;
	make(&o, &n);
	set(&sl_sheet_meta_of(n)->introduction,
	    "小さな試験用チェックシートです。");
	d = compute(o, n);
	doc = sl_diff_doc(d);
	assert_int_equal(doc->field_count, 1);
	assert_int_equal(doc->section_count + doc->scope_count, 0);
	f = &doc->fields[0];
	assert_string_equal(f->field, "introduction");
	assert_string_equal(f->old_text, "小さなチェックシートです。");
	assert_string_equal(f->new_text, "小さな試験用チェックシートです。");
	assert_false(f->notation_only);
	assert_int_equal(f->ops.count, 3);
	assert_int_equal(f->ops.ops[1].op, SL_OP_INSERT);
	assert_int_equal(f->ops.ops[1].len, strlen("試験用"));
	assert_memory_equal(f->ops.ops[1].text, "試験用", strlen("試験用"));
	assert_int_equal(sl_doc_diff_substantive_count(doc), 1);
	/* The items did not change. */
	assert_int_equal(sl_diff_count(d), 0);
	done(d, o, n);
}

static void test_diff_doc__renamed_section(void **state)
{
	sl_sheet *o, *n;
	sl_diff *d;
	const sl_doc_diff *doc;
	const sl_doc_part *p;
	(void)state;
	make(&o, &n);
	set(&sl_sheet_meta_of(n)->sections[1].title, "利用者の責任");
	d = compute(o, n);
	doc = sl_diff_doc(d);
	assert_int_equal(doc->field_count, 0);
	assert_int_equal(doc->section_count, 1);
	p = &doc->sections[0];
	assert_int_equal(p->status, SL_DOC_RENAMED);
	assert_string_equal(sl_doc_status_name(p->status), "renamed");
	assert_string_equal(p->id, "2");
	assert_string_equal(p->title, "利用者の責任");
	assert_int_equal(p->field_count, 1);
	assert_string_equal(p->fields[0].field, "title");
	assert_non_null(p->fields[0].old_text);
	assert_false(p->notation_only);
	done(d, o, n);
}

static void test_diff_doc__added_section_and_scope(void **state)
{
	sl_sheet *o, *n;
	sl_diff *d;
	const sl_doc_diff *doc;
	sl_sheet_meta *m;
	(void)state;
	make(&o, &n);
	m = sl_sheet_meta_of(n);
	m->sections = sl_reallocarray(m->sections, 3, sizeof(*m->sections));
	assert_non_null(m->sections);
	memset(&m->sections[2], 0, sizeof(m->sections[2]));
	set(&m->sections[2].id, "3");
	set(&m->sections[2].title, "運用");
	set(&m->sections[2].scope, "provider");
	m->section_count = 3;
	/* A scope removed from the old side: it is reported removed. */
	set(&sl_sheet_meta_of(o)->scopes[1].id, "shared");
	d = compute(o, n);
	doc = sl_diff_doc(d);
	assert_int_equal(doc->section_count, 1);
	assert_int_equal(doc->sections[0].status, SL_DOC_ADDED);
	assert_string_equal(doc->sections[0].id, "3");
	assert_string_equal(doc->sections[0].title, "運用");
	assert_int_equal(doc->sections[0].field_count, 2);
	assert_string_equal(doc->sections[0].fields[1].field, "scope");
	assert_null(doc->sections[0].fields[1].old_text);
	assert_int_equal(doc->scope_count, 2);
	assert_int_equal(doc->scopes[0].status, SL_DOC_ADDED);
	assert_string_equal(doc->scopes[0].id, "customer");
	assert_int_equal(doc->scopes[1].status, SL_DOC_REMOVED);
	assert_string_equal(doc->scopes[1].id, "shared");
	assert_int_equal(sl_doc_diff_count(doc), 3);
	done(d, o, n);
}

static void test_diff_doc__notation_only_disclaimer(void **state)
{
	sl_sheet *o, *n;
	sl_diff *d;
	const sl_doc_diff *doc;
	(void)state;
	make(&o, &n);
	/* ⽬ U+2F6C (a compatibility ideograph) -> 目 U+76EE */
	set(&sl_sheet_meta_of(o)->disclaimer,
	    "・本書は情報提供のみを\xe2\xbd\xac的としています。");
	d = compute(o, n);
	doc = sl_diff_doc(d);
	assert_int_equal(doc->field_count, 1);
	assert_string_equal(doc->fields[0].field, "disclaimer");
	assert_true(doc->fields[0].notation_only);
	assert_int_equal(sl_doc_diff_count(doc), 1);
	assert_int_equal(sl_doc_diff_substantive_count(doc), 0);
	done(d, o, n);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_diff_doc__no_change),
		cmocka_unit_test(test_diff_doc__changed_introduction),
		cmocka_unit_test(test_diff_doc__renamed_section),
		cmocka_unit_test(test_diff_doc__added_section_and_scope),
		cmocka_unit_test(test_diff_doc__notation_only_disclaimer),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
