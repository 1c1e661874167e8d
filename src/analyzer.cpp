#include "newsidx/analyzer.hpp"

#include <libstemmer.h>

#include <functional>
#include <new>
#include <utility>

#include "analysis/fold.hpp"
#include "analysis/word_scanner.hpp"
#include "newsidx/error.hpp"

namespace newsidx {
namespace {

struct StemmerDeleter {
  void operator()(sb_stemmer* stemmer) const noexcept { sb_stemmer_delete(stemmer); }
};
using StemmerPtr = std::unique_ptr<sb_stemmer, StemmerDeleter>;

bool all_ascii_digits(std::string_view word) {
  for (const char c : word) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

bool is_ascii(std::string_view word) {
  for (const char c : word) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

/// Cuts `text` to at most kMaxTokenBytes bytes, on a UTF-8 character boundary.
void cap(std::string& text) {
  if (text.size() <= kMaxTokenBytes) return;
  std::size_t size = kMaxTokenBytes;
  while (size > 0 && (static_cast<unsigned char>(text[size]) & 0xC0) == 0x80) --size;
  text.resize(size);
}

/// Stores in `out` the folded word `folded` with the accents of Snowball's
/// suffixes restored (`declaree` → `declarée`) and returns true, or returns
/// false when `folded` ends with none of them.
bool restore_suffix_accents(std::string_view folded, std::string& out) {
  // Snowball French removes these suffixes only when they carry their accent.
  static constexpr std::pair<std::string_view, std::string_view> kSuffixes[] = {
      {"ee", "ée"},       {"ees", "ées"}, {"iere", "ière"},
      {"ieres", "ières"}, {"ite", "ité"}, {"ites", "ités"}};
  for (const auto& [plain, accented] : kSuffixes) {
    if (folded.size() > plain.size() && folded.substr(folded.size() - plain.size()) == plain) {
      out.assign(folded.substr(0, folded.size() - plain.size()));
      out += accented;
      return true;
    }
  }
  return false;
}

/// Folded stems remembered by the word that was stemmed: a direct-mapped
/// cache (a slot per hash, overwritten on a miss). Words follow Zipf's law,
/// so most are found here, which is several times faster than stemming them
/// again.
class StemCache {
 public:
  struct Slot {
    std::string word;
    std::string stem;
    bool used = false;
  };

  StemCache() : slots_(kSlots) {}

  /// The slot where `word` is or would be.
  Slot& slot_for(std::string_view word) {
    return slots_[std::hash<std::string_view>{}(word) & (kSlots - 1)];
  }

 private:
  // A power of 2. On the orangesum-500 corpus (17,767 distinct words in
  // 178,093) 16384 slots find 85% of the words (4096: 75%), for ~1.2 MB.
  static constexpr std::size_t kSlots = 16384;
  std::vector<Slot> slots_;
};

}  // namespace

struct Analyzer::State {
  StemmerPtr stemmer;
  analysis::WordScanner scanner;
  StemCache stems;
  std::string folded;
  std::string written;   ///< the word as written, lower case; empty when it is `folded`
  std::string restored;  ///< `folded` with its suffix accents restored
  std::string stem;      ///< a copy of the stem when the cache is asked twice

  /// The folded Snowball stem of `word`, from the cache or computed. The view
  /// is valid until the next call.
  std::string_view stem_of(std::string_view word) {
    StemCache::Slot& slot = stems.slot_for(word);
    if (slot.used && slot.word == word) return slot.stem;
    slot.used = false;  // until both strings are set
    // The result belongs to the stemmer and changes with the next call: copy it.
    const sb_symbol* out =
        sb_stemmer_stem(stemmer.get(), reinterpret_cast<const sb_symbol*>(word.data()),
                        static_cast<int>(word.size()));
    if (out == nullptr) throw std::bad_alloc();
    const std::string_view snowball(reinterpret_cast<const char*>(out),
                                    static_cast<std::size_t>(sb_stemmer_length(stemmer.get())));
    slot.stem.clear();
    if (is_ascii(snowball)) {
      slot.stem.assign(snowball);
    } else {
      analysis::append_folded(snowball, slot.stem);
      cap(slot.stem);
    }
    slot.word.assign(word);
    slot.used = true;
    return slot.stem;
  }
};

Analyzer::Analyzer() : state_(std::make_unique<State>()) {
  state_->stemmer.reset(sb_stemmer_new("french", "UTF_8"));
  if (!state_->stemmer) {
    throw Error(ErrorCode::kInternal, "libstemmer has no French stemmer for UTF-8");
  }
}

Analyzer::~Analyzer() = default;
Analyzer::Analyzer(Analyzer&&) noexcept = default;
Analyzer& Analyzer::operator=(Analyzer&&) noexcept = default;

void Analyzer::start(std::string_view text) {
  state_->scanner = analysis::WordScanner(text);
}

bool Analyzer::next(Token& token) {
  State& s = *state_;
  analysis::WordSpan span;
  if (!s.scanner.next(span, s.folded, s.written)) return false;
  token.folded = s.folded;
  token.start = span.start;
  token.end = span.end;
  token.word_start = span.word_start;
  token.accented = !s.written.empty() && s.written != s.folded;
  if (all_ascii_digits(s.folded)) {
    token.stem = token.folded_stem = s.folded;  // the stemmer leaves numbers alone; skip it
    return true;
  }
  const bool restored = restore_suffix_accents(s.folded, s.restored);
  token.stem = s.stem_of(token.accented ? s.written : s.folded);
  if (!restored && !token.accented) {
    token.folded_stem = token.stem;  // the same word stemmed
    return true;
  }
  s.stem.assign(token.stem);  // the next lookup may take its slot
  token.stem = s.stem;
  token.folded_stem = s.stem_of(restored ? s.restored : s.folded);
  return true;
}

std::vector<AnalyzedToken> Analyzer::analyze(std::string_view text) {
  std::vector<AnalyzedToken> tokens;
  start(text);
  Token token;
  while (next(token)) {
    tokens.push_back({std::string(text.substr(token.start, token.end - token.start)),
                      std::string(token.folded), std::string(token.stem),
                      std::string(token.folded_stem), token.accented, token.start, token.end});
  }
  return tokens;
}

std::vector<AnalyzedToken> analyze_for_display(std::string_view text) {
  return Analyzer().analyze(text);
}

}  // namespace newsidx
