#include "indexer/known_sources.hpp"

#include <xxhash.h>

#include <algorithm>

namespace newsidx::indexer {

PathDigest digest_of(std::string_view path) {
  const XXH128_hash_t h = XXH3_128bits(path.data(), path.size());
  return PathDigest{h.low64, h.high64};
}

KnownSources::KnownSources(const Store& store) {
  store.for_each_source([&](std::string_view path, const FileStamp& stamp) {
    sorted_.emplace_back(digest_of(path), stamp);
  });
  std::sort(sorted_.begin(), sorted_.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  buckets_.build(sorted_.size(), [&](std::size_t i) { return sorted_[i].first.low; });
}

const FileStamp* KnownSources::find(std::string_view path) const {
  const PathDigest d = digest_of(path);
  const auto [first, last] = buckets_.range(d.low);
  const auto end = sorted_.begin() + static_cast<std::ptrdiff_t>(last);
  const auto it =
      std::lower_bound(sorted_.begin() + static_cast<std::ptrdiff_t>(first), end, d,
                       [](const auto& entry, const PathDigest& x) { return entry.first < x; });
  return it != end && it->first == d ? &it->second : nullptr;
}

void PathSet::seal() {
  std::sort(sorted_.begin(), sorted_.end());
  buckets_.build(sorted_.size(), [&](std::size_t i) { return sorted_[i].low; });
}

bool PathSet::contains(std::string_view path) const {
  const PathDigest d = digest_of(path);
  const auto [first, last] = buckets_.range(d.low);
  return std::binary_search(sorted_.begin() + static_cast<std::ptrdiff_t>(first),
                            sorted_.begin() + static_cast<std::ptrdiff_t>(last), d);
}

}  // namespace newsidx::indexer
