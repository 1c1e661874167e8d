#!/usr/bin/env bash
# The lint step of CI: formatting (clang-format --dry-run -Werror on every C++
# file) and clang-tidy (the checks of .clang-tidy) on the library and the CLI.
# Usage: scripts/lint.sh BUILD_DIR   (a configured build: its compile_commands.json)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
build="$(cd "${1:?usage: scripts/lint.sh BUILD_DIR}" && pwd)"
cd "$here"

echo "-- clang-format"
git ls-files '*.cpp' '*.hpp' | xargs clang-format --dry-run -Werror

echo "-- clang-tidy"
# run-clang-tidy fails when a check fails (WarningsAsErrors in .clang-tidy);
# its chatter ("N warnings generated", suppressed counts) is left out.
status=0
output="$(run-clang-tidy -quiet -p "$build" -j "$(nproc)" "$here/src/" 2>&1)" || status=$?
grep -v -E '^[0-9]+ warnings? (and [0-9]+ errors? )?generated|^Suppressed [0-9]+ warnings|^Use -header-filter|^$' \
  <<<"$output" || true
exit "$status"
