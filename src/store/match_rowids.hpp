// The rowids of a query's matches, and their number, read from the index
// alone; in two halves at once over a large index (split_walk.hpp), and with
// each one-word phrase walked as the OR of its forms (family_forms.hpp).
// Private to the store.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "newsidx/search.hpp"
#include "store/month_rowids.hpp"
#include "store/sqlite.hpp"

namespace newsidx::store {

/// The rowids of the matches of `request`'s query, ascending: those within
/// the rowids of its dates (date_span()), but its date filter is not
/// applied. REQUIRES: request.match.
[[nodiscard]] std::vector<std::int64_t> match_rowids(sqlite::Db& db, const SearchRequest& request);

/// The number of articles that match the FTS5 query `match`.
[[nodiscard]] std::int64_t count_matches(sqlite::Db& db, std::string_view match);

/// The number of articles within `span` (all when nullopt) that match the
/// FTS5 query `match`, in one pass on this connection.
[[nodiscard]] std::int64_t count_matches_in(sqlite::Db& db, std::string_view match,
                                            const std::optional<RowidSpan>& span);

}  // namespace newsidx::store
