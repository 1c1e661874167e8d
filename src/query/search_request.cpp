#include "newsidx/search_request.hpp"

#include "newsidx/error.hpp"
#include "newsidx/query.hpp"

namespace newsidx {
namespace {

bool all_space(std::string_view s) {
  return s.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

}  // namespace

Date parse_date_filter(std::string_view text) {
  const CalendarDate parsed = parse_calendar_date(text);
  if (parsed.date) return *parsed.date;
  if (parsed.problem.rfind("expected", 0) == 0) {
    throw Error(ErrorCode::kQuery,
                "invalid date '" + std::string(text) + "' (" + parsed.problem + ")");
  }
  throw Error(ErrorCode::kQuery, std::string(text) + ": " + parsed.problem);
}

SearchRequest make_search_request(std::string_view query, const std::optional<Date>& from,
                                  const std::optional<Date>& to, bool need_filter) {
  SearchRequest r;
  r.from = from;
  r.to = to;
  if (!all_space(query)) {
    // The query's own dates and the options' intersect.
    ParsedQuery parsed = parse_query(query);
    r.match = std::move(parsed.match);
    r.phrases = std::move(parsed.phrases);
    if (parsed.from && (!r.from || parsed.from->first_day() > r.from->first_day())) {
      r.from = parsed.from;
    }
    if (parsed.to && (!r.to || parsed.to->last_day() < r.to->last_day())) r.to = parsed.to;
  }
  if (r.from && r.to && r.from->first_day() > r.to->last_day()) {
    throw Error(ErrorCode::kQuery,
                "the start date " + r.from->str() + " is after the end date " + r.to->str());
  }
  if (need_filter && !r.match && !r.from && !r.to) {
    throw Error(ErrorCode::kQuery, "nothing to search for: give a query or a date filter");
  }
  r.sort = r.match ? SortOrder::kRelevance : SortOrder::kNewest;
  return r;
}

}  // namespace newsidx
