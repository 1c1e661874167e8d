#include "parser/lines.hpp"

#include <algorithm>

#include "parser/normalize.hpp"

namespace newsidx::parser {
namespace {

char ascii_lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

}  // namespace

Lines split_lines(std::string_view text) {
  Lines out;
  out.raw.reserve(text.size());
  out.spans.reserve(static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) + 1);
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const std::size_t begin = out.raw.size();
    append_collapsed(text.substr(start, end - start), out.raw);
    out.spans.push_back({begin, out.raw.size() - begin});
    out.raw += '\n';
    start = end + 1;
  }
  while (!out.spans.empty() && out.spans.back().size == 0) out.spans.pop_back();
  out.raw.resize(out.spans.empty() ? 0 : out.spans.back().begin + out.spans.back().size);
  return out;
}

void skip_spaces(std::string_view s, std::size_t& pos) {
  while (pos < s.size()) {
    std::size_t next = pos;
    if (!is_horizontal_space(next_code_point(s, next))) return;
    pos = next;
  }
}

bool iequals_ascii(std::string_view a, std::string_view lower) {
  if (a.size() != lower.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (ascii_lower(a[i]) != lower[i]) return false;
  }
  return true;
}

}  // namespace newsidx::parser
