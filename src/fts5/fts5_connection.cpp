// fts5_api_of() and register_french_tokenizer(sqlite3*): the FTS5 API of a
// connection.
// Apart from fts5_tokenizer.cpp because it calls SQLite directly, which the
// loadable extension must not do.
#include <sqlite3.h>

#include <memory>
#include <string>

#include "newsidx/error.hpp"
#include "newsidx/fts5_tokenizer.hpp"

namespace newsidx {
namespace {

struct StatementDeleter {
  void operator()(sqlite3_stmt* stmt) const noexcept { sqlite3_finalize(stmt); }
};

}  // namespace

fts5_api* fts5_api_of(sqlite3* db) {
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &raw, nullptr) != SQLITE_OK) {
    throw Error(ErrorCode::kDatabase,
                std::string("this SQLite has no FTS5 module: ") + sqlite3_errmsg(db));
  }
  const std::unique_ptr<sqlite3_stmt, StatementDeleter> stmt(raw);
  fts5_api* api = nullptr;
  sqlite3_bind_pointer(stmt.get(), 1, &api, "fts5_api_ptr", nullptr);
  sqlite3_step(stmt.get());
  if (api == nullptr || api->iVersion < 2) {
    throw Error(ErrorCode::kDatabase, "this SQLite has no usable FTS5 module");
  }
  return api;
}

void register_french_tokenizer(sqlite3* db, const TokenizerHooks& hooks) {
  register_french_tokenizer(fts5_api_of(db), hooks);
}

}  // namespace newsidx
