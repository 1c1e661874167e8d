// The figures of `newsidx stats` and `newsidx stats QUERY`, read from the
// database. Private to the store.
#pragma once

#include <filesystem>

#include "newsidx/date.hpp"
#include "newsidx/search.hpp"
#include "newsidx/stats.hpp"
#include "store/sqlite.hpp"

namespace newsidx::store {

/// The figures of the database open in `db` at `path`, with the histogram
/// per year or month (see Store::stats).
[[nodiscard]] Stats read_stats(sqlite::Db& db, const std::filesystem::path& path,
                               DatePrecision histogram_by);

/// The timeline of the articles `request` selects, per year or month (see
/// Store::timeline).
[[nodiscard]] Timeline read_timeline(sqlite::Db& db, const SearchRequest& request,
                                     DatePrecision by);

}  // namespace newsidx::store
