// Store: the facade over the store's parts (see store.hpp): it opens the
// database in the right order and hands each call to the part that does it.
#include "newsidx/store.hpp"

#include <unistd.h>

#include "newsidx/error.hpp"
#include "newsidx/fts5_tokenizer.hpp"
#include "store/article_codec.hpp"
#include "store/clusters.hpp"
#include "store/did_you_mean.hpp"
#include "store/lookup.hpp"
#include "store/match_ranges.hpp"
#include "store/match_terms.hpp"
#include "store/open.hpp"
#include "store/ranking.hpp"
#include "store/schema.hpp"
#include "store/search.hpp"
#include "store/snippet.hpp"
#include "store/sqlite.hpp"
#include "store/stats.hpp"
#include "store/vocabulary.hpp"
#include "store/writer.hpp"
#include "store/writer_lock.hpp"

namespace newsidx {
namespace fs = std::filesystem;

struct Store::Impl {
  fs::path path;
  // Declared before `db` so that it is released after the connection closes:
  // closing any descriptor of the file earlier would drop SQLite's own locks.
  store::WriterLock lock;
  // Declared before `db`: its tokenizers point to it until the connection closes.
  TokenReplay replay;
  sqlite::Db db;
  // Declared after `db`: releases the families' statement before it closes.
  struct FamiliesRelease {
    std::shared_ptr<store::StoreFamilies> families;
    ~FamiliesRelease() {
      if (families) families->release();
    }
  } families;
  std::optional<store::Writer> writer;
  std::optional<store::ArticleReader> reader;
  Ranking ranking;
  HitReading hit_reading;

  Impl(const fs::path& p, Access access, const StoreOptions& options)
      : path(p),
        db(access == Access::kReadWrite ? store::open_for_writing(p) : store::open_for_reading(p)),
        ranking(options.ranking),
        hit_reading(options.hit_reading) {
    const bool writable = access == Access::kReadWrite;
    sqlite3_busy_timeout(db.get(), static_cast<int>(options.busy_timeout.count()));
    // A writer decides whether the database is new, or old, only once it
    // is the one writer: two ingests started together into a new file then
    // run one after the other.
    if (writable) lock = store::WriterLock(p, options.busy_timeout);
    std::int64_t ignored = 0;
    if (const int rc = db.probe_int("PRAGMA application_id", ignored); rc != SQLITE_OK) {
      store::fail_first_read(db, rc, p, writable);
    }
    TokenizerHooks hooks;
    hooks.replay = &replay;
    families.families = std::make_shared<store::StoreFamilies>(db.get());
    hooks.families = families.families;
    register_french_tokenizer(db.get(), hooks);
    register_snippet_function(db.get());
    store::register_match_ranges_function(db.get());
    store::register_match_terms(db.get());
    const store::SchemaState state = store::inspect_schema(db, p);
    if (state.empty) {
      if (!writable) throw Error(ErrorCode::kNoDatabase, p.string() + " is an empty database");
      store::create_schema(db);
    } else if (state.version < kSchemaVersion) {
      upgrade(state.version, writable, options);
    }
    if (writable) writer.emplace(db, replay);
  }

  /// Brings an older schema up to date: here for a writer, through a
  /// writer of its own for a reader.
  void upgrade(std::int64_t from, bool writable, const StoreOptions& options) {
    if (writable) {
      store::UpgradeContext context{db, replay, options.on_upgrade};
      store::upgrade_schema(context, from, kSchemaVersion, store::upgrade_steps());
      // An upgrade that re-indexes fills the WAL with the whole index: its
      // pages are in the database now, and the file's space is given back.
      db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
      return;
    }
    const bool readable = store::readable_as_is(from, store::upgrade_steps());
    if (::access(path.c_str(), W_OK) != 0) {
      if (readable) return;
      throw Error(ErrorCode::kDatabase, path.string() + " has schema " + std::to_string(from) +
                                            " of an older newsidx: it must be upgraded by a "
                                            "user who may write it");
    }
    if (!readable) {
      const Store upgraded(path, Access::kReadWrite, options);
      return;
    }
    // What the upgrade adds only makes searches faster: it is done now if
    // the database may be written at once, else left to a later command
    // (another newsidx is writing it, or its folder is read-only).
    StoreOptions at_once = options;
    at_once.busy_timeout = std::chrono::milliseconds(0);
    try {
      const Store upgraded(path, Access::kReadWrite, at_once);
    } catch (const Error&) {
    }
  }

  store::Writer& write() {
    if (!writer) throw Error(ErrorCode::kInternal, "the database was opened read-only");
    return *writer;
  }

  store::ArticleReader& read() {
    if (!reader) reader.emplace(db);
    return *reader;
  }
};

Store::Store(const fs::path& path, Access access, const StoreOptions& options)
    : impl_(std::make_unique<Impl>(path, access, options)) {}

Store::~Store() = default;
Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&&) noexcept = default;

const fs::path& Store::path() const {
  return impl_->path;
}

void Store::for_each_source(
    const std::function<void(std::string_view, const FileStamp&)>& fn) const {
  impl_->write().for_each_source(fn);
}

void Store::settle() {
  impl_->write().settle();
}

void Store::begin_batch() {
  impl_->write().begin_batch();
}

void Store::commit_batch() {
  impl_->write().commit_batch();
}

PutOutcome Store::put(const Article& article, const FileStamp& stamp, const ArticleTokens* tokens) {
  return impl_->write().put(article, stamp, tokens);
}

bool Store::forget_source(const std::string& path) {
  return impl_->write().forget_source(path);
}

std::optional<Article> Store::get(std::string_view id) const {
  const std::optional<std::int64_t> rowid = store::rowid_of(impl_->db, id);
  if (!rowid) return std::nullopt;
  return impl_->read().read(*rowid);
}

std::vector<std::string> Store::ids_with_prefix(std::string_view prefix, std::size_t limit) const {
  return store::ids_with_prefix(impl_->db, prefix, limit);
}

std::optional<std::string> Store::id_of_path(const std::string& path) const {
  return store::id_of_path(impl_->db, path);
}

std::vector<Hit> Store::search(const SearchRequest& request,
                               std::optional<std::int64_t>* counted) const {
  std::int64_t matches = -1;
  std::vector<Hit> hits =
      store::search(impl_->db, request, &matches, impl_->ranking, impl_->hit_reading);
  if (counted != nullptr) *counted = matches >= 0 ? std::optional(matches) : std::nullopt;
  return hits;
}

std::int64_t Store::count(const SearchRequest& request) const {
  return store::count(impl_->db, request);
}

void Store::for_each_article(const SearchRequest& request,
                             const std::function<bool(const Article&)>& fn) const {
  store::for_each_article(impl_->db, impl_->read(), request, fn);
}

Stats Store::stats(DatePrecision histogram_by) const {
  return store::read_stats(impl_->db, impl_->path, histogram_by);
}

Timeline Store::timeline(const SearchRequest& request, DatePrecision by) const {
  return store::read_timeline(impl_->db, request, by);
}

ForgetOutcome Store::forget_path(const std::string& path) {
  return impl_->write().forget_path(path);
}

ArticleLookup Store::find_article(std::string_view what, std::size_t limit) const {
  return store::find_article(impl_->db, what, limit);
}

std::vector<std::string> Store::paths_of(std::string_view id) const {
  return store::paths_of(impl_->db, id);
}

std::optional<TextMatches> Store::matches_in(std::string_view id, const std::string& match) const {
  return store::matches_in(impl_->db, id, match);
}

std::vector<SimilarArticle> Store::similar(std::string_view id) const {
  const std::optional<std::int64_t> rowid = store::rowid_of(impl_->db, id);
  if (!rowid) return {};
  return store::similar_articles(impl_->db, *rowid);
}

std::vector<WordSuggestion> Store::suggest_words(const std::vector<std::string>& words) const {
  const sqlite::Transaction snapshot(impl_->db, sqlite::Transaction::Kind::kDeferred);
  return store::suggest_words(impl_->db, words);
}

}  // namespace newsidx
