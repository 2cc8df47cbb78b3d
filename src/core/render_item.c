/*
 * render_item.c: one item file as plain labelled text, for git's textconv
 * (sheetlog textconv), so `git diff` and `git log -p` on
 * checklist/items/<id>.json compare the question and answer as lines of text
 * instead of escaped JSON strings. Anything that is not a valid item is
 * copied byte for byte: git must still show *something* for sheet.json or
 * a broken file, and a textconv that fails makes git abort the diff.
 *
 * Short fields (id, section, scope, category) take one line each, unless
 * multi-line; every other field (question, answer, then the extra fields
 * by name) is a block after a blank line, its text kept as is:
 *
 *   No: 1-61
 *   セクション: 1
 *   責任範囲: provider
 *   項目: 監視
 *
 *   評価内容:
 *   ニフクラサービスの障害通知時間について、...
 *
 *   回答内容:
 *   ニフクラの障害に関しては、60分以内での通知を目標としています。
 *
 * Depends on json.c (parsing) and labels.c only; never on the repository.
 */
#include "render.h"

#include <string.h>

#include "common.h"
#include "error.h"
#include "json.h"

/* Fields shown on one line when their value has no line break. */
static bool item_is_short_field(const char *name)
{
	return !strcmp(name, "id") || !strcmp(name, "section") ||
	       !strcmp(name, "scope") || !strcmp(name, "category");
}

static const char *item_label(sl_lang lang, const char *name)
{
	static const struct {
		const char *name;
		sl_label_id label;
	} known[] = {
		{"id", SL_L_ID},
		{"section", SL_L_SECTION},
		{"scope", SL_L_SCOPE},
		{"category", SL_L_CATEGORY},
		{"question", SL_L_QUESTION},
		{"answer", SL_L_ANSWER},
	};
	size_t i;
	for (i = 0; i < SL_ARRAY_SIZE(known); i++)
		if (!strcmp(known[i].name, name))
			return sl_label(lang, known[i].label);
	/* Extra fields have no translation: their key is their label. */
	return name;
}

static void item_field(sl_buf *out, sl_lang lang, const char *name,
		       const char *value)
{
	const char *label = item_label(lang, name);
	if (item_is_short_field(name) && !strchr(value, '\n')) {
		sl_buf_printf(out, "%s: %s\n", label, value);
		return;
	}
	/* A blank line before each block keeps git's hunks readable. */
	sl_buf_printf(out, "\n%s:\n%s\n", label, value);
}

int sl_render_item_text(sl_buf *out, const sl_item *item,
			const sl_render_options *opts)
{
	size_t i;
	for (i = 0; i < SL_ARRAY_SIZE(sl_item_known_fields); i++) {
		const char *name = sl_item_known_fields[i];
		const char *value = sl_item_get(item, name, NULL);
		if (value)
			item_field(out, opts->lang, name, value);
	}
	for (i = 0; i < item->extra_count; i++)
		item_field(out, opts->lang, item->extra[i].name,
			   item->extra[i].text);
	return sl_buf_oom(out) ? sl_error_oom() : 0;
}

int sl_render_textconv(sl_buf *out, bool *was_item, const char *data,
		       size_t len, const sl_render_options *opts)
{
	sl_diag_list diags = SL_DIAG_LIST_INIT;
	sl_item *item = NULL;
	int rc;

	if (was_item)
		*was_item = false;
	rc = sl_json_parse_item(&item, &diags, "item.json", data, len);
	/* Findings are not failures here: the bytes are shown as they are. */
	sl_diag_list_dispose(&diags);
	if (rc < 0)
		return rc;
	if (!item) {
		sl_buf_put(out, data, len);
		return sl_buf_oom(out) ? sl_error_oom() : 0;
	}
	rc = sl_render_item_text(out, item, opts);
	sl_item_free(item);
	if (rc == 0 && was_item)
		*was_item = true;
	return rc;
}
