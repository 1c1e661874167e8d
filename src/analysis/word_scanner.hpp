// WordScanner: the segmentation and folding steps of the French analysis
// (analyzer.hpp): words, elisions, numbers with thousands separators, folding
// and the length cap — everything but stemming. Beside the folded form of a
// word it gives the word as written in lower case (accents kept), which is
// what the stemmer reads.
//
// A WordScanner is a cursor over one text; it holds no other state and is
// cheap to copy. Not safe for concurrent use of one object.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace newsidx::analysis {

/// Where a word lies in the scanned text, in bytes.
struct WordSpan {
  std::size_t word_start = 0;  ///< start of the word, elided part included
  std::size_t start = 0;       ///< start of the word, elided part excluded
  std::size_t end = 0;         ///< just past the word
};

/// Scans UTF-8 text (any bytes accepted: invalid sequences separate words)
/// word by word.
class WordScanner {
 public:
  WordScanner() = default;
  /// REQUIRES: `text` stays alive while next() is called.
  explicit WordScanner(std::string_view text) noexcept : text_(text) {}

  /// Finds the next word whose folded form is not empty, stores where it is
  /// in `span`, its folded form (at most kMaxTokenBytes bytes) in `folded`
  /// and the same characters as written in `written`, and returns true;
  /// returns false at the end of the text. `written` is in lower case (simple
  /// case mapping), in Unicode NFC, without format characters, elision or
  /// apostrophe; it is left empty when the word is plain ASCII (then it
  /// would equal `folded`). Throws std::bad_alloc when memory runs out.
  bool next(WordSpan& span, std::string& folded, std::string& written);

 private:
  struct WordState;

  /// Reads the word that starts at `i` into `folded` and `written` (its
  /// elided part dropped: span.start moves past it); returns where it ends.
  std::size_t scan_word(std::size_t i, WordSpan& span, std::string& folded, std::string& written,
                        WordState& word) const;

  /// Extends the number that ends at pos_ (`folded` holds its 1 to 3 digits)
  /// with the following groups of exactly 3 digits behind a thousands
  /// separator, the same separator each time.
  void join_digit_groups(std::string& folded);

  std::string_view text_;
  std::size_t pos_ = 0;
};

}  // namespace newsidx::analysis
