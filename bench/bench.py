#!/usr/bin/env python3
"""The newsidx benchmark: newsidx beside raw SQLite FTS5, same files, one run.

    python3 bench/bench.py [--articles 100000] [--corpus DIR] [--build DIR] [--runs 21]
                           [--vocabulary real|embedded] [--real DIR]

Generates the corpus with bench/gen_corpus.py when DIR does not exist yet
(default /tmp/newsidx-bench-<articles>, or /tmp/newsidx-bench-embedded-<articles>
with --vocabulary embedded), then:

  * prints its vocabulary growth (distinct lower-case words of letters after
    500, 5,000 and 30,000 articles; from queries.json, else counted on the
    first 30,000 files in the order of their names) beside real French news;
  * measures, for newsidx and for the baseline (bench/raw_fts5: FTS5 with
    `unicode61 remove_diacritics 2`, all rows in one transaction, no French
    analysis): ingest wall time, CPU time (user + system), files/s, MB/s,
    peak memory (through GNU time, when /usr/bin/time is there); no-op re-ingest (newsidx only: the baseline has no
    incremental mode); database size; and query latency as whole processes
    (what a user waits for): median, p95 and max over --runs runs of each
    query of a fixed mix, built from the terms the generator chose
    (queries.json): rare word, common word, two-word AND, phrase, prefix,
    inflected form, date-filtered word, date-only listing;
  * does the same on real text, the articles of --real (default
    ../shared/corpus/orangesum-500 beside the project; skipped when absent),
    with a few real queries and the median of --real-ingests ingests;

and prints the ratios newsidx / raw, and the load average at the start and
the end (the ratios, measured in the same run, are what to compare across
runs).  Uses only python3's standard library; times come from the clock and
from the kernel's resource accounting of each child process (wait4).
"""
import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
REAL_CORPUS = os.path.join(os.path.dirname(ROOT), "shared", "corpus", "orangesum-500")

GNU_TIME = "/usr/bin/time"
WORD_RE = re.compile(r"[^\W\d_]+")  # a word, as gen_corpus.py counts them
VOCAB_POINTS = (500, 5000, 30000)
# Distinct words of real French news (OrangeSum articles, AFP wire copy) after
# 500, 5,000 and 30,000 articles, counted on 33,854 articles (issue 15).
REAL_VOCABULARY = {500: 17036, 5000: 52739, 30000: 112635}

# Real queries for the articles of orangesum-500 (document frequencies there):
# syrie 6, france 212, police 56 and enquête 58, "réseaux sociaux" 39,
# présid* 159, manifestations 21 (manifestation 15).
REAL_QUERIES = [
    ("rare word", ["syrie"], "syrie"),
    ("common word", ["france"], "france"),
    ("two-word AND", ["police", "enquête"], "police enquête"),
    ("phrase", ['"réseaux sociaux"'], '"réseaux sociaux"'),
    ("prefix", ["présid*"], "présid*"),
    ("inflected form", ["manifestations"], "manifestations"),
]


def run(cmd, peak=False):
    """Runs cmd quietly; returns (wall s, CPU s (user + system), peak RSS MiB or
    None, exit code).

    The peak memory (peak=True) is measured by GNU time (/usr/bin/time, Debian
    package time), whose child is forked from a small process: the kernel
    counts in a child's peak the size of the process it was forked from, so
    the figure of a child of this script would include this script's size.
    """
    timed = peak and os.access(GNU_TIME, os.X_OK)
    with tempfile.NamedTemporaryFile("r", prefix="bench-time-") as out:
        full = [GNU_TIME, "-f", "%M", "-o", out.name, *cmd] if timed else cmd
        start = time.perf_counter()
        proc = subprocess.Popen(full, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        rss = int(out.read().split()[-1]) / 1024.0 if timed else None
    return wall, usage.ru_utime + usage.ru_stime, rss, os.waitstatus_to_exitcode(status)


def size_of(path):
    return sum(os.path.getsize(p) for p in (path, path + "-wal") if os.path.exists(p))


def remove_db(path):
    for p in (path, path + "-wal", path + "-shm"):
        if os.path.exists(p):
            os.remove(p)


def corpus_files(folder):
    """The *.txt files under folder, in the order of their names, and their total bytes."""
    files = []
    total = 0
    for dirpath, _, names in os.walk(folder):
        for n in names:
            if n.endswith(".txt"):
                p = os.path.join(dirpath, n)
                total += os.path.getsize(p)
                files.append((n, p))
    files.sort()
    return [p for _, p in files], total


def count_vocabulary(paths, points=VOCAB_POINTS):
    """{n: distinct lower-case words of letters in the first n files} for each point
    n <= len(paths); reads only the first max(points) files."""
    words = set()
    out = {}
    for i, p in enumerate(paths[:max(points)], 1):
        with open(p, encoding="utf-8", errors="replace") as f:
            words.update(WORD_RE.findall(f.read().lower()))
        if i in points:
            out[i] = len(words)
    return out


def vocabulary_growth(report, paths):
    """The corpus's vocabulary growth: queries.json's figures, else counted."""
    known = report.get("vocabulary_growth", {})
    want = [n for n in VOCAB_POINTS if n <= len(paths)]
    if all(str(n) in known for n in want):
        return {n: known[str(n)] for n in want}, "queries.json"
    return count_vocabulary(paths), "counted"


def latency(cmd, runs):
    times = []
    for _ in range(runs):
        wall, _, _, code = run(cmd)
        if code not in (0, 1):
            sys.exit(f"bench: {' '.join(cmd)} failed with exit code {code}")
        times.append(wall * 1000)
    times.sort()
    p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
    return statistics.median(times), p95, times[-1]


def query_mix(q):
    """(name, newsidx search arguments, raw_fts5 arguments) of the generated corpus."""
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


def load():
    return "%.2f %.2f %.2f" % os.getloadavg()


def compare(title, corpus, mix, exe, work, runs, ingests):
    """Ingests corpus with newsidx and raw FTS5 (the median of `ingests` runs
    into fresh databases), then times the query mix; prints and returns the figures."""
    newsidx, raw = exe
    paths, nbytes = corpus_files(corpus)
    files, mb = len(paths), nbytes / 1e6
    db = os.path.join(work, "newsidx-bench.db")
    raw_db = os.path.join(work, "newsidx-bench-raw.db")
    print(f"\n== {title}: {corpus}: {files:,} files, {mb:,.1f} MB; load average {load()}",
          flush=True)
    res = {"corpus": corpus, "files": files, "mb": mb}
    ingest_cmd = [newsidx, "--db", db, "ingest", "--quiet", corpus]
    for key, cmd, path in (("", ingest_cmd, db), ("raw_", [raw, "ingest", raw_db, corpus], raw_db)):
        walls, cpus, rss = [], [], None
        for i in range(ingests):
            remove_db(path)
            wall, cpu, peak, code = run(cmd, peak=True)
            if code != 0:
                sys.exit(f"bench: {' '.join(cmd)} failed with exit code {code}")
            walls.append(wall)
            cpus.append(cpu)
            rss = peak if rss is None else max(rss, peak)
        res[key + "ingest_s"] = statistics.median(walls)
        res[key + "ingest_cpu_s"] = statistics.median(cpus)
        res[key + "ingest_rss"] = rss
        res[key + "db_bytes"] = size_of(path)
    res["reingest_s"], _, _, _ = run(ingest_cmd)

    rows = []
    for name, ours, theirs in mix:
        a = latency([newsidx, "--db", db, "search", *ours], runs)
        b = latency([raw, theirs[0], raw_db, *theirs[1:]], runs)
        rows.append((name, a, b))
    res["queries"] = {name: {"newsidx_ms": a, "raw_ms": b} for name, a, b in rows}
    res["load_after"] = load()

    def line(label, ours, theirs, fmt, ratio=True):
        r = f"{ours / theirs:6.2f}" if ratio and theirs else "     -"
        print(f"{label:<22} {fmt(ours):>14} {fmt(theirs):>14}   {r}")

    per = f" (median of {ingests})" if ingests > 1 else ""
    print(f"{'':<22} {'newsidx':>14} {'raw FTS5':>14}   newsidx/raw")
    line("ingest (s)" + per, res["ingest_s"], res["raw_ingest_s"], lambda v: f"{v:.2f}")
    line("ingest CPU (s)", res["ingest_cpu_s"], res["raw_ingest_cpu_s"], lambda v: f"{v:.2f}")
    line("ingest files/s", files / res["ingest_s"], files / res["raw_ingest_s"],
         lambda v: f"{v:,.0f}")
    line("ingest MB/s", mb / res["ingest_s"], mb / res["raw_ingest_s"], lambda v: f"{v:.1f}")
    if res["ingest_rss"] is not None:
        line("peak memory (MiB)", res["ingest_rss"], res["raw_ingest_rss"], lambda v: f"{v:.0f}")
    else:
        print(f"peak memory: not measured ({GNU_TIME} is missing: scripts/install-deps.sh --bench)")
    line("no-op re-ingest (s)", res["reingest_s"], 0, lambda v: f"{v:.2f}" if v else "-",
         ratio=False)
    line("database (MB)", res["db_bytes"] / 1e6, res["raw_db_bytes"] / 1e6,
         lambda v: f"{v:.1f}")
    print(f"query latency, ms, whole process, {runs} runs: median / p95 / max")
    for name, a, b in rows:
        print(f"{name:<22} {a[0]:6.1f} /{a[1]:6.1f} /{a[2]:6.1f}   "
              f"{b[0]:6.1f} /{b[1]:6.1f} /{b[2]:6.1f}   {a[0] / b[0]:5.2f}")
    print(f"load average after: {res['load_after']}", flush=True)
    for p in (db, raw_db):
        remove_db(p)
    return res


def print_vocabulary(growth, source, real_500):
    print("\nvocabulary growth, distinct lower-case words of letters, after N articles:")
    print(f"{'articles':>10} {'this corpus':>12} {'real news':>10}   ratio")
    for n, v in sorted(growth.items()):
        print(f"{n:>10,} {v:>12,} {REAL_VOCABULARY[n]:>10,}   {v / REAL_VOCABULARY[n]:5.2f}")
    print(f"(this corpus: {source}; real news: OrangeSum articles, issue 15"
          + (f"; orangesum-500 counted now: {real_500:,} at 500)" if real_500 else ")"))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=100000)
    ap.add_argument("--corpus", help="corpus folder (generated when absent)")
    ap.add_argument("--vocabulary", choices=("real", "embedded"), default="real",
                    help="vocabulary of a corpus to generate (see gen_corpus.py)")
    ap.add_argument("--build", default=os.path.join(ROOT, "build", "release"),
                    help="build folder with newsidx and bench/raw_fts5")
    ap.add_argument("--work", default="/tmp", help="where the databases go")
    ap.add_argument("--runs", type=int, default=21, help="runs of each query")
    ap.add_argument("--real", default=REAL_CORPUS,
                    help="folder of real articles timed too (default: %(default)s)")
    ap.add_argument("--real-ingests", type=int, default=5,
                    help="ingests of the real articles, of which the median is shown")
    ap.add_argument("--json", help="also write the figures to this file")
    args = ap.parse_args()
    if args.runs < 1 or args.real_ingests < 1:
        ap.error("--runs and --real-ingests must be at least 1")

    suffix = "" if args.vocabulary == "real" else "embedded-"
    corpus = args.corpus or os.path.join(args.work, f"newsidx-bench-{suffix}{args.articles}")
    if not os.path.isdir(corpus):
        subprocess.run([sys.executable, os.path.join(HERE, "gen_corpus.py"), corpus,
                        "--articles", str(args.articles), "--vocabulary", args.vocabulary,
                        "--quiet"], check=True)
    try:
        with open(os.path.join(corpus, "queries.json"), encoding="utf-8") as f:
            queries = json.load(f)
    except OSError as e:
        sys.exit(f"bench: {corpus} has no queries.json ({e.strerror}): "
                 "generate it with bench/gen_corpus.py")
    newsidx = os.path.join(args.build, "newsidx")
    raw = os.path.join(args.build, "bench", "raw_fts5")
    for exe in (newsidx, raw):
        if not os.access(exe, os.X_OK):
            sys.exit(f"bench: {exe} is missing; build the project first (scripts/build.sh)")

    print(f"newsidx benchmark: {os.cpu_count()} cores, load average {load()}")
    res = {"load_start": load()}
    real_500 = None
    if os.path.isdir(args.real):
        real_500 = count_vocabulary(corpus_files(args.real)[0], (500,)).get(500)
    growth, source = vocabulary_growth(queries, corpus_files(corpus)[0])
    res["vocabulary_growth"] = {"corpus": growth, "source": source, "real": REAL_VOCABULARY,
                                "real_500_counted": real_500}
    print_vocabulary(growth, source, real_500)

    exe = (newsidx, raw)
    res["generated"] = compare("generated corpus", corpus, query_mix(queries), exe, args.work,
                               args.runs, 1)
    if os.path.isdir(args.real):
        mix = [(name, ours, ["search", theirs]) for name, ours, theirs in REAL_QUERIES]
        res["real"] = compare("real articles", args.real, mix, exe, args.work, args.runs,
                              args.real_ingests)
    else:
        print(f"\n(no real articles at {args.real}: skipped)")
    res["load_end"] = load()
    print(f"\nload average at the end: {res['load_end']}")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(res, f, indent=1, ensure_ascii=False)


if __name__ == "__main__":
    main()
