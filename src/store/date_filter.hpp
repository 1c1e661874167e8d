// The matches of a query that lie in a request's date filter, found without
// reading each match's article row when they are many. Private to the store.
//
// Filtering the matches in SQL (FTS5 joined to the articles) reads the row
// of every match for its dates: 0.6 s for the 449,366 matches of a common
// word at a million articles (1.3 µs a match, read in rowid order). The
// articles of the date filter are read from the date index instead (first
// day, last day, rowid), and the matches kept by rowid; unless the index
// holds more than kEntriesPerMatch entries per match where the filter's
// articles are: then the rows of the matches are read.
//
// Functions of a connection; one thread at a time, like the connection.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "newsidx/search.hpp"
#include "store/sqlite.hpp"

namespace newsidx::store {

/// Entries of the date index worth walking per match rather than reading
/// the match's row by rowid. Measured at 1,000,000 articles, warm cache:
/// 0.07 µs an entry of the index walked (first day, last day, rowid); a
/// row's dates 1.3 µs when the rows are read in rowid order (19 entries),
/// 3.2 µs at random rowids (45 entries).
inline constexpr std::size_t kEntriesPerMatch = 32;

/// kEntriesPerMatch entries per match, for `matches` matches.
[[nodiscard]] std::size_t walk_budget(std::size_t matches);

/// Whether walking about `entries` entries of the date index costs less
/// than reading the rows of `matches` matches.
[[nodiscard]] bool worth_walking(double entries, std::size_t matches);

/// About how many articles the date filter of `request` holds (all of
/// them without one), were the articles spread evenly between the first
/// and the last date: what a walk of the date index for it looks at.
[[nodiscard]] double articles_in_dates(sqlite::Db& db, const SearchRequest& request);

/// The rowids among `matches` whose articles lie in the date filter of
/// `request` (all of them when it has none), in the order of `matches`.
[[nodiscard]] std::vector<std::int64_t> within_dates(sqlite::Db& db, const SearchRequest& request,
                                                     const std::vector<std::int64_t>& matches);

}  // namespace newsidx::store
