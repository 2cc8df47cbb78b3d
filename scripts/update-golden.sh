#!/usr/bin/env bash
# update-golden.sh: rewrite tests/golden/ and the expected outputs of
# tests/cases/ from the current build. Review the diff before committing:
# a golden change is a behaviour change.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build -DSL_WERROR=ON >/dev/null
cmake --build build -j"$(nproc)" >/dev/null
(cd build && SL_UPDATE_GOLDEN=1 ctest -L 'golden|cli|cases' >/dev/null || true)
(cd build && ctest -L 'golden|cli|cases' --output-on-failure)
git status --short tests/golden tests/cases
