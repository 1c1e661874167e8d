#include "store/did_you_mean.hpp"

#include <algorithm>
#include <string_view>
#include <utility>

#include "newsidx/analyzer.hpp"
#include "newsidx/suggest.hpp"
#include "store/search.hpp"

namespace newsidx::store {
namespace {

// A folded word of up to this many bytes may be one edit away from its
// suggestion; a longer one, two: `pqris` is paris, `tsi` is not tas.
constexpr std::size_t kShortWord = 4;
constexpr std::size_t kMostEdits = 2;
// Shorter words are never corrected: `x` is not a typo of `a`.
constexpr std::size_t kLeastLetters = 3;
// Query words looked at, at most (the first ones): a suggestion is for a
// person who typed a few words, and each costs a pass over the vocabulary.
constexpr std::size_t kMostWords = 8;
// Words at the least distance whose articles are counted, at most: the
// first ones in byte order when there are more.
constexpr std::size_t kMostCounted = 16;

bool has_digit(std::string_view word) {
  return std::any_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; });
}

/// The folded form of `word` when it is one word for the analysis, else "".
std::string folded_form(Analyzer& analyzer, const std::string& word) {
  analyzer.start(word, Analyzer::Stems::kSkip);
  Token token;
  if (!analyzer.next(token)) return {};
  std::string folded(token.folded);
  return analyzer.next(token) ? std::string() : folded;
}

/// The articles a plain query of the folded word `word` finds (its family in
/// title or body, as a search would).
std::int64_t articles_with(sqlite::Db& db, std::string_view word) {
  sqlite::Stmt s(db.get(), "SELECT count(*) FROM article_fts WHERE article_fts MATCH ?1");
  s.bind(1, fts5_string(word));
  return s.step() ? s.column_int(0) : 0;
}

/// A word no article holds, and the vocabulary's words nearest to it.
struct Unknown {
  std::string written;
  std::string folded;
  std::size_t most_edits = 0;  ///< the least distance found so far, or the limit
  std::vector<std::string> nearest;

  void consider(std::string_view word) {
    const std::size_t longer = std::max(word.size(), folded.size());
    const std::size_t shorter = std::min(word.size(), folded.size());
    if (longer - shorter > most_edits || has_digit(word)) return;
    const std::size_t d = edit_distance_within(folded, word, most_edits);
    if (d == 0 || d > most_edits) return;
    if (d < most_edits) {
      nearest.clear();
      most_edits = d;
    }
    nearest.emplace_back(word);
  }
};

/// The words of `words` that no article holds (numbers left out).
std::vector<Unknown> unknown_words(sqlite::Db& db, const std::vector<std::string>& words) {
  Analyzer analyzer;
  std::vector<Unknown> out;
  for (const std::string& written : words) {
    if (out.size() == kMostWords) break;
    if (has_digit(written)) continue;  // 2017 is not a typo of 2016
    std::string folded = folded_form(analyzer, written);
    if (folded.size() < kLeastLetters || articles_with(db, folded) > 0) continue;
    const bool seen =
        std::any_of(out.begin(), out.end(), [&](const Unknown& u) { return u.folded == folded; });
    if (seen) continue;
    const std::size_t limit = folded.size() <= kShortWord ? 1 : kMostEdits;
    out.push_back(Unknown{written, std::move(folded), limit, {}});
  }
  return out;
}

}  // namespace

std::vector<WordSuggestion> suggest_words(sqlite::Db& db, const std::vector<std::string>& words) {
  std::vector<Unknown> unknown = unknown_words(db, words);
  if (unknown.empty()) return {};
  // One pass over the vocabulary for all the unknown words. A word listed
  // under two stems is met twice; duplicates are dropped below.
  sqlite::Stmt rows(db.get(), "SELECT word FROM vocabulary");
  while (rows.step()) {
    const std::string_view word = rows.column_text(0);
    for (Unknown& u : unknown) u.consider(word);
  }
  std::vector<WordSuggestion> out;
  for (Unknown& u : unknown) {
    std::sort(u.nearest.begin(), u.nearest.end());
    u.nearest.erase(std::unique(u.nearest.begin(), u.nearest.end()), u.nearest.end());
    if (u.nearest.size() > kMostCounted) u.nearest.resize(kMostCounted);
    WordSuggestion best{u.written, {}, 0};
    for (const std::string& candidate : u.nearest) {
      const std::int64_t n = articles_with(db, candidate);
      if (n > best.articles) best = WordSuggestion{u.written, candidate, n};
    }
    if (best.articles > 0) out.push_back(std::move(best));
  }
  return out;
}

}  // namespace newsidx::store
