// KnownSources and PathSet: the sources a database holds and the paths a
// walk found, by a digest of their path, for an incremental ingest of a
// million files. Private to the indexer.
//
// Built by one thread, then read by it.
#pragma once

#include <compare>
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include "newsidx/store.hpp"

namespace newsidx::indexer {

/// A 128-bit digest (XXH3) of a path. Two paths share one with a
/// probability of about 2^-128 per pair, far below that of a memory error.
struct PathDigest {
  std::uint64_t low = 0;
  std::uint64_t high = 0;
  friend auto operator<=>(const PathDigest&, const PathDigest&) = default;
};

[[nodiscard]] PathDigest digest_of(std::string_view path);

/// The stamp of every source of a database, by digest: 40 bytes a source
/// where a map by path took over 130. Read once, when an ingest starts.
class KnownSources {
 public:
  explicit KnownSources(const Store& store);

  /// The stamp stored for `path`, or nullptr when none is.
  [[nodiscard]] const FileStamp* find(std::string_view path) const;

 private:
  std::vector<std::pair<PathDigest, FileStamp>> sorted_;
};

/// A set of paths, by digest (the files a walk found, for --prune).
class PathSet {
 public:
  void reserve(std::size_t n) { sorted_.reserve(n); }
  /// Adds `path`. REQUIRES: not yet sealed.
  void add(std::string_view path) { sorted_.push_back(digest_of(path)); }
  /// Readies the set for contains(); call once, after the last add().
  void seal();
  [[nodiscard]] bool contains(std::string_view path) const;

 private:
  std::vector<PathDigest> sorted_;
};

}  // namespace newsidx::indexer
