// Walks over a query's matches in two halves at once. Private to the store.
//
// Every search reads every match of its query once: the pass of
// newsidx_match_terms() (match_terms.hpp) for a relevance or date page, the
// rowids of the matches (match_rowids.hpp) for a count with dates and for
// `stats`, their count(*) for a count. For a common word in a large archive
// that walk is most of the command's time, and it runs on one core. Over a
// large index, the caller's connection walks the lower half of the rowids
// while a second connection to the same file walks the upper half on
// another thread (walk_halves()); what the upper half found is then
// appended. Both read the same snapshot of the index: the second connection
// compares FTS5's structure record (which every write of the index changes)
// with the one the caller's read transaction sees, and when they differ (a
// commit came between) the caller walks the upper half itself. So does it
// when it is done with the lower half before the second connection is
// ready (a rare word): it then waits only for the set-up in progress.
//
// walk_split() gives the MatchTerms of one pass: the same matches,
// frequencies, sizes and IDFs. The IDFs that FTS5 counts (when they are
// not counted from the matches) are the matches of each phrase of the
// query in the whole index. Given the phrases (SearchRequest::phrases),
// each connection counts them in its half of the index after its half of
// the walk; when the walk is too short to split but the index is not (a
// narrow date filter), the caller walks it all and counts the lower half
// while the other connection counts the upper. Without the phrases, the
// caller's side counts them with FTS5 at the first match of the lower
// half, or of the upper half when the lower has none. The instances are
// kept when each half could keep its share of them.
//
// Measured at a million articles of the benchmark's corpus (whole process,
// pairs against one pass): `juge` 0.64, `médecin maladie` 0.73, `juge
// --count` 0.56, `stats juge` 0.78, a rare word 0.99; at 33,440 articles
// `juge` 0.82 and a rare word 0.96. The IDFs counted in halves, against
// counted on the caller's side (pairs at a million): `médecin maladie`
// 0.81, `juge météorite` 0.60, `police manifestation` 0.79; with a walk
// too short to split, `médecin maladie --from 1995-03 --to 1995-04` 0.64
// (at 100k 1.07: there the upper half of a doclist costs almost as much to
// reach as the whole).
//
// Functions of a connection; one thread at a time, like the connection.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/match_terms.hpp"
#include "store/month_rowids.hpp"
#include "store/sqlite.hpp"
#include "store/vocabulary.hpp"

namespace newsidx::store {

/// The fewest rowids a pass walks in two halves: fewer, and opening the
/// second connection costs more than the half of the walk it saves.
inline constexpr std::int64_t kSplitWalkRowids = std::int64_t{1} << 15;

/// A connection to a database file, opened for reading and set up for
/// walking matches as the store sets up its own: the French tokenizer with
/// the word families of the `vocabulary` table, newsidx_match_terms().
class SearchConnection {
 public:
  explicit SearchConnection(const std::string& path);
  ~SearchConnection();
  SearchConnection(const SearchConnection&) = delete;
  SearchConnection& operator=(const SearchConnection&) = delete;

  sqlite::Db& db() { return db_; }

 private:
  sqlite::Db db_;
  std::shared_ptr<StoreFamilies> families_;
};

/// A walk over the rowids `span` on the connection `db`.
using SpanWalk = std::function<void(sqlite::Db& db, RowidSpan span)>;

/// The database file of `db` when a walk over the matches of the FTS5 query
/// `match` within the rowids `whole` is worth splitting (split_walks().
/// from_rowids or more) and can be: nullopt when the database is not a
/// file, when `db` is in a write transaction (its writes are not yet for
/// other connections to see), and for a prefix query (FTS5 merges the
/// doclists of a prefix's words over the whole index before it walks any
/// rowid: each half would do it all again; `territ*` at a million articles
/// took 27 ms in halves against 25 ms in one pass).
[[nodiscard]] std::optional<std::string> split_file(sqlite::Db& db, std::string_view match,
                                                    RowidSpan whole);

/// Walks the rowids `whole` of the database `file` (split_file()) in two
/// halves at once: here(db, lower half) on this thread, and there(second
/// connection, upper half) on another. Returns true when `there` walked the
/// upper half; false when here(db, upper half) did, after the lower half
/// (the second connection saw another snapshot, or failed, or was not
/// ready when the lower half was done). `there` reads only what it is
/// given; its failures are not reported.
bool walk_halves(sqlite::Db& db, const std::string& file, RowidSpan whole, const SpanWalk& here,
                 const SpanWalk& there);

/// Adds the matches of the FTS5 query `match` to `m`: those of rowids
/// m.first_rowid to m.last_rowid, within `span` (every match when nullopt;
/// else `span` is that range). In two halves at once when they are at
/// least split_walks().from_rowids and the database is a file; with
/// `phrases` (those of `match`, SearchRequest::phrases), the IDFs too, when
/// the index is that large.
/// REQUIRES: `m` holds no match yet.
void walk_split(sqlite::Db& db, std::string_view match, const std::vector<std::string>& phrases,
                const std::optional<RowidSpan>& span, MatchTerms& m);

/// Who walks the upper half of a split pass.
enum class UpperWalker {
  kFirstReady,  ///< the second connection, unless the caller is done first
  kSibling,     ///< the second connection, whenever it can (tests)
  kCaller,      ///< the caller, after the lower half (tests)
};

/// How the passes of the whole process split: in two halves from
/// `from_rowids` rowids, the upper one walked by `upper`.
struct SplitWalks {
  std::int64_t from_rowids = kSplitWalkRowids;
  UpperWalker upper = UpperWalker::kFirstReady;
};
[[nodiscard]] SplitWalks split_walks();

/// Sets split_walks() for its lifetime (tests split the passes over small
/// indexes with it, and choose who walks the upper half). One at a time,
/// made and destroyed while no search runs.
class ScopedSplitWalks {
 public:
  explicit ScopedSplitWalks(SplitWalks walks);
  ~ScopedSplitWalks();
  ScopedSplitWalks(const ScopedSplitWalks&) = delete;
  ScopedSplitWalks& operator=(const ScopedSplitWalks&) = delete;

 private:
  SplitWalks before_;
};

}  // namespace newsidx::store
