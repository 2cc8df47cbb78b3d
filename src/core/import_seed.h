/*
 * import_seed.h: the importer for the published text form of a check sheet
 * (the page text as copied from the provider's site; grammar at the top of
 * import_seed.c). A later edition published the same way imports the same
 * way.
 */
#ifndef SL_IMPORT_SEED_H
#define SL_IMPORT_SEED_H

#include <stddef.h>

#include "sheet.h"

typedef struct sl_seed_options {
	const char *path;       /* name of the input, for messages */
	const char *publisher;  /* sheet.json "publisher" (not in the text) */
	const char *source_url; /* sheet.json "source_url" (not in the text) */
	const char *as_of;      /* overrides the date found in the text */
} sl_seed_options;

#define SL_SEED_OPTIONS_INIT           \
	{                              \
		NULL, NULL, NULL, NULL \
	}

/*
 * Parse text into a sheet (metadata and items).
 * new: *out, free with sl_sheet_free.
 * @return 0, SL_EINVALID (with path:line:col of the offending line) or
 * SL_ENOMEM
 */
int sl_import_seed(sl_sheet **out, const char *text, size_t len,
		   const sl_seed_options *opts);

#endif
