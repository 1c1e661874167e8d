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
  /// Articles per period ("2016" or "2016-12"), oldest first, with the
  /// periods without an article between the first and the last (0).
  std::vector<std::pair<std::string, std::int64_t>> histogram;
};

/// One period of a timeline.
struct PeriodCount {
  std::string period;         ///< "2016" or "2016-12"
  std::int64_t articles = 0;  ///< the articles of the period that match
  std::int64_t total = 0;     ///< all articles of the period (in the date filter)

  friend bool operator==(const PeriodCount&, const PeriodCount&) = default;
};

/// Figures for `newsidx stats QUERY`: how many articles match, per period
/// among all the articles of that period (SPEC §5.8).
struct Timeline {
  std::string query;                ///< as typed; "" with a date filter alone
  std::optional<std::string> from;  ///< the date filter as typed, when given
  std::optional<std::string> to;
  std::int64_t articles = 0;              ///< that match (in the date filter)
  std::int64_t total = 0;                 ///< all articles in the date filter
  std::int64_t undated = 0;               ///< that match and have no date (in no period)
  std::optional<std::string> first_date;  ///< earliest date_start of a match
  std::optional<std::string> last_date;   ///< latest date_end of a match
  /// Oldest first, from the first to the last period that holds an article
  /// (matching or not), periods without one included.
  std::vector<PeriodCount> periods;
};

}  // namespace newsidx
