// The vocabulary: the word families of the index (see fts5_tokenizer.hpp),
// kept in the `vocabulary` table as (stem, folded form) pairs. Private to
// the store.
//
// The index holds the folded forms of the words; a query word is searched
// as every form listed under its stems. Pairs are added as articles are
// written and never removed: a form listed under a stem that no stored
// article still gives only widens that family by a form that may match
// nothing.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "newsidx/fts5_tokenizer.hpp"
#include "store/sqlite.hpp"

namespace newsidx::store {

/// The table, for schema.cpp.
inline constexpr const char* kVocabularySchema =
    "CREATE TABLE IF NOT EXISTS vocabulary(\n"
    "  stem TEXT NOT NULL,   -- a stem A or B of a word (analyzer.hpp)\n"
    "  word TEXT NOT NULL,   -- a folded form that the index holds\n"
    "  PRIMARY KEY (stem, word)\n"
    ") WITHOUT ROWID;\n";

/// The families a connection's tokenizer reads queries with. Keeps its
/// statement from the first lookup (a query looks up each of its words once
/// for the page, then again for each hit read), so whoever owns the
/// connection calls release() before closing it: a statement still alive,
/// held by the tokenizer's registration, would keep it from closing. Finds
/// nothing in a database without the table (an older schema not yet
/// upgraded).
class StoreFamilies : public WordFamilies {
 public:
  explicit StoreFamilies(sqlite3* db) : db_(db) {}
  void append_words(std::string_view stem, std::vector<std::string>& out) override;
  /// Finalizes the statement; a later lookup prepares it again.
  void release() { lookup_.reset(); }

 private:
  sqlite3* db_;
  std::optional<sqlite::Stmt> lookup_;
};

/// Adds the pairs of written documents to the table, each pair once per
/// writer (documents from several threads list the same pairs a few times).
/// Belongs to one thread, like its connection.
class VocabularyWriter {
 public:
  explicit VocabularyWriter(sqlite::Db& db);

  /// Adds the pairs that `tokens` lists and this writer has not added yet.
  void add(const DocumentTokens& tokens);

 private:
  sqlite::Stmt insert_;
  SeenFamilies added_;
};

}  // namespace newsidx::store
