/*
 * notation_fix.h: `sheetlog lint --fix`: the notation findings that have
 * exactly one right answer, fixed in the texts lint's notation rules
 * read (item category, question, answer and string extras; sheet.json's
 * title, introduction, as-of note, disclaimer title, disclaimer and
 * section titles):
 *
 *   rule                 fix
 *   compat-ideograph     the character NFKC gives (⽤ U+2F64 -> 用 U+7528)
 *   trailing-whitespace  the spaces at the end of a line are removed
 *
 * The other notation rules are left to the editor, because their right
 * answer depends on the sentence: fullwidth-ascii (（）and ： are usual
 * in Japanese prose, Ａ in a product name may be deliberate),
 * space-in-japanese (a space may separate two terms on purpose) and
 * compat-char (① -> 1 loses the numbering's look, ㈱ -> (株) changes
 * the width). docs/spreadsheets.md, "Notation fixes".
 */
#ifndef SL_NOTATION_FIX_H
#define SL_NOTATION_FIX_H

#include <stddef.h>

#include "buf.h"
#include "repo_snapshot.h"
#include "sheet.h"

/* Append the fixed form of valid UTF-8 s (len bytes) to out; *changed
 * says whether it differs. @return 0, SL_EINVALID (not UTF-8) or
 * SL_ENOMEM */
int sl_notation_fix_text(sl_buf *out, bool *changed, const char *s, size_t len);

/* Fix every text of sheet in place; *texts is how many changed.
 * @return 0, SL_EINVALID or SL_ENOMEM */
int sl_notation_fix_sheet(size_t *texts, sl_sheet *sheet);

/*
 * Write, all or nothing (sl_fs_write_many), the files of `fixed` that
 * differ from `old` (both loaded from snap, the working tree), in
 * canonical form under workdir. A file to write must be in canonical
 * form now, so that the fix changes no other byte; one that is not is
 * refused before anything is written ("run sheetlog fmt first"). When
 * paths is given, it receives the repository-relative paths written
 * (owned strings, sl_vec_free_all). @return 0, SL_EINVALID, SL_EIO or
 * SL_ENOMEM
 */
int sl_notation_fix_write(sl_vec *paths, const sl_sheet *old,
			  const sl_sheet *fixed, const sl_snapshot *snap,
			  const char *workdir);

#endif
