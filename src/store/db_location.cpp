#include "newsidx/db_location.hpp"

#include "newsidx/error.hpp"

namespace newsidx {
namespace {

bool set(const std::optional<std::string>& v) {
  return v && !v->empty();
}

}  // namespace

std::filesystem::path resolve_db_path(const DbLocation& where) {
  if (where.option && where.option->empty()) {
    throw Error(ErrorCode::kUsage, "the database path is empty");
  }
  if (set(where.option)) return *where.option;
  if (set(where.newsidx_db)) return *where.newsidx_db;
  if (set(where.xdg_data_home) && std::filesystem::path(*where.xdg_data_home).is_absolute()) {
    return std::filesystem::path(*where.xdg_data_home) / "newsidx" / "newsidx.db";
  }
  if (set(where.home)) {
    return std::filesystem::path(*where.home) / ".local" / "share" / "newsidx" / "newsidx.db";
  }
  throw Error(ErrorCode::kUsage,
              "no database location: no path given, and neither NEWSIDX_DB nor HOME is set");
}

}  // namespace newsidx
