#!/usr/bin/env bash
# ci-review.sh [BASE]: the review a CI job runs on a branch before it is
# merged. Builds sheetlog, reviews the checked-out branch (its commits and
# any uncommitted files) against BASE, writes
#   out/review.md    GitHub-flavoured Markdown, to post as a pull-request comment
#   out/review.html  the self-contained review page, to keep as an artifact
# prints the Markdown, and exits with the review's status: 0, or 1 when the
# sheet has lint errors (2/3: usage, repository or I/O failures).
#
# BASE defaults to the main branch the pull request targets: origin/main,
# else main, else the newest edition. Set SHEETLOG_LANG=en for English
# labels. Example (GitHub Actions, after actions/checkout with
# fetch-depth: 0): scripts/ci-review.sh origin/main
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
scripts/deps.sh build >&2
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSL_BUILD_TESTS=OFF >/dev/null
cmake --build build -j"$(nproc)" --target sheetlog >/dev/null
sheetlog="$root/build/sheetlog"

base=${1:-}
if [ -z "$base" ]; then
  for ref in origin/main main; do
    # Resolvable (through libgit2, like everything sheetlog reads)?
    if "$sheetlog" diff --format json "$ref" "$ref" >/dev/null 2>&1; then
      base=$ref
      break
    fi
  done
fi
args=(--lang "${SHEETLOG_LANG:-ja}")
[ -n "$base" ] && args+=(--base "$base")

mkdir -p out
status=0
"$sheetlog" review "${args[@]}" --format html -o out/review.html || status=$?
if [ "$status" -ge 2 ]; then
  exit "$status"
fi
"$sheetlog" review "${args[@]}" --format markdown -o out/review.md || true
cat out/review.md
echo "ci-review.sh: wrote out/review.md and out/review.html (base: ${base:-newest edition})" >&2
exit "$status"
