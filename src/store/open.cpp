#include "store/open.hpp"

#include <unistd.h>

#include <cctype>
#include <cstring>
#include <string>

#include "newsidx/error.hpp"

namespace newsidx::store {
namespace fs = std::filesystem;
namespace {

/// True for the codes of a file SQLite could not open or map: in WAL mode a
/// reader needs the `-shm` file beside the database, and creates it when it
/// is missing.
bool cannot_open(int rc) {
  return (rc & 0xff) == SQLITE_CANTOPEN || rc == SQLITE_READONLY_CANTINIT ||
         rc == SQLITE_READONLY_RECOVERY || rc == SQLITE_READONLY_DIRECTORY;
}

/// `file:PATH?immutable=1`, PATH percent-encoded as an SQLite URI wants.
std::string immutable_uri(const fs::path& path) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string uri = "file:";
  for (const char c : fs::absolute(path).string()) {
    const auto b = static_cast<unsigned char>(c);
    if (std::isalnum(b) != 0 || std::strchr("/-._~", c) != nullptr) {
      uri += c;
    } else {
      uri += '%';
      uri += kHex[b >> 4];
      uri += kHex[b & 0xf];
    }
  }
  return uri + "?immutable=1";
}

/// Why a database file cannot be created or opened at `path`, in words,
/// when the file system tells: nullopt when it does not.
std::optional<std::string> path_problem(const fs::path& path, bool writable) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) return path.string() + " is a folder, not a database file";
  const fs::path folder = path.has_parent_path() ? path.parent_path() : fs::path(".");
  if (!writable) return std::nullopt;
  if (!fs::exists(path, ec) && ::access(folder.c_str(), W_OK) != 0) {
    return "cannot create " + path.string() + ": the folder " + folder.string() +
           " is not writable (" + std::strerror(errno) + ")";
  }
  return std::nullopt;
}

/// True for the codes of a `-shm` file that could not be made or grown: a
/// full disk (or a file size limit).
bool cannot_map(int rc) {
  return rc == SQLITE_IOERR_SHMOPEN || rc == SQLITE_IOERR_SHMSIZE || rc == SQLITE_IOERR_SHMMAP;
}

/// A reader of a WAL database whose `-shm` file cannot be made (the disk is
/// full): in EXCLUSIVE locking mode SQLite keeps the WAL index in memory and
/// needs no `-shm` file. That mode needs a read-write connection and holds
/// the lock while the connection lives; query_only keeps it a reader. Only
/// a fallback: other readers wait for it, and no writer can work on a full
/// disk anyway.
std::optional<sqlite::Db> open_without_shm(const fs::path& path) {
  if (::access(path.c_str(), W_OK) != 0) return std::nullopt;
  sqlite::Db db(path.string(), SQLITE_OPEN_READWRITE);
  std::int64_t ignored = 0;
  if (db.probe_int("PRAGMA locking_mode=EXCLUSIVE", ignored) != SQLITE_OK ||
      db.probe_int("PRAGMA query_only=1", ignored) != SQLITE_OK ||
      db.probe_int("PRAGMA application_id", ignored) != SQLITE_OK) {
    return std::nullopt;
  }
  return db;
}

}  // namespace

sqlite::Db open_for_reading(const fs::path& path) {
  std::error_code ec;
  if (!fs::exists(path, ec)) {
    throw Error(ErrorCode::kNoDatabase, "no database at " + path.string());
  }
  if (auto problem = path_problem(path, false)) throw Error(ErrorCode::kDatabase, *problem);
  std::optional<sqlite::Db> db(std::in_place, path.string(), SQLITE_OPEN_READONLY);
  std::int64_t ignored = 0;
  const int rc = db->probe_int("PRAGMA application_id", ignored);
  if (cannot_map(rc)) {
    const std::string first_error = db->error_message();
    db.reset();  // its locks on the -shm file would keep the other connection out
    if (std::optional<sqlite::Db> without_shm = open_without_shm(path)) {
      return std::move(*without_shm);
    }
    throw Error(ErrorCode::kDatabase, "cannot read " + path.string() + ": " + first_error);
  }
  if (!cannot_open(rc)) return std::move(*db);
  sqlite::Db immutable(immutable_uri(path), SQLITE_OPEN_READONLY | SQLITE_OPEN_URI);
  if (immutable.probe_int("PRAGMA application_id", ignored) == SQLITE_OK) return immutable;
  return std::move(*db);  // reports the first error
}

sqlite::Db open_for_writing(const fs::path& path) {
  if (path.has_parent_path()) {
    std::error_code ec;
    fs::create_directories(path.parent_path(), ec);
    if (ec) {
      throw Error(ErrorCode::kDatabase,
                  "cannot create " + path.parent_path().string() + ": " + ec.message());
    }
  }
  if (auto problem = path_problem(path, true)) throw Error(ErrorCode::kDatabase, *problem);
  sqlite::Db db(path.string(), SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  if (sqlite3_db_readonly(db.get(), "main") == 1) {
    throw Error(ErrorCode::kDatabase,
                "cannot write to " + path.string() + ": the file is read-only for this user");
  }
  return db;
}

void fail_first_read(sqlite::Db& db, int rc, const fs::path& path, bool writable) {
  if ((rc & 0xff) == SQLITE_NOTADB) {
    throw Error(ErrorCode::kDatabase,
                path.string() + " is not a newsidx database (" + db.error_message() + ")");
  }
  std::string message = std::string(writable ? "cannot write to " : "cannot read ") +
                        path.string() + ": " + db.error_message();
  if (cannot_open(rc) && writable) {
    message +=
        " (the folder of the database must be writable: SQLite keeps its -wal and -shm files "
        "beside it)";
  }
  throw Error(ErrorCode::kDatabase, message);
}

}  // namespace newsidx::store
