// Where the database lives (SPEC §3): the path from an explicit choice, the
// environment, or the XDG default.
//
// Stateless; the library reads no environment: the caller passes the values.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace newsidx {

/// The values that decide the database location; the CLI fills them from
/// its options and the environment.
struct DbLocation {
  std::optional<std::string> option;         ///< a path the user gave (--db)
  std::optional<std::string> newsidx_db;     ///< $NEWSIDX_DB
  std::optional<std::string> xdg_data_home;  ///< $XDG_DATA_HOME
  std::optional<std::string> home;           ///< $HOME
};

/// `option`, else `newsidx_db`, else `xdg_data_home`/newsidx/newsidx.db, else
/// `home`/.local/share/newsidx/newsidx.db. Empty variables count as unset,
/// and so does a relative `xdg_data_home` (as the XDG spec says). Throws
/// Error(kUsage) when `option` is given but empty ("the database path is
/// empty"), and when none applies.
[[nodiscard]] std::filesystem::path resolve_db_path(const DbLocation& where);

}  // namespace newsidx
