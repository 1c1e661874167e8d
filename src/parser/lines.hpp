// Lines: a file's normalized text cut into lines, and the small text helpers
// the header and block readers share. Private to the parser.
//
// Stateless functions on views; safe from any thread.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace newsidx::parser {

/// Where one line of the file is in the normalized text.
struct Span {
  std::size_t begin = 0;
  std::size_t size = 0;
};

/// The normalized file (Article::raw) and its lines.
struct Lines {
  std::string raw;
  std::vector<Span> spans;

  [[nodiscard]] std::string_view operator[](std::size_t i) const {
    return std::string_view(raw).substr(spans[i].begin, spans[i].size);
  }
};

/// Splits normalized text into lines, each with its white space collapsed
/// and trimmed; `raw` is those lines joined by LF, without trailing blank
/// lines.
[[nodiscard]] Lines split_lines(std::string_view text);

/// Skips horizontal white space at `pos`.
void skip_spaces(std::string_view s, std::size_t& pos);

/// True when `a` equals `lower` (lower-case ASCII) in any ASCII case.
[[nodiscard]] bool iequals_ascii(std::string_view a, std::string_view lower);

}  // namespace newsidx::parser
