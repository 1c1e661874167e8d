#include "store/stats.hpp"

#include <string>

#include "store/clusters.hpp"

namespace newsidx::store {
namespace {

// Characters of a stored date that name its year ("2016") or month ("2016-12").
constexpr std::int64_t kYearChars = 4;
constexpr std::int64_t kMonthChars = 7;

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
  sqlite::Stmt h(db.get(),
                 "SELECT substr(date, 1, ?1) AS period, count(*) FROM article "
                 "WHERE date IS NOT NULL GROUP BY period ORDER BY period");
  h.bind(1, by == DatePrecision::kYear ? kYearChars : kMonthChars);
  while (h.step()) st.histogram.emplace_back(std::string(h.column_text(0)), h.column_int(1));
  std::error_code ec;
  for (const char* suffix : {"", "-wal"}) {
    const auto size = std::filesystem::file_size(path.string() + suffix, ec);
    if (!ec) st.db_bytes += static_cast<std::int64_t>(size);
  }
  return st;
}

}  // namespace newsidx::store
