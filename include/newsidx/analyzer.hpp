// Analyzer: the French text analysis of SPEC §4, the same for indexing and
// for queries, independent of SQLite.
//
// A text is cut into words, and each word becomes one Token:
//   * words are maximal runs of letters, digits and combining marks (Unicode
//     general categories L*, N*, M*); everything else separates words, so
//     `Alep-Est` gives two consecutive tokens. Format characters (soft hyphen,
//     zero-width joiners) inside a word are ignored. Bytes that are not valid
//     UTF-8 separate words and are otherwise skipped;
//   * an apostrophe (', ’ or ʼ) between a letter and a letter or digit joins
//     them. When the part before it is an elided word (l, m, t, qu, n, s, j,
//     d, c, jusqu, quoiqu, lorsqu, puisqu, any case) that part is dropped:
//     `L’armée` gives `armee`. Otherwise the word is kept whole and the
//     apostrophe is dropped: `aujourd’hui` and `aujourd'hui` both give
//     `aujourdhui`, `presqu’île` gives `presquile`;
//   * a group of 1 to 3 digits followed by groups of exactly 3 digits, all
//     separated by the same one of ' ', U+00A0, U+202F or '.', is one number:
//     `1 500 000` gives `1500000`; `2011 350` stays two numbers;
//   * the word is folded: full Unicode case folding, compatibility
//     decomposition (NFKD), non-spacing marks removed, and the ligatures and
//     letters that do not decompose mapped to ASCII (œ→oe, æ→ae, ß→ss, ø→o,
//     ł→l, đ→d, ð→d, þ→th, ı→i, ħ→h): `Élysée` gives `elysee`;
//   * the folded word is capped at kMaxTokenBytes bytes (cut on a character
//     boundary);
//   * its stem is the Snowball French stem of the word as written (lower
//     case, elision removed, accents kept), then folded: Snowball reads its
//     suffixes with their accents, so `déclarée` and `déclaré` both give
//     `declar`, while `réfugiés` (`refugi`) and `refuge` (`refug`) stay apart;
//   * its folded stem is the Snowball stem of the folded word, after the
//     accents of Snowball's suffixes are restored (`-ee`→`-ée`, `-ees`→`-ées`,
//     `-iere(s)`→`-ière(s)`, `-ite(s)`→`-ité(s)`), then folded: what the word
//     would stem to had it been written without accents (`declaree` gives
//     `declar`); usually the same as the stem.
// Stems are cut to kMaxTokenBytes too; a number is its own stem. Stop words
// are kept. Offsets are bytes into the analysed text.
//
// An Analyzer owns a stemmer, a cache of recent stems (up to 8 MB) and buffers:
// it is movable (a moved-from Analyzer may only be destroyed or assigned to),
// not copyable, and must not be used by two threads at once (use one per
// thread). The folding table shared by all Analyzers is built on first use
// (thread-safe).
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "newsidx/analyzed_token.hpp"

namespace newsidx {

/// The longest folded word, in bytes; longer words are cut to this length
/// (on a UTF-8 character boundary) before stemming. Offsets still span the
/// whole word.
inline constexpr std::size_t kMaxTokenBytes = 255;

/// One analysed word. The views point into the Analyzer's buffers and stay
/// valid until the next call to Analyzer::next() or Analyzer::start().
struct Token {
  std::string_view folded;       ///< folded surface form, elision removed (`armee`)
  std::string_view stem;         ///< stem of the word as written, folded (`arme`)
  std::string_view folded_stem;  ///< stem of `folded`, suffix accents restored
  /// Folding changed more than the case: the word was written with accents
  /// or ligatures (`armée`, `œuvre`; not `ARMEE`).
  bool accented = false;
  /// The stems were computed for this token, not found among those of the
  /// words this Analyzer saw recently: the first time it meets a word, and
  /// again when the word has been forgotten. Always false for numbers and
  /// with Stems::kSkip.
  bool fresh = false;
  std::size_t start = 0;       ///< byte offset of the word (`armée` in `l’armée`)
  std::size_t end = 0;         ///< byte offset just past the word
  std::size_t word_start = 0;  ///< like `start`, but before an elided part (`l’`)
};

/// Turns text into Tokens (see the top of this file).
class Analyzer {
 public:
  /// Creates the Snowball French stemmer.
  /// Throws Error(kInternal) if libstemmer cannot provide it.
  Analyzer();
  ~Analyzer();
  Analyzer(Analyzer&&) noexcept;
  Analyzer& operator=(Analyzer&&) noexcept;
  Analyzer(const Analyzer&) = delete;
  Analyzer& operator=(const Analyzer&) = delete;

  /// Whether next() computes stems, or only folds (what the index and
  /// snippets need: half the work).
  enum class Stems { kCompute, kSkip };

  /// Starts analysing `text`, forgetting any previous text. Any bytes are
  /// accepted. With Stems::kSkip the tokens' `stem` and `folded_stem` are
  /// empty. REQUIRES: `text` stays alive while next() is called.
  void start(std::string_view text, Stems stems = Stems::kCompute);

  /// Stores the next token in `token` and returns true, or returns false at
  /// the end of the text. Throws std::bad_alloc when memory runs out.
  [[nodiscard]] bool next(Token& token);

  /// All tokens of `text` with owned strings.
  [[nodiscard]] std::vector<AnalyzedToken> analyze(std::string_view text);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

/// The tokens of `text` as Analyzer::analyze() gives them, with a temporary
/// Analyzer. Throws like Analyzer().
[[nodiscard]] std::vector<AnalyzedToken> analyze_for_display(std::string_view text);

}  // namespace newsidx
