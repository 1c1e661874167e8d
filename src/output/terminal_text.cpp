#include "newsidx/terminal_text.hpp"

#include "newsidx/utf8.hpp"

namespace newsidx {
namespace {

constexpr char kEscape = '\x1b';

/// The length of the escape sequence at text[i] (ESC [ parameters, then a
/// letter), or 0 when there is none.
std::size_t escape_length(std::string_view text, std::size_t i) {
  if (text[i] != kEscape || i + 1 >= text.size() || text[i + 1] != '[') return 0;
  std::size_t j = i + 2;
  while (j < text.size() &&
         !((text[j] >= 'A' && text[j] <= 'Z') || (text[j] >= 'a' && text[j] <= 'z'))) {
    ++j;
  }
  return j < text.size() ? j + 1 - i : text.size() - i;
}

}  // namespace

std::size_t display_width(std::string_view text) {
  std::size_t columns = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (const std::size_t escape = escape_length(text, i); escape > 0) {
      i += escape - 1;
      continue;
    }
    if (starts_code_point(text[i])) ++columns;
  }
  return columns;
}

std::string fit_width(std::string_view text, std::size_t columns) {
  if (columns == 0 || count_code_points(text) <= columns) return std::string(text);
  return std::string(text.substr(0, byte_offset_of(text, columns - 1))) + std::string(kEllipsis);
}

std::size_t display_rows(std::string_view text, std::size_t columns) {
  std::size_t rows = 0;
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    const std::size_t width = display_width(text.substr(0, end));
    rows += width == 0 ? 1 : (width + columns - 1) / columns;
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return rows;
}

std::string wrap_words(std::string_view text, std::size_t columns) {
  if (columns == 0) return std::string(text);
  std::string out;
  std::size_t line = 0;  // columns on the current line
  while (!text.empty()) {
    const std::size_t space = text.find(' ');
    const std::string_view word = text.substr(0, space);
    const std::size_t width = count_code_points(word);
    if (line > 0 && line + 1 + width > columns) {
      out += '\n';
      line = 0;
    } else if (line > 0) {
      out += ' ';
      ++line;
    }
    out += word;
    line += width;
    if (space == std::string_view::npos) break;
    text.remove_prefix(space + 1);
  }
  return out;
}

}  // namespace newsidx
