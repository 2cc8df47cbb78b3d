/*
 * date.h: calendar arithmetic and ISO 8601 times, in a fixed offset from
 * UTC. Pure functions: no clock, no environment, no time zone database
 * (the sheet names its own offset, sheet.json "timezone"). Not "time.h":
 * on the include path that name would shadow the C library's <time.h>.
 */
#ifndef SL_DATE_H
#define SL_DATE_H

#include <stdbool.h>
#include <stdint.h>

#include "buf.h"

/* Days since 1970-01-01 of a civil date (proleptic Gregorian). */
int64_t sl_date_days_from_civil(int64_t y, unsigned m, unsigned d);
/* The civil date of a day number (inverse of sl_date_days_from_civil). */
void sl_date_civil_from_days(int64_t days, int64_t *y, unsigned *m,
			     unsigned *d);
/* 28 to 31. m is 1-12. */
unsigned sl_date_days_in_month(int64_t y, unsigned m);

/*
 * Parse "YYYY-MM-DD" or "YYYY-MM" (then *d is 0). Only real dates pass:
 * "2023-02-29" and "2023-13" are refused.
 * @return 0, or -1 when s is not such a date (no error is recorded)
 */
int sl_date_parse_date(int64_t *y, unsigned *m, unsigned *d, const char *s);

/*
 * The span of a calendar day or month, "YYYY-MM-DD" or "YYYY-MM", in a
 * time zone: *start is its first second, *end its last, as epoch
 * seconds. @return 0 or SL_EUSAGE
 */
int sl_date_parse_day(int64_t *start, int64_t *end, const char *date,
		      int offset_min);

/* Append an ISO 8601 date-time with the given offset:
 * "2022-09-30T10:00:00+09:00". */
void sl_date_format_iso(sl_buf *out, int64_t time, int offset_min);
/* Append an offset as "+09:00" / "-05:30". */
void sl_date_format_offset(sl_buf *out, int offset_min);
/* Parse "+09:00" / "-05:30" into minutes. @return 0 or SL_EINVALID */
int sl_date_parse_offset(int *minutes, const char *tz);

#endif
