#!/bin/sh
# diff_equivalence.sh GEN_HISTORY SHEETLOG: diff answers on a history
# shaped like the benchmark's (renumber profile) do not depend on threads:
# with SL_THREADS=1 everything runs on the main thread; with SL_THREADS=4
# the matcher's vectors and the field diffs are computed on four threads.
# Both must give the same bytes, in every format, for a far range (most
# items renamed and edited), an adjacent structural one, a range whose two
# sides both fail their checks (the old side's failure reported), a range
# whose one side is a missing blob (the same error, same status), then a
# blob missing on each side (the first in path order reported).
set -eu
gen=${1:?usage: diff_equivalence.sh GEN_HISTORY SHEETLOG}
sl=${2:?usage: diff_equivalence.sh GEN_HISTORY SHEETLOG}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
repo="$dir/repo"
"$gen" "$repo" 400 60 5 renumber 2>/dev/null
first=$(git -C "$repo" rev-list --max-parents=0 HEAD)
check() { # check NAME ARGS...
	name=$1
	shift
	s1=0
	s4=0
	SL_THREADS=1 "$sl" -C "$repo" "$@" >"$dir/one" 2>"$dir/one.err" || s1=$?
	SL_THREADS=4 "$sl" -C "$repo" "$@" >"$dir/four" 2>"$dir/four.err" || s4=$?
	if ! cmp -s "$dir/one" "$dir/four" || ! cmp -s "$dir/one.err" "$dir/four.err" ||
		[ "$s1" != "$s4" ]; then
		echo "diff_equivalence: $name differs on four threads (status $s1 vs $s4)"
		diff "$dir/one" "$dir/four" | head -20
		diff "$dir/one.err" "$dir/four.err" | head -5
		exit 1
	fi
}
for f in json text md; do
	check "far diff ($f)" diff --format "$f" "$first" HEAD
	check "adjacent diff ($f)" diff --format "$f" HEAD~1 HEAD
done
grep -q '"renumbered": [1-9]' "$dir/one" 2>/dev/null ||
	SL_THREADS=1 "$sl" -C "$repo" diff --format json "$first" HEAD | grep -q '"renumbered": [1-9]' || {
	echo "diff_equivalence: the far range renumbers nothing: the check proves nothing"
	exit 1
}
# Both sides fail their checks (an item file named for another id, each
# side its own): the failure reported is the old side's, as one loop that
# checks the old side first gives, though each side is checked on its own
# thread.
defect() { # defect BASE NAME: BASE plus items/NAME.json holding item 1-1
	GIT_INDEX_FILE="$dir/index" git -C "$repo" read-tree "$1"
	b=$(git -C "$repo" cat-file blob "$1:checklist/items/1-1.json" | git -C "$repo" hash-object -w --stdin)
	GIT_INDEX_FILE="$dir/index" git -C "$repo" update-index --add --cacheinfo "100644,$b,checklist/items/$2.json"
	t=$(GIT_INDEX_FILE="$dir/index" git -C "$repo" write-tree)
	git -C "$repo" commit-tree "$t" -p "$1" -m "defect $2"
}
old=$(defect "$first" 9-1)
new=$(defect HEAD 9-2)
check "far diff with a failed check on each side" diff --format json "$old" "$new"
grep -q "9-1.json" "$dir/one.err" && ! grep -q "9-2.json" "$dir/one.err" || {
	echo "diff_equivalence: with both sides' checks failing, the error is not the old side's"
	cat "$dir/one.err"
	exit 1
}
# A blob the far range needs goes missing: the failure must be the one a
# single thread meets first. (Loose objects: gen_history does not pack.)
blob=$(git -C "$repo" rev-parse "HEAD:checklist/items/5-20.json")
obj="$repo/.git/objects/$(echo "$blob" | cut -c1-2)/$(echo "$blob" | cut -c3-)"
[ -f "$obj" ] || { echo "diff_equivalence: $blob is not a loose object"; exit 1; }
rm -f "$obj"
check "far diff with a missing blob" diff --format json "$first" HEAD
grep -q "5-20" "$dir/one.err" || { echo "diff_equivalence: the missing blob's error does not name its file"; cat "$dir/one.err"; exit 1; }
# Then a blob of the old side goes missing too, at a path after 5-20:
# both sides' loads fail (on two threads, each its own), and the one
# reported is still the one met first in path order, 5-20's.
later=$(git -C "$repo" ls-tree "$first" checklist/items/ | awk '{print $3, $4}' |
	while read -r id path; do
		case "$path" in checklist/items/5-2[1-9].json | checklist/items/5-[3-9]*.json) ;; *) continue ;; esac
		[ "$(git -C "$repo" rev-parse -q --verify "HEAD:$path" 2>/dev/null)" = "$id" ] && continue
		echo "$id"
		break
	done)
[ -n "$later" ] || { echo "diff_equivalence: no old-side file after 5-20 to remove"; exit 1; }
rm -f "$repo/.git/objects/$(echo "$later" | cut -c1-2)/$(echo "$later" | cut -c3-)"
check "far diff with a missing blob on each side" diff --format json "$first" HEAD
grep -q "5-20" "$dir/one.err" || { echo "diff_equivalence: with both sides damaged, the error is not the first in path order"; cat "$dir/one.err"; exit 1; }
echo "diff_equivalence: far and adjacent diffs agree on one and four threads, and so does a missing blob's error"
