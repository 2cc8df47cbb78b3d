/*
 * id.c: id syntax and natural ordering. Locale-independent on purpose
 * (jansson's l_isdigit): ids are ASCII and must sort the same everywhere.
 */
#include "id.h"

#include <string.h>

static bool id_isdigit(char c)
{
	return c >= '0' && c <= '9';
}

static bool id_isalnum(char c)
{
	return id_isdigit(c) || (c >= 'a' && c <= 'z') ||
	       (c >= 'A' && c <= 'Z');
}

bool sl_id_is_valid(const char *id, size_t len)
{
	size_t i;
	bool in_run = false;
	if (len == 0 || len > 128)
		return false;
	for (i = 0; i < len; i++) {
		if (id_isalnum(id[i])) {
			in_run = true;
		} else if ((id[i] == '-' || id[i] == '.') && in_run) {
			in_run = false;
		} else {
			return false;
		}
	}
	return in_run;
}

static int id_natural(const char *a, const char *b)
{
	while (*a && *b) {
		if (id_isdigit(*a) && id_isdigit(*b)) {
			const char *sa, *sb;
			size_t la, lb;
			int c;
			while (*a == '0' && id_isdigit(a[1]))
				a++;
			while (*b == '0' && id_isdigit(b[1]))
				b++;
			sa = a;
			sb = b;
			while (id_isdigit(*a))
				a++;
			while (id_isdigit(*b))
				b++;
			la = (size_t)(a - sa);
			lb = (size_t)(b - sb);
			if (la != lb)
				return la < lb ? -1 : 1;
			c = memcmp(sa, sb, la);
			if (c)
				return c < 0 ? -1 : 1;
			continue;
		}
		if (*a != *b)
			return (unsigned char)*a < (unsigned char)*b ? -1 : 1;
		a++;
		b++;
	}
	if (*a == *b)
		return 0;
	return *a ? 1 : -1;
}

int sl_id_compare(const char *a, const char *b)
{
	int c = id_natural(a, b);
	/* "1-02" and "1-2" are naturally equal; break the tie bytewise so the
	 * order is total and sorting is deterministic. */
	if (c == 0)
		c = strcmp(a, b);
	return c < 0 ? -1 : c > 0;
}
