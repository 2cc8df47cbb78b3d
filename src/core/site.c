/*
 * site.c: the site's model (site.h). Each edition's sheet is loaded whole
 * once; each pair of consecutive editions is diffed once, and each older
 * edition once against the newest (the edition just before the newest
 * reuses its pair's diff). Items are followed forward through the pair
 * diffs, so a lineage crosses renumbering exactly as the release notes
 * report it: one matching, shared by every page.
 */
#include "site.h"

#include <stdint.h>
#include <string.h>

#include "alloc.h"
#include "error.h"
#include "load.h"
#include "par.h"
#include "repo_snapshot.h"

static void site_item_dispose(sl_site_item *it)
{
	sl_free(it->page);
	sl_free(it->steps);
}

void sl_site_free(sl_site *site)
{
	size_t i;
	if (!site)
		return;
	for (i = 0; i < site->count; i++) {
		sl_site_edition *e = &site->editions[i];
		if (e->since_owned)
			sl_diff_free(e->since);
		sl_diff_free(e->prev);
		sl_strmap_dispose(&e->items);
		sl_sheet_free(e->sheet);
	}
	for (i = 0; i < site->item_count; i++)
		site_item_dispose(&site->items[i]);
	sl_free(site->items);
	sl_free(site->editions);
	sl_edition_list_dispose(&site->list);
	sl_free(site);
}

size_t sl_site_newest(const sl_site *site)
{
	return site->count - 1;
}

static size_t site_index_at(const sl_site *site, size_t e, const char *id)
{
	void *v = NULL;
	if (e >= site->count || !id ||
	    !sl_strmap_get(&site->editions[e].items, id, &v))
		return SIZE_MAX;
	return (size_t)(uintptr_t)v - 1;
}

const sl_site_item *sl_site_item_at(const sl_site *site, size_t e,
				    const char *id)
{
	size_t i = site_index_at(site, e, id);
	return i == SIZE_MAX ? NULL : &site->items[i];
}

void sl_site_path_edition(sl_buf *out, const sl_site *site, size_t e)
{
	sl_buf_printf(out, "editions/%s.html", site->editions[e].edition->name);
}

void sl_site_path_notes(sl_buf *out, const sl_site *site, size_t a, size_t b,
			bool shinkyu)
{
	sl_buf_printf(
		out, "notes/%s_%s%s.html", site->editions[a].edition->name,
		site->editions[b].edition->name, shinkyu ? ".shinkyu" : "");
}

static int site_add_step(sl_site_item *it, size_t e, const char *id,
			 const sl_change *c, bool withdrawn)
{
	sl_site_step *s;
	if (it->step_count == it->step_cap) {
		void *grown = sl_array_grow(it->steps, &it->step_cap,
					    sizeof(*it->steps), 4);
		if (!grown)
			return sl_error_oom();
		it->steps = grown;
	}
	s = &it->steps[it->step_count++];
	s->edition = e;
	s->id = id;
	s->change = c;
	s->withdrawn = withdrawn;
	return 0;
}

/* A new lineage starting at edition e with the item id; *idx its index. */
static int site_new_item(size_t *idx, sl_site *site, size_t e, const char *id,
			 const sl_change *c)
{
	sl_site_item *it;
	if (site->item_count == site->item_cap) {
		void *grown = sl_array_grow(site->items, &site->item_cap,
					    sizeof(*site->items), 64);
		if (!grown)
			return sl_error_oom();
		site->items = grown;
	}
	it = &site->items[site->item_count];
	memset(it, 0, sizeof(*it));
	it->first = it->last = e;
	*idx = site->item_count++;
	return site_add_step(it, e, id, c, false);
}

/* The item pages' names, once the lineages are known: the newest
 * edition's items by id, the others by their last id and the edition
 * that withdrew them (an id can be withdrawn, then reused). */
static int site_name_pages(sl_site *site)
{
	size_t i, newest = sl_site_newest(site);
	sl_buf name = SL_BUF_INIT;
	for (i = 0; i < site->item_count; i++) {
		sl_site_item *it = &site->items[i];
		const sl_site_step *last = &it->steps[it->step_count - 1];
		sl_buf_clear(&name);
		if (it->last == newest)
			sl_buf_printf(&name, "items/%s.html", last->id);
		else
			sl_buf_printf(
				&name, "items/%s.withdrawn-%s.html", last->id,
				site->editions[last->edition].edition->name);
		if (sl_buf_oom(&name))
			break;
		it->page = sl_buf_detach(&name, NULL);
		if (!it->page)
			break;
	}
	sl_buf_dispose(&name);
	return i < site->item_count ? sl_error_oom() : 0;
}

static int site_map(sl_site *site, size_t e, const char *id, size_t idx)
{
	site->items[idx].last = e;
	return sl_strmap_put(&site->editions[e].items, id,
			     (void *)(uintptr_t)(idx + 1));
}

/* Follow the items of edition e from e - 1 through the pair diff. */
static int site_follow(sl_site *site, size_t e)
{
	sl_site_edition *ed = &site->editions[e];
	sl_strmap by_new = SL_STRMAP_INIT;
	size_t i, n = sl_diff_count(ed->prev);
	int rc = 0;

	for (i = 0; i < n && rc == 0; i++) {
		const sl_change *c = sl_diff_change(ed->prev, i);
		if (c->status != SL_CHANGE_REMOVED)
			rc = sl_strmap_put(&by_new, c->id, (void *)c);
	}
	for (i = 0; i < sl_sheet_item_count(ed->sheet) && rc == 0; i++) {
		const sl_item *it = sl_sheet_item(ed->sheet, i);
		void *v = NULL;
		const sl_change *c = NULL;
		size_t idx = SIZE_MAX;
		if (sl_strmap_get(&by_new, it->id, &v))
			c = v;
		if (!c)
			idx = site_index_at(site, e - 1, it->id);
		else if (c->status == SL_CHANGE_MODIFIED ||
			 c->status == SL_CHANGE_RENUMBERED)
			idx = site_index_at(site, e - 1, c->old_id);
		if (idx != SIZE_MAX && c)
			rc = site_add_step(&site->items[idx], e, it->id, c,
					   false);
		else if (idx == SIZE_MAX)
			/* Added, a reused number, or (defensively) an item
			 * the previous edition did not index. */
			rc = site_new_item(&idx, site, e, it->id, c);
		if (rc == 0)
			rc = site_map(site, e, it->id, idx);
	}
	for (i = 0; i < n && rc == 0; i++) {
		const sl_change *c = sl_diff_change(ed->prev, i);
		const char *old = c->old_id ? c->old_id : c->id;
		size_t idx;
		if (c->status != SL_CHANGE_REMOVED &&
		    c->status != SL_CHANGE_REPLACED)
			continue;
		idx = site_index_at(site, e - 1, old);
		if (idx != SIZE_MAX)
			rc = site_add_step(&site->items[idx], e, old, c, true);
	}
	sl_strmap_dispose(&by_new);
	return rc;
}

/* Load one edition's sheet. *prev is the previous edition's snapshot
 * (NULL for the first): the files an edition left as they were are taken
 * from it rather than read again (most of an edition is unchanged, and
 * a blob read is a loose object's five system calls and an inflate).
 * On return *prev is this edition's snapshot, or NULL after a failure. */
static int site_load_edition(sl_site_edition *ed, sl_repo *repo,
			     const sl_edition *edition, sl_snapshot **prev)
{
	sl_snapshot *snap = NULL;
	int rc = sl_snapshot_open(&snap, repo, SL_SNAP_COMMIT,
				  edition->commit.id, edition->name);
	if (rc == 0)
		sl_snapshot_adopt(snap, *prev);
	sl_snapshot_free(*prev);
	*prev = NULL;
	ed->edition = edition;
	ed->rev.kind = SL_SNAP_COMMIT;
	ed->rev.label = edition->name;
	ed->rev.edition = edition->name;
	ed->rev.commit = edition->commit;
	if (rc == 0)
		rc = sl_load_valid(&ed->sheet, snap);
	if (rc == 0) {
		ed->item_count = sl_sheet_item_count(ed->sheet);
		*prev = snap;
	} else {
		sl_snapshot_free(snap);
	}
	return rc;
}

/* One diff of the site: into edition e from e - 1 (pair), or from e to
 * the newest. */
typedef struct site_job {
	size_t edition;
	bool pair;
} site_job;

typedef struct site_jobs {
	sl_site *site;
	site_job *jobs;
} site_jobs;

/* Each job writes only its own edition's prev or since. */
static int site_diff_one(void *ctx, size_t i)
{
	site_jobs *j = ctx;
	sl_site *site = j->site;
	const site_job *job = &j->jobs[i];
	sl_site_edition *ed = &site->editions[job->edition];
	int rc;
	if (job->pair)
		return sl_diff_compute(&ed->prev,
				       site->editions[job->edition - 1].sheet,
				       ed->sheet);
	rc = sl_diff_compute(&ed->since, ed->sheet,
			     site->editions[sl_site_newest(site)].sheet);
	ed->since_owned = rc == 0;
	return rc;
}

/*
 * Every diff of the site, spread over the cores (sl_par_for; the sheets
 * are only read). A diff from an old edition to the newest costs the most
 * (it matches the most renumbered items), so the jobs alternate the
 * oldest and the newest of those, and sl_par_for's contiguous blocks get
 * a like share.
 */
static int site_diff_all(sl_site *site)
{
	size_t n = site->count, since = n > 2 ? n - 2 : 0, k = 0, lo, hi, e;
	site_jobs j = {site, NULL};
	int rc;

	if (n < 2)
		return 0;
	j.jobs = sl_calloc(since + n - 1, sizeof(*j.jobs));
	if (!j.jobs)
		return sl_error_oom();
	for (lo = 0, hi = since; lo < hi;) {
		j.jobs[k++] = (site_job){lo++, false};
		if (lo < hi)
			j.jobs[k++] = (site_job){--hi, false};
	}
	for (e = 1; e < n; e++)
		j.jobs[k++] = (site_job){e, true};
	rc = sl_par_for(k, 1, site_diff_one, &j);
	sl_free(j.jobs);
	/* The edition before the newest: its pair's diff is its since. */
	if (rc == 0)
		site->editions[n - 2].since = site->editions[n - 1].prev;
	return rc;
}

int sl_site_load(sl_site **out, sl_repo *repo)
{
	sl_site *site = sl_calloc(1, sizeof(*site));
	sl_snapshot *prev = NULL;
	size_t i, idx = 0;
	int rc = 0;

	*out = NULL;
	if (!site)
		return sl_error_oom();
	rc = sl_edition_list_load(&site->list, repo);
	if (rc == 0 && site->list.count == 0)
		rc = sl_error_set(SL_ENOTFOUND,
				  "no editions in this repository (tag "
				  "edition/NAME or change sheet.json's as_of)");
	if (rc == 0) {
		site->editions =
			sl_calloc(site->list.count, sizeof(*site->editions));
		if (!site->editions)
			rc = sl_error_oom();
	}
	for (i = 0; rc == 0 && i < site->list.count; i++) {
		/* Edition names become file names and URL parts: a tag
		 * edition/NAME with another shape is refused, not guessed
		 * at (as_of itself is checked by the sheet's lint). */
		if (!sl_edition_name_is_valid(site->list.items[i].name)) {
			rc = sl_error_set(SL_EINVALID,
					  "edition '%s' is not an edition name "
					  "(YYYY-MM or YYYY-MM-DD): rename the "
					  "tag edition/%s",
					  site->list.items[i].name,
					  site->list.items[i].name);
			break;
		}
		site->count = i + 1;
		rc = site_load_edition(&site->editions[i], repo,
				       &site->list.items[i], &prev);
	}
	sl_snapshot_free(prev);
	if (rc == 0)
		rc = site_diff_all(site);
	/* The lineages: every item of the first edition starts one. */
	for (i = 0; rc == 0 && i < sl_sheet_item_count(site->editions[0].sheet);
	     i++) {
		const sl_item *it = sl_sheet_item(site->editions[0].sheet, i);
		rc = site_new_item(&idx, site, 0, it->id, NULL);
		if (rc == 0)
			rc = site_map(site, 0, it->id, idx);
	}
	for (i = 1; rc == 0 && i < site->count; i++)
		rc = site_follow(site, i);
	if (rc == 0)
		rc = site_name_pages(site);
	if (rc < 0) {
		sl_site_free(site);
		return rc;
	}
	*out = site;
	return 0;
}
