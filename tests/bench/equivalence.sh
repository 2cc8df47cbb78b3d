#!/bin/sh
# equivalence.sh GEN_HISTORY SHEETLOG: history answers on a history shaped
# like the benchmark's (renumber profile: mid-section insertions that
# shift numbers, removals, moves across sections, swaps) do not depend on
# sheetlog's fast paths:
#   - the history cache (.git/sheetlog/changes-v1) cold and warm give the
#     same bytes;
#   - a history from a clean working tree, which decides from the item's
#     own file that nothing is uncommitted, gives the committed history
#     (--at HEAD) but for the start revision it names.
# At least one of the histories must follow a renumbering, or the check
# proves nothing.
set -eu
gen=${1:?usage: equivalence.sh GEN_HISTORY SHEETLOG}
sl=${2:?usage: equivalence.sh GEN_HISTORY SHEETLOG}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
repo="$dir/repo"
"$gen" "$repo" 300 60 3 renumber 2>/dev/null
cache="$repo/.git/sheetlog/changes-v1"
renumbered=0
for item in 1-3 2-15 3-1 5-20 7-29 10-30; do
	rm -f "$cache"
	"$sl" -C "$repo" history "$item" --at HEAD --format json >"$dir/cold"
	[ -f "$cache" ] || { echo "equivalence: no cache written for $item"; exit 1; }
	"$sl" -C "$repo" history "$item" --at HEAD --format json >"$dir/warm"
	cmp -s "$dir/cold" "$dir/warm" || {
		echo "equivalence: history $item differs with the cache warm"
		diff "$dir/cold" "$dir/warm" | head -20
		exit 1
	}
	"$sl" -C "$repo" history "$item" --format json >"$dir/worktree"
	grep -q '"start": "WORKTREE"' "$dir/worktree" || {
		echo "equivalence: history $item from the working tree does not say so"
		exit 1
	}
	sed 's/"start": "WORKTREE"/"start": "HEAD"/' "$dir/worktree" >"$dir/norm"
	cmp -s "$dir/cold" "$dir/norm" || {
		echo "equivalence: history $item from a clean working tree differs from --at HEAD"
		diff "$dir/cold" "$dir/norm" | head -20
		exit 1
	}
	if grep -q '"renumbered"' "$dir/cold"; then
		renumbered=$((renumbered + 1))
	fi
done
[ "$renumbered" -gt 0 ] || { echo "equivalence: no history followed a renumbering"; exit 1; }
echo "equivalence: 6 histories agree cold, warm and from the working tree ($renumbered follow renumberings)"
