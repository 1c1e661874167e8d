#include "newsidx/store.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <limits>
#include <thread>

#include "newsidx/error.hpp"
#include "newsidx/fts5_tokenizer.hpp"
#include "store/snippet.hpp"
#include "store/sqlite.hpp"

namespace newsidx {
namespace fs = std::filesystem;
using sqlite::Db;
using sqlite::Stmt;

namespace {

// Version 1 of the schema. Articles hold the normalized text; the FTS5 index
// reads title and body from them (external content), so text is stored once.
constexpr const char* kSchemaV1 = R"sql(
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
  raw_head TEXT, raw_tail TEXT, raw TEXT
);
CREATE INDEX article_date ON article(date_start, date_end);
CREATE TABLE source(
  path TEXT PRIMARY KEY,
  article INTEGER NOT NULL REFERENCES article(rowid),
  encoding TEXT NOT NULL,
  size INTEGER NOT NULL,
  mtime_ns INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX source_article ON source(article);
CREATE VIRTUAL TABLE article_fts USING fts5(
  title, body, content='article', content_rowid='rowid', tokenize='newsidx_french');
)sql";

// Ranking: a word in the title counts as much as one in the body (most titles
// are derived from the lead, whose words would then count twice; see
// test_quality).
constexpr const char* kScoreExpr = "-bm25(article_fts, 1.0, 1.0)";

// Page cache of a writer: the indexes of article ids, dates and paths take
// random inserts that would otherwise read and write the same pages again
// for every batch (SQLite's default is 2 MiB).
constexpr std::int64_t kWriterCacheKiB = 64 * 1024;

// Pages the WAL may hold before a commit copies them back into the database
// (SQLite's default is 1,000): fewer, larger checkpoints during an ingest.
constexpr int kWalCheckpointPages = 8192;

// Pending index data FTS5 keeps in memory before it writes a segment
// (FTS5's default is 1 MiB): fewer, larger segments, hence less merging.
constexpr std::int64_t kFts5HashBytes = 32 * 1024 * 1024;

// Markers that snippet() puts around matched words; stripped afterwards.
constexpr char kMatchOpen = '\x01';
constexpr char kMatchClose = '\x02';

std::optional<Date> date_from_column(const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  return parse_iso_date(*text);
}

std::string block_types_of(const Article& a) {
  std::string out;
  for (const Block& b : a.blocks) out += b.type == Block::Type::kHeading ? 'h' : 'p';
  return out;
}

std::optional<std::string> warnings_json(const std::vector<Warning>& warnings) {
  if (warnings.empty()) return std::nullopt;
  nlohmann::json j = nlohmann::json::array();
  for (const Warning& w : warnings) j.push_back({{"line", w.line}, {"message", w.message}});
  return j.dump();
}

std::vector<Warning> warnings_from_json(std::string_view text) {
  std::vector<Warning> out;
  if (text.empty()) return out;
  for (const auto& w : nlohmann::json::parse(text)) {
    out.push_back({w.at("line").get<int>(), w.at("message").get<std::string>()});
  }
  return out;
}

/// Removes the snippet markers and records where they were, in code points.
/// Paragraph breaks become one space: a snippet is one line.
void take_matches(std::string_view marked, Hit& hit) {
  std::size_t cp = 0;
  std::size_t start = 0;
  for (char c : marked) {
    if (c == kMatchOpen) {
      start = cp;
    } else if (c == kMatchClose) {
      if (cp > start) hit.matches.emplace_back(start, cp);
    } else if (c == '\n') {
      if (!hit.snippet.empty() && hit.snippet.back() != ' ') {
        hit.snippet += ' ';
        ++cp;
      }
    } else {
      hit.snippet += c;
      if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++cp;
    }
  }
}

/// The start of `text`, cut at a word boundary near `max_cp` code points.
std::string excerpt(std::string_view text, std::size_t max_cp) {
  std::size_t cp = 0;
  std::size_t last_space = std::string_view::npos;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
    if (cp == max_cp) {
      const std::size_t cut = last_space != std::string_view::npos ? last_space : i;
      return std::string(text.substr(0, cut)) + "…";
    }
    if (text[i] == ' ') last_space = i;
    ++cp;
  }
  return std::string(text);
}

/// WHERE conditions of a request; parameters ?1 match, ?2 from,
/// ?3 to.
std::string where_clause(const SearchRequest& r) {
  std::string sql = " WHERE 1";
  if (r.match) sql += " AND article_fts MATCH ?1";
  if (r.from) sql += " AND a.date_end >= ?2";
  if (r.to) sql += " AND a.date_start <= ?3";
  return sql;
}

std::string from_clause(const SearchRequest& r) {
  return r.match ? " FROM article_fts JOIN article a ON a.rowid = article_fts.rowid"
                 : " FROM article a";
}

/// ORDER BY of a page in date order: oldest, or else newest first (also a
/// relevance search without a query). Relevance pages are put in order by
/// Store::Impl::best_page().
std::string date_order(SortOrder sort) {
  if (sort == SortOrder::kOldest) return " ORDER BY a.date_start IS NULL, a.date_start, a.id";
  return " ORDER BY a.date_start IS NULL, a.date_start DESC, a.id";
}

void bind_filters(Stmt& s, const SearchRequest& r) {
  if (r.match) s.bind(1, std::string_view(*r.match));
  if (r.from) s.bind(2, r.from->first_day());
  if (r.to) s.bind(3, r.to->last_day());
}

/// Runs `s` to its first row, turning an FTS5 syntax error into a query error.
bool step_query(Stmt& s) {
  try {
    return s.step();
  } catch (const Error&) {
    const std::string reason = s.error_message();
    if (reason.rfind("fts5", 0) == 0) throw Error(ErrorCode::kQuery, "query: " + reason);
    throw;
  }
}

/// True for the codes of a file SQLite could not open or map: in WAL mode a
/// reader needs the `-shm` file beside the database, and creates it when it
/// is missing.
bool cannot_open(int rc) {
  return (rc & 0xff) == SQLITE_CANTOPEN || rc == SQLITE_READONLY_CANTINIT ||
         rc == SQLITE_READONLY_RECOVERY || rc == SQLITE_READONLY_DIRECTORY;
}

std::string cannot_open_hint(int rc, bool writable) {
  if (!cannot_open(rc)) return {};
  return writable ? " (the folder of the database must be writable: SQLite keeps its -wal and "
                    "-shm files beside it)"
                  : "";
}

/// `file:PATH?immutable=1`, PATH percent-encoded as an SQLite URI wants.
std::string immutable_uri(const fs::path& path) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string uri = "file:";
  for (const char c : fs::absolute(path).string()) {
    const auto b = static_cast<unsigned char>(c);
    if (std::isalnum(b) != 0 || std::strchr("/-._~", c) != nullptr) {
      uri += c;
    } else {
      uri += '%';
      uri += kHex[b >> 4];
      uri += kHex[b & 0xf];
    }
  }
  return uri + "?immutable=1";
}

/// Opens the database for reading or writing. A reader that cannot open a
/// WAL database normally because its `-shm` file is missing and cannot be
/// created (a read-only folder: nobody is writing then, since a writer
/// creates that file) reads the file as immutable instead.
Db open_database(const fs::path& path, Store::Access access) {
  if (access == Store::Access::kReadWrite) {
    return Db(path.string(), SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  }
  Db db(path.string(), SQLITE_OPEN_READONLY);
  std::int64_t ignored = 0;
  if (!cannot_open(db.probe_int("PRAGMA application_id", ignored))) return db;
  Db immutable(immutable_uri(path), SQLITE_OPEN_READONLY | SQLITE_OPEN_URI);
  if (immutable.probe_int("PRAGMA application_id", ignored) == SQLITE_OK) return immutable;
  return db;  // reports the first error
}

/// An exclusive advisory lock on the database file for the life of a writer.
class WriterLock {
 public:
  WriterLock() = default;
  WriterLock(const fs::path& path, std::chrono::milliseconds timeout) {
    fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd_ < 0) {
      throw Error(ErrorCode::kDatabase,
                  "cannot lock " + path.string() + ": " + std::strerror(errno));
    }
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
      if (errno != EWOULDBLOCK && errno != EINTR) {
        throw Error(ErrorCode::kDatabase,
                    "cannot lock " + path.string() + ": " + std::strerror(errno));
      }
      if (std::chrono::steady_clock::now() >= deadline) {
        ::close(std::exchange(fd_, -1));
        throw Error(ErrorCode::kDatabase, "database is busy: another newsidx ingest is writing to " +
                                              path.string());
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }
  ~WriterLock() {
    if (fd_ >= 0) ::close(fd_);
  }
  WriterLock(WriterLock&& o) noexcept : fd_(std::exchange(o.fd_, -1)) {}
  WriterLock& operator=(WriterLock&& o) noexcept {
    std::swap(fd_, o.fd_);
    return *this;
  }

 private:
  int fd_ = -1;
};

}  // namespace

struct Store::Impl {
  fs::path path;
  // Declared before `db` so that it is released after the connection closes:
  // closing any descriptor of the file earlier would drop SQLite's own locks.
  WriterLock lock;
  // Declared before `db`: its tokenizers point to it until the connection closes.
  TokenReplay replay;
  Db db;
  bool writable;
  bool in_batch = false;

  // Statements used for every stored file, prepared once.
  std::optional<Stmt> find_source, find_article, insert_article, insert_fts, insert_source,
      update_source, count_sources, article_text, delete_fts, delete_article, delete_source,
      load_article, load_sources;

  Impl(const fs::path& p, Access access, std::chrono::milliseconds busy_timeout)
      : path(p), db(open_database(p, access)), writable(access == Access::kReadWrite) {
    sqlite3_busy_timeout(db.get(), static_cast<int>(busy_timeout.count()));
    if (writable && sqlite3_db_readonly(db.get(), "main") == 1) {
      throw Error(ErrorCode::kDatabase,
                  "cannot write to " + p.string() + ": the file is read-only for this user");
    }
    std::int64_t app_id = 0;
    std::int64_t version = 0;
    std::int64_t objects = 0;
    if (const int rc = db.probe_int("PRAGMA application_id", app_id); rc != SQLITE_OK) {
      if ((rc & 0xff) == SQLITE_NOTADB) {
        throw Error(ErrorCode::kDatabase, p.string() + " is not a newsidx database (" +
                                              db.error_message() + ")");
      }
      throw Error(ErrorCode::kDatabase, std::string(writable ? "cannot write to " : "cannot read ") +
                                            p.string() + ": " + db.error_message() +
                                            cannot_open_hint(rc, writable));
    }
    version = db.query_int("PRAGMA user_version");
    objects = db.query_int("SELECT count(*) FROM sqlite_master");
    const bool fresh = app_id == 0 && version == 0 && objects == 0;
    if (!fresh && app_id != kApplicationId) {
      throw Error(ErrorCode::kDatabase, p.string() + " is not a newsidx database");
    }
    if (version > kSchemaVersion) {
      throw Error(ErrorCode::kDatabase,
                  p.string() + " was written by a newer newsidx (schema " +
                      std::to_string(version) + ", this build reads up to " +
                      std::to_string(kSchemaVersion) + ")");
    }
    if (fresh && !writable) {
      throw Error(ErrorCode::kDatabase, p.string() + " is an empty database: run newsidx ingest");
    }
    register_french_tokenizer(db.get(), &replay);
    register_snippet_function(db.get());
    if (writable) {
      lock = WriterLock(p, busy_timeout);
      db.exec("PRAGMA synchronous=NORMAL");
      if (fresh) create_schema();
      tune_for_bulk_writes();
      prepare_writer();
    }
    load_article.emplace(db.get(),
                         "SELECT id, date, title, title_source, body, block_types, author, source, "
                         "url, word_count, warnings, raw_head, raw_tail, raw FROM article WHERE rowid = ?1");
    load_sources.emplace(db.get(),
                         "SELECT path, encoding, size FROM source WHERE article = ?1 ORDER BY path");
  }

  /// Settings of a writer (see kWriterCacheKiB and kFts5HashBytes).
  void tune_for_bulk_writes() {
    db.exec("PRAGMA cache_size=-" + std::to_string(kWriterCacheKiB));
    db.exec("PRAGMA wal_autocheckpoint=" + std::to_string(kWalCheckpointPages));
    // Persistent FTS5 setting: written once per database.
    Stmt hash(db.get(), "SELECT v FROM article_fts_config WHERE k = 'hashsize'");
    if (!hash.step() || hash.column_int(0) != kFts5HashBytes) {
      hash.reset();
      db.exec("INSERT INTO article_fts(article_fts, rank) VALUES('hashsize', " +
              std::to_string(kFts5HashBytes) + ")");
    }
  }

  void create_schema() {
    db.exec("PRAGMA journal_mode=WAL");
    sqlite::Transaction txn(db);
    db.exec(kSchemaV1);
    db.exec("PRAGMA application_id=" + std::to_string(kApplicationId));
    db.exec("PRAGMA user_version=" + std::to_string(kSchemaVersion));
    txn.commit();
  }

  void prepare_writer() {
    sqlite3* h = db.get();
    find_source.emplace(h, "SELECT article FROM source WHERE path = ?1");
    find_article.emplace(h, "SELECT rowid FROM article WHERE id = ?1");
    insert_article.emplace(
        h,
        "INSERT INTO article(id, date, date_start, date_end, title, title_source, body, "
        "block_types, author, source, url, word_count, warnings, raw_head, raw_tail, raw) "
        "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)");
    insert_fts.emplace(h, "INSERT INTO article_fts(rowid, title, body) VALUES(?1, ?2, ?3)");
    insert_source.emplace(h,
                          "INSERT INTO source(path, article, encoding, size, mtime_ns) "
                          "VALUES(?1, ?2, ?3, ?4, ?5)");
    update_source.emplace(h,
                          "UPDATE source SET article = ?2, encoding = ?3, size = ?4, "
                          "mtime_ns = ?5 WHERE path = ?1");
    count_sources.emplace(h, "SELECT count(*) FROM source WHERE article = ?1");
    article_text.emplace(h, "SELECT title, body FROM article WHERE rowid = ?1");
    delete_fts.emplace(h,
                       "INSERT INTO article_fts(article_fts, rowid, title, body) "
                       "VALUES('delete', ?1, ?2, ?3)");
    delete_article.emplace(h, "DELETE FROM article WHERE rowid = ?1");
    delete_source.emplace(h, "DELETE FROM source WHERE path = ?1");
  }

  std::optional<std::int64_t> lookup(Stmt& s, std::string_view key) {
    s.reset();
    s.bind(1, key);
    std::optional<std::int64_t> out;
    if (s.step()) out = s.column_int(0);
    s.reset();
    return out;
  }

  std::int64_t add_article(const Article& a, const ArticleTokens* tokens) {
    Stmt& s = *insert_article;
    s.reset();
    s.bind(1, std::string_view(a.id));
    if (a.date) {
      s.bind(2, a.date->str()).bind(3, a.date->first_day()).bind(4, a.date->last_day());
    }
    const std::string body = a.body();
    s.bind(5, std::string_view(a.title))
        .bind(6, std::string_view(title_source_name(a.title_source)))
        .bind(7, std::string_view(body))
        .bind(8, block_types_of(a))
        .bind(9, a.metadata.author)
        .bind(10, a.metadata.source)
        .bind(11, a.metadata.url)
        .bind(12, static_cast<std::int64_t>(a.word_count))
        .bind(13, warnings_json(a.warnings));
    if (const std::size_t at = a.raw.find(body); !body.empty() && at != std::string::npos) {
      s.bind(14, std::string_view(a.raw).substr(0, at))
          .bind(15, std::string_view(a.raw).substr(at + body.size()));
    } else {
      s.bind(16, std::string_view(a.raw));
    }
    s.run();
    const std::int64_t rowid = sqlite3_last_insert_rowid(db.get());
    insert_fts->reset();
    insert_fts->bind(1, rowid).bind(2, std::string_view(a.title)).bind(3, std::string_view(body));
    if (tokens != nullptr) {
      replay.queue(tokens->title);
      replay.queue(tokens->body);
    }
    struct ClearReplay {
      TokenReplay& replay;
      ~ClearReplay() { replay.clear(); }
    } clear_after{replay};
    insert_fts->run();
    return rowid;
  }

  /// Deletes the article `rowid` (and its index entries) when no source is left.
  void drop_if_orphan(std::int64_t rowid) {
    count_sources->reset();
    count_sources->bind(1, rowid);
    const bool orphan = count_sources->step() && count_sources->column_int(0) == 0;
    count_sources->reset();
    if (!orphan) return;
    article_text->reset();
    article_text->bind(1, rowid);
    if (article_text->step()) {
      const std::string title(article_text->column_text(0));
      const std::string body(article_text->column_text(1));
      article_text->reset();
      delete_fts->reset();
      delete_fts->bind(1, rowid).bind(2, std::string_view(title)).bind(3, std::string_view(body));
      delete_fts->run();
    }
    article_text->reset();
    delete_article->reset();
    delete_article->bind(1, rowid);
    delete_article->run();
  }

  Article read_article(std::int64_t rowid) {
    Stmt& s = *load_article;
    s.reset();
    s.bind(1, rowid);
    if (!s.step()) throw Error(ErrorCode::kDatabase, "article vanished during the read");
    Article a;
    a.id = s.column_text(0);
    a.date = date_from_column(s.column_optional_text(1));
    a.title = s.column_text(2);
    a.title_source = s.column_text(3) == "header" ? TitleSource::kHeader : TitleSource::kDerived;
    const std::string_view body = s.column_text(4);
    const std::string_view types = s.column_text(5);
    std::size_t pos = 0;
    for (char t : types) {
      std::size_t end = body.find("\n\n", pos);
      if (end == std::string_view::npos) end = body.size();
      a.blocks.push_back({t == 'h' ? Block::Type::kHeading : Block::Type::kParagraph,
                          std::string(body.substr(pos, end - pos))});
      pos = std::min(end + 2, body.size());
    }
    a.metadata = {s.column_optional_text(6), s.column_optional_text(7), s.column_optional_text(8)};
    a.word_count = static_cast<std::size_t>(s.column_int(9));
    a.warnings = warnings_from_json(s.column_text(10));
    if (s.column_is_null(13)) {
      a.raw = std::string(s.column_text(11)) + std::string(body) + std::string(s.column_text(12));
    } else {
      a.raw = s.column_text(13);
    }
    s.reset();

    Stmt& src = *load_sources;
    src.reset();
    src.bind(1, rowid);
    while (src.step()) {
      a.sources.push_back({std::string(src.column_text(0)), std::string(src.column_text(1)),
                           static_cast<std::uint64_t>(src.column_int(2))});
    }
    src.reset();
    return a;
  }

  /// The rowids and scores of one page of results in date order.
  std::vector<std::pair<std::int64_t, double>> page(const SearchRequest& r) {
    const bool ranked = r.match.has_value();
    std::string sql = "SELECT a.rowid, ";
    sql += ranked ? kScoreExpr : "0.0";
    sql += " AS score" + from_clause(r) + where_clause(r) + date_order(r.sort);
    sql += " LIMIT ?4 OFFSET ?5";
    Stmt s(db.get(), sql);
    bind_filters(s, r);
    s.bind(4, r.limit).bind(5, r.offset);
    std::vector<std::pair<std::int64_t, double>> rows;
    for (bool row = step_query(s); row; row = s.step()) {
      rows.emplace_back(s.column_int(0), s.column_double(1));
    }
    return rows;
  }

  /// page() for a relevance search: the scores of every match are read
  /// unsorted (an SQL ORDER BY over tens of thousands of matches costs more
  /// than scoring them), the best offset+limit rows and every row tied with
  /// the last of them are selected in linear time, and ties are broken by
  /// date and id on those rows only. Without a date filter the matches are
  /// scored in the index alone, without a join to their articles.
  std::vector<std::pair<std::int64_t, double>> best_page(const SearchRequest& r) {
    const bool filtered = r.from || r.to;
    std::string sql = "SELECT article_fts.rowid, ";
    sql += kScoreExpr;
    sql += filtered ? from_clause(r) + where_clause(r)
                    : std::string(" FROM article_fts WHERE article_fts MATCH ?1");
    Stmt s(db.get(), sql);
    bind_filters(s, r);
    struct Candidate {
      std::int64_t rowid;
      double score;
      std::optional<std::string> date_start;
      std::string id;
    };
    std::vector<Candidate> found;
    for (bool row = step_query(s); row; row = s.step()) {
      found.push_back({s.column_int(0), s.column_double(1), std::nullopt, {}});
    }
    // The rows up to the end of the page; a negative limit means no limit.
    const std::size_t wanted =
        r.limit < 0 || r.offset > std::numeric_limits<std::int64_t>::max() - r.limit
            ? std::numeric_limits<std::size_t>::max()
            : static_cast<std::size_t>(r.limit + r.offset);
    if (wanted == 0) return {};
    const auto better = [](const Candidate& a, const Candidate& b) { return a.score > b.score; };
    if (found.size() > wanted) {
      std::nth_element(found.begin(), found.begin() + static_cast<std::ptrdiff_t>(wanted - 1),
                       found.end(), better);
      const double last = found[wanted - 1].score;
      found.erase(std::partition(found.begin() + static_cast<std::ptrdiff_t>(wanted), found.end(),
                                 [&](const Candidate& c) { return c.score >= last; }),
                  found.end());
    }
    Stmt key(db.get(), "SELECT date_start, id FROM article WHERE rowid = ?1");
    for (Candidate& c : found) {
      key.reset();
      key.bind(1, c.rowid);
      if (key.step()) {
        c.date_start = key.column_optional_text(0);
        c.id = key.column_text(1);
      }
    }
    std::sort(found.begin(), found.end(), [](const Candidate& a, const Candidate& b) {
      if (a.score != b.score) return a.score > b.score;
      if (a.date_start.has_value() != b.date_start.has_value()) return a.date_start.has_value();
      if (a.date_start != b.date_start) return a.date_start > b.date_start;
      return a.id < b.id;
    });
    std::vector<std::pair<std::int64_t, double>> rows;
    for (std::size_t i = static_cast<std::size_t>(r.offset); i < found.size() && i < wanted; ++i) {
      rows.emplace_back(found[i].rowid, found[i].score);
    }
    return rows;
  }

  void require_writable() const {
    if (!writable) throw Error(ErrorCode::kInternal, "the database was opened read-only");
  }
};

Store::Store(const fs::path& path, Access access, std::chrono::milliseconds busy_timeout) {
  if (access == Access::kReadOnly) {
    std::error_code ec;
    if (!fs::exists(path, ec)) {
      throw Error(ErrorCode::kDatabase,
                  "no database at " + path.string() + " (run newsidx ingest first)");
    }
  } else if (path.has_parent_path()) {
    std::error_code ec;
    fs::create_directories(path.parent_path(), ec);
    if (ec) {
      throw Error(ErrorCode::kDatabase,
                  "cannot create " + path.parent_path().string() + ": " + ec.message());
    }
  }
  impl_ = std::make_unique<Impl>(path, access, busy_timeout);
}

Store::~Store() = default;
Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&&) noexcept = default;

const fs::path& Store::path() const { return impl_->path; }

std::unordered_map<std::string, FileStamp> Store::file_stamps() const {
  std::unordered_map<std::string, FileStamp> out;
  Stmt s(impl_->db.get(), "SELECT path, size, mtime_ns FROM source");
  while (s.step()) {
    out.emplace(std::string(s.column_text(0)), FileStamp{s.column_int(1), s.column_int(2)});
  }
  return out;
}

void Store::begin_batch() {
  impl_->require_writable();
  impl_->db.exec("BEGIN IMMEDIATE");
  impl_->in_batch = true;
}

void Store::commit_batch() {
  impl_->db.exec("COMMIT");
  impl_->in_batch = false;
}

ArticleTokens analyze_article(const Article& article, Analyzer& analyzer) {
  return {DocumentTokens(article.title, analyzer), DocumentTokens(article.body(), analyzer)};
}

PutOutcome Store::put(const Article& article, const FileStamp& stamp,
                      const ArticleTokens* tokens) {
  Impl& m = *impl_;
  m.require_writable();
  const Source& src = article.sources.at(0);
  const auto old = m.lookup(*m.find_source, src.path);
  const auto existing = m.lookup(*m.find_article, article.id);

  auto write_source = [&](Stmt& s, std::int64_t rowid) {
    s.reset();
    s.bind(1, std::string_view(src.path))
        .bind(2, rowid)
        .bind(3, std::string_view(src.encoding))
        .bind(4, stamp.size)
        .bind(5, stamp.mtime_ns);
    s.run();
  };

  if (old) {
    if (existing && *existing == *old) {
      write_source(*m.update_source, *old);
      return PutOutcome::kUnchanged;
    }
    const std::int64_t target = existing ? *existing : m.add_article(article, tokens);
    write_source(*m.update_source, target);
    m.drop_if_orphan(*old);
    return PutOutcome::kUpdated;
  }
  if (existing) {
    write_source(*m.insert_source, *existing);
    return PutOutcome::kDuplicate;
  }
  write_source(*m.insert_source, m.add_article(article, tokens));
  return PutOutcome::kAdded;
}

bool Store::forget_source(const std::string& path) {
  Impl& m = *impl_;
  m.require_writable();
  const auto old = m.lookup(*m.find_source, path);
  if (!old) return false;
  m.delete_source->reset();
  m.delete_source->bind(1, std::string_view(path));
  m.delete_source->run();
  m.drop_if_orphan(*old);
  return true;
}

std::optional<Article> Store::get(std::string_view id) const {
  Stmt s(impl_->db.get(), "SELECT rowid FROM article WHERE id = ?1");
  s.bind(1, id);
  if (!s.step()) return std::nullopt;
  return impl_->read_article(s.column_int(0));
}

std::vector<std::string> Store::ids_with_prefix(std::string_view prefix,
                                                std::size_t limit) const {
  // Ids are lower-case hex, all of which sort below 'g'.
  Stmt s(impl_->db.get(),
         "SELECT id FROM article WHERE id >= ?1 AND id < ?2 ORDER BY id LIMIT ?3");
  s.bind(1, prefix).bind(2, std::string(prefix) + "g").bind(3, static_cast<std::int64_t>(limit));
  std::vector<std::string> out;
  while (s.step()) out.emplace_back(s.column_text(0));
  return out;
}

std::optional<std::string> Store::id_of_path(const std::string& path) const {
  Stmt s(impl_->db.get(),
         "SELECT a.id FROM source s JOIN article a ON a.rowid = s.article WHERE s.path = ?1");
  s.bind(1, std::string_view(path));
  if (!s.step()) return std::nullopt;
  return std::string(s.column_text(0));
}

std::vector<Hit> Store::search(const SearchRequest& r) const {
  sqlite3* db = impl_->db.get();
  const bool ranked = r.match.has_value();
  const sqlite::Transaction snapshot(impl_->db, sqlite::Transaction::Kind::kDeferred);
  // First the page of rowids in order, then the columns of those rows only:
  // snippets and paths are costly, and ORDER BY would compute them for
  // every match.
  const std::vector<std::pair<std::int64_t, double>> rows =
      ranked && r.sort == SortOrder::kRelevance ? impl_->best_page(r) : impl_->page(r);

  std::string detail_sql = "SELECT a.id, a.date, a.title, ";
  detail_sql += ranked ? std::string(kSnippetFunction) + "(article_fts, char(1), char(2), '…', 24)"
                       : std::string("a.body");
  detail_sql += ", (SELECT min(path) FROM source WHERE article = a.rowid)";
  detail_sql += ranked ? " FROM article_fts JOIN article a ON a.rowid = article_fts.rowid"
                         " WHERE article_fts MATCH ?1 AND article_fts.rowid = ?2"
                       : " FROM article a WHERE a.rowid = ?2";
  Stmt detail(db, detail_sql);
  std::vector<Hit> hits;
  for (const auto& [rowid, score] : rows) {
    detail.reset();
    if (ranked) detail.bind(1, *r.match);
    detail.bind(2, rowid);
    if (!detail.step()) continue;  // deleted since the first query
    Hit h;
    h.id = detail.column_text(0);
    h.date = date_from_column(detail.column_optional_text(1));
    h.title = detail.column_text(2);
    if (ranked) {
      take_matches(detail.column_text(3), h);
    } else {
      const std::string_view body = detail.column_text(3);
      h.snippet = excerpt(body.substr(0, body.find("\n\n")), 160);
    }
    h.score = score;
    h.path = detail.column_text(4);
    hits.push_back(std::move(h));
  }
  return hits;
}

std::int64_t Store::count(const SearchRequest& r) const {
  Stmt s(impl_->db.get(), "SELECT count(*)" + from_clause(r) + where_clause(r));
  bind_filters(s, r);
  return step_query(s) ? s.column_int(0) : 0;
}

void Store::for_each_article(const SearchRequest& r,
                             const std::function<bool(const Article&)>& fn) const {
  Stmt s(impl_->db.get(), "SELECT a.rowid" + from_clause(r) + where_clause(r) +
                              date_order(SortOrder::kOldest) + " LIMIT ?4 OFFSET ?5");
  bind_filters(s, r);
  s.bind(4, r.limit).bind(5, r.offset);
  for (bool row = step_query(s); row; row = s.step()) {
    if (!fn(impl_->read_article(s.column_int(0)))) break;
  }
}

Stats Store::stats(DatePrecision by) const {
  Db& db = impl_->db;
  Stats st;
  st.articles = db.query_int("SELECT count(*) FROM article");
  st.sources = db.query_int("SELECT count(*) FROM source");
  st.duplicates = st.sources - db.query_int("SELECT count(DISTINCT article) FROM source");
  st.undated = db.query_int("SELECT count(*) FROM article WHERE date IS NULL");
  {
    Stmt s(db.get(), "SELECT min(date_start), max(date_end) FROM article");
    if (s.step()) {
      st.first_date = s.column_optional_text(0);
      st.last_date = s.column_optional_text(1);
    }
  }
  const int width = by == DatePrecision::kYear ? 4 : 7;
  Stmt h(db.get(),
         "SELECT substr(date, 1, ?1) AS period, count(*) FROM article WHERE date IS NOT NULL "
         "GROUP BY period ORDER BY period");
  h.bind(1, static_cast<std::int64_t>(width));
  while (h.step()) st.histogram.emplace_back(std::string(h.column_text(0)), h.column_int(1));
  std::error_code ec;
  for (const char* suffix : {"", "-wal"}) {
    const auto size = fs::file_size(impl_->path.string() + suffix, ec);
    if (!ec) st.db_bytes += static_cast<std::int64_t>(size);
  }
  return st;
}

}  // namespace newsidx
