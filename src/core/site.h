/*
 * site.h: the model of the customers' static site (sheetlog site): every
 * edition of the repository with its whole sheet, one diff per pair of
 * consecutive editions and one from each older edition to the newest,
 * each computed once and shared by every page that shows it, and each
 * item followed across editions and renumbering (its lineage). The pages
 * are rendered from this model (render_site*.c, render_atom.c) and
 * written by site_write.c.
 */
#ifndef SL_SITE_H
#define SL_SITE_H

#include <stdbool.h>
#include <stddef.h>

#include "diff.h"
#include "repo.h"
#include "repo_edition.h"
#include "repo_rev.h"
#include "sheet.h"
#include "strmap.h"

/* One edition at which an item appeared, changed or was withdrawn. */
typedef struct sl_site_step {
	size_t edition; /* index into sl_site.editions */
	const char *id; /* borrowed: the item's id there (withdrawn: its
			 * last id) */
	/* borrowed from editions[edition].prev: the item's change into
	 * that edition; NULL at the first edition */
	const sl_change *change;
	bool withdrawn; /* the edition no longer has the item */
} sl_site_step;

/* One item through the editions that have it (its lineage). */
typedef struct sl_site_item {
	char *page;          /* owned; "items/1-61.html", or for an item the
			      * newest edition lacks
			      * "items/2-1.withdrawn-2023-04.html" */
	size_t first, last;  /* first and last edition that have it */
	sl_site_step *steps; /* owned; oldest first */
	size_t step_count;
	size_t step_cap;
} sl_site_item;

typedef struct sl_site_edition {
	const sl_edition *edition; /* borrowed from sl_site.list */
	/* The edition as a revision for the renderers: every field is
	 * borrowed from edition (never sl_rev_dispose it). */
	sl_rev rev;
	sl_sheet *sheet; /* owned; the whole sheet */
	sl_diff *prev;   /* owned; previous edition -> this; NULL first */
	/* this -> the newest edition; NULL for the newest. For the edition
	 * just before the newest it is the newest's prev (borrowed);
	 * otherwise owned (since_owned). */
	sl_diff *since;
	bool since_owned;
	size_t item_count;
	sl_strmap items; /* id -> (sl_site_item index + 1), keys borrowed
			  * from sheet */
} sl_site_edition;

typedef struct sl_site {
	sl_edition_list list;      /* owned */
	sl_site_edition *editions; /* owned; oldest first */
	size_t count;
	sl_site_item *items; /* owned; lineages in the order they begin
			      * (first edition's sheet order, then each
			      * later edition's additions) */
	size_t item_count;
	size_t item_cap;
} sl_site;

/*
 * Load every edition of repo, its sheet and the diffs, and follow the
 * items. new: *out. @return 0, SL_ENOTFOUND (no edition), SL_EINVALID
 * (an edition's sheet does not load: message with file and edition; a
 * tag edition/NAME whose NAME is not YYYY-MM or YYYY-MM-DD),
 * SL_EREPO or SL_ENOMEM
 */
int sl_site_load(sl_site **out, sl_repo *repo);
void sl_site_free(sl_site *site);

/* borrowed: the lineage of item id in edition e, or NULL */
const sl_site_item *sl_site_item_at(const sl_site *site, size_t e,
				    const char *id);
/* The edition index of the newest edition (count - 1). */
size_t sl_site_newest(const sl_site *site);

/*
 * The pages' paths relative to the site's root, appended to out (every
 * name is an edition name or an item id, which item.h and repo_edition.h
 * restrict to ASCII letters, digits, '-' and '.'):
 *   editions/2023-04.html                     the whole sheet of edition e
 *   notes/2022-09_2023-04.html                release notes from a to b
 *   notes/2022-09_2023-04.shinkyu.html        the 新旧対照表 from a to b
 * Notes from a to b exist for b == a + 1 and for b the newest edition.
 */
void sl_site_path_edition(sl_buf *out, const sl_site *site, size_t e);
void sl_site_path_notes(sl_buf *out, const sl_site *site, size_t a, size_t b,
			bool shinkyu);

#endif
