/*
 * tls_stub.c: keeps libgit2 from parsing the system's CA bundle.
 *
 * Why: Debian's libgit2 is built with mbedTLS, and git_libgit2_init()
 * parses /etc/ssl/certs/ca-certificates.crt (about 200 KB of PEM) so
 * that HTTPS is ready. sheetlog only ever reads local repositories, yet
 * that parse was 59% of the instructions of a typical `sheetlog diff`
 * (callgrind: 56 M of 95 M). Defining the two mbedTLS loaders here makes
 * the dynamic linker bind libgit2's calls to these no-ops instead
 * (the executable comes first in symbol lookup), so nothing is parsed.
 *
 * Only the executable carries this file (not sheetlog_cli, not the
 * tests); if libgit2 is ever built against OpenSSL instead, nothing here
 * is called and nothing changes. Should sheetlog ever talk to a remote,
 * delete this file.
 */
#include "cli.h"

int mbedtls_x509_crt_parse_file(void *chain, const char *path);
int mbedtls_x509_crt_parse_path(void *chain, const char *path);

int mbedtls_x509_crt_parse_file(void *chain, const char *path)
{
	(void)chain;
	(void)path;
	return 0;
}

int mbedtls_x509_crt_parse_path(void *chain, const char *path)
{
	(void)chain;
	(void)path;
	return 0;
}
