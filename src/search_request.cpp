#include "newsidx/error.hpp"
#include "newsidx/query.hpp"
#include "newsidx/search.hpp"

namespace newsidx {
namespace {

std::optional<Date> date_filter(std::string_view value, std::string_view option) {
  if (value.empty()) return std::nullopt;
  if (auto d = parse_iso_date(value)) return d;
  throw Error(ErrorCode::kQuery, std::string(option) + ": invalid date '" + std::string(value) +
                                     "' (expected YYYY, YYYY-MM or YYYY-MM-DD)");
}

bool all_space(std::string_view s) {
  return s.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

}  // namespace

SearchRequest make_search_request(std::string_view query, std::string_view from,
                                  std::string_view to, std::string_view date, bool need_filter) {
  SearchRequest r;
  if (!all_space(query)) r.match = to_fts5_match(query);
  if (!date.empty()) {
    if (!from.empty() || !to.empty()) {
      throw Error(ErrorCode::kQuery, "--date cannot be combined with --from or --to");
    }
    r.from = r.to = date_filter(date, "--date");
  } else {
    r.from = date_filter(from, "--from");
    r.to = date_filter(to, "--to");
  }
  if (r.from && r.to && r.from->first_day() > r.to->last_day()) {
    throw Error(ErrorCode::kQuery,
                "--from " + r.from->str() + " is after --to " + r.to->str());
  }
  if (need_filter && !r.match && !r.from && !r.to) {
    throw Error(ErrorCode::kQuery, "nothing to search for: give a query or a date filter");
  }
  r.sort = r.match ? SortOrder::kRelevance : SortOrder::kNewest;
  return r;
}

}  // namespace newsidx
