#include "store/split_walk.hpp"

#include <atomic>
#include <exception>
#include <limits>
#include <memory>
#include <string>
#include <system_error>
#include <thread>
#include <utility>

#include "newsidx/error.hpp"
#include "newsidx/fts5_tokenizer.hpp"
#include "store/family_forms.hpp"
#include "store/match_rowids.hpp"
#include "store/open.hpp"
#include "store/search.hpp"
#include "store/vocabulary.hpp"

namespace newsidx::store {
namespace {

/// split_walks(): set by tests alone, while no search runs.
SplitWalks process_walks;

/// FTS5's structure record: the index's segments, and a counter of what
/// was written; any write of the index changes it.
std::string index_structure(sqlite::Db& db) {
  sqlite::Stmt s(db.get(), "SELECT block FROM article_fts_data WHERE id = 10");
  return s.step() ? std::string(s.column_blob(0)) : std::string();
}

/// The upper half of a split walk, on its own connection: walked there, or
/// not when it could not be (see split_walk.hpp), or when the caller's
/// connection claimed it first: having walked the lower half before the
/// second connection was ready (a rare word), the caller walks the upper
/// half as a single pass would, rather than wait.
class UpperHalf {
 public:
  UpperHalf(std::string path, std::string structure, RowidSpan span, const SpanWalk& walk)
      : path_(std::move(path)), structure_(std::move(structure)), span_(span), walk_(walk) {}

  /// Walks it unless the caller claimed it first; on another thread. Never
  /// throws: a failure leaves it unwalked.
  void walk() noexcept {
    try {
      // Each step of the set-up checks first whether the caller has claimed
      // the half: it then waits for this thread to end.
      if (claimed()) return;
      SearchConnection sibling(path_);
      if (claimed()) return;
      const sqlite::Transaction snapshot(sibling.db(), sqlite::Transaction::Kind::kDeferred);
      if (index_structure(sibling.db()) != structure_ || !claim(Claim::kSibling)) return;
      walk_(sibling.db(), span_);
      walked_ = true;
    } catch (...) {
      walked_ = false;
    }
  }
  /// Claims the half for the caller's connection: false once the other has it.
  bool claim_for_caller() { return claim(Claim::kCaller); }
  [[nodiscard]] bool walked() const { return walked_; }

 private:
  enum class Claim { kOpen, kSibling, kCaller };
  bool claim(Claim who) {
    Claim open = Claim::kOpen;
    return claimed_.compare_exchange_strong(open, who);
  }
  bool claimed() const { return claimed_.load() != Claim::kOpen; }

  std::string path_;
  std::string structure_;
  RowidSpan span_;
  const SpanWalk& walk_;
  std::atomic<Claim> claimed_{Claim::kOpen};
  bool walked_ = false;
};

/// Counts the IDFs of `m` (which holds matches but no IDFs) with FTS5, at
/// its first match: what the lower half's first match would have done.
void count_idfs(sqlite::Db& db, std::string_view match, MatchTerms& m) {
  MatchTerms first;
  walk_matches(db, match, RowidSpan{m.rowids.front(), m.rowids.front()}, first);
  if (!first.started) {
    throw Error(ErrorCode::kInternal,
                "a match of one half of a split pass is no match of the other");
  }
  m.idf = std::move(first.idf);
}

/// bm25()'s IDFs counted in two halves of the index's rowids, split at
/// `middle`: each side of a split walk counts the matches of every phrase
/// in the half it is given, a one-word phrase as the OR of its forms
/// (family_forms.hpp).
class IdfHalves {
 public:
  /// Counts nothing unless `on`.
  IdfHalves(std::int64_t middle, bool on) : middle_(middle), on_(on) {}

  /// Reads `phrases` into what is counted, with the tokenizer of `db`.
  void prepare(sqlite::Db& db, const std::vector<std::string>& phrases) {
    if (!on_) return;
    phrases_ = as_forms(db.get(), phrases);
    here_.assign(phrases_.size(), 0);
    there_.assign(phrases_.size(), 0);
  }

  [[nodiscard]] bool on() const { return on_; }

  /// Counts the lower or the upper half, on the caller's side (`here`) or
  /// the other.
  void count(sqlite::Db& db, bool lower, bool here) {
    if (!on_) return;
    constexpr std::int64_t kLeast = std::numeric_limits<std::int64_t>::min();
    constexpr std::int64_t kMost = std::numeric_limits<std::int64_t>::max();
    const RowidSpan half = lower ? RowidSpan{kLeast, middle_} : RowidSpan{middle_ + 1, kMost};
    std::vector<std::int64_t>& hits = here ? here_ : there_;
    for (std::size_t i = 0; i < phrases_.size(); ++i) {
      hits[i] += count_matches_in(db, phrases_[i], half);
    }
  }

  /// Sets the IDFs of `m`: from the caller's side's counts, and the other
  /// side's when it counted (`apart`).
  void set(MatchTerms& m, bool apart) const {
    if (m.idf.size() != phrases_.size()) {
      throw Error(ErrorCode::kInternal, "a query's phrases are not those FTS5 reads in it");
    }
    for (std::size_t i = 0; i < phrases_.size(); ++i) {
      m.idf[i] = idf_of(m.rows, here_[i] + (apart ? there_[i] : 0));
    }
  }

 private:
  std::vector<std::string> phrases_;
  std::int64_t middle_;
  bool on_;
  std::vector<std::int64_t> here_;
  std::vector<std::int64_t> there_;
};

/// What the other side of a split walk of `m` starts with.
MatchTerms upper_half_of(const MatchTerms& m, std::size_t max_instances) {
  MatchTerms upper;
  upper.idf_from_matches = m.idf_from_matches;
  upper.count_idfs = false;
  upper.keep_instances = m.keep_instances;
  upper.max_instances = max_instances / 2;
  return upper;
}

}  // namespace

SearchConnection::SearchConnection(const std::string& path)
    : db_(open_for_reading(path)), families_(std::make_shared<StoreFamilies>(db_.get())) {
  TokenizerHooks hooks;
  hooks.families = families_;
  register_french_tokenizer(db_.get(), hooks);
  register_match_terms(db_.get());
}

SearchConnection::~SearchConnection() {
  families_->release();
}

SplitWalks split_walks() {
  return process_walks;
}

ScopedSplitWalks::ScopedSplitWalks(SplitWalks walks) : before_(process_walks) {
  process_walks = walks;
}

ScopedSplitWalks::~ScopedSplitWalks() {
  process_walks = before_;
}

std::optional<std::string> split_file(sqlite::Db& db, std::string_view match, RowidSpan whole) {
  std::string file = sqlite::file_name(db);
  if (whole.last - whole.first + 1 < split_walks().from_rowids || file.empty() ||
      sqlite3_txn_state(db.get(), "main") == SQLITE_TXN_WRITE || shape_of(match).prefix) {
    return std::nullopt;
  }
  return file;
}

bool walk_halves(sqlite::Db& db, const std::string& file, RowidSpan whole, const SpanWalk& here,
                 const SpanWalk& there) {
  // The halves read one snapshot of the index: the one of the caller's
  // read transaction, which the other connection checks it sees too.
  const sqlite::ReadSnapshot snapshot(db);
  const UpperWalker walker = split_walks().upper;
  const std::int64_t middle = whole.first + (whole.last - whole.first) / 2;
  const RowidSpan high{middle + 1, whole.last};
  UpperHalf upper(file, index_structure(db), high, there);
  const bool caller_first = walker == UpperWalker::kCaller && upper.claim_for_caller();
  std::thread helper;
  try {
    helper = std::thread([&upper] { upper.walk(); });
  } catch (const std::system_error&) {
    upper.claim_for_caller();  // no thread to be had: one pass, on this connection
  }
  const auto join = [&helper] {
    if (helper.joinable()) helper.join();
  };
  try {
    here(db, RowidSpan{whole.first, middle});
    const bool caller_walks =
        caller_first || (walker == UpperWalker::kFirstReady && upper.claim_for_caller());
    if (!caller_walks) join();
    if (caller_walks || !upper.walked()) {
      here(db, high);
      join();
      return false;
    }
  } catch (...) {
    upper.claim_for_caller();
    join();
    throw;
  }
  return true;
}

void walk_split(sqlite::Db& db, std::string_view match, const std::vector<std::string>& phrases,
                const std::optional<RowidSpan>& span, MatchTerms& m) {
  const RowidSpan whole{m.first_rowid, m.last_rowid};
  // bm25()'s IDFs, unless they are counted from the matches: FTS5 counts
  // them at the first match, a pass over every match of each phrase in the
  // index, on the caller's side. Given the phrases, each connection counts
  // their matches in its half of the index, after its half of the walk;
  // and when the walk is too short to split (a narrow date filter), the
  // caller walks it all while the other connection counts.
  const RowidSpan index{0, db.query_int("SELECT coalesce(max(rowid), 0) FROM article")};
  IdfHalves idfs(index.last / 2, !m.idf_from_matches && !phrases.empty());
  std::optional<std::string> file = split_file(db, match, whole);
  const bool split_walk = file.has_value();
  if (!split_walk && idfs.on()) file = split_file(db, match, index);
  if (!file) {
    walk_matches(db, match, span, m);
    return;
  }
  idfs.prepare(db, phrases);
  // Each half keeps its share of the instances, projected over its rowids;
  // the caller's connection, walking the upper half too, all of them.
  const std::size_t max_instances = m.max_instances;
  const RowidSpan halved = split_walk ? whole : index;
  const SpanWalk here = [&](sqlite::Db& d, RowidSpan part) {
    const bool lower = part.first == halved.first;
    if (split_walk) {
      m.last_rowid = part.last;
      m.max_instances = lower ? max_instances / 2 : max_instances;
      walk_matches(d, match, part, m);
    } else if (lower) {
      walk_matches(d, match, span, m);
    }
    idfs.count(d, lower, true);
  };
  MatchTerms upper = upper_half_of(m, max_instances);
  const SpanWalk there = [&](sqlite::Db& d, RowidSpan part) {
    upper.first_rowid = part.first;
    upper.last_rowid = part.last;
    if (split_walk) walk_matches(d, match, part, upper);
    idfs.count(d, false, false);
  };
  m.count_idfs = !idfs.on();
  const bool apart = walk_halves(db, *file, halved, here, there);
  m.count_idfs = true;
  m.last_rowid = whole.last;
  m.max_instances = max_instances;
  const bool lower_started = m.started;
  if (apart) append_terms(m, std::move(upper));
  if (!m.started || m.idf_from_matches) return;
  if (idfs.on()) {
    idfs.set(m, apart);
  } else if (apart && !lower_started) {
    count_idfs(db, match, m);
  }
}

}  // namespace newsidx::store
