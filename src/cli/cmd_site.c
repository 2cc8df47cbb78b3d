/* cmd_site.c: `sheetlog site`: the customers' static site of every edition. */
#include <string.h>

#include "cli.h"
#include "cmds.h"
#include "error.h"
#include "render_site.h"
#include "site.h"
#include "site_write.h"

enum { O_OUTPUT, O_BASE_URL, O_LANG };

static const sl_opt site_opts[] = {
	{O_OUTPUT, "output", 'o', "DIR", NULL,
	 "the site's directory (required; replaced whole, atomically)"},
	{O_BASE_URL, "base-url", 0, "URL", NULL,
	 "where the site is published (http:// or https://): absolute links in the feed"},
	SL_OPT_LANG(O_LANG),
	SL_OPT_END,
};

const sl_cmd_spec sl_cmd_site_spec = {
	"site",
	"",
	"write a static site of every edition, with release notes and an Atom feed",
	"DIR/index.html lists the editions newest first with their change counts\n"
	"and a 改訂履歴 table; editions/E.html is the whole sheet of edition E (each\n"
	"item anchored by its id, #1-61); notes/A_B.html and notes/A_B.shinkyu.html\n"
	"are the release notes and the 新旧対照表 of each pair of consecutive\n"
	"editions and from each older edition to the newest; items/ID.html shows an\n"
	"item's answer in every edition where it changed, across renumbering\n"
	"(withdrawn items: items/ID.withdrawn-E.html); DIR/feed.atom has one entry\n"
	"per edition. Pages are self-contained (no script, inline CSS) and work\n"
	"from file://. The site is built beside DIR and swapped in with one\n"
	"rename: a failed run leaves the previous site. DIR must be missing,\n"
	"empty, or a site written before (it holds .sheetlog-site).",
	site_opts,
	0,
	0,
};

static int site_check_base_url(const char *url)
{
	if (!strncmp(url, "https://", 8) || !strncmp(url, "http://", 7))
		return 0;
	return sl_error_set(SL_EUSAGE,
			    "--base-url must start with http:// or https:// "
			    "(got '%s')",
			    url);
}

int sl_cmd_site(sl_cli_cmd *c)
{
	sl_site_render_options o = SL_SITE_RENDER_OPTIONS_INIT;
	sl_site_stats stats = {0, 0, 0, 0, 0};
	sl_site *site = NULL;
	const char *dir = c->output;
	int rc = 0;

	/* -o names the site's directory, not a file for c->out: the
	 * report goes to standard output. */
	c->output = NULL;
	if (!dir)
		return sl_error_set(SL_EUSAGE, "site needs -o DIR");
	o.lang = c->ro.lang;
	if (c->v[O_BASE_URL].set) {
		o.base_url = c->v[O_BASE_URL].str;
		rc = site_check_base_url(o.base_url);
	}
	if (rc == 0)
		rc = sl_site_load(&site, c->repo);
	if (rc == 0)
		rc = sl_site_write(&stats, site, dir, &o);
	if (rc == 0)
		sl_buf_printf(&c->out,
			      "wrote %s: %zu files (%zu editions, %zu item "
			      "pages, %zu bytes; %zu unchanged, kept)\n",
			      dir, stats.pages, stats.editions, stats.items,
			      stats.bytes, stats.kept);
	sl_site_free(site);
	return rc;
}
