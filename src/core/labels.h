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
	/* change tracking */
	SL_L_ADDED,
	SL_L_REMOVED,
	SL_L_MODIFIED,
	SL_L_RENUMBERED,
	SL_L_NOTATION_ONLY,
	SL_L_UNCHANGED,
	SL_L_DIFF_TITLE,
	SL_L_CHANGELOG_TITLE,
	SL_L_SUMMARY,
	SL_L_FROM,
	SL_L_TO,
	SL_L_EDITION,
	SL_L_DATE,
	SL_L_AUTHOR,
	SL_L_NO_CHANGES,
	SL_L_ADDED_ITEMS,
	SL_L_REMOVED_ITEMS,
	SL_L_RENUMBERED_ITEMS,
	SL_L_CHANGED_QUESTIONS,
	SL_L_CHANGED_ANSWERS,
	SL_L_CHANGED_CATEGORIES,
	SL_L_CHANGED_OTHER,
	SL_L_NOTATION_ONLY_CHANGES,
	SL_L_CHANGES_PER_SECTION,
	SL_L_OLD_TEXT,
	SL_L_NEW_TEXT,
	SL_L_FIELD,
	/* 新旧対照表 */
	SL_L_SHINKYU_TITLE,
	SL_L_SHINKYU_NEW,
	SL_L_SHINKYU_OLD,
	SL_L_SHINKYU_NOTE,
	SL_L_SHINKYU_ADDED,
	SL_L_SHINKYU_REMOVED,
	SL_L_SHINKYU_CHANGED,
	SL_L_SHINKYU_MOVED,
	SL_L_SHINKYU_NOTATION,
	SL_L_SHINKYU_LEGEND,
	SL_L_ILLUSTRATIVE,
	/* history */
	SL_L_HISTORY_TITLE,
	SL_L_MESSAGE,
	SL_L_MERGE_RESOLUTION,
	SL_L_TRUNCATED,
	SL_L_LAST_CHANGED,
	SL_L_BEYOND_BOUNDARY,
	SL_L_BLAME_TITLE,
	SL_L_LOG_TITLE,
	SL_L_AUDIT_TITLE,
	SL_L_ITEM_THEN,
	SL_L_ITEM_NOW,
	SL_L_STATUS,
	SL_L__COUNT,
} sl_label_id;

/* borrowed: a static string */
const char *sl_label(sl_lang lang, sl_label_id id);
/* "ja" or "en". @return 0 or SL_EUSAGE */
int sl_lang_parse(sl_lang *out, const char *name);

#endif
