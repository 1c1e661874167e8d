// newsidx export [QUERY] [date filters]: articles as JSON Lines.
#include "cli/common.hpp"
#include "newsidx/json.hpp"
#include "newsidx/store.hpp"

namespace newsidx::cli {
namespace {

struct ExportCommand {
  FilterOptions filter;
  std::string format = "jsonl";
};

void run_export(const CLI::App& cmd, const ExportCommand& opts, Context& ctx) {
  SearchRequest request = filter_request(cmd, opts.filter, false);
  request.limit = -1;
  const Store store(db_path(ctx), Store::Access::kReadOnly);
  std::int64_t n = 0;
  store.for_each_article(request, [&](const Article& a) {
    out_line(article_json(a));
    ++n;
    return true;
  });
  ctx.exit_code = n > 0 ? kExitOk : kExitNothing;
}

}  // namespace

void add_export_command(CLI::App& app, Context& ctx) {
  auto opts = std::make_shared<ExportCommand>();
  CLI::App* cmd = app.add_subcommand("export", "Write articles as JSON Lines of the article model");
  add_global_options(*cmd, ctx);
  add_filter_options(*cmd, opts->filter);
  cmd->add_option("--format", opts->format, "jsonl (default)")->check(CLI::IsMember({"jsonl"}));
  cmd->footer(
      "Examples:\n"
      "  newsidx export > archive.jsonl\n"
      "  newsidx export inondations --from 2010 | jq -r .title");
  cmd->callback([cmd, opts, &ctx] { run_export(*cmd, *opts, ctx); });
}

}  // namespace newsidx::cli
