// libFuzzer target: any bytes through the French analysis (SPEC §4).
//
// Analyzer must accept any bytes, and its tokens must satisfy the contract of
// analyzer.hpp: ordered offsets inside the text, non-empty folded forms and
// stems of at most kMaxTokenBytes valid UTF-8 bytes, the same tokens when the
// text is analysed again and by a new Analyzer (the stem cache changes
// nothing; checked for one input in 16), and, for a word of ASCII letters,
// the stems Snowball gives: of the word itself, and of the word with its
// suffix accents restored. Violations abort.
#include <libstemmer.h>
#include <unicode/utf8.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "newsidx/analyzer.hpp"

namespace {

[[noreturn]] void violated(const char* what, std::string_view detail = {}) {
  std::fprintf(stderr, "fuzz_analyzer: invariant violated: %s [%.*s]\n", what,
               static_cast<int>(detail.size()), detail.data());
  std::abort();
}

bool valid_utf8(std::string_view s) {
  const auto* p = reinterpret_cast<const std::uint8_t*>(s.data());
  const auto n = static_cast<std::int32_t>(s.size());
  std::int32_t i = 0;
  while (i < n) {
    UChar32 c = 0;
    U8_NEXT(p, i, n, c);
    if (c < 0) return false;
  }
  return true;
}

/// One Analyzer for the whole run, as an FTS5 table keeps one: its stem cache
/// then carries state from input to input, as it does in real use.
newsidx::Analyzer& shared_analyzer() {
  static newsidx::Analyzer analyzer;
  return analyzer;
}

struct StemmerDeleter {
  void operator()(sb_stemmer* s) const { sb_stemmer_delete(s); }
};

/// What Snowball makes of `word`, without any cache.
std::string snowball_stem(std::string_view word) {
  static const std::unique_ptr<sb_stemmer, StemmerDeleter> stemmer(
      sb_stemmer_new("french", "UTF_8"));
  if (!stemmer) violated("no French stemmer");
  const sb_symbol* stem =
      sb_stemmer_stem(stemmer.get(), reinterpret_cast<const sb_symbol*>(word.data()),
                      static_cast<int>(word.size()));
  if (stem == nullptr) violated("out of memory");
  return {reinterpret_cast<const char*>(stem),
          static_cast<std::size_t>(sb_stemmer_length(stemmer.get()))};
}

bool all_digits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

bool ascii_letters(std::string_view s) {
  for (char c : s) {
    if (c < 'a' || c > 'z') return false;
  }
  return true;
}

bool ends_with(std::string_view s, std::string_view end) {
  return s.size() > end.size() && s.substr(s.size() - end.size()) == end;
}

/// The folded stem (analyzer.hpp) of a word of ASCII letters, computed here
/// on its own: the accents of Snowball's suffixes restored, Snowball, then
/// é and è folded (the only letters other than ASCII the stem may hold).
std::string folded_stem_of(std::string_view folded) {
  static constexpr std::string_view kSuffixes[][2] = {{"ieres", "ières"}, {"iere", "ière"},
                                                      {"ees", "ées"},     {"ee", "ée"},
                                                      {"ites", "ités"},   {"ite", "ité"}};
  std::string word(folded);
  for (const auto& [plain, accented] : kSuffixes) {
    if (ends_with(folded, plain)) {
      word = std::string(folded.substr(0, folded.size() - plain.size())) + std::string(accented);
      break;
    }
  }
  std::string stem = snowball_stem(word);
  for (const std::string_view accented : {"é", "è"}) {
    for (std::size_t at = stem.find(accented); at != std::string::npos; at = stem.find(accented)) {
      stem.replace(at, accented.size(), "e");
    }
  }
  return stem;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  newsidx::Analyzer& analyzer = shared_analyzer();
  const std::vector<newsidx::AnalyzedToken> tokens = analyzer.analyze(text);
  std::size_t previous_end = 0;
  for (const newsidx::AnalyzedToken& t : tokens) {
    if (t.start >= t.end || t.end > size) violated("offsets out of the text");
    if (t.start < previous_end) violated("tokens overlap or go backwards");
    previous_end = t.end;
    if (t.folded.empty()) violated("empty folded form", t.surface);
    if (t.folded.size() > newsidx::kMaxTokenBytes) violated("folded form too long", t.folded);
    if (!valid_utf8(t.folded)) violated("folded form is not valid UTF-8", t.surface);
    for (const std::string* stem : {&t.stem, &t.folded_stem}) {
      if (stem->empty()) violated("empty stem", t.surface);
      if (stem->size() > newsidx::kMaxTokenBytes) violated("stem too long", *stem);
      if (!valid_utf8(*stem)) violated("stem is not valid UTF-8", t.surface);
    }
    if (ascii_letters(t.folded)) {
      if (t.folded_stem != folded_stem_of(t.folded)) {
        violated("folded stem differs from Snowball's", t.folded);
      }
      if (!t.accented && t.stem != snowball_stem(t.folded)) {
        violated("stem differs from Snowball's", t.folded);
      }
    }
  }

  // The streaming interface agrees with analyze().
  analyzer.start(text);
  newsidx::Token token;
  std::size_t i = 0;
  while (analyzer.next(token)) {
    if (i >= tokens.size()) violated("a second analysis gives more tokens");
    const newsidx::AnalyzedToken& t = tokens[i++];
    if (token.start != t.start || token.end != t.end || token.folded != t.folded ||
        token.stem != t.stem || token.folded_stem != t.folded_stem ||
        token.accented != t.accented) {
      violated("a second analysis gives other tokens", t.surface);
    }
    if (token.word_start > token.start) violated("word_start after start");
  }
  if (i != tokens.size()) violated("a second analysis gives fewer tokens");

  // So does a new Analyzer, whose stem cache is empty. Making one costs more
  // than the rest, so only inputs of a size divisible by 16 get it (the
  // choice depends on the input alone, so a crash reproduces).
  if (size % 16 != 0) return 0;
  const std::vector<newsidx::AnalyzedToken> fresh = newsidx::Analyzer().analyze(text);
  if (fresh.size() != tokens.size()) violated("a new Analyzer gives other tokens");
  for (std::size_t k = 0; k < fresh.size(); ++k) {
    if (fresh[k].stem != tokens[k].stem || fresh[k].folded_stem != tokens[k].folded_stem) {
      violated("the stem cache changes a stem", tokens[k].surface);
    }
  }
  return 0;
}
