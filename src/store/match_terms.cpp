#include "store/match_terms.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <new>
#include <string>

#include "store/date_filter.hpp"
#include "store/fts5_function.hpp"
#include "store/search.hpp"
#include "store/split_walk.hpp"

namespace newsidx::store {
namespace {

/// The name of the FTS5 function that reads the terms of the matches; also
/// the type name of the MatchTerms pointer it takes.
constexpr const char* kMatchTerms = "newsidx_match_terms";

/// The parameter of the pass that binds that pointer (after where_clause()'s).
constexpr int kTermsParam = 10;

/// The largest share of the index's rowids that the dates of a disjunction
/// may span for its pass to walk that span only (walk_span()).
constexpr double kMostSpanned = 0.3;

}  // namespace

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

namespace {

/// What bm25() computes once per query: the average size, and the IDFs
/// unless they are counted from the matches.
int start(const Fts5ExtensionApi* api, Fts5Context* fts, MatchTerms& m) {
  m.started = true;
  m.phrases = api->xPhraseCount(fts);
  m.column_ends.assign(static_cast<std::size_t>(api->xColumnCount(fts)), 0);
  m.phrase_sizes.clear();
  for (int i = 0; i < m.phrases; ++i) m.phrase_sizes.push_back(api->xPhraseSize(fts, i));
  if (m.phrases > PhraseInstance::kMaxPhrases) m.keep_instances = false;
  sqlite3_int64 tokens = 0;
  int rc = api->xRowCount(fts, &m.rows);
  if (rc == SQLITE_OK) rc = api->xColumnTotalSize(fts, -1, &tokens);
  if (rc != SQLITE_OK) return rc;
  m.avgdl = static_cast<double>(tokens) / static_cast<double>(m.rows);
  m.idf.assign(static_cast<std::size_t>(m.phrases), 0.0);
  // Room for as many matches as there are rows, so that the vectors never
  // move (copying what they hold) as they grow: memory that costs nothing
  // until it is written.
  const auto most = static_cast<std::size_t>(std::max<sqlite3_int64>(m.rows, 0));
  m.rowids.reserve(most);
  m.min_sizes.reserve(most);
  m.freqs.reserve(most * static_cast<std::size_t>(m.phrases));
  if (m.keep_instances) {
    m.instance_spans.reserve(most);
    m.instances.reserve(m.max_instances);
  }
  if (m.idf_from_matches || !m.count_idfs) return SQLITE_OK;
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

/// Forgets every instance kept and keeps no more.
void stop_keeping(MatchTerms& m) {
  m.keep_instances = false;
  std::vector<PhraseInstance>().swap(m.instances);
  std::vector<InstanceSpan>().swap(m.instance_spans);
}

/// Keeps an instance of `phrase` of the current row, whose span is `span`
/// (the last of MatchTerms::instance_spans), unless it is in an earlier
/// column than those kept; those are forgotten when it is in a later one.
void keep_instance(MatchTerms& m, InstanceSpan& span, int phrase, int column, int offset) {
  if (column < span.column) return;
  if (column > span.column) {
    m.instances.erase(m.instances.begin() + span.first, m.instances.end());
    span.column = column;
  }
  if (offset >= PhraseInstance::kMaxOffset || m.instances.size() >= m.max_instances) {
    stop_keeping(m);
    return;
  }
  m.instances.emplace_back(offset, phrase);
}

/// Stops keeping instances when, at rowid `rowid`, they are projected to
/// outgrow their maximum (see MatchTerms::keep_instances).
void project(MatchTerms& m, std::int64_t rowid) {
  if (m.instances.size() < m.next_projection) return;
  m.next_projection *= 2;
  const double projected = static_cast<double>(m.instances.size()) *
                           static_cast<double>(m.last_rowid - m.first_rowid) /
                           static_cast<double>(std::max<std::int64_t>(rowid - m.first_rowid, 1));
  if (projected > static_cast<double>(m.max_instances)) stop_keeping(m);
}

/// Adds the row of `fts`: the frequency of each phrase (every column weighs
/// 1, as in kScoreExpr) and the sum over columns of where their last
/// instance ends, which the column's size is at least; and its instances
/// when they are kept. Reads each phrase's instances on their own
/// (xPhraseFirst), the ones bm25()'s xInst() gives merged across phrases,
/// at the cost of a sort.
int add_row(const Fts5ExtensionApi* api, Fts5Context* fts, MatchTerms& m) {
  const std::size_t first = m.freqs.size();
  if (m.keep_instances) {
    const auto here = static_cast<std::uint32_t>(m.instances.size());
    m.instance_spans.push_back({here, here, -1});
  }
  m.freqs.resize(first + static_cast<std::size_t>(m.phrases), 0.0);
  std::fill(m.column_ends.begin(), m.column_ends.end(), 0);
  for (int phrase = 0; phrase < m.phrases; ++phrase) {
    const int size = m.phrase_sizes[static_cast<std::size_t>(phrase)];
    double& freq = m.freqs[first + static_cast<std::size_t>(phrase)];
    Fts5PhraseIter it{};
    int column = 0;
    int offset = 0;
    int seen_column = -1;  // and how many of this phrase's instances it holds
    int seen = 0;
    const int rc = api->xPhraseFirst(fts, phrase, &it, &column, &offset);
    if (rc != SQLITE_OK) return rc;
    for (; column >= 0; api->xPhraseNext(fts, &it, &column, &offset)) {
      freq += 1.0;
      int& end = m.column_ends[static_cast<std::size_t>(column)];
      end = std::max(end, offset + size);
      if (!m.keep_instances) continue;
      if (column != seen_column) {
        seen_column = column;
        seen = 0;
      }
      if (seen++ < kMaxSnippetInstances) {
        keep_instance(m, m.instance_spans.back(), phrase, column, offset);
      }
    }
  }
  const std::int64_t rowid = api->xRowid(fts);
  if (m.keep_instances) {
    m.instance_spans.back().last = static_cast<std::uint32_t>(m.instances.size());
    project(m, rowid);
  }
  double size = 0.0;
  for (const int end : m.column_ends) size += end;
  m.rowids.push_back(rowid);
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

/// The varint at `i` of `bytes` (SQLite's: 7 bits a byte, big-endian, the
/// 9th byte whole); moves `i` past it.
std::uint64_t varint(std::string_view bytes, std::size_t& i) {
  std::uint64_t value = 0;
  for (int n = 0; i < bytes.size(); ++n) {
    const auto byte = static_cast<unsigned char>(bytes[i++]);
    if (n == 8) return (value << 8) | byte;
    value = (value << 7) | (byte & 0x7fU);
    if ((byte & 0x80U) == 0) break;
  }
  return value;
}

/// Keeps the matches of `m` whose rowids are `kept` (in the same order).
void keep_only(MatchTerms& m, const std::vector<std::int64_t>& kept) {
  const auto phrases = static_cast<std::size_t>(m.phrases);
  std::size_t out = 0;
  for (std::size_t row = 0, k = 0; row < m.rowids.size() && k < kept.size(); ++row) {
    if (m.rowids[row] != kept[k]) continue;
    ++k;
    m.rowids[out] = m.rowids[row];
    m.min_sizes[out] = m.min_sizes[row];
    if (m.kept_instances()) m.instance_spans[out] = m.instance_spans[row];
    std::copy_n(m.freqs.begin() + static_cast<std::ptrdiff_t>(row * phrases), phrases,
                m.freqs.begin() + static_cast<std::ptrdiff_t>(out * phrases));
    ++out;
  }
  if (m.kept_instances()) m.instance_spans.resize(out);
  m.rowids.resize(out);
  m.min_sizes.resize(out);
  m.freqs.resize(out * phrases);
}

/// The span of rowids the pass over the matches of `match` walks, of the
/// span of the dates `dates` in an index whose largest rowid is `last`:
/// all of it, or nullopt for every match. The IDFs of a disjunction are
/// counted in that pass, from every match (before the date filter); walking
/// only a span, which pays when it is narrow (kMostSpanned), they are
/// counted as bm25() counts them: with `phrases` (SearchRequest::phrases)
/// in halves of the index at once (split_walk.hpp), else in a pass over
/// each phrase on one core. That pass loses against the pass over every
/// match in two halves: at a million articles, `juge --from 2010-01 --to
/// 2012-06` took 0.80 of its time, at 100k 0.87.
std::optional<RowidSpan> walk_span(sqlite::Db& db, std::string_view match,
                                   const std::vector<std::string>& phrases,
                                   const std::optional<RowidSpan>& dates, std::int64_t last,
                                   MatchTerms& m) {
  if (!dates) return std::nullopt;
  if (m.idf_from_matches) {
    if (static_cast<double>(dates->last - dates->first + 1) >
            kMostSpanned * static_cast<double>(last) ||
        (phrases.empty() && split_file(db, match, RowidSpan{m.first_rowid, last}))) {
      return std::nullopt;
    }
    m.idf_from_matches = false;
  }
  return dates;
}

}  // namespace

void register_match_terms(sqlite3* db) {
  register_fts5_function(db, kMatchTerms, match_terms_function);
}

void walk_matches(sqlite::Db& db, std::string_view match, const std::optional<RowidSpan>& span,
                  MatchTerms& m) {
  sqlite::Stmt s(db.get(), std::string("SELECT ") + kMatchTerms + "(article_fts, ?" +
                               std::to_string(kTermsParam) +
                               ") FROM article_fts WHERE article_fts MATCH ?1" +
                               span_condition(span));
  s.bind(kMatch, match);
  bind_span(s, span);
  s.bind_pointer(kTermsParam, &m, kMatchTerms);
  for (bool row = step_query(s); row; row = s.step()) {
  }
}

void append_terms(MatchTerms& m, MatchTerms&& upper) {
  if (!upper.started) return;
  const bool instances = m.kept_instances() && upper.kept_instances();
  if (!m.started) {
    m.started = true;
    m.phrases = upper.phrases;
    m.rows = upper.rows;
    m.avgdl = upper.avgdl;
    m.idf = std::move(upper.idf);
    m.phrase_sizes = std::move(upper.phrase_sizes);
  }
  m.rowids.insert(m.rowids.end(), upper.rowids.begin(), upper.rowids.end());
  m.freqs.insert(m.freqs.end(), upper.freqs.begin(), upper.freqs.end());
  m.min_sizes.insert(m.min_sizes.end(), upper.min_sizes.begin(), upper.min_sizes.end());
  if (!instances) {
    stop_keeping(m);
    return;
  }
  const auto base = static_cast<std::uint32_t>(m.instances.size());
  m.instances.insert(m.instances.end(), upper.instances.begin(), upper.instances.end());
  for (InstanceSpan span : upper.instance_spans) {
    span.first += base;
    span.last += base;
    m.instance_spans.push_back(span);
  }
}

/// Reads the terms of every match of `r` (one pass, in two halves at once
/// over a large index: split_walk.hpp).
MatchTerms read_terms(sqlite::Db& db, const SearchRequest& r, std::size_t max_instances) {
  MatchTerms m;
  m.idf_from_matches = is_disjunction(*r.match);
  m.keep_instances = max_instances > 0;
  m.max_instances = max_instances;
  // The matches are read from the index alone, within the rowids of the
  // dates when that pays (walk_span()); those outside the date filter are
  // dropped after (date_filter.hpp), which is what a join to the articles
  // would select.
  const std::optional<RowidSpan> dates = date_span(db, r);
  m.last_rowid = db.query_int("SELECT coalesce(max(rowid), 0) FROM article");
  const std::optional<RowidSpan> span = walk_span(db, *r.match, r.phrases, dates, m.last_rowid, m);
  if (span) {
    m.first_rowid = span->first;
    m.last_rowid = std::min(m.last_rowid, span->last);
  }
  walk_split(db, *r.match, r.phrases, span, m);
  // Before the date filter, the matches of a disjunction are every article
  // that has one of its phrases.
  if (m.idf_from_matches) {
    for (int i = 0; i < m.phrases; ++i) {
      sqlite3_int64 hits = 0;
      for (std::size_t row = 0; row < m.rowids.size(); ++row) {
        hits += m.freq(row)[i] > 0;
      }
      m.idf[static_cast<std::size_t>(i)] = idf_of(m.rows, hits);
    }
  }
  if (r.from || r.to) keep_only(m, within_dates(db, r, m.rowids));
  return m;
}

double idf_of(sqlite3_int64 rows, sqlite3_int64 hits) {
  const double idf =
      std::log((static_cast<double>(rows - hits) + 0.5) / (static_cast<double>(hits) + 0.5));
  return idf <= 0.0 ? 1e-6 : idf;
}

std::optional<std::size_t> MatchTerms::row_of(std::int64_t rowid) const {
  const auto it = std::lower_bound(rowids.begin(), rowids.end(), rowid);
  if (it == rowids.end() || *it != rowid) return std::nullopt;
  return static_cast<std::size_t>(it - rowids.begin());
}

void take_instances(const MatchTerms& m, const std::vector<std::int64_t>& rowids,
                    PageInstances& out) {
  out.rows.clear();
  out.phrases = m.phrases;
  out.complete = m.kept_instances();
  for (std::size_t i = 0; out.complete && i < rowids.size(); ++i) {
    const std::optional<std::size_t> row = m.row_of(rowids[i]);
    if (!row) {
      out.complete = false;
      break;
    }
    const InstanceSpan& span = m.instance_spans[*row];
    // xInst()'s order: by position, then phrase (they are by phrase here).
    std::vector<PhraseInstance> sorted(m.instances.begin() + span.first,
                                       m.instances.begin() + span.last);
    std::sort(sorted.begin(), sorted.end());
    PageInstances::Row& to = out.rows[rowids[i]];
    to.column = span.column;
    to.instances.clear();
    for (const PhraseInstance& in : sorted) {
      to.instances.push_back(
          {in.offset(), in.phrase(), m.phrase_sizes[static_cast<std::size_t>(in.phrase())]});
    }
  }
  if (!out.complete) out.rows.clear();
}

RowSizes::RowSizes(sqlite::Db& db)
    : select_(db.get(), "SELECT sz FROM article_fts_docsize WHERE id = ?1") {}

std::optional<double> RowSizes::of(std::int64_t rowid) {
  select_.reset();
  select_.bind(1, rowid);
  if (!select_.step()) return std::nullopt;
  const std::string_view sz = select_.column_blob(0);
  std::uint64_t total = 0;
  for (std::size_t i = 0; i < sz.size();) total += varint(sz, i);
  return static_cast<double>(total);
}

bool is_disjunction(std::string_view s) {
  bool after_operand = false;  // then only OR, `*` or `)` may follow
  std::size_t i = 0;
  while (i < s.size()) {
    const char c = s[i];
    if (c == ' ') {
      ++i;
    } else if (c == '"') {
      const std::optional<Fts5String> string = fts5_string_at(s, i);
      if (after_operand || !string) return false;
      i = string->close + 1;
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

}  // namespace newsidx::store
