#include "store/clusters.hpp"

#include <algorithm>
#include <numeric>
#include <string>

#include "newsidx/error.hpp"
#include "store/article_codec.hpp"

namespace newsidx::store {
namespace {

/// An LSH key as SQLite stores it: the same 64 bits, signed.
std::int64_t key_column(std::uint64_t key) {
  return static_cast<std::int64_t>(key);
}

/// "?1, ?2, …, ?N".
std::string parameters(std::size_t n) {
  std::string out;
  for (std::size_t i = 1; i <= n; ++i) out += (i > 1 ? ", ?" : "?") + std::to_string(i);
  return out;
}

/// One statement for all the keys of a signature: the articles that have
/// any of them in near_key, and with `recent` in near_key_new too. An
/// article may come more than once (UNION ALL: a UNION would build a
/// temporary table for every article added).
std::string find_keys_sql(bool recent) {
  const std::string keys = parameters(kLshBands);
  std::string sql = "SELECT article FROM near_key WHERE key IN (" + keys + ")";
  if (recent) sql += " UNION ALL SELECT article FROM near_key_new WHERE key IN (" + keys + ")";
  return sql;
}

/// One statement that stores all the keys of article ?(kLshBands + 1) in `table`.
std::string insert_keys_sql(const std::string& table) {
  std::string sql = "INSERT OR IGNORE INTO " + table + "(key, article) VALUES";
  std::string article = "?";
  article += std::to_string(kLshBands + 1);
  for (std::size_t i = 1; i <= kLshBands; ++i) {
    sql += i > 1 ? ", (?" : " (?";
    sql += std::to_string(i);
    sql += ", ";
    sql += article;
    sql += ')';
  }
  return sql;
}

NearDuplicateSignature read_signature(const sqlite::Stmt& s, int column) {
  std::optional<NearDuplicateSignature> sig =
      NearDuplicateSignature::from_bytes(s.column_blob(column));
  if (!sig) throw Error(ErrorCode::kDatabase, "a stored near-duplicate signature is damaged");
  return *sig;
}

/// Union-find over indexes 0..n-1, for regrouping a cluster.
class Groups {
 public:
  explicit Groups(std::size_t n) : parent_(n) { std::iota(parent_.begin(), parent_.end(), 0); }
  std::size_t find(std::size_t i) {
    while (parent_[i] != i) i = parent_[i] = parent_[parent_[i]];
    return i;
  }
  void join(std::size_t a, std::size_t b) {
    a = find(a);
    b = find(b);
    if (a != b) parent_[std::max(a, b)] = std::min(a, b);
  }

 private:
  std::vector<std::size_t> parent_;
};

}  // namespace

/// Makes the tables that a database of an earlier build of version 2 lacks.
sqlite::Db& with_cluster_tables(sqlite::Db& db) {
  db.exec(kClusterTables);
  return db;
}

ClusterIndex::ClusterIndex(sqlite::Db& db, std::int64_t recent_keys, std::int64_t direct_keys,
                           std::int64_t filter_keys)
    : db_(with_cluster_tables(db)),
      insert_signature_(
          db.get(), "INSERT INTO near_signature(article, signature, cluster) VALUES(?1, ?2, ?1)"),
      insert_key_(db.get(), insert_keys_sql("near_key_new")),
      insert_key_direct_(db.get(), insert_keys_sql("near_key")),
      find_key_(db.get(), find_keys_sql(false)),
      find_recent_key_(db.get(), find_keys_sql(true)),
      find_one_key_(db.get(), "SELECT article FROM near_key WHERE key = ?1"),
      find_one_recent_key_(db.get(),
                           "SELECT article FROM near_key WHERE key = ?1 "
                           "UNION ALL SELECT article FROM near_key_new WHERE key = ?1"),
      find_signature_(db.get(), "SELECT signature, cluster FROM near_signature WHERE article = ?1"),
      delete_signature_(db.get(), "DELETE FROM near_signature WHERE article = ?1"),
      delete_key_(db.get(), "DELETE FROM near_key WHERE key = ?1 AND article = ?2"),
      delete_new_key_(db.get(), "DELETE FROM near_key_new WHERE key = ?1 AND article = ?2"),
      members_(db.get(), "SELECT article, signature FROM near_signature WHERE cluster = ?1"),
      set_cluster_(db.get(), "UPDATE near_signature SET cluster = ?2 WHERE article = ?1"),
      move_cluster_(db.get(), "UPDATE near_signature SET cluster = ?2 WHERE cluster = ?1"),
      recent_keys_(db.query_int("SELECT count(*) FROM near_key_new")),
      max_recent_keys_(recent_keys),
      direct_keys_(direct_keys),
      filter_keys_(filter_keys) {}

NearDuplicateSignature ClusterIndex::signature_of(std::string_view body) {
  if (!analyzer_) analyzer_.emplace();
  return near_duplicate_signature(*analyzer_, body);
}

void ClusterIndex::add(std::int64_t rowid, const NearDuplicateSignature& signature) {
  if (signature.empty()) return;
  // The clusters of the near duplicates among the candidates; one
  // confirmed member is enough for a cluster.
  std::vector<std::int64_t> joined;
  const std::vector<std::uint64_t> keys = lsh_keys(signature);
  const std::vector<std::int64_t> others = candidates(keys);
  const bool direct = rowid <= direct_keys_ / static_cast<std::int64_t>(kLshBands);
  sqlite::Stmt& insert = direct ? insert_key_direct_ : insert_key_;
  insert.reset();
  for (std::size_t i = 0; i < keys.size(); ++i) {
    insert.bind(static_cast<int>(i + 1), key_column(keys[i]));
  }
  insert.bind(static_cast<int>(keys.size() + 1), rowid);
  insert.run();
  if (filter_) {
    for (const std::uint64_t key : keys) filter_->add(key);
    if (filter_->full()) make_filter(static_cast<std::int64_t>(filter_->size()));
  }
  if (!direct) recent_keys_ += static_cast<std::int64_t>(keys.size());
  if (recent_keys_ >= max_recent_keys_) settle();
  for (const std::int64_t other : others) {
    find_signature_.reset();
    find_signature_.bind(1, other);
    if (!find_signature_.step()) continue;
    const std::int64_t cluster = find_signature_.column_int(1);
    if (std::find(joined.begin(), joined.end(), cluster) != joined.end()) continue;
    if (near_duplicates(signature, read_signature(find_signature_, 0))) joined.push_back(cluster);
  }
  find_signature_.reset();
  insert_signature_.reset();
  insert_signature_.bind(1, rowid).bind_blob(2, signature.to_bytes());
  insert_signature_.run();
  if (joined.empty()) return;
  // The union is named by its smallest rowid: the smallest cluster name
  // (a new article has the largest rowid so far, but not always: rowids
  // of deleted rows may come back).
  const std::int64_t name = std::min(rowid, *std::min_element(joined.begin(), joined.end()));
  joined.push_back(rowid);
  for (const std::int64_t cluster : joined) {
    if (cluster == name) continue;
    move_cluster_.reset();
    move_cluster_.bind(1, cluster).bind(2, name);
    move_cluster_.run();
  }
}

std::vector<std::int64_t> ClusterIndex::candidates(const std::vector<std::uint64_t>& keys) {
  std::vector<std::int64_t> out;
  const auto read = [&out](sqlite::Stmt& find) {
    while (find.step()) out.push_back(find.column_int(0));
    find.reset();
  };
  if (filtered()) {
    sqlite::Stmt& find = recent_keys_ > 0 ? find_one_recent_key_ : find_one_key_;
    for (const std::uint64_t key : keys) {
      if (!filter_->may_contain(key)) continue;
      find.reset();
      find.bind(1, key_column(key));
      read(find);
    }
  } else {
    sqlite::Stmt& find = recent_keys_ > 0 ? find_recent_key_ : find_key_;
    find.reset();
    for (std::size_t i = 0; i < keys.size(); ++i) {
      find.bind(static_cast<int>(i + 1), key_column(keys[i]));
    }
    read(find);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

bool ClusterIndex::filtered() {
  if (filter_) return true;
  if (keys_estimate_ < 0) {
    // Every article with keys has a signature: its rowid bounds their number.
    keys_estimate_ = db_.query_int("SELECT coalesce(max(article), 0) FROM near_signature") *
                         static_cast<std::int64_t>(kLshBands) +
                     recent_keys_;
  }
  if (unfiltered_lookups_ * static_cast<std::int64_t>(kLshBands) * kKeysReadPerLookup <
      keys_estimate_) {
    ++unfiltered_lookups_;
    return false;
  }
  make_filter(keys_estimate_);
  return true;
}

void ClusterIndex::make_filter(std::int64_t keys) {
  const std::int64_t capacity = std::max(filter_keys_, keys + keys / 2);
  filter_.emplace(static_cast<std::size_t>(capacity));
  sqlite::Stmt all(db_.get(), "SELECT key FROM near_key UNION ALL SELECT key FROM near_key_new");
  while (all.step()) filter_->add(static_cast<std::uint64_t>(all.column_int(0)));
}

std::optional<NearDuplicateSignature> ClusterIndex::stored_signature(std::int64_t rowid) {
  find_signature_.reset();
  find_signature_.bind(1, rowid);
  std::optional<NearDuplicateSignature> out;
  if (find_signature_.step()) out = read_signature(find_signature_, 0);
  find_signature_.reset();
  return out;
}

void ClusterIndex::remove(std::int64_t rowid) {
  find_signature_.reset();
  find_signature_.bind(1, rowid);
  if (!find_signature_.step()) return;
  const NearDuplicateSignature signature = read_signature(find_signature_, 0);
  const std::int64_t cluster = find_signature_.column_int(1);
  find_signature_.reset();
  for (const std::uint64_t key : lsh_keys(signature)) {
    for (sqlite::Stmt* s : {&delete_key_, &delete_new_key_}) {
      s->reset();
      s->bind(1, key_column(key)).bind(2, rowid);
      s->run();
    }
  }
  delete_signature_.reset();
  delete_signature_.bind(1, rowid);
  delete_signature_.run();
  std::vector<Member> members;
  members_.reset();
  members_.bind(1, cluster);
  while (members_.step()) members.push_back({members_.column_int(0), read_signature(members_, 1)});
  members_.reset();
  if (!members.empty()) regroup(std::move(members));
}

void ClusterIndex::regroup(std::vector<Member> members) {
  std::sort(members.begin(), members.end(),
            [](const Member& a, const Member& b) { return a.rowid < b.rowid; });
  Groups groups(members.size());
  for (std::size_t i = 0; i < members.size(); ++i) {
    for (std::size_t j = i + 1; j < members.size(); ++j) {
      if (groups.find(i) == groups.find(j)) continue;
      if (near_duplicates(members[i].signature, members[j].signature)) groups.join(i, j);
    }
  }
  // Each group is named by its first member (the smallest rowid: sorted).
  for (std::size_t i = 0; i < members.size(); ++i) {
    set_cluster_.reset();
    set_cluster_.bind(1, members[i].rowid).bind(2, members[groups.find(i)].rowid);
    set_cluster_.run();
  }
}

void ClusterIndex::clear() {
  db_.exec("DELETE FROM near_signature");
  db_.exec("DELETE FROM near_key");
  db_.exec("DELETE FROM near_key_new");
  recent_keys_ = 0;
  filter_.reset();
  keys_estimate_ = -1;
  unfiltered_lookups_ = 0;
}

void ClusterIndex::settle() {
  if (recent_keys_ == 0) return;
  // Read in key order (the table's primary key), written in key order.
  db_.exec("INSERT OR IGNORE INTO near_key(key, article) SELECT key, article FROM near_key_new");
  db_.exec("DELETE FROM near_key_new");
  recent_keys_ = 0;
}

std::vector<SimilarArticle> similar_articles(sqlite::Db& db, std::int64_t rowid) {
  sqlite::Stmt mine(db.get(), "SELECT signature, cluster FROM near_signature WHERE article = ?1");
  mine.bind(1, rowid);
  if (!mine.step()) return {};
  const NearDuplicateSignature signature = read_signature(mine, 0);
  sqlite::Stmt others(db.get(),
                      "SELECT a.id, a.date, a.title, s.signature, "
                      "(SELECT min(path) FROM source WHERE article = a.rowid) "
                      "FROM near_signature s JOIN article a ON a.rowid = s.article "
                      "WHERE s.cluster = ?1 AND s.article != ?2");
  others.bind(1, mine.column_int(1)).bind(2, rowid);
  std::vector<SimilarArticle> out;
  while (others.step()) {
    SimilarArticle a;
    a.id = others.column_text(0);
    a.date = date_from_column(others.column_optional_text(1));
    a.title = others.column_text(2);
    a.resemblance = resemblance(signature, read_signature(others, 3));
    a.path = others.column_text(4);
    out.push_back(std::move(a));
  }
  std::sort(out.begin(), out.end(), [](const SimilarArticle& a, const SimilarArticle& b) {
    if (a.resemblance != b.resemblance) return a.resemblance > b.resemblance;
    if (a.date.has_value() != b.date.has_value()) return a.date.has_value();
    if (a.date && a.date->first_day() != b.date->first_day()) {
      return a.date->first_day() > b.date->first_day();
    }
    return a.id < b.id;
  });
  return out;
}

ClusterCounts count_clusters(sqlite::Db& db) {
  sqlite::Stmt s(db.get(),
                 "SELECT count(*), coalesce(sum(n), 0) FROM "
                 "(SELECT count(*) AS n FROM near_signature GROUP BY cluster HAVING n > 1)");
  ClusterCounts out;
  if (s.step()) out = {s.column_int(0), s.column_int(1)};
  return out;
}

}  // namespace newsidx::store
