#!/bin/sh
# check_layers.sh SRC_DIR: the architecture's rules that a compiler cannot
# see (docs/architecture.md). System headers are on every include path,
# so "only the repository layer includes <git2.h>" is checked here:
#   1. <git2.h> (and <git2/...>) only in src/core/repo*.c
#   2. <jansson.h> only in src/core/json.c and its json_*.c siblings
#   3. <xlsxwriter.h> only in src/core/render_xlsx* (the workbook
#      module's own files, its internal header included)
#   4. <utf8proc.h> only in src/util/utf8.c
#   4b. <zip.h> and <expat.h> only in src/core/xlsx_read.c (the workbook
#      reader)
#   5. so no other header of ours includes a third-party header
#   6. src/util/ includes only src/util/ headers (also enforced by the
#      build: the utilities' include path is their own)
#   7. the renderers (render*) and the model never include the
#      repository layer's internals (repo_internal.h)
#   8. no source file is longer than 1,000 lines
# Prints one line per violation and exits 1 when there is any.
set -u
src=${1:?usage: check_layers.sh SRC_DIR}
cd "$src" || exit 2
bad=0
fail() {
	echo "check_layers: $*"
	bad=1
}
only_in() { # only_in HEADER_REGEX ALLOWED_GLOB...
	re=$1
	shift
	for f in $(grep -rlE "#include <($re)" --include='*.c' --include='*.h' .); do
		f=${f#./}
		ok=0
		for g in "$@"; do
			case $f in $g) ok=1 ;; esac
		done
		[ $ok = 1 ] || fail "$f includes <${re%%[|.\\(]*}...>, which belongs to $*"
	done
}
only_in 'git2\.h|git2/' 'core/repo*.c'
only_in 'jansson\.h' 'core/json.c' 'core/json_*.c'
only_in 'xlsxwriter\.h' 'core/render_xlsx*'
only_in 'utf8proc\.h' 'util/utf8.c'
only_in 'zip\.h|zipconf\.h' 'core/xlsx_read.c'
only_in 'expat\.h|expat_external\.h' 'core/xlsx_read.c'
for f in $(ls util/*.c util/*.h 2>/dev/null); do
	for h in $(sed -n 's/^#include "\([^"]*\)".*/\1/p' "$f"); do
		[ -f "util/$h" ] || fail "$f includes \"$h\", which is not a utility"
	done
done
for f in $(grep -l '#include "repo_internal.h"' core/*.c core/*.h cli/*.c 2>/dev/null); do
	case $f in core/repo*) ;; *) fail "$f includes repo_internal.h (repository layer only)" ;; esac
done
for f in $(find . -name '*.c' -o -name '*.h'); do
	n=$(wc -l <"$f")
	[ "$n" -le 1000 ] || fail "${f#./} has $n lines (at most 1,000)"
done
[ $bad = 0 ] && echo "check_layers: src/ keeps its layers"
exit $bad
