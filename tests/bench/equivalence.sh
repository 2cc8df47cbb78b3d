#!/bin/sh
# equivalence.sh GEN_HISTORY SHEETLOG: history answers on a history shaped
# like the benchmark's (renumber profile: mid-section insertions that
# shift numbers, removals, moves across sections, swaps) do not depend on
# sheetlog's fast paths:
#   - the history caches (.git/sheetlog/changes-v1, the changed names of
#     each commit, and .git/sheetlog/pairs/, the pairing of each commit
#     a history diffed) cold and warm give the same bytes, and so does the
#     slow path, which keeps every step's whole-commit diff
#     (SL_HISTORY_WHOLE=1);
#   - a damaged pairing file (one that fails its checksum) reads as
#     absent: the whole diff decides again and nothing changes;
#   - a history from a clean working tree, which decides from the item's
#     own file that nothing is uncommitted, gives the committed history
#     (--at HEAD) but for the start revision it names;
#   - with git's changed-path Bloom filters (a commit-graph written by git:
#     libgit2 cannot write one), cold, the same bytes as without them:
#     a graph of every commit, a stale one (HEAD~20 and older only) and
#     a split chain of two layers. With the full graph the cache written
#     must be smaller (the filters ruled commits out, which are not
#     cached), or the filters were not used.
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
pairs="$repo/.git/sheetlog/pairs"
renumbered=0
stored=0
for item in 1-3 2-15 3-1 5-20 7-29 10-30; do
	rm -rf "$cache" "$pairs"
	"$sl" -C "$repo" history "$item" --at HEAD --format json >"$dir/cold"
	[ -f "$cache" ] || { echo "equivalence: no cache written for $item"; exit 1; }
	cp "$dir/cold" "$dir/cold-$item"
	wc -c <"$cache" >"$dir/cache-size-$item"
	"$sl" -C "$repo" history "$item" --at HEAD --format json >"$dir/warm"
	cmp -s "$dir/cold" "$dir/warm" || {
		echo "equivalence: history $item differs with the cache warm"
		diff "$dir/cold" "$dir/warm" | head -20
		exit 1
	}
	[ -d "$pairs" ] && stored=$((stored + $(ls "$pairs" | wc -l)))
	SL_HISTORY_WHOLE=1 "$sl" -C "$repo" history "$item" --at HEAD --format json >"$dir/whole"
	cmp -s "$dir/cold" "$dir/whole" || {
		echo "equivalence: history $item differs from the slow path (whole-commit diffs)"
		diff "$dir/whole" "$dir/cold" | head -20
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
[ "$stored" -gt 0 ] || { echo "equivalence: no history stored a pairing"; exit 1; }

# Damage every stored pairing: cut its last byte (the checksum no longer
# holds). A damaged file reads as absent, the commit is diffed whole
# again, and every history agrees with the cold one.
for f in "$pairs"/*; do
	head -c "$(($(wc -c <"$f") - 1))" "$f" >"$f.cut" && mv "$f.cut" "$f"
done
for item in 1-3 2-15 3-1 5-20 7-29 10-30; do
	"$sl" -C "$repo" history "$item" --at HEAD --format json >"$dir/damaged"
	cmp -s "$dir/cold-$item" "$dir/damaged" || {
		echo "equivalence: history $item differs with a damaged pairing store"
		diff "$dir/cold-$item" "$dir/damaged" | head -20
		exit 1
	}
done

# git with no user or system configuration (the test's environment may
# have either).
g() { GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1 git -C "$repo" "$@"; }
info="$repo/.git/objects/info"
for graph in full stale split; do
	rm -rf "$info/commit-graph" "$info/commit-graphs"
	case $graph in
	full) g commit-graph write --reachable --changed-paths ;;
	stale) g rev-parse HEAD~20 | g commit-graph write --stdin-commits --changed-paths ;;
	split)
		g rev-parse HEAD~20 | g commit-graph write --stdin-commits --changed-paths --split=no-merge
		g commit-graph write --reachable --changed-paths --split=no-merge
		[ "$(wc -l <"$info/commit-graphs/commit-graph-chain")" -eq 2 ] || {
			echo "equivalence: git wrote no two-layer chain"
			exit 1
		}
		;;
	esac
	for item in 1-3 2-15 3-1 5-20 7-29 10-30; do
		rm -rf "$cache" "$pairs"
		"$sl" -C "$repo" history "$item" --at HEAD --format json >"$dir/bloom"
		cmp -s "$dir/cold-$item" "$dir/bloom" || {
			echo "equivalence: history $item differs with Bloom filters ($graph graph)"
			diff "$dir/cold-$item" "$dir/bloom" | head -20
			exit 1
		}
		if [ $graph = full ] && [ "$(wc -c <"$cache")" -ge "$(cat "$dir/cache-size-$item")" ]; then
			echo "equivalence: history $item read every commit despite the Bloom filters"
			exit 1
		fi
	done
done
rm -rf "$info/commit-graph" "$info/commit-graphs"
echo "equivalence: 6 histories agree cold, warm, with whole-commit diffs, with a damaged pairing store, from the working tree and with Bloom filters (full, stale, split; $renumbered follow renumberings)"
