#!/usr/bin/env python3
"""Checks of the corpus generator and of the benchmark's vocabulary count.

    python3 -m unittest -v test_bench      (from bench/; ctest runs it)

The generator is run on small corpora (short articles) with a word list
written here, so that these checks need neither the Debian package wfrench
nor much time.
"""
import contextlib
import hashlib
import io
import json
import os
import subprocess
import sys
import tempfile
import unittest
import unittest.mock

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import bench  # noqa: E402
import gen_corpus  # noqa: E402

GEN = os.path.join(HERE, "gen_corpus.py")

# SHA-256 of digest() of the files that version 1 of the generator wrote for
# `--articles 300 --seed 7 --avg-bytes 1000`: --vocabulary embedded must
# keep writing them.
EMBEDDED_V1_DIGEST = "750af5f462c280d0a60ebb01256419d1dd1d9712362de9ddc1b7f03339a314bd"


def digest(folder):
    """SHA-256 of the *.txt files of folder: relative paths and contents."""
    h = hashlib.sha256()
    for path in sorted(bench.corpus_files(folder)[0]):
        h.update(os.path.relpath(path, folder).encode() + b"\0")
        with open(path, "rb") as f:
            h.update(f.read())
    return h.hexdigest()


def word_list(path, n):
    """Writes n invented lower-case words, one a line, plus lines to skip."""
    syll = ("ba", "ko", "ri", "zu", "me", "lo", "ta", "vi", "ne", "po",
            "gu", "sa", "fe", "di", "xo", "ly")
    words = []
    i = 0
    while len(words) < n:
        k, w = i, "q"
        for _ in range(4):
            w += syll[k % len(syll)]
            k //= len(syll)
        words.append(w)
        i += 1
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(words + ["Majuscule", "trait-d-union", "gouvernement"]) + "\n")
    return words


def generate(out, *args):
    return subprocess.run([sys.executable, GEN, out, "--quiet", "--avg-bytes", "400", *args],
                          capture_output=True, text=True)


class Generator(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.words_path = os.path.join(cls.tmp.name, "words")
        cls.words = word_list(cls.words_path, 3000)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def out(self, name):
        return os.path.join(self.tmp.name, name)

    def corpus_words(self, folder):
        words = set()
        for p in bench.corpus_files(folder)[0]:
            with open(p, encoding="utf-8") as f:
                words.update(bench.WORD_RE.findall(f.read().lower()))
        return words

    def test_embedded_vocabulary_writes_the_files_of_version_1(self):
        out = self.out("embedded")
        r = subprocess.run([sys.executable, GEN, out, "--quiet", "--articles", "300", "--seed",
                            "7", "--avg-bytes", "1000", "--jobs", "1", "--vocabulary",
                            "embedded"], capture_output=True, text=True)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(digest(out), EMBEDDED_V1_DIGEST)
        with open(os.path.join(out, "queries.json"), encoding="utf-8") as f:
            self.assertEqual(json.load(f)["vocabulary"], "embedded")

    def test_real_vocabulary_draws_the_tail_from_the_word_list(self):
        out = self.out("tail")
        r = generate(out, "--articles", "200", "--words", self.words_path)
        self.assertEqual(r.returncode, 0, r.stderr)
        found = self.corpus_words(out) & set(self.words)
        self.assertGreater(len(found), 100)
        # Lines that are not lower-case letter-only words, and words of the
        # embedded vocabulary, are not tail words.
        tail = gen_corpus.WordTail(self.words_path, gen_corpus.Lexicon().form_lemma)
        self.assertEqual(tail.words, len(self.words))
        self.assertNotIn("majuscule", self.corpus_words(out))
        with open(os.path.join(out, "queries.json"), encoding="utf-8") as f:
            report = json.load(f)
        self.assertEqual(report["word_list"]["tail_words"], len(self.words))
        with open(self.words_path, "rb") as f:
            self.assertEqual(report["word_list"]["sha256"], hashlib.sha256(f.read()).hexdigest())

    def test_same_bytes_whatever_the_jobs_and_corpora_nest(self):
        big, small = self.out("big"), self.out("small")
        r = generate(big, "--articles", "1500", "--jobs", "2", "--words", self.words_path)
        self.assertEqual(r.returncode, 0, r.stderr)
        r = generate(small, "--articles", "1100", "--jobs", "1", "--words", self.words_path)
        self.assertEqual(r.returncode, 0, r.stderr)
        small_files = bench.corpus_files(small)[0]
        self.assertEqual(len(small_files), 1100)
        for p in small_files:
            with open(p, "rb") as a, open(os.path.join(big, os.path.relpath(p, small)), "rb") as b:
                self.assertEqual(a.read(), b.read(), p)

    def test_vocabulary_growth_is_recorded_and_matches_a_count(self):
        out = self.out("growth")
        r = generate(out, "--articles", "5000", "--words", self.words_path)
        self.assertEqual(r.returncode, 0, r.stderr)
        with open(os.path.join(out, "queries.json"), encoding="utf-8") as f:
            report = json.load(f)
        paths = bench.corpus_files(out)[0]
        counted = bench.count_vocabulary(paths)
        self.assertEqual(sorted(counted), [500, 5000])
        self.assertEqual(report["vocabulary_growth"], {str(k): v for k, v in counted.items()})
        self.assertEqual(bench.vocabulary_growth(report, paths), (counted, "queries.json"))
        # Without the figures (a corpus of another generator), the benchmark counts.
        self.assertEqual(bench.vocabulary_growth({}, paths), (counted, "counted"))

    def test_a_missing_word_list_is_a_clear_error(self):
        out = self.out("missing")
        r = generate(out, "--articles", "10", "--words", self.out("no-such-list"))
        self.assertEqual(r.returncode, 2)
        self.assertIn("cannot use the word list", r.stderr)
        self.assertIn("--vocabulary embedded", r.stderr)
        self.assertFalse(os.path.exists(out))

    def test_a_word_list_too_short_is_a_clear_error(self):
        short = self.out("short")
        word_list(short, 10)
        r = generate(self.out("short-out"), "--articles", "10", "--words", short)
        self.assertEqual(r.returncode, 2)
        self.assertIn("holds 10 usable words", r.stderr)


class Benchmark(unittest.TestCase):

    def test_count_vocabulary_counts_lower_case_words_of_letters_in_file_order(self):
        with tempfile.TemporaryDirectory() as d:
            for name, text in (("2.txt", "Alep, l’armée 2016 x2"), ("1.txt", "ARMÉE alep-ville"),
                               ("3.md", "ignoré")):
                with open(os.path.join(d, name), "w", encoding="utf-8") as f:
                    f.write(text)
            paths = bench.corpus_files(d)[0]
            self.assertEqual([os.path.basename(p) for p in paths], ["1.txt", "2.txt"])
            # 1.txt: armée alep ville; 2.txt adds l, x
            self.assertEqual(bench.count_vocabulary(paths, (1, 2, 3)), {1: 3, 2: 5})

    @unittest.skipUnless(os.access(bench.GNU_TIME, os.X_OK), "no GNU time")
    def test_peak_memory_is_the_child_s_not_the_benchmark_s(self):
        ballast = bytearray(256 << 20)  # makes this process large
        ballast[::4096] = b"x" * len(ballast[::4096])  # and resident
        wall, cpu, rss, code = bench.run(["true"], peak=True)
        self.assertEqual(code, 0)
        self.assertLess(rss, 64)
        self.assertGreaterEqual(wall, 0)
        self.assertGreaterEqual(cpu, 0)
        self.assertIsNone(bench.run(["true"])[2])  # no peak asked, none measured
        del ballast

    def test_main_stops_with_a_message_when_the_build_is_missing(self):
        with tempfile.TemporaryDirectory() as d:
            with open(os.path.join(d, "queries.json"), "w", encoding="utf-8") as f:
                f.write("{}")
            argv = ["bench.py", "--corpus", d, "--build", os.path.join(d, "nowhere")]
            with contextlib.redirect_stdout(io.StringIO()), \
                    unittest.mock.patch.object(sys, "argv", argv), \
                    self.assertRaises(SystemExit) as e:
                bench.main()
            self.assertIn("build the project first", str(e.exception.code))


if __name__ == "__main__":
    unittest.main()
