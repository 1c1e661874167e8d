#include "store/date_filter.hpp"

#include <algorithm>
#include <chrono>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

#include "store/rowid_set.hpp"
#include "store/search.hpp"

namespace newsidx::store {
namespace {

/// The day of an ISO date "YYYY-MM-DD", counted from 1970-01-01.
double day_number(std::string_view iso) {
  const auto number = [&](std::size_t at, std::size_t size) {
    int n = 0;
    for (const char c : iso.substr(at, size)) n = n * 10 + (c - '0');
    return n;
  };
  if (iso.size() < 10) return 0.0;
  const std::chrono::year_month_day ymd{std::chrono::year(number(0, 4)),
                                        std::chrono::month(static_cast<unsigned>(number(5, 2))),
                                        std::chrono::day(static_cast<unsigned>(number(8, 2)))};
  return static_cast<double>(std::chrono::sys_days(ymd).time_since_epoch().count());
}

/// The articles in the date filter of `r`, from the date index (its
/// conditions bound the part of the index looked at); nullopt past `most`.
std::optional<std::vector<std::int64_t>> dated_articles(sqlite::Db& db, const SearchRequest& r,
                                                        std::size_t most) {
  sqlite::Stmt walk(db.get(), "SELECT a.rowid FROM article a WHERE a.date_start IS NOT NULL" +
                                  date_conditions(r));
  bind_dates(walk, r);
  std::vector<std::int64_t> out;
  while (walk.step()) {
    if (out.size() == most) return std::nullopt;
    out.push_back(walk.column_int(0));
  }
  return out;
}

}  // namespace

std::size_t walk_budget(std::size_t matches) {
  return matches > std::numeric_limits<std::size_t>::max() / kEntriesPerMatch
             ? std::numeric_limits<std::size_t>::max()
             : matches * kEntriesPerMatch;
}

bool worth_walking(double entries, std::size_t matches) {
  return entries <= static_cast<double>(walk_budget(matches));
}

double articles_in_dates(sqlite::Db& db, const SearchRequest& r) {
  const auto articles =
      static_cast<double>(db.query_int("SELECT coalesce(max(rowid), 0) FROM article"));
  if (!r.from && !r.to) return articles;
  // Two statements: SQLite finds a min() or a max() alone in the index at once.
  sqlite::Stmt first(db.get(), "SELECT min(date_start) FROM article");
  sqlite::Stmt last(db.get(), "SELECT max(date_start) FROM article");
  if (!first.step() || !last.step() || first.column_is_null(0)) return articles;
  const double begin = day_number(first.column_text(0));
  const double end = day_number(last.column_text(0)) + 1;
  const double from = std::max(begin, r.from ? day_number(r.from->first_day()) : begin);
  const double to = std::min(end, r.to ? day_number(r.to->last_day()) + 1 : end);
  return to <= from ? 0.0 : articles * (to - from) / (end - begin);
}

std::vector<std::int64_t> within_dates(sqlite::Db& db, const SearchRequest& r,
                                       const std::vector<std::int64_t>& matches) {
  if ((!r.from && !r.to) || matches.empty()) return matches;
  // The articles of the dates, unless they are too many for the matches.
  std::optional<std::vector<std::int64_t>> dated;
  if (worth_walking(articles_in_dates(db, r), matches.size())) {
    dated = dated_articles(db, r, walk_budget(matches.size()));
  }
  if (dated) {
    const std::optional<RowidSet> set = RowidSet::of(*dated);
    if (!set && dated->empty()) return {};
    if (set) {
      std::vector<std::int64_t> kept;
      for (const std::int64_t rowid : matches) {
        if (set->contains(rowid)) kept.push_back(rowid);
      }
      return kept;
    }
  }
  sqlite::Stmt lookup(db.get(),
                      "SELECT a.rowid FROM json_each(?9) j JOIN article a ON a.rowid = j.value "
                      "WHERE 1" +
                          date_conditions(r) + " ORDER BY j.key");
  lookup.bind(kRowidList, json_array(matches));
  bind_dates(lookup, r);
  std::vector<std::int64_t> kept;
  while (lookup.step()) kept.push_back(lookup.column_int(0));
  return kept;
}

}  // namespace newsidx::store
