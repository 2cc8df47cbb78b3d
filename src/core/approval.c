/*
 * approval.c: approval records over the store of repo_approval.c. A
 * record's file name is a hash of what makes it the same decision (item,
 * content, approver, kind), so approving twice replaces, and two people
 * approving at once write two files that the compare and swap of the
 * store keeps both of.
 */
#include "approval.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "alloc.h"
#include "error.h"
#include "json_approval.h"
#include "repo_approval.h"
#include "repo_commit.h"

void sl_approval_dispose(sl_approval *a)
{
	if (!a)
		return;
	sl_free(a->item);
	sl_free(a->name);
	sl_free(a->email);
	sl_free(a->message);
	memset(a, 0, sizeof(*a));
}

const char *sl_approval_kind_name(sl_approval_kind kind)
{
	return kind == SL_APPROVAL_CONFIRM ? "confirm" : "approve";
}

void sl_approval_list_dispose(sl_approval_list *l)
{
	size_t i;
	for (i = 0; i < l->count; i++) {
		sl_approval_dispose(l->items[i]);
		sl_free(l->items[i]);
	}
	sl_free(l->items);
	l->items = NULL;
	l->count = 0;
}

/* Oldest first; the same second is ordered by item, then approver, so
 * the order does not depend on the tree's. */
static int by_time(const void *pa, const void *pb)
{
	const sl_approval *a = *(const sl_approval *const *)pa;
	const sl_approval *b = *(const sl_approval *const *)pb;
	int c;
	if (a->time != b->time)
		return a->time < b->time ? -1 : 1;
	if ((c = strcmp(a->item, b->item)) != 0)
		return c;
	if ((c = strcmp(a->email, b->email)) != 0)
		return c;
	return strcmp(a->blob, b->blob);
}

int sl_approval_list_load(sl_approval_list *out, sl_repo *repo)
{
	sl_vec files;
	size_t i;
	int rc;
	out->items = NULL;
	out->count = 0;
	rc = sl_repo_store_read(&files, repo, SL_APPROVAL_REF);
	if (rc < 0)
		return rc;
	if (files.len &&
	    !(out->items = sl_calloc(files.len, sizeof(*out->items))))
		rc = sl_error_oom();
	for (i = 0; i < files.len && rc == 0; i++) {
		sl_store_file *f = files.items[i];
		sl_approval *a = sl_calloc(1, sizeof(*a));
		if (!a) {
			rc = sl_error_oom();
			break;
		}
		rc = sl_json_parse_approval(a, f->name, f->data, f->len);
		if (rc < 0) {
			sl_free(a);
			sl_error_wrap("%s (on %s)", sl_error_last()->message,
				      SL_APPROVAL_REF);
			break;
		}
		out->items[out->count++] = a;
	}
	sl_store_files_free(&files);
	if (rc < 0) {
		sl_approval_list_dispose(out);
		return rc;
	}
	if (out->count > 1)
		qsort(out->items, out->count, sizeof(*out->items), by_time);
	return 0;
}

int sl_approval_dump(sl_buf *out, const sl_approval *a)
{
	return sl_json_dump_approval(out, a);
}

int sl_approval_file_name(char out[46], const sl_approval *a)
{
	sl_buf key = SL_BUF_INIT;
	char email[320];
	size_t i;
	int rc;
	/* Emails compare without case (sl_approval_is_by): so do names. */
	snprintf(email, sizeof(email), "%s", a->email);
	for (i = 0; email[i]; i++)
		if (email[i] >= 'A' && email[i] <= 'Z')
			email[i] = (char)(email[i] - 'A' + 'a');
	sl_buf_printf(&key, "%s%c%s%c%s%c%s", a->item, 0, a->blob, 0, email, 0,
		      sl_approval_kind_name(a->kind));
	if (sl_buf_oom(&key))
		return sl_error_oom();
	rc = sl_repo_blob_id(out, key.ptr, key.len);
	sl_buf_dispose(&key);
	if (rc == 0)
		memcpy(out + 40, ".json", 6);
	return rc;
}

int sl_approval_record(sl_repo *repo, const sl_approval *const *records,
		       size_t n)
{
	sl_store_file *files = sl_calloc(n ? n : 1, sizeof(*files));
	sl_buf msg = SL_BUF_INIT;
	size_t i;
	int rc = files ? 0 : sl_error_oom();
	for (i = 0; i < n && rc == 0; i++) {
		sl_buf b = SL_BUF_INIT;
		char name[46];
		if ((rc = sl_approval_file_name(name, records[i])) == 0 &&
		    (rc = sl_approval_dump(&b, records[i])) == 0) {
			files[i].name = sl_strdup(name);
			files[i].len = b.len;
			files[i].data = sl_buf_detach(&b, NULL);
			if (!files[i].name || !files[i].data)
				rc = sl_error_oom();
		}
		sl_buf_dispose(&b);
		if (rc == 0)
			sl_buf_printf(&msg, "%s%s %s", i ? ", " : "",
				      sl_approval_kind_name(records[i]->kind),
				      records[i]->item);
	}
	sl_buf_puts(&msg, "\n");
	if (rc == 0 && sl_buf_oom(&msg))
		rc = sl_error_oom();
	if (rc == 0)
		rc = sl_repo_store_add(repo, SL_APPROVAL_REF, files, n,
				       msg.ptr);
	for (i = 0; files && i < n; i++) {
		sl_free(files[i].name);
		sl_free(files[i].data);
	}
	sl_free(files);
	sl_buf_dispose(&msg);
	return rc;
}

int sl_approval_identity(sl_approval *a, sl_repo *repo)
{
	return sl_repo_signature_now(&a->name, &a->email, &a->time,
				     &a->offset_min, repo);
}

bool sl_approval_is_by(const sl_approval *a, const char *who)
{
	const char *lt = strrchr(who, '<'), *gt;
	if (lt && (gt = strchr(lt, '>')) != NULL) {
		size_t n = (size_t)(gt - lt - 1);
		return strlen(a->email) == n &&
		       !strncasecmp(a->email, lt + 1, n);
	}
	if (strchr(who, '@'))
		return !strcasecmp(a->email, who);
	return !strcmp(a->name, who);
}

size_t sl_approval_find(const sl_approval **out, size_t max,
			const sl_approval_list *l, const char *item,
			const char *blob)
{
	size_t i, n = 0;
	for (i = l->count; i-- > 0;) {
		const sl_approval *a = l->items[i];
		if (strcmp(a->item, item) || (blob && strcmp(a->blob, blob)))
			continue;
		if (n < max)
			out[n] = a;
		n++;
	}
	return n;
}

const sl_approval *sl_approval_latest(const sl_approval_list *l,
				      const char *item)
{
	const sl_approval *a = NULL;
	sl_approval_find(&a, 1, l, item, NULL);
	return a;
}
