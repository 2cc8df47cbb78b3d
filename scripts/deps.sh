#!/usr/bin/env bash
# deps.sh [build|run|test|bench|fuzz|all]: install the Debian packages a task
# needs, and only those missing (idempotent; nothing is downloaded outside
# the package manager). Runs apt-get through sudo when not root.
set -euo pipefail

profile=${1:-build}
build_pkgs=(cmake make gcc pkg-config libgit2-dev libjansson-dev libutf8proc-dev libxlsxwriter-dev libzip-dev libexpat1-dev)
test_pkgs=("${build_pkgs[@]}" libcmocka-dev valgrind clang-format git unzip python3 python3-openpyxl)
run_pkgs=("${build_pkgs[@]}" git python3 python3-openpyxl)
bench_pkgs=("${build_pkgs[@]}" git)
fuzz_pkgs=("${build_pkgs[@]}" clang libclang-rt-dev)
# Wanted but not required: the browser test of the review page runs in
# headless Chromium (with Japanese fonts for its screenshot) from python3,
# and is counted as skipped where they cannot be installed.
optional_pkgs=()

case "$profile" in
  build) pkgs=("${build_pkgs[@]}") ;;
  run)   pkgs=("${run_pkgs[@]}") ;;
  test)  pkgs=("${test_pkgs[@]}"); optional_pkgs=(python3 chromium fonts-noto-cjk) ;;
  bench) pkgs=("${bench_pkgs[@]}") ;;
  fuzz)  pkgs=("${fuzz_pkgs[@]}") ;;
  all)   pkgs=("${test_pkgs[@]}" git clang libclang-rt-dev)
         optional_pkgs=(python3 chromium fonts-noto-cjk) ;;
  *) echo "usage: scripts/deps.sh [build|run|test|bench|fuzz|all]" >&2; exit 2 ;;
esac

missing_of() { # prints the packages of "$@" that are not installed
  local p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || echo "$p"
  done
}
mapfile -t missing < <(missing_of "${pkgs[@]}")
mapfile -t missing_optional < <(missing_of "${optional_pkgs[@]}")
[ ${#missing[@]} -eq 0 ] && [ ${#missing_optional[@]} -eq 0 ] && exit 0

sudo=
if [ "$(id -u)" -ne 0 ]; then
  if ! command -v sudo >/dev/null; then
    [ ${#missing[@]} -eq 0 ] && { echo "deps.sh: cannot install optional ${missing_optional[*]} (no root or sudo)" >&2; exit 0; }
    echo "deps.sh: need root or sudo to install: ${missing[*]}" >&2; exit 1
  fi
  sudo=sudo
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq || [ ${#missing[@]} -eq 0 ]
if [ ${#missing[@]} -gt 0 ]; then
  echo "deps.sh: installing ${missing[*]}" >&2
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
if [ ${#missing_optional[@]} -gt 0 ]; then
  echo "deps.sh: installing (optional) ${missing_optional[*]}" >&2
  $sudo apt-get install -y -qq --no-install-recommends "${missing_optional[@]}" >/dev/null ||
    echo "deps.sh: could not install ${missing_optional[*]}; the tests that need them will be skipped" >&2
fi
