// Store: the newsidx database, one SQLite file (SPEC §3).
//
// Holds articles, their sources (file paths) and the FTS5 index over title
// and body (external content, French tokenizer). A Store is one connection:
// use it from one thread at a time. Any number of read-only Stores may be open
// while one read-write Store ingests; a second read-write Store waits up to
// the busy timeout for the first to close, then fails.
//
// The implementation is split by concern under src/store/: opening and its
// policy (open.cpp), the schema and its upgrades (schema.cpp), the writer
// lock (writer_lock.cpp), article <-> row (article_codec.cpp), writes
// (writer.cpp), searches (search.cpp), snippets (snippet.cpp,
// snippet_text.cpp) and stats (stats.cpp); this class is their facade.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "newsidx/article.hpp"
#include "newsidx/search.hpp"
#include "newsidx/stats.hpp"

namespace newsidx {

/// Identifies a newsidx database: PRAGMA application_id ("NSDX").
inline constexpr std::int32_t kApplicationId = 0x4E534458;
/// The schema this build reads and writes: PRAGMA user_version. Older
/// databases are upgraded when opened (see Store::Store). Version 2: the
/// French analysis v2 (SPEC §4: stems of the words as written). Version 3:
/// the rowids of each month's articles, which date filters search in.
/// Version 4: the author, source and lead indexed as field texts
/// (token_marks.hpp), apart from the title and body.
inline constexpr int kSchemaVersion = 4;

/// The index tokens of an article's columns (title, author, source, lead,
/// body), analysed ahead of Store::put (e.g. on a parsing thread) so that
/// the writer only replays them; with the words the vocabulary may not know
/// yet. Opaque; movable, not copyable.
class ArticleTokens {
 public:
  struct Impl;  ///< defined in src/store/
  explicit ArticleTokens(std::unique_ptr<Impl> impl);
  ~ArticleTokens();
  ArticleTokens(ArticleTokens&&) noexcept;
  ArticleTokens& operator=(ArticleTokens&&) noexcept;
  ArticleTokens(const ArticleTokens&) = delete;
  ArticleTokens& operator=(const ArticleTokens&) = delete;

  [[nodiscard]] const Impl& impl() const { return *impl_; }

 private:
  std::unique_ptr<Impl> impl_;
};

/// Analyses articles as the index will, on any thread: an Analyzer and the
/// memory of the vocabulary this thread has already passed on. One per
/// thread; movable, not copyable.
class ArticleAnalyzer {
 public:
  /// Throws like Analyzer().
  ArticleAnalyzer();
  ~ArticleAnalyzer();
  ArticleAnalyzer(ArticleAnalyzer&&) noexcept;
  ArticleAnalyzer& operator=(ArticleAnalyzer&&) noexcept;
  ArticleAnalyzer(const ArticleAnalyzer&) = delete;
  ArticleAnalyzer& operator=(const ArticleAnalyzer&) = delete;

  /// The tokens of `article`'s columns. Throws std::bad_alloc.
  [[nodiscard]] ArticleTokens analyze(const Article& article);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// Size and modification time of a file when it was last read, and the
/// fingerprint of the manifest row applied to it (0 for none): a file is read
/// again when any of them changed.
struct FileStamp {
  std::int64_t size = 0;
  std::int64_t mtime_ns = 0;
  std::int64_t metadata = 0;

  friend bool operator==(const FileStamp&, const FileStamp&) = default;
};

/// What storing one file did to the database.
enum class PutOutcome {
  kAdded,      ///< a new article
  kDuplicate,  ///< a new path for an article already stored
  kUnchanged,  ///< the path's article is the same as before
  kUpdated,    ///< the path now holds another article than before
};

/// What forgetting one stored path did to the database.
enum class ForgetOutcome {
  kNotStored,       ///< the path was not stored
  kPathForgotten,   ///< the path is gone; its article stays, held by another path
  kArticleRemoved,  ///< the path was its article's last one: both are gone
};

/// What an argument naming an article (`show`, `forget`) names.
struct ArticleLookup {
  /// The ids found: none, one, or the first candidates of an ambiguous id
  /// prefix (sorted).
  std::vector<std::string> ids;
  /// The stored path (absolute), when the argument named a stored file.
  std::optional<std::string> path;
};

/// `done` of `total` articles re-indexed by a schema upgrade.
using UpgradeProgress = std::function<void(std::int64_t done, std::int64_t total)>;

/// How a relevance search finds its best matches; both give the same pages.
enum class Ranking {
  kBounded,          ///< scores only the matches that may reach the page
  kScoreEveryMatch,  ///< scores every match (what kBounded is tested against)
};

/// How a search reads what the rows of its page show (a snippet shows where
/// the query matches); all give the same hits.
enum class HitReading {
  kChoose,     ///< for a relevance page, the matches of each row as the pass
               ///< over the matches read them, when it could keep them; else
               ///< as kCursors
  kCursors,    ///< one cursor on the query per row, or one over the whole page
               ///< when cheaper
  kEachRow,    ///< one cursor per row, but one over the page for a prefix
               ///< query, whose cursors each merge whole doclists (what the
               ///< others are tested against)
  kWholePage,  ///< one cursor over the rowids the page spans
};

/// How a Store opens its database.
struct StoreOptions {
  /// How long to wait for a lock held by another process.
  std::chrono::milliseconds busy_timeout{5000};
  /// Called now and then while an older schema is upgraded; may be empty.
  UpgradeProgress on_upgrade;
  /// How relevance searches rank.
  Ranking ranking = Ranking::kBounded;
  /// How searches read the rows of their pages.
  HitReading hit_reading = HitReading::kChoose;
};

/// The database.
class Store {
 public:
  enum class Access { kReadOnly, kReadWrite };

  /// Opens the database at `path`. kReadWrite creates it (and missing parent
  /// folders) when absent and takes the writer lock. A database of an older
  /// schema is upgraded in place first, in one transaction (a crash leaves
  /// the older version as it was), also when opened kReadOnly if this user
  /// may write it. Throws Error(kNoDatabase) when the file is missing or
  /// empty (kReadOnly); Error(kDatabase) when it is not a newsidx database,
  /// is from a newer schema, needs an upgrade nobody here may write, or
  /// another writer holds the lock past the busy timeout; the file is then
  /// left untouched.
  Store(const std::filesystem::path& path, Access access, const StoreOptions& options = {});
  ~Store();
  Store(Store&&) noexcept;
  Store& operator=(Store&&) noexcept;
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  [[nodiscard]] const std::filesystem::path& path() const;

  // --- writing; REQUIRES: opened kReadWrite --------------------------------

  /// Calls `fn` with the path and stamp of every stored source, in path
  /// order (for incremental ingest).
  void for_each_source(
      const std::function<void(std::string_view path, const FileStamp& stamp)>& fn) const;
  /// Starts a batch (one transaction). REQUIRES: no batch open.
  void begin_batch();
  /// Commits the open batch. Uncommitted batches roll back when the Store
  /// closes. REQUIRES: a batch is open.
  void commit_batch();
  /// Ends an ingest: puts in place, in one more batch, what the batches
  /// deferred (the near-duplicate keys of new articles, see clusters.hpp).
  /// REQUIRES: no batch is open.
  void settle();
  /// Stores `article` read from `article.sources[0]` with `stamp`; indexes
  /// it with `tokens` when given (ArticleAnalyzer::analyze() of this article), else
  /// analyses it here.
  /// REQUIRES: a batch is open; article.sources.size() == 1.
  PutOutcome put(const Article& article, const FileStamp& stamp,
                 const ArticleTokens* tokens = nullptr);
  /// Forgets the source `path`; deletes its article when no source is left.
  /// Returns false when the path was not stored. REQUIRES: a batch is open.
  bool forget_source(const std::string& path);
  /// forget_source(), saying whether the article went with its path.
  /// REQUIRES: a batch is open.
  ForgetOutcome forget_path(const std::string& path);

  // --- reading ----------------------------------------------------------------

  /// The article with this exact id, or nullopt.
  [[nodiscard]] std::optional<Article> get(std::string_view id) const;
  /// Up to `limit` ids that start with `prefix` (lower-case hex), sorted.
  [[nodiscard]] std::vector<std::string> ids_with_prefix(std::string_view prefix,
                                                         std::size_t limit) const;
  /// The id of the article stored for the source `path`, or nullopt.
  [[nodiscard]] std::optional<std::string> id_of_path(const std::string& path) const;
  /// One page of results. Throws Error(kQuery) when FTS5 rejects the match
  /// expression. With `counted`: a search in relevance order scores every
  /// match, and sets it to count() on the way; other orders leave nullopt.
  [[nodiscard]] std::vector<Hit> search(const SearchRequest& request,
                                        std::optional<std::int64_t>* counted = nullptr) const;
  /// The number of articles the request selects (limit and offset ignored).
  [[nodiscard]] std::int64_t count(const SearchRequest& request) const;
  /// Calls `fn` with each selected article, oldest first (limit and offset
  /// apply); stops early when `fn` returns false.
  void for_each_article(const SearchRequest& request,
                        const std::function<bool(const Article&)>& fn) const;
  /// Figures for `stats`, with the histogram per year or month.
  [[nodiscard]] Stats stats(DatePrecision histogram_by) const;
  /// Figures for `stats QUERY`: the articles `request` selects (its query
  /// and date filter; sort, limit and offset ignored), per year or month
  /// among all the articles of the date filter. Throws Error(kQuery) when
  /// FTS5 rejects the match expression.
  [[nodiscard]] Timeline timeline(const SearchRequest& request, DatePrecision by) const;

  /// The article `what` names: an id, a prefix of 4 to 16 hex digits (any
  /// case) of ids, or the path of one of its files (made absolute from the
  /// current folder). An ambiguous prefix gives its first `limit` ids.
  [[nodiscard]] ArticleLookup find_article(std::string_view what, std::size_t limit) const;
  /// Every stored path of the article `id`, sorted; none when it is unknown.
  [[nodiscard]] std::vector<std::string> paths_of(std::string_view id) const;
  /// Where the FTS5 expression `match` (from to_fts5_match()) matches the
  /// article `id`, at most kMaxMatchRanges ranges, in time linear in the
  /// size of the article; nullopt when the article is unknown or does not
  /// match. Throws Error(kQuery) when FTS5 rejects the expression.
  [[nodiscard]] std::optional<TextMatches> matches_in(std::string_view id,
                                                      const std::string& match) const;
  /// The near duplicates of the article with this exact id (the other
  /// articles of its cluster), most alike first; empty when it has none or
  /// the id is unknown.
  [[nodiscard]] std::vector<SimilarArticle> similar(std::string_view id) const;
  /// For each of `words` (query words as written, see query_words()) that
  /// no article holds, the nearest word of the index that some do: at most
  /// 1 edit away for words of up to 4 bytes (folded), 2 for longer ones
  /// (insertions, deletions, substitutions, swaps of neighbours); at the
  /// least distance, the word found in the most articles. Words with a
  /// digit or of fewer than 3 bytes (folded) are never corrected; at most the
  /// first 8 unknown words are. Empty when every word is known or nothing is
  /// near. Reads the whole vocabulary: for queries that found nothing.
  [[nodiscard]] std::vector<WordSuggestion> suggest_words(
      const std::vector<std::string>& words) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace newsidx
