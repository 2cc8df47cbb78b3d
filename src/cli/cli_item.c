/*
 * cli_item.c: how commands name an item: ITEM[@REV] everywhere an item is
 * named, and the closest ids when the item does not exist.
 */
#include "cli.h"

#include <string.h>

#include "alloc.h"
#include "error.h"
#include "load.h"
#include "suggest.h"

int sl_cli_item_arg(char **id, const char **rev, const char *arg)
{
	const char *at = strchr(arg, '@');
	*rev = NULL;
	*id = at ? sl_strndup(arg, (size_t)(at - arg)) : sl_strdup(arg);
	if (!*id)
		return sl_error_oom();
	if (at && (at == arg || !at[1])) {
		sl_free(*id);
		*id = NULL;
		return sl_error_set(SL_EUSAGE,
				    "'%s' is not ITEM@REV (both are needed)",
				    arg);
	}
	if (at)
		*rev = at + 1;
	return 0;
}

int sl_cli_suggest_item(sl_cli *cli, int rc, const sl_rev *rev, const char *id)
{
	sl_error saved;
	sl_snapshot *snap = NULL;
	sl_sheet *sheet = NULL;
	sl_repo *repo;
	sl_buf near = SL_BUF_INIT;
	if (rc != SL_ENOTFOUND || strcmp(sl_error_last()->item_id, id))
		return rc;
	saved = *sl_error_last();
	/* The suggestions are a courtesy: a sheet that does not load gives
	 * none, and the original failure is what is reported. */
	if (sl_cli_repo(cli, &repo) == 0 &&
	    sl_rev_snapshot(&snap, repo, rev) == 0 &&
	    sl_load_valid(&sheet, snap) == 0)
		sl_suggest_sheet_ids(&near, id, sheet);
	sl_sheet_free(sheet);
	sl_snapshot_free(snap);
	sl_error_restore(&saved);
	rc = sl_suggest_wrap(rc, &near);
	sl_buf_dispose(&near);
	return rc;
}
