// newsidx stats: what the database holds.
#include "cli/common.hpp"
#include "newsidx/json.hpp"
#include "newsidx/printer.hpp"
#include "newsidx/store.hpp"

namespace newsidx::cli {
namespace {

struct StatsCommand {
  std::string by = "year";
  bool json = false;
};

void run_stats(const StatsCommand& opts, Context& ctx) {
  const Store store = open_store(ctx, Store::Access::kReadOnly);
  const Stats stats =
      store.stats(opts.by == "month" ? DatePrecision::kMonth : DatePrecision::kYear);
  if (opts.json) {
    out_line(stats_json(stats));
  } else {
    out(format_stats(stats, color_for(ctx, 1)));
  }
}

}  // namespace

void add_stats_command(CLI::App& app, Context& ctx) {
  auto opts = std::make_shared<StatsCommand>();
  CLI::App* cmd = app.add_subcommand("stats", "Counts, date range and a histogram of articles");
  add_global_options(*cmd, ctx);
  cmd->add_option("--by", opts->by, "Histogram per year (default) or month")
      ->check(CLI::IsMember({"year", "month"}));
  cmd->add_flag("--json", opts->json, "The figures as one JSON object");
  cmd->footer(
      "Examples:\n"
      "  newsidx stats --by month\n"
      "  newsidx stats --json | jq .articles");
  cmd->callback([opts, &ctx] { run_stats(*opts, ctx); });
}

}  // namespace newsidx::cli
