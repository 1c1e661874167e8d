#!/usr/bin/env bash
# Builds the libFuzzer targets of fuzz/ with clang (ASan + UBSan) and runs
# them, each for a bounded time, from seed corpora built from data/.
#
# Usage: scripts/fuzz.sh [TARGET|all] [SECONDS]
#   TARGET   fuzz_parser, fuzz_analyzer or fuzz_query (also: parser, analyzer,
#            query); default all
#   SECONDS  time per target (libFuzzer -max_total_time); default 60
# Environment: NEWSIDX_FUZZ_BUILD  build folder (default build/fuzz)
#              NEWSIDX_FUZZ_ARGS   more libFuzzer options, e.g. "-jobs=2"
#
# The corpus each target grows is kept in BUILD/corpus/TARGET between runs;
# crashing inputs go to BUILD/artifacts/TARGET/. Prints the executions and the
# final coverage (cov:, ft:) of each target; exits non-zero when a target
# crashes, hangs or leaks.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
cd "$here"

what="${1:-all}"
seconds="${2:-60}"
case "$what" in
  all) targets=(fuzz_parser fuzz_analyzer fuzz_query) ;;
  fuzz_parser | fuzz_analyzer | fuzz_query) targets=("$what") ;;
  parser | analyzer | query) targets=("fuzz_$what") ;;
  *) echo "usage: $0 [fuzz_parser|fuzz_analyzer|fuzz_query|all] [SECONDS]" >&2; exit 2 ;;
esac
if ! [[ "$seconds" =~ ^[0-9]+$ ]] || [ "$seconds" -eq 0 ]; then
  echo "$0: SECONDS must be a positive whole number" >&2
  exit 2
fi

scripts/install-deps.sh --fuzz

build="${NEWSIDX_FUZZ_BUILD:-build/fuzz}"
generator=()
command -v ninja >/dev/null && generator=(-G Ninja)
mkdir -p "$build"
echo "== building ${targets[*]} in $build"
if ! { [ -f "$build/CMakeCache.txt" ] ||
       CC=clang CXX=clang++ cmake -S . -B "$build" "${generator[@]}" \
         -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNEWSIDX_FUZZ=ON -DNEWSIDX_BUILD_TESTS=OFF \
         -DNEWSIDX_BUILD_BENCH=OFF; } >"$build/build.log" 2>&1 ||
   ! cmake --build "$build" -j "$(nproc)" --target "${targets[@]}" >>"$build/build.log" 2>&1; then
  tail -n 30 "$build/build.log" >&2
  echo "$0: the build failed; log: $build/build.log" >&2
  exit 1
fi

# Seed corpora: the sample articles for the parser and the analyzer, the
# example queries plus a phrase from each sample article for the query.
seeds="$build/seeds"
rm -rf "$seeds"
mkdir -p "$seeds/fuzz_parser" "$seeds/fuzz_analyzer" "$seeds/fuzz_query"
n=0
while IFS= read -r -d '' f; do
  n=$((n + 1))
  cp "$f" "$seeds/fuzz_parser/data-$n.txt"
  cp "$f" "$seeds/fuzz_analyzer/data-$n.txt"
  # The first words of the article's first line, as a phrase.
  head -n 1 "$f" | tr -d '\r"' | awk '{ s = "\""; for (i = 3; i <= NF && i < 9; i++) s = s (i > 3 ? " " : "") $i; print s "\"" }' \
    | tr -d '\n' >"$seeds/fuzz_query/data-$n"
done < <(find data -name '*.txt' -type f -print0 | sort -z)
n=0
while IFS= read -r line; do
  n=$((n + 1))
  printf '%s' "$line" >"$seeds/fuzz_query/example-$n"
done <fuzz/query_seeds.txt

status=0
for target in "${targets[@]}"; do
  corpus="$build/corpus/$target"
  artifacts="$build/artifacts/$target"
  log="$build/$target.log"
  mkdir -p "$corpus" "$artifacts"
  dict="fuzz/${target#fuzz_}.dict"
  echo "== $target for ${seconds} s"
  set +e
  # shellcheck disable=SC2086  # NEWSIDX_FUZZ_ARGS is a list of options
  ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}" UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1}" \
    "$build/fuzz/$target" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 \
    -print_final_stats=1 -dict="$dict" -artifact_prefix="$artifacts/" \
    ${NEWSIDX_FUZZ_ARGS:-} "$corpus" "$seeds/$target" >"$log" 2>&1
  rc=$?
  set -e
  # The last status line ("#123456 DONE cov: 1234 ft: 5678 corp: …") and the run count.
  final=$(grep -E '^#[0-9]+' "$log" | tail -n 1 || true)
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  echo "   executions: ${runs:-?}; cov:${final#*cov:}"
  if [ "$rc" -ne 0 ]; then
    status=1
    echo "!! $target failed (exit $rc); log: $log; crashing inputs: $artifacts/" >&2
    grep -E 'ERROR|invariant violated|SUMMARY|Test unit written' "$log" | head -n 20 >&2 || true
  fi
done
exit "$status"
