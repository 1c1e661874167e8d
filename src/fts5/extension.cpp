// The loadable SQLite extension libnewsidx_fts: registers the newsidx_french
// FTS5 tokenizer on the connection that loads it, e.g.
//   sqlite3 newsidx.db '.load /usr/lib/libnewsidx_fts' "SELECT … MATCH …"
// Every sqlite3_* call here goes through the routines SQLite hands to the
// entry point (sqlite3ext.h), as loadable extensions must.
#include <sqlite3ext.h>
SQLITE_EXTENSION_INIT1

#include <exception>

#include "newsidx/fts5_tokenizer.hpp"

namespace {

/// The FTS5 API of `db`, or nullptr when it has no FTS5 module.
fts5_api* fts5_api_of(sqlite3* db) {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &stmt, nullptr) != SQLITE_OK) return nullptr;
  fts5_api* api = nullptr;
  sqlite3_bind_pointer(stmt, 1, &api, "fts5_api_ptr", nullptr);
  sqlite3_step(stmt);
  sqlite3_finalize(stmt);
  return api;
}

}  // namespace

/// The entry point SQLite looks for in libnewsidx_fts. Returns SQLITE_OK, or
/// SQLITE_ERROR with a message in *error_message (freed by SQLite).
extern "C" __attribute__((visibility("default"))) int sqlite3_newsidxfts_init(
    sqlite3* db, char** error_message, const sqlite3_api_routines* routines) {
  SQLITE_EXTENSION_INIT2(routines);
  try {
    newsidx::register_french_tokenizer(fts5_api_of(db));
    return SQLITE_OK;
  } catch (const std::exception& e) {
    if (error_message != nullptr) *error_message = sqlite3_mprintf("newsidx_fts: %s", e.what());
  } catch (...) {
    if (error_message != nullptr) *error_message = sqlite3_mprintf("newsidx_fts: unknown failure");
  }
  return SQLITE_ERROR;
}
