#!/usr/bin/env bash
# coverage.sh: line and branch coverage of src/ by the whole test suite
# (gcov instrumentation, build-cov/), summarised with lcov; the HTML report
# goes to build-cov/coverage/index.html. Prints the two figures last.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh test
dpkg-query -W -f='${Status}' lcov 2>/dev/null | grep -q "install ok installed" || {
  sudo=; [ "$(id -u)" -ne 0 ] && sudo=sudo
  $sudo apt-get install -y -qq --no-install-recommends lcov >/dev/null
}
cmake -S . -B build-cov -DCMAKE_BUILD_TYPE=Debug -DSL_COVERAGE=ON >/dev/null
cmake --build build-cov -j"$(nproc)" >/dev/null
find build-cov -name '*.gcda' -delete
(cd build-cov && ctest -j"$(nproc)" --output-on-failure -LE browser >/dev/null) || {
  echo "coverage.sh: tests failed; the figures would mean nothing" >&2
  exit 1
}
lcov --quiet --capture --directory build-cov --rc lcov_branch_coverage=1 \
  --output-file build-cov/all.info 2>/dev/null
lcov --quiet --extract build-cov/all.info "$(pwd)/src/*" --rc lcov_branch_coverage=1 \
  --output-file build-cov/src.info 2>/dev/null
genhtml --quiet --branch-coverage build-cov/src.info --output-directory build-cov/coverage \
  >/dev/null 2>&1 || true
lcov --summary build-cov/src.info --rc lcov_branch_coverage=1 2>&1 | grep -E "lines|branches"
