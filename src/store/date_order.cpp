#include "store/date_order.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>

#include "store/date_filter.hpp"
#include "store/match_terms.hpp"
#include "store/rowid_set.hpp"
#include "store/search.hpp"

namespace newsidx::store {
namespace {

/// A match, with what places it in a date order.
struct Dated {
  std::int64_t rowid;
  std::optional<std::string> date_start;
  std::string id;
};

/// Whether `a` comes before `b` in `sort`'s order: dated matches first, by
/// first day, then by id (as SQLite compares text: byte by byte).
bool comes_before(const Dated& a, const Dated& b, SortOrder sort) {
  if (a.date_start.has_value() != b.date_start.has_value()) return a.date_start.has_value();
  if (a.date_start != b.date_start) {
    return sort == SortOrder::kOldest ? a.date_start < b.date_start : a.date_start > b.date_start;
  }
  return a.id < b.id;
}

/// Walks the date index in the order of `r` and keeps the matches: up to the
/// `wanted`-th, and those of its first day after it. Nullopt when that takes
/// more than `steps` entries. REQUIRES: wanted > 0.
std::optional<std::vector<Dated>> walk_dates(sqlite::Db& db, const SearchRequest& r,
                                             const RowidSet& matches, std::size_t wanted,
                                             std::size_t steps) {
  sqlite::Stmt dated(db.get(),
                     "SELECT a.rowid, a.date_start FROM article a WHERE a.date_start IS NOT NULL" +
                         date_conditions(r) +
                         (r.sort == SortOrder::kOldest ? " ORDER BY a.date_start"
                                                       : " ORDER BY a.date_start DESC"));
  bind_dates(dated, r);
  std::vector<Dated> found;
  std::size_t looked = 0;
  while (dated.step()) {
    if (++looked > steps) return std::nullopt;
    const std::string_view day = dated.column_text(1);
    if (found.size() >= wanted && day != *found.back().date_start) return found;
    const std::int64_t rowid = dated.column_int(0);
    if (matches.contains(rowid)) found.push_back({rowid, std::string(day), {}});
  }
  // The undated matches come last, all tied; a date filter leaves them out.
  if (found.size() >= wanted || r.from || r.to) return found;
  sqlite::Stmt undated(db.get(), "SELECT rowid FROM article WHERE date_start IS NULL");
  while (undated.step()) {
    if (++looked > steps) return std::nullopt;
    const std::int64_t rowid = undated.column_int(0);
    if (matches.contains(rowid)) found.push_back({rowid, std::nullopt, {}});
  }
  return found;
}

/// The matches that may be among the first `wanted` of `r`'s date order,
/// with their keys; every one of those is there.
std::vector<Dated> candidates(sqlite::Db& db, const SearchRequest& r,
                              const std::vector<std::int64_t>& rowids, std::size_t wanted) {
  // The walk looks at about `wanted` in `matches / articles` of the
  // articles of the dates, were the matches spread evenly in time.
  const double articles = articles_in_dates(db, r);
  const double walk = std::min(
      articles, static_cast<double>(wanted) * articles / static_cast<double>(rowids.size()));
  const std::optional<RowidSet> matches =
      worth_walking(walk, rowids.size()) ? RowidSet::of(rowids) : std::nullopt;
  if (matches) {
    const std::size_t steps = walk_budget(rowids.size());
    if (std::optional<std::vector<Dated>> walked = walk_dates(db, r, *matches, wanted, steps)) {
      read_order_keys(db, *walked);
      return std::move(*walked);
    }
  }
  std::vector<Dated> every;
  every.reserve(rowids.size());
  for (const std::int64_t rowid : rowids) every.push_back({rowid, std::nullopt, {}});
  read_order_keys(db, every);
  return every;
}

}  // namespace

std::vector<PageRow> date_ordered_page(sqlite::Db& db, const SearchRequest& r,
                                       std::int64_t* matches) {
  const MatchTerms terms = read_terms(db, r);
  if (matches != nullptr) *matches = static_cast<std::int64_t>(terms.rowids.size());
  const std::size_t wanted = rows_wanted(r);
  if (wanted == 0 || terms.rowids.empty()) return {};
  std::vector<Dated> found = candidates(db, r, terms.rowids, wanted);
  const std::size_t end = std::min(wanted, found.size());
  std::partial_sort(found.begin(), found.begin() + static_cast<std::ptrdiff_t>(end), found.end(),
                    [&](const Dated& a, const Dated& b) { return comes_before(a, b, r.sort); });
  RowSizes sizes(db);
  std::vector<PageRow> rows;
  for (std::size_t i = static_cast<std::size_t>(r.offset); i < end; ++i) {
    const std::optional<std::size_t> row = terms.row_of(found[i].rowid);
    const std::optional<double> size = sizes.of(found[i].rowid);
    if (!row || !size) continue;  // cannot happen in one read transaction
    rows.emplace_back(found[i].rowid, bm25(terms, terms.freq(*row), *size));
  }
  return rows;
}

}  // namespace newsidx::store
