// Stats: what a database holds, for `newsidx stats` (SPEC §5.5).
//
// Plain value type, filled by the Store and printed by the output layer.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace newsidx {

/// Figures for `newsidx stats`.
struct Stats {
  std::int64_t articles = 0;
  std::int64_t sources = 0;
  std::int64_t duplicates = 0;  ///< sources beyond the first of each article
  std::int64_t undated = 0;
  std::optional<std::string> first_date;  ///< earliest date_start, YYYY-MM-DD
  std::optional<std::string> last_date;   ///< latest date_end, YYYY-MM-DD
  std::int64_t db_bytes = 0;              ///< database file plus its WAL
  /// Near-duplicate clusters of two or more articles, and the articles in them.
  std::int64_t clusters = 0;
  std::int64_t clustered = 0;
  /// Articles per period ("2016" or "2016-12"), oldest first.
  std::vector<std::pair<std::string, std::int64_t>> histogram;
};

}  // namespace newsidx
