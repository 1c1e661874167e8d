// How the store opens a database file: the policy for readers and writers,
// and the messages that say why a file cannot be used. Private to the store.
#pragma once

#include <filesystem>

#include "store/sqlite.hpp"

namespace newsidx::store {

/// Opens `path` for reading. A reader that cannot open a WAL database
/// normally because its `-shm` file is missing and cannot be created (a
/// read-only folder: nobody is writing then, since a writer creates that
/// file) reads the file as immutable instead. Throws Error(kNoDatabase) when
/// there is no file, Error(kDatabase) when it cannot be read (with the
/// reason), or is not an SQLite database.
[[nodiscard]] sqlite::Db open_for_reading(const std::filesystem::path& path);

/// Opens `path` for writing, creating it and its missing parent folders.
/// Throws Error(kDatabase) with the reason when that fails: a folder given
/// as the path, a file or folder this user may not write, a full disk…
[[nodiscard]] sqlite::Db open_for_writing(const std::filesystem::path& path);

/// Throws the Error that says why the first read of an opened file failed
/// with `rc`: not a database, unreadable, a folder that must be writable.
[[noreturn]] void fail_first_read(sqlite::Db& db, int rc, const std::filesystem::path& path,
                                  bool writable);

}  // namespace newsidx::store
