// KnownSources and PathSet: the sources a database holds and the paths a
// walk found, by a digest of their path, for an incremental ingest of a
// million files. Private to the indexer.
//
// Built by one thread, then read by it.
#pragma once

#include <compare>
#include <cstddef>
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

/// Where each run of sorted digests sharing the top 16 bits of their first
/// word begins: a lookup then searches about n / 65,536 digests, one or two
/// cache misses, where a binary search of a million took about twenty.
class DigestBuckets {
 public:
  /// Indexes `n` digests sorted by `low_of(i)`, the first word of the i-th.
  template <typename LowOf>
  void build(std::size_t n, LowOf low_of) {
    starts_.assign(kBuckets + 1, 0);
    for (std::size_t i = 0; i < n; ++i) ++starts_[bucket(low_of(i)) + 1];
    for (std::size_t b = 1; b <= kBuckets; ++b) starts_[b] += starts_[b - 1];
  }
  /// [first, last): the indexes where a digest whose first word is `low`
  /// can be; empty before build().
  [[nodiscard]] std::pair<std::size_t, std::size_t> range(std::uint64_t low) const {
    if (starts_.empty()) return {0, 0};
    return {starts_[bucket(low)], starts_[bucket(low) + 1]};
  }

 private:
  static constexpr int kBits = 16;
  static constexpr std::size_t kBuckets = std::size_t{1} << kBits;
  static std::size_t bucket(std::uint64_t low) {
    return static_cast<std::size_t>(low >> (64 - kBits));
  }
  std::vector<std::size_t> starts_;
};

/// The stamp of every source of a database, by digest: 40 bytes a source
/// where a map by path took over 130. Read once, when an ingest starts.
class KnownSources {
 public:
  /// None: every file is read (ingest --force).
  KnownSources() = default;
  explicit KnownSources(const Store& store);

  /// The stamp stored for `path`, or nullptr when none is.
  [[nodiscard]] const FileStamp* find(std::string_view path) const;

 private:
  std::vector<std::pair<PathDigest, FileStamp>> sorted_;
  DigestBuckets buckets_;
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
  DigestBuckets buckets_;
};

}  // namespace newsidx::indexer
