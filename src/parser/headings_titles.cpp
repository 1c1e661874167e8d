#include "parser/headings_titles.hpp"

#include <unicode/uchar.h>

#include <algorithm>
#include <array>

#include "newsidx/utf8.hpp"
#include "parser/lines.hpp"
#include "parser/normalize.hpp"

namespace newsidx::parser {
namespace {

constexpr std::string_view kEllipsis = "\xE2\x80\xA6";  // …
/// A rubric before the first sentence (`VIDÉO.`, `FAIT DIVERS.`) is a few
/// words; 40 code points keeps a whole upper-case first sentence out.
constexpr std::size_t kMaxKickerLength = 40;

// Code points the sentence and heading rules look at.
constexpr UChar32 kHorizontalEllipsis = 0x2026;  // …
constexpr UChar32 kLeftGuillemet = 0x00AB;       // «
constexpr UChar32 kRightGuillemet = 0x00BB;      // »
constexpr UChar32 kLeftDoubleQuote = 0x201C;     // “
constexpr UChar32 kRightDoubleQuote = 0x201D;    // ”
constexpr UChar32 kRightSingleQuote = 0x2019;    // ’ (also the French apostrophe)
constexpr UChar32 kEnDash = 0x2013;              // –
constexpr UChar32 kEmDash = 0x2014;              // —
/// Below this, a byte is an ASCII character of its own.
constexpr unsigned char kFirstNonAscii = 0x80;
constexpr char kDelete = 0x7F;

bool is_upper_or_digit(UChar32 c) {
  return u_isupper(c) || u_istitle(c) || u_isdigit(c);
}

}  // namespace

bool looks_like_heading(std::string_view text) {
  if (text.empty() || count_code_points(text) > kMaxHeadingLength) return false;
  std::size_t i = 0;
  if (!is_upper_or_digit(next_code_point(text, i))) return false;
  std::size_t j = text.size();
  switch (previous_code_point(text, j)) {
    case '.':
    case '!':
    case '?':
    case kHorizontalEllipsis:
    case ':':
    case ';':
    case ',':
    case kRightGuillemet:
    case '"':
    case kRightDoubleQuote:
      return false;
    default:
      return true;
  }
}

namespace {

bool is_terminal(UChar32 c) {
  return c == '.' || c == '!' || c == '?' || c == kHorizontalEllipsis;
}

/// Closing quotes and brackets that belong to the sentence they follow.
bool is_closer(UChar32 c) {
  return c == kRightGuillemet || c == kRightDoubleQuote || c == '"' || c == ')' || c == ']' ||
         c == kRightSingleQuote || c == '\'';
}

/// What a new sentence may start with.
bool starts_sentence(UChar32 c) {
  return is_upper_or_digit(c) || c == kLeftGuillemet || c == kLeftDoubleQuote || c == '"' ||
         c == '(' || c == kEmDash || c == kEnDash || c == '[';
}

/// True when the word just before a period is an abbreviation or an
/// initial ("M. Macron", "J. Chirac", "Mme", "Dr"): the period then does not
/// end a sentence.
bool ends_with_abbreviation(std::string_view before) {
  static constexpr auto kAbbreviations = std::to_array<std::string_view>(
      {"M",   "MM", "Mme", "Mmes", "Mlle", "Mlles", "Me",  "Mes", "Mgr", "Dr",
       "Pr",  "St", "Ste", "Sts",  "Jr",   "Sr",    "Cie", "Gal", "Gén", "Col",
       "Cdt", "Lt", "av",  "bd",   "cf",   "env",   "ex",  "fig"});
  std::size_t start = before.size();
  while (start > 0) {
    std::size_t j = start;
    if (!u_isalpha(previous_code_point(before, j))) break;
    start = j;
  }
  const std::string_view word = before.substr(start);
  if (word.empty()) return false;
  if (count_code_points(word) == 1) return true;
  return std::find(kAbbreviations.begin(), kAbbreviations.end(), word) != kAbbreviations.end();
}

/// Byte length of the first sentence of `text`, final punctuation and
/// closing quotes included; text.size() when it has a single sentence.
std::size_t first_sentence_length(std::string_view text) {
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    const std::size_t start = i;
    const UChar32 c = next_code_point(text, i);
    if (!is_terminal(c)) continue;
    const std::size_t first_end = i;
    while (i < n) {  // "?!", "..."
      std::size_t j = i;
      if (!is_terminal(next_code_point(text, j))) break;
      i = j;
    }
    const bool single_period = c == '.' && i == first_end;
    std::size_t end = i;
    while (end < n) {  // `."`, `.)`, `. »`
      std::size_t j = end;
      const UChar32 d = next_code_point(text, j);
      if (is_closer(d)) {
        end = j;
        continue;
      }
      if (!is_horizontal_space(d) || j >= n) break;
      std::size_t k = j;
      const UChar32 e = next_code_point(text, k);
      if (e != kRightGuillemet && e != kRightDoubleQuote) break;
      end = k;
    }
    if (end == n) return n;
    std::size_t next = end;
    skip_spaces(text, next);
    if (next == end || next >= n) continue;
    std::size_t probe = next;
    if (!starts_sentence(next_code_point(text, probe))) continue;
    if (single_period && ends_with_abbreviation(text.substr(0, start))) continue;
    return end;
  }
  return n;
}

/// What a cut title must not end with before its `…`: white space, commas and
/// other separators, opening quotes and brackets.
bool is_title_trailer(UChar32 c) {
  return is_horizontal_space(c) || c == ',' || c == ';' || c == ':' || c == '-' || c == kEnDash ||
         c == kEmDash || c == kLeftGuillemet || c == kLeftDoubleQuote || c == '(';
}

/// True for a rubric set before the first sentence, such as `VIDÉO.` or
/// `FAIT DIVERS.`: short, with letters, none of them lower-case.
bool is_kicker(std::string_view sentence) {
  if (count_code_points(sentence) > kMaxKickerLength) return false;
  bool letters = false;
  std::size_t i = 0;
  while (i < sentence.size()) {
    const UChar32 c = next_code_point(sentence, i);
    if (u_islower(c)) return false;
    letters = letters || u_isalpha(c);
  }
  return letters;
}

}  // namespace

std::string derive_title(std::string_view first_block) {
  std::string_view sentence = first_block.substr(0, first_sentence_length(first_block));
  if (sentence.size() < first_block.size() && is_kicker(sentence)) {
    std::size_t next = sentence.size();
    skip_spaces(first_block, next);
    const std::string_view rest = first_block.substr(next);
    sentence = rest.substr(0, first_sentence_length(rest));
  }
  if (count_code_points(sentence) <= kMaxTitleLength) return std::string(sentence);
  std::size_t limit = 0;  // bytes of the first kMaxTitleLength - 1 code points
  for (std::size_t k = 0; k + 1 < kMaxTitleLength; ++k) (void)next_code_point(sentence, limit);
  std::size_t cut = limit;
  if (sentence[limit] != ' ') {
    const std::size_t space = sentence.rfind(' ', limit);
    if (space != std::string_view::npos && space > 0) cut = space;
  }
  std::string_view head = sentence.substr(0, cut);
  while (!head.empty()) {
    std::size_t j = head.size();
    if (!is_title_trailer(previous_code_point(head, j))) break;
    head = head.substr(0, j);
  }
  if (head.empty()) head = sentence.substr(0, limit);
  std::string title;
  title.reserve(head.size() + kEllipsis.size());
  title += head;
  title += kEllipsis;
  return title;
}

namespace {

bool is_ascii_alnum(UChar32 c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

}  // namespace

std::size_t count_words(std::string_view text) {
  std::size_t words = 0;
  bool counted = false;  // the current token has a letter or digit: a word
  std::size_t i = 0;
  while (i < text.size()) {
    if (counted) {
      // The rest of a word: its visible ASCII characters need no look.
      while (i < text.size() && text[i] > ' ' && text[i] < kDelete) ++i;
      if (i == text.size()) break;
    }
    const auto b = static_cast<unsigned char>(text[i]);
    UChar32 c = b;
    if (b < kFirstNonAscii) {
      ++i;
    } else {
      c = next_code_point(text, i);
    }
    if (is_horizontal_space(c) || c == '\n') {
      counted = false;
    } else if (!counted && (c < kFirstNonAscii ? is_ascii_alnum(c) : u_isalnum(c))) {
      counted = true;
      ++words;
    }
  }
  return words;
}

}  // namespace newsidx::parser
