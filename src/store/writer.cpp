#include "store/writer.hpp"

#include "newsidx/error.hpp"
#include "newsidx/token_marks.hpp"
#include "store/article_codec.hpp"
#include "store/schema.hpp"

namespace newsidx {

ArticleTokens::ArticleTokens(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ArticleTokens::~ArticleTokens() = default;
ArticleTokens::ArticleTokens(ArticleTokens&&) noexcept = default;
ArticleTokens& ArticleTokens::operator=(ArticleTokens&&) noexcept = default;

ArticleAnalyzer::ArticleAnalyzer() : impl_(std::make_unique<Impl>()) {}
ArticleAnalyzer::~ArticleAnalyzer() = default;
ArticleAnalyzer::ArticleAnalyzer(ArticleAnalyzer&&) noexcept = default;
ArticleAnalyzer& ArticleAnalyzer::operator=(ArticleAnalyzer&&) noexcept = default;

ArticleTokens ArticleAnalyzer::analyze(const Article& article) {
  Impl& m = *impl_;
  const auto column = [&m](std::string text) {
    return DocumentTokens(std::move(text), m.analyzer, &m.listed);
  };
  // The index reads these as field texts (schema.cpp).
  const auto field = [&column](std::string_view text) { return column(field_text(text)); };
  // The near-duplicate signature is made from the words of the body as they
  // are analysed for the index.
  SignatureBuilder signature;
  DocumentTokens body(article.body(), m.analyzer, &m.listed, &signature);
  return ArticleTokens(std::make_unique<ArticleTokens::Impl>(
      ArticleTokens::Impl{column(article.title), field(article.metadata.author.value_or("")),
                          field(article.metadata.source.value_or("")), field(article.lead()),
                          std::move(body), signature.finish()}));
}

namespace store {
namespace {

// Page cache of a writer: the indexes of article ids, dates and paths take
// random inserts that would otherwise read and write the same pages again
// for every batch (SQLite's default is 2 MiB). Within an ingest's memory
// budget (256 MiB at a million articles): ingests of a million articles of
// the benchmark's corpus took 262 s with 64 MiB (peak 278 MiB) and 278 s
// with 32 MiB (peak 237 MiB), one of each.
constexpr std::int64_t kWriterCacheKiB = std::int64_t{40} * 1024;

// Pages the WAL may hold before a commit copies them back into the database
// (SQLite's default is 1,000): fewer, larger checkpoints during an ingest.
constexpr int kWalCheckpointPages = 8192;

// Pending index data FTS5 keeps in memory before it writes a segment
// (FTS5's default is 1 MiB): fewer, larger segments, hence less merging.
constexpr std::int64_t kFts5HashBytes = std::int64_t{32} * 1024 * 1024;

// Segments of one level FTS5 lets pile up before it merges them into one of
// the next level (FTS5's default is 4, its largest 16). A merge rewrites
// every posting it reads, so with 16 the postings are rewritten about half
// as many times as the index grows: in profiles of fresh ingests of a
// million articles of the benchmark's corpus, merges took 11 % of the
// writer's time instead of 23 %. Queries read more segments (18 instead of
// 10 at a million articles) and took 0.92 to 1.04 of their time with 4, a
// phrase 0.50 (bench/README.md).
constexpr std::int64_t kFts5Automerge = 16;

/// A persistent setting of the index (article_fts_config).
struct IndexSetting {
  const char* name;
  std::int64_t value;
};
constexpr IndexSetting kIndexSettings[] = {{"hashsize", kFts5HashBytes},
                                           {"automerge", kFts5Automerge}};

}  // namespace

void tune_for_bulk_writes(sqlite::Db& db) {
  db.exec("PRAGMA synchronous=NORMAL");
  db.exec("PRAGMA cache_size=-" + std::to_string(kWriterCacheKiB));
  db.exec("PRAGMA wal_autocheckpoint=" + std::to_string(kWalCheckpointPages));
  tune_index_for_bulk_writes(db);
}

void tune_index_for_bulk_writes(sqlite::Db& db) {
  // Persistent FTS5 settings: each written once per index.
  sqlite::Stmt read(db.get(), "SELECT v FROM article_fts_config WHERE k = ?1");
  sqlite::Stmt write(db.get(), "INSERT INTO article_fts(article_fts, rank) VALUES(?1, ?2)");
  for (const IndexSetting& setting : kIndexSettings) {
    read.reset();
    read.bind(1, std::string_view(setting.name));
    if (read.step() && read.column_int(0) == setting.value) continue;
    read.reset();
    write.reset();
    write.bind(1, std::string_view(setting.name)).bind(2, setting.value);
    write.run();
  }
}

namespace {

/// Empties the tokenizer's replay queue when it goes out of scope, whether
/// the insert it was filled for succeeded or not.
class ReplayScope {
 public:
  ReplayScope(TokenReplay& replay, const ArticleTokens::Impl& tokens) : replay_(replay) {
    for (const DocumentTokens* column :
         {&tokens.title, &tokens.author, &tokens.source, &tokens.lead, &tokens.body}) {
      replay_.queue(*column);
    }
  }
  ~ReplayScope() { replay_.clear(); }
  ReplayScope(const ReplayScope&) = delete;
  ReplayScope& operator=(const ReplayScope&) = delete;

 private:
  TokenReplay& replay_;
};

}  // namespace

Writer::Writer(sqlite::Db& db, TokenReplay& replay)
    : db_(db),
      replay_(replay),
      vocabulary_(db),
      find_source_(db.get(), "SELECT article FROM source WHERE path = ?1"),
      find_article_(db.get(), "SELECT rowid FROM article WHERE id = ?1"),
      insert_article_(db.get(), kInsertArticleSql),
      insert_fts_(db.get(), kInsertIndexSql),
      insert_source_(db.get(),
                     "INSERT INTO source(path, article, encoding, size, mtime_ns, metadata) "
                     "VALUES(?1, ?2, ?3, ?4, ?5, ?6)"),
      update_source_(db.get(),
                     "UPDATE source SET article = ?2, encoding = ?3, size = ?4, mtime_ns = ?5, "
                     "metadata = ?6 WHERE path = ?1"),
      count_sources_(db.get(), "SELECT count(*) FROM source WHERE article = ?1"),
      article_text_(db.get(),
                    "SELECT title, author, source, lead, body FROM article_text WHERE rowid = ?1"),
      delete_fts_(db.get(),
                  "INSERT INTO article_fts(article_fts, rowid, title, author, source, lead, body) "
                  "VALUES('delete', ?1, ?2, ?3, ?4, ?5, ?6)"),
      delete_article_(db.get(), "DELETE FROM article WHERE rowid = ?1"),
      delete_source_(db.get(), "DELETE FROM source WHERE path = ?1"),
      header_(db.get(),
              "SELECT title, title_source, author, source, url FROM article WHERE rowid = ?1"),
      update_header_(db.get(),
                     "UPDATE article SET title = ?2, title_source = ?3, author = ?4, source = ?5, "
                     "url = ?6 WHERE rowid = ?1"),
      clusters_(db),
      months_(db) {
  tune_for_bulk_writes(db_);
}

void Writer::for_each_source(const std::function<void(std::string_view, const FileStamp&)>& fn) {
  sqlite::Stmt s(db_.get(), "SELECT path, size, mtime_ns, metadata FROM source ORDER BY path");
  while (s.step()) {
    fn(s.column_text(0), FileStamp{s.column_int(1), s.column_int(2), s.column_int(3)});
  }
}

void Writer::begin_batch() {
  if (in_batch_) throw Error(ErrorCode::kInternal, "begin_batch: a batch is already open");
  db_.exec("BEGIN IMMEDIATE");
  in_batch_ = true;
  months_.clear();
}

void Writer::commit_batch() {
  require_batch();
  months_.flush();
  db_.exec("COMMIT");
  in_batch_ = false;
}

void Writer::settle() {
  if (!clusters_.unsettled()) return;
  begin_batch();
  clusters_.settle();
  commit_batch();
}

void Writer::require_batch() const {
  if (!in_batch_) throw Error(ErrorCode::kInternal, "no batch is open");
}

std::optional<std::int64_t> Writer::lookup(sqlite::Stmt& s, std::string_view key) {
  s.reset();
  s.bind(1, key);
  std::optional<std::int64_t> out;
  if (s.step()) out = s.column_int(0);
  s.reset();
  return out;
}

void Writer::write_source(sqlite::Stmt& s, const Source& src, std::int64_t article,
                          const FileStamp& stamp) {
  s.reset();
  s.bind(1, std::string_view(src.path))
      .bind(2, article)
      .bind(3, std::string_view(src.encoding))
      .bind(4, stamp.size)
      .bind(5, stamp.mtime_ns)
      .bind(6, stamp.metadata);
  s.run();
}

PutOutcome Writer::put(const Article& article, const FileStamp& stamp,
                       const ArticleTokens* tokens) {
  require_batch();
  const Source& src = article.sources.at(0);
  const auto old = lookup(find_source_, src.path);
  const auto existing = lookup(find_article_, article.id);
  if (old) {
    if (existing && *existing == *old) {
      write_source(update_source_, src, *old, stamp);
      return refresh_header(*old, article, tokens) ? PutOutcome::kUpdated : PutOutcome::kUnchanged;
    }
    write_source(update_source_, src, existing ? *existing : add_article(article, tokens), stamp);
    drop_if_orphan(*old);
    return PutOutcome::kUpdated;
  }
  if (existing) {
    write_source(insert_source_, src, *existing, stamp);
    return PutOutcome::kDuplicate;
  }
  write_source(insert_source_, src, add_article(article, tokens), stamp);
  return PutOutcome::kAdded;
}

bool Writer::forget_source(const std::string& path) {
  return forget_path(path) != ForgetOutcome::kNotStored;
}

ForgetOutcome Writer::forget_path(const std::string& path) {
  require_batch();
  const auto old = lookup(find_source_, path);
  if (!old) return ForgetOutcome::kNotStored;
  delete_source_.reset();
  delete_source_.bind(1, std::string_view(path));
  delete_source_.run();
  return drop_if_orphan(*old) ? ForgetOutcome::kArticleRemoved : ForgetOutcome::kPathForgotten;
}

std::int64_t Writer::add_article(const Article& a, const ArticleTokens* given) {
  std::optional<ArticleTokens> own;
  const ArticleTokens::Impl& tokens =
      (given != nullptr ? *given : own.emplace(analyzer_.analyze(a))).impl();
  const std::string body = a.body();
  insert_article_.reset();
  bind_article(insert_article_, a, body);
  insert_article_.run();
  const std::int64_t rowid = sqlite3_last_insert_rowid(db_.get());
  index(rowid, a, body, tokens);
  clusters_.add(rowid, tokens.signature);
  if (a.date) months_.add(rowid, a.date->first_day());
  return rowid;
}

void Writer::index(std::int64_t rowid, const Article& a, const std::string& body,
                   const ArticleTokens::Impl& tokens) {
  insert_fts_.reset();
  insert_fts_.bind(1, rowid)
      .bind(2, std::string_view(a.title))
      .bind(5, tokens.lead.text())
      .bind(6, std::string_view(body));
  // The texts of article_text, the index's content: the field texts of
  // `tokens` for the author and source the article has.
  const auto field = [&](int index, const std::optional<std::string>& value,
                         const DocumentTokens& t) {
    if (value)
      insert_fts_.bind(index, t.text());
    else
      insert_fts_.bind_null(index);
  };
  field(3, a.metadata.author, tokens.author);
  field(4, a.metadata.source, tokens.source);
  {
    const ReplayScope replay(replay_, tokens);
    insert_fts_.run();
  }
  for (const DocumentTokens* column :
       {&tokens.title, &tokens.author, &tokens.source, &tokens.lead, &tokens.body}) {
    vocabulary_.add(*column);
  }
}

void Writer::unindex(std::int64_t rowid) {
  // An external-content index forgets a row by being told its text.
  article_text_.reset();
  article_text_.bind(1, rowid);
  if (article_text_.step()) {
    delete_fts_.reset();
    delete_fts_.bind(1, rowid);
    for (int column = 0; column < kIndexColumns; ++column) {
      delete_fts_.bind(column + 2, article_text_.column_optional_text(column));
    }
    article_text_.reset();
    delete_fts_.run();
  }
  article_text_.reset();
}

bool Writer::refresh_header(std::int64_t rowid, const Article& a, const ArticleTokens* given) {
  // The id hashes the date and the text only: a title or a metadata value
  // of the same article may have changed (a manifest row, a header line).
  header_.reset();
  header_.bind(1, rowid);
  const bool same = header_.step() && header_.column_text(0) == a.title &&
                    header_.column_text(1) == title_source_name(a.title_source) &&
                    header_.column_optional_text(2) == a.metadata.author &&
                    header_.column_optional_text(3) == a.metadata.source &&
                    header_.column_optional_text(4) == a.metadata.url;
  header_.reset();
  if (same) return false;
  unindex(rowid);
  update_header_.reset();
  update_header_.bind(1, rowid)
      .bind(2, std::string_view(a.title))
      .bind(3, title_source_name(a.title_source))
      .bind(4, a.metadata.author)
      .bind(5, a.metadata.source)
      .bind(6, a.metadata.url);
  update_header_.run();
  std::optional<ArticleTokens> own;
  index(rowid, a, a.body(), (given != nullptr ? *given : own.emplace(analyzer_.analyze(a))).impl());
  return true;
}

bool Writer::drop_if_orphan(std::int64_t rowid) {
  count_sources_.reset();
  count_sources_.bind(1, rowid);
  const bool orphan = count_sources_.step() && count_sources_.column_int(0) == 0;
  count_sources_.reset();
  if (!orphan) return false;
  unindex(rowid);
  clusters_.remove(rowid);
  delete_article_.reset();
  delete_article_.bind(1, rowid);
  delete_article_.run();
  return true;
}

}  // namespace store
}  // namespace newsidx
