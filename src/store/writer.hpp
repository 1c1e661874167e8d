// Writer: what a read-write Store does to the database — batches, storing
// an article read from a file, forgetting a file. Private to the store.
//
// Belongs to its connection and to one thread at a time.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "newsidx/fts5_tokenizer.hpp"
#include "newsidx/store.hpp"
#include "store/clusters.hpp"
#include "store/month_rowids.hpp"
#include "store/sqlite.hpp"
#include "store/vocabulary.hpp"

namespace newsidx {

/// What ArticleAnalyzer::analyze() makes: the document tokens of each
/// indexed column (with their new vocabulary), in the index's column order.
struct ArticleTokens::Impl {
  DocumentTokens title;
  DocumentTokens author;
  DocumentTokens source;
  DocumentTokens lead;
  DocumentTokens body;
  NearDuplicateSignature signature;  ///< of the body
};

/// The Analyzer of a thread, and the vocabulary it has passed on.
struct ArticleAnalyzer::Impl {
  /// The pairs a parsing thread remembers: those its Analyzer misses again
  /// and again (4 MB). The writer remembers every pair it has added (see
  /// VocabularyWriter), so a larger set here would only send the writer
  /// fewer pairs, at 32 MB a thread for a large archive's vocabulary.
  static constexpr std::size_t kListedPairs = std::size_t{1} << 17;

  Analyzer analyzer;
  SeenFamilies listed{kListedPairs};
};

namespace store {

/// Settings of a connection that writes much at once: a larger page cache,
/// fewer checkpoints, and tune_index_for_bulk_writes(). Outside a
/// transaction.
void tune_for_bulk_writes(sqlite::Db& db);

/// FTS5's larger buffer of pending index data and its rarer merges,
/// settings of the index kept in the database: for an ingest, or an upgrade
/// that re-indexes.
void tune_index_for_bulk_writes(sqlite::Db& db);

class Writer {
 public:
  /// Prepares the statements and applies the bulk-write settings.
  /// `replay` is the queue the connection's tokenizer reads pre-analysed
  /// tokens from; it must outlive the Writer. Every article is indexed from
  /// its pre-analysed tokens (made here when put() is given none), so that
  /// its words reach the vocabulary.
  Writer(sqlite::Db& db, TokenReplay& replay);

  /// See Store::for_each_source.
  void for_each_source(const std::function<void(std::string_view, const FileStamp&)>& fn);

  /// REQUIRES: no batch open.
  void begin_batch();
  /// REQUIRES: a batch is open.
  void commit_batch();
  /// See Store::settle. REQUIRES: no batch open.
  void settle();

  /// See Store::put. REQUIRES: a batch is open.
  PutOutcome put(const Article& article, const FileStamp& stamp, const ArticleTokens* tokens);
  /// See Store::forget_source. REQUIRES: a batch is open.
  bool forget_source(const std::string& path);
  /// See Store::forget_path. REQUIRES: a batch is open.
  ForgetOutcome forget_path(const std::string& path);

 private:
  void require_batch() const;
  std::optional<std::int64_t> lookup(sqlite::Stmt& s, std::string_view key);
  void write_source(sqlite::Stmt& s, const Source& src, std::int64_t article,
                    const FileStamp& stamp);
  std::int64_t add_article(const Article& a, const ArticleTokens* tokens);
  /// Adds row `rowid` (article `a`, whose body() is `body`) to the index
  /// and its words to the vocabulary.
  void index(std::int64_t rowid, const Article& a, const std::string& body,
             const ArticleTokens::Impl& tokens);
  /// Takes row `rowid` out of the index.
  void unindex(std::int64_t rowid);
  /// Stores the title and metadata of `a` in row `rowid` when they changed;
  /// returns whether they did.
  bool refresh_header(std::int64_t rowid, const Article& a, const ArticleTokens* tokens);
  /// Deletes the article when no source holds it any more; true when it did.
  bool drop_if_orphan(std::int64_t rowid);

  sqlite::Db& db_;
  TokenReplay& replay_;
  VocabularyWriter vocabulary_;
  ArticleAnalyzer analyzer_;  ///< for articles put without tokens
  bool in_batch_ = false;
  sqlite::Stmt find_source_, find_article_, insert_article_, insert_fts_, insert_source_,
      update_source_, count_sources_, article_text_, delete_fts_, delete_article_, delete_source_,
      header_, update_header_;
  ClusterIndex clusters_;
  MonthRowidsWriter months_;  ///< the months of the batch's articles
};

}  // namespace store
}  // namespace newsidx
