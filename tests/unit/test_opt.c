/*
 * test_opt.c: declarative option parsing (every accepted spelling, "--",
 * usage errors naming the culprit and carrying the usage line), generated
 * --help, and the roff escaping of the man page section.
 */
#define _XOPEN_SOURCE 700

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "opt.h"

enum { O_FORMAT, O_OUTPUT, O_VERBOSE, O_DRY_RUN, O_LANG };

static const sl_opt demo_opts[] = {
	{O_FORMAT, "format", 'f', "FORMAT", "text|json|md", "output format"},
	{O_OUTPUT, "output", 'o', "FILE", NULL,
	 "write to FILE instead of stdout"},
	{O_VERBOSE, "verbose", 'v', NULL, NULL, "say more"},
	{O_DRY_RUN, "dry-run", 0, NULL, NULL, "show what would be written"},
	{O_LANG, "lang", 0, "LANG", "ja|en",
	 ".labels in LANG; 'ja' by default"},
	{0, NULL, 0, NULL, NULL, NULL},
};

static const sl_cmd_spec demo = {
	"export",
	"[REV]",
	"write the sheet in a non-default format",
	"Reads the sheet at REV.\n.TH is not a request here\n"
	"'quoted line and a back\\slash",
	demo_opts,
	0,
	1,
};

static const sl_cmd_spec needs_file = {
	"import", "FILE", "import a seed", "", demo_opts, 1, 1,
};

static const sl_cmd_spec any_args = {
	"lint", "[PATH...]", "check files", NULL, demo_opts, 0, -1,
};

static const sl_cmd_spec bare = {
	"editions", "", "list editions", NULL, NULL, 0, 0,
};

#define USAGE_EXPORT "usage: sheetlog export [options] [REV]"

/* One parse: mutable argv copies that outlive the borrowed values. */
typedef struct parse {
	int rc;
	sl_optval vals[SL_OPT_MAX];
	char *pos[SL_POS_MAX];
	int npos;
	int argc;
	char *argv[SL_POS_MAX + 8];
	char *out; /* what was printed (help) */
	size_t out_len;
} parse;

static parse *parse_v(const sl_cmd_spec *spec, const char *const *args)
{
	parse *p = calloc(1, sizeof(*p));
	FILE *f;
	int i;
	assert_non_null(p);
	p->argv[p->argc++] = strdup(spec->name);
	for (i = 0; args[i]; i++) {
		assert_true(p->argc < (int)SL_ARRAY_SIZE(p->argv));
		p->argv[p->argc++] = strdup(args[i]);
	}
	f = open_memstream(&p->out, &p->out_len);
	assert_non_null(f);
	sl_error_clear();
	p->rc = sl_opt_parse(spec, p->vals, p->pos, &p->npos, p->argc, p->argv,
			     f);
	fclose(f);
	return p;
}

#define PARSE(spec, ...) \
	parse_v((spec), (const char *const[]){__VA_ARGS__, NULL})
#define PARSE0(spec) parse_v((spec), (const char *const[]){NULL})

static void parse_free(parse *p)
{
	int i;
	for (i = 0; i < p->argc; i++)
		free(p->argv[i]);
	free(p->out);
	free(p);
}

static const char *msg(void)
{
	return sl_error_last()->message;
}

/* A usage error: the code, one line, the culprit and the usage line. */
static void assert_usage_error(const parse *p, const char *culprit,
			       const char *usage)
{
	assert_int_equal(p->rc, SL_EUSAGE);
	assert_int_equal(sl_error_last()->code, SL_EUSAGE);
	if (!strstr(msg(), culprit))
		fail_msg("message '%s' does not name '%s'", msg(), culprit);
	if (!strstr(msg(), usage))
		fail_msg("message '%s' lacks the usage line", msg());
	assert_null(strchr(msg(), '\n'));
	assert_int_equal(p->out_len, 0);
}

/* --- accepted spellings --- */

static void test_opt__long_option_with_equals_value(void **state)
{
	parse *p = PARSE(&demo, "--format=json");
	(void)state;
	assert_int_equal(p->rc, 0);
	assert_true(p->vals[O_FORMAT].set);
	assert_string_equal(p->vals[O_FORMAT].str, "json");
	assert_int_equal(p->vals[O_FORMAT].count, 1);
	assert_false(p->vals[O_OUTPUT].set);
	assert_int_equal(p->npos, 0);
	parse_free(p);
}

static void test_opt__long_option_with_separate_value(void **state)
{
	parse *p = PARSE(&demo, "--output", "out.md");
	(void)state;
	assert_int_equal(p->rc, 0);
	assert_string_equal(p->vals[O_OUTPUT].str, "out.md");
	assert_int_equal(p->vals[O_OUTPUT].count, 1);
	assert_int_equal(p->npos, 0); /* the value is not a positional */
	parse_free(p);
}

static void test_opt__equals_value_may_contain_equals_and_be_empty(void **state)
{
	parse *p = PARSE(&demo, "--output=a=b.md");
	(void)state;
	assert_int_equal(p->rc, 0);
	assert_string_equal(p->vals[O_OUTPUT].str, "a=b.md");
	parse_free(p);
	p = PARSE(&demo, "--output=");
	assert_int_equal(p->rc, 0);
	assert_true(p->vals[O_OUTPUT].set);
	assert_string_equal(p->vals[O_OUTPUT].str, "");
	parse_free(p);
}

static void test_opt__short_option_with_separate_value(void **state)
{
	parse *p = PARSE(&demo, "-o", "x.md", "-f", "md");
	(void)state;
	assert_int_equal(p->rc, 0);
	assert_string_equal(p->vals[O_OUTPUT].str, "x.md");
	assert_string_equal(p->vals[O_FORMAT].str, "md");
	assert_int_equal(p->npos, 0);
	parse_free(p);
}

static void test_opt__short_option_with_attached_value(void **state)
{
	parse *p = PARSE(&demo, "-ox.md", "-fjson");
	(void)state;
	assert_int_equal(p->rc, 0);
	assert_string_equal(p->vals[O_OUTPUT].str, "x.md");
	assert_string_equal(p->vals[O_FORMAT].str, "json");
	parse_free(p);
}

static void test_opt__value_may_start_with_a_dash(void **state)
{
	parse *p = PARSE(&demo, "-o", "-", "--output", "-x");
	(void)state;
	assert_int_equal(p->rc, 0);
	assert_string_equal(p->vals[O_OUTPUT].str, "-x");
	assert_int_equal(p->vals[O_OUTPUT].count, 2);
	assert_int_equal(p->npos, 0);
	parse_free(p);
}

static void test_opt__flags_are_counted_and_have_no_value(void **state)
{
	parse *p = PARSE(&demo, "-v", "--verbose", "-v", "--dry-run");
	(void)state;
	assert_int_equal(p->rc, 0);
	assert_true(p->vals[O_VERBOSE].set);
	assert_int_equal(p->vals[O_VERBOSE].count, 3);
	assert_null(p->vals[O_VERBOSE].str);
	assert_true(p->vals[O_DRY_RUN].set);
	assert_int_equal(p->vals[O_DRY_RUN].count, 1);
	assert_false(p->vals[O_FORMAT].set);
	parse_free(p);
}

static void test_opt__last_value_wins(void **state)
{
	parse *p =
		PARSE(&demo, "--format=text", "-f", "json", "--format", "md");
	(void)state;
	assert_int_equal(p->rc, 0);
	assert_string_equal(p->vals[O_FORMAT].str, "md");
	assert_int_equal(p->vals[O_FORMAT].count, 3);
	parse_free(p);
}

static void test_opt__values_are_reset_before_parsing(void **state)
{
	sl_optval vals[SL_OPT_MAX];
	char *pos[SL_POS_MAX];
	char name[] = "export";
	char *argv[] = {name, NULL};
	int npos = 42, i;
	(void)state;
	memset(vals, 0x7F, sizeof(vals));
	assert_int_equal(sl_opt_parse(&demo, vals, pos, &npos, 1, argv, stdout),
			 0);
	assert_int_equal(npos, 0);
	for (i = 0; i < SL_OPT_MAX; i++) {
		assert_false(vals[i].set);
		assert_int_equal(vals[i].count, 0);
		assert_null(vals[i].str);
	}
}

static void test_opt__options_may_follow_positionals(void **state)
{
	parse *p = PARSE(&demo, "edition/2022-09", "-v", "--format=md");
	(void)state;
	assert_int_equal(p->rc, 0);
	assert_int_equal(p->npos, 1);
	assert_string_equal(p->pos[0], "edition/2022-09");
	assert_int_equal(p->vals[O_VERBOSE].count, 1);
	assert_string_equal(p->vals[O_FORMAT].str, "md");
	parse_free(p);
}

static void test_opt__double_dash_ends_options(void **state)
{
	parse *p = PARSE(&any_args, "-v", "--", "-v", "--format=xml", "--");
	(void)state;
	assert_int_equal(p->rc, 0);
	assert_int_equal(p->vals[O_VERBOSE].count, 1);
	assert_false(p->vals[O_FORMAT].set);
	assert_int_equal(p->npos, 3);
	assert_string_equal(p->pos[0], "-v");
	assert_string_equal(p->pos[1], "--format=xml");
	assert_string_equal(p->pos[2], "--");
	parse_free(p);
}

static void test_opt__single_dash_is_a_positional(void **state)
{
	parse *p = PARSE(&needs_file, "-");
	(void)state;
	assert_int_equal(p->rc, 0);
	assert_int_equal(p->npos, 1);
	assert_string_equal(p->pos[0], "-");
	parse_free(p);
}

static void
test_opt__any_number_of_positionals_when_max_is_negative(void **state)
{
	parse *p = PARSE(&any_args, "a", "b", "-v", "c", "d", "e");
	(void)state;
	assert_int_equal(p->rc, 0);
	assert_int_equal(p->npos, 5);
	assert_string_equal(p->pos[0], "a");
	assert_string_equal(p->pos[4], "e");
	assert_int_equal(p->vals[O_VERBOSE].count, 1);
	parse_free(p);
}

/* --- usage errors --- */

static void test_opt__unknown_long_option_names_it_with_usage(void **state)
{
	parse *p = PARSE(&demo, "--bogus");
	(void)state;
	assert_usage_error(p, "'--bogus'", USAGE_EXPORT);
	parse_free(p);
	p = PARSE(&demo, "--formatx=md");
	assert_usage_error(p, "'--formatx=md'", USAGE_EXPORT);
	parse_free(p);
	/* No prefix matching: --form is not --format. */
	p = PARSE(&demo, "--form", "md");
	assert_usage_error(p, "'--form'", USAGE_EXPORT);
	parse_free(p);
}

static void test_opt__unknown_short_option_names_it_with_usage(void **state)
{
	parse *p = PARSE(&demo, "-x");
	(void)state;
	assert_usage_error(p, "'-x'", USAGE_EXPORT);
	parse_free(p);
	/* Flags do not bundle: -vx is not -v -x. */
	p = PARSE(&demo, "-vx");
	assert_usage_error(p, "'-vx'", USAGE_EXPORT);
	parse_free(p);
}

static void test_opt__flag_given_a_value_is_usage_error(void **state)
{
	parse *p = PARSE(&demo, "--verbose=yes");
	(void)state;
	assert_usage_error(p, "'--verbose=yes'", USAGE_EXPORT);
	assert_non_null(strstr(msg(), "takes no value"));
	parse_free(p);
}

static void test_opt__invalid_choice_names_value_choices_and_usage(void **state)
{
	parse *p = PARSE(&demo, "--format=xml");
	(void)state;
	assert_usage_error(p, "'xml'", USAGE_EXPORT);
	assert_non_null(strstr(msg(), "--format"));
	assert_non_null(strstr(msg(), "text|json|md"));
	parse_free(p);
	p = PARSE(&demo, "-fXML");
	assert_usage_error(p, "'XML'", USAGE_EXPORT);
	parse_free(p);
	/* Choices are exact: no prefixes, no case folding. */
	p = PARSE(&demo, "--format", "jso");
	assert_usage_error(p, "'jso'", USAGE_EXPORT);
	parse_free(p);
	p = PARSE(&demo, "--lang=");
	assert_usage_error(p, "''", USAGE_EXPORT);
	parse_free(p);
}

static void test_opt__missing_value_names_the_option(void **state)
{
	parse *p = PARSE(&demo, "--output");
	(void)state;
	assert_usage_error(p, "'--output'", USAGE_EXPORT);
	assert_non_null(strstr(msg(), "needs a value"));
	parse_free(p);
	p = PARSE(&demo, "-v", "-o");
	assert_usage_error(p, "'-o'", USAGE_EXPORT);
	parse_free(p);
}

static void test_opt__too_many_positionals_names_the_first_extra(void **state)
{
	parse *p = PARSE(&demo, "HEAD", "edition/2022-09", "third");
	(void)state;
	assert_usage_error(p, "'edition/2022-09'", USAGE_EXPORT);
	parse_free(p);
	p = PARSE(&bare, "x");
	assert_usage_error(p, "'x'", "usage: sheetlog editions");
	parse_free(p);
}

static void test_opt__too_few_positionals_is_usage_error(void **state)
{
	parse *p = PARSE(&needs_file, "-v");
	(void)state;
	assert_usage_error(p, "import",
			   "usage: sheetlog import [options] FILE");
	assert_non_null(strstr(msg(), "missing"));
	parse_free(p);
}

static void test_opt__positional_capacity_is_enforced(void **state)
{
	const char *args[SL_POS_MAX + 2];
	parse *p;
	int i;
	(void)state;
	for (i = 0; i <= SL_POS_MAX; i++)
		args[i] = i == SL_POS_MAX ? "one-too-many" : "f.json";
	args[SL_POS_MAX + 1] = NULL;
	p = parse_v(&any_args, args);
	assert_usage_error(p, "'one-too-many'",
			   "usage: sheetlog lint [options] [PATH...]");
	assert_int_equal(p->npos, SL_POS_MAX);
	parse_free(p);
}

/* --- help and usage --- */

static void test_opt__help_prints_help_and_returns_help(void **state)
{
	static const char *const spellings[] = {"--help", "-h"};
	size_t k;
	(void)state;
	for (k = 0; k < SL_ARRAY_SIZE(spellings); k++) {
		parse *p = PARSE(&demo, "-v", spellings[k], "--bogus");
		assert_int_equal(p->rc, SL_OPT_HELP);
		assert_non_null(p->out);
		assert_int_equal(strlen(p->out), p->out_len);
		/* The first line is the usage line. */
		assert_int_equal(strncmp(p->out, USAGE_EXPORT "\n",
					 strlen(USAGE_EXPORT) + 1),
				 0);
		assert_non_null(strstr(
			p->out, "\nwrite the sheet in a non-default format\n"));
		assert_non_null(strstr(p->out, "\nReads the sheet at REV.\n"));
		assert_non_null(strstr(p->out, "\noptions:\n"));
		assert_non_null(strstr(
			p->out,
			"\n  -f, --format=text|json|md   output format\n"));
		assert_non_null(strstr(
			p->out,
			"\n  -o, --output FILE           write to FILE instead of stdout\n"));
		assert_non_null(strstr(
			p->out, "\n  -v, --verbose               say more\n"));
		assert_non_null(strstr(
			p->out, "\n  --dry-run                   show what"));
		assert_non_null(strstr(
			p->out,
			"\n  -h, --help                  show this help\n"));
		parse_free(p);
	}
}

static void test_opt__help_wins_over_missing_arguments(void **state)
{
	parse *p = PARSE(&needs_file, "--help");
	(void)state;
	assert_int_equal(p->rc, SL_OPT_HELP);
	assert_int_equal(
		strncmp(p->out, "usage: sheetlog import [options] FILE\n", 38),
		0);
	assert_int_equal(sl_error_last()->code, SL_OK);
	parse_free(p);
}

static void test_opt__help_after_double_dash_is_a_positional(void **state)
{
	parse *p = PARSE(&demo, "--", "--help");
	(void)state;
	assert_int_equal(p->rc, 0);
	assert_int_equal(p->npos, 1);
	assert_string_equal(p->pos[0], "--help");
	assert_int_equal(p->out_len, 0);
	parse_free(p);
}

static void test_opt__usage_line_omits_empty_parts(void **state)
{
	sl_buf b = SL_BUF_INIT;
	(void)state;
	sl_opt_usage(&b, &bare);
	assert_string_equal(sl_buf_cstr(&b), "usage: sheetlog editions");
	sl_buf_clear(&b);
	sl_opt_usage(&b, &demo);
	assert_string_equal(sl_buf_cstr(&b), USAGE_EXPORT);
	sl_buf_dispose(&b);
}

static void test_opt__help_without_options_still_lists_help(void **state)
{
	sl_buf b = SL_BUF_INIT;
	(void)state;
	sl_opt_help(&b, &bare);
	assert_string_equal(
		sl_buf_cstr(&b),
		"usage: sheetlog editions\n\nlist editions\n\noptions:\n"
		"  -h, --help                  show this help\n");
	sl_buf_dispose(&b);
}

/* --- man page --- */

/* True when every '-' in s is preceded by a backslash. */
static bool all_dashes_escaped(const char *s)
{
	const char *p;
	for (p = s; *p; p++)
		if (*p == '-' && (p == s || p[-1] != '\\'))
			return false;
	return true;
}

static void test_opt__man_escapes_dashes(void **state)
{
	sl_buf b = SL_BUF_INIT;
	const char *s;
	(void)state;
	sl_opt_man(&b, &demo);
	s = sl_buf_cstr(&b);
	if (!all_dashes_escaped(s))
		fail_msg("unescaped '-' in:\n%s", s);
	assert_non_null(strstr(s, ".SS \"sheetlog export\"\n"));
	assert_non_null(strstr(s, "\n.B sheetlog export [options] [REV]\n"));
	assert_non_null(
		strstr(s, "\nwrite the sheet in a non\\-default format\n"));
	assert_non_null(strstr(
		s,
		"\n.TP\n.B \\-f, \\-\\-format=text|json|md\noutput format\n"));
	assert_non_null(strstr(s, "\n.TP\n.B \\-o, \\-\\-output FILE\n"));
	assert_non_null(strstr(s, "\n.TP\n.B \\-\\-dry\\-run\n"));
	sl_buf_dispose(&b);
}

static void test_opt__man_escapes_leading_dot_quote_and_backslash(void **state)
{
	sl_buf b = SL_BUF_INIT;
	const char *s;
	(void)state;
	sl_opt_man(&b, &demo);
	s = sl_buf_cstr(&b);
	/* Text lines never start a roff request. */
	assert_non_null(strstr(s, "\n.PP\nReads the sheet at REV.\n"
				  "\\&.TH is not a request here\n"
				  "\\&'quoted line and a back\\eslash\n"));
	assert_non_null(strstr(s, "\n\\&.labels in LANG; 'ja' by default\n"));
	/* The only lines starting with '.' are our own requests. */
	{
		const char *line = s;
		while (*line) {
			const char *nl = strchr(line, '\n');
			if (*line == '.' && strncmp(line, ".SS ", 4) &&
			    strncmp(line, ".B ", 3) &&
			    strncmp(line, ".PP\n", 4) &&
			    strncmp(line, ".TP\n", 4))
				fail_msg("unexpected request line in:\n%s", s);
			if (*line == '\'')
				fail_msg("a line starts with a quote in:\n%s",
					 s);
			if (!nl)
				break;
			line = nl + 1;
		}
	}
	sl_buf_dispose(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_opt__long_option_with_equals_value),
		cmocka_unit_test(test_opt__long_option_with_separate_value),
		cmocka_unit_test(
			test_opt__equals_value_may_contain_equals_and_be_empty),
		cmocka_unit_test(test_opt__short_option_with_separate_value),
		cmocka_unit_test(test_opt__short_option_with_attached_value),
		cmocka_unit_test(test_opt__value_may_start_with_a_dash),
		cmocka_unit_test(test_opt__flags_are_counted_and_have_no_value),
		cmocka_unit_test(test_opt__last_value_wins),
		cmocka_unit_test(test_opt__values_are_reset_before_parsing),
		cmocka_unit_test(test_opt__options_may_follow_positionals),
		cmocka_unit_test(test_opt__double_dash_ends_options),
		cmocka_unit_test(test_opt__single_dash_is_a_positional),
		cmocka_unit_test(
			test_opt__any_number_of_positionals_when_max_is_negative),
		cmocka_unit_test(
			test_opt__unknown_long_option_names_it_with_usage),
		cmocka_unit_test(
			test_opt__unknown_short_option_names_it_with_usage),
		cmocka_unit_test(test_opt__flag_given_a_value_is_usage_error),
		cmocka_unit_test(
			test_opt__invalid_choice_names_value_choices_and_usage),
		cmocka_unit_test(test_opt__missing_value_names_the_option),
		cmocka_unit_test(
			test_opt__too_many_positionals_names_the_first_extra),
		cmocka_unit_test(test_opt__too_few_positionals_is_usage_error),
		cmocka_unit_test(test_opt__positional_capacity_is_enforced),
		cmocka_unit_test(test_opt__help_prints_help_and_returns_help),
		cmocka_unit_test(test_opt__help_wins_over_missing_arguments),
		cmocka_unit_test(
			test_opt__help_after_double_dash_is_a_positional),
		cmocka_unit_test(test_opt__usage_line_omits_empty_parts),
		cmocka_unit_test(
			test_opt__help_without_options_still_lists_help),
		cmocka_unit_test(test_opt__man_escapes_dashes),
		cmocka_unit_test(
			test_opt__man_escapes_leading_dot_quote_and_backslash),
	};
	return cmocka_run_group_tests_name("opt", tests, NULL, NULL);
}
