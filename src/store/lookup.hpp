// Finding an article by what a user types for it: an id, an id prefix or a
// file path (show, forget). Private to the store.
//
// Functions of a connection; one thread at a time, like the connection.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "newsidx/store.hpp"
#include "store/sqlite.hpp"

namespace newsidx::store {

/// See Store::ids_with_prefix.
[[nodiscard]] std::vector<std::string> ids_with_prefix(sqlite::Db& db, std::string_view prefix,
                                                       std::size_t limit);

/// The rowid of the article with this exact id, or nullopt.
[[nodiscard]] std::optional<std::int64_t> rowid_of(sqlite::Db& db, std::string_view id);

/// See Store::id_of_path.
[[nodiscard]] std::optional<std::string> id_of_path(sqlite::Db& db, std::string_view path);

/// See Store::find_article.
[[nodiscard]] ArticleLookup find_article(sqlite::Db& db, std::string_view what, std::size_t limit);

/// See Store::paths_of.
[[nodiscard]] std::vector<std::string> paths_of(sqlite::Db& db, std::string_view id);

}  // namespace newsidx::store
