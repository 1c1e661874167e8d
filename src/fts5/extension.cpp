// The loadable SQLite extension libnewsidx_fts: registers the newsidx_french
// FTS5 tokenizer on the connection that loads it, e.g.
//   sqlite3 newsidx.db '.load /usr/lib/libnewsidx_fts' "SELECT … MATCH …"
// Every sqlite3_* call here goes through the routines SQLite hands to the
// entry point (sqlite3ext.h), as loadable extensions must.
#include <sqlite3ext.h>
SQLITE_EXTENSION_INIT1

#include <exception>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "newsidx/fts5_tokenizer.hpp"

namespace {

/// The word families of a newsidx database, read from its `vocabulary`
/// table (see src/store/schema.cpp). In a database without one, every word
/// has no family and is searched as written. The statement lives for one
/// call only: a statement kept alive would keep the connection from closing.
class DatabaseFamilies : public newsidx::WordFamilies {
 public:
  explicit DatabaseFamilies(sqlite3* db) : db_(db) {}

  void append_words(std::string_view stem, std::vector<std::string>& out) override {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db_, "SELECT word FROM vocabulary WHERE stem = ?1", -1, &stmt,
                           nullptr) == SQLITE_OK) {
      sqlite3_bind_text(stmt, 1, stem.data(), static_cast<int>(stem.size()), SQLITE_TRANSIENT);
      while (sqlite3_step(stmt) == SQLITE_ROW) {
        const auto* word = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
        out.emplace_back(word, static_cast<std::size_t>(sqlite3_column_bytes(stmt, 0)));
      }
    }
    sqlite3_finalize(stmt);
  }

 private:
  sqlite3* db_;
};

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
    newsidx::TokenizerHooks hooks;
    hooks.families = std::make_shared<DatabaseFamilies>(db);
    newsidx::register_french_tokenizer(fts5_api_of(db), hooks);
    return SQLITE_OK;
  } catch (const std::exception& e) {
    if (error_message != nullptr) *error_message = sqlite3_mprintf("newsidx_fts: %s", e.what());
  } catch (...) {
    if (error_message != nullptr) *error_message = sqlite3_mprintf("newsidx_fts: unknown failure");
  }
  return SQLITE_ERROR;
}
