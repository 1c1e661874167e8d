// newsidx show ID|PREFIX|PATH: print one article.
#include "cli/article_ref.hpp"
#include "cli/common.hpp"
#include "cli/pager.hpp"
#include "newsidx/error.hpp"
#include "newsidx/indexer.hpp"
#include "newsidx/json.hpp"
#include "newsidx/printer.hpp"
#include "newsidx/search_request.hpp"
#include "newsidx/store.hpp"
#include "newsidx/units.hpp"

namespace newsidx::cli {
namespace {

struct ShowCommand {
  bool json = false;
  bool raw = false;
  std::string query;
};

void run_show(const ShowCommand& opts, Context& ctx) {
  require_operands(ctx, "show", "an article (ID, PREFIX or PATH)", true);
  const std::string& what = ctx.operands[0];
  // Checked before the database is read: a bad query is a usage error.
  const SearchRequest request = make_search_request(opts.query, std::nullopt, std::nullopt, false);
  const Store store = open_store(ctx, Store::Access::kReadOnly);
  const std::optional<std::string> id = resolve_article(store, what, ctx);
  const std::optional<Article> article = id ? store.get(*id) : std::nullopt;
  if (!article) return;
  std::optional<TextMatches> marks;
  if (request.match) {
    marks = store.matches_in(article->id, *request.match);
    if (!marks) diag("note", "the query does not match this article");
    if (marks && marks->truncated) {
      diag("note", "only the first " + format_count(static_cast<std::int64_t>(kMaxMatchRanges)) +
                       " matches are marked");
    }
  }
  PagedOutput paged(ctx);
  if (opts.json) {
    out_line(article_json(*article));
  } else if (opts.raw) {
    out(article->raw);
    if (!article->raw.empty() && article->raw.back() != '\n') out("\n");
  } else {
    out(format_article(*article, color_for(ctx, 1), output_width(), marks ? &*marks : nullptr));
  }
  paged.finish();
}

}  // namespace

void add_show_command(CLI::App& app, Context& ctx) {
  auto opts = std::make_shared<ShowCommand>();
  CLI::App* cmd = app.add_subcommand(
      "show", "Print an article by id, unique id prefix of 4+ hex digits, or file path");
  add_global_options(*cmd, ctx);
  auto* json = cmd->add_flag("--json", opts->json, "The article model as one JSON object");
  auto* raw =
      cmd->add_flag("--raw", opts->raw, "The stored normalized text of the file")->excludes(json);
  cmd->add_option("--query", opts->query,
                  "Mark where this query matches in the article (colour on a terminal, "
                  "[brackets] otherwise)")
      ->excludes(json)
      ->excludes(raw);
  cmd->footer(
      "Examples:\n"
      "  newsidx show 1667243c\n"
      "  newsidx show 1667243c --query 'alep OR bombardements'\n"
      "  newsidx show --json data/2016/12/alep-treve.txt | jq .blocks");
  cmd->callback([opts, &ctx] { run_show(*opts, ctx); });
}

}  // namespace newsidx::cli
