// newsidx search [QUERY] [date filters]: find articles.
#include "cli/common.hpp"
#include "newsidx/error.hpp"
#include "newsidx/json.hpp"
#include "newsidx/printer.hpp"
#include "newsidx/store.hpp"

namespace newsidx::cli {
namespace {

struct SearchCommand {
  FilterOptions filter;
  std::string sort;
  std::int64_t limit = 20;
  std::int64_t offset = 0;
  bool count = false;
  bool json = false;
  bool no_collapse = false;
};

void run_search(const CLI::App& cmd, const SearchCommand& opts, Context& ctx) {
  SearchRequest request = filter_request(cmd, opts.filter, true);
  if (opts.sort == "newest") request.sort = SortOrder::kNewest;
  if (opts.sort == "oldest") request.sort = SortOrder::kOldest;
  if (opts.sort == "relevance") {
    if (!request.match) throw Error(ErrorCode::kUsage, "--sort relevance needs a query");
    request.sort = SortOrder::kRelevance;
  }
  request.limit = opts.limit;
  request.offset = opts.offset;
  request.collapse = !opts.no_collapse;

  const Store store = open_store(ctx, Store::Access::kReadOnly);
  if (opts.count) {
    const std::int64_t n = store.count(request);
    out_line(std::to_string(n));
    ctx.exit_code = n > 0 ? kExitOk : kExitNothing;
    return;
  }
  const std::vector<Hit> hits = store.search(request);
  const bool color = color_for(ctx, 1);
  for (const Hit& h : hits) {
    if (opts.json) {
      out_line(hit_json(h));
    } else {
      out(format_hit(h, color));
    }
  }
  ctx.exit_code = hits.empty() ? kExitNothing : kExitOk;
}

}  // namespace

void add_search_command(CLI::App& app, Context& ctx) {
  auto opts = std::make_shared<SearchCommand>();
  CLI::App* cmd = app.add_subcommand("search", "Find articles by words, phrases and dates");
  add_global_options(*cmd, ctx);
  add_filter_options(*cmd, opts->filter);
  cmd->add_option("--sort", opts->sort, "relevance (default with a query), newest, oldest")
      ->check(CLI::IsMember({"relevance", "newest", "oldest"}));
  cmd->add_option("-n,--limit", opts->limit, "Results to show (default 20)")
      ->check(count_validator());
  cmd->add_option("--offset", opts->offset, "Results to skip first")->check(count_validator());
  cmd->add_flag("-c,--count", opts->count, "Print only the number of matching articles");
  cmd->add_flag("--json", opts->json, "One JSON object per hit (JSON Lines)");
  cmd->add_flag("--no-collapse", opts->no_collapse,
                "Show near duplicates (wire copies) as hits of their own");
  cmd->footer(
      "Query language: words (all must match), \"a phrase\", alep OR homs, (a OR b) c,\n"
      "-word or NOT word, prefix*, title:word, =word (this form only, not stemmed),\n"
      "author:word, source:word, lead:word (first paragraph), NEAR(a b, 5), a NEAR/5 b,\n"
      "date:2016-12..2017-03 (ANDed with the rest and with --from/--to).\n"
      "Near duplicates of a hit are folded under it (+N similar); --limit and --offset\n"
      "count the hits shown, --count counts every matching article.\n"
      "Examples:\n"
      "  newsidx search \"reprise d'Alep\" --from 2016-12\n"
      "  newsidx search '(grève OR manifestation) -title:retraites' --sort newest\n"
      "  newsidx search --date 2019 --count\n"
      "  newsidx search 'NEAR(reprise Alep, 5)' --from 'décembre 2016'\n"
      "  newsidx search 'source:courrier date:2016..2019' --count");
  cmd->callback([cmd, opts, &ctx] { run_search(*cmd, *opts, ctx); });
}

}  // namespace newsidx::cli
