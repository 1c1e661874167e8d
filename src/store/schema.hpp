// The database schema: its tables, how a new database gets them, and how an
// older one is upgraded. Private to the store.
//
// PRAGMA application_id tells a newsidx database from any other SQLite file;
// PRAGMA user_version is the schema number (kSchemaVersion in store.hpp).
// A new database is created at the current version directly; an older one
// goes through the upgrade steps, each from one version to the next, all in
// one transaction with the version number, so that a crash leaves the
// database at its old version, as it was.
#pragma once

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>

#include "newsidx/fts5_tokenizer.hpp"
#include "newsidx/store.hpp"
#include "store/sqlite.hpp"

namespace newsidx::store {

/// What an opened file holds, as far as newsidx is concerned.
struct SchemaState {
  bool empty = false;    ///< no tables, no application id: a new file
  std::int64_t version;  ///< PRAGMA user_version
};

/// Reads the application id and the schema version of the file open in `db`.
/// Throws Error(kDatabase) when it is another kind of database, or was
/// written by a newer newsidx.
[[nodiscard]] SchemaState inspect_schema(sqlite::Db& db, const std::filesystem::path& path);

/// Creates the current schema in an empty database (WAL journal, tables,
/// application id, version). REQUIRES: the French tokenizer is registered
/// on `db`; nobody else writes the file (the writer lock is held).
void create_schema(sqlite::Db& db);

/// What an upgrade step works with.
struct UpgradeContext {
  sqlite::Db& db;
  TokenReplay& replay;  ///< the queue the connection's tokenizer replays documents from
  const UpgradeProgress& progress;
};

/// One upgrade step: turns a database of version `from` into `from + 1`.
struct Upgrade {
  int from;
  const char* what;  ///< for messages: "re-index with the French analysis v2"
  void (*apply)(UpgradeContext& context);
  /// Whether this build reads a database of version `from` as it is, when
  /// it may not write it (what the step adds only makes searches faster).
  bool readable_before;
};

/// Whether this build reads a database of `version` as it is, without
/// `steps` (readable_before of each of them from `version` on).
[[nodiscard]] bool readable_as_is(std::int64_t version, std::span<const Upgrade> steps);

/// The columns of the full-text index, in order, after the rowid: title,
/// author, source, lead, body.
inline constexpr int kIndexColumns = 5;
inline constexpr int kTitleColumn = 0;
inline constexpr int kLeadColumn = 3;
inline constexpr int kBodyColumn = 4;
/// Adds one article to the full-text index: rowid, title, author, source,
/// lead, body.
inline constexpr const char* kInsertIndexSql =
    "INSERT INTO article_fts(rowid, title, author, source, lead, body) "
    "VALUES(?1, ?2, ?3, ?4, ?5, ?6)";

/// An upgrade step that rebuilds the full-text index, the vocabulary and
/// the near-duplicate clusters (clusters.hpp) from the stored text of every
/// article with the analysis of this build, reporting progress every few
/// hundred articles. REQUIRES: the tokenizer registered on the connection
/// replays from context.replay.
void reindex(UpgradeContext& context);

/// The steps from every older version to kSchemaVersion, oldest first.
[[nodiscard]] std::span<const Upgrade> upgrade_steps();

/// Brings a database of version `from` to version `to` with `steps`, in one
/// transaction, and sets user_version to `to`. Throws Error(kDatabase) when a
/// step is missing (the database is then untouched) or fails (rolled back).
/// REQUIRES: from < to; the writer lock is held.
void upgrade_schema(UpgradeContext& context, std::int64_t from, int to,
                    std::span<const Upgrade> steps);

}  // namespace newsidx::store
