// Where the database lives (SPEC §3).
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace newsidx {

/// The values that decide the database location; the CLI fills them from
/// its options and the environment (the library reads no environment).
struct DbLocation {
  std::optional<std::string> option;         ///< --db
  std::optional<std::string> newsidx_db;     ///< $NEWSIDX_DB
  std::optional<std::string> xdg_data_home;  ///< $XDG_DATA_HOME
  std::optional<std::string> home;           ///< $HOME
};

/// --db, else $NEWSIDX_DB, else $XDG_DATA_HOME/newsidx/newsidx.db, else
/// ~/.local/share/newsidx/newsidx.db. Empty variables count as unset, and
/// so does a relative $XDG_DATA_HOME (as the XDG spec says). Throws
/// Error(kUsage) when none applies (no HOME), or when --db is given empty.
[[nodiscard]] std::filesystem::path resolve_db_path(const DbLocation& where);

}  // namespace newsidx
