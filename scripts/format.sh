#!/usr/bin/env bash
# format.sh [--check]: clang-format every C file of src/ and tests/.
set -euo pipefail
cd "$(dirname "$0")/.."
files=$(git ls-files 'src/*.c' 'src/*.h' 'tests/*.c' 'tests/*.h')
if [ "${1:-}" = "--check" ]; then
  clang-format --dry-run --Werror $files
else
  clang-format -i $files
fi
