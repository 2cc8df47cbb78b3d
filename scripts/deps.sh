#!/usr/bin/env bash
# deps.sh [build|run|test|bench|fuzz|all]: install the Debian packages a task
# needs, and only those missing (idempotent; nothing is downloaded outside
# the package manager). Runs apt-get through sudo when not root.
set -euo pipefail

profile=${1:-build}
build_pkgs=(cmake make gcc pkg-config libgit2-dev libjansson-dev libutf8proc-dev)
test_pkgs=("${build_pkgs[@]}" libcmocka-dev valgrind clang-format git)
run_pkgs=("${build_pkgs[@]}" git)
bench_pkgs=("${build_pkgs[@]}" git hyperfine time)
fuzz_pkgs=("${build_pkgs[@]}" clang libclang-rt-dev)

case "$profile" in
  build) pkgs=("${build_pkgs[@]}") ;;
  run)   pkgs=("${run_pkgs[@]}") ;;
  test)  pkgs=("${test_pkgs[@]}") ;;
  bench) pkgs=("${bench_pkgs[@]}") ;;
  fuzz)  pkgs=("${fuzz_pkgs[@]}") ;;
  all)   pkgs=("${test_pkgs[@]}" git hyperfine time clang libclang-rt-dev) ;;
  *) echo "usage: scripts/deps.sh [build|run|test|bench|fuzz|all]" >&2; exit 2 ;;
esac

missing=()
for p in "${pkgs[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "deps.sh: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  sudo=sudo
fi
echo "deps.sh: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
