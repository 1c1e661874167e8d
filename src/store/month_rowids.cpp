#include "store/month_rowids.hpp"

#include <algorithm>

#include "store/search.hpp"

namespace newsidx::store {

void fill_month_rowids(sqlite::Db& db) {
  db.exec("DELETE FROM month_rowids");
  db.exec(
      "INSERT INTO month_rowids(month, first_rowid, last_rowid) "
      "SELECT substr(date_start, 1, 7), min(rowid), max(rowid) FROM article "
      "WHERE date_start IS NOT NULL GROUP BY 1");
}

MonthRowidsWriter::MonthRowidsWriter(sqlite::Db& db)
    : upsert_(db.get(),
              "INSERT INTO month_rowids(month, first_rowid, last_rowid) VALUES(?1, ?2, ?3) "
              "ON CONFLICT(month) DO UPDATE SET "
              "first_rowid = min(first_rowid, excluded.first_rowid), "
              "last_rowid = max(last_rowid, excluded.last_rowid)") {}

void MonthRowidsWriter::add(std::int64_t rowid, std::string_view date_start) {
  const std::string_view month = date_start.substr(0, kMonthChars);
  const auto it = pending_.find(month);
  if (it == pending_.end()) {
    pending_.emplace(std::string(month), std::pair{rowid, rowid});
    return;
  }
  it->second.first = std::min(it->second.first, rowid);
  it->second.second = std::max(it->second.second, rowid);
}

void MonthRowidsWriter::flush() {
  for (const auto& [month, span] : pending_) {
    upsert_.reset();
    upsert_.bind(1, std::string_view(month)).bind(2, span.first).bind(3, span.second);
    upsert_.run();
  }
  upsert_.reset();
  pending_.clear();
}

std::optional<RowidSpan> date_span(sqlite::Db& db, const SearchRequest& r) {
  if (!r.from && !r.to) return std::nullopt;
  if (db.query_int("SELECT count(*) FROM sqlite_master WHERE name = 'month_rowids'") == 0) {
    return std::nullopt;
  }
  // The months a first day of the filter can be in (date_conditions()).
  const std::string first = r.from ? earliest_start(*r.from).substr(0, kMonthChars) : "";
  const std::string last = r.to ? r.to->last_day().substr(0, kMonthChars) : std::string("~");
  sqlite::Stmt s(db.get(),
                 "SELECT min(first_rowid), max(last_rowid) FROM month_rowids "
                 "WHERE month >= ?1 AND month <= ?2");
  s.bind(1, std::string_view(first)).bind(2, std::string_view(last));
  RowidSpan span;
  if (s.step() && !s.column_is_null(0)) span = {s.column_int(0), s.column_int(1)};
  return span;
}

}  // namespace newsidx::store
