// Simplification of a parse tree before it is printed: unsearchable words
// dropped, nested groups flattened, repeated terms dropped, exclusions
// checked. Private to the query layer.
#pragma once

#include <optional>
#include <string_view>

#include "query/query_parser.hpp"

namespace newsidx::query {

// Throws when `node` is an exclusion standing where FTS5 needs something to
// exclude from (the whole query, an alternative, a title: or another
// exclusion).
void require_positive(const Node& node);

// Returns `node` without unsearchable words, with AND inside AND and OR
// inside OR flattened, single-item groups replaced by their item and a
// field inside the same field dropped; nullopt when nothing searchable is
// left. `field` is the column of the enclosing field, "" outside any.
// Throws for a field inside another one (which would find nothing).
std::optional<Node> simplify(Node node, std::string_view field);

}  // namespace newsidx::query
