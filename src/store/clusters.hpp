// Near-duplicate clusters: the copies of one text (an agency dispatch run by
// several papers with small edits) grouped together. Private to the store.
//
// Each article with words has a row in near_signature: its MinHash signature
// (near_duplicate.hpp) and its cluster, and one row in near_key per LSH key
// of the signature. When an article is added, the articles that share a key
// with it are its candidates; those whose resemblance to it reaches
// kNearDuplicateThreshold are its near duplicates, and their clusters and
// the new article become one (single link: a cluster is a chain of near
// duplicates). A cluster is named by the smallest article rowid in it, so an
// article alone is its own cluster. When an article is deleted (forgotten,
// pruned, or replaced by the new text of its file), the rest of its cluster
// is grouped again by comparing each pair of what is left, so that a cluster
// held together by the deleted article splits.
//
// The LSH keys are random 64-bit numbers: stored one by one in a table of
// millions, each batch of an ingest would dirty nearly every page of it, and
// SQLite would write the whole table again at every commit (at a million
// articles, tens of GB for a 4 GB database). So once near_key outgrows the
// page cache (articles past kDirectKeys / kLshBands), the keys of new
// articles go to near_key_new, a small table, and are moved into near_key in
// key order once it holds kRecentKeys keys, and when an ingest ends
// (settle()): each page of near_key is then written once per move.
// Candidates are looked for in both tables.
//
// Most keys of a new article are in no other article (at 100,000 articles of
// the benchmark's corpus, 4,087 of 1.59 million keys are shared), yet each
// look-up in a table of millions reads pages. So add() first asks a
// KeyFilter of the keys of both tables, and looks up only the keys it may
// hold. The filter is made by reading every key once: at the first add()
// when the tables are empty, else once the articles added without it have
// looked up 1/kKeysReadPerLookup as many keys as the tables hold (a few
// thousand new articles in a large archive do not pay for reading it); and
// made again, for more keys, when it holds as many as it was made for. A
// filter made inside a transaction that is then rolled back may lack keys
// the rollback brings back (of articles removed in it); no caller uses a
// ClusterIndex after its transaction failed (the writer's batches are not
// rolled back and reused; an upgrade's index dies with its step).
//
// Functions of a connection; one thread at a time, like the connection.
// REQUIRES for the writes: a transaction is open (a batch or an upgrade).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "newsidx/analyzer.hpp"
#include "newsidx/near_duplicate.hpp"
#include "newsidx/search.hpp"
#include "store/key_filter.hpp"
#include "store/sqlite.hpp"

namespace newsidx::store {

/// The tables of the clusters (part of the schema of version 2).
inline constexpr const char* kClusterTables = R"sql(
CREATE TABLE IF NOT EXISTS near_signature(
  article INTEGER PRIMARY KEY,  -- article rowid
  signature BLOB NOT NULL,      -- NearDuplicateSignature::to_bytes()
  cluster INTEGER NOT NULL      -- the smallest article rowid of its cluster
);
CREATE INDEX IF NOT EXISTS near_signature_cluster ON near_signature(cluster);
CREATE TABLE IF NOT EXISTS near_key(
  key INTEGER NOT NULL,         -- an LSH key of the signature (64 bits, as signed)
  article INTEGER NOT NULL,
  PRIMARY KEY(key, article)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS near_key_new(  -- keys not yet moved into near_key
  key INTEGER NOT NULL,
  article INTEGER NOT NULL,
  PRIMARY KEY(key, article)
) WITHOUT ROWID;
)sql";

/// Keeps the clusters of a database up to date as articles come and go.
class ClusterIndex {
 public:
  /// Keys move into near_key once near_key_new holds `recent_keys` of them;
  /// those of articles whose rowid is at most `direct_keys` / kLshBands go
  /// straight into near_key. The filter of the keys is made for at least
  /// `filter_keys` keys.
  explicit ClusterIndex(sqlite::Db& db, std::int64_t recent_keys = kRecentKeys,
                        std::int64_t direct_keys = kDirectKeys,
                        std::int64_t filter_keys = kFilterKeys);

  /// The signature of an article's body, analysed here (for articles whose
  /// tokens were not made ahead; see ArticleTokens).
  [[nodiscard]] NearDuplicateSignature signature_of(std::string_view body);

  /// Stores the signature of article `rowid` (nothing for an empty one) and
  /// joins it to the clusters of its near duplicates.
  /// REQUIRES: `rowid` has no signature stored.
  void add(std::int64_t rowid, const NearDuplicateSignature& signature);
  /// Forgets article `rowid` and groups the rest of its cluster again.
  void remove(std::int64_t rowid);
  /// Forgets every signature and cluster (before a rebuild).
  void clear();
  /// Moves the keys of near_key_new into near_key (see above).
  void settle();
  /// Whether near_key_new holds keys.
  [[nodiscard]] bool unsettled() const { return recent_keys_ > 0; }

  /// The keys near_key_new holds before they are moved into near_key: about
  /// 16 MB, the keys of 65,536 articles.
  static constexpr std::int64_t kRecentKeys = std::int64_t{1} << 20;
  /// The keys near_key holds (at most, as the rowids of articles tell)
  /// before new keys go to near_key_new: about 40 MB, the keys of 131,072
  /// articles, a table the writer's page cache holds.
  static constexpr std::int64_t kDirectKeys = std::int64_t{1} << 21;
  /// The fewest keys a filter is made for (1 MiB); it is made for half as
  /// many keys again as the tables hold, and made again when it holds that
  /// many: 16 to 24 MiB at a million articles.
  static constexpr std::int64_t kFilterKeys = std::int64_t{1} << 20;
  /// Keys read to make the filter per key looked up in the tables before
  /// it is made. Reading the 16 million keys of a million articles takes
  /// about 1 s, as long as looking up the keys of 5,000 to 8,000 articles
  /// there (128 keys read per key looked up); 32 makes the filter after
  /// 31,000 articles, so that an ingest of 10,000 articles into that
  /// archive does not pay for it (one with 128 took 6.0 s instead of 5.5).
  static constexpr std::int64_t kKeysReadPerLookup = 32;

 private:
  struct Member {
    std::int64_t rowid;
    NearDuplicateSignature signature;
  };
  std::optional<NearDuplicateSignature> stored_signature(std::int64_t rowid);
  /// The articles with any of `keys` in either table, once each, in order.
  std::vector<std::int64_t> candidates(const std::vector<std::uint64_t>& keys);
  /// Whether the filter is there to ask, made now if it is time (above).
  bool filtered();
  /// Makes the filter anew from the keys of both tables, for at least
  /// `keys` keys.
  void make_filter(std::int64_t keys);
  void regroup(std::vector<Member> members);

  sqlite::Db& db_;
  std::optional<Analyzer> analyzer_;  // made on first use
  sqlite::Stmt insert_signature_, insert_key_, insert_key_direct_, find_key_, find_recent_key_,
      find_one_key_, find_one_recent_key_, find_signature_, delete_signature_, delete_key_,
      delete_new_key_, members_, set_cluster_, move_cluster_;
  /// Rows of near_key_new, or more (remove() does not count down): 0 only
  /// when it is empty, and add() then looks for candidates in near_key alone.
  std::int64_t recent_keys_ = 0;
  std::int64_t max_recent_keys_;
  std::int64_t direct_keys_;
  std::int64_t filter_keys_;
  std::optional<KeyFilter> filter_;  ///< the keys of both tables, once made
  /// Before the filter is made: the keys the tables may hold (-1: not yet
  /// estimated), and the articles whose keys were looked up without it.
  std::int64_t keys_estimate_ = -1;
  std::int64_t unfiltered_lookups_ = 0;
};

/// The near duplicates of article `rowid`: the other articles of its
/// cluster, with their resemblance to it, most alike first (then by date,
/// newest first, and id).
[[nodiscard]] std::vector<SimilarArticle> similar_articles(sqlite::Db& db, std::int64_t rowid);

/// The number of clusters of two or more articles, and the articles in them.
struct ClusterCounts {
  std::int64_t clusters = 0;
  std::int64_t articles = 0;
};
[[nodiscard]] ClusterCounts count_clusters(sqlite::Db& db);

}  // namespace newsidx::store
