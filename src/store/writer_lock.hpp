// WriterLock: one newsidx writer per database at a time. Private to the store.
//
// An exclusive advisory lock (flock) on the database file, held for the life
// of a read-write Store. SQLite's own locks only guard one transaction at a
// time; this one keeps a second ingest from interleaving batches with the
// first, and from deciding that a database is new while the first creates
// it. Movable, not copyable.
#pragma once

#include <chrono>
#include <filesystem>

#include "newsidx/unique_fd.hpp"

namespace newsidx::store {

class WriterLock {
 public:
  WriterLock() = default;
  /// Takes the lock on `path`, waiting up to `timeout` for another holder.
  /// Throws Error(kDatabase) when the file cannot be opened or locked, or is
  /// still locked after `timeout`.
  WriterLock(const std::filesystem::path& path, std::chrono::milliseconds timeout);

 private:
  UniqueFd fd_;
};

}  // namespace newsidx::store
