// What the store's FTS5 auxiliary functions (newsidx_snippet(),
// newsidx_match_ranges()) share: registering them, and turning what they
// compute into their SQL result without letting an exception cross into
// SQLite. Private to the store.
#pragma once

#include <sqlite3.h>

#include <new>
#include <string>

namespace newsidx::store {

/// Registers `function` as the FTS5 auxiliary function `name` of `db`.
/// Throws Error(kDatabase) when FTS5 refuses it.
void register_fts5_function(sqlite3* db, const char* name, fts5_extension_function function);

/// Sets `result` to the text `make(out)` writes into `out` when it returns
/// SQLITE_OK, to its error code otherwise, and to an error naming `name`
/// when it throws (out of memory: SQLITE_NOMEM).
template <class Make>
void set_text_result(sqlite3_context* result, const char* name, Make&& make) noexcept {
  try {
    std::string out;
    const int rc = make(out);
    if (rc != SQLITE_OK) {
      sqlite3_result_error_code(result, rc);
      return;
    }
    sqlite3_result_text(result, out.data(), static_cast<int>(out.size()), SQLITE_TRANSIENT);
  } catch (const std::bad_alloc&) {
    sqlite3_result_error_nomem(result);
  } catch (...) {
    const std::string message = std::string(name) + "() failed";
    sqlite3_result_error(result, message.c_str(), -1);
  }
}

}  // namespace newsidx::store
