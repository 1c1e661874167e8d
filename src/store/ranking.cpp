#include "store/ranking.hpp"

#include <algorithm>
#include <functional>
#include <optional>
#include <queue>
#include <string>

#include "store/match_terms.hpp"
#include "store/search.hpp"

namespace newsidx::store {
namespace {

/// A match of a relevance search, with what breaks ties once it is read.
struct Candidate {
  std::int64_t rowid;
  double score;
  std::optional<std::string> date_start;
  std::string id;
};

/// The score of every match, by bm25(), unsorted.
std::vector<Candidate> score_every_match(sqlite::Db& db, const SearchRequest& r) {
  sqlite::Stmt s(db.get(),
                 std::string("SELECT article_fts.rowid, ") + kScoreExpr + matches_clause(r));
  bind_filters(s, r);
  std::vector<Candidate> found;
  for (bool row = step_query(s); row; row = s.step()) {
    found.push_back({s.column_int(0), s.column_double(1), std::nullopt, {}});
  }
  return found;
}

/// The exact scores of the matches that may be among the `wanted` best:
/// first those of the `wanted` best bounds, then those of the others whose
/// bound reaches the `wanted`-th best exact score so far, best bound first.
std::vector<Candidate> score_best_matches(sqlite::Db& db, const MatchTerms& m, std::size_t wanted) {
  const std::size_t n = m.rowids.size();
  std::vector<std::pair<double, std::size_t>> bounds;  // (upper bound, row)
  bounds.reserve(n);
  for (std::size_t row = 0; row < n; ++row) {
    bounds.emplace_back(bm25(m, m.freq(row), m.min_sizes[row]), row);
  }
  RowSizes sizes(db);
  std::priority_queue<double, std::vector<double>, std::greater<>> best;  // the `wanted` best
  std::vector<Candidate> found;
  const auto score = [&](std::size_t row) {
    const std::optional<double> size = sizes.of(m.rowids[row]);
    if (!size) return;  // cannot happen in one read transaction
    const double exact = bm25(m, m.freq(row), *size);
    found.push_back({m.rowids[row], exact, std::nullopt, {}});
    best.push(exact);
    if (best.size() > wanted) best.pop();
  };
  const auto mid = bounds.begin() + static_cast<std::ptrdiff_t>(std::min(wanted, n));
  std::nth_element(bounds.begin(), mid, bounds.end(), std::greater<>());
  for (auto it = bounds.begin(); it != mid; ++it) score(it->second);
  if (best.empty()) return found;
  // Best bound first, among those that reach the page: a heap, since the
  // page's last score rises as rows are scored and most of them never are.
  auto end =
      std::partition(mid, bounds.end(), [&](const auto& b) { return b.first >= best.top(); });
  std::make_heap(mid, end);
  for (; end != mid && mid->first >= best.top(); --end) {
    std::pop_heap(mid, end);
    score(std::prev(end)->second);
  }
  return found;
}

/// Keeps the `wanted` best candidates and every one tied with the last of
/// them, in linear time.
void keep_best(std::vector<Candidate>& found, std::size_t wanted) {
  if (found.size() <= wanted) return;
  const auto better = [](const Candidate& a, const Candidate& b) { return a.score > b.score; };
  const auto nth = found.begin() + static_cast<std::ptrdiff_t>(wanted - 1);
  std::nth_element(found.begin(), nth, found.end(), better);
  const double last = nth->score;
  found.erase(
      std::partition(nth + 1, found.end(), [&](const Candidate& c) { return c.score >= last; }),
      found.end());
}

/// Sorts candidates by score, then date (newest first, undated last), then id.
void sort_with_ties(sqlite::Db& db, std::vector<Candidate>& found) {
  read_order_keys(db, found);
  std::sort(found.begin(), found.end(), [](const Candidate& a, const Candidate& b) {
    if (a.score != b.score) return a.score > b.score;
    if (a.date_start.has_value() != b.date_start.has_value()) return a.date_start.has_value();
    if (a.date_start != b.date_start) return a.date_start > b.date_start;
    return a.id < b.id;
  });
}

}  // namespace

std::vector<PageRow> best_page(sqlite::Db& db, const SearchRequest& r, std::int64_t* matches,
                               Ranking ranking, PageInstances* instances) {
  const std::size_t wanted = rows_wanted(r);
  std::vector<Candidate> found;
  std::optional<MatchTerms> terms;
  if (instances != nullptr) *instances = {};
  if (ranking == Ranking::kScoreEveryMatch) {
    found = score_every_match(db, r);
    if (matches != nullptr) *matches = static_cast<std::int64_t>(found.size());
  } else {
    terms = read_terms(db, r, instances != nullptr ? kMaxKeptInstances : 0);
    if (matches != nullptr) *matches = static_cast<std::int64_t>(terms->rowids.size());
    if (wanted > 0) found = score_best_matches(db, *terms, wanted);
  }
  if (wanted == 0) return {};
  keep_best(found, wanted);
  sort_with_ties(db, found);
  std::vector<PageRow> rows;
  for (std::size_t i = static_cast<std::size_t>(r.offset); i < found.size() && i < wanted; ++i) {
    rows.emplace_back(found[i].rowid, found[i].score);
  }
  if (instances != nullptr && terms) take_instances(*terms, rowids_of(rows), *instances);
  return rows;
}

std::vector<std::int64_t> rowids_of(const std::vector<PageRow>& rows) {
  std::vector<std::int64_t> out;
  out.reserve(rows.size());
  for (const PageRow& row : rows) out.push_back(row.first);
  return out;
}

}  // namespace newsidx::store
