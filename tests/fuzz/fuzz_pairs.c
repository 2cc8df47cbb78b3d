/*
 * fuzz_pairs.c: the history's pairing store files (repo_pairs.c), as a
 * later walk finds them in .git/sheetlog/pairs/. Any input either reads
 * as no pairing, keeping nothing, or parses; a parsed file encodes back
 * to exactly the input bytes (the format has one spelling per pairing),
 * so the parser reads no byte it does not account for.
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "error.h"
#include "fuzz.h"
#include "repo_pairs.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	sl_pair_list l = SL_PAIR_LIST_INIT;
	sl_buf b = SL_BUF_INIT;
	bool found = false;
	uint32_t version = size >= 12 ? (uint32_t)data[8] |
						(uint32_t)data[9] << 8 |
						(uint32_t)data[10] << 16 |
						(uint32_t)data[11] << 24
				      : 1;
	if (sl_pairs_parse(&l, &found, data, size, version) < 0)
		abort(); /* no allocation fails here */
	if (!found && l.count)
		abort(); /* a refused file keeps nothing */
	if (found && (sl_pairs_encode(&b, version, &l) < 0 || b.len != size ||
		      memcmp(b.ptr, data, size)))
		abort();
	sl_buf_dispose(&b);
	sl_pair_list_dispose(&l);
	sl_error_clear();
	return 0;
}
