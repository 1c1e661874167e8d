// Placeholder: replaced by the query translator.
#include "newsidx/query.hpp"

#include "newsidx/error.hpp"

namespace newsidx {
std::string to_fts5_match(std::string_view) {
  throw Error(ErrorCode::kInternal, "to_fts5_match: not implemented yet");
}
}  // namespace newsidx
