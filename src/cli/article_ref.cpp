#include "cli/article_ref.hpp"

#include <cstdio>

#include "newsidx/indexer.hpp"

namespace newsidx::cli {

std::optional<std::string> resolve_article(const Store& store, const std::string& what,
                                           Context& ctx) {
  const ArticleLookup found = store.find_article(what, kMaxIdCandidates);
  if (found.ids.size() > 1) {
    diag("error", "id prefix '" + what + "' is ambiguous; candidates:");
    for (const std::string& candidate : found.ids) {
      const std::string line = "  " + candidate + "\n";
      std::fputs(line.c_str(), stderr);
    }
    ctx.exit_code = kExitError;
    return std::nullopt;
  }
  if (found.ids.empty()) {
    diag("error", "no article with id or path '" + what + "'");
    ctx.exit_code = kExitNothing;
    return std::nullopt;
  }
  return found.ids[0];
}

}  // namespace newsidx::cli
