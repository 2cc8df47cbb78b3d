/*
 * date.c: calendar arithmetic for editions, @dates and printed times.
 * Howard Hinnant's civil-date algorithms, exact for every int64 year that
 * matters here, with no dependence on the C library's time zone state.
 */
#include "date.h"

#include <stdio.h>
#include <string.h>

#include "error.h"

int64_t sl_date_days_from_civil(int64_t y, unsigned m, unsigned d)
{
	int64_t era;
	unsigned yoe, doy, doe;
	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m + (m > 2 ? (unsigned)-3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

void sl_date_civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d)
{
	int64_t era;
	unsigned doe, yoe, doy, mp;
	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = (unsigned)(z - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	*y = (int64_t)yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y += *m <= 2;
}

unsigned sl_date_days_in_month(int64_t y, unsigned m)
{
	static const unsigned days[] = {31, 28, 31, 30, 31, 30,
					31, 31, 30, 31, 30, 31};
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return m == 2 && leap ? 29 : days[m - 1];
}

int sl_date_parse_date(int64_t *y, unsigned *m, unsigned *d, const char *s)
{
	size_t n = strlen(s), i;
	if (n != 7 && n != 10)
		return -1;
	for (i = 0; i < n; i++) {
		bool dash = i == 4 || i == 7;
		if (dash ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
			return -1;
	}
	*y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
	     (s[3] - '0');
	*m = (unsigned)((s[5] - '0') * 10 + (s[6] - '0'));
	if (*m < 1 || *m > 12)
		return -1;
	if (n == 7) {
		*d = 0;
		return 0;
	}
	*d = (unsigned)((s[8] - '0') * 10 + (s[9] - '0'));
	return *d >= 1 && *d <= sl_date_days_in_month(*y, *m) ? 0 : -1;
}

int sl_date_parse_day(int64_t *start, int64_t *end, const char *date,
		      int offset_min)
{
	int64_t y;
	unsigned m, d;
	if (sl_date_parse_date(&y, &m, &d, date) < 0)
		return sl_error_set(
			SL_EUSAGE,
			"invalid date '%s' (expected YYYY-MM-DD or YYYY-MM)",
			date);
	*start = sl_date_days_from_civil(y, m, d ? d : 1) * 86400 -
		 (int64_t)offset_min * 60;
	*end = sl_date_days_from_civil(y, m,
				       d ? d : sl_date_days_in_month(y, m)) *
		       86400 +
	       86399 - (int64_t)offset_min * 60;
	return 0;
}

void sl_date_format_offset(sl_buf *out, int offset_min)
{
	int off = offset_min < 0 ? -offset_min : offset_min;
	sl_buf_printf(out, "%c%02d:%02d", offset_min < 0 ? '-' : '+', off / 60,
		      off % 60);
}

void sl_date_format_iso(sl_buf *out, int64_t time, int offset_min)
{
	int64_t local = time + (int64_t)offset_min * 60, y;
	int64_t days = local >= 0 ? local / 86400 : -((-local + 86399) / 86400);
	int64_t secs = local - days * 86400;
	unsigned m, d;
	sl_date_civil_from_days(days, &y, &m, &d);
	sl_buf_printf(out, "%04lld-%02u-%02uT%02d:%02d:%02d", (long long)y, m,
		      d, (int)(secs / 3600), (int)(secs / 60 % 60),
		      (int)(secs % 60));
	sl_date_format_offset(out, offset_min);
}

int sl_date_parse_offset(int *minutes, const char *tz)
{
	int h, m;
	if (strlen(tz) != 6 || (tz[0] != '+' && tz[0] != '-') || tz[3] != ':' ||
	    sscanf(tz + 1, "%2d:%2d", &h, &m) != 2 || h > 14 || m > 59)
		return sl_error_set(SL_EINVALID,
				    "invalid time zone '%s' (expected +HH:MM)",
				    tz);
	*minutes = (tz[0] == '-' ? -1 : 1) * (h * 60 + m);
	return 0;
}
