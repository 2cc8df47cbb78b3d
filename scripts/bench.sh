#!/usr/bin/env bash
# bench.sh [ITEMS REVISIONS CHANGES [PROFILE]]: sheetlog against git on the
# same synthetic repository, in one run (default 20,000 items, 2,000 dated
# revisions, 20 changed items per revision; tests/bench/gen_history.c).
# PROFILE renumber (the default; SL_BENCH_PROFILE too) is shaped like real
# use: rewrites and notation-only edits besides the small edits, and every
# 10th revision inserts items mid-section (shifting every later number),
# removes one, moves one across sections and now and then swaps two.
# PROFILE append is the older history of edits and appended items only.
#
#   diff-range     sheetlog diff --format json FIRST LAST  vs  git diff FIRST LAST
#   diff-adjacent  sheetlog diff --format json LAST~1 LAST vs  git diff LAST~1 LAST
#                  (with PROFILE renumber the last revision is a structural
#                  one: insertions, a removal and a move, hundreds renamed)
#   diff-edits     the same for LAST~2 LAST~1: a revision of edits only
#   history-cold   sheetlog history ITEM --at HEAD --format json, its caches
#                  (.git/sheetlog/: changes-v1 and pairs/) deleted before
#                  each run, so the run walks every commit, diffs whole
#                  each commit that touched the item, and builds them
#                  vs  git log -p -- checklist/items/ITEM.json (no commit-graph)
#   history        the same with sheetlog's cache in place
#   history-worktree  sheetlog history ITEM --format json (from the working
#                  tree, checked out clean: is the item edited there?)
#   history-bloom  the same after git commit-graph write --reachable
#                  --changed-paths (git's changed-path Bloom filters)
#   history-bloom-cold  the same with sheetlog's cache deleted before each
#                  run: the walk asks the filters and computes only the
#                  commits they cannot rule out
#   history-follow the same against git diff-tree -p --stdin of the
#                  commits the history shows: the whole diffs that
#                  following the item through renumbering takes, which
#                  git log -p -- FILE does not do
#   ITEM is the middle entry of items/ (SL_BENCH_ITEM overrides).
#   read-floor     libgit2 alone (tests/bench/bench_read.c): reading the
#                  blobs of the far and the adjacent diff (both sides of
#                  every changed file, as git diff --raw lists them) and
#                  the items/ tree of every first-parent commit, in walk
#                  order, on one thread and on two (own repository handle
#                  and, as sheetlog's second handles, own pack state
#                  each); beside it git cat-file --batch on the same ids.
#                  What sheetlog cannot go below with Debian's libgit2.
#   match-scaling  the matcher alone (tests/bench/bench_match.c): its median
#                  time for N changed items of which P are in the pool
#                  (renumbered and edited); no git counterpart
#   demo-*         the real sheet: each command the sheet's people run, on
#                  the 161-item demo repository (scripts/demo/build.sh),
#                  against git doing the nearest thing on it (the goal is a
#                  median of at most 20 ms per command); demo-site: a
#                  rebuild over the previous run's site, demo-site-fresh:
#                  a first build into an empty directory (and its floor:
#                  cp -r of the files it wrote); demo-site-20: the
#                  site of 20 editions (the demo plus 18 monthly editions
#                  that reword, withdraw and add items). SL_BENCH_ONLY=demo
#                  runs only these, SL_BENCH_ONLY=match only match-scaling,
#                  SL_BENCH_ONLY=large only the repository cases.
#
# Both sides read the same blobs and write to /dev/null. Each case runs
# the two commands interleaved, round by round, the order alternating
# (tests/bench/bench_pair.c; hyperfine's run-all-of-one-then-the-other
# let the machine's drift move ratios by +-30 %). Reported: the median of
# each, the ratio of medians (sheetlog / git; below 1 means sheetlog is
# faster) and the median peak memory (wait4's max RSS, as GNU time).
# SL_BENCH_CASES="history-bloom history-bloom-cold" runs only the cases
# named (default: all).
# SL_BENCH_SHEETLOG=PATH times another sheetlog binary (an older build, for
# a before/after table) on the same repository.
# The generated repository is kept in $SL_BENCH_DIR (default
# /tmp/sheetlog-bench) and reused. Machines are shared and noisy: quote
# medians and ratios, not single runs.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
items=${1:-20000}
revs=${2:-2000}
per=${3:-20}
profile=${4:-${SL_BENCH_PROFILE:-renumber}}
runs=${SL_BENCH_RUNS:-10}
scripts/deps.sh bench
cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DSL_BUILD_TESTS=OFF >/dev/null
cmake --build build-bench -j"$(nproc)" --target sheetlog gen_history bench_match bench_read bench_pair >/dev/null
sheetlog=${SL_BENCH_SHEETLOG:-$root/build-bench/sheetlog}

base=${SL_BENCH_DIR:-/tmp/sheetlog-bench}
repo="$base/h-$items-$revs-$per-$profile"
if [ ! -f "$repo/.complete" ]; then
  rm -rf "$repo"
  mkdir -p "$base"
  echo "bench: generating $items items x $revs revisions ($per changes each, profile $profile) in $repo" >&2
  start=$(date +%s)
  build-bench/gen_history "$repo" "$items" "$revs" "$per" "$profile"
  git -C "$repo" gc --quiet
  echo "bench: generated and packed in $(( $(date +%s) - start )) s" >&2
  touch "$repo/.complete"
fi
# A clean working tree, for the history that starts there (gen_history
# checks it out; repositories generated before it did get it here).
[ -d "$repo/checklist" ] || git -C "$repo" reset -q --hard
first=$(git -C "$repo" rev-list --max-parents=0 HEAD)
last=$(git -C "$repo" rev-parse HEAD)
prev=$(git -C "$repo" rev-parse HEAD~1)
prev2=$(git -C "$repo" rev-parse HEAD~2)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# bench NAME SHEETLOG_ARGS GIT_ARGS [RUNS [SHEETLOG_PREPARE]]
# SHEETLOG_PREPARE runs (untimed) before each run of either (it deletes
# sheetlog's caches, which git does not read). bench_pair
# runs the two commands round by round, the order alternating, so that
# the machine's drift falls on both alike (tests/bench/bench_pair.c).
bench() {
  case " ${SL_BENCH_CASES:-$1} " in *" $1 "*) ;; *) return 0 ;; esac
  local name=$1 sl=$2 gt=$3 n=${4:-$runs} prep=${5:-true} r
  r=$(build-bench/bench_pair "$n" "$prep" "$sheetlog -C $repo $sl" "git -C $repo $gt")
  echo "$r" | awk -v n="$name" '{
    printf "%-14s sheetlog %9.1f ms  git %9.1f ms  ratio %5.2f   peak RSS sheetlog %7.1f MiB  git %7.1f MiB\n",
      n, $1 * 1000, $2 * 1000, $1 / $2, $3 / 1024, $4 / 1024 }'
}

only=${SL_BENCH_ONLY:-all}
if [ "$only" = all ] || [ "$only" = match ]; then
  build-bench/bench_match "$runs"
  [ "$only" = match ] && exit 0
fi
if [ "$only" = all ] || [ "$only" = demo ]; then
  demo="$out/demo"
  scripts/demo/build.sh "$demo"
  druns=$(( runs * 5 ))
  dbench() { # dbench NAME SHEETLOG_ARGS GIT_ARGS
    local r=$repo; repo=$demo; bench "$1" "$2" "$3" "$druns"; repo=$r
  }
  echo "bench: demo repository (161 items, 2 editions), $druns runs each"
  dbench demo-version "--version" "--version"
  dbench demo-diff "diff 2022-09 2023-04" "diff edition/2022-09 edition/2023-04"
  dbench demo-changelog "changelog 2022-09..2023-04 --format html" "log -p edition/2022-09..edition/2023-04"
  dbench demo-review "review --base 2022-09 --format html" "diff edition/2022-09 HEAD"
  dbench demo-export-xlsx "export --format xlsx --changes-since 2022-09 -o $out/x.xlsx" "archive --format zip HEAD checklist"
  dbench demo-audit "audit 2022-09..2023-04" "log -p edition/2022-09..edition/2023-04"
  dbench demo-history "history 1-1" "log -p -- checklist/items/1-1.json"
  dbench demo-blame "blame 1-1" "blame checklist/items/1-1.json"
  dbench demo-lint "lint --quiet" "status --short"
  dbench demo-site "site -o $out/site" "log -p edition/2022-09..HEAD"
  # demo-site rebuilds the site over the one of the run before (its
  # unchanged pages are kept, not written); a first build writes them all.
  r=$repo; repo=$demo
  bench demo-site-fresh "site -o $out/site-fresh" "log -p edition/2022-09..HEAD" "$druns" "rm -rf $out/site-fresh"
  repo=$r
  # What a first build cannot go below: creating the same files, as cp -r
  # of the site just written does (each new file is a new inode).
  case " ${SL_BENCH_CASES:-demo-site-fresh} " in *" demo-site-fresh "*)
    "$sheetlog" -C "$demo" site -o "$out/site-floor" >/dev/null
    build-bench/bench_pair "$druns" "rm -rf $out/site-copy" "cp -r $out/site-floor $out/site-copy" "true" |
      awk -v n="$(find "$out/site-floor" -type f | wc -l)" '{printf "demo-site-fresh floor: cp -r of the same %s files  median %9.1f ms\n", n, $1 * 1000}'
  esac
  # The site of 20 editions (issue 15: "well under a second"): the demo
  # repository, then 18 more monthly editions, each rewording five answers
  # and every fourth one withdrawing an item and adding one at the end of
  # a section, so that numbers move too.
  e20="$out/demo-20"
  cp -r "$demo" "$e20"
  for k in $(seq 1 18); do
    y=$((2023 + (4 + k - 1) / 12)); m=$(( (4 + k - 1) % 12 + 1 ))
    ed=$(printf '%04d-%02d' "$y" "$m")
    for i in 0 1 2 3 4; do
      f="$e20/checklist/items/1-$(( (k * 7 + i * 13) % 30 + 1 )).json"
      [ -f "$f" ] && sed -i "s/。\"\$/（第${k}版で改訂）。\"/" "$f"
    done
    if [ $((k % 4)) -eq 0 ]; then
      git -C "$e20" rm -q "checklist/items/2-$((k / 4)).json"
      printf '{\n  "id": "6-%d",\n  "section": "6",\n  "category": "追加",\n  "question": "第%d版で追加した質問ですか。",\n  "answer": "はい、第%d版で追加しました。"\n}\n' \
        $((100 + k)) "$k" "$k" > "$e20/checklist/items/6-$((100 + k)).json"
    fi
    sed -i "s/\"as_of\": \"[0-9-]*\"/\"as_of\": \"$ed\"/" "$e20/checklist/sheet.json"
    git -C "$e20" add -A
    d="${ed}-28T10:00:00+09:00"
    GIT_AUTHOR_DATE=$d GIT_COMMITTER_DATE=$d git -C "$e20" commit -q -m "Publish the $ed edition"
    GIT_COMMITTER_DATE=$d git -C "$e20" tag -a "edition/$ed" -m "$ed"
  done
  r=$repo; repo=$e20
  bench demo-site-20 "site -o $out/site20" "log -p edition/2022-09..HEAD" "$druns"
  repo=$r
  [ "$only" = demo ] && exit 0
fi

echo "bench: $repo, profile $profile ($(git -C "$repo" rev-list --count HEAD) commits, $(git -C "$repo" ls-tree HEAD:checklist/items | wc -l) items at HEAD), $runs runs each"
bench diff-range "diff --format json $first $last" "diff $first $last"
bench diff-adjacent "diff --format json $prev $last" "diff $prev $last"
bench diff-edits "diff --format json $prev2 $prev" "diff $prev2 $prev"

# read-floor: the object reads every comparison pays, through libgit2 on
# one and two threads, and through git cat-file on the same ids.
floor() { # floor NAME < ids
  local ids="$out/$1.ids"
  cat > "$ids"
  echo "read-floor     $1:"
  build-bench/bench_read "$repo" 2 "$runs" < "$ids"
  build-bench/bench_pair "$runs" true "git -C $repo cat-file --batch" \
    "git -C $repo cat-file --batch-check" "$ids" |
    awk -v n="$(wc -l < "$ids")" '{printf "read-floor     %s objects  git cat-file --batch  median %9.1f ms  (--batch-check, lookups alone: %.1f ms)\n", n, $1 * 1000, $2 * 1000}'
}
case " ${SL_BENCH_CASES:-read-floor} " in *" read-floor "*)
  git -C "$repo" diff --raw --no-abbrev "$first" "$last" | awk '{print $3; print $4}' | grep -v '^0\{40\}$' | floor far-blobs
  git -C "$repo" diff --raw --no-abbrev "$prev" "$last" | awk '{print $3; print $4}' | grep -v '^0\{40\}$' | floor adjacent-blobs
  git -C "$repo" rev-list --first-parent "$last" | sed 's|$|:checklist/items|' |
    git -C "$repo" cat-file --batch-check='%(objectname)' | floor walk-trees
  ;;
esac

# The item in the middle of items/: git's cost for a path depends on where
# it sorts in the tree (it stops reading the tree at the path), sheetlog's
# does not; the middle is the typical case (SL_BENCH_ITEM to choose).
item=${SL_BENCH_ITEM:-$(git -C "$repo" ls-tree --name-only HEAD checklist/items/ |
  awk '{ a[NR] = $0 } END { print a[int((NR + 1) / 2)] }' | sed 's|.*/||; s|\.json$||')}
echo "history of item $item" >&2
cache="$repo/.git/sheetlog"
rm -f "$repo/.git/objects/info/commit-graph"
# Cold: sheetlog builds its caches (changed item names of every commit,
# the pairing of each commit that touched the item) in the timed run; git
# has no commit-graph.
bench history-cold "history $item --at HEAD --format json" "log -p -- checklist/items/$item.json" 3 "rm -rf $cache"
bench history "history $item --at HEAD --format json" "log -p -- checklist/items/$item.json"
bench history-worktree "history $item --format json" "log -p -- checklist/items/$item.json"
git -C "$repo" commit-graph write --reachable --changed-paths 2>/dev/null
bench history-bloom "history $item --at HEAD --format json" "log -p -- checklist/items/$item.json"
bench history-bloom-cold "history $item --at HEAD --format json" "log -p -- checklist/items/$item.json" 3 "rm -rf $cache"
# history-follow: the same cold run against git doing the diffs that
# following the item takes. git log -p -- FILE follows a file name, and
# the name's content changes hands at every renumbering; sheetlog follows
# the item, which takes the pairing of every commit that touched its
# current name: a whole diff of each. git diff-tree -p --stdin diffs those
# commits (the history's own, read from its output; the root commit, where
# sheetlog reads the one file, is skipped by diff-tree as well).
case " ${SL_BENCH_CASES:-history-follow} " in *" history-follow "*)
  "$sheetlog" -C "$repo" history "$item" --at HEAD --format json |
    sed -n 's/^ *"rev": "\([0-9a-f]\{40\}\)",$/\1/p' > "$out/steps"
  build-bench/bench_pair 3 "rm -rf $cache" "$sheetlog -C $repo history $item --at HEAD --format json" \
    "git -C $repo diff-tree -p --stdin" "$out/steps" |
    awk -v n="$(wc -l < "$out/steps")" '{
      printf "history-follow sheetlog %9.1f ms  git %9.1f ms  ratio %5.2f   (git diff-tree -p of the %d commits of the history)\n",
        $1 * 1000, $2 * 1000, $1 / $2, n }'
  ;;
esac
rm -f "$repo/.git/objects/info/commit-graph"
