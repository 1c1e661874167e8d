// RAII wrappers for the SQLite C API: Db (a connection), Stmt (a prepared
// statement) and Transaction. Private to the store.
//
// Every failing SQLite call throws Error(kDatabase) with sqlite3_errmsg().
// A Db and its Stmts belong to one thread at a time.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace newsidx::sqlite {

/// Throws Error(kDatabase) "database PATH: <sqlite message> (<system
/// reason>)" unless rc is one of the OK codes (SQLITE_OK, SQLITE_ROW,
/// SQLITE_DONE).
void check(sqlite3* db, int rc);

/// An open connection; closed (sqlite3_close_v2) on destruction.
class Db {
 public:
  /// Opens `path` with `flags` (SQLITE_OPEN_*). Throws Error(kDatabase).
  Db(const std::string& path, int flags);

  [[nodiscard]] sqlite3* get() const { return db_.get(); }
  /// Runs one or more statements without results.
  void exec(const std::string& sql);
  /// Runs a single-value query, e.g. "PRAGMA user_version".
  [[nodiscard]] std::int64_t query_int(const std::string& sql);
  /// Runs a single-value query without throwing: returns the (extended)
  /// SQLite result code, SQLITE_OK on success, and stores the value in `out`.
  int probe_int(const std::string& sql, std::int64_t& out) noexcept;
  /// The message of the last failed call on this connection, with the
  /// system's reason when an I/O error has one ("disk I/O error (No space
  /// left on device)").
  [[nodiscard]] std::string error_message() const;

 private:
  struct Close {
    void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
  };
  std::unique_ptr<sqlite3, Close> db_;
};

/// The file of the connection's main database; empty for a temporary or
/// in-memory one.
[[nodiscard]] std::string file_name(const Db& db);

/// A prepared statement; finalized on destruction. Bind indexes are 1-based.
class Stmt {
 public:
  Stmt(sqlite3* db, std::string_view sql);

  Stmt& bind(int index, std::string_view text);
  Stmt& bind(int index, const std::string& text) { return bind(index, std::string_view(text)); }
  Stmt& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
  Stmt& bind(int index, std::int64_t value);
  Stmt& bind_null(int index);
  /// Binds `bytes` as a BLOB.
  Stmt& bind_blob(int index, std::string_view bytes);
  /// Binds `pointer` for sqlite3_value_pointer(…, `type`); `type` must
  /// outlive the binding.
  Stmt& bind_pointer(int index, void* pointer, const char* type);
  /// Binds text, or NULL when `text` is nullopt.
  Stmt& bind(int index, const std::optional<std::string>& text);

  /// Steps once: true when a row is available, false when done. Throws on error.
  bool step();
  /// Steps a statement that returns no rows, then resets it for reuse.
  void run();
  /// Resets the statement and clears its bindings for reuse.
  void reset();

  [[nodiscard]] std::int64_t column_int(int col) const;
  [[nodiscard]] double column_double(int col) const;
  /// The column as text ("" for NULL); valid until the next step/reset.
  [[nodiscard]] std::string_view column_text(int col) const;
  [[nodiscard]] std::optional<std::string> column_optional_text(int col) const;
  /// The column as bytes (a BLOB); valid until the next step/reset.
  [[nodiscard]] std::string_view column_blob(int col) const;
  [[nodiscard]] bool column_is_null(int col) const;
  /// The message of the connection's last failed call, e.g. after step() threw.
  [[nodiscard]] std::string error_message() const { return sqlite3_errmsg(db_); }

 private:
  struct Finalize {
    void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
  };
  sqlite3* db_;
  std::unique_ptr<sqlite3_stmt, Finalize> stmt_;
};

/// BEGIN on construction (IMMEDIATE: takes the write lock at once; DEFERRED:
/// a consistent snapshot for reads); ROLLBACK on destruction unless commit().
class Transaction {
 public:
  enum class Kind { kImmediate, kDeferred };
  explicit Transaction(Db& db, Kind kind = Kind::kImmediate);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  void commit();

 private:
  Db& db_;
  bool done_ = false;
};

/// A read transaction for its lifetime, unless the connection is in a
/// transaction already (which is then the snapshot its reads share).
class ReadSnapshot {
 public:
  explicit ReadSnapshot(Db& db) {
    if (sqlite3_get_autocommit(db.get()) != 0) txn_.emplace(db, Transaction::Kind::kDeferred);
  }

 private:
  std::optional<Transaction> txn_;
};

}  // namespace newsidx::sqlite
