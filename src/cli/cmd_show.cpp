// newsidx show ID|PREFIX|PATH: print one article.
#include <algorithm>
#include <cctype>
#include <filesystem>

#include "cli/common.hpp"
#include "newsidx/error.hpp"
#include "newsidx/json.hpp"
#include "newsidx/printer.hpp"
#include "newsidx/store.hpp"

namespace newsidx::cli {
namespace {

struct ShowCommand {
  std::string what;
  bool json = false;
  bool raw = false;
};

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

void run_show(const ShowCommand& opts, Context& ctx) {
  const Store store = open_store(ctx, Store::Access::kReadOnly);
  std::optional<std::string> id;
  if (looks_like_id_prefix(opts.what)) {
    std::string prefix = opts.what;
    std::transform(prefix.begin(), prefix.end(), prefix.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    const std::vector<std::string> ids = store.ids_with_prefix(prefix, kMaxCandidates);
    if (ids.size() > 1) {
      diag("error", "id prefix '" + opts.what + "' is ambiguous; candidates:");
      for (const std::string& candidate : ids) {
        const std::string line = "  " + candidate + "\n";
        std::fputs(line.c_str(), stderr);
      }
      ctx.exit_code = kExitError;
      return;
    }
    if (ids.size() == 1) id = ids[0];
  }
  if (!id) id = store.id_of_path(std::filesystem::absolute(opts.what).lexically_normal().string());
  const std::optional<Article> article = id ? store.get(*id) : std::nullopt;
  if (!article) {
    diag("error", "no article with id or path '" + opts.what + "'");
    ctx.exit_code = kExitNothing;
    return;
  }
  if (opts.json) {
    out_line(article_json(*article));
  } else if (opts.raw) {
    out(article->raw);
    if (!article->raw.empty() && article->raw.back() != '\n') out("\n");
  } else {
    out(format_article(*article, color_for(ctx, 1)));
  }
}

}  // namespace

void add_show_command(CLI::App& app, Context& ctx) {
  auto opts = std::make_shared<ShowCommand>();
  CLI::App* cmd = app.add_subcommand("show", "Print an article by id, id prefix or file path");
  add_global_options(*cmd, ctx);
  cmd->add_option("article", opts->what, "Id, unique prefix of 4+ hex digits, or path")->required();
  auto* json = cmd->add_flag("--json", opts->json, "The article model as one JSON object");
  cmd->add_flag("--raw", opts->raw, "The stored normalized text of the file")->excludes(json);
  cmd->footer(
      "Examples:\n"
      "  newsidx show 1667243c\n"
      "  newsidx show --json data/2016/12/alep-treve.txt | jq .blocks");
  cmd->callback([opts, &ctx] { run_show(*opts, ctx); });
}

}  // namespace newsidx::cli
