// Pages of a query's matches in date order (`--sort newest|oldest`), found
// without scoring or sorting every match. Private to the store.
//
// The matches are read in one pass (match_terms.hpp). The page is then
// found in date order in one of two ways:
//   - walking the date index from the page's end of the timeline, keeping
//     the matches, until it has passed the page's last row and every row of
//     the same first day (ties are broken by id). A common word's page is
//     found after a few dozen entries;
//   - when the walk would take too long (few matches: it gives up after
//     kEntriesPerMatch entries per match, date_filter.hpp), reading the
//     first day and id of every match.
// Only the rows of the page are scored, as bm25() scores them. The page is
// the one `ORDER BY date_start IS NULL, date_start DESC|ASC, id` over every
// match gives, with the same scores (Ranking::kScoreEveryMatch keeps that
// statement, which the tests compare against).
//
// Functions of a connection; one thread at a time, like the connection.
#pragma once

#include <cstdint>
#include <vector>

#include "newsidx/search.hpp"
#include "store/ranking.hpp"
#include "store/sqlite.hpp"

namespace newsidx::store {

/// The rows of one page of `request` (which has a query and a date order),
/// in that order. Sets `*matches` to the number of matches when `matches`
/// is given.
[[nodiscard]] std::vector<PageRow> date_ordered_page(sqlite::Db& db, const SearchRequest& request,
                                                     std::int64_t* matches);

}  // namespace newsidx::store
