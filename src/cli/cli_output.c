/*
 * cli_output.c: where a command's output goes and in what form: FILE
 * arguments relative to -C, atomic writes or standard output (never after
 * an absorbed allocation failure), the colour decision, and the lookup in
 * the per-document format tables (format.h).
 */
#include "cli.h"
#include "format.h"

#include <errno.h>
#include <string.h>

#include "alloc.h"
#include "error.h"
#include "fs.h"
#include "term.h"

const sl_diff_format sl_cli_diff_formats[] = {
	SL_DIFF_FORMATS(SL_FORMAT_ROW){NULL, NULL},
};

size_t sl_cli_format_index(const void *rows, size_t row_size, const char *name)
{
	const char *p = rows;
	size_t i;
	/* Each row starts with its name: read it through that member. */
	for (i = 0;
	     name && *(const char *const *)(const void *)(p + i * row_size);
	     i++)
		if (!strcmp(*(const char *const *)(const void *)(p +
								 i * row_size),
			    name))
			return i;
	return 0;
}

int sl_cli_path(const sl_cli *cli, const char *arg, char **out)
{
	bool as_is = arg[0] == '/' || !strcmp(arg, "-") || !cli->dir ||
		     !strcmp(cli->dir, ".");
	*out = as_is ? sl_strdup(arg) : sl_fs_join(cli->dir, arg);
	return *out ? 0 : sl_error_oom();
}

bool sl_cli_color(const sl_cli *cli, const char *format, const char *color_opt,
		  bool to_file)
{
	return !strcmp(format, "text") && !to_file &&
	       sl_term_use_color(color_opt, cli->out_tty, cli->no_color);
}

int sl_cli_alloc_check(const sl_cli *cli)
{
	return sl_alloc_failure_count() != cli->alloc_failures ? sl_error_oom()
							       : 0;
}

static bool is_stdout(const char *path)
{
	return !path || !strcmp(path, "-");
}

static int drain_to_out(void *ctx, const char *data, size_t len)
{
	sl_cli *cli = ctx;
	if (fwrite(data, 1, len, cli->out) == len)
		return 0;
	cli->out_errno = errno ? errno : EIO;
	return -1;
}

void sl_cli_stream(sl_cli *cli, const char *path, sl_buf *buf)
{
	if (is_stdout(path))
		sl_buf_set_drain(buf, drain_to_out, cli);
}

int sl_cli_emit(sl_cli *cli, const char *path, const sl_buf *buf)
{
	char *full;
	int rc;
	if (cli->out_errno)
		return sl_error_set(SL_EIO, "cannot write output: %s",
				    strerror(cli->out_errno));
	rc = sl_cli_alloc_check(cli);
	if (rc < 0)
		return rc;
	if (is_stdout(path)) {
		if (buf->len &&
		    fwrite(buf->ptr, 1, buf->len, cli->out) != buf->len)
			return sl_error_set(SL_EIO, "cannot write output: %s",
					    strerror(errno));
		return 0;
	}
	rc = sl_cli_path(cli, path, &full);
	if (rc == 0)
		rc = sl_fs_write_atomic(full, buf->ptr ? buf->ptr : "",
					buf->len);
	sl_free(full);
	return rc;
}
