// libFuzzer target: any bytes through the French analysis (SPEC §4).
//
// Analyzer must accept any bytes, and its tokens must satisfy the contract of
// analyzer.hpp: ordered offsets inside the text, non-empty folded forms of at
// most kMaxTokenBytes valid UTF-8 bytes, the same tokens when the text is
// analysed again, and stems equal to what Snowball gives for the folded form
// (the stem cache changes nothing). Violations abort.
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

/// What Snowball makes of `folded`, without any cache.
std::string snowball_stem(std::string_view folded) {
  static const std::unique_ptr<sb_stemmer, StemmerDeleter> stemmer(
      sb_stemmer_new("french", "UTF_8"));
  if (!stemmer) violated("no French stemmer");
  const sb_symbol* stem =
      sb_stemmer_stem(stemmer.get(), reinterpret_cast<const sb_symbol*>(folded.data()),
                      static_cast<int>(folded.size()));
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
    if (!valid_utf8(t.stem)) violated("stem is not valid UTF-8", t.surface);
  }

  // The streaming interface agrees with analyze(), and stems are Snowball's.
  analyzer.start(text);
  newsidx::Token token;
  std::size_t i = 0;
  while (analyzer.next(token)) {
    if (i >= tokens.size()) violated("a second analysis gives more tokens");
    const newsidx::AnalyzedToken& t = tokens[i++];
    if (token.start != t.start || token.end != t.end || token.folded != t.folded ||
        token.stem != t.stem) {
      violated("a second analysis gives other tokens", t.surface);
    }
    if (token.word_start > token.start) violated("word_start after start");
    if (!all_digits(t.folded) && snowball_stem(t.folded) != t.stem) {
      violated("stem differs from Snowball's", t.folded);
    }
  }
  if (i != tokens.size()) violated("a second analysis gives fewer tokens");
  return 0;
}
