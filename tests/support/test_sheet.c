/* test_sheet.c: small in-memory sheets for unit tests. */
#define _XOPEN_SOURCE 700
#include "test_sheet.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "alloc.h"
#include "json.h"
#include "test_tmp.h"

sl_sheet *test_sheet_new(const char *const *sections)
{
	sl_sheet *sheet = NULL;
	sl_sheet_meta *m;
	size_t n = 0, i;

	assert_int_equal(sl_sheet_new(&sheet), 0);
	m = sl_sheet_meta_of(sheet);
	m->as_of = sl_strdup("2022-09");
	m->scopes = sl_calloc(2, sizeof(*m->scopes));
	assert_non_null(m->as_of);
	assert_non_null(m->scopes);
	m->scopes[0].id = sl_strdup("provider");
	m->scopes[0].title = sl_strdup("クラウド事業者の責任範囲");
	m->scopes[1].id = sl_strdup("customer");
	m->scopes[1].title = sl_strdup("クラウド利用者の責任範囲");
	m->scope_count = 2;
	while (sections[n])
		n++;
	m->sections = sl_calloc(n ? n : 1, sizeof(*m->sections));
	assert_non_null(m->sections);
	for (i = 0; i < n; i++) {
		const char *colon = strchr(sections[i], ':');
		size_t len = colon ? (size_t)(colon - sections[i])
				   : strlen(sections[i]);
		m->sections[i].id = sl_strndup(sections[i], len);
		m->sections[i].title = sl_strdup("節");
		m->sections[i].scope = colon ? sl_strdup(colon + 1) : NULL;
	}
	m->section_count = n;
	return sheet;
}

sl_item *test_item(const char *id, const char *section, const char *scope,
		   const char *question, const char *answer)
{
	sl_item *it = sl_item_new();
	assert_non_null(it);
	assert_int_equal(sl_item_set(it, "id", id, false), 0);
	assert_int_equal(sl_item_set(it, "section", section, false), 0);
	if (scope)
		assert_int_equal(sl_item_set(it, "scope", scope, false), 0);
	assert_int_equal(sl_item_set(it, "question", question, false), 0);
	assert_int_equal(sl_item_set(it, "answer", answer, false), 0);
	return it;
}

sl_item *test_sheet_add(sl_sheet *sheet, const char *id, const char *section,
			const char *question, const char *answer)
{
	sl_item *it = test_item(id, section, NULL, question, answer);
	assert_int_equal(sl_sheet_add_item(sheet, it), 0);
	return it;
}

sl_item *test_real_item_file(const char *name)
{
	char *path = test_fmt("%s/checklist/items/%s", SL_SOURCE_DIR, name);
	size_t len;
	char *text = test_read_file(path, &len);
	sl_diag_list d = SL_DIAG_LIST_INIT;
	sl_item *it = NULL;
	assert_non_null(text);
	assert_int_equal(sl_json_parse_item(&it, &d, path, text, len), 0);
	assert_non_null(it);
	sl_diag_list_dispose(&d);
	free(text);
	free(path);
	return it;
}
