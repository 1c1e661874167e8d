// The terms of a query's matches, read in one pass: each match's rowid, the
// frequency of each phrase of the query in it, a lower bound of its size,
// and what FTS5's bm25() computes once per query (the IDFs, the average
// size). From them the score of any match is bm25()'s, to the bit, once its
// size is read (RowSizes): relevance pages (ranking.hpp) and date-ordered
// pages (date_order.hpp) score only the matches they may show. The same pass
// can keep where each phrase matches in each match (what FTS5's xInst()
// gives a cursor on the row), so that the snippets of a page are made
// without opening a cursor on each of its rows (PageInstances). Private to
// the store.
//
// Functions of a connection; one thread at a time, like the connection.
#pragma once

#include <sqlite3.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "newsidx/search.hpp"
#include "store/month_rowids.hpp"
#include "store/snippet.hpp"
#include "store/sqlite.hpp"

namespace newsidx::store {

/// A match of a phrase in a row (FTS5's xInst(), the column aside), in 4
/// bytes: the position of its first token in its column, then the phrase's
/// index in the query. Ordered as xInst() orders the instances of a column.
class PhraseInstance {
 public:
  /// What fits: phrases and positions below these.
  static constexpr int kMaxPhrases = 1 << 8;
  static constexpr int kMaxOffset = 1 << 24;

  /// REQUIRES: 0 <= offset < kMaxOffset, 0 <= phrase < kMaxPhrases.
  PhraseInstance(int offset, int phrase)
      : bits_(static_cast<std::uint32_t>(offset) << 8 | static_cast<std::uint32_t>(phrase)) {}
  [[nodiscard]] int offset() const { return static_cast<int>(bits_ >> 8); }
  [[nodiscard]] int phrase() const { return static_cast<int>(bits_ & 0xffU); }
  bool operator<(const PhraseInstance& other) const { return bits_ < other.bits_; }

 private:
  std::uint32_t bits_;
};

/// Where the instances of one match are in MatchTerms::instances: [first,
/// last), all in `column`.
struct InstanceSpan {
  std::uint32_t first = 0;
  std::uint32_t last = 0;
  int column = -1;  ///< -1 when the match has none
};

/// What newsidx_match_terms() reads from the matches of a query.
struct MatchTerms {
  bool idf_from_matches = false;  ///< in: count the IDFs' matches here
  /// In: unless idf_from_matches, count the IDFs with FTS5 at the first
  /// match (false for the upper half of a split pass, split_walk.hpp).
  bool count_idfs = true;
  bool started = false;
  int phrases = 0;
  sqlite3_int64 rows = 0;  ///< articles in the index
  double avgdl = 0.0;      ///< their average size in tokens, as bm25() has it
  std::vector<double> idf;
  std::vector<std::int64_t> rowids;  ///< ascending: FTS5 gives its matches by rowid
  std::vector<double> freqs;         ///< `phrases` per match
  std::vector<double> min_sizes;     ///< a lower bound of each match's size
  std::vector<int> column_ends;      ///< scratch: per column

  /// In: keep the instances a snippet reads (see kept_instances()), at
  /// most `max_instances` of them; reset when they are more, or once they
  /// are projected to be more: the matches come in rowid order, so a pass
  /// that has reached rowid R of the rowids `first_rowid`..`last_rowid`
  /// it walks, with N instances, will keep about N * (last_rowid -
  /// first_rowid) / (R - first_rowid) (projected each time N doubles from
  /// kFirstProjection). Keeping a stop word's instances only to drop them
  /// would cost more than the cursors that then read its page.
  bool keep_instances = false;
  std::size_t max_instances = 0;
  std::int64_t first_rowid = 0;  ///< the smallest rowid the pass walks from
  std::int64_t last_rowid = 0;   ///< the largest, at most the index's largest
  std::size_t next_projection = kFirstProjection;
  static constexpr std::size_t kFirstProjection = std::size_t{1} << 16;
  std::vector<int> phrase_sizes;  ///< in tokens, per phrase
  /// The instances of each match: those of its last column that holds one,
  /// the first kMaxSnippetInstances of each phrase there, by phrase then
  /// position.
  std::vector<InstanceSpan> instance_spans;
  std::vector<PhraseInstance> instances;

  /// The frequencies of the phrases in match `row` (an index of `rowids`).
  [[nodiscard]] const double* freq(std::size_t row) const {
    return freqs.data() + row * static_cast<std::size_t>(phrases);
  }
  /// The index of `rowid` in `rowids`, or nullopt when it is no match.
  [[nodiscard]] std::optional<std::size_t> row_of(std::int64_t rowid) const;
  /// Whether the instances of every match were kept.
  [[nodiscard]] bool kept_instances() const {
    return keep_instances && instance_spans.size() == rowids.size();
  }
};

/// The matches of the rows of a page, as newsidx_snippet() would read them
/// from a cursor on each row (see snippet_of()), taken from a MatchTerms.
struct PageInstances {
  struct Row {
    int column = -1;                         ///< the last column holding a match; -1 when none does
    std::vector<SnippetInstance> instances;  ///< in that column, in xInst()'s order
  };
  int phrases = 0;
  bool complete = false;  ///< every row of the page is in `rows`
  std::unordered_map<std::int64_t, Row> rows;
};

/// Sets `out` to the instances of the matches `rowids` of `m`, complete
/// when `m` kept them (kept_instances()) and they are all matches of it.
void take_instances(const MatchTerms& m, const std::vector<std::int64_t>& rowids,
                    PageInstances& out);

/// Registers newsidx_match_terms() with the FTS5 module of `db`. Throws
/// Error(kDatabase) when FTS5 refuses it.
void register_match_terms(sqlite3* db);

/// The most instances a search keeps (4 bytes each, 16 MB): a common word's
/// matches in a large archive; a stop word's are left to cursors.
inline constexpr std::size_t kMaxKeptInstances = std::size_t{1} << 22;

/// Reads the terms of every match of `request` (which has a query), in one
/// pass over them; with `max_instances` > 0, also their instances unless
/// they are more than that (see MatchTerms::keep_instances).
[[nodiscard]] MatchTerms read_terms(sqlite::Db& db, const SearchRequest& request,
                                    std::size_t max_instances = 0);

/// Adds the matches of the FTS5 query `match` within `span` (every match
/// when nullopt) to `m`, after those it holds: one pass over them.
/// REQUIRES: the span starts above the rowids `m` holds.
void walk_matches(sqlite::Db& db, std::string_view match, const std::optional<RowidSpan>& span,
                  MatchTerms& m);

/// Adds the matches of `upper`, a pass over rowids above those of `m`, to
/// `m`; its instances only when both kept every match's.
void append_terms(MatchTerms& m, MatchTerms&& upper);

/// bm25()'s IDF of a phrase that `hits` of the `rows` articles of the index
/// match, as FTS5 computes it.
[[nodiscard]] double idf_of(sqlite3_int64 rows, sqlite3_int64 hits);

/// bm25()'s score (negated: higher is better) of a match of `m` whose
/// phrases have the frequencies `freq` and whose size is `size` tokens,
/// spelt as FTS5 spells it so that the result is the same to the bit.
/// Increasing in each freq and decreasing in size, operation by operation:
/// with a lower bound of the size it gives an upper bound of the score.
[[nodiscard]] double bm25(const MatchTerms& m, const double* freq, double size);

/// The sizes in tokens of the rows of the index, all columns together
/// (bm25()'s D), read from FTS5's `docsize` table: one SQLite varint per
/// column (FTS5's file format). xColumnSize() would read the same, but only
/// in a cursor of the query, which has moved on.
class RowSizes {
 public:
  explicit RowSizes(sqlite::Db& db);
  /// The size of `rowid`, or nullopt when it has none.
  [[nodiscard]] std::optional<double> of(std::int64_t rowid);

 private:
  sqlite::Stmt select_;
};

/// Whether every article that matches a phrase of `match` (an FTS5 query)
/// matches the query: phrases, prefixes, column filters and groups joined by
/// OR only. False when unsure.
[[nodiscard]] bool is_disjunction(std::string_view match);

}  // namespace newsidx::store
