// Naming a stored article on the command line: an id, a unique id prefix of
// 4 or more hex digits (like git), or the path of one of its files.
#pragma once

#include <optional>
#include <string>

#include "cli/common.hpp"
#include "newsidx/store.hpp"

namespace newsidx::cli {

/// The id of the article `what` names, or nullopt after saying why on
/// stderr and setting ctx.exit_code: exit 1 when nothing has that id or
/// path, exit 2 for an ambiguous prefix (its candidates listed).
[[nodiscard]] std::optional<std::string> resolve_article(const Store& store,
                                                         const std::string& what, Context& ctx);

}  // namespace newsidx::cli
