// The `date:` items of a query: taken out of its tree into the period of a
// ParsedQuery. Private to the query layer.
#pragma once

#include <optional>

#include "newsidx/query.hpp"
#include "query/query_parser.hpp"

namespace newsidx::query {

// Takes the `date:` items that apply to the whole query (the query, or one
// of its AND items) out of `root` into `out`.
void take_dates(std::optional<Node>& root, ParsedQuery& out);

}  // namespace newsidx::query
