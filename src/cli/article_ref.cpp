#include "cli/article_ref.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <vector>

namespace newsidx::cli {
namespace {

// An id is 16 hex digits; like git, a prefix of 4 or more names it.
constexpr std::size_t kIdDigits = 16;
constexpr std::size_t kMinIdPrefix = 4;
// Candidates listed for an ambiguous prefix: enough to pick a longer one.
constexpr std::size_t kMaxCandidates = 10;

bool looks_like_id_prefix(std::string_view s) {
  return s.size() >= kMinIdPrefix && s.size() <= kIdDigits &&
         std::all_of(s.begin(), s.end(),
                     [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; });
}

}  // namespace

std::optional<std::string> resolve_article(const Store& store, const std::string& what,
                                           Context& ctx) {
  std::optional<std::string> id;
  if (looks_like_id_prefix(what)) {
    std::string prefix = what;
    std::transform(prefix.begin(), prefix.end(), prefix.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    const std::vector<std::string> ids = store.ids_with_prefix(prefix, kMaxCandidates);
    if (ids.size() > 1) {
      diag("error", "id prefix '" + what + "' is ambiguous; candidates:");
      for (const std::string& candidate : ids) {
        const std::string line = "  " + candidate + "\n";
        std::fputs(line.c_str(), stderr);
      }
      ctx.exit_code = kExitError;
      return std::nullopt;
    }
    if (ids.size() == 1) id = ids[0];
  }
  if (!id) id = store.id_of_path(std::filesystem::absolute(what).lexically_normal().string());
  if (!id || !store.get(*id)) {
    diag("error", "no article with id or path '" + what + "'");
    ctx.exit_code = kExitNothing;
    return std::nullopt;
  }
  return id;
}

}  // namespace newsidx::cli
