// Searches: which articles a SearchRequest selects, in what order, and what
// each hit shows. Private to the store.
//
// Functions of a connection; one thread at a time, like the connection.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "newsidx/article.hpp"
#include "newsidx/search.hpp"
#include "store/article_codec.hpp"
#include "store/month_rowids.hpp"
#include "store/ranking.hpp"
#include "store/sqlite.hpp"

namespace newsidx::store {

/// Ranking of a relevance search: BM25 over the index columns (title,
/// body), higher is better. A word in the title counts as much as one in the
/// body: most titles are derived from the lead, whose words would otherwise
/// count twice (see tests/test_quality.cpp). Every column weighs 1, as
/// match_terms.cpp also counts them.
inline constexpr const char* kScoreExpr = "-bm25(article_fts, 1.0, 1.0)";

/// The parameters of every selecting statement.
enum Param : int {
  kMatch = 1,
  kFrom = 2,
  kTo = 3,
  kLimit = 4,
  kOffset = 5,
  kRowid = 6,
  kFirstRowid = 7,  ///< a range of rowids: span_condition(), or a page's rows
  kLastRowid = 8,
  kRowidList = 9,       ///< a JSON array of rowids
  kEarliestStart = 11,  ///< see date_conditions()
};

/// Characters of a stored date (YYYY-MM-DD) that name its year ("2016") or
/// month ("2016-12").
inline constexpr std::size_t kYearChars = 4;
inline constexpr std::size_t kMonthChars = 7;

/// The first day a date filter from `from` selects articles from: January 1
/// of its year (see date_conditions()).
[[nodiscard]] std::string earliest_start(const Date& from);

/// FROM of a request: `article a`, joined to `article_fts` with a query.
[[nodiscard]] std::string from_clause(const SearchRequest& request);
/// WHERE of a request over from_clause(): the query (?1) and the date
/// filters (?2, ?3), which select the articles whose period overlaps them.
[[nodiscard]] std::string where_clause(const SearchRequest& request);
/// " AND …" conditions of `request`'s date filter over `article a`: the
/// period overlaps [from, to] (parameters ?2 and ?3). With `from`, also a
/// first day on or after January 1 of its year (?11), which follows from
/// the first (a date is a year, a month or a day, within one calendar
/// year) and bounds a walk of the date index from below. bind_dates()
/// binds them.
[[nodiscard]] std::string date_conditions(const SearchRequest& request);
void bind_dates(sqlite::Stmt& s, const SearchRequest& request);
/// FROM and WHERE of the matches of a request that has a query: in the
/// index alone when it has no dates.
[[nodiscard]] std::string matches_clause(const SearchRequest& request);
/// The rows of `request`'s results up to the end of its page; the largest
/// size_t when it has no limit.
[[nodiscard]] std::size_t rows_wanted(const SearchRequest& request);
/// Sets the `date_start` and `id` of each of `rows` (which have a `rowid`)
/// from its article: what orders rows of the same score, or of the same day.
template <class Row>
void read_order_keys(sqlite::Db& db, std::vector<Row>& rows) {
  sqlite::Stmt key(db.get(), "SELECT date_start, id FROM article WHERE rowid = ?1");
  for (Row& row : rows) {
    key.reset();
    key.bind(1, row.rowid);
    if (key.step()) {
      row.date_start = key.column_optional_text(0);
      row.id = key.column_text(1);
    }
  }
}
/// " AND …" condition on `article_fts.rowid` that keeps the matches within
/// `span` (?7 and ?8; bind_span() binds them); "" without one.
[[nodiscard]] std::string span_condition(const std::optional<RowidSpan>& span);
void bind_span(sqlite::Stmt& s, const std::optional<RowidSpan>& span);
/// What makes an FTS5 cursor on a MATCH expression costly to open.
struct MatchShape {
  /// Whether every cursor first merges whole doclists: a prefix term (`*`
  /// outside a string) makes FTS5 merge the doclists of all the terms it
  /// covers, whatever rowid the cursor is then asked for.
  bool prefix = false;
  /// The strings (phrases) of the expression: each is looked up in every
  /// segment of the index when a cursor opens.
  int strings = 0;
};
[[nodiscard]] MatchShape shape_of(std::string_view match);

/// An FTS5 string (a double-quoted phrase, `""` standing for one `"`):
/// what it says, and where its closing quote is.
struct Fts5String {
  std::string text;
  std::size_t close = 0;
};
/// The FTS5 string whose opening quote is at `open` in `match`; nullopt
/// when it is not closed.
[[nodiscard]] std::optional<Fts5String> fts5_string_at(std::string_view match, std::size_t open);
/// `text` as an FTS5 string: quoted, `"` doubled (what fts5_string_at()
/// reads back).
[[nodiscard]] std::string fts5_string(std::string_view text);
/// `rowids` as a JSON array ("[3,5,8]"), for json_each().
[[nodiscard]] std::string json_array(const std::vector<std::int64_t>& rowids);
/// Binds the parameters of where_clause().
void bind_filters(sqlite::Stmt& s, const SearchRequest& request);
/// Runs `s` to its first row; an FTS5 syntax error becomes Error(kQuery).
[[nodiscard]] bool step_query(sqlite::Stmt& s);

/// One page of hits (see Store::search); `matches` as there.
[[nodiscard]] std::vector<Hit> search(sqlite::Db& db, const SearchRequest& request,
                                      std::int64_t* matches = nullptr,
                                      Ranking ranking = Ranking::kBounded,
                                      HitReading reading = HitReading::kChoose);

/// The rows of one page of `request`, in order (its `collapse` is ignored).
/// A page of a query reads every match (ranking.hpp, date_order.hpp): it
/// sets `*matches` to their number when `matches` is given; other pages
/// (and date orders with Ranking::kScoreEveryMatch) leave it as it is.
/// With `instances`, also sets them to those of the page's rows (complete
/// only for a relevance page of a query read with Ranking::kBounded).
[[nodiscard]] std::vector<PageRow> page_rows(sqlite::Db& db, const SearchRequest& request,
                                             std::int64_t* matches = nullptr,
                                             Ranking ranking = Ranking::kBounded,
                                             PageInstances* instances = nullptr);
/// Whether a search read as `reading` makes the snippets of `request`'s
/// hits from the instances that page_rows() reads.
[[nodiscard]] bool snippets_from_instances(const SearchRequest& request, HitReading reading);
/// The count of matches that page_rows() left in `found` (-1 before it, and
/// after it when it counts nothing): stored in `*matches` when both are
/// there, and returned as read_hits_of_rows() takes it.
[[nodiscard]] std::optional<std::int64_t> pass_on_count(std::int64_t found, std::int64_t* matches);

/// The hits of some rows, each at the index of its row.
struct RowHits {
  std::vector<Hit> hits;
  std::vector<bool> found;  ///< false for a row deleted since (its hit is empty)

  /// The hits found, in order (moved in place: no second copy of a long page).
  [[nodiscard]] std::vector<Hit> take_found() &&;
};
/// What each of `rows` shows (id, date, title, snippet, path), for
/// `request`, at its index; read as `reading` says. HitReading::kChoose
/// makes the snippets from `instances` when they are complete; otherwise it
/// and kCursors need `matches`, the number of matches of the request, and
/// read each row on its own without it. The hits are the same either way.
[[nodiscard]] RowHits read_hits_of_rows(sqlite::Db& db, const SearchRequest& request,
                                        const std::vector<PageRow>& rows, HitReading reading,
                                        std::optional<std::int64_t> matches,
                                        const PageInstances* instances = nullptr);

/// Pages longer than this are read in rowid order (rowid_order()); a
/// shorter one costs no more in its own order, its rows in few pages.
inline constexpr std::size_t kRowidOrderFrom = 64;

/// The indexes of `rows` in the order to read them: by rowid, the order of
/// the tables, when they are more than kRowidOrderFrom, so that rows which
/// share a page of the database are read together; else as they are.
[[nodiscard]] std::vector<std::size_t> rowid_order(const std::vector<PageRow>& rows);

/// The number of articles `request` selects (see Store::count).
[[nodiscard]] std::int64_t count(sqlite::Db& db, const SearchRequest& request);

/// Calls `fn` with the selected articles, oldest first (see
/// Store::for_each_article).
void for_each_article(sqlite::Db& db, ArticleReader& reader, const SearchRequest& request,
                      const std::function<bool(const Article&)>& fn);

}  // namespace newsidx::store
