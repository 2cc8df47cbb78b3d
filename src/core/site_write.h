/*
 * site_write.h: render every page of the site (render_site.h) and write
 * the directory in one atomic swap (fs_tree.h).
 */
#ifndef SL_SITE_WRITE_H
#define SL_SITE_WRITE_H

#include <stddef.h>

#include "render_site.h"
#include "site.h"

/* The file naming a directory as a site this command wrote. */
#define SL_SITE_MARKER ".sheetlog-site"

/* What a write produced, for the command's report. */
typedef struct sl_site_stats {
	size_t pages;    /* files written, the feed included */
	size_t bytes;    /* their total size */
	size_t editions; /* editions in the site */
	size_t items;    /* item pages */
	size_t kept;     /* files the previous site had byte for byte, kept */
} sl_site_stats;

/*
 * Render every page, one at a time, into a new tree beside dir, then swap
 * it in (fs_tree.h: dir must be missing, empty or a site written before;
 * a failure leaves dir as it was). stats: optional.
 * @return 0, SL_EUSAGE (dir is not replaceable), SL_EIO or SL_ENOMEM
 */
int sl_site_write(sl_site_stats *stats, const sl_site *site, const char *dir,
		  const sl_site_render_options *o);

#endif
