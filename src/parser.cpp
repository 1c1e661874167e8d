// Placeholder: replaced by the implementation of parser.hpp.
#include "newsidx/parser.hpp"

#include "newsidx/error.hpp"

namespace newsidx {
ParseResult parse_article(std::string_view, const std::string&) {
  throw Error(ErrorCode::kInternal, "parse_article: not implemented yet");
}
ParseResult read_article(const std::filesystem::path&, const ParseOptions&) {
  throw Error(ErrorCode::kInternal, "read_article: not implemented yet");
}
}  // namespace newsidx
