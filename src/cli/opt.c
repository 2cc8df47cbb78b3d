/*
 * opt.c: option parsing and help text from sl_cmd_spec tables. Accepts
 * --name=value, --name value, -x value, -xvalue, flags, and "--"; options
 * may follow positional arguments.
 */
#include "opt.h"

#include <string.h>

#include "common.h"
#include "error.h"

static const sl_opt *find_long(const sl_cmd_spec *spec, const char *name,
			       size_t len)
{
	const sl_opt *o;
	for (o = spec->opts; o && o->name; o++)
		if (strlen(o->name) == len && !strncmp(o->name, name, len))
			return o;
	return NULL;
}

static const sl_opt *find_short(const sl_cmd_spec *spec, char c)
{
	const sl_opt *o;
	for (o = spec->opts; o && o->name; o++)
		if (o->short_name == c)
			return o;
	return NULL;
}

static bool choice_ok(const char *choices, const char *value)
{
	size_t vl = strlen(value);
	const char *p = choices;
	while (*p) {
		const char *bar = strchr(p, '|');
		size_t n = bar ? (size_t)(bar - p) : strlen(p);
		if (n == vl && !strncmp(p, value, n))
			return true;
		if (!bar)
			break;
		p = bar + 1;
	}
	return false;
}

static int usage_error(const sl_cmd_spec *spec, const char *what,
		       const char *arg)
{
	sl_buf u = SL_BUF_INIT;
	int rc;
	sl_opt_usage(&u, spec);
	rc = sl_error_set(SL_EUSAGE, "%s '%s' (%s)", what, arg,
			  sl_buf_cstr(&u));
	sl_buf_dispose(&u);
	return rc;
}

static int set_value(const sl_cmd_spec *spec, sl_optval *vals, const sl_opt *o,
		     const char *value, const char *given)
{
	if (o->id < 0 || o->id >= SL_OPT_MAX)
		return sl_error_set(SL_ERROR, "option table of '%s' is broken",
				    spec->name);
	if (o->arg && !value)
		return usage_error(spec, "option needs a value:", given);
	if (o->choices && value && !choice_ok(o->choices, value)) {
		sl_buf u = SL_BUF_INIT;
		int rc;
		sl_opt_usage(&u, spec);
		rc = sl_error_set(
			SL_EUSAGE,
			"invalid value '%s' for --%s (expected %s; %s)", value,
			o->name, o->choices, sl_buf_cstr(&u));
		sl_buf_dispose(&u);
		return rc;
	}
	vals[o->id].set = true;
	vals[o->id].count++;
	vals[o->id].str = value;
	return 0;
}

int sl_opt_parse(const sl_cmd_spec *spec, sl_optval *vals, char **pos,
		 int *npos, int argc, char **argv, FILE *out)
{
	int i, rc;
	bool only_args = false;

	memset(vals, 0, sizeof(*vals) * SL_OPT_MAX);
	*npos = 0;
	for (i = 1; i < argc; i++) {
		char *a = argv[i];
		const char *value;
		const sl_opt *o;
		if (only_args || a[0] != '-' || !strcmp(a, "-")) {
			if (*npos >= SL_POS_MAX)
				return usage_error(spec,
						   "too many arguments at", a);
			pos[(*npos)++] = a;
			continue;
		}
		if (!strcmp(a, "--")) {
			only_args = true;
			continue;
		}
		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			sl_buf h = SL_BUF_INIT;
			sl_opt_help(&h, spec);
			fwrite(sl_buf_cstr(&h), 1, h.len, out);
			sl_buf_dispose(&h);
			return SL_OPT_HELP;
		}
		/* The value given in the same argument (--name=value, -xvalue),
		 * else NULL: an option that takes one then reads the next. */
		if (a[1] == '-') {
			const char *name = a + 2, *eq = strchr(name, '=');
			size_t nl = eq ? (size_t)(eq - name) : strlen(name);
			o = find_long(spec, name, nl);
			if (!o)
				return usage_error(spec, "unknown option", a);
			if (!o->arg && eq)
				return usage_error(spec,
						   "option takes no value:", a);
			value = eq ? eq + 1 : NULL;
		} else {
			o = find_short(spec, a[1]);
			if (!o || (!o->arg && a[2]))
				return usage_error(spec, "unknown option", a);
			value = a[2] ? a + 2 : NULL;
		}
		if (o->arg && !value) {
			if (i + 1 >= argc)
				return usage_error(spec,
						   "option needs a value:", a);
			value = argv[++i];
		}
		rc = set_value(spec, vals, o, o->arg ? value : NULL, a);
		if (rc < 0)
			return rc;
	}
	if (*npos < spec->min_args)
		return usage_error(spec, "missing argument for", spec->name);
	if (spec->max_args >= 0 && *npos > spec->max_args)
		return usage_error(spec, "unexpected argument",
				   pos[spec->max_args]);
	return 0;
}

void sl_opt_usage(sl_buf *out, const sl_cmd_spec *spec)
{
	sl_buf_printf(out, "usage: sheetlog %s", spec->name);
	if (spec->opts && spec->opts->name)
		sl_buf_puts(out, " [options]");
	if (spec->args && spec->args[0])
		sl_buf_printf(out, " %s", spec->args);
}

static void opt_synopsis(sl_buf *out, const sl_opt *o)
{
	if (o->short_name)
		sl_buf_printf(out, "-%c, ", o->short_name);
	sl_buf_printf(out, "--%s", o->name);
	if (o->arg && o->choices)
		sl_buf_printf(out, "=%s", o->choices);
	else if (o->arg)
		sl_buf_printf(out, " %s", o->arg);
}

void sl_opt_help(sl_buf *out, const sl_cmd_spec *spec)
{
	const sl_opt *o;
	sl_opt_usage(out, spec);
	sl_buf_printf(out, "\n\n%s\n", spec->summary);
	if (spec->description && spec->description[0])
		sl_buf_printf(out, "\n%s\n", spec->description);
	sl_buf_puts(out, "\noptions:\n");
	for (o = spec->opts; o && o->name; o++) {
		size_t start = out->len, w;
		sl_buf_puts(out, "  ");
		opt_synopsis(out, o);
		w = out->len - start;
		if (w < 30)
			sl_buf_printf(out, "%*s", (int)(30 - w), "");
		else
			sl_buf_puts(out, "\n                              ");
		sl_buf_printf(out, "%s\n", o->help);
	}
	sl_buf_printf(out, "  -h, --help                  show this help\n");
}

/* roff: escape backslashes and leading dots/quotes of a line. */
static void man_text(sl_buf *out, const char *s)
{
	bool bol = true;
	for (; *s; s++) {
		if (bol && (*s == '.' || *s == '\''))
			sl_buf_puts(out, "\\&");
		if (*s == '\\')
			sl_buf_puts(out, "\\e");
		else if (*s == '-')
			sl_buf_puts(out, "\\-");
		else
			sl_buf_putc(out, *s);
		bol = *s == '\n';
	}
}

void sl_opt_roff(sl_buf *out, const char *s)
{
	man_text(out, s);
}

void sl_opt_roff_tagged(sl_buf *out, char font, const char *tag,
			const char *text)
{
	sl_buf_printf(out, ".TP\n.%c ", font);
	man_text(out, tag);
	sl_buf_putc(out, '\n');
	man_text(out, text);
	sl_buf_putc(out, '\n');
}

void sl_opt_man(sl_buf *out, const sl_cmd_spec *spec)
{
	const sl_opt *o;
	sl_buf syn = SL_BUF_INIT;
	/* \- in the name too: the hyphen of install-hooks must copy as a
	 * minus sign. */
	sl_buf_puts(out, ".SS \"sheetlog ");
	man_text(out, spec->name);
	sl_buf_puts(out, "\"\n");
	sl_opt_usage(&syn, spec);
	sl_buf_puts(out, ".B ");
	man_text(out, sl_buf_cstr(&syn) + strlen("usage: "));
	sl_buf_dispose(&syn);
	sl_buf_puts(out, "\n.PP\n");
	man_text(out, spec->summary);
	sl_buf_putc(out, '\n');
	if (spec->description && spec->description[0]) {
		sl_buf_puts(out, ".PP\n");
		man_text(out, spec->description);
		sl_buf_putc(out, '\n');
	}
	for (o = spec->opts; o && o->name; o++) {
		sl_buf s = SL_BUF_INIT;
		opt_synopsis(&s, o);
		sl_opt_roff_tagged(out, 'B', sl_buf_cstr(&s), o->help);
		sl_buf_dispose(&s);
	}
}
