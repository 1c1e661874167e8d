#include "store/ranking.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <functional>
#include <limits>
#include <new>
#include <optional>
#include <queue>
#include <string>
#include <string_view>

#include "store/fts5_function.hpp"
#include "store/search.hpp"

namespace newsidx::store {
namespace {

/// The name of the FTS5 function that reads the terms of the matches; also
/// the type name of the MatchTerms pointer it takes.
constexpr const char* kMatchTerms = "newsidx_match_terms";

/// The parameter of the pass that binds that pointer (after where_clause()'s).
constexpr int kTermsParam = 10;

/// What newsidx_match_terms() reads from the matches of a query.
struct MatchTerms {
  bool idf_from_matches = false;  ///< in: count the IDFs' matches here
  bool started = false;
  int phrases = 0;
  sqlite3_int64 rows = 0;  ///< articles in the index
  double avgdl = 0.0;      ///< their average size in tokens, as bm25() has it
  std::vector<double> idf;
  std::vector<std::int64_t> rowids;
  std::vector<double> freqs;      ///< `phrases` per match
  std::vector<double> min_sizes;  ///< a lower bound of each match's size
  std::vector<int> column_ends;   ///< scratch: per column
};

/// bm25()'s IDF of a phrase that `hits` of `rows` articles match.
double idf_of(sqlite3_int64 rows, sqlite3_int64 hits) {
  const double idf =
      std::log((static_cast<double>(rows - hits) + 0.5) / (static_cast<double>(hits) + 0.5));
  return idf <= 0.0 ? 1e-6 : idf;
}

/// bm25()'s score (negated: higher is better) of a row of `size` tokens,
/// spelt as FTS5 spells it so that the result is the same to the bit.
/// Increasing in each freq and decreasing in size, operation by operation:
/// with a lower bound of the size it gives an upper bound of the score.
double bm25(const MatchTerms& m, const double* freq, double size) {
  const double k1 = 1.2;
  const double b = 0.75;
  double score = 0.0;
  for (int i = 0; i < m.phrases; ++i) {
    const auto p = static_cast<std::size_t>(i);
    score += m.idf[p] * ((freq[p] * (k1 + 1.0)) / (freq[p] + k1 * (1 - b + b * size / m.avgdl)));
  }
  return score;
}

/// What bm25() computes once per query: the average size, and the IDFs
/// unless they are counted from the matches.
int start(const Fts5ExtensionApi* api, Fts5Context* fts, MatchTerms& m) {
  m.started = true;
  m.phrases = api->xPhraseCount(fts);
  m.column_ends.assign(static_cast<std::size_t>(api->xColumnCount(fts)), 0);
  sqlite3_int64 tokens = 0;
  int rc = api->xRowCount(fts, &m.rows);
  if (rc == SQLITE_OK) rc = api->xColumnTotalSize(fts, -1, &tokens);
  if (rc != SQLITE_OK) return rc;
  m.avgdl = static_cast<double>(tokens) / static_cast<double>(m.rows);
  m.idf.assign(static_cast<std::size_t>(m.phrases), 0.0);
  if (m.idf_from_matches) return SQLITE_OK;
  const auto count = [](const Fts5ExtensionApi*, Fts5Context*, void* hits) {
    ++*static_cast<sqlite3_int64*>(hits);
    return SQLITE_OK;
  };
  for (int i = 0; i < m.phrases; ++i) {
    sqlite3_int64 hits = 0;
    rc = api->xQueryPhrase(fts, i, &hits, count);
    if (rc != SQLITE_OK) return rc;
    m.idf[static_cast<std::size_t>(i)] = idf_of(m.rows, hits);
  }
  return SQLITE_OK;
}

/// Adds the row of `fts`: the frequency of each phrase (every column weighs
/// 1, as in kScoreExpr) and the sum over columns of where their last
/// instance ends, which the column's size is at least. Reads each phrase's
/// instances on their own (xPhraseFirst), the ones bm25()'s xInst() gives
/// merged across phrases, at the cost of a sort.
int add_row(const Fts5ExtensionApi* api, Fts5Context* fts, MatchTerms& m) {
  const std::size_t first = m.freqs.size();
  m.freqs.resize(first + static_cast<std::size_t>(m.phrases), 0.0);
  std::fill(m.column_ends.begin(), m.column_ends.end(), 0);
  for (int phrase = 0; phrase < m.phrases; ++phrase) {
    const int size = api->xPhraseSize(fts, phrase);
    double& freq = m.freqs[first + static_cast<std::size_t>(phrase)];
    Fts5PhraseIter it{};
    int column = 0;
    int offset = 0;
    const int rc = api->xPhraseFirst(fts, phrase, &it, &column, &offset);
    if (rc != SQLITE_OK) return rc;
    for (; column >= 0; api->xPhraseNext(fts, &it, &column, &offset)) {
      freq += 1.0;
      int& end = m.column_ends[static_cast<std::size_t>(column)];
      end = std::max(end, offset + size);
    }
  }
  double size = 0.0;
  for (const int end : m.column_ends) size += end;
  m.rowids.push_back(api->xRowid(fts));
  m.min_sizes.push_back(size);
  return SQLITE_OK;
}

/// newsidx_match_terms(TABLE, TERMS): adds the current row to the MatchTerms
/// that TERMS points to (bound with type kMatchTerms); returns NULL.
void match_terms_function(const Fts5ExtensionApi* api, Fts5Context* fts, sqlite3_context* result,
                          int argc, sqlite3_value** argv) noexcept {
  auto* terms =
      argc == 1 ? static_cast<MatchTerms*>(sqlite3_value_pointer(argv[0], kMatchTerms)) : nullptr;
  if (terms == nullptr) {
    sqlite3_result_error(result, "newsidx_match_terms() takes the table and its collector", -1);
    return;
  }
  try {
    int rc = terms->started ? SQLITE_OK : start(api, fts, *terms);
    if (rc == SQLITE_OK) rc = add_row(api, fts, *terms);
    if (rc != SQLITE_OK) sqlite3_result_error_code(result, rc);
  } catch (const std::bad_alloc&) {
    sqlite3_result_error_nomem(result);
  }
}

/// The sizes in tokens of the rows of the index, all columns together
/// (bm25()'s D), read from FTS5's `docsize` table: one SQLite varint per
/// column (FTS5's file format). xColumnSize() would read the same, but only
/// in a cursor of the query, which has moved on.
class RowSizes {
 public:
  explicit RowSizes(sqlite::Db& db)
      : select_(db.get(), "SELECT sz FROM article_fts_docsize WHERE id = ?1") {}

  /// The size of `rowid`, or nullopt when it has none.
  std::optional<double> of(std::int64_t rowid) {
    select_.reset();
    select_.bind(1, rowid);
    if (!select_.step()) return std::nullopt;
    const std::string_view sz = select_.column_blob(0);
    std::uint64_t total = 0;
    for (std::size_t i = 0; i < sz.size();) total += varint(sz, i);
    return static_cast<double>(total);
  }

 private:
  /// The varint at `i` (SQLite's: 7 bits a byte, big-endian, the 9th byte
  /// whole); moves `i` past it.
  static std::uint64_t varint(std::string_view bytes, std::size_t& i) {
    std::uint64_t value = 0;
    for (int n = 0; i < bytes.size(); ++n) {
      const auto byte = static_cast<unsigned char>(bytes[i++]);
      if (n == 8) return (value << 8) | byte;
      value = (value << 7) | (byte & 0x7fU);
      if ((byte & 0x80U) == 0) break;
    }
    return value;
  }

  sqlite::Stmt select_;
};

/// A match of a relevance search, with what breaks ties once it is read.
struct Candidate {
  std::int64_t rowid;
  double score;
  std::optional<std::string> date_start;
  std::string id;
};

/// The rows up to the end of the page; a negative limit means no limit.
std::size_t rows_wanted(const SearchRequest& r) {
  return r.limit < 0 || r.offset > std::numeric_limits<std::int64_t>::max() - r.limit
             ? std::numeric_limits<std::size_t>::max()
             : static_cast<std::size_t>(r.limit + r.offset);
}

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

/// Reads the terms of every match of `r` (one pass).
MatchTerms read_terms(sqlite::Db& db, const SearchRequest& r) {
  MatchTerms m;
  m.idf_from_matches = !r.from && !r.to && is_disjunction(*r.match);
  sqlite::Stmt s(db.get(), std::string("SELECT ") + kMatchTerms + "(article_fts, ?" +
                               std::to_string(kTermsParam) + ")" + matches_clause(r));
  bind_filters(s, r);
  s.bind_pointer(kTermsParam, &m, kMatchTerms);
  for (bool row = step_query(s); row; row = s.step()) {
  }
  if (!m.idf_from_matches) return m;
  for (int i = 0; i < m.phrases; ++i) {
    sqlite3_int64 hits = 0;
    for (std::size_t row = 0; row < m.rowids.size(); ++row) {
      hits += m.freqs[row * static_cast<std::size_t>(m.phrases) + static_cast<std::size_t>(i)] > 0;
    }
    m.idf[static_cast<std::size_t>(i)] = idf_of(m.rows, hits);
  }
  return m;
}

/// The exact scores of the matches that may be among the `wanted` best:
/// first those of the `wanted` best bounds, then those of the others whose
/// bound reaches the `wanted`-th best exact score so far, best bound first.
std::vector<Candidate> score_best_matches(sqlite::Db& db, const MatchTerms& m, std::size_t wanted) {
  const std::size_t n = m.rowids.size();
  const auto freq = [&](std::size_t row) {
    return m.freqs.data() + row * static_cast<std::size_t>(m.phrases);
  };
  std::vector<std::pair<double, std::size_t>> bounds;  // (upper bound, row)
  bounds.reserve(n);
  for (std::size_t row = 0; row < n; ++row) {
    bounds.emplace_back(bm25(m, freq(row), m.min_sizes[row]), row);
  }
  RowSizes sizes(db);
  std::priority_queue<double, std::vector<double>, std::greater<>> best;  // the `wanted` best
  std::vector<Candidate> found;
  const auto score = [&](std::size_t row) {
    const std::optional<double> size = sizes.of(m.rowids[row]);
    if (!size) return;  // cannot happen in one read transaction
    const double exact = bm25(m, freq(row), *size);
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
  sqlite::Stmt key(db.get(), "SELECT date_start, id FROM article WHERE rowid = ?1");
  for (Candidate& c : found) {
    key.reset();
    key.bind(1, c.rowid);
    if (key.step()) {
      c.date_start = key.column_optional_text(0);
      c.id = key.column_text(1);
    }
  }
  std::sort(found.begin(), found.end(), [](const Candidate& a, const Candidate& b) {
    if (a.score != b.score) return a.score > b.score;
    if (a.date_start.has_value() != b.date_start.has_value()) return a.date_start.has_value();
    if (a.date_start != b.date_start) return a.date_start > b.date_start;
    return a.id < b.id;
  });
}

/// Skips a double-quoted FTS5 string that starts at `i`; false if unclosed.
bool skip_string(std::string_view s, std::size_t& i) {
  for (++i; i < s.size(); ++i) {
    if (s[i] != '"') continue;
    if (i + 1 < s.size() && s[i + 1] == '"') {
      ++i;  // "" stands for one "
      continue;
    }
    ++i;
    return true;
  }
  return false;
}

}  // namespace

void register_ranking_functions(sqlite3* db) {
  register_fts5_function(db, kMatchTerms, match_terms_function);
}

bool is_disjunction(std::string_view s) {
  bool after_operand = false;  // then only OR, `*` or `)` may follow
  std::size_t i = 0;
  while (i < s.size()) {
    const char c = s[i];
    if (c == ' ') {
      ++i;
    } else if (c == '"') {
      if (after_operand || !skip_string(s, i)) return false;
      after_operand = true;
    } else if (c == '*' || c == ')') {
      if (!after_operand) return false;
      ++i;
    } else if (c == '(') {
      if (after_operand) return false;
      ++i;
    } else if (c == '{') {  // a column filter: `{a b} :`
      const std::size_t close = s.find('}', i);
      if (after_operand || close == std::string_view::npos) return false;
      i = s.find_first_not_of(' ', close + 1);
      if (i == std::string_view::npos || s[i] != ':') return false;
      ++i;
    } else {
      std::size_t end = i;
      while (end < s.size() &&
             (std::isalnum(static_cast<unsigned char>(s[end])) || s[end] == '_')) {
        ++end;
      }
      const std::string_view word = s.substr(i, end - i);
      const std::size_t next = s.find_first_not_of(' ', end);
      if (word == "OR" && after_operand) {
        after_operand = false;
      } else if (word.empty() || after_operand || next == std::string_view::npos ||
                 s[next] != ':') {
        return false;  // AND, NOT, NEAR, a bare word: not a disjunction
      } else {
        end = next + 1;  // a column filter: `title :`
      }
      i = end;
    }
  }
  return after_operand;
}

std::vector<PageRow> best_page(sqlite::Db& db, const SearchRequest& r, std::int64_t* matches,
                               Ranking ranking) {
  const std::size_t wanted = rows_wanted(r);
  std::vector<Candidate> found;
  if (ranking == Ranking::kScoreEveryMatch) {
    found = score_every_match(db, r);
    if (matches != nullptr) *matches = static_cast<std::int64_t>(found.size());
  } else {
    const MatchTerms terms = read_terms(db, r);
    if (matches != nullptr) *matches = static_cast<std::int64_t>(terms.rowids.size());
    if (wanted > 0) found = score_best_matches(db, terms, wanted);
  }
  if (wanted == 0) return {};
  keep_best(found, wanted);
  sort_with_ties(db, found);
  std::vector<PageRow> rows;
  for (std::size_t i = static_cast<std::size_t>(r.offset); i < found.size() && i < wanted; ++i) {
    rows.emplace_back(found[i].rowid, found[i].score);
  }
  return rows;
}

}  // namespace newsidx::store
