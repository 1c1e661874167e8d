#!/usr/bin/env bash
# Configures and builds newsidx into a build folder.
# Usage: scripts/build.sh BUILD_DIR [extra cmake arguments]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
build="$1"
shift
cmake -S "$here" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
cmake --build "$build" -j "$(nproc)"
