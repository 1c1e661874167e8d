#!/usr/bin/env bash
# The main job on the sample articles: installs what is missing, builds,
# ingests data/ into a fresh database, then searches it and shows the best hit.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
cd "$here"
scripts/install-deps.sh
scripts/build.sh build/release
newsidx=build/release/newsidx
db=build/demo/newsidx.db
rm -f "$db" "$db-wal" "$db-shm"

set -x
"$newsidx" --db "$db" ingest data/ || [ $? -eq 1 ]
"$newsidx" --db "$db" search grève --limit 3
"$newsidx" --db "$db" search '"hausse des prix" OR inondations' --from 2010 --limit 3
"$newsidx" --db "$db" stats
id=$("$newsidx" --db "$db" search manifestations --json --limit 1 | sed 's/^{"id":"\([0-9a-f]*\)".*/\1/')
"$newsidx" --db "$db" show "${id:0:8}"
