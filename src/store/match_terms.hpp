// The terms of a query's matches, read in one pass: each match's rowid, the
// frequency of each phrase of the query in it, a lower bound of its size,
// and what FTS5's bm25() computes once per query (the IDFs, the average
// size). From them the score of any match is bm25()'s, to the bit, once its
// size is read (RowSizes): relevance pages (ranking.hpp) and date-ordered
// pages (date_order.hpp) score only the matches they may show. Private to
// the store.
//
// Functions of a connection; one thread at a time, like the connection.
#pragma once

#include <sqlite3.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "newsidx/search.hpp"
#include "store/sqlite.hpp"

namespace newsidx::store {

/// What newsidx_match_terms() reads from the matches of a query.
struct MatchTerms {
  bool idf_from_matches = false;  ///< in: count the IDFs' matches here
  bool started = false;
  int phrases = 0;
  sqlite3_int64 rows = 0;  ///< articles in the index
  double avgdl = 0.0;      ///< their average size in tokens, as bm25() has it
  std::vector<double> idf;
  std::vector<std::int64_t> rowids;  ///< ascending: FTS5 gives its matches by rowid
  std::vector<double> freqs;         ///< `phrases` per match
  std::vector<double> min_sizes;     ///< a lower bound of each match's size
  std::vector<int> column_ends;      ///< scratch: per column

  /// The frequencies of the phrases in match `row` (an index of `rowids`).
  [[nodiscard]] const double* freq(std::size_t row) const {
    return freqs.data() + row * static_cast<std::size_t>(phrases);
  }
};

/// Registers newsidx_match_terms() with the FTS5 module of `db`. Throws
/// Error(kDatabase) when FTS5 refuses it.
void register_match_terms(sqlite3* db);

/// Reads the terms of every match of `request` (which has a query), in one
/// pass over them.
[[nodiscard]] MatchTerms read_terms(sqlite::Db& db, const SearchRequest& request);

/// bm25()'s score (negated: higher is better) of a match of `m` whose
/// phrases have the frequencies `freq` and whose size is `size` tokens,
/// spelt as FTS5 spells it so that the result is the same to the bit.
/// Increasing in each freq and decreasing in size, operation by operation:
/// with a lower bound of the size it gives an upper bound of the score.
[[nodiscard]] double bm25(const MatchTerms& m, const double* freq, double size);

/// The sizes in tokens of the rows of the index, all columns together
/// (bm25()'s D), read from FTS5's `docsize` table: one SQLite varint per
/// column (FTS5's file format). xColumnSize() would read the same, but only
/// in a cursor of the query, which has moved on.
class RowSizes {
 public:
  explicit RowSizes(sqlite::Db& db);
  /// The size of `rowid`, or nullopt when it has none.
  [[nodiscard]] std::optional<double> of(std::int64_t rowid);

 private:
  sqlite::Stmt select_;
};

/// Whether every article that matches a phrase of `match` (an FTS5 query)
/// matches the query: phrases, prefixes, column filters and groups joined by
/// OR only. False when unsure.
[[nodiscard]] bool is_disjunction(std::string_view match);

}  // namespace newsidx::store
