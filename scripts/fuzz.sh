#!/usr/bin/env bash
# fuzz.sh [SECONDS] [TARGET...]: build the libFuzzer targets (clang, ASan +
# UBSan, build-fuzz/) and run each for SECONDS (default 60), two at a time
# (one per core). Seeds come from tests/fuzz/corpus/<target>/; new inputs
# go to build-fuzz/corpus/<target>/ (kept between runs, never committed
# unless a finding is turned into a test). Any crash, leak, timeout (10 s
# per input), out-of-memory or sanitizer report fails the run; the input
# is left in build-fuzz/findings/<target>/ and its replay command printed.
# Prints the executions of every target.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
seconds=${1:-60}
shift || true
scripts/deps.sh fuzz
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  # every target tests/fuzz/CMakeLists.txt declares
  read -r -a targets < <(sed -n 's/^set(SL_FUZZ_TARGETS \(.*\))$/\1/p' tests/fuzz/CMakeLists.txt)
fi
CC=clang cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSL_FUZZ=ON \
  -DSL_BUILD_TESTS=OFF >/dev/null
cmake --build build-fuzz -j"$(nproc)" $(printf -- '--target fuzz_%s ' "${targets[@]}") >/dev/null

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export LSAN_OPTIONS=suppressions=$root/tests/lsan.supp
run() { # run TARGET: one fuzzing session, its summary line on stdout
  local t=$1 work="build-fuzz/corpus/$1" found="build-fuzz/findings/$1" log="build-fuzz/$1.log"
  mkdir -p "$work" "$found"
  if build-fuzz/fuzz_"$t" "$work" "tests/fuzz/corpus/$t" -max_total_time="$seconds" \
       -timeout=10 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
       -artifact_prefix="$found/" >"$log" 2>&1; then
    local execs
    execs=$(awk '/stat::number_of_executed_units/ {print $2}' "$log")
    printf '%-10s ok    %10s executions in %ss (%s corpus inputs)\n' "$t" "$execs" "$seconds" \
      "$(find "$work" -type f | wc -l)"
  else
    printf '%-10s FAIL  see %s; replay: build-fuzz/fuzz_%s %s/<input>\n' "$t" "$log" "$t" "$found"
    grep -m5 -E "ERROR|invariant|SUMMARY" "$log" | sed 's/^/           /'
    return 1
  fi
}

status=0
jobs=$(nproc)
pids=()
names=()
for t in "${targets[@]}"; do
  run "$t" > "build-fuzz/$t.summary" &
  pids+=($!)
  names+=("$t")
  if [ ${#pids[@]} -ge "$jobs" ]; then
    wait "${pids[0]}" || status=1
    cat "build-fuzz/${names[0]}.summary"
    pids=("${pids[@]:1}")
    names=("${names[@]:1}")
  fi
done
for i in "${!pids[@]}"; do
  wait "${pids[$i]}" || status=1
  cat "build-fuzz/${names[$i]}.summary"
done
[ $status -eq 0 ] && echo "fuzz.sh: all targets clean" || echo "fuzz.sh: failures (see above)" >&2
exit $status
