// newsidx_match_ranges(): an FTS5 auxiliary function that gives the byte
// ranges of the matches of a query in a row, in time linear in the size of
// the row; and TextMatches of an article read with it. Private to the store.
//
//   newsidx_match_ranges(TABLE)
//
// returns text: "T" then " COLUMN START END" for each range, where T is 1
// when the row holds more than kMaxMatchRanges matches (only the first ones
// are given) and 0 otherwise. A range covers a matched token, or all the
// tokens of a matched phrase; ranges are in column then byte order, and
// overlapping ones are merged. Each column that holds a match is tokenized
// once, up to its last match.
#pragma once

#include <sqlite3.h>

#include <optional>
#include <string>
#include <string_view>

#include "newsidx/search.hpp"
#include "store/sqlite.hpp"

namespace newsidx::store {

/// The name the function is registered under.
inline constexpr const char* kMatchRangesFunction = "newsidx_match_ranges";

/// Registers newsidx_match_ranges() with the FTS5 module of `db`. Throws
/// Error(kDatabase) when FTS5 refuses it.
void register_match_ranges_function(sqlite3* db);

/// Where the FTS5 expression `match` matches the article `id` (see
/// Store::matches_in); nullopt when the article is not stored or does not
/// match. Throws Error(kQuery) when FTS5 rejects the expression.
[[nodiscard]] std::optional<TextMatches> matches_in(sqlite::Db& db, std::string_view id,
                                                    const std::string& match);

}  // namespace newsidx::store
