#include "query/query_error.hpp"

#include "newsidx/error.hpp"

namespace newsidx::query {

[[noreturn]] void fail(const std::string& message) {
  throw Error(ErrorCode::kQuery, "query: " + message);
}

[[noreturn]] void fail_at(const std::string& what, std::size_t column, std::string_view rest) {
  fail(what + " at column " + std::to_string(column) + std::string(rest));
}

}  // namespace newsidx::query
