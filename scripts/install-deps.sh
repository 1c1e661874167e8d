#!/usr/bin/env bash
# Installs the Debian packages newsidx needs to build and test, when missing.
# Run as root (or with sudo) on Debian 12 or later.
# Usage: scripts/install-deps.sh [--test] [--fuzz] [--bench]
#   --test   also the tools the whole test suite and its lint step use: the
#            shells and programs the install tests run (bash, zsh, groff,
#            jq, dpkg-dev for the Debian package), python3 (the corpus
#            generator's test), clang-format and clang-tidy
#   --fuzz   also clang and its libFuzzer runtime, for scripts/fuzz.sh
#   --bench  also what bench/ needs: python3, GNU time (peak memory) and the
#            French word list of the generated corpus (/usr/share/dict/french)
set -euo pipefail

packages=(
  cmake g++ make pkg-config
  libsqlite3-dev libicu-dev libfmt-dev libcli11-dev catch2
  libstemmer-dev libxxhash-dev nlohmann-json3-dev
  sqlite3   # the shell, for the extension test
)
for arg in "$@"; do
  case "$arg" in
    --test) packages+=(bash zsh groff jq dpkg-dev python3 clang-format clang-tidy) ;;
    --fuzz) packages+=(clang libclang-rt-dev) ;;  # libclang-rt-dev: libFuzzer and the sanitizer runtimes
    --bench) packages+=(python3 time wfrench) ;;
    *) echo "install-deps.sh: unknown option $arg (use --test, --fuzz, --bench)" >&2; exit 2 ;;
  esac
done

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -eq 0 ]; then
  exit 0
fi
echo "Installing: ${missing[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
