#include "store/lookup.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>

namespace newsidx::store {
namespace {

// An id is 16 hex digits; like git, a prefix of 4 or more names it.
constexpr std::size_t kIdDigits = 16;
constexpr std::size_t kMinIdPrefix = 4;

bool looks_like_id_prefix(std::string_view s) {
  return s.size() >= kMinIdPrefix && s.size() <= kIdDigits &&
         std::all_of(s.begin(), s.end(),
                     [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; });
}

}  // namespace

std::vector<std::string> ids_with_prefix(sqlite::Db& db, std::string_view prefix,
                                         std::size_t limit) {
  // Ids are lower-case hex, all of which sort below 'g'.
  sqlite::Stmt s(db.get(),
                 "SELECT id FROM article WHERE id >= ?1 AND id < ?2 ORDER BY id LIMIT ?3");
  s.bind(1, prefix).bind(2, std::string(prefix) + "g").bind(3, static_cast<std::int64_t>(limit));
  std::vector<std::string> ids;
  while (s.step()) ids.emplace_back(s.column_text(0));
  return ids;
}

std::optional<std::int64_t> rowid_of(sqlite::Db& db, std::string_view id) {
  sqlite::Stmt s(db.get(), "SELECT rowid FROM article WHERE id = ?1");
  s.bind(1, id);
  if (!s.step()) return std::nullopt;
  return s.column_int(0);
}

std::optional<std::string> id_of_path(sqlite::Db& db, std::string_view path) {
  sqlite::Stmt s(
      db.get(),
      "SELECT a.id FROM source s JOIN article a ON a.rowid = s.article WHERE s.path = ?1");
  s.bind(1, path);
  if (!s.step()) return std::nullopt;
  return std::string(s.column_text(0));
}

ArticleLookup find_article(sqlite::Db& db, std::string_view what, std::size_t limit) {
  ArticleLookup found;
  if (looks_like_id_prefix(what)) {
    std::string prefix(what);
    std::transform(prefix.begin(), prefix.end(), prefix.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    found.ids = ids_with_prefix(db, prefix, std::max<std::size_t>(limit, 1));
    if (!found.ids.empty()) return found;
  }
  if (what.empty()) return found;
  const std::string path = std::filesystem::absolute(what).lexically_normal().string();
  if (auto id = id_of_path(db, path)) {
    found.ids.push_back(std::move(*id));
    found.path = path;
  }
  return found;
}

std::vector<std::string> paths_of(sqlite::Db& db, std::string_view id) {
  sqlite::Stmt s(db.get(),
                 "SELECT s.path FROM source s JOIN article a ON a.rowid = s.article "
                 "WHERE a.id = ?1 ORDER BY s.path");
  s.bind(1, id);
  std::vector<std::string> paths;
  while (s.step()) paths.emplace_back(s.column_text(0));
  return paths;
}

}  // namespace newsidx::store
