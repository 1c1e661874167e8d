// IngestSummary: the figures of one ingest (SPEC §5.1).
//
// Plain value type, filled by the indexer and printed by the output layer.
#pragma once

#include <cstdint>

namespace newsidx {

/// The figures of an ingest, as printed in its summary.
struct IngestSummary {
  std::int64_t files = 0;
  std::int64_t added = 0;
  std::int64_t updated = 0;
  std::int64_t unchanged = 0;
  std::int64_t duplicates = 0;
  std::int64_t rejected = 0;
  std::int64_t warnings = 0;
  std::int64_t pruned = 0;
  std::uint64_t bytes = 0;  ///< bytes of the files that were read
  double seconds = 0;
};

}  // namespace newsidx
