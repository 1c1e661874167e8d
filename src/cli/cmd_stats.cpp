// newsidx stats [QUERY] [date filters]: what the database holds; with a
// query or dates, how many articles match, per year or month.
#include "cli/common.hpp"
#include "cli/pager.hpp"
#include "newsidx/json.hpp"
#include "newsidx/printer.hpp"
#include "newsidx/store.hpp"

namespace newsidx::cli {
namespace {

struct StatsCommand {
  FilterOptions filter;
  std::string by = "year";
  bool json = false;
};

void run_stats(const StatsCommand& opts, Context& ctx) {
  const DatePrecision by = opts.by == "month" ? DatePrecision::kMonth : DatePrecision::kYear;
  const SearchRequest request = filter_request(ctx, opts.filter, false);
  const bool timeline = request.match || request.from || request.to;
  const Store store = open_store(ctx, Store::Access::kReadOnly);
  PagedOutput paged(ctx);
  if (timeline) {
    Timeline t = store.timeline(request, by);
    t.query = operand_text(ctx);
    out(opts.json ? timeline_json(t) + "\n"
                  : format_timeline(t, color_for(ctx, 1), output_width()));
    ctx.exit_code = t.articles > 0 ? kExitOk : kExitNothing;
  } else {
    const Stats stats = store.stats(by);
    out(opts.json ? stats_json(stats) + "\n"
                  : format_stats(stats, color_for(ctx, 1), output_width()));
  }
  paged.finish();
}

}  // namespace

void add_stats_command(CLI::App& app, Context& ctx) {
  auto opts = std::make_shared<StatsCommand>();
  CLI::App* cmd = app.add_subcommand(
      "stats",
      "Counts, date range and a histogram of articles; with a query or dates, how many match "
      "per year or month, among all articles of the period");
  add_global_options(*cmd, ctx);
  add_filter_options(*cmd, opts->filter);
  cmd->add_option("--by", opts->by, "Histogram per year (default) or month")
      ->check(CLI::IsMember({"year", "month"}));
  cmd->add_flag("--json", opts->json, "The figures as one JSON object");
  cmd->footer(
      "With a query (the language of search) or a date filter, each period shows the\n"
      "articles that match, all the articles of the period, and the rate per 1,000.\n"
      "Examples:\n"
      "  newsidx stats --by month\n"
      "  newsidx stats --json | jq .articles\n"
      "  newsidx stats bombardements --by month --from 2016\n"
      "  newsidx stats grève --json | jq -c '.histogram[]'");
  cmd->callback([opts, &ctx] { run_stats(*opts, ctx); });
}

}  // namespace newsidx::cli
