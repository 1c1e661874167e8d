// Collapsed searches: near duplicates folded under the first of them in the
// result order (SearchRequest::collapse). Private to the store.
//
// The results are read in order until the page is full of hits whose
// cluster (clusters.hpp) has not been shown yet: the first article of each
// cluster in the result order is shown, the others that the request selects
// are listed in its Hit::similar. So `limit` and `offset` count the hits
// shown, and a later page never shows an article folded on an earlier one.
//
// Functions of a connection; one thread at a time, like the connection.
#pragma once

#include <vector>

#include "newsidx/search.hpp"
#include "newsidx/store.hpp"
#include "store/sqlite.hpp"

namespace newsidx::store {

/// One page of hits of `request` with near duplicates folded. REQUIRES: a
/// read transaction is open (the rows read in several steps must agree).
/// `matches` as for page_rows().
[[nodiscard]] std::vector<Hit> collapsed_search(sqlite::Db& db, const SearchRequest& request,
                                                std::int64_t* matches = nullptr,
                                                Ranking ranking = Ranking::kBounded,
                                                HitReading reading = HitReading::kChoose);

}  // namespace newsidx::store
