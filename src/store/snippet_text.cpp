#include "store/snippet_text.hpp"

#include <string>

#include "newsidx/article.hpp"

namespace newsidx::store {
namespace {

bool starts_code_point(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
}

}  // namespace

void take_matches(std::string_view marked, Hit& hit) {
  std::size_t cp = 0;
  std::size_t start = 0;
  for (const char c : marked) {
    if (c == kMatchOpen) {
      start = cp;
    } else if (c == kMatchClose) {
      if (cp > start) hit.matches.emplace_back(start, cp);
    } else if (c == '\n') {
      if (!hit.snippet.empty() && hit.snippet.back() != ' ') {
        hit.snippet += ' ';
        ++cp;
      }
    } else {
      hit.snippet += c;
      if (starts_code_point(c)) ++cp;
    }
  }
}

std::string excerpt(std::string_view text) {
  text = text.substr(0, text.find(kBlockSeparator));
  std::size_t cp = 0;
  std::size_t last_space = std::string_view::npos;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (!starts_code_point(text[i])) continue;
    if (cp == kExcerptCodePoints) {
      const std::size_t cut = last_space != std::string_view::npos ? last_space : i;
      return std::string(text.substr(0, cut)) + "…";
    }
    if (text[i] == ' ') last_space = i;
    ++cp;
  }
  return std::string(text);
}

}  // namespace newsidx::store
