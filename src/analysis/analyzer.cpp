#include "newsidx/analyzer.hpp"

#include <libstemmer.h>

#include <algorithm>
#include <cstdint>
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

/// The stems of recent words, remembered by what is stemmed: the word as
/// written (lower case) and, when it differs, its folded form (see
/// Analyzer::next()). A direct-mapped cache: a slot per hash, overwritten on
/// a miss. Words follow Zipf's law, so most are found here, which is several
/// times faster than stemming them again.
class StemCache {
 public:
  struct Slot {
    std::string word;         ///< the key
    std::string stems;        ///< the stem, then the folded stem where it differs
    std::uint32_t split = 0;  ///< the size of the stem in `stems`
    bool used = false;

    [[nodiscard]] std::string_view stem() const { return std::string_view(stems).substr(0, split); }
    [[nodiscard]] std::string_view folded_stem() const {
      return split == stems.size() ? stem() : std::string_view(stems).substr(split);
    }
  };

  StemCache() : slots_(kFirstSlots) {}

  /// The slot where `word` is or would be. Invalidates references to the
  /// other slots when the cache grows (see missed()).
  Slot& slot_for(std::string_view word) {
    if (misses_ >= slots_.size() && slots_.size() < kSlots) grow();
    return slots_[index_of(word)];
  }

  /// Counts a miss. A cache starts small (a query or a few snippets have few
  /// words, and a short process should not pay for megabytes it never uses)
  /// and grows eightfold, up to kSlots, after as many misses as it has slots.
  void missed() { ++misses_; }

 private:
  // Powers of 2. On the orangesum-500 corpus (17,767 distinct words in
  // 178,093, so at most 90% can be found) 32768 slots find 87% of the words
  // (16384: 85%). An archive has a larger vocabulary: in 33,440 articles of
  // the benchmark's real-vocabulary corpus (21.1 million words) 32768 slots
  // miss 5.0% of the words and 131072 miss 2.1%, for about 9.4 MB.
  static constexpr std::size_t kFirstSlots = 256;
  static constexpr std::size_t kSlots = 131072;

  [[nodiscard]] std::size_t index_of(std::string_view word) const {
    return std::hash<std::string_view>{}(word) & (slots_.size() - 1);
  }

  /// Eight times more slots, keeping what the old ones hold.
  void grow() {
    std::vector<Slot> old =
        std::exchange(slots_, std::vector<Slot>(std::min(slots_.size() * 8, kSlots)));
    for (Slot& slot : old) {
      if (slot.used) slots_[index_of(slot.word)] = std::move(slot);
    }
    misses_ = 0;
  }

  std::vector<Slot> slots_;
  std::size_t misses_ = 0;
};

}  // namespace

struct Analyzer::State {
  StemmerPtr stemmer;
  analysis::WordScanner scanner;
  StemCache stems;
  std::string folded;
  std::string written;   ///< the word as written, lower case; empty when it is `folded`
  std::string restored;  ///< `folded` with its suffix accents restored
  std::string folded_stem;
  std::string key;          ///< `written`, NUL, `folded`: the cache key of an accented word
  bool skip_stems = false;  ///< see Analyzer::Stems

  /// Stores in `out` the folded Snowball stem of `word`.
  void stem(std::string_view word, std::string& out) {
    // The result belongs to the stemmer and changes with the next call: copy it.
    const sb_symbol* snowball =
        sb_stemmer_stem(stemmer.get(), reinterpret_cast<const sb_symbol*>(word.data()),
                        static_cast<int>(word.size()));
    if (snowball == nullptr) throw std::bad_alloc();
    const std::string_view result(reinterpret_cast<const char*>(snowball),
                                  static_cast<std::size_t>(sb_stemmer_length(stemmer.get())));
    out.clear();
    if (is_ascii(result)) {
      out.assign(result);
    } else {
      analysis::append_folded(result, out);
    }
    cap(out);
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

void Analyzer::start(std::string_view text, Stems stems) {
  state_->scanner = analysis::WordScanner(text);
  state_->skip_stems = stems == Stems::kSkip;
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
  token.fresh = false;
  if (s.skip_stems) {
    token.stem = token.folded_stem = {};
    return true;
  }
  if (all_ascii_digits(s.folded)) {
    token.stem = token.folded_stem = s.folded;  // the stemmer leaves numbers alone; skip it
    return true;
  }
  // The stem is made of the word as written, the folded stem of the folded
  // form: a word is remembered by both (words hold no NUL).
  const std::string_view written = token.accented ? std::string_view(s.written) : s.folded;
  std::string_view key = s.folded;
  if (token.accented) {
    s.key.assign(s.written);
    s.key += '\0';
    s.key += s.folded;
    key = s.key;
  }
  StemCache::Slot& slot = s.stems.slot_for(key);
  if (!slot.used || slot.word != key) {
    s.stems.missed();
    token.fresh = true;
    slot.used = false;  // until every string is set
    s.stem(written, slot.stems);
    slot.split = static_cast<std::uint32_t>(slot.stems.size());
    if (restore_suffix_accents(s.folded, s.restored)) {
      s.stem(s.restored, s.folded_stem);
    } else if (token.accented) {
      s.stem(s.folded, s.folded_stem);
    } else {
      s.folded_stem = slot.stems;  // the same word stemmed
    }
    if (s.folded_stem != slot.stems) slot.stems += s.folded_stem;
    slot.word.assign(key);
    slot.used = true;
  }
  token.stem = slot.stem();
  token.folded_stem = slot.folded_stem();
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
