/*
 * fuzz_approval.c: the readers of what anyone with push access can write
 * or a sheet.json can hold: approval records (refs/sheetlog/approvals)
 * and "owners". The first byte picks the reader. Any input gives a record
 * (whose canonical dump parses back to the same record) or SL_EINVALID
 * with a message, never a crash; owners parse to rules whose every list
 * is non-empty, or fail.
 */
#include <string.h>

#include "approval.h"
#include "error.h"
#include "fuzz.h"
#include "json_approval.h"
#include "owners.h"

static void records(const char *s, size_t n)
{
	sl_approval a, b;
	sl_buf out = SL_BUF_INIT;
	int rc = sl_json_parse_approval(&a, "fuzz.json", s, n);
	if (rc < 0) {
		FUZZ_CHECK(rc == SL_EINVALID || rc == SL_ENOMEM);
		FUZZ_CHECK(sl_error_last()->message[0]);
		return;
	}
	FUZZ_CHECK(a.item && a.name && a.email && strlen(a.blob) == 40);
	if (sl_approval_dump(&out, &a) == 0) {
		FUZZ_CHECK(sl_json_parse_approval(&b, "dump", out.ptr,
						  out.len) == 0);
		FUZZ_CHECK(!strcmp(a.item, b.item) && !strcmp(a.blob, b.blob) &&
			   !strcmp(a.email, b.email) && a.time == b.time &&
			   a.kind == b.kind);
		sl_approval_dispose(&b);
	}
	sl_buf_dispose(&out);
	sl_approval_dispose(&a);
}

static void owners(const char *s, size_t n)
{
	sl_owners o;
	size_t i;
	int rc = sl_owners_parse(&o, s, n);
	if (rc < 0) {
		FUZZ_CHECK(rc == SL_EINVALID || rc == SL_ENOMEM);
		return;
	}
	for (i = 0; i < o.count; i++)
		FUZZ_CHECK(o.rules[i].key && o.rules[i].count > 0 &&
			   o.rules[i].people[0][0]);
	sl_owners_dispose(&o);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	if (data[0] & 1)
		owners((const char *)data + 1, size - 1);
	else
		records((const char *)data + 1, size - 1);
	sl_error_clear();
	return 0;
}
