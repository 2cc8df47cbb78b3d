/*
 * json_approval.h: the JSON of approval records and of sheet.json's
 * "owners" (jansson stays in the json*.c files).
 */
#ifndef SL_JSON_APPROVAL_H
#define SL_JSON_APPROVAL_H

#include <stddef.h>

#include "approval.h"
#include "buf.h"
#include "owners.h"

/*
 * Parse one record (name: its file, for messages). On failure *out is
 * zeroed. @return 0, SL_EINVALID (one message naming the file, line and
 * column or the field) or SL_ENOMEM
 */
int sl_json_parse_approval(sl_approval *out, const char *name, const char *data,
			   size_t len);
/* The canonical record: 2-space indent, keys in a fixed order, one
 * trailing newline. @return 0 or SL_ENOMEM */
int sl_json_dump_approval(sl_buf *out, const sl_approval *a);
/* Parse an "owners" value (see owners.h). @return 0, SL_EINVALID or
 * SL_ENOMEM */
int sl_json_parse_owners(sl_owners *out, const char *text, size_t len);

#endif
