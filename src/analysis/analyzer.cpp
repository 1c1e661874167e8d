#include "newsidx/analyzer.hpp"

#include <libstemmer.h>
#include <xxhash.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <new>
#include <optional>
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
///
/// A slot is one cache line that holds the word and its stems: a look-up
/// reads one line of memory, which a large cache mostly does not find in
/// the processor's caches. Words whose word and stems do not fit a slot
/// (kSlotBytes) are stemmed each time: few do.
class StemCache {
 public:
  /// The stems of a word, in the cache; valid until the next store().
  struct Stems {
    std::string_view stem;
    std::string_view folded_stem;
  };

  StemCache() : slots_(kFirstSlots) {}

  /// The stems cached for `word`; nullopt (and a miss counted) when none are.
  /// Invalidates what the cache returned before (see missed()).
  std::optional<Stems> find(std::string_view word) {
    if (misses_ >= slots_.size() && slots_.size() < kSlots) grow();
    const Slot& slot = slots_[index_of(word)];
    if (slot.word_size == word.size() && std::memcmp(slot.bytes, word.data(), word.size()) == 0) {
      return slot.stems();
    }
    ++misses_;
    return std::nullopt;
  }

  /// Caches the stems of `word` when they fit a slot.
  void store(std::string_view word, std::string_view stem, std::string_view folded_stem) {
    const bool same = folded_stem == stem;
    const std::size_t size = word.size() + stem.size() + (same ? 0 : folded_stem.size());
    if (word.empty() || size > kSlotBytes) return;
    Slot& slot = slots_[index_of(word)];
    slot.word_size = static_cast<std::uint8_t>(word.size());
    slot.stem_size = static_cast<std::uint8_t>(stem.size());
    slot.folded_stem_size = static_cast<std::uint8_t>(same ? 0 : folded_stem.size());
    slot.same_stems = same;
    char* out = std::copy(word.begin(), word.end(), slot.bytes);
    out = std::copy(stem.begin(), stem.end(), out);
    if (!same) std::copy(folded_stem.begin(), folded_stem.end(), out);
  }

 private:
  // Powers of 2. On the orangesum-500 corpus (17,767 distinct words in
  // 178,093, so at most 90% can be found) 32768 slots find 87% of the words
  // (16384: 85%). An archive has a larger vocabulary: in 33,440 articles of
  // the benchmark's real-vocabulary corpus (21.1 million words) 32768 slots
  // miss 5.0% of the words and 131072 miss 2.1%, for 8 MB.
  static constexpr std::size_t kFirstSlots = 256;
  static constexpr std::size_t kSlots = 131072;
  static constexpr std::size_t kSlotBytes = 60;

  struct alignas(64) Slot {
    std::uint8_t word_size = 0;  ///< 0: a free slot (words are never empty)
    std::uint8_t stem_size = 0;
    std::uint8_t folded_stem_size = 0;
    bool same_stems = false;  ///< the folded stem is the stem (and not stored again)
    char bytes[kSlotBytes];   ///< the word, its stem, its folded stem

    [[nodiscard]] Stems stems() const {
      const std::string_view stem(bytes + word_size, stem_size);
      return {stem, same_stems ? stem
                               : std::string_view(bytes + word_size + stem_size, folded_stem_size)};
    }
    [[nodiscard]] std::string_view word() const { return {bytes, word_size}; }
  };
  static_assert(sizeof(Slot) == 64);

  [[nodiscard]] std::size_t index_of(std::string_view word) const {
    return XXH3_64bits(word.data(), word.size()) & (slots_.size() - 1);
  }

  /// Eight times more slots, keeping what the old ones hold. A cache starts
  /// small (a query or a few snippets have few words, and a short process
  /// should not pay for megabytes it never uses) and grows, up to kSlots,
  /// after as many misses as it has slots.
  void grow() {
    std::vector<Slot> old =
        std::exchange(slots_, std::vector<Slot>(std::min(slots_.size() * 8, kSlots)));
    for (const Slot& slot : old) {
      if (slot.word_size > 0) slots_[index_of(slot.word())] = slot;
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
  std::string stem_of_word;
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
  if (const std::optional<StemCache::Stems> cached = s.stems.find(key)) {
    token.stem = cached->stem;
    token.folded_stem = cached->folded_stem;
    return true;
  }
  token.fresh = true;
  s.stem(written, s.stem_of_word);
  if (restore_suffix_accents(s.folded, s.restored)) {
    s.stem(s.restored, s.folded_stem);
  } else if (token.accented) {
    s.stem(s.folded, s.folded_stem);
  } else {
    s.folded_stem = s.stem_of_word;  // the same word stemmed
  }
  s.stems.store(key, s.stem_of_word, s.folded_stem);
  token.stem = s.stem_of_word;
  token.folded_stem = s.folded_stem;
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
