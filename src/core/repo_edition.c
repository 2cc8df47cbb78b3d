/*
 * repo_edition.c: finds editions by walking HEAD's first-parent history once,
 * reading sheet.json's as_of only when its blob id changes (so a history
 * of thousands of commits reads a handful of blobs), and by listing the
 * edition/ tags, which take precedence.
 */
#include "repo_edition.h"

#include <git2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "diag.h"
#include "error.h"
#include "id.h"
#include "json.h"
#include "repo_internal.h"
#include "strmap.h"
#include "vec.h"

#define TAG_PREFIX "refs/tags/edition/"

bool sl_edition_name_is_valid(const char *s)
{
	size_t n = strlen(s), i;
	if (n != 7 && n != 10)
		return false;
	int year, month, day, days;
	for (i = 0; i < n; i++) {
		bool dash = i == 4 || i == 7;
		if (dash ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
			return false;
	}
	/* A real month and, when given, a real day of it. */
	year = atoi(s);
	month = (s[5] - '0') * 10 + (s[6] - '0');
	if (month < 1 || month > 12)
		return false;
	if (n == 7)
		return true;
	day = (s[8] - '0') * 10 + (s[9] - '0');
	days = month == 2
		       ? ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0
				  ? 29
				  : 28)
	       : (month == 4 || month == 6 || month == 9 || month == 11) ? 30
									 : 31;
	return day >= 1 && day <= days;
}

static void edition_dispose(sl_edition *e)
{
	sl_free(e->name);
	sl_commit_dispose(&e->commit);
}

void sl_edition_list_dispose(sl_edition_list *list)
{
	size_t i;
	for (i = 0; i < list->count; i++)
		edition_dispose(&list->items[i]);
	sl_free(list->items);
	list->items = NULL;
	list->count = 0;
}

const sl_edition *sl_edition_find(const sl_edition_list *list, const char *name)
{
	size_t i;
	for (i = 0; i < list->count; i++)
		if (!strcmp(list->items[i].name, name))
			return &list->items[i];
	return NULL;
}

void sl_edition_names(sl_buf *out, const sl_edition_list *list)
{
	size_t i;
	if (list->count == 0)
		sl_buf_puts(out, "none");
	for (i = 0; i < list->count; i++)
		sl_buf_printf(out, "%s%s", i ? ", " : "", list->items[i].name);
}

static int push(sl_edition_list *list, const char *name, const git_commit *c,
		bool tagged)
{
	sl_edition *g =
		sl_reallocarray(list->items, list->count + 1, sizeof(*g));
	sl_edition *e;
	int rc;
	if (!g)
		return sl_error_oom();
	list->items = g;
	e = &g[list->count];
	memset(e, 0, sizeof(*e));
	e->tagged = tagged;
	e->name = sl_strdup(name);
	if (!e->name)
		return sl_error_oom();
	rc = sl_repo__commit_fill(&e->commit, c);
	if (rc < 0) {
		edition_dispose(e);
		return rc;
	}
	list->count++;
	return 0;
}

/* as_of of a sheet.json blob; *out NULL when unreadable or absent. */
static int read_as_of(char **out, git_repository *g, const git_oid *blob_id)
{
	git_blob *blob = NULL;
	sl_diag_list diags = SL_DIAG_LIST_INIT;
	sl_sheet_meta meta;
	char *copy;
	size_t len;
	int rc;

	*out = NULL;
	if (git_blob_lookup(&blob, g, blob_id) < 0) {
		git_error_clear();
		return 0;
	}
	len = (size_t)git_blob_rawsize(blob);
	copy = sl_strndup(git_blob_rawcontent(blob), len);
	git_blob_free(blob);
	if (!copy)
		return sl_error_oom();
	rc = sl_json_parse_meta(&meta, &diags, "sheet.json", copy, len);
	sl_free(copy);
	sl_diag_list_dispose(&diags);
	if (rc < 0)
		return rc;
	if (meta.as_of) {
		*out = meta.as_of;
		meta.as_of = NULL;
	}
	sl_sheet_meta_dispose(&meta);
	return 0;
}

/*
 * HEAD's first-parent line, oldest first. Walked by hand rather than with
 * git_revwalk: libgit2 1.5's revwalk fails on a shallow clone's missing
 * parents, and editions beyond the boundary are simply not known there.
 */
static int first_parent_line(git_oid **out, size_t *count, git_repository *g)
{
	git_oid *ids = NULL, *grown;
	size_t n = 0, cap = 0;
	git_commit *c = NULL;
	git_oid head;
	int grc = git_reference_name_to_id(&head, g, "HEAD"), rc = 0;

	*out = NULL;
	*count = 0;
	if (grc == 0)
		grc = git_commit_lookup(&c, g, &head);
	if (grc < 0)
		return sl_repo__error(grc, "cannot read HEAD");
	while (c) {
		git_commit *p = NULL;
		if (n == cap) {
			grown = sl_array_grow(ids, &cap, sizeof(*ids), 64);
			if (!grown) {
				rc = sl_error_oom();
				break;
			}
			ids = grown;
		}
		git_oid_cpy(&ids[n++], git_commit_id(c));
		if (git_commit_parentcount(c) > 0) {
			grc = git_commit_parent(&p, c, 0);
			if (grc == GIT_ENOTFOUND &&
			    git_repository_is_shallow(g) == 1) {
				git_error_clear(); /* the shallow boundary */
			} else if (grc < 0) {
				rc = sl_repo__error(grc,
						    "cannot read a commit of "
						    "HEAD's history");
				break;
			}
		}
		git_commit_free(c);
		c = p;
	}
	git_commit_free(c);
	if (rc < 0) {
		sl_free(ids);
		return rc;
	}
	/* Oldest first. */
	for (cap = 0; cap < n / 2; cap++) {
		git_oid t = ids[cap];
		ids[cap] = ids[n - 1 - cap];
		ids[n - 1 - cap] = t;
	}
	*out = ids;
	*count = n;
	return 0;
}

static int walk_history(sl_edition_list *list, git_repository *g)
{
	git_oid *line = NULL, last_blob;
	size_t n = 0, i;
	bool have_last = false;
	char *as_of = NULL;
	int rc;

	memset(&last_blob, 0, sizeof(last_blob));
	if (git_repository_head_unborn(g) == 1)
		return 0;
	rc = first_parent_line(&line, &n, g);
	for (i = 0; rc == 0 && i < n; i++) {
		git_commit *c = NULL;
		git_tree *tree = NULL;
		git_tree_entry *e = NULL;
		char *now = NULL;
		int grc;
		if ((grc = git_commit_lookup(&c, g, &line[i])) < 0 ||
		    (grc = git_commit_tree(&tree, c)) < 0) {
			rc = sl_repo__error(
				grc, "cannot read a commit of HEAD's history");
			git_commit_free(c);
			break;
		}
		if (git_tree_entry_bypath(&e, tree,
					  SL_SHEET_DIR "/sheet.json") == 0) {
			const git_oid *bid = git_tree_entry_id(e);
			if (have_last && git_oid_equal(bid, &last_blob)) {
				now = as_of ? sl_strdup(as_of) : NULL;
				if (as_of && !now)
					rc = sl_error_oom();
			} else {
				rc = read_as_of(&now, g, bid);
				git_oid_cpy(&last_blob, bid);
				have_last = true;
			}
		} else {
			git_error_clear();
			have_last = false;
		}
		if (rc == 0 && now && (!as_of || strcmp(now, as_of)) &&
		    !sl_edition_find(list, now))
			rc = push(list, now, c, false);
		sl_free(as_of);
		as_of = now;
		git_tree_entry_free(e);
		git_tree_free(tree);
		git_commit_free(c);
	}
	sl_free(as_of);
	sl_free(line);
	return rc;
}

static int collect_tags(sl_edition_list *list, git_repository *g)
{
	git_reference_iterator *it = NULL;
	git_reference *ref;
	size_t plen = strlen(TAG_PREFIX);
	int rc = 0, grc;

	grc = git_reference_iterator_glob_new(&it, g, TAG_PREFIX "*");
	if (grc < 0)
		return sl_repo__error(grc, "cannot list tags");
	while (rc == 0 && (grc = git_reference_next(&ref, it)) == 0) {
		const char *name = git_reference_name(ref) + plen;
		git_object *peeled = NULL;
		sl_edition *existing;
		if (git_reference_peel(&peeled, ref, GIT_OBJECT_COMMIT) < 0) {
			git_error_clear();
			git_reference_free(ref);
			continue;
		}
		existing = (sl_edition *)sl_edition_find(list, name);
		if (existing) {
			/* The tag wins over the as_of transition. */
			sl_commit_dispose(&existing->commit);
			existing->tagged = true;
			rc = sl_repo__commit_fill(&existing->commit,
						  (const git_commit *)peeled);
		} else {
			rc = push(list, name, (const git_commit *)peeled, true);
		}
		git_object_free(peeled);
		git_reference_free(ref);
	}
	if (rc == 0 && grc != GIT_ITEROVER)
		rc = sl_repo__error(grc, "cannot list tags");
	git_reference_iterator_free(it);
	return rc;
}

static int edition_cmp(const void *a, const void *b)
{
	return sl_id_compare(((const sl_edition *)a)->name,
			     ((const sl_edition *)b)->name);
}

int sl_edition_list_load(sl_edition_list *out, sl_repo *repo)
{
	git_repository *g = sl_repo__git(repo);
	int rc;
	memset(out, 0, sizeof(*out));
	rc = walk_history(out, g);
	if (rc == 0)
		rc = collect_tags(out, g);
	if (rc < 0) {
		sl_edition_list_dispose(out);
		return rc;
	}
	if (out->count > 1)
		qsort(out->items, out->count, sizeof(*out->items), edition_cmp);
	return 0;
}

/* ---- which edition published a commit --------------------------------------
 */

/* Indexes into the map's editions; -1: none. */
typedef struct published {
	char key[41]; /* the commit, 40 hex */
	int in;       /* the first edition that contains it */
	int after;    /* the newest edition that is a proper ancestor */
} published;

struct sl_edition_map {
	git_repository *g;    /* borrowed */
	sl_edition_list list; /* owned; oldest first */
	published *line;      /* owned; HEAD's first-parent line */
	size_t line_count;    /* commits on it */
	sl_vec other;         /* owned published blocks: off-line lookups */
	sl_strmap by_commit;  /* key -> published (borrowed from above) */
};

void sl_edition_map_free(sl_edition_map *m)
{
	if (!m)
		return;
	sl_strmap_dispose(&m->by_commit);
	sl_vec_free_all(&m->other);
	sl_free(m->line);
	sl_edition_list_dispose(&m->list);
	sl_free(m);
}

/* One sweep each way over the line: the next edition at or after each
 * position publishes it, the last one before it is what it follows. */
static int map_line(sl_edition_map *m, const git_oid *ids, size_t n)
{
	int *first_at = sl_calloc(n ? n : 1, sizeof(*first_at));
	int *last_at = sl_calloc(n ? n : 1, sizeof(*last_at));
	int next = -1, last = -1, rc = 0;
	size_t p, i;
	if (!first_at || !last_at ||
	    !(m->line = sl_calloc(n ? n : 1, sizeof(*m->line))))
		rc = sl_error_oom();
	for (p = 0; rc == 0 && p < n; p++) {
		first_at[p] = last_at[p] = -1;
		git_oid_tostr(m->line[p].key, sizeof(m->line[p].key), &ids[p]);
		rc = sl_strmap_put(&m->by_commit, m->line[p].key, &m->line[p]);
	}
	m->line_count = rc == 0 ? n : 0;
	for (i = 0; rc == 0 && i < m->list.count; i++) {
		void *v;
		size_t at;
		if (!sl_strmap_get(&m->by_commit, m->list.items[i].commit.id,
				   &v))
			continue; /* not on the line: found by ancestry */
		at = (size_t)((published *)v - m->line);
		if (first_at[at] < 0)
			first_at[at] = (int)i;
		last_at[at] = (int)i;
	}
	for (p = n; rc == 0 && p-- > 0;) {
		if (first_at[p] >= 0)
			next = first_at[p];
		m->line[p].in = next;
	}
	for (p = 0; rc == 0 && p < n; p++) {
		m->line[p].after = last;
		if (last_at[p] >= 0)
			last = last_at[p];
	}
	sl_free(first_at);
	sl_free(last_at);
	return rc;
}

int sl_edition_map_load(sl_edition_map **out, sl_repo *repo)
{
	sl_edition_map *m = sl_calloc(1, sizeof(*m));
	git_oid *line = NULL;
	size_t n = 0;
	int rc;
	*out = NULL;
	if (!m)
		return sl_error_oom();
	m->g = sl_repo__git(repo);
	rc = sl_edition_list_load(&m->list, repo);
	if (rc == 0 && git_repository_head_unborn(m->g) != 1)
		rc = first_parent_line(&line, &n, m->g);
	if (rc == 0)
		rc = map_line(m, line, n);
	sl_free(line);
	if (rc < 0) {
		sl_edition_map_free(m);
		return rc;
	}
	*out = m;
	return 0;
}

/* Is commit a (descendant: ancestor) of edition e, or e itself? A
 * commit beyond a shallow boundary is no ancestor. */
static bool related(sl_edition_map *m, const git_oid *c, const sl_edition *e,
		    bool descendant)
{
	git_oid eid;
	int grc;
	if (git_oid_fromstr(&eid, e->commit.id) < 0) {
		git_error_clear();
		return false;
	}
	if (git_oid_equal(&eid, c))
		return !descendant;
	grc = descendant ? git_graph_descendant_of(m->g, c, &eid)
			 : git_graph_descendant_of(m->g, &eid, c);
	git_error_clear();
	return grc == 1;
}

/* A commit off the first-parent line, looked up once. */
static int map_other(published **out, sl_edition_map *m, const char *commit)
{
	published *p = sl_calloc(1, sizeof(*p));
	git_oid c;
	size_t i;
	*out = NULL;
	if (!p)
		return sl_error_oom();
	snprintf(p->key, sizeof(p->key), "%s", commit);
	p->in = p->after = -1;
	if (git_oid_fromstr(&c, commit) == 0) {
		for (i = 0; i < m->list.count && p->in < 0; i++)
			if (related(m, &c, &m->list.items[i], false))
				p->in = (int)i;
		for (i = m->list.count; i-- > 0 && p->after < 0;)
			if (related(m, &c, &m->list.items[i], true))
				p->after = (int)i;
	}
	git_error_clear();
	if (sl_vec_push(&m->other, p) < 0) {
		sl_free(p);
		return sl_error_oom();
	}
	if (sl_strmap_put(&m->by_commit, p->key, p) < 0)
		return sl_error_oom();
	*out = p;
	return 0;
}

int sl_edition_map_lookup(const char **published_in, const char **after,
			  sl_edition_map *m, const char *commit)
{
	void *v;
	published *p;
	int rc = 0;
	*published_in = *after = NULL;
	if (sl_strmap_get(&m->by_commit, commit, &v))
		p = v;
	else if ((rc = map_other(&p, m, commit)) < 0)
		return rc;
	if (p->in >= 0)
		*published_in = m->list.items[p->in].name;
	if (p->after >= 0)
		*after = m->list.items[p->after].name;
	return 0;
}
