#include "store/stats.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "store/clusters.hpp"
#include "store/date_filter.hpp"
#include "store/match_rowids.hpp"
#include "store/rowid_set.hpp"
#include "store/search.hpp"

namespace newsidx::store {
namespace {

// The most periods filled in between the first and the last: a century of
// months, more than any archive spans (a wrong date far away would
// otherwise make a list of thousands of empty periods).
constexpr int kMostPeriods = 1200;
constexpr int kMonths = 12;

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

/// The articles a request selects, counted per (first day, last day) of
/// their dates, in date order; and those without a date. What histograms
/// and timelines are made of: read from the date index (first day, last
/// day, rowid), where the rows of a large table need not be read; only the
/// few matches of a rare query are looked up by rowid.
struct DayCounts {
  struct Day {
    std::string first;
    std::string last;
    std::int64_t articles;
  };
  std::vector<Day> days;
  std::int64_t undated = 0;

  /// Counts `n` more articles of `first`..`last` (`first` nullopt: undated),
  /// given in date order.
  void add(std::optional<std::string_view> first, std::string_view last, std::int64_t n) {
    if (!first) {
      undated += n;
    } else if (!days.empty() && days.back().first == *first && days.back().last == last) {
      days.back().articles += n;
    } else {
      days.push_back({std::string(*first), std::string(last), n});
    }
  }
  [[nodiscard]] std::int64_t dated() const {
    std::int64_t n = 0;
    for (const Day& d : days) n += d.articles;
    return n;
  }
};

/// The day counts of the articles in `r`'s date filter; with `rowids` (a
/// JSON array), of those articles only.
DayCounts count_days(sqlite::Db& db, const SearchRequest& r, const std::string* rowids) {
  sqlite::Stmt s(
      db.get(),
      "SELECT a.date_start, a.date_end, count(*) FROM article a WHERE 1" +
          std::string(rowids != nullptr ? " AND a.rowid IN (SELECT value FROM json_each(?9))"
                                        : "") +
          date_conditions(r) +
          " GROUP BY a.date_start, a.date_end ORDER BY a.date_start, a.date_end");
  bind_dates(s, r);
  if (rowids != nullptr) s.bind(9, std::string_view(*rowids));
  DayCounts out;
  while (s.step()) out.add(s.column_optional_text(0), s.column_text(1), s.column_int(2));
  return out;
}

/// The day counts of the articles of `matches` in `r`'s date filter, by a
/// walk of the whole date index.
DayCounts count_days(sqlite::Db& db, const SearchRequest& r, const RowidSet& matches) {
  sqlite::Stmt s(db.get(), "SELECT a.rowid, a.date_start, a.date_end FROM article a WHERE 1" +
                               date_conditions(r) + " ORDER BY a.date_start, a.date_end");
  bind_dates(s, r);
  DayCounts out;
  while (s.step()) {
    if (matches.contains(s.column_int(0))) {
      out.add(s.column_optional_text(1), s.column_text(2), 1);
    }
  }
  return out;
}

/// The day counts of the articles `r` selects (its query and date filter).
DayCounts count_days(sqlite::Db& db, const SearchRequest& r) {
  if (!r.match) return count_days(db, r, nullptr);
  const std::vector<std::int64_t> rowids = match_rowids(db, r);
  if (rowids.empty()) return {};
  if (worth_walking(articles_in_dates(db, r), rowids.size())) {
    if (const std::optional<RowidSet> matches = RowidSet::of(rowids)) {
      return count_days(db, r, *matches);
    }
  }
  const std::string list = json_array(rowids);
  return count_days(db, r, &list);
}

/// The period of an article of `first`..`last` in a histogram `by` year or
/// month: the year or month of its date ("2016", "2016-12"), which is the
/// year for a date of a whole year.
std::string_view period_of(std::string_view first, std::string_view last, DatePrecision by) {
  if (by == DatePrecision::kMonth && first.substr(0, kMonthChars) == last.substr(0, kMonthChars)) {
    return first.substr(0, kMonthChars);
  }
  return first.substr(0, kYearChars);
}

/// Articles per period of `counts`; undated articles are in no period.
std::map<std::string, std::int64_t> count_by_period(const DayCounts& counts, DatePrecision by) {
  std::map<std::string, std::int64_t> out;
  for (const DayCounts::Day& day : counts.days) {
    out[std::string(period_of(day.first, day.last, by))] += day.articles;
  }
  return out;
}

/// The earliest first day and the latest last day of `counts`.
std::pair<std::optional<std::string>, std::optional<std::string>> date_range(
    const DayCounts& counts) {
  if (counts.days.empty()) return {};
  std::string last = counts.days.front().last;
  for (const DayCounts::Day& day : counts.days) last = std::max(last, day.last);
  return {counts.days.front().first, last};
}

}  // namespace

Stats read_stats(sqlite::Db& db, const std::filesystem::path& path, DatePrecision by) {
  const sqlite::Transaction snapshot(db, sqlite::Transaction::Kind::kDeferred);
  Stats st;
  st.articles = db.query_int("SELECT count(*) FROM article");
  st.sources = db.query_int("SELECT count(*) FROM source");
  st.duplicates = st.sources - db.query_int("SELECT count(DISTINCT article) FROM source");
  const ClusterCounts clusters = count_clusters(db);
  st.clusters = clusters.clusters;
  st.clustered = clusters.articles;
  const DayCounts days = count_days(db, SearchRequest{});
  st.undated = days.undated;
  std::tie(st.first_date, st.last_date) = date_range(days);
  for (const auto& entry : with_empty_periods(count_by_period(days, by))) {
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
  const DayCounts matching = count_days(db, request);
  const DayCounts all = count_days(db, everything);
  t.articles = matching.dated() + matching.undated;
  t.undated = matching.undated;
  std::tie(t.first_date, t.last_date) = date_range(matching);
  t.total = all.dated() + all.undated;
  const auto found = count_by_period(matching, by);
  for (const auto& [period, total] : with_empty_periods(count_by_period(all, by))) {
    const auto it = found.find(period);
    t.periods.push_back({period, it != found.end() ? it->second : 0, total});
  }
  return t;
}

}  // namespace newsidx::store
