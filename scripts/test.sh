#!/usr/bin/env bash
# test.sh: install what is missing, then run every test twice, then fuzz:
#   1. build-asan:     AddressSanitizer + UndefinedBehaviorSanitizer, all labels
#   2. build-valgrind: no sanitizers, the cli and cases labels under
#                      valgrind memcheck (ASan and valgrind cannot share a
#                      binary); zero errors and zero leaks required.
#   3. build-fuzz:     every libFuzzer target for SL_FUZZ_SECONDS (default
#                      60) each, two at a time (scripts/fuzz.sh).
# Warnings are errors in both builds, and the sources must be formatted
# (scripts/format.sh --check).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh test
jobs=$(nproc)

scripts/format.sh --check

cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DSL_WERROR=ON -DSL_SANITIZE=ON >/dev/null
cmake --build build-asan -j"$jobs"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export LSAN_OPTIONS=suppressions=$(pwd)/tests/lsan.supp
(cd build-asan && ctest --output-on-failure -j"$jobs")

cmake -S . -B build-valgrind -DCMAKE_BUILD_TYPE=Debug -DSL_WERROR=ON -DSL_VALGRIND=ON >/dev/null
cmake --build build-valgrind -j"$jobs"
(cd build-valgrind && ctest --output-on-failure -j"$jobs" -L 'cli|cases')

# Every fuzz target for a bounded time (clang, libFuzzer, ASan + UBSan).
scripts/fuzz.sh "${SL_FUZZ_SECONDS:-60}"
echo "test.sh: all tests passed (sanitizers, valgrind, fuzzing)"
