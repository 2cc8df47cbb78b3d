#!/usr/bin/env bash
# run.sh: install what is missing, build, and run the main job on the
# embedded sheet: build a demonstration repository with the 2022-09
# baseline (checklist/), an illustrative 2023-04 edition and an
# unpublished draft after it (scripts/demo/README.md), list the editions
# and the draft (log 2023-04..HEAD, on stderr), then print the changelog
# between the two editions.
# HTML release notes and the 新旧対照表 are written to out/.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
scripts/deps.sh run
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSL_BUILD_TESTS=OFF >/dev/null
cmake --build build -j"$(nproc)" --target sheetlog >/dev/null
sheetlog="$root/build/sheetlog"

"$sheetlog" lint --quiet

demo=$(mktemp -d "${TMPDIR:-/tmp}/sheetlog-demo-XXXXXX")
trap 'rm -rf "$demo"' EXIT
scripts/demo/build.sh "$demo"

mkdir -p out
"$sheetlog" -C "$demo" changelog 2022-09..2023-04 --format html -o "$root/out/changelog-2023-04.html"
"$sheetlog" -C "$demo" changelog 2022-09..2023-04 --format shinkyu -o "$root/out/shinkyu-2023-04.html"
"$sheetlog" -C "$demo" audit 2022-09..2023-04 --bom -o "$root/out/audit-2022-09-to-2023-04.csv"
"$sheetlog" -C "$demo" review --base 2022-09 --format html -o "$root/out/review-2023-04.html"
"$sheetlog" -C "$demo" export --format xlsx --changes-since 2022-09 -o "$root/out/sheet-2023-04.xlsx"
# The customers' static site of every edition (docs/site.md).
"$sheetlog" -C "$demo" site -o "$root/out/site" >/dev/null
echo "sheetlog: site of every edition: $root/out/site/index.html (feed: out/site/feed.atom)" >&2
echo "sheetlog: 2023-04 is an illustrative edition (scripts/demo/README.md), not published data" >&2
echo "sheetlog: also written: out/changelog-2023-04.html, out/shinkyu-2023-04.html, out/audit-2022-09-to-2023-04.csv, out/review-2023-04.html, out/sheet-2023-04.xlsx" >&2
"$sheetlog" -C "$demo" editions >&2
# The draft after the last edition: not yet published.
"$sheetlog" -C "$demo" log 2023-04..HEAD >&2
# Four eyes: a second person approves the draft's change (the editor may
# not approve their own), and the review shows who changed it and who
# approved it. The record lives on refs/sheetlog/approvals.
git -C "$demo" config user.name "Reviewer (demo)"
git -C "$demo" config user.email "reviewer@example.invalid"
"$sheetlog" -C "$demo" approve 3-1 -m "checked against the backup runbook" >&2
"$sheetlog" -C "$demo" review >&2
# The review cycle: answers neither changed nor confirmed for 12 months,
# oldest first (one is confirmed first, so it is not on the list).
"$sheetlog" -C "$demo" approve --confirm 1-1 -m "still accurate" >&2
"$sheetlog" -C "$demo" stale --older-than 12m --format markdown -o "$root/out/stale.md"
sed -n '1,8p' "$root/out/stale.md" >&2
echo "sheetlog: the full stale-answer report: out/stale.md" >&2
# A workbook edited outside sheetlog comes back in as a plan: the sheet
# exported, edited by openpyxl as an editor would in Excel (a row inserted
# after 2-5, the rows below renumbered by hand, an answer reworded:
# scripts/demo/edit_workbook.py), then imported as a preview (no --write):
# 1 added, 16 renumbered, 1 modified, nothing lost.
py=/usr/bin/python3; [ -x "$py" ] || py=python3
"$sheetlog" -C "$demo" export --format xlsx -o "$demo/../$(basename "$demo")-sheet.xlsx"
"$py" scripts/demo/edit_workbook.py "$demo/../$(basename "$demo")-sheet.xlsx" "$root/out/sheet-edited.xlsx"
rm -f "$demo/../$(basename "$demo")-sheet.xlsx"
"$sheetlog" -C "$demo" import --from xlsx "$root/out/sheet-edited.xlsx" > "$root/out/import-plan.txt"
sed -n '1,12p' "$root/out/import-plan.txt" >&2
echo "sheetlog: the whole plan of out/sheet-edited.xlsx: out/import-plan.txt (apply it with import --from xlsx FILE --write)" >&2
"$sheetlog" -C "$demo" changelog 2022-09..2023-04
