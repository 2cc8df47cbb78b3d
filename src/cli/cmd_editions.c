/* cmd_editions.c: `sheetlog editions`: the dated editions of the sheet. */
#include <string.h>

#include "alloc.h"
#include "cli.h"
#include "cmds.h"
#include "diff.h"
#include "repo_edition.h"
#include "error.h"
#include "item.h"
#include "load.h"
#include "format.h"
#include "render.h"

enum { O_FORMAT, O_LANG };

#define EDITIONS_FORMATS(X)                \
	X("text", sl_render_editions_text) \
	X("json", sl_render_editions_json)

SL_FORMAT_TABLE(editions_formats, EDITIONS_FORMATS, sl_buf *out,
		const sl_edition_row *rows, size_t n,
		const sl_render_options *o);

static const sl_opt editions_opts[] = {
	SL_FORMAT_OPT(O_FORMAT, EDITIONS_FORMATS,
		      "output format (default: text)"),
	SL_OPT_LANG(O_LANG),
	SL_OPT_END,
};

const sl_cmd_spec sl_cmd_editions_spec = {
	"editions",
	"",
	"list the dated editions with their commits and change counts",
	"An edition is named by sheet.json's as_of. Edition X is the tag\n"
	"edition/X when it exists, else the first commit on HEAD's first-parent\n"
	"history where as_of became X. For each: commit, date, author, item count,\n"
	"and the changes against the previous edition.",
	editions_opts,
	0,
	0,
};

static size_t count_items(const sl_snapshot *s)
{
	size_t i, n = 0;
	for (i = 0; i < s->files.len; i++) {
		const sl_snapfile *f = s->files.items[i];
		n += sl_load_is_item_entry(f) &&
		     sl_item_file_stem(NULL, f->name + strlen("items/"));
	}
	return n;
}

int sl_cmd_editions(sl_cli_cmd *c)
{
	sl_edition_list list = SL_EDITION_LIST_INIT;
	sl_edition_row *rows = NULL;
	sl_snapshot *prev = NULL;
	size_t i;
	int rc = sl_edition_list_load(&list, c->repo);

	if (rc < 0)
		goto done;
	rows = sl_calloc(list.count ? list.count : 1, sizeof(*rows));
	if (!rows) {
		rc = sl_error_oom();
		goto done;
	}
	for (i = 0; i < list.count && rc == 0; i++) {
		sl_snapshot *snap = NULL;
		rows[i].edition = &list.items[i];
		rc = sl_snapshot_open(&snap, c->repo, SL_SNAP_COMMIT,
				      list.items[i].commit.id,
				      list.items[i].name);
		if (rc < 0)
			break;
		rows[i].items = count_items(snap);
		if (prev) {
			sl_diff *d = NULL;
			rc = sl_diff_snapshots(&d, prev, snap);
			if (rc == 0) {
				rows[i].changes = *sl_diff_summary_of(d);
				rows[i].has_previous = true;
			}
			sl_diff_free(d);
		}
		sl_snapshot_free(prev);
		prev = snap;
	}
	if (rc == 0)
		rc = SL_FORMAT_FIND(editions_formats, c->format)
			     ->render(&c->out, rows, list.count, &c->ro);
done:
	sl_snapshot_free(prev);
	sl_free(rows);
	sl_edition_list_dispose(&list);
	return rc;
}
