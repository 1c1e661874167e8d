#include "store/sqlite.hpp"

#include <cstring>

#include "newsidx/error.hpp"

namespace newsidx::sqlite {

namespace {

/// " (No space left on device)": the system's own reason for a failure of
/// the file system (SQLite says "disk I/O error" for a full disk, a folder
/// given as a file, a file too large…), or "" for other codes.
std::string system_reason(sqlite3* db, int rc) {
  const int primary = rc & 0xff;
  const int system = db != nullptr ? sqlite3_system_errno(db) : 0;
  if (system == 0 || (primary != SQLITE_IOERR && primary != SQLITE_CANTOPEN &&
                      primary != SQLITE_FULL && primary != SQLITE_READONLY)) {
    return {};
  }
  return std::string(" (") + std::strerror(system) + ")";
}

/// sqlite3_errmsg() and the system's reason.
std::string message_of(sqlite3* db) {
  return sqlite3_errmsg(db) + system_reason(db, sqlite3_extended_errcode(db));
}

/// "database PATH: REASON", the form of every error the connection reports.
std::string database_error(sqlite3* db, std::string_view reason) {
  const char* file = db != nullptr ? sqlite3_db_filename(db, "main") : nullptr;
  std::string msg = "database ";
  msg += file != nullptr && *file != '\0' ? file : "(unnamed)";
  msg += ": ";
  msg += reason;
  return msg;
}

/// Turns off SQLite's count of the memory it allocates, once, before its
/// first connection: the count takes a lock of the whole process on every
/// allocation, which two connections used by two threads (split_walk.hpp)
/// would contend for. Nothing reads the count. SQLite refuses the setting
/// once it is initialized (by another user of the library in this process):
/// the count then stays.
void configure_sqlite() {
  static const int once = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  static_cast<void>(once);
}

}  // namespace

void check(sqlite3* db, int rc) {
  if (rc == SQLITE_OK || rc == SQLITE_ROW || rc == SQLITE_DONE) return;
  throw Error(ErrorCode::kDatabase,
              database_error(db, db != nullptr ? message_of(db) : sqlite3_errstr(rc)));
}

Db::Db(const std::string& path, int flags) {
  configure_sqlite();
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  db_.reset(raw);  // adopted even on failure: sqlite3_open_v2 may allocate a handle
  if (rc != SQLITE_OK) {
    const std::string reason = raw != nullptr ? message_of(raw) : sqlite3_errstr(rc);
    throw Error(ErrorCode::kDatabase, "cannot open " + path + ": " + reason);
  }
  sqlite3_extended_result_codes(raw, 1);
}

void Db::exec(const std::string& sql) {
  char* err = nullptr;
  const int rc = sqlite3_exec(get(), sql.c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    const std::string msg = database_error(
        get(), (err != nullptr ? err : sqlite3_errstr(rc)) + system_reason(get(), rc));
    sqlite3_free(err);
    throw Error(ErrorCode::kDatabase, msg);
  }
}

std::string Db::error_message() const {
  return message_of(get());
}

std::int64_t Db::query_int(const std::string& sql) {
  std::int64_t value = 0;
  check(get(), probe_int(sql, value));
  return value;
}

int Db::probe_int(const std::string& sql, std::int64_t& out) noexcept {
  sqlite3_stmt* raw = nullptr;
  int rc = sqlite3_prepare_v2(get(), sql.c_str(), -1, &raw, nullptr);
  if (rc != SQLITE_OK) return rc;
  rc = sqlite3_step(raw);
  if (rc == SQLITE_ROW) out = sqlite3_column_int64(raw, 0);
  sqlite3_finalize(raw);
  return rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
}

Stmt::Stmt(sqlite3* db, std::string_view sql) : db_(db) {
  sqlite3_stmt* raw = nullptr;
  const int rc = sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &raw, nullptr);
  stmt_.reset(raw);
  check(db, rc);
}

Stmt& Stmt::bind(int index, std::string_view text) {
  check(db_, sqlite3_bind_text(stmt_.get(), index, text.data(), static_cast<int>(text.size()),
                               SQLITE_TRANSIENT));
  return *this;
}

Stmt& Stmt::bind(int index, std::int64_t value) {
  check(db_, sqlite3_bind_int64(stmt_.get(), index, value));
  return *this;
}

Stmt& Stmt::bind_null(int index) {
  check(db_, sqlite3_bind_null(stmt_.get(), index));
  return *this;
}

Stmt& Stmt::bind_pointer(int index, void* pointer, const char* type) {
  check(db_, sqlite3_bind_pointer(stmt_.get(), index, pointer, type, nullptr));
  return *this;
}

Stmt& Stmt::bind_blob(int index, std::string_view bytes) {
  check(db_, sqlite3_bind_blob(stmt_.get(), index, bytes.data(), static_cast<int>(bytes.size()),
                               SQLITE_TRANSIENT));
  return *this;
}

Stmt& Stmt::bind(int index, const std::optional<std::string>& text) {
  return text ? bind(index, std::string_view(*text)) : bind_null(index);
}

bool Stmt::step() {
  const int rc = sqlite3_step(stmt_.get());
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  check(db_, rc);
  return false;
}

void Stmt::run() {
  const int rc = sqlite3_step(stmt_.get());
  sqlite3_reset(stmt_.get());
  if (rc != SQLITE_DONE && rc != SQLITE_ROW) check(db_, rc);
}

void Stmt::reset() {
  sqlite3_reset(stmt_.get());
  sqlite3_clear_bindings(stmt_.get());
}

std::int64_t Stmt::column_int(int col) const {
  return sqlite3_column_int64(stmt_.get(), col);
}

double Stmt::column_double(int col) const {
  return sqlite3_column_double(stmt_.get(), col);
}

std::string_view Stmt::column_text(int col) const {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_.get(), col));
  if (p == nullptr) return {};
  return {p, static_cast<size_t>(sqlite3_column_bytes(stmt_.get(), col))};
}

std::string_view Stmt::column_blob(int col) const {
  const auto* p = static_cast<const char*>(sqlite3_column_blob(stmt_.get(), col));
  if (p == nullptr) return {};
  return {p, static_cast<size_t>(sqlite3_column_bytes(stmt_.get(), col))};
}

std::optional<std::string> Stmt::column_optional_text(int col) const {
  if (column_is_null(col)) return std::nullopt;
  return std::string(column_text(col));
}

bool Stmt::column_is_null(int col) const {
  return sqlite3_column_type(stmt_.get(), col) == SQLITE_NULL;
}

Transaction::Transaction(Db& db, Kind kind) : db_(db) {
  db_.exec(kind == Kind::kImmediate ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED");
}

Transaction::~Transaction() {
  if (!done_) sqlite3_exec(db_.get(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void Transaction::commit() {
  db_.exec("COMMIT");
  done_ = true;
}

std::string file_name(const Db& db) {
  const char* file = sqlite3_db_filename(db.get(), "main");
  return file != nullptr ? file : "";
}

}  // namespace newsidx::sqlite
