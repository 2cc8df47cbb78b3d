#!/usr/bin/env bash
# scripts/demo/build.sh DIR: the demo repository in DIR (a new, empty or
# missing directory): checklist/ committed and tagged as edition/2022-09,
# then the illustrative 2023-04 edits of scripts/demo/ (README.md) as
# edition/2023-04, then a draft after it (scripts/demo/draft/: one answer
# edited, not yet published). Used by scripts/run.sh and scripts/bench.sh.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
demo=$1
mkdir -p "$demo"
commit() { # commit DATE MESSAGE [TAG]
  GIT_AUTHOR_DATE="$1" GIT_COMMITTER_DATE="$1" git -C "$demo" commit -q -m "$2"
  if [ $# -gt 2 ]; then GIT_COMMITTER_DATE="$1" git -C "$demo" tag -a "$3" -m "$2"; fi
}
git -C "$demo" init -q
git -C "$demo" config user.name "Sheet editor (demo)"
git -C "$demo" config user.email "editor@example.invalid"
cp -r "$root/checklist" "$demo/checklist"
git -C "$demo" add -A
commit "2022-09-30T10:00:00+09:00" "Publish the 2022-09 edition" edition/2022-09
while read -r f; do rm "$demo/checklist/$f"; done < "$root/scripts/demo/2023-04.removed"
cp -r "$root/scripts/demo/2023-04/." "$demo/checklist/"
git -C "$demo" add -A
commit "2023-04-28T15:00:00+09:00" "Publish the 2023-04 edition (illustrative edits)" edition/2023-04
cp -r "$root/scripts/demo/draft/." "$demo/checklist/"
git -C "$demo" add -A
commit "2023-05-15T11:00:00+09:00" "Draft: 3-1 says the backups are encrypted"
