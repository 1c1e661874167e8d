#include "store/search.hpp"

#include <algorithm>
#include <limits>
#include <numeric>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "newsidx/analyzer.hpp"
#include "newsidx/error.hpp"
#include "store/collapse.hpp"
#include "store/date_filter.hpp"
#include "store/date_order.hpp"
#include "store/match_rowids.hpp"
#include "store/ranking.hpp"
#include "store/schema.hpp"
#include "store/snippet.hpp"
#include "store/snippet_text.hpp"

namespace newsidx::store {

/// WHERE conditions of a request over `article a` (and `article_fts`).
std::string where_clause(const SearchRequest& r) {
  std::string sql = " WHERE 1";
  if (r.match) sql += " AND article_fts MATCH ?1";
  return sql + date_conditions(r);
}

std::string date_conditions(const SearchRequest& r) {
  std::string sql;
  if (r.from) sql += " AND a.date_end >= ?2 AND a.date_start >= ?11";
  if (r.to) sql += " AND a.date_start <= ?3";
  return sql;
}

void bind_dates(sqlite::Stmt& s, const SearchRequest& r) {
  if (r.from) {
    s.bind(kFrom, r.from->first_day()).bind(kEarliestStart, earliest_start(*r.from));
  }
  if (r.to) s.bind(kTo, r.to->last_day());
}

std::string earliest_start(const Date& from) {
  return Date{from.year, 0, 0, DatePrecision::kYear}.first_day();
}

std::string span_condition(const std::optional<RowidSpan>& span) {
  return span ? " AND article_fts.rowid BETWEEN ?7 AND ?8" : "";
}

void bind_span(sqlite::Stmt& s, const std::optional<RowidSpan>& span) {
  if (span) s.bind(kFirstRowid, span->first).bind(kLastRowid, span->last);
}

std::string from_clause(const SearchRequest& r) {
  return r.match ? " FROM article_fts JOIN article a ON a.rowid = article_fts.rowid"
                 : " FROM article a";
}

/// FROM and WHERE of the matches of a request with a query: without dates
/// they are read in the index alone, with no join to their articles (which
/// would look up every one of them).
std::string matches_clause(const SearchRequest& r) {
  return r.from || r.to ? from_clause(r) + where_clause(r)
                        : std::string(" FROM article_fts WHERE article_fts MATCH ?1");
}

std::size_t rows_wanted(const SearchRequest& r) {
  return r.limit < 0 || r.offset > std::numeric_limits<std::int64_t>::max() - r.limit
             ? std::numeric_limits<std::size_t>::max()
             : static_cast<std::size_t>(r.limit + r.offset);
}

std::string json_array(const std::vector<std::int64_t>& rowids) {
  std::string list = "[";
  for (const std::int64_t rowid : rowids) {
    if (list.size() > 1) list += ',';
    list += std::to_string(rowid);
  }
  return list + ']';
}

void bind_filters(sqlite::Stmt& s, const SearchRequest& r) {
  if (r.match) s.bind(kMatch, std::string_view(*r.match));
  bind_dates(s, r);
}

/// Runs `s` to its first row, turning an FTS5 syntax error into a query error.
bool step_query(sqlite::Stmt& s) {
  try {
    return s.step();
  } catch (const Error&) {
    const std::string reason = s.error_message();
    if (reason.rfind("fts5", 0) == 0) throw Error(ErrorCode::kQuery, "query: " + reason);
    throw;
  }
}

MatchShape shape_of(std::string_view match) {
  MatchShape shape;
  bool in_string = false;
  for (const char c : match) {
    if (c == '"') {
      in_string = !in_string;  // an escaped "" toggles twice (and counts twice)
      if (in_string) ++shape.strings;
    } else if (c == '*' && !in_string) {
      shape.prefix = true;
    }
  }
  return shape;
}

std::optional<Fts5String> fts5_string_at(std::string_view match, std::size_t open) {
  Fts5String out;
  for (std::size_t i = open + 1; i < match.size(); ++i) {
    if (match[i] != '"') {
      out.text += match[i];
    } else if (i + 1 < match.size() && match[i + 1] == '"') {
      out.text += '"';
      ++i;
    } else {
      out.close = i;
      return out;
    }
  }
  return std::nullopt;
}

std::string fts5_string(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    out += c;
    if (c == '"') out += '"';
  }
  return out + '"';
}

namespace {

/// ORDER BY of a page in date order: oldest, or else newest first (also a
/// relevance search without a query). Relevance pages are put in order by
/// best_page().
std::string date_order(SortOrder sort) {
  if (sort == SortOrder::kOldest) return " ORDER BY a.date_start IS NULL, a.date_start, a.id";
  return " ORDER BY a.date_start IS NULL, a.date_start DESC, a.id";
}

using Row = PageRow;

/// The rows of one page of results in date order.
std::vector<Row> date_page(sqlite::Db& db, const SearchRequest& r) {
  const bool ranked = r.match.has_value();
  std::string sql = "SELECT a.rowid, ";
  sql += ranked ? kScoreExpr : "0.0";
  sql += " AS score" + from_clause(r) + where_clause(r) + date_order(r.sort);
  sql += " LIMIT ?4 OFFSET ?5";
  sqlite::Stmt s(db.get(), sql);
  bind_filters(s, r);
  s.bind(kLimit, r.limit).bind(kOffset, r.offset);
  std::vector<Row> rows;
  for (bool row = step_query(s); row; row = s.step()) {
    rows.emplace_back(s.column_int(0), s.column_double(1));
  }
  return rows;
}

/// Reading the rows of a page with one cursor walks every match between
/// the first and the last of them; one cursor per row costs about as much
/// as walking this many matches for each string of the query. Measured at
/// 100,000 articles (an index of 10 segments), whole process, 15 pairs:
/// one cursor is 0.64 of the time of one per row for `médecin maladie`
/// (7,681 matches, 4 strings) and 0.82 for `juge --from 2010-01 --to
/// 2012-06`, but 1.13 for `juge` (44,845 matches, 2 strings) and about
/// 1.15 for `auteurs` (10,041 matches, 2 strings).
constexpr double kMatchesPerCursor = 150;

/// Whether one cursor over the rowids that `rows` span should cost less
/// than one cursor per row, for a query of `matches` matches: the matches
/// of the span are estimated as if they were spread evenly over the rowids.
bool walk_is_cheaper(sqlite::Db& db, const MatchShape& shape, const std::vector<PageRow>& rows,
                     std::optional<std::int64_t> matches) {
  if (!matches || rows.empty()) return false;
  const auto [first, last] =
      std::minmax_element(rows.begin(), rows.end(),
                          [](const PageRow& a, const PageRow& b) { return a.first < b.first; });
  const std::int64_t top = db.query_int("SELECT max(rowid) FROM article");
  if (top <= 0) return false;
  const double span =
      static_cast<double>(last->first - first->first + 1) / static_cast<double>(top);
  const double walked = static_cast<double>(*matches) * std::min(1.0, span);
  return walked <= static_cast<double>(rows.size()) * shape.strings * kMatchesPerCursor;
}

/// Reads what each row of a page shows: id, date, title, snippet, path.
/// A snippet shows where the query matches in its row. When the pass over
/// the matches kept them (PageInstances), each row is read from its article
/// alone and its snippet made from them (snippet_of()). Otherwise a row's
/// matches are read through a cursor on the query: one per row, each
/// seeking it; or, when such cursors are costly to open (a prefix term, or
/// more than the walk over the matches the page spans: walk_is_cheaper()),
/// one over the rowids the page's rows span.
class HitReader {
 public:
  /// Whether hits get their snippet with its matches (a query, and snippets
  /// asked for).
  static bool with_matches(const SearchRequest& r) { return r.match.has_value() && r.snippets; }

  HitReader(sqlite::Db& db, const SearchRequest& r, const std::vector<Row>& rows,
            HitReading reading, std::optional<std::int64_t> matches, const PageInstances* instances)
      : request_(r),
        instances_(with_matches(r) && instances != nullptr && instances->complete ? instances
                                                                                  : nullptr),
        together_(instances_ == nullptr && with_matches(r) && rows.size() > 1 &&
                  one_cursor(db, r, rows, reading, matches)),
        detail_(db.get(), sql(r, together_, instances_ != nullptr)) {
    if (together_) read_together(rows);
  }

  /// The hit of `row`, or nullopt when the article was deleted since.
  std::optional<Hit> read(const Row& row) {
    if (together_) {
      const auto it = read_.find(row.first);
      if (it == read_.end()) return std::nullopt;
      it->second.score = row.second;
      return std::move(it->second);
    }
    detail_.reset();
    if (with_matches(request_) && instances_ == nullptr) detail_.bind(kMatch, *request_.match);
    detail_.bind(kRowid, row.first);
    if (!detail_.step()) return std::nullopt;
    Hit h = instances_ != nullptr ? hit_from_instances(row.first) : hit();
    h.score = row.second;
    return h;
  }

 private:
  /// Whether the rows are read with one cursor (see the class comment).
  static bool one_cursor(sqlite::Db& db, const SearchRequest& r, const std::vector<Row>& rows,
                         HitReading reading, std::optional<std::int64_t> matches) {
    if (reading == HitReading::kWholePage) return true;
    const MatchShape shape = shape_of(*r.match);
    if (shape.prefix) return true;
    return reading != HitReading::kEachRow && walk_is_cheaper(db, shape, rows, matches);
  }

  static std::string sql(const SearchRequest& r, bool together, bool from_instances) {
    if (from_instances) {
      // The index's columns, in its order, from kFirstIndexColumn on.
      return "SELECT a.id, a.date, a.title, a.author, a.source, a.lead, a.body, "
             "(SELECT min(path) FROM source WHERE article = a.rowid), a.rowid "
             "FROM article a WHERE a.rowid = ?6";
    }
    const bool ranked = with_matches(r);
    std::string s = "SELECT a.id, a.date, a.title, ";
    s += !r.snippets ? std::string("''")
         : ranked    ? std::string(kSnippetFunction) + "(article_fts, char(" +
                        std::to_string(kMatchOpen) + "), char(" + std::to_string(kMatchClose) +
                        "), '" + kEllipsis + "', " + std::to_string(kSnippetTokens) + ")"
                  : std::string("a.body");
    s += ", (SELECT min(path) FROM source WHERE article = a.rowid), a.rowid";
    s += ranked ? " FROM article_fts JOIN article a ON a.rowid = article_fts.rowid"
                  " WHERE article_fts MATCH ?1"
                : " FROM article a WHERE a.rowid = ?6";
    // The rowid range goes to FTS5; the list of rowids (with `+`, not an
    // index constraint) only filters, before the snippets are made.
    s += !ranked    ? ""
         : together ? " AND article_fts.rowid BETWEEN ?7 AND ?8"
                      " AND +article_fts.rowid IN (SELECT value FROM json_each(?9))"
                    : " AND article_fts.rowid = ?6";
    return s;
  }

  void read_together(const std::vector<Row>& rows) {
    const std::vector<std::int64_t> rowids = rowids_of(rows);
    const auto [first, last] = std::minmax_element(rowids.begin(), rowids.end());
    detail_.bind(kMatch, *request_.match);
    detail_.bind(kFirstRowid, *first).bind(kLastRowid, *last).bind(kRowidList, json_array(rowids));
    for (bool row = step_query(detail_); row; row = detail_.step()) {
      read_.emplace(detail_.column_int(5), hit());
    }
  }

  /// The hit of the statement's current row (from_instances), without its
  /// score: its snippet made from the matches the pass kept.
  Hit hit_from_instances(std::int64_t rowid) {
    constexpr int kFirstIndexColumn = 2;
    constexpr int kPath = kFirstIndexColumn + kIndexColumns;
    const auto it = instances_->rows.find(rowid);
    if (it == instances_->rows.end()) {
      throw Error(ErrorCode::kInternal, "a row of a page has no matches kept");
    }
    const PageInstances::Row& matched = it->second;
    const int column = matched.column >= 0 ? matched.column : kBodyColumn;
    if (!analyzer_) analyzer_.emplace();
    Hit h = hit_heading();
    take_matches(snippet_of(detail_.column_text(kFirstIndexColumn + column), matched.instances,
                            instances_->phrases, kSnippetTokens, std::string_view(&kMatchOpen, 1),
                            std::string_view(&kMatchClose, 1), kEllipsis, *analyzer_),
                 h);
    h.path = detail_.column_text(kPath);
    return h;
  }

  /// The id, date and title of the statement's current row (its first
  /// columns in either statement).
  Hit hit_heading() const {
    Hit h;
    h.id = detail_.column_text(0);
    h.date = date_from_column(detail_.column_optional_text(1));
    h.title = detail_.column_text(2);
    return h;
  }

  /// The hit of the statement's current row, without its score.
  Hit hit() const {
    Hit h = hit_heading();
    if (with_matches(request_)) {
      take_matches(detail_.column_text(3), h);
    } else {
      h.snippet = excerpt(detail_.column_text(3));
    }
    h.path = detail_.column_text(4);
    return h;
  }

  const SearchRequest& request_;
  const PageInstances* instances_;  ///< complete, or null
  bool together_;
  sqlite::Stmt detail_;
  std::optional<Analyzer> analyzer_;  ///< for snippets made from instances; made on first use
  std::unordered_map<std::int64_t, Hit> read_;  ///< the hits read together, by rowid
};

}  // namespace

std::vector<PageRow> page_rows(sqlite::Db& db, const SearchRequest& r, std::int64_t* matches,
                               Ranking ranking, PageInstances* instances) {
  if (instances != nullptr) *instances = {};
  if (!r.match) return date_page(db, r);
  if (r.sort == SortOrder::kRelevance) return best_page(db, r, matches, ranking, instances);
  return ranking == Ranking::kScoreEveryMatch ? date_page(db, r)
                                              : date_ordered_page(db, r, matches);
}

bool snippets_from_instances(const SearchRequest& r, HitReading reading) {
  // Not for a page in date order: archives are mostly stored in date order,
  // so its rows are close in rowid order and one cursor over them costs
  // less than keeping every match's instances (`juge --sort newest`, 100,000
  // articles: 1.06 of the time).
  return reading == HitReading::kChoose && HitReader::with_matches(r) &&
         r.sort == SortOrder::kRelevance;
}

std::vector<Hit> search(sqlite::Db& db, const SearchRequest& r, std::int64_t* matches,
                        Ranking ranking, HitReading reading) {
  const sqlite::Transaction snapshot(db, sqlite::Transaction::Kind::kDeferred);
  if (r.collapse) return collapsed_search(db, r, matches, ranking, reading);
  // First the page of rowids in order, then the columns of those rows only:
  // snippets and paths are costly, and ORDER BY would compute them for
  // every match.
  std::int64_t found = -1;
  PageInstances instances;
  const std::vector<PageRow> rows =
      page_rows(db, r, &found, ranking, snippets_from_instances(r, reading) ? &instances : nullptr);
  return read_hits_of_rows(db, r, rows, reading, pass_on_count(found, matches), &instances)
      .take_found();
}

std::optional<std::int64_t> pass_on_count(std::int64_t found, std::int64_t* matches) {
  if (found < 0) return std::nullopt;
  if (matches != nullptr) *matches = found;
  return found;
}

RowHits read_hits_of_rows(sqlite::Db& db, const SearchRequest& r, const std::vector<PageRow>& rows,
                          HitReading reading, std::optional<std::int64_t> matches,
                          const PageInstances* instances) {
  HitReader reader(db, r, rows, reading, matches, instances);
  RowHits out{std::vector<Hit>(rows.size()), std::vector<bool>(rows.size(), false)};
  // A long page (--all) is read in rowid order, the order of the table, so
  // that rows which share a page of the database are read together.
  for (const std::size_t i : rowid_order(rows)) {
    if (std::optional<Hit> h = reader.read(rows[i])) {
      out.hits[i] = std::move(*h);
      out.found[i] = true;
    }
  }
  return out;
}

std::vector<Hit> RowHits::take_found() && {
  std::size_t kept = 0;
  for (std::size_t i = 0; i < hits.size(); ++i) {
    if (!found[i]) continue;
    if (kept != i) hits[kept] = std::move(hits[i]);
    ++kept;
  }
  hits.resize(kept);
  return std::move(hits);
}

std::vector<std::size_t> rowid_order(const std::vector<PageRow>& rows) {
  std::vector<std::size_t> order(rows.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  if (rows.size() > kRowidOrderFrom) {
    std::sort(order.begin(), order.end(),
              [&rows](std::size_t a, std::size_t b) { return rows[a].first < rows[b].first; });
  }
  return order;
}

std::int64_t count(sqlite::Db& db, const SearchRequest& r) {
  // Its statements (and the halves of a split walk) read one snapshot.
  const sqlite::ReadSnapshot snapshot(db);
  if (r.match && (r.from || r.to)) {
    // The matches from the index alone, then the date filter (date_filter.hpp).
    return static_cast<std::int64_t>(within_dates(db, r, match_rowids(db, r)).size());
  }
  if (r.match) return count_matches(db, *r.match);
  sqlite::Stmt s(db.get(), "SELECT count(*)" + from_clause(r) + where_clause(r));
  bind_filters(s, r);
  return step_query(s) ? s.column_int(0) : 0;
}

void for_each_article(sqlite::Db& db, ArticleReader& reader, const SearchRequest& r,
                      const std::function<bool(const Article&)>& fn) {
  sqlite::Stmt s(db.get(), "SELECT a.rowid" + from_clause(r) + where_clause(r) +
                               date_order(SortOrder::kOldest) + " LIMIT ?4 OFFSET ?5");
  bind_filters(s, r);
  s.bind(kLimit, r.limit).bind(kOffset, r.offset);
  for (bool row = step_query(s); row; row = s.step()) {
    if (!fn(reader.read(s.column_int(0)))) break;
  }
}

}  // namespace newsidx::store
