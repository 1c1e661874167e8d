// The rowids of each month's articles, as a span: where in the full-text
// index the matches of a date filter can be. Private to the store.
//
// Walking every match of a query and keeping those of the dates costs as
// much for a month as for the whole archive. Archives are mostly ingested
// in date order (folders by year, files by date), so the articles of a
// period hold a narrow range of rowids, and FTS5 reads only the part of
// each doclist within a rowid range it is given. The table keeps, for each
// month that articles start in, the smallest and largest of their rowids:
// the span of a date filter is then a lookup of a few rows, not a walk of
// the date index.
//
// A span is a superset: the matches in it are still filtered by their
// dates (date_filter.hpp). Every article added widens its month's span to
// its rowid (an article keeps its rowid and its date: its id hashes its
// date); deleting one leaves the span as it was, which still holds every
// article left.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "newsidx/search.hpp"
#include "store/sqlite.hpp"

namespace newsidx::store {

/// The table (schema version 3).
inline constexpr const char* kMonthRowidsTable =
    "CREATE TABLE IF NOT EXISTS month_rowids(\n"
    "  month TEXT PRIMARY KEY,          -- YYYY-MM of the articles' first day\n"
    "  first_rowid INTEGER NOT NULL,    -- the smallest rowid of its articles\n"
    "  last_rowid INTEGER NOT NULL      -- the largest\n"
    ") WITHOUT ROWID;\n";

/// Sets the table from the stored articles (a database that lacked it).
/// REQUIRES: a write transaction is open.
void fill_month_rowids(sqlite::Db& db);

/// The months of the articles a writer adds in a batch, written to the
/// table when the batch commits. Belongs to one thread, like its connection.
class MonthRowidsWriter {
 public:
  explicit MonthRowidsWriter(sqlite::Db& db);

  /// Notes an article of `rowid` whose period starts on `date_start`
  /// (YYYY-MM-DD).
  void add(std::int64_t rowid, std::string_view date_start);
  /// Writes what was noted since the last flush() or clear().
  /// REQUIRES: a write transaction is open.
  void flush();
  /// Forgets what was noted (a batch that was not committed).
  void clear() { pending_.clear(); }

 private:
  sqlite::Stmt upsert_;
  std::map<std::string, std::pair<std::int64_t, std::int64_t>, std::less<>> pending_;
};

/// A range of rowids, both ends included; none when first > last.
struct RowidSpan {
  std::int64_t first = 0;
  std::int64_t last = -1;
};

/// The rowids the articles of `request`'s date filter can have; nullopt
/// when it has no date filter, or the database has no month_rowids table
/// (a database of schema 2, read where it may not be upgraded).
[[nodiscard]] std::optional<RowidSpan> date_span(sqlite::Db& db, const SearchRequest& request);

}  // namespace newsidx::store
