#include "store/match_rowids.hpp"

#include <algorithm>
#include <optional>
#include <string>

#include "store/family_forms.hpp"
#include "store/month_rowids.hpp"
#include "store/search.hpp"
#include "store/split_walk.hpp"

namespace newsidx::store {
namespace {

/// Adds the rowids of the matches of the FTS5 query `match` within `span`
/// (every match when nullopt) to `rowids`.
void add_match_rowids(sqlite::Db& db, std::string_view match, const std::optional<RowidSpan>& span,
                      std::vector<std::int64_t>& rowids) {
  sqlite::Stmt s(db.get(),
                 "SELECT rowid FROM article_fts WHERE article_fts MATCH ?1" + span_condition(span));
  s.bind(kMatch, match);
  bind_span(s, span);
  for (bool row = step_query(s); row; row = s.step()) rowids.push_back(s.column_int(0));
}

/// The rowids that matches may have: those of `dates`, else all.
RowidSpan rowids_searched(sqlite::Db& db, const std::optional<RowidSpan>& dates) {
  const std::int64_t last = db.query_int("SELECT coalesce(max(rowid), 0) FROM article");
  return dates ? RowidSpan{dates->first, std::min(dates->last, last)} : RowidSpan{0, last};
}

}  // namespace

std::vector<std::int64_t> match_rowids(sqlite::Db& db, const SearchRequest& r) {
  const std::optional<RowidSpan> span = date_span(db, r);
  const RowidSpan whole = rowids_searched(db, span);
  const std::string walked = match_as_forms(db.get(), *r.match);
  std::vector<std::int64_t> rowids;
  const std::optional<std::string> file = split_file(db, walked, whole);
  if (!file) {
    add_match_rowids(db, walked, span, rowids);
    return rowids;
  }
  std::vector<std::int64_t> upper;
  const bool apart = walk_halves(
      db, *file, whole,
      [&](sqlite::Db& d, RowidSpan part) { add_match_rowids(d, walked, part, rowids); },
      [&](sqlite::Db& d, RowidSpan part) { add_match_rowids(d, walked, part, upper); });
  if (apart) rowids.insert(rowids.end(), upper.begin(), upper.end());
  return rowids;
}

std::int64_t count_matches(sqlite::Db& db, std::string_view match) {
  const std::string walked = match_as_forms(db.get(), match);
  const RowidSpan whole = rowids_searched(db, std::nullopt);
  const std::optional<std::string> file = split_file(db, walked, whole);
  if (!file) return count_matches_in(db, walked, std::nullopt);
  std::int64_t here = 0;
  std::int64_t there = 0;
  const bool apart = walk_halves(
      db, *file, whole,
      [&](sqlite::Db& d, RowidSpan part) { here += count_matches_in(d, walked, part); },
      [&](sqlite::Db& d, RowidSpan part) { there = count_matches_in(d, walked, part); });
  return here + (apart ? there : 0);
}

std::int64_t count_matches_in(sqlite::Db& db, std::string_view match,
                              const std::optional<RowidSpan>& span) {
  sqlite::Stmt s(db.get(), "SELECT count(*) FROM article_fts WHERE article_fts MATCH ?1" +
                               span_condition(span));
  s.bind(kMatch, match);
  bind_span(s, span);
  return step_query(s) ? s.column_int(0) : 0;
}

}  // namespace newsidx::store
