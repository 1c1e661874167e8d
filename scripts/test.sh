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

# Line tables only (-g1): enough for the stack traces of a failed test or a
# sanitizer report, and each file compiles in about 3/4 of the time of -g.
echo "== build (warnings as errors)"
scripts/build.sh build/ci -DNEWSIDX_WERROR=ON \
  -DCMAKE_C_FLAGS_RELWITHDEBINFO="-O2 -g1 -DNDEBUG" -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -g1 -DNDEBUG"
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
  # -O1, as the sanitizers' documentation advises: it compiles in about half
  # the time of -O2 -g, and the suite runs about as fast.
  scripts/build.sh build/asan -DNEWSIDX_WERROR=ON -DNEWSIDX_SANITIZE=ON -DNEWSIDX_BUILD_BENCH=OFF \
    -DCMAKE_C_FLAGS_RELWITHDEBINFO="-O1 -g1" -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1"
  echo "== tests under ASan + UBSan"
  (cd build/asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
     ctest --output-on-failure -j "$(nproc)")
fi

if [ "${NEWSIDX_SKIP_FUZZ:-0}" != 1 ]; then
  echo "== fuzzers, 20 s each"
  scripts/fuzz.sh all 20
fi
