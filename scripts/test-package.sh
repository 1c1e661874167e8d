#!/usr/bin/env bash
# Builds the Debian package from a configured and built build folder, installs
# it, checks that the installed program works (version, ingest of data/, a
# search, the manual page, the completions, the template, the SQLite
# extension), then removes the package. Exits non-zero on any failure.
# Run as root (or with sudo) on Debian 12 or later.
# Usage: scripts/test-package.sh BUILD_DIR
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
if [ "$#" -ne 1 ]; then
  echo "usage: $0 BUILD_DIR" >&2
  exit 2
fi
build="$(cd "$1" && pwd)"
if [ ! -f "$build/CPackConfig.cmake" ]; then
  echo "test-package: $build is not a configured newsidx build folder" >&2
  exit 2
fi

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive

fail() {
  echo "test-package: FAILED: $*" >&2
  exit 1
}

# Runs a command, showing its output only when it fails.
quietly() {
  local log status=0
  log="$(mktemp)"
  "$@" >"$log" 2>&1 || status=$?
  [ "$status" -eq 0 ] || cat "$log" >&2
  rm -f "$log"
  return "$status"
}

# What this test needs: dpkg-shlibdeps (the package's Depends), man and groff
# (man -w, rendering the page).
needed=(dpkg-dev man-db groff-base)
missing=()
for p in "${needed[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "== installing: ${missing[*]}"
  quietly $sudo apt-get update -qq
  quietly $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Never replace or remove a newsidx package that was there before.
if dpkg-query -W -f='${Status}' newsidx 2>/dev/null | grep -q "install ok installed"; then
  echo "test-package: a newsidx package is already installed; remove it first" >&2
  exit 2
fi

echo "== building the package"
rm -f "$build"/newsidx_*.deb
quietly cpack -G DEB --config "$build/CPackConfig.cmake" -B "$build" || fail "cpack -G DEB"
debs=("$build"/newsidx_*.deb)
[ -f "${debs[0]}" ] || fail "cpack made no newsidx_*.deb in $build"
deb="${debs[0]}"
version="$(sed -n 's/^CMAKE_PROJECT_VERSION:[A-Z]*=//p' "$build/CMakeCache.txt")"
arch="$(dpkg --print-architecture)"
[ "$(basename "$deb")" = "newsidx_${version}_${arch}.deb" ] ||
  fail "package file is $(basename "$deb"), expected newsidx_${version}_${arch}.deb"
echo "$(basename "$deb"): $(dpkg-deb -f "$deb" Depends)"

work="$(mktemp -d)"
installed=0
cleanup() {
  if [ "$installed" = 1 ]; then
    $sudo apt-get remove -y -qq newsidx >/dev/null 2>&1 || true
    $sudo dpkg --purge newsidx >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

echo "== installing the package"
installed=1
quietly $sudo apt-get install -y -qq --no-install-recommends "$deb" || fail "apt-get install"
dpkg-query -W -f='${Status}' newsidx | grep -q "install ok installed" || fail "not installed"

echo "== checking the installed files"
[ "$(command -v newsidx)" = /usr/bin/newsidx ] || fail "newsidx is not /usr/bin/newsidx"
got="$(newsidx --version)"
[ "$got" = "newsidx $version" ] || fail "newsidx --version printed '$got'"
for f in /usr/lib/libnewsidx_fts.so \
         /usr/share/man/man1/newsidx.1 \
         /usr/share/bash-completion/completions/newsidx \
         /usr/share/zsh/vendor-completions/_newsidx \
         /usr/share/newsidx/opensearch-template.json; do
  dpkg -L newsidx | grep -qx "$f" || fail "$f is not in the package"
  [ -s "$f" ] || fail "$f is missing or empty"
done
page="$(man -w newsidx)" || fail "man -w newsidx found no page"
case "$page" in
  /usr/share/man/man1/newsidx.1*) ;;
  *) fail "man -w newsidx gave $page" ;;
esac
warnings="$(MANWIDTH=80 man --warnings -l "$page" 2>&1 >/dev/null)"
[ -z "$warnings" ] || fail "the manual page renders with warnings: $warnings"
bash -c 'source /usr/share/bash-completion/completions/newsidx
         COMP_WORDS=(newsidx se); COMP_CWORD=1; _newsidx
         [ "${COMPREPLY[*]}" = search ]' || fail "bash completion of 'newsidx se'"
template=/usr/share/newsidx/opensearch-template.json
if command -v python3 >/dev/null; then
  python3 -c 'import json, sys; json.load(open(sys.argv[1]))' "$template" ||
    fail "the template is not valid JSON"
elif command -v jq >/dev/null; then
  jq -e . "$template" >/dev/null || fail "the template is not valid JSON"
fi

echo "== ingesting data/ and searching"
db="$work/newsidx.db"
quietly newsidx --db "$db" ingest --quiet "$here/data" || fail "ingest of data/"
n="$(newsidx --db "$db" search grève --count)" || fail "search found nothing"
[ "$n" -ge 1 ] || fail "search grève counted $n"
newsidx --db "$db" search grève --limit 1 | grep -q "grève" || fail "search printed no hit"
# The installed program and extension agree: the database reads in the shell.
if command -v sqlite3 >/dev/null; then
  m="$(sqlite3 "$db" '.load /usr/lib/libnewsidx_fts' \
       "SELECT count(*) FROM article_fts WHERE article_fts MATCH '\"greve\"'")" ||
    fail "sqlite3 could not load /usr/lib/libnewsidx_fts"
  [ "$m" = "$n" ] || fail "the extension found $m articles, newsidx $n"
fi
echo "$n articles match 'grève'"

echo "== removing the package"
quietly $sudo apt-get remove -y -qq newsidx || fail "apt-get remove"
installed=0
quietly $sudo dpkg --purge newsidx || fail "dpkg --purge"  # no "rc" entry left behind
[ ! -e /usr/bin/newsidx ] || fail "/usr/bin/newsidx is still there after removal"
! dpkg-query -W -f='${Status}' newsidx 2>/dev/null | grep -q "install ok installed" ||
  fail "still installed after apt-get remove"
echo "package test passed: $(basename "$deb")"
