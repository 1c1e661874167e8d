// Store: the newsidx database, one SQLite file (SPEC §3).
//
// Holds articles, their sources (file paths) and the FTS5 index over title
// and body (external content, French tokenizer). A Store is one connection:
// use it from one thread at a time. Any number of read-only Stores may be open
// while one read-write Store ingests; a second read-write Store waits up to
// the busy timeout for the first to close, then fails.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "newsidx/article.hpp"
#include "newsidx/fts5_tokenizer.hpp"
#include "newsidx/search.hpp"

namespace newsidx {

/// Identifies a newsidx database: PRAGMA application_id ("NSDX").
inline constexpr std::int32_t kApplicationId = 0x4E534458;
/// The schema this build reads and writes: PRAGMA user_version.
inline constexpr int kSchemaVersion = 1;

/// The index tokens of an article's title and body, analysed ahead of
/// Store::put (e.g. on a parsing thread) so that the writer only replays
/// them. Tokens whose text is not the article's are ignored.
struct ArticleTokens {
  DocumentTokens title;
  DocumentTokens body;
};

/// Analyses the title and body of `article` with `analyzer`. Throws
/// std::bad_alloc.
[[nodiscard]] ArticleTokens analyze_article(const Article& article, Analyzer& analyzer);

/// Size and modification time of a file when it was last read.
struct FileStamp {
  std::int64_t size = 0;
  std::int64_t mtime_ns = 0;

  friend bool operator==(const FileStamp&, const FileStamp&) = default;
};

/// What storing one file did to the database.
enum class PutOutcome {
  kAdded,      ///< a new article
  kDuplicate,  ///< a new path for an article already stored
  kUnchanged,  ///< the path's article is the same as before
  kUpdated,    ///< the path now holds another article than before
};

/// Figures for `newsidx stats` (SPEC §5.5).
struct Stats {
  std::int64_t articles = 0;
  std::int64_t sources = 0;
  std::int64_t duplicates = 0;  ///< sources beyond the first of each article
  std::int64_t undated = 0;
  std::optional<std::string> first_date;  ///< earliest date_start, YYYY-MM-DD
  std::optional<std::string> last_date;   ///< latest date_end, YYYY-MM-DD
  std::int64_t db_bytes = 0;              ///< database file plus its WAL
  /// Articles per period ("2016" or "2016-12"), oldest first.
  std::vector<std::pair<std::string, std::int64_t>> histogram;
};

/// The database.
class Store {
 public:
  enum class Access { kReadOnly, kReadWrite };
  /// How long a connection waits for a lock held by another process.
  static constexpr std::chrono::milliseconds kDefaultBusyTimeout{5000};

  /// Opens the database at `path`. kReadWrite creates it (and missing parent
  /// folders) when absent, upgrades an older schema, and takes the writer
  /// lock. Throws Error(kDatabase) when the file is not a newsidx database,
  /// is from a newer schema, is missing (kReadOnly), or another writer holds
  /// the lock past `busy_timeout`; the file is then left untouched.
  Store(const std::filesystem::path& path, Access access,
        std::chrono::milliseconds busy_timeout = kDefaultBusyTimeout);
  ~Store();
  Store(Store&&) noexcept;
  Store& operator=(Store&&) noexcept;
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  [[nodiscard]] const std::filesystem::path& path() const;

  // --- writing; REQUIRES: opened kReadWrite --------------------------------

  /// Stamps of every stored source, by path (for incremental ingest).
  [[nodiscard]] std::unordered_map<std::string, FileStamp> file_stamps() const;
  /// Starts a batch (one transaction). REQUIRES: no batch open.
  void begin_batch();
  /// Commits the open batch. Uncommitted batches roll back when the Store
  /// closes.
  void commit_batch();
  /// Stores `article` read from `article.sources[0]` with `stamp`; indexes
  /// it with `tokens` when given (analyze_article() of this article), else
  /// analyses it here.
  /// REQUIRES: a batch is open; article.sources.size() == 1.
  PutOutcome put(const Article& article, const FileStamp& stamp,
                 const ArticleTokens* tokens = nullptr);
  /// Forgets the source `path`; deletes its article when no source is left.
  /// Returns false when the path was not stored. REQUIRES: a batch is open.
  bool forget_source(const std::string& path);

  // --- reading ----------------------------------------------------------------

  /// The article with this exact id, or nullopt.
  [[nodiscard]] std::optional<Article> get(std::string_view id) const;
  /// Up to `limit` ids that start with `prefix` (lower-case hex), sorted.
  [[nodiscard]] std::vector<std::string> ids_with_prefix(std::string_view prefix,
                                                         std::size_t limit) const;
  /// The id of the article stored for the source `path`, or nullopt.
  [[nodiscard]] std::optional<std::string> id_of_path(const std::string& path) const;
  /// One page of results. Throws Error(kQuery) when FTS5 rejects the match
  /// expression.
  [[nodiscard]] std::vector<Hit> search(const SearchRequest& request) const;
  /// The number of articles the request selects (limit and offset ignored).
  [[nodiscard]] std::int64_t count(const SearchRequest& request) const;
  /// Calls `fn` with each selected article, oldest first (limit and offset
  /// apply); stops early when `fn` returns false.
  void for_each_article(const SearchRequest& request,
                        const std::function<bool(const Article&)>& fn) const;
  /// Figures for `stats`, with the histogram per year or month.
  [[nodiscard]] Stats stats(DatePrecision histogram_by) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace newsidx
