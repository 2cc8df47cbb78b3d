#!/usr/bin/env bash
# run.sh: install what is missing, build, and run the main job on the
# embedded sheet: export the 2022-09 baseline (checklist/) as Markdown.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh build
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSL_BUILD_TESTS=OFF >/dev/null
cmake --build build -j"$(nproc)" >/dev/null
echo "== sheetlog lint (the embedded sheet) ==" >&2
build/sheetlog lint --quiet
echo "== sheetlog export --format markdown ==" >&2
build/sheetlog export --format markdown
