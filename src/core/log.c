/*
 * log.c: the sheet commit by commit (log) and the audit trail's view of
 * it: each range commit's diff against its first parent, and the id each
 * touched item has at the end of the range.
 */
#include "log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "diff_doc.h"
#include "error.h"
#include "history_internal.h"
#include "strmap.h"

static void log_entry_free(sl_log_entry *e)
{
	if (!e)
		return;
	sl_commit_dispose(&e->info);
	sl_free(e->edition);
	sl_free(e->published_in);
	sl_free(e->after_edition);
	sl_free(e->blobs);
	sl_diff_free(e->diff);
	sl_free(e);
}

void sl_log_free(sl_log *log)
{
	size_t i;
	if (!log)
		return;
	for (i = 0; i < log->entries.len; i++)
		log_entry_free(log->entries.items[i]);
	sl_vec_dispose(&log->entries);
	sl_free(log);
}

/* For an all-parents merge: the names whose file differs from every
 * parent's (what the merge itself decided). */
static int resolved_names(sl_vec *out, sl_walker *w, const char *commit,
			  const sl_cache_entry *e)
{
	sl_vec parents = SL_VEC_INIT;
	size_t i, p;
	int rc = sl_walker_parents(&parents, w, commit);
	for (i = 0; rc == 0 && i < e->name_count; i++) {
		unsigned char mine[20], theirs[20];
		bool exists, pexists, differs = true;
		rc = sl_walker_file_id(mine, &exists, w, commit, e->names[i]);
		for (p = 0; rc == 0 && p < parents.len && differs; p++) {
			rc = sl_walker_file_id(theirs, &pexists, w,
					       parents.items[p], e->names[i]);
			if (rc == 0 && pexists == exists &&
			    (!exists || !memcmp(mine, theirs, 20)))
				differs = false;
		}
		if (rc == 0 && differs &&
		    sl_vec_push(out, (void *)e->names[i]) < 0)
			rc = sl_error_oom();
	}
	sl_vec_free_all(&parents);
	return rc;
}

int sl_log_range(sl_log **out, sl_repo *repo, const char *from, const char *to,
		 const sl_history_options *opts)
{
	sl_history_options defaults = SL_HISTORY_OPTIONS_INIT;
	sl_walker *w = NULL;
	sl_edition_map *map = NULL;
	sl_log *log;
	sl_vec commits = SL_VEC_INIT;
	size_t i;
	int rc;

	*out = NULL;
	if (!opts)
		opts = &defaults;
	log = sl_calloc(1, sizeof(*log));
	if (!log)
		return sl_error_oom();
	rc = sl_walker_new(&w, repo, &opts->walk);
	if (rc == 0)
		rc = sl_edition_map_load(&map, repo);
	if (rc == 0)
		rc = sl_walker_commits(&commits, w, to, from,
				       !opts->all_parents);
	for (i = 0; rc == 0 && i < commits.len; i++) {
		const char *commit = commits.items[i];
		const sl_cache_entry *e;
		sl_log_entry *le;
		sl_vec names = SL_VEC_INIT;
		sl_history_blobs blobs = {NULL, ""};
		bool resolution_only = false;
		rc = sl_walker_entry(&e, w, commit);
		if (rc < 0)
			break;
		if (e->flags & SL_CACHE_SHALLOW) {
			log->truncated = true;
			snprintf(log->boundary, sizeof(log->boundary), "%s",
				 commit);
			continue;
		}
		if (e->name_count == 0)
			continue;
		if (opts->all_parents && (e->flags & SL_CACHE_MERGE)) {
			rc = resolved_names(&names, w, commit, e);
			if (rc == 0 && names.len == 0) {
				sl_vec_dispose(&names);
				continue;
			}
			resolution_only = true;
		}
		le = sl_calloc(1, sizeof(*le));
		if (!le) {
			sl_vec_dispose(&names);
			rc = sl_error_oom();
			break;
		}
		le->resolution_only = resolution_only;
		rc = resolution_only ? sl_history__commit_diff_blobs(
					       &le->diff, &blobs, w, commit,
					       (const char *const *)names.items,
					       names.len)
				     : sl_history__commit_diff(
					       &le->diff, &blobs, w, commit);
		le->blobs = blobs.items;
		memcpy(le->sheet_blob, blobs.sheet, sizeof(le->sheet_blob));
		sl_vec_dispose(&names);
		if (rc == 0)
			rc = sl_history__commit(&le->info, &le->time,
						&le->offset_min, &le->edition,
						repo, opts, commit);
		if (rc == 0)
			rc = sl_history__published(&le->published_in,
						   &le->after_edition, map,
						   commit);
		le->merge = le->info.parent_count > 1;
		if (rc < 0 || !le->diff || sl_diff_count(le->diff) == 0 ||
		    !sl_history__in_window(opts, le->time)) {
			/* A sheet.json-only change still counts as touching
			 * the sheet when the edition changed, or when it
			 * changed the document's text (diff_doc.h). */
			if (rc == 0 && le->diff &&
			    sl_diff_count(le->diff) == 0 &&
			    (le->edition ||
			     sl_doc_diff_count(sl_diff_doc(le->diff))) &&
			    sl_history__in_window(opts, le->time) &&
			    sl_vec_push(&log->entries, le) == 0)
				continue;
			log_entry_free(le);
			continue;
		}
		if (sl_vec_push(&log->entries, le) < 0) {
			log_entry_free(le);
			rc = sl_error_oom();
		}
	}
	sl_vec_free_all(&commits);
	sl_edition_map_free(map);
	sl_walker_free(w);
	if (rc < 0) {
		sl_log_free(log);
		return rc;
	}
	*out = log;
	return 0;
}

struct sl_audit_ids {
	sl_strmap *maps; /* owned; per entry: old id -> new id or NULL */
	size_t count;
};

/* Marker for "removed" (NULL means "not in the map"). */
static char removed_marker;

int sl_audit_now_ids(sl_audit_ids **out, const sl_log *log)
{
	sl_audit_ids *ids = sl_calloc(1, sizeof(*ids));
	size_t i, k;
	*out = NULL;
	if (!ids)
		return sl_error_oom();
	ids->count = log->entries.len;
	ids->maps = sl_calloc(ids->count ? ids->count : 1, sizeof(sl_strmap));
	if (!ids->maps) {
		sl_free(ids);
		return sl_error_oom();
	}
	for (i = 0; i < ids->count; i++) {
		const sl_log_entry *e = log->entries.items[i];
		for (k = 0; k < sl_diff_count(e->diff); k++) {
			const sl_change *c = sl_diff_change(e->diff, k);
			void *v = c->status == SL_CHANGE_REMOVED
					  ? (void *)&removed_marker
					  : (void *)c->id;
			if (c->status != SL_CHANGE_RENUMBERED &&
			    c->status != SL_CHANGE_REMOVED)
				continue;
			if (sl_strmap_put(&ids->maps[i], c->old_id, v) < 0) {
				sl_audit_ids_free(ids);
				return sl_error_oom();
			}
		}
	}
	*out = ids;
	return 0;
}

const char *sl_audit_now(const sl_audit_ids *ids, size_t entry, const char *id)
{
	size_t j = entry;
	/* Entries are newest first: the commits after `entry` are j-1..0. */
	while (id && j-- > 0) {
		void *v;
		if (sl_strmap_get(&ids->maps[j], id, &v))
			id = v == &removed_marker ? NULL : v;
	}
	return id;
}

void sl_audit_ids_free(sl_audit_ids *ids)
{
	size_t i;
	if (!ids)
		return;
	for (i = 0; i < ids->count; i++)
		sl_strmap_dispose(&ids->maps[i]);
	sl_free(ids->maps);
	sl_free(ids);
}
