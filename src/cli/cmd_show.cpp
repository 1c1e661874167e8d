// newsidx show ID|PREFIX|PATH: print one article.
#include "cli/article_ref.hpp"
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

void run_show(const ShowCommand& opts, Context& ctx) {
  const Store store = open_store(ctx, Store::Access::kReadOnly);
  const std::optional<std::string> id = resolve_article(store, opts.what, ctx);
  const std::optional<Article> article = id ? store.get(*id) : std::nullopt;
  if (!article) return;
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
