#include "store/fts5_function.hpp"

#include "newsidx/error.hpp"
#include "newsidx/fts5_tokenizer.hpp"

namespace newsidx::store {

void register_fts5_function(sqlite3* db, const char* name, fts5_extension_function function) {
  fts5_api* api = fts5_api_of(db);
  const int rc = api->xCreateFunction(api, name, nullptr, function, nullptr);
  if (rc != SQLITE_OK) {
    throw Error(ErrorCode::kDatabase, std::string("cannot register the FTS5 function ") + name +
                                          " (SQLite code " + std::to_string(rc) + ")");
  }
}

}  // namespace newsidx::store
