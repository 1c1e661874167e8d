// The figures of `newsidx stats`, read from the database. Private to the store.
#pragma once

#include <filesystem>

#include "newsidx/date.hpp"
#include "newsidx/stats.hpp"
#include "store/sqlite.hpp"

namespace newsidx::store {

/// The figures of the database open in `db` at `path`, with the histogram
/// per year or month (see Store::stats).
[[nodiscard]] Stats read_stats(sqlite::Db& db, const std::filesystem::path& path,
                               DatePrecision histogram_by);

}  // namespace newsidx::store
