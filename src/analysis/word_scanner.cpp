#include "analysis/word_scanner.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <array>
#include <cstdint>

#include "analysis/fold.hpp"
#include "newsidx/analyzer.hpp"

namespace newsidx::analysis {
namespace {

/// What a code point is to the scanner.
enum class CharClass : std::uint8_t {
  kSeparator,   ///< ends a word (punctuation, space, symbols, invalid bytes)
  kLetter,      ///< starts or continues a word (L*)
  kNumber,      ///< starts or continues a word (N*)
  kMark,        ///< continues a word (M*)
  kIgnorable,   ///< continues a word and folds to nothing (Cf, e.g. U+00AD)
  kApostrophe,  ///< ', ’ or ʼ: joins two parts of a word, or separates
};

constexpr std::array<CharClass, 128> kAsciiClasses = [] {
  std::array<CharClass, 128> classes{};
  for (int c = 'a'; c <= 'z'; ++c) classes[static_cast<std::size_t>(c)] = CharClass::kLetter;
  for (int c = 'A'; c <= 'Z'; ++c) classes[static_cast<std::size_t>(c)] = CharClass::kLetter;
  for (int c = '0'; c <= '9'; ++c) classes[static_cast<std::size_t>(c)] = CharClass::kNumber;
  classes['\''] = CharClass::kApostrophe;
  return classes;
}();

CharClass classify(UChar32 c) {
  if (c == 0x2019 || c == 0x02BC) return CharClass::kApostrophe;  // ’ ʼ
  if (c == 0x200B) return CharClass::kSeparator;  // zero-width space: a break, not a joiner
  switch (static_cast<UCharCategory>(u_charType(c))) {
    case U_UPPERCASE_LETTER:
    case U_LOWERCASE_LETTER:
    case U_TITLECASE_LETTER:
    case U_MODIFIER_LETTER:
    case U_OTHER_LETTER:
      return CharClass::kLetter;
    case U_DECIMAL_DIGIT_NUMBER:
    case U_LETTER_NUMBER:
    case U_OTHER_NUMBER:
      return CharClass::kNumber;
    case U_NON_SPACING_MARK:
    case U_COMBINING_SPACING_MARK:
    case U_ENCLOSING_MARK:
      return CharClass::kMark;
    case U_FORMAT_CHAR:
      return CharClass::kIgnorable;
    default:
      return CharClass::kSeparator;
  }
}

/// One decoded code point: its value (negative for an invalid sequence), its
/// class and the offset just past it.
struct CodePoint {
  UChar32 c;
  CharClass cls;
  std::size_t next;
};

/// REQUIRES: i < text.size().
CodePoint read(std::string_view text, std::size_t i) {
  const auto byte = static_cast<unsigned char>(text[i]);
  if (byte < 0x80) return {byte, kAsciiClasses[byte], i + 1};
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(text.data());
  const std::size_t length = text.size();
  UChar32 c = 0;
  U8_NEXT(bytes, i, length, c);
  if (c < 0) return {c, CharClass::kSeparator, i};
  return {c, classify(c), i};
}

bool in_word(CharClass cls) {
  return cls == CharClass::kLetter || cls == CharClass::kNumber || cls == CharClass::kMark ||
         cls == CharClass::kIgnorable;
}

/// Whether a folded word is one of the elided forms (SPEC §4).
bool is_elision(std::string_view folded) {
  switch (folded.size()) {
    case 1:
      return folded.find_first_of("lmtnsjdc") == 0;
    case 2:
      return folded == "qu";
    case 5:
      return folded == "jusqu";
    case 6:
      return folded == "quoiqu" || folded == "lorsqu" || folded == "puisqu";
    default:
      return false;
  }
}

bool is_thousands_separator(UChar32 c) {
  return c == ' ' || c == '.' || c == 0xA0 || c == 0x202F;
}

bool is_ascii_digit(char c) {
  return c >= '0' && c <= '9';
}

/// Appends the folded form of `c` to `folded` unless that would make it longer
/// than kMaxTokenBytes; after the first refusal, `full` is set and nothing more
/// is appended. Returns whether `c` was appended.
bool append_capped(UChar32 c, std::string& folded, bool& full) {
  if (full) return false;
  const std::size_t before = folded.size();
  if (c < 0x80) {
    folded.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c));
  } else {
    append_folded(c, folded);
  }
  if (folded.size() > kMaxTokenBytes) {
    folded.resize(before);
    full = true;
    return false;
  }
  return true;
}

/// Appends `c` in lower case (simple case mapping) to `out`.
void append_lower(UChar32 c, std::string& out) {
  UChar32 lower = c;
  if (c < 0x100) {  // Latin-1, most of French: À-Þ but × lower by 0x20
    if (c >= 0xC0 && c <= 0xDE && c != 0xD7) lower = c + 0x20;
  } else {
    lower = u_tolower(c);
  }
  char bytes[U8_MAX_LENGTH];
  std::size_t length = 0;
  U8_APPEND_UNSAFE(bytes, length, lower);
  out.append(bytes, length);
}

}  // namespace

/// What the scanner knows of the word it is reading.
struct WordScanner::WordState {
  explicit WordState(CharClass first) : last(first) {}
  bool own_written = false;      ///< a code point other than ASCII: `written` is kept
  bool marks = false;            ///< `written` holds a combining mark: compose it
  bool full = false;             ///< folded has reached the cap
  bool digits_only = true;       ///< only ASCII digits since span.start
  bool kept_apostrophe = false;  ///< an apostrophe that was not an elision
  CharClass last;                ///< the last letter or number
};

bool WordScanner::next(WordSpan& span, std::string& folded, std::string& written) {
  const std::size_t size = text_.size();
  while (pos_ < size) {
    const CodePoint first = read(text_, pos_);
    if (first.cls != CharClass::kLetter && first.cls != CharClass::kNumber) {
      pos_ = first.next;
      continue;
    }
    folded.clear();
    written.clear();
    span.word_start = span.start = pos_;
    WordState word(first.cls);
    pos_ = scan_word(pos_, span, folded, written, word);
    if (word.digits_only && !folded.empty() && folded.size() <= 3) join_digit_groups(folded);
    if (word.marks) compose(written);
    span.end = pos_;
    if (!folded.empty()) return true;
  }
  return false;
}

std::size_t WordScanner::scan_word(std::size_t i, WordSpan& span, std::string& folded,
                                   std::string& written, WordState& word) const {
  const std::size_t size = text_.size();
  while (i < size) {
    // Fast path for ASCII letters and digits, most of French text.
    const auto byte = static_cast<unsigned char>(text_[i]);
    if (byte < 0x80 && kAsciiClasses[byte] != CharClass::kSeparator &&
        kAsciiClasses[byte] != CharClass::kApostrophe) {
      word.last = kAsciiClasses[byte];
      if (word.last == CharClass::kLetter) word.digits_only = false;
      if (word.full || folded.size() == kMaxTokenBytes) {
        word.full = true;
      } else {
        folded.push_back(static_cast<char>(byte >= 'A' && byte <= 'Z' ? byte + ('a' - 'A') : byte));
        if (word.own_written) written.push_back(folded.back());
      }
      ++i;
      continue;
    }
    const CodePoint cp = read(text_, i);
    if (in_word(cp.cls)) {
      if (!word.own_written) {
        written = folded;  // ASCII so far: as written, it is its folded form
        word.own_written = true;
      }
      if (append_capped(cp.c, folded, word.full) && cp.cls != CharClass::kIgnorable) {
        append_lower(cp.c, written);
        word.marks = word.marks || cp.cls == CharClass::kMark;
      }
      if (cp.cls == CharClass::kLetter || cp.cls == CharClass::kNumber) word.last = cp.cls;
      if (cp.cls != CharClass::kIgnorable && !(cp.c >= '0' && cp.c <= '9'))
        word.digits_only = false;
      i = cp.next;
      continue;
    }
    if (cp.cls == CharClass::kApostrophe && word.last == CharClass::kLetter && cp.next < size) {
      const CodePoint after = read(text_, cp.next);
      if (after.cls == CharClass::kLetter || after.cls == CharClass::kNumber) {
        if (!word.kept_apostrophe && is_elision(folded)) {
          folded.clear();
          written.clear();
          word.own_written = false;
          word.marks = false;
          span.start = cp.next;
          word.digits_only = true;
        } else {
          word.kept_apostrophe = true;
        }
        i = cp.next;
        continue;
      }
    }
    break;
  }
  return i;
}

void WordScanner::join_digit_groups(std::string& folded) {
  const std::size_t size = text_.size();
  UChar32 separator = -1;
  while (pos_ < size) {
    const CodePoint sep = read(text_, pos_);
    if (!is_thousands_separator(sep.c) || (separator >= 0 && sep.c != separator)) return;
    const std::size_t group = sep.next;
    if (size - group < 3 || !is_ascii_digit(text_[group]) || !is_ascii_digit(text_[group + 1]) ||
        !is_ascii_digit(text_[group + 2])) {
      return;
    }
    if (group + 3 < size && in_word(read(text_, group + 3).cls)) return;
    folded.append(text_, group, 3);
    pos_ = group + 3;
    separator = sep.c;
  }
}

}  // namespace newsidx::analysis
