// Text normalization of article files (SPEC §1.2), private to the parser.
//
// Stateless functions on UTF-8 strings; safe to call from any thread.
#pragma once

#include <unicode/umachine.h>
#include <unicode/utf8.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace newsidx::parser {

/// Rewrites valid UTF-8 `text` in place (it only shrinks): CRLF and CR become
/// LF (so do U+0085, U+2028 and U+2029); soft hyphens (U+00AD), zero-width
/// characters (U+200B, U+200C, U+200D, U+2060, U+FEFF) and control characters
/// other than tab, LF, VT and FF are removed. Does not throw.
void clean_text(std::string& text);

/// Puts valid UTF-8 `text` into Unicode NFC, copying only when it is not
/// already normalized. Throws Error(kInternal) if ICU fails.
void to_nfc(std::string& text);

/// True for the characters that end a line (SPEC §1.2): LF, CR (a CR
/// followed by LF ends one line), U+0085, U+2028 and U+2029.
[[nodiscard]] bool is_line_break(UChar32 c);

/// is_horizontal_space() of a character past ASCII.
[[nodiscard]] bool is_wide_horizontal_space(UChar32 c);

/// True for white space within a line: space, tab, VT, FF and every other
/// Unicode White_Space character except line breaks (no-break spaces too).
/// Inline: the parser asks it of nearly every character of a text.
[[nodiscard]] inline bool is_horizontal_space(UChar32 c) {
  if (c < 0x80) return c == ' ' || c == '\t' || c == '\v' || c == '\f';
  return is_wide_horizontal_space(c);
}

/// Appends one line of valid UTF-8 to `out` without its leading and trailing
/// white space, runs of white space collapsed: a single tab becomes a space, a
/// run of several becomes one space, or one no-break space (U+00A0, U+202F,
/// U+2007) when the run holds one. REQUIRES: `line` holds no '\n'.
void append_collapsed(std::string_view line, std::string& out);

/// The code point starting at byte `i` of valid UTF-8 `text`, and advances
/// `i` past it. REQUIRES: i < text.size().
[[nodiscard]] inline UChar32 next_code_point(std::string_view text, std::size_t& i) {
  const auto* s = reinterpret_cast<const std::uint8_t*>(text.data());
  const std::size_t length = text.size();
  UChar32 c = 0;
  U8_NEXT_OR_FFFD(s, i, length, c);
  return c;
}

/// The code point ending at byte `i` of valid UTF-8 `text`, and moves `i`
/// back to its first byte. REQUIRES: 0 < i <= text.size().
[[nodiscard]] UChar32 previous_code_point(std::string_view text, std::size_t& i);

}  // namespace newsidx::parser
