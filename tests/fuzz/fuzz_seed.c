/*
 * fuzz_seed.c: the importer of the published text. Any bytes give a
 * sheet or one located error, never a crash; an imported sheet has items
 * with ids, questions and answers that are valid UTF-8.
 */
#include <string.h>

#include "fuzz.h"
#include "import_seed.h"
#include "utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	sl_sheet *sheet = NULL;
	sl_seed_options o = SL_SEED_OPTIONS_INIT;
	size_t i, bad;
	o.path = "fuzz.txt";
	if (sl_import_seed(&sheet, (const char *)data, size, &o) < 0)
		return 0;
	for (i = 0; i < sl_sheet_item_count(sheet); i++) {
		const sl_item *it = sl_sheet_item(sheet, i);
		FUZZ_CHECK(it->id && it->question && it->answer);
		FUZZ_CHECK(sl_utf8_valid(it->answer, strlen(it->answer), &bad));
	}
	sl_sheet_free(sheet);
	return 0;
}
