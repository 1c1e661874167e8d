// Placeholder: replaced by the FTS5 bridge of the French analyzer.
#include "newsidx/fts5_tokenizer.hpp"

#include "newsidx/error.hpp"

namespace newsidx {
void register_french_tokenizer(sqlite3*) {
  throw Error(ErrorCode::kInternal, "register_french_tokenizer: not implemented yet");
}
}  // namespace newsidx
