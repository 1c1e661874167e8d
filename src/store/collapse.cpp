#include "store/collapse.hpp"

#include <algorithm>
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

/// The other articles of a cluster that `r` selects, oldest first.
class FoldedIds {
 public:
  FoldedIds(sqlite::Db& db, const SearchRequest& r) : request_(r), select_(db.get(), sql(r)) {}

  /// The articles of `cluster` but `rowid`. An article of a cluster of its
  /// own is its only entry in the index of clusters, so that costs one seek.
  std::vector<std::string> of(std::int64_t cluster, std::int64_t rowid) {
    select_.reset();
    select_.bind(1, cluster);
    select_.bind(5, rowid);
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
        "SELECT b.id FROM near_signature sb JOIN article b ON b.rowid = sb.article "
        "WHERE sb.cluster = ?1 AND sb.article != ?5";
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

/// The first rows of their clusters in a window of results.
struct Firsts {
  std::vector<PageRow> rows;
  std::vector<std::int64_t> clusters;  ///< the cluster of each row
  bool complete = false;               ///< whether the window held all the results
};

/// The first row of each cluster among the first `size` results (all when
/// `size` < 0), up to `wanted` of them (all when < 0).
Firsts first_of_clusters(sqlite::Db& db, const SearchRequest& r, std::int64_t size,
                         std::int64_t wanted, std::int64_t* matches, Ranking ranking,
                         PageInstances* instances) {
  SearchRequest window = r;
  window.collapse = false;
  window.offset = 0;
  window.limit = size;
  const std::vector<PageRow> rows = page_rows(db, window, matches, ranking, instances);
  Firsts out;
  out.complete = size < 0 || static_cast<std::int64_t>(rows.size()) < size;
  ClusterOf cluster_of(db);
  std::unordered_set<std::int64_t> shown;
  const auto take = [&](std::size_t i, std::int64_t cluster) {
    if (!shown.insert(cluster).second) return;
    out.rows.push_back(rows[i]);
    out.clusters.push_back(cluster);
  };
  if (rows.size() <= kRowidOrderFrom) {
    // In result order, looking up no more clusters than the page needs.
    for (std::size_t i = 0; i < rows.size(); ++i) {
      if (wanted >= 0 && static_cast<std::int64_t>(out.rows.size()) >= wanted) break;
      take(i, cluster_of(rows[i].first));
    }
    return out;
  }
  std::vector<std::int64_t> clusters(rows.size());
  for (const std::size_t i : rowid_order(rows)) {
    clusters[i] = cluster_of(rows[i].first);
  }
  for (std::size_t i = 0; i < rows.size(); ++i) take(i, clusters[i]);
  return out;
}

}  // namespace

std::vector<Hit> collapsed_search(sqlite::Db& db, const SearchRequest& r, std::int64_t* matches,
                                  Ranking ranking, HitReading reading) {
  const std::int64_t wanted = r.limit < 0 ? -1 : add_or_unlimited(r.offset, r.limit);
  std::int64_t size =
      wanted < 0 ? -1 : add_or_unlimited(add_or_unlimited(wanted, wanted), kWindowSlack);
  Firsts firsts;
  std::int64_t found = -1;
  PageInstances instances;  // of the window's rows
  PageInstances* keep = snippets_from_instances(r, reading) ? &instances : nullptr;
  for (;;) {
    firsts = first_of_clusters(db, r, size, wanted, &found, ranking, keep);
    if (firsts.complete || static_cast<std::int64_t>(firsts.rows.size()) >= wanted) break;
    size =
        size > std::numeric_limits<std::int64_t>::max() / kWindowGrowth ? -1 : size * kWindowGrowth;
  }
  const auto shown = static_cast<std::int64_t>(firsts.rows.size());
  const auto begin = std::min(r.offset, shown);
  const auto end = std::max(begin, wanted < 0 ? shown : std::min(shown, wanted));
  const std::vector<PageRow> page(firsts.rows.begin() + begin, firsts.rows.begin() + end);
  RowHits read = read_hits_of_rows(db, r, page, reading, pass_on_count(found, matches), &instances);
  FoldedIds folded(db, r);
  for (std::size_t i = 0; i < page.size(); ++i) {
    if (!read.found[i]) continue;  // deleted since
    read.hits[i].similar =
        folded.of(firsts.clusters[static_cast<std::size_t>(begin) + i], page[i].first);
  }
  std::vector<Hit> hits = std::move(read).take_found();
  return hits;
}

}  // namespace newsidx::store
