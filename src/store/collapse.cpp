#include "store/collapse.hpp"

#include <limits>
#include <string>
#include <unordered_set>

#include "store/search.hpp"

namespace newsidx::store {
namespace {

// Results read for a page of N hits: 2N + kWindowSlack at first (a few
// results of a page are usually folded), four times more each time that
// was not enough.
constexpr std::int64_t kWindowSlack = 16;
constexpr std::int64_t kWindowGrowth = 4;

/// `a + b`, or -1 (no limit) when that does not fit.
std::int64_t add_or_unlimited(std::int64_t a, std::int64_t b) {
  return a > std::numeric_limits<std::int64_t>::max() - b ? -1 : a + b;
}

/// The cluster of each article: an article without a signature is a
/// cluster of its own, named by its rowid (never the name of another
/// cluster, since a cluster is named by one of its members).
class ClusterOf {
 public:
  explicit ClusterOf(sqlite::Db& db)
      : find_(db.get(), "SELECT cluster FROM near_signature WHERE article = ?1") {}
  std::int64_t operator()(std::int64_t rowid) {
    find_.reset();
    find_.bind(1, rowid);
    const std::int64_t out = find_.step() ? find_.column_int(0) : rowid;
    find_.reset();
    return out;
  }

 private:
  sqlite::Stmt find_;
};

/// The other articles of a hit's cluster that `r` selects, oldest first.
class FoldedIds {
 public:
  FoldedIds(sqlite::Db& db, const SearchRequest& r) : request_(r), select_(db.get(), sql(r)) {}

  std::vector<std::string> of(const std::string& id) {
    select_.reset();
    select_.bind(1, id);
    if (request_.from) select_.bind(2, request_.from->first_day());
    if (request_.to) select_.bind(3, request_.to->last_day());
    if (request_.match) select_.bind(4, *request_.match);
    std::vector<std::string> out;
    while (select_.step()) out.emplace_back(select_.column_text(0));
    select_.reset();
    return out;
  }

 private:
  static std::string sql(const SearchRequest& r) {
    std::string s =
        "SELECT b.id FROM article a JOIN near_signature sa ON sa.article = a.rowid "
        "JOIN near_signature sb ON sb.cluster = sa.cluster AND sb.article != a.rowid "
        "JOIN article b ON b.rowid = sb.article WHERE a.id = ?1";
    if (r.from) s += " AND b.date_end >= ?2";
    if (r.to) s += " AND b.date_start <= ?3";
    if (r.match) {
      s += " AND EXISTS (SELECT 1 FROM article_fts WHERE article_fts MATCH ?4"
           " AND article_fts.rowid = b.rowid)";
    }
    return s + " ORDER BY b.date_start IS NULL, b.date_start, b.id";
  }

  const SearchRequest& request_;
  sqlite::Stmt select_;
};

/// The first row of each cluster among the first `size` results (all when
/// `size` < 0); `complete` tells whether those were all the results.
std::vector<PageRow> first_of_clusters(sqlite::Db& db, const SearchRequest& r, std::int64_t size,
                                       bool& complete, std::int64_t* matches, Ranking ranking) {
  SearchRequest window = r;
  window.collapse = false;
  window.offset = 0;
  window.limit = size;
  const std::vector<PageRow> rows = page_rows(db, window, matches, ranking);
  complete = size < 0 || static_cast<std::int64_t>(rows.size()) < size;
  ClusterOf cluster_of(db);
  std::unordered_set<std::int64_t> shown;
  std::vector<PageRow> firsts;
  for (const PageRow& row : rows) {
    if (shown.insert(cluster_of(row.first)).second) firsts.push_back(row);
  }
  return firsts;
}

}  // namespace

std::vector<Hit> collapsed_search(sqlite::Db& db, const SearchRequest& r, std::int64_t* matches,
                                  Ranking ranking) {
  const std::int64_t wanted = r.limit < 0 ? -1 : add_or_unlimited(r.offset, r.limit);
  std::int64_t size =
      wanted < 0 ? -1 : add_or_unlimited(add_or_unlimited(wanted, wanted), kWindowSlack);
  std::vector<PageRow> firsts;
  for (;;) {
    bool complete = false;
    firsts = first_of_clusters(db, r, size, complete, matches, ranking);
    if (complete || static_cast<std::int64_t>(firsts.size()) >= wanted) break;
    size =
        size > std::numeric_limits<std::int64_t>::max() / kWindowGrowth ? -1 : size * kWindowGrowth;
  }
  const auto begin = static_cast<std::size_t>(
      std::min<std::int64_t>(r.offset, static_cast<std::int64_t>(firsts.size())));
  const std::size_t end =
      wanted < 0 ? firsts.size() : std::min(firsts.size(), static_cast<std::size_t>(wanted));
  const std::vector<PageRow> page(
      firsts.begin() + static_cast<std::ptrdiff_t>(begin),
      firsts.begin() + static_cast<std::ptrdiff_t>(std::max(begin, end)));
  std::vector<Hit> hits = read_hits(db, r, page);
  FoldedIds folded(db, r);
  for (Hit& h : hits) h.similar = folded.of(h.id);
  return hits;
}

}  // namespace newsidx::store
