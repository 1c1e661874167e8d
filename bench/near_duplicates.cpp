// near_duplicates: how well near-duplicate signatures (near_duplicate.hpp)
// tell edited copies of an article from other articles, and what they cost.
//
//   near_duplicates [FOLDER] [--runs N] [--unrelated N] [--seed S]
//
// FOLDER (default: ../shared/corpus/orangesum-500 beside the source tree)
// holds real articles (*.txt) and, optionally, their manifest `index.tsv`,
// whose titles serve as headlines. For each article it makes edited copies:
//   edit10     about 10 % of the sentences (at least one) edited: half of
//              them removed, half with a quarter of their words replaced
//   headline   the article under its headline vs under another headline
//   cut        the last paragraph removed (articles of two or more)
//   signature  a signature line added ("Jeanne Martin, avec AFP", …)
//   all        headline changed + edit10 + cut + signature at once
// and pairs of unrelated articles on one topic: the --unrelated (default
// 1,000) pairs of different articles sharing the most rare words (words in at
// most 5 articles, weighted by idf), leaving out pairs with the same title
// (the same dispatch twice: listed apart). Then, for several signature
// designs, the share of copies found (sharing an LSH band and estimated
// resemblance >= threshold) and the unrelated pairs merged, among the chosen
// ones and among all pairs of articles; a threshold and an LSH sweep for the
// design the library uses; and the cost per article of the analysis alone
// and with the signature (median of --runs runs, default 7). Deterministic:
// the same --seed gives the same copies.
#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <exception>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "analysis/shingles.hpp"
#include "newsidx/analyzer.hpp"
#include "newsidx/manifest.hpp"
#include "newsidx/near_duplicate.hpp"
#include "newsidx/parser.hpp"

namespace {

namespace fs = std::filesystem;

struct Options {
  fs::path folder =
      fs::path(NEWSIDX_SOURCE_DIR).parent_path() / "shared" / "corpus" / "orangesum-500";
  int runs = 7;
  std::size_t unrelated = 1000;
  std::uint64_t seed = 1;
};

Options parse_options(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw std::runtime_error(arg + " needs a value");
      return argv[++i];
    };
    if (arg == "--runs") {
      options.runs = std::max(1, std::stoi(value()));
    } else if (arg == "--unrelated") {
      options.unrelated = std::stoul(value());
    } else if (arg == "--seed") {
      options.seed = std::stoull(value());
    } else if (arg == "-h" || arg == "--help") {
      std::puts("usage: near_duplicates [FOLDER] [--runs N] [--unrelated N] [--seed S]");
      std::exit(0);
    } else if (!arg.empty() && arg[0] == '-') {
      throw std::runtime_error("unknown option " + arg);
    } else {
      options.folder = arg;
    }
  }
  return options;
}

/// A deterministic generator (SplitMix64), the same on every machine.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  /// A number in [0, n). REQUIRES: n > 0.
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }

 private:
  std::uint64_t state_;
};

// ---------------------------------------------------------------------------
// Articles and their copies

struct Source {
  std::string name;
  std::string title;                    ///< from the manifest, else derived
  std::vector<std::string> paragraphs;  ///< the blocks of the article
};

std::vector<Source> read_sources(const fs::path& folder) {
  std::optional<newsidx::Manifest> manifest;
  if (fs::exists(folder / "index.tsv")) manifest = newsidx::Manifest::read(folder / "index.tsv");
  std::vector<fs::path> paths;
  for (const auto& entry : fs::directory_iterator(folder)) {
    if (entry.path().extension() == ".txt") paths.push_back(entry.path());
  }
  std::sort(paths.begin(), paths.end());
  std::vector<Source> sources;
  for (const fs::path& path : paths) {
    newsidx::ParseResult r = newsidx::read_article(fs::absolute(path).lexically_normal());
    if (!r.article) continue;
    if (manifest) {
      if (const auto* entry = manifest->find(r.article->sources.front().path)) {
        (void)manifest->apply(*entry, *r.article);
      }
    }
    Source s{path.filename().string(), r.article->title, {}};
    for (const newsidx::Block& b : r.article->blocks) s.paragraphs.push_back(b.text);
    sources.push_back(std::move(s));
  }
  return sources;
}

std::string join(const std::vector<std::string>& paragraphs) {
  std::string out;
  for (const std::string& p : paragraphs) {
    if (p.empty()) continue;
    if (!out.empty()) out += "\n\n";
    out += p;
  }
  return out;
}

/// The sentences of a paragraph: cut after `.`, `!`, `?` or `…` and a space.
std::vector<std::string> sentences(const std::string& paragraph) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i + 1 < paragraph.size(); ++i) {
    const bool end = paragraph[i] == '.' || paragraph[i] == '!' || paragraph[i] == '?' ||
                     (i >= 2 && paragraph.compare(i - 2, 3, "\xE2\x80\xA6") == 0);
    if (end && paragraph[i + 1] == ' ') {
      out.push_back(paragraph.substr(start, i + 1 - start));
      start = i + 2;
    }
  }
  if (start < paragraph.size()) out.push_back(paragraph.substr(start));
  return out;
}

std::vector<std::string> split_words(const std::string& text) {
  std::vector<std::string> words;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    if (end > start) words.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return words;
}

/// Replacement words for edited sentences: the words of another article.
std::string edit_sentence(const std::string& sentence, const std::vector<std::string>& donor,
                          Rng& rng) {
  std::vector<std::string> words = split_words(sentence);
  const std::size_t edits = std::max<std::size_t>(2, words.size() / 4);
  for (std::size_t e = 0; e < edits && !words.empty() && !donor.empty(); ++e) {
    words[rng.below(words.size())] = donor[rng.below(donor.size())];
  }
  std::string out;
  for (const std::string& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

/// About 10 % of the sentences (at least one) edited: the first, third…
/// rewritten in part, the second, fourth… removed.
std::vector<std::string> edit10(const Source& s, const std::vector<std::string>& donor, Rng& rng) {
  std::vector<std::vector<std::string>> parts;
  std::vector<std::pair<std::size_t, std::size_t>> where;
  for (const std::string& p : s.paragraphs) {
    parts.push_back(sentences(p));
    for (std::size_t j = 0; j < parts.back().size(); ++j) where.emplace_back(parts.size() - 1, j);
  }
  const auto count = std::max<std::size_t>(1, (where.size() + 5) / 10);
  for (std::size_t k = 0; k < count && !where.empty(); ++k) {
    const std::size_t pick = rng.below(where.size());
    const auto [p, j] = where[pick];
    where.erase(where.begin() + static_cast<std::ptrdiff_t>(pick));
    parts[p][j] = k % 2 == 1 ? std::string() : edit_sentence(parts[p][j], donor, rng);
  }
  std::vector<std::string> out;
  for (const auto& sentences_of : parts) {
    std::string paragraph;
    for (const std::string& x : sentences_of) {
      if (!x.empty()) paragraph += (paragraph.empty() ? "" : " ") + x;
    }
    out.push_back(paragraph);
  }
  return out;
}

constexpr std::array<std::string_view, 4> kSignatures = {
    "Jeanne Martin, avec AFP", "(Avec AFP)",
    "\xC2\xA9 Agence France-Presse. Tous droits r\xC3\xA9serv\xC3\xA9s.",
    "Par notre correspondant \xC3\xA0 Bruxelles"};

constexpr std::array<std::string_view, 4> kHeadlinePrefixes = {
    "Ce qu'il faut savoir :", "VID\xC3\x89O.", "Info AFP \xE2\x80\x93", "En direct :"};

/// Another headline for the same article: a prefix and the second half of
/// the title.
std::string other_headline(const std::string& title, std::size_t i) {
  const std::vector<std::string> words = split_words(title);
  std::string out(kHeadlinePrefixes[i % kHeadlinePrefixes.size()]);
  for (std::size_t w = words.size() / 2; w < words.size(); ++w) out += " " + words[w];
  return out;
}

enum Variant { kEdit10, kHeadline, kCut, kSignature, kAll, kVariants };
constexpr std::array<const char*, kVariants> kVariantNames = {"edit10", "headline", "cut",
                                                              "signature", "all"};

/// One pair to judge: two texts, and for an edited copy its variant and the
/// share of words a cut removed.
struct Pair {
  std::size_t a = 0;  ///< index into the texts
  std::size_t b = 0;
  int variant = -1;  ///< -1: unrelated
  double cut_share = 0;
};

struct Corpus {
  std::vector<Source> sources;
  std::vector<std::string> texts;  ///< texts[i] for i < sources.size(): the articles
  std::vector<Pair> copies;
  std::vector<Pair> unrelated;
  std::vector<Pair> same_title;
};

std::size_t word_count(const std::vector<std::string>& paragraphs) {
  std::size_t n = 0;
  for (const std::string& p : paragraphs) n += split_words(p).size();
  return n;
}

void add_copies(Corpus& c, std::size_t i, Rng& rng) {
  const Source& s = c.sources[i];
  const std::vector<std::string> donor =
      split_words(join(c.sources[(i + c.sources.size() / 2) % c.sources.size()].paragraphs));
  const auto add = [&](std::size_t original, std::vector<std::string> paragraphs, int variant,
                       double cut_share = 0) {
    c.texts.push_back(join(paragraphs));
    c.copies.push_back({original, c.texts.size() - 1, variant, cut_share});
  };
  add(i, edit10(s, donor, rng), kEdit10);
  std::vector<std::string> headed = s.paragraphs;
  headed.insert(headed.begin(), s.title);
  c.texts.push_back(join(headed));
  const std::size_t with_title = c.texts.size() - 1;
  headed.front() = other_headline(s.title, i);
  add(with_title, headed, kHeadline);
  std::vector<std::string> signed_copy = s.paragraphs;
  signed_copy.emplace_back(kSignatures[i % kSignatures.size()]);
  add(i, signed_copy, kSignature);
  std::vector<std::string> all = edit10(s, donor, rng);
  if (s.paragraphs.size() >= 2) {
    std::vector<std::string> cut(s.paragraphs.begin(), s.paragraphs.end() - 1);
    const double share =
        1.0 - static_cast<double>(word_count(cut)) / static_cast<double>(word_count(s.paragraphs));
    add(i, cut, kCut, share);
    all.pop_back();
  }
  all.insert(all.begin(), other_headline(s.title, i + 1));
  all.emplace_back(kSignatures[(i + 1) % kSignatures.size()]);
  add(with_title, all, kAll);
}

// ---------------------------------------------------------------------------
// Words, shingles and signatures

struct Words {
  std::vector<std::string> folded;
  std::vector<std::string> stems;
};

Words words_of(newsidx::Analyzer& analyzer, std::string_view text) {
  Words w;
  analyzer.start(text);
  newsidx::Token token;
  while (analyzer.next(token)) {
    w.folded.emplace_back(token.folded);
    w.stems.emplace_back(token.stem);
  }
  return w;
}

/// A signature design.
struct Design {
  const char* name;
  std::size_t shingle_words = newsidx::kShingleWords;
  std::size_t values = newsidx::kSignatureValues;
  bool stems = false;
  bool classic = false;  ///< one hash function per value instead of one permutation
  std::size_t bands = newsidx::kLshBands;
  std::size_t rows = newsidx::kLshRows;
};

// Classic MinHash, for comparison: value i is the smallest hash of a shingle
// under its own function (multiply-shift with a fixed odd multiplier, the
// high 32 bits of the 64-bit product).
constexpr std::size_t kMaxClassicValues = 256;

constexpr std::array<std::uint64_t, kMaxClassicValues> make_multipliers() {
  std::array<std::uint64_t, kMaxClassicValues> out{};
  std::uint64_t state = 0x6d696e6861736831;
  for (std::uint64_t& m : out) {
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    m = (z ^ (z >> 31)) | 1u;
  }
  return out;
}

constexpr std::array<std::uint64_t, kMaxClassicValues> kMultipliers = make_multipliers();

void classic_update(std::uint64_t shingle, std::span<std::uint32_t> mins) {
  for (std::size_t i = 0; i < mins.size(); ++i) {
    mins[i] = std::min(mins[i], static_cast<std::uint32_t>((shingle * kMultipliers[i]) >> 32));
  }
}

struct Signature {
  std::vector<std::uint16_t> values;  ///< empty for a text without words
  std::uint64_t simhash = 0;
  std::unordered_set<std::uint64_t> shingles;  ///< kept for exact resemblance
};

Signature sign(const std::vector<std::string>& words, const Design& d, bool keep_shingles) {
  newsidx::analysis::ShingleHasher hasher(d.shingle_words);
  std::vector<std::uint32_t> mins(d.values, newsidx::analysis::kEmptyBin);
  std::array<int, 64> bits{};
  std::unordered_set<std::uint64_t> shingles;
  const auto add = [&](std::uint64_t shingle) {
    if (d.classic) {
      classic_update(shingle, mins);
    } else {
      newsidx::analysis::one_permutation_update(shingle, mins);
    }
    if (!shingles.insert(shingle).second) return;  // SimHash: each shingle once
    for (int b = 0; b < 64; ++b) bits[b] += (shingle >> b) & 1 ? 1 : -1;
  };
  std::uint64_t shingle = 0;
  for (const std::string& w : words) {
    if (hasher.add(w, shingle)) add(shingle);
  }
  if (hasher.finish(shingle)) add(shingle);
  Signature s;
  if (shingles.empty()) return s;
  if (!d.classic) newsidx::analysis::densify(mins);
  for (const std::uint32_t m : mins) s.values.push_back(newsidx::analysis::stored_value(m));
  for (int b = 0; b < 64; ++b) s.simhash |= bits[b] > 0 ? 1ull << b : 0;
  if (keep_shingles) s.shingles = std::move(shingles);
  return s;
}

double estimate(const Signature& a, const Signature& b) {
  if (a.values.empty() || b.values.empty()) return 0;
  std::size_t equal = 0;
  for (std::size_t i = 0; i < a.values.size(); ++i) equal += a.values[i] == b.values[i];
  return static_cast<double>(equal) / static_cast<double>(a.values.size());
}

bool share_band(const Signature& a, const Signature& b, std::size_t bands, std::size_t rows) {
  if (a.values.empty() || b.values.empty()) return false;
  for (std::size_t band = 0; band < bands; ++band) {
    bool equal = true;
    for (std::size_t r = 0; r < rows && equal; ++r) {
      equal = a.values[band * rows + r] == b.values[band * rows + r];
    }
    if (equal) return true;
  }
  return false;
}

double exact(const Signature& a, const Signature& b) {
  std::size_t both = 0;
  for (const std::uint64_t s : a.shingles) both += b.shingles.count(s);
  const std::size_t either = a.shingles.size() + b.shingles.size() - both;
  return either == 0 ? 0 : static_cast<double>(both) / static_cast<double>(either);
}

// ---------------------------------------------------------------------------
// Unrelated pairs on one topic

/// Pairs of different articles sharing the most rare words (df <= 5),
/// scored by the sum of the words' idf; same-title pairs go apart.
void find_unrelated(Corpus& c, const std::vector<Words>& words, std::size_t wanted) {
  const std::size_t n = c.sources.size();
  std::vector<std::set<std::string>> distinct(n);
  std::map<std::string, std::size_t> df;
  for (std::size_t i = 0; i < n; ++i) {
    for (const std::string& w : words[i].folded) {
      if (w.size() >= 4 && distinct[i].insert(w).second) ++df[w];
    }
  }
  // Each article's rare words as (word number, idf), sorted by number.
  constexpr std::size_t kRare = 5;
  constexpr std::size_t kShownPairs = 8;  // examples printed
  std::map<std::string, int> number;
  std::vector<std::vector<std::pair<int, double>>> rare(n);
  for (std::size_t i = 0; i < n; ++i) {
    for (const std::string& w : distinct[i]) {
      const std::size_t f = df[w];
      if (f > kRare) continue;
      const auto [it, added] = number.emplace(w, static_cast<int>(number.size()));
      rare[i].emplace_back(it->second, std::log(double(n) / double(f)));
    }
    std::sort(rare[i].begin(), rare[i].end());
  }
  std::vector<std::pair<double, Pair>> scored;
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = i + 1; j < n; ++j) {
      if (c.sources[i].title == c.sources[j].title) {
        c.same_title.push_back({i, j});
        continue;
      }
      double score = 0;
      auto x = rare[i].begin();
      auto y = rare[j].begin();
      while (x != rare[i].end() && y != rare[j].end()) {
        if (x->first < y->first) {
          ++x;
        } else if (y->first < x->first) {
          ++y;
        } else {
          score += (x++)->second;
          ++y;
        }
      }
      if (score > 0) scored.push_back({score, {i, j}});
    }
  }
  std::sort(scored.begin(), scored.end(),
            [](const auto& x, const auto& y) { return x.first > y.first; });
  for (std::size_t k = 0; k < std::min(wanted, scored.size()); ++k) {
    c.unrelated.push_back(scored[k].second);
  }
  std::printf(
      "unrelated pairs: the %zu of %zu pairs of different titles sharing the most rare "
      "words (idf score %.1f to %.1f)\n",
      c.unrelated.size(), n * (n - 1) / 2 - c.same_title.size(), scored.front().first,
      scored[c.unrelated.size() - 1].first);
  for (std::size_t k = 0; k < std::min<std::size_t>(kShownPairs, c.unrelated.size()); ++k) {
    const Pair& p = c.unrelated[k];
    std::printf("  %.1f  %s | %s\n", scored[k].first, c.sources[p.a].title.c_str(),
                c.sources[p.b].title.c_str());
  }
}

// ---------------------------------------------------------------------------
// Judging the designs

struct Verdict {
  std::array<std::size_t, kVariants> found{};
  std::array<std::size_t, kVariants> total{};
  std::size_t unrelated_merged = 0;
  double unrelated_max = 0;
  std::size_t all_pairs = 0;
  std::size_t all_merged = 0;  ///< among all pairs of articles of different titles
  std::size_t candidates = 0;  ///< of those, pairs sharing a band
};

Verdict judge(const Corpus& c, const std::vector<Signature>& sig, const Design& d,
              double threshold) {
  Verdict v;
  const auto found = [&](const Pair& p) {
    return share_band(sig[p.a], sig[p.b], d.bands, d.rows) &&
           estimate(sig[p.a], sig[p.b]) >= threshold;
  };
  for (const Pair& p : c.copies) {
    ++v.total[p.variant];
    v.found[p.variant] += found(p);
  }
  for (const Pair& p : c.unrelated) {
    v.unrelated_merged += found(p);
    v.unrelated_max = std::max(v.unrelated_max, estimate(sig[p.a], sig[p.b]));
  }
  const std::size_t n = c.sources.size();
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = i + 1; j < n; ++j) {
      if (c.sources[i].title == c.sources[j].title) continue;
      ++v.all_pairs;
      const bool candidate = share_band(sig[i], sig[j], d.bands, d.rows);
      v.candidates += candidate;
      v.all_merged += candidate && estimate(sig[i], sig[j]) >= threshold;
    }
  }
  return v;
}

double percent(std::size_t part, std::size_t whole) {
  return whole == 0 ? 0 : 100.0 * static_cast<double>(part) / static_cast<double>(whole);
}

void print_verdict(const char* name, const Verdict& v) {
  std::size_t found = 0;
  std::size_t total = 0;
  std::printf("| %s |", name);
  for (int k = 0; k < kVariants; ++k) {
    std::printf(" %.1f |", percent(v.found[k], v.total[k]));
    found += v.found[k];
    total += v.total[k];
  }
  std::printf(" %.1f | %zu (max %.3f) | %zu | %zu (%.4f %%) |\n", percent(found, total),
              v.unrelated_merged, v.unrelated_max, v.all_merged, v.candidates,
              percent(v.candidates, v.all_pairs));
}

void print_header(const char* first) {
  std::printf(
      "\n| %s | edit10 | headline | cut | signature | all | copies found %% | "
      "unrelated merged | all pairs merged | candidates |\n"
      "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n",
      first);
}

std::vector<Signature> sign_all(const std::vector<Words>& words, const Design& d, bool exact) {
  std::vector<Signature> out;
  out.reserve(words.size());
  for (const Words& w : words) out.push_back(sign(d.stems ? w.stems : w.folded, d, exact));
  return out;
}

void compare_designs(const Corpus& c, const std::vector<Words>& words) {
  const std::vector<Design> designs = {
      {"4 folded words, 128 values, one permutation (the library)"},
      {"3 folded words, 128 values", 3},
      {"5 folded words, 128 values", 5},
      {"4 stems, 128 values", 4, 128, true},
      {"4 folded words, 64 values", 4, 64},
      {"4 folded words, 128 values, classic MinHash", 4, 128, false, true},
  };
  std::printf(
      "\ncopies found (%%) and unrelated pairs merged at resemblance >= %.2f, "
      "LSH %zu bands x %zu rows:",
      newsidx::kNearDuplicateThreshold, newsidx::kLshBands, newsidx::kLshRows);
  print_header("design");
  for (const Design& d : designs) {
    print_verdict(d.name, judge(c, sign_all(words, d, false), d, newsidx::kNearDuplicateThreshold));
  }
}

void sweep_threshold(const Corpus& c, const std::vector<Signature>& sig) {
  std::printf("\nthe library's design at other thresholds (LSH %zu x %zu):", newsidx::kLshBands,
              newsidx::kLshRows);
  print_header("threshold");
  for (const double t : {0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8}) {
    char name[16];
    std::snprintf(name, sizeof name, "%.1f", t);
    print_verdict(name, judge(c, sig, Design{"library"}, t));
  }
}

void sweep_lsh(const Corpus& c, const std::vector<Signature>& sig) {
  std::printf("\nthe library's design with other LSH bands (threshold %.2f):",
              newsidx::kNearDuplicateThreshold);
  print_header("bands x rows");
  for (const auto& [bands, rows] : std::vector<std::pair<std::size_t, std::size_t>>{
           {8, 2}, {12, 2}, {16, 2}, {24, 2}, {32, 2}, {16, 3}, {32, 3}, {32, 4}}) {
    char name[16];
    std::snprintf(name, sizeof name, "%zu x %zu", bands, rows);
    Design d{"lsh"};
    d.bands = bands;
    d.rows = rows;
    print_verdict(name, judge(c, sig, d, newsidx::kNearDuplicateThreshold));
  }
}

/// SimHash (64 bits) on the same shingles: copies found and unrelated pairs
/// merged at several Hamming distances.
void simhash(const Corpus& c, const std::vector<Signature>& sig) {
  std::printf(
      "\nSimHash, 64 bits over the same shingles (no LSH: every pair compared):\n"
      "| Hamming distance <= | copies found %% | unrelated merged | all pairs merged |\n"
      "| --- | --- | --- | --- |\n");
  const auto distance = [&](const Pair& p) {
    return std::popcount(sig[p.a].simhash ^ sig[p.b].simhash);
  };
  for (const int d : {3, 6, 10, 14, 18}) {
    std::size_t found = 0;
    std::size_t merged = 0;
    std::size_t all_merged = 0;
    for (const Pair& p : c.copies) found += distance(p) <= d;
    for (const Pair& p : c.unrelated) merged += distance(p) <= d;
    for (std::size_t i = 0; i < c.sources.size(); ++i) {
      for (std::size_t j = i + 1; j < c.sources.size(); ++j) {
        if (c.sources[i].title != c.sources[j].title) all_merged += distance({i, j}) <= d;
      }
    }
    std::printf("| %d | %.1f | %zu | %zu |\n", d, percent(found, c.copies.size()), merged,
                all_merged);
  }
}

/// Exact resemblance of the copies (the library's shingles), and the cuts
/// by the share of words they removed.
void describe_copies(const Corpus& c, const std::vector<Signature>& sig) {
  std::printf(
      "\nexact resemblance of the copies (4 folded words), and the estimate's error:\n"
      "| variant | pairs | min | 5th pct | median | mean abs. error |\n"
      "| --- | --- | --- | --- | --- | --- |\n");
  for (int k = 0; k < kVariants; ++k) {
    std::vector<double> j;
    double error = 0;
    for (const Pair& p : c.copies) {
      if (p.variant != k) continue;
      j.push_back(exact(sig[p.a], sig[p.b]));
      error += std::abs(estimate(sig[p.a], sig[p.b]) - j.back());
    }
    std::sort(j.begin(), j.end());
    std::printf("| %s | %zu | %.3f | %.3f | %.3f | %.3f |\n", kVariantNames[k], j.size(), j.front(),
                j[j.size() / 20], j[j.size() / 2], error / double(j.size()));
  }
  std::printf(
      "\ncuts by the share of words removed:\n| removed | copies | found %% |\n"
      "| --- | --- | --- |\n");
  const std::array<std::pair<double, double>, 4> buckets = {
      {{0, 0.25}, {0.25, 0.4}, {0.4, 0.5}, {0.5, 1.01}}};
  for (const auto& [low, high] : buckets) {
    std::size_t n = 0;
    std::size_t found = 0;
    for (const Pair& p : c.copies) {
      if (p.variant != kCut || p.cut_share < low || p.cut_share >= high) continue;
      ++n;
      found += share_band(sig[p.a], sig[p.b], newsidx::kLshBands, newsidx::kLshRows) &&
               estimate(sig[p.a], sig[p.b]) >= newsidx::kNearDuplicateThreshold;
    }
    std::printf("| %.0f-%.0f %% | %zu | %.1f |\n", 100 * low, std::min(100.0, 100 * high), n,
                percent(found, n));
  }
}

void describe_same_title(const Corpus& c, const std::vector<Signature>& sig) {
  std::printf("\narticles with the same title in the corpus (not counted above):\n");
  for (const Pair& p : c.same_title) {
    std::printf(
        "  %s %s: resemblance %.3f (exact %.3f), shares a key: %s\n", c.sources[p.a].name.c_str(),
        c.sources[p.b].name.c_str(), estimate(sig[p.a], sig[p.b]), exact(sig[p.a], sig[p.b]),
        share_band(sig[p.a], sig[p.b], newsidx::kLshBands, newsidx::kLshRows) ? "yes" : "no");
  }
}

// ---------------------------------------------------------------------------
// Cost

/// CPU time of this thread: on a machine shared with other work, wall time
/// also counts the time others had the core.
double thread_seconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

double median_seconds(int runs, const std::function<std::size_t()>& work, std::size_t& sink) {
  std::vector<double> seconds;
  for (int i = 0; i < runs; ++i) {
    const double start = thread_seconds();
    sink += work();
    seconds.push_back(thread_seconds() - start);
  }
  std::sort(seconds.begin(), seconds.end());
  return seconds[seconds.size() / 2];
}

/// The median CPU time to analyse every text, calling `on_word(folded)` for
/// each word and `on_end()` (which returns a number for the checksum) after
/// each text.
template <typename OnWord, typename OnEnd>
double time_analysis(int runs, const std::vector<std::string>& texts, OnWord on_word, OnEnd on_end,
                     std::size_t& sink) {
  newsidx::Analyzer analyzer;
  newsidx::Token token;
  return median_seconds(
      runs,
      [&] {
        std::size_t n = 0;
        for (const std::string& text : texts) {
          analyzer.start(text);
          while (analyzer.next(token)) {
            n += token.folded.size();
            on_word(token.folded);
          }
          n += on_end();
        }
        return n;
      },
      sink);
}

void measure_cost(const Corpus& c, int runs) {
  std::vector<std::string> bodies;
  std::size_t bytes = 0;
  for (const Source& s : c.sources) {
    bodies.push_back(join(s.paragraphs));
    bytes += bodies.back().size();
  }
  std::size_t sink = 0;
  const double analysis = time_analysis(
      runs, bodies, [](std::string_view) {}, [] { return std::size_t{0}; }, sink);
  newsidx::SignatureBuilder builder;
  const double with_signature = time_analysis(
      runs, bodies, [&](std::string_view w) { builder.add(w); },
      [&] { return std::size_t{builder.finish().values[0]}; }, sink);
  newsidx::analysis::ShingleHasher hasher(newsidx::kShingleWords);
  std::array<std::uint32_t, newsidx::kSignatureValues> mins;
  mins.fill(newsidx::analysis::kEmptyBin);
  const double with_classic = time_analysis(
      runs, bodies,
      [&](std::string_view w) {
        std::uint64_t shingle = 0;
        if (hasher.add(w, shingle)) classic_update(shingle, mins);
      },
      [&] {
        hasher = newsidx::analysis::ShingleHasher(newsidx::kShingleWords);
        const std::size_t first = mins[0];
        mins.fill(newsidx::analysis::kEmptyBin);
        return first;
      },
      sink);
  const double per = 1e6 / static_cast<double>(bodies.size());
  std::printf(
      "\ncost on %zu articles (%.1f MB of text), CPU time, median of %d runs (checksum %zu):\n"
      "  analysis alone                                %8.1f us/article\n",
      bodies.size(), static_cast<double>(bytes) / 1e6, runs, sink % 10, analysis * per);
  const auto print = [&](const char* name, double seconds) {
    std::printf("  %-45s %8.1f us/article (+%.1f us, +%.0f %%)\n", name, seconds * per,
                (seconds - analysis) * per, 100 * (seconds / analysis - 1));
  };
  print("analysis + signature (the library)", with_signature);
  print("analysis + classic MinHash, 128 values", with_classic);
}

// ---------------------------------------------------------------------------

Corpus make_corpus(const Options& options) {
  Corpus c;
  c.sources = read_sources(options.folder);
  if (c.sources.size() < 2) {
    throw std::runtime_error("fewer than two articles in " + options.folder.string());
  }
  for (const Source& s : c.sources) c.texts.push_back(join(s.paragraphs));
  Rng rng(options.seed);
  for (std::size_t i = 0; i < c.sources.size(); ++i) add_copies(c, i, rng);
  return c;
}

int run(int argc, char** argv) {
  const Options options = parse_options(argc, argv);
  Corpus c = make_corpus(options);
  newsidx::Analyzer analyzer;
  std::vector<Words> words;
  for (const std::string& t : c.texts) words.push_back(words_of(analyzer, t));
  std::printf("%zu articles of %s, %zu edited copies\n", c.sources.size(),
              options.folder.string().c_str(), c.copies.size());
  find_unrelated(c, words, options.unrelated);

  // The library's own signatures must be what the designs below compute.
  const std::vector<Signature> sig = sign_all(words, Design{"library"}, true);
  for (std::size_t i = 0; i < c.texts.size(); ++i) {
    const newsidx::NearDuplicateSignature s =
        newsidx::near_duplicate_signature(analyzer, c.texts[i]);
    if (!std::equal(s.values.begin(), s.values.end(), sig[i].values.begin(), sig[i].values.end()) &&
        !(s.empty() && sig[i].values.empty())) {
      throw std::runtime_error("the library's signature differs from the design's");
    }
  }
  compare_designs(c, words);
  sweep_threshold(c, sig);
  sweep_lsh(c, sig);
  simhash(c, sig);
  describe_copies(c, sig);
  describe_same_title(c, sig);
  measure_cost(c, options.runs);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "near_duplicates: error: %s\n", e.what());
    return 2;
  }
}
