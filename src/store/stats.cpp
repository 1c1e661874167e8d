#include "store/stats.hpp"

#include <cstdio>
#include <map>
#include <string>

#include "store/clusters.hpp"
#include "store/search.hpp"

namespace newsidx::store {
namespace {

// Characters of a stored date that name its year ("2016") or month ("2016-12").
constexpr std::int64_t kYearChars = 4;
constexpr std::int64_t kMonthChars = 7;
// The most periods filled in between the first and the last: a century of
// months, more than any archive spans (a wrong date far away would
// otherwise make a list of thousands of empty periods).
constexpr int kMostPeriods = 1200;
constexpr int kMonths = 12;

std::int64_t period_chars(DatePrecision by) {
  return by == DatePrecision::kYear ? kYearChars : kMonthChars;
}

/// The periods from `first` to `last` ("2016" or "2016-12", the same
/// width), in order; just the two when they mix years and months or span
/// more than kMostPeriods.
std::vector<std::string> periods_between(const std::string& first, const std::string& last) {
  const std::size_t width = first.size();
  if ((width != kYearChars && width != kMonthChars) || last.size() != width) return {first, last};
  const auto index = [&](const std::string& period) {
    const int year = std::stoi(period.substr(0, kYearChars));
    return width == kYearChars ? year : year * kMonths + std::stoi(period.substr(5, 2)) - 1;
  };
  const int from = index(first);
  const int to = index(last);
  if (to < from || to - from >= kMostPeriods) return {first, last};
  std::vector<std::string> out;
  for (int i = from; i <= to; ++i) {
    char text[16];
    if (width == kYearChars) {
      std::snprintf(text, sizeof text, "%04d", i);
    } else {
      std::snprintf(text, sizeof text, "%04d-%02d", i / kMonths, i % kMonths + 1);
    }
    out.emplace_back(text);
  }
  return out;
}

/// `counts` by period, with every period between the first and the last;
/// those without an article count 0. Left as is when the periods mix years
/// and months (year-only dates in a histogram by month).
std::map<std::string, std::int64_t> with_empty_periods(std::map<std::string, std::int64_t> counts) {
  if (counts.size() < 2) return counts;
  const std::size_t width = counts.begin()->first.size();
  for (const auto& [period, n] : counts) {
    if (period.size() != width) return counts;
  }
  for (const std::string& p : periods_between(counts.begin()->first, counts.rbegin()->first)) {
    counts.emplace(p, 0);
  }
  return counts;
}

/// Articles per period of the rows `request` selects (its query and date
/// filter); undated articles are in no period.
std::map<std::string, std::int64_t> count_by_period(sqlite::Db& db, const SearchRequest& request,
                                                    DatePrecision by) {
  sqlite::Stmt s(db.get(), "SELECT substr(a.date, 1, ?7) AS period, count(*)" +
                               from_clause(request) + where_clause(request) +
                               " AND a.date IS NOT NULL GROUP BY period");
  bind_filters(s, request);
  s.bind(7, period_chars(by));
  std::map<std::string, std::int64_t> counts;
  for (bool row = step_query(s); row; row = s.step()) {
    counts.emplace(std::string(s.column_text(0)), s.column_int(1));
  }
  return counts;
}

}  // namespace

Stats read_stats(sqlite::Db& db, const std::filesystem::path& path, DatePrecision by) {
  const sqlite::Transaction snapshot(db, sqlite::Transaction::Kind::kDeferred);
  Stats st;
  st.articles = db.query_int("SELECT count(*) FROM article");
  st.sources = db.query_int("SELECT count(*) FROM source");
  st.duplicates = st.sources - db.query_int("SELECT count(DISTINCT article) FROM source");
  st.undated = db.query_int("SELECT count(*) FROM article WHERE date IS NULL");
  const ClusterCounts clusters = count_clusters(db);
  st.clusters = clusters.clusters;
  st.clustered = clusters.articles;
  {
    sqlite::Stmt s(db.get(), "SELECT min(date_start), max(date_end) FROM article");
    if (s.step()) {
      st.first_date = s.column_optional_text(0);
      st.last_date = s.column_optional_text(1);
    }
  }
  for (const auto& entry : with_empty_periods(count_by_period(db, SearchRequest{}, by))) {
    st.histogram.push_back(entry);
  }
  std::error_code ec;
  for (const char* suffix : {"", "-wal"}) {
    const auto size = std::filesystem::file_size(path.string() + suffix, ec);
    if (!ec) st.db_bytes += static_cast<std::int64_t>(size);
  }
  return st;
}

Timeline read_timeline(sqlite::Db& db, const SearchRequest& request, DatePrecision by) {
  const sqlite::Transaction snapshot(db, sqlite::Transaction::Kind::kDeferred);
  SearchRequest everything = request;
  everything.match.reset();
  Timeline t;
  if (request.from) t.from = request.from->str();
  if (request.to) t.to = request.to->str();
  {
    sqlite::Stmt s(db.get(),
                   "SELECT count(*), count(*) FILTER (WHERE a.date IS NULL), "
                   "min(a.date_start), max(a.date_end)" +
                       from_clause(request) + where_clause(request));
    bind_filters(s, request);
    if (step_query(s)) {
      t.articles = s.column_int(0);
      t.undated = s.column_int(1);
      t.first_date = s.column_optional_text(2);
      t.last_date = s.column_optional_text(3);
    }
    sqlite::Stmt all(db.get(),
                     "SELECT count(*)" + from_clause(everything) + where_clause(everything));
    bind_filters(all, everything);
    t.total = all.step() ? all.column_int(0) : 0;
  }
  const auto matching = count_by_period(db, request, by);
  for (const auto& [period, total] : with_empty_periods(count_by_period(db, everything, by))) {
    const auto found = matching.find(period);
    t.periods.push_back({period, found != matching.end() ? found->second : 0, total});
  }
  return t;
}

}  // namespace newsidx::store
