#!/usr/bin/env bash
# Installs what is missing, builds newsidx twice (warnings as errors; then
# with AddressSanitizer + UndefinedBehaviorSanitizer) and runs the whole test
# suite on each build; checks formatting and clang-tidy (scripts/lint.sh);
# builds, installs and tries the Debian package; then runs each fuzzer for
# 20 seconds (scripts/fuzz.sh).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
cd "$here"
scripts/install-deps.sh --test

echo "== build (warnings as errors)"
scripts/build.sh build/ci -DNEWSIDX_WERROR=ON
echo "== tests"
(cd build/ci && ctest --output-on-failure -j "$(nproc)")

if [ "${NEWSIDX_SKIP_LINT:-0}" != 1 ]; then
  echo "== lint (clang-format, clang-tidy)"
  scripts/lint.sh build/ci
fi

if [ "${NEWSIDX_SKIP_PACKAGE:-0}" != 1 ]; then
  echo "== Debian package: build, install, use, remove"
  scripts/test-package.sh build/ci
fi

if [ "${NEWSIDX_SKIP_SANITIZERS:-0}" != 1 ]; then
  echo "== build (ASan + UBSan)"
  scripts/build.sh build/asan -DNEWSIDX_WERROR=ON -DNEWSIDX_SANITIZE=ON -DNEWSIDX_BUILD_BENCH=OFF
  echo "== tests under ASan + UBSan"
  (cd build/asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
     ctest --output-on-failure -j "$(nproc)")
fi

if [ "${NEWSIDX_SKIP_FUZZ:-0}" != 1 ]; then
  echo "== fuzzers, 20 s each"
  scripts/fuzz.sh all 20
fi
