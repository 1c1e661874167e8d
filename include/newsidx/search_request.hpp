// Building a SearchRequest from what a user typed: the query and the dates
// of a period (SPEC §5.2).
//
// Stateless functions; safe to call from any thread.
#pragma once

#include <optional>
#include <string_view>

#include "newsidx/date.hpp"
#include "newsidx/search.hpp"

namespace newsidx {

/// Parses one date of a filter: any calendar date written `YYYY`, `YYYY-MM`
/// or `YYYY-MM-DD` (parse_calendar_date()), a future one included. Throws
/// Error(kQuery) "invalid date 'TEXT' (expected YYYY, YYYY-MM or YYYY-MM-DD)"
/// for another form, and "TEXT: WHY" for a day or month that does not exist
/// ("2019-02-30: February 2019 has 28 days").
[[nodiscard]] Date parse_date_filter(std::string_view text);

/// A request for `query` (may be empty or blank: then every article) over
/// the articles whose period overlaps [from, to] (either end may be open),
/// in relevance order with a query and newest first without one. Throws
/// Error(kQuery) for an invalid query, when `from` starts after `to` ends,
/// and when there is neither a query nor a date and `need_filter` is set.
[[nodiscard]] SearchRequest make_search_request(std::string_view query,
                                                const std::optional<Date>& from,
                                                const std::optional<Date>& to, bool need_filter);

}  // namespace newsidx
