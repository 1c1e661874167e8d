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
)sql";

/// Keeps the clusters of a database up to date as articles come and go.
class ClusterIndex {
 public:
  explicit ClusterIndex(sqlite::Db& db);

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

 private:
  struct Member {
    std::int64_t rowid;
    NearDuplicateSignature signature;
  };
  std::optional<NearDuplicateSignature> stored_signature(std::int64_t rowid);
  void regroup(std::vector<Member> members);

  sqlite::Db& db_;
  std::optional<Analyzer> analyzer_;  // made on first use
  sqlite::Stmt insert_signature_, insert_key_, find_key_, find_signature_, delete_signature_,
      delete_key_, members_, set_cluster_, move_cluster_;
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
