// Counting in UTF-8 text: where code points start, how many there are.
//
// Stateless, allocation-free functions on valid UTF-8 (on other bytes they
// count each byte that is not a continuation byte).
#pragma once

#include <cstddef>
#include <string_view>

namespace newsidx {

/// True for a byte that starts a code point: anything but a continuation
/// byte (10xxxxxx).
[[nodiscard]] constexpr bool starts_code_point(char byte) {
  return (static_cast<unsigned char>(byte) & 0xC0) != 0x80;
}

/// The number of code points in `text`.
[[nodiscard]] constexpr std::size_t count_code_points(std::string_view text) {
  std::size_t n = 0;
  for (const char c : text) n += starts_code_point(c) ? 1 : 0;
  return n;
}

/// The byte offset of code point number `cp` (0-based) in `text`, or
/// text.size() when it has no more code points.
[[nodiscard]] constexpr std::size_t byte_offset_of(std::string_view text, std::size_t cp) {
  std::size_t seen = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (!starts_code_point(text[i])) continue;
    if (seen == cp) return i;
    ++seen;
  }
  return text.size();
}

}  // namespace newsidx
