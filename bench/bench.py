#!/usr/bin/env python3
"""The newsidx benchmark: newsidx beside raw SQLite FTS5, same files, one run.

    python3 bench/bench.py [--articles 100000] [--corpus DIR] [--build DIR] [--runs 21]

Generates the corpus with bench/gen_corpus.py when DIR does not exist yet
(default /tmp/newsidx-bench-<articles>), then measures, for newsidx and for
the baseline (bench/raw_fts5: FTS5 with `unicode61 remove_diacritics 2`, all
rows in one transaction, no French analysis):

  * ingest: wall time, files/s, MB/s, peak memory (largest process);
  * no-op re-ingest (newsidx only: the baseline has no incremental mode);
  * database size;
  * query latency as whole processes (what a user waits for): median, p95
    and max over --runs runs of each query of a fixed mix, built from the
    terms the generator chose (queries.json): rare word, common word,
    two-word AND, phrase, prefix, inflected form, date-filtered word,
    date-only listing.

and prints the ratios newsidx / raw. Uses only python3's standard library.
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def run(cmd, quiet=True):
    """Runs cmd; returns (wall seconds, peak RSS in MiB, exit code)."""
    start = time.perf_counter()
    out = subprocess.DEVNULL if quiet else None
    proc = subprocess.Popen(cmd, stdout=out, stderr=out)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    return wall, usage.ru_maxrss / 1024.0, os.waitstatus_to_exitcode(status)


def size_of(path):
    return sum(os.path.getsize(p) for p in (path, path + "-wal") if os.path.exists(p))


def corpus_bytes(folder):
    total = 0
    files = 0
    for dirpath, _, names in os.walk(folder):
        for n in names:
            if n.endswith(".txt"):
                total += os.path.getsize(os.path.join(dirpath, n))
                files += 1
    return files, total


def latency(cmd, runs):
    times = []
    for _ in range(runs):
        wall, _, code = run(cmd)
        if code not in (0, 1):
            sys.exit(f"bench: {' '.join(cmd)} failed with exit code {code}")
        times.append(wall * 1000)
    times.sort()
    p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
    return statistics.median(times), p95, times[-1]


def query_mix(q):
    """(name, newsidx search arguments, raw_fts5 arguments)."""
    q = q["queries"]
    rare, common = q["rare"]["query"], q["common"]["query"]
    a, b = q["and_pair"]["terms"]
    phrase = q["phrase"]["phrase"]
    prefix = q["prefix"]["prefix"]
    inflected = q["inflected"]["query"]
    return [
        ("rare word", [rare], ["search", rare]),
        ("common word", [common], ["search", common]),
        ("two-word AND", [a, b], ["search", f"{a} {b}"]),
        ("phrase", [f'"{phrase}"'], ["search", f'"{phrase}"']),
        ("prefix", [prefix + "*"], ["search", prefix + "*"]),
        ("inflected form", [inflected], ["search", inflected]),
        ("date-filtered", [common, "--from", "2010-01", "--to", "2012-06"],
         ["search", common, "--from", "2010-01-01", "--to", "2012-06-30"]),
        ("date-only listing", ["--from", "2015-03", "--to", "2015-04"],
         ["list", "--from", "2015-03-01", "--to", "2015-04-30"]),
    ]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=100000)
    ap.add_argument("--corpus", help="corpus folder (generated when absent)")
    ap.add_argument("--build", default=os.path.join(ROOT, "build", "release"),
                    help="build folder with newsidx and bench/raw_fts5")
    ap.add_argument("--work", default="/tmp", help="where the databases go")
    ap.add_argument("--runs", type=int, default=21, help="runs of each query")
    ap.add_argument("--json", help="also write the figures to this file")
    args = ap.parse_args()

    corpus = args.corpus or os.path.join(args.work, f"newsidx-bench-{args.articles}")
    if not os.path.isdir(corpus):
        subprocess.run([sys.executable, os.path.join(HERE, "gen_corpus.py"), corpus,
                        "--articles", str(args.articles), "--quiet"], check=True)
    with open(os.path.join(corpus, "queries.json"), encoding="utf-8") as f:
        queries = json.load(f)
    newsidx = os.path.join(args.build, "newsidx")
    raw = os.path.join(args.build, "bench", "raw_fts5")
    for exe in (newsidx, raw):
        if not os.access(exe, os.X_OK):
            sys.exit(f"bench: {exe} is missing; build the project first (scripts/build.sh)")
    db = os.path.join(args.work, "newsidx-bench.db")
    raw_db = os.path.join(args.work, "newsidx-bench-raw.db")
    for p in (db, db + "-wal", db + "-shm", raw_db, raw_db + "-wal", raw_db + "-shm"):
        if os.path.exists(p):
            os.remove(p)

    files, nbytes = corpus_bytes(corpus)
    mb = nbytes / 1e6
    print(f"corpus: {corpus}: {files:,} files, {mb:,.1f} MB; {os.cpu_count()} cores",
          flush=True)
    res = {"files": files, "mb": mb}
    ingest_cmd = [newsidx, "--db", db, "ingest", "--quiet", corpus]
    res["ingest_s"], res["ingest_rss"], _ = run(ingest_cmd)
    res["reingest_s"], _, _ = run(ingest_cmd)
    res["db_bytes"] = size_of(db)
    res["raw_ingest_s"], res["raw_ingest_rss"], _ = run([raw, "ingest", raw_db, corpus])
    res["raw_db_bytes"] = size_of(raw_db)

    rows = []
    for name, ours, theirs in query_mix(queries):
        a = latency([newsidx, "--db", db, "search", *ours], args.runs)
        b = latency([raw, theirs[0], raw_db, *theirs[1:]], args.runs)
        rows.append((name, a, b))
    res["queries"] = {name: {"newsidx_ms": a, "raw_ms": b} for name, a, b in rows}

    def line(label, ours, theirs, fmt, ratio=True):
        r = f"{ours / theirs:6.2f}" if ratio and theirs else "     -"
        print(f"{label:<22} {fmt(ours):>14} {fmt(theirs):>14}   {r}")

    print(f"\n{'':<22} {'newsidx':>14} {'raw FTS5':>14}   newsidx/raw")
    line("ingest (s)", res["ingest_s"], res["raw_ingest_s"], lambda v: f"{v:.1f}")
    line("ingest files/s", files / res["ingest_s"], files / res["raw_ingest_s"],
         lambda v: f"{v:,.0f}")
    line("ingest MB/s", mb / res["ingest_s"], mb / res["raw_ingest_s"], lambda v: f"{v:.1f}")
    line("peak memory (MiB)", res["ingest_rss"], res["raw_ingest_rss"], lambda v: f"{v:.0f}")
    line("no-op re-ingest (s)", res["reingest_s"], 0, lambda v: f"{v:.2f}" if v else "-",
         ratio=False)
    line("database (MB)", res["db_bytes"] / 1e6, res["raw_db_bytes"] / 1e6, lambda v: f"{v:.0f}")
    print(f"\nquery latency, ms, whole process, {args.runs} runs: median / p95 / max")
    for name, a, b in rows:
        print(f"{name:<22} {a[0]:5.1f} /{a[1]:5.1f} /{a[2]:5.1f}   "
              f"{b[0]:5.1f} /{b[1]:5.1f} /{b[2]:5.1f}   {a[0] / b[0]:5.2f}")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(res, f, indent=1)


if __name__ == "__main__":
    main()
