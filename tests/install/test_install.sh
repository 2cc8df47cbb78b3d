#!/bin/sh
# test_install.sh BUILD_DIR: `cmake --install` into a temporary prefix, then
# check what lands there: bin/sheetlog (runs), share/man/man1/sheetlog.1
# (one section per command of `sheetlog --help`), and the bash completion
# in share/bash-completion/completions/sheetlog (valid bash, registered for
# sheetlog). Reads the page as text: neither man nor groff is required.
set -eu

build=$1
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT INT TERM

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

cmake --install "$build" --prefix "$prefix" >/dev/null

bin=$prefix/bin/sheetlog
page=$prefix/share/man/man1/sheetlog.1
comp=$prefix/share/bash-completion/completions/sheetlog
for f in "$bin" "$page" "$comp"; do
	[ -s "$f" ] || fail "${f#"$prefix"/} is missing or empty"
done
[ -x "$bin" ] || fail "bin/sheetlog is not executable"
"$bin" --version | grep -q '^sheetlog [0-9]' || fail "bin/sheetlog --version"

# The page: a man page, with a section for every command the program lists.
grep -q '^\.TH SHEETLOG 1 ' "$page" || fail "sheetlog.1 has no .TH line"
for sh in NAME SYNOPSIS DESCRIPTION COMMANDS 'EXIT STATUS' FILES 'SEE ALSO'; do
	grep -qF ".SH \"$sh\"" "$page" || fail "sheetlog.1 lacks section $sh"
done
cmds=$("$bin" --help | awk '/^commands:/ { on = 1; next } /^$/ { on = 0 } on { print $1 }')
[ -n "$cmds" ] || fail "no commands in sheetlog --help"
n=0
for c in $cmds; do
	esc=$(printf '%s' "$c" | sed 's/-/\\-/g')
	grep -qF ".SS \"sheetlog $esc\"" "$page" || fail "sheetlog.1 lacks a section for '$c'"
	n=$((n + 1))
done
[ "$(grep -c '^\.SS ' "$page")" -eq "$n" ] || fail "sheetlog.1 has sections for commands --help does not list"
# The installed page is the one the build generated from this program.
"$bin" __man | cmp -s - "$page" || fail "sheetlog.1 differs from 'sheetlog __man'"

# The completion: valid bash that registers _sheetlog for sheetlog.
if command -v bash >/dev/null 2>&1; then
	bash --norc --noprofile -n "$comp" || fail "completion is not valid bash"
	out=$(bash --norc --noprofile -c ". '$comp'; complete -p sheetlog")
	[ "$out" = "complete -F _sheetlog sheetlog" ] || fail "completion not registered: $out"
fi

# Where groff is present, the page also renders (optional, never required).
if command -v groff >/dev/null 2>&1; then
	groff -k -man -Tutf8 "$page" 2>/dev/null | grep -q 'sheetlog diff' ||
		fail "groff cannot render sheetlog.1"
fi
echo "ok: installed bin/sheetlog, share/man/man1/sheetlog.1 ($n command sections), share/bash-completion/completions/sheetlog"
