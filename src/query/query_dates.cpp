#include "query/query_dates.hpp"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "newsidx/date.hpp"
#include "query/query_error.hpp"

namespace newsidx::query {
namespace {

// The period of a `date:` item: `A..B`, `A..`, `..B` or `A` (= `A..A`).
void read_period(const Node& node, ParsedQuery& out) {
  const std::string& text = node.term.text;
  const auto date = [&](std::string_view part) {
    std::optional<Date> d = parse_iso_date(part);
    if (!d) {
      fail("invalid date '" + std::string(part) + "' at column " + std::to_string(node.column) +
           " (expected date:YYYY, date:YYYY-MM, date:YYYY-MM-DD or a period date:A..B)");
    }
    return *d;
  };
  const std::size_t dots = text.find("..");
  std::optional<Date> from;
  std::optional<Date> to;
  if (dots == std::string::npos) {
    from = to = date(text);
  } else {
    if (dots > 0) from = date(std::string_view(text).substr(0, dots));
    if (dots + 2 < text.size()) to = date(std::string_view(text).substr(dots + 2));
    if (!from && !to) fail_at("date:", node.column, " must be followed by a date or a period");
  }
  // Several periods: their intersection.
  if (from && (!out.from || from->first_day() > out.from->first_day())) out.from = from;
  if (to && (!out.to || to->last_day() < out.to->last_day())) out.to = to;
}

// Throws at the first `date:` left in `node`: one inside OR, NOT, NEAR or a
// field, where a period cannot apply.
void forbid_dates(const Node& node) {
  if (node.kind == NodeKind::kDate) {
    fail_at("date:", node.column, " must apply to the whole query, not inside OR, NOT or a field");
  }
  for (const Node& child : node.children) forbid_dates(child);
}

}  // namespace

void take_dates(std::optional<Node>& root, ParsedQuery& out) {
  if (!root) return;
  if (root->kind == NodeKind::kDate) {
    read_period(*root, out);
    root.reset();
    return;
  }
  if (root->kind == NodeKind::kAnd) {
    std::vector<Node> rest;
    for (Node& child : root->children) {
      if (child.kind == NodeKind::kDate) {
        read_period(child, out);
      } else {
        rest.push_back(std::move(child));
      }
    }
    if (rest.empty()) {
      root.reset();
      return;
    }
    if (rest.size() == 1) {
      root = std::move(rest.front());
    } else {
      root->children = std::move(rest);
    }
  }
  forbid_dates(*root);
}

}  // namespace newsidx::query
