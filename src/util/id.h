/*
 * id.h: item identifiers. An id is one or more runs of ASCII letters and
 * digits joined by single '-' or '.' ("1-1", "6-2-5", "T0806",
 * "MSTG-STORAGE-1"). Ids are ordered naturally: digit runs compare as
 * numbers, so 1-2 sorts before 1-10.
 */
#ifndef SL_ID_H
#define SL_ID_H

#include <stdbool.h>
#include <stddef.h>

/* True when id (len bytes) has the id syntax above. */
bool sl_id_is_valid(const char *id, size_t len);
/* Natural order: <0, 0, >0. NUL-terminated ids. */
int sl_id_compare(const char *a, const char *b);
/* Natural order of two section ids (same rules as item ids). */
#define sl_section_compare sl_id_compare

#endif
