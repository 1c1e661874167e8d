// newsidx similar ID|PREFIX|PATH: the near duplicates of an article.
#include "cli/article_ref.hpp"
#include "cli/common.hpp"
#include "newsidx/json.hpp"
#include "newsidx/printer.hpp"
#include "newsidx/store.hpp"

namespace newsidx::cli {
namespace {

struct SimilarCommand {
  bool json = false;
};

void run_similar(const SimilarCommand& opts, Context& ctx) {
  require_operands(ctx, "similar", "an article (ID, PREFIX or PATH)", true);
  const Store store = open_store(ctx, Store::Access::kReadOnly);
  const std::optional<std::string> id = resolve_article(store, ctx.operands[0], ctx);
  if (!id) return;
  const std::vector<SimilarArticle> similar = store.similar(*id);
  const bool color = color_for(ctx, 1);
  for (const SimilarArticle& a : similar) {
    if (opts.json) {
      out_line(similar_json(a));
    } else {
      out(format_similar(a, color));
    }
  }
  ctx.exit_code = similar.empty() ? kExitNothing : kExitOk;
}

}  // namespace

void add_similar_command(CLI::App& app, Context& ctx) {
  auto opts = std::make_shared<SimilarCommand>();
  CLI::App* cmd = app.add_subcommand(
      "similar", "List the near duplicates (wire copies) of an article, with their resemblance");
  add_global_options(*cmd, ctx);
  cmd->add_flag("--json", opts->json, "One JSON object per near duplicate (JSON Lines)");
  cmd->footer(
      "Near duplicates share at least 40 % of their 4-word sequences (estimated resemblance\n"
      "0.40 or more), directly or through other copies of the same cluster; the\n"
      "resemblance shown is to the article given. Exit 1 when it has none.\n"
      "Examples:\n"
      "  newsidx similar 1667243c\n"
      "  newsidx similar --json data/2016/12/alep-treve.txt | jq .resemblance");
  cmd->callback([opts, &ctx] { run_similar(*opts, ctx); });
}

}  // namespace newsidx::cli
