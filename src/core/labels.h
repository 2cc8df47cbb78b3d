/*
 * labels.h: the words sheetlog itself puts into documents people read,
 * in Japanese (the default: the sheet is Japanese) and English.
 * Messages and diagnostics are English and do not come from here.
 */
#ifndef SL_LABELS_H
#define SL_LABELS_H

typedef enum sl_lang {
	SL_LANG_JA,
	SL_LANG_EN,
} sl_lang;

typedef enum sl_label_id {
	SL_L_AS_OF,
	SL_L_PUBLISHER,
	SL_L_SOURCE,
	SL_L_REVISION,
	SL_L_COMMIT,
	SL_L_CONTENTS,
	SL_L_ID,
	SL_L_CATEGORY,
	SL_L_QUESTION,
	SL_L_ANSWER,
	SL_L_SECTION,
	SL_L_SCOPE,
	SL_L_ITEM_COUNT,
	SL_L_GENERATED_BY,
	SL_L_WORKTREE,
	SL_L_INDEX,
	SL_L__COUNT,
} sl_label_id;

/* borrowed: a static string */
const char *sl_label(sl_lang lang, sl_label_id id);
/* "ja" or "en". @return 0 or SL_EUSAGE */
int sl_lang_parse(sl_lang *out, const char *name);

#endif
