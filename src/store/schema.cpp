#include "store/schema.hpp"

#include <algorithm>
#include <array>

#include "newsidx/analyzer.hpp"
#include "newsidx/error.hpp"
#include "newsidx/token_marks.hpp"
#include "store/article_codec.hpp"
#include "store/clusters.hpp"
#include "store/month_rowids.hpp"
#include "store/vocabulary.hpp"
#include "store/writer.hpp"

namespace newsidx::store {
namespace {

// The current schema. Articles hold the normalized text; the FTS5 index
// reads its columns from them (external content) through the view
// article_text, so text is stored once: the lead is a virtual column, a
// slice of the body. The view gives the author, source and lead as field
// texts (kFieldMarker, token_marks.hpp), whose words the index holds apart
// from those of the title and body: plain queries, which search the title
// and body, need no column filter, and the lead's words (also the body's)
// count once; `author:`, `source:` and `lead:` search those columns
// (query.hpp). The body is the last column, where snippets come from when
// no other column holds a match (snippet.cpp).
constexpr const char* kSchema = R"sql(
CREATE TABLE article(
  rowid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,       -- 16 hex digits, see article_id()
  date TEXT,                     -- '2016', '2016-12' or '2016-12-15'; NULL when undated
  date_start TEXT,               -- first day of the period, YYYY-MM-DD
  date_end TEXT,                 -- last day of the period
  title TEXT NOT NULL,
  title_source TEXT NOT NULL,    -- 'header' or 'derived'
  body TEXT NOT NULL,            -- blocks joined by blank lines
  block_types TEXT NOT NULL,     -- one letter per block: p(aragraph), h(eading)
  author TEXT, source TEXT, url TEXT,
  word_count INTEGER NOT NULL,
  warnings TEXT,                 -- JSON array of {line, message}, NULL when none
  -- The whole file, normalized, is raw_head || body || raw_tail when the body
  -- stands in it as is (the usual case: text stored once); otherwise raw.
  raw_head TEXT, raw_tail TEXT, raw TEXT,
  -- The lead (first paragraph) is the bytes [lead_start, lead_start + lead_bytes) of body.
  lead_start INTEGER NOT NULL DEFAULT 0,
  lead_bytes INTEGER NOT NULL DEFAULT 0,
  lead TEXT GENERATED ALWAYS AS (
    CAST(substr(CAST(body AS BLOB), lead_start + 1, lead_bytes) AS TEXT)) VIRTUAL
);
CREATE INDEX article_date ON article(date_start, date_end);
CREATE TABLE source(
  path TEXT PRIMARY KEY,
  article INTEGER NOT NULL REFERENCES article(rowid),
  encoding TEXT NOT NULL,
  size INTEGER NOT NULL,
  mtime_ns INTEGER NOT NULL,
  metadata INTEGER NOT NULL DEFAULT 0  -- fingerprint of the manifest row applied, 0 for none
) WITHOUT ROWID;
CREATE INDEX source_article ON source(article);
)sql";

// The full-text index and the texts it reads (see kSchema); char(1) is
// kFieldMarker.
constexpr const char* kIndexOfFieldTexts = R"sql(
CREATE VIEW IF NOT EXISTS article_text(rowid, title, author, source, lead, body) AS
  SELECT rowid, title, char(1) || author, char(1) || source, char(1) || lead, body FROM article;
CREATE VIRTUAL TABLE article_fts USING fts5(
  title, author, source, lead, body, content='article_text', content_rowid='rowid',
  tokenize='newsidx_french');
)sql";
static_assert(kFieldMarker == '\x01');

// What version 2 added to the tables of version 1 (its index is made anew).
constexpr const char* kV2Columns = R"sql(
ALTER TABLE article ADD COLUMN lead_start INTEGER NOT NULL DEFAULT 0;
ALTER TABLE article ADD COLUMN lead_bytes INTEGER NOT NULL DEFAULT 0;
ALTER TABLE article ADD COLUMN lead TEXT GENERATED ALWAYS AS (
  CAST(substr(CAST(body AS BLOB), lead_start + 1, lead_bytes) AS TEXT)) VIRTUAL;
ALTER TABLE source ADD COLUMN metadata INTEGER NOT NULL DEFAULT 0;
DROP TABLE article_fts;
)sql";

// Articles re-indexed between two progress reports of an upgrade.
constexpr std::int64_t kReindexReportEvery = 256;

/// Reports the progress of an upgrade step over every article: at 0, every
/// kReindexReportEvery articles, and at the end.
class ReindexProgress {
 public:
  explicit ReindexProgress(UpgradeContext& context)
      : report_(context.progress), total_(context.db.query_int("SELECT count(*) FROM article")) {
    if (report_) report_(0, total_);
  }
  void one_more() {
    if (++done_ % kReindexReportEvery == 0 && report_) report_(done_, total_);
  }
  void finish() const {
    if (report_ && done_ % kReindexReportEvery != 0) report_(done_, total_);
  }

 private:
  const UpgradeProgress& report_;
  std::int64_t total_;
  std::int64_t done_ = 0;
};

void set_version(sqlite::Db& db, std::int64_t version) {
  db.exec("PRAGMA user_version=" + std::to_string(version));
}

}  // namespace

SchemaState inspect_schema(sqlite::Db& db, const std::filesystem::path& path) {
  const std::int64_t app_id = db.query_int("PRAGMA application_id");
  SchemaState state;
  state.version = db.query_int("PRAGMA user_version");
  state.empty =
      app_id == 0 && state.version == 0 && db.query_int("SELECT count(*) FROM sqlite_master") == 0;
  if (!state.empty && app_id != kApplicationId) {
    throw Error(ErrorCode::kDatabase, path.string() + " is not a newsidx database");
  }
  if (state.version > kSchemaVersion) {
    throw Error(ErrorCode::kDatabase, path.string() + " was written by a newer newsidx (schema " +
                                          std::to_string(state.version) +
                                          ", this build reads up to " +
                                          std::to_string(kSchemaVersion) + ")");
  }
  return state;
}

void create_schema(sqlite::Db& db) {
  db.exec("PRAGMA journal_mode=WAL");
  sqlite::Transaction txn(db);
  db.exec(kSchema);
  db.exec(kIndexOfFieldTexts);
  db.exec(kVocabularySchema);
  db.exec(kClusterTables);
  db.exec(kMonthRowidsTable);
  db.exec("PRAGMA application_id=" + std::to_string(kApplicationId));
  set_version(db, kSchemaVersion);
  txn.commit();
}

void reindex(UpgradeContext& context) {
  sqlite::Db& db = context.db;
  ReindexProgress progress(context);
  tune_index_for_bulk_writes(db);
  // An external-content index can be emptied in one go; then every article
  // is indexed again, as an ingest would: its words added to the vocabulary,
  // its near duplicates found.
  db.exec("INSERT INTO article_fts(article_fts) VALUES('delete-all')");
  db.exec("DELETE FROM vocabulary");
  ClusterIndex clusters(db);
  clusters.clear();
  sqlite::Stmt rows(db.get(),
                    "SELECT rowid, title, author, source, lead, body FROM article_text "
                    "ORDER BY rowid");
  sqlite::Stmt insert(db.get(), kInsertIndexSql);
  VocabularyWriter vocabulary(db);
  Analyzer analyzer;
  while (rows.step()) {
    std::array<DocumentTokens, kIndexColumns> columns;
    SignatureBuilder signature;  // of the body, the last column
    insert.reset();
    const std::int64_t rowid = rows.column_int(0);
    insert.bind(1, rowid);
    for (int column = 1; column <= kIndexColumns; ++column) {
      DocumentTokens& tokens = columns[column - 1];
      tokens = DocumentTokens(std::string(rows.column_text(column)), analyzer, nullptr,
                              column == kIndexColumns ? &signature : nullptr);
      if (!rows.column_is_null(column)) insert.bind(column + 1, tokens.text());
      context.replay.queue(tokens);
    }
    try {
      insert.run();
    } catch (...) {
      context.replay.clear();
      throw;
    }
    context.replay.clear();
    for (const DocumentTokens& tokens : columns) vocabulary.add(tokens);
    clusters.add(rowid, signature.finish());
    progress.one_more();
  }
  clusters.settle();
  progress.finish();
}

namespace {

/// Version 1 to 2: the French analysis v2 (SPEC §4: the index holds the
/// folded forms of the words, the vocabulary their stems), the index columns
/// author, source and lead, manifest fingerprints of sources, near-duplicate
/// clusters; the index made as version 4 makes it (see to_version_4()).
void to_version_2(UpgradeContext& context) {
  sqlite::Db& db = context.db;
  // A database this build made and then marked as version 1 (as tests do)
  // has the columns already.
  if (db.query_int("SELECT count(*) FROM pragma_table_info('article') WHERE name = 'lead_start'") ==
      0) {
    db.exec(kV2Columns);
    db.exec(kIndexOfFieldTexts);
    sqlite::Stmt rows(db.get(), "SELECT rowid, body, block_types FROM article");
    sqlite::Stmt lead(db.get(),
                      "UPDATE article SET lead_start = ?2, lead_bytes = ?3 WHERE rowid = ?1");
    while (rows.step()) {
      const LeadRange range = lead_range(rows.column_text(1), rows.column_text(2));
      lead.reset();
      lead.bind(1, rows.column_int(0)).bind(2, range.start).bind(3, range.bytes);
      lead.run();
    }
  }
  db.exec(kVocabularySchema);
  db.exec(kClusterTables);
  reindex(context);
}

/// Version 2 to 3: the rowids of each month's articles (month_rowids.hpp).
void to_version_3(UpgradeContext& context) {
  context.db.exec(kMonthRowidsTable);
  fill_month_rowids(context.db);
}

/// Version 3 to 4: the author, source and lead indexed as field texts
/// (kIndexOfFieldTexts); the vocabulary and clusters stay as they are.
/// Nothing to do when article_text is there already: the upgrade of version
/// 1 makes the index of version 4 with it.
void to_version_4(UpgradeContext& context) {
  sqlite::Db& db = context.db;
  if (db.query_int("SELECT count(*) FROM sqlite_master WHERE name = 'article_text'") == 1) return;
  db.exec("DROP TABLE article_fts");
  db.exec(kIndexOfFieldTexts);
  tune_index_for_bulk_writes(db);
  ReindexProgress progress(context);
  sqlite::Stmt rows(db.get(), "SELECT rowid FROM article ORDER BY rowid");
  sqlite::Stmt insert(db.get(),
                      "INSERT INTO article_fts(rowid, title, author, source, lead, body) "
                      "SELECT rowid, title, author, source, lead, body FROM article_text "
                      "WHERE rowid = ?1");
  while (rows.step()) {
    insert.reset();
    insert.bind(1, rows.column_int(0));
    insert.run();
    progress.one_more();
  }
  progress.finish();
}

}  // namespace

std::span<const Upgrade> upgrade_steps() {
  static constexpr Upgrade kSteps[] = {
      {1, "re-index with the French analysis v2, find near duplicates", to_version_2, false},
      {2, "note the rowids of each month's articles", to_version_3, true},
      {3, "index the author, source and lead apart from the text", to_version_4, false}};
  return kSteps;
}

bool readable_as_is(std::int64_t version, std::span<const Upgrade> steps) {
  return std::all_of(steps.begin(), steps.end(),
                     [&](const Upgrade& s) { return s.from < version || s.readable_before; });
}

void upgrade_schema(UpgradeContext& context, std::int64_t from, int to,
                    std::span<const Upgrade> steps) {
  sqlite::Db& db = context.db;
  sqlite::Transaction txn(db);
  for (std::int64_t version = from; version < to; ++version) {
    const Upgrade* step = nullptr;
    for (const Upgrade& s : steps) {
      if (s.from == version) step = &s;
    }
    if (step == nullptr) {
      throw Error(ErrorCode::kDatabase, "no upgrade from schema " + std::to_string(version) +
                                            " to " + std::to_string(version + 1));
    }
    step->apply(context);
  }
  set_version(db, to);
  txn.commit();
}

}  // namespace newsidx::store
