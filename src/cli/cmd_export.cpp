// newsidx export [QUERY] [date filters]: articles as JSON Lines, or as an
// OpenSearch bulk request.
#include "cli/common.hpp"
#include "newsidx/error.hpp"
#include "newsidx/json.hpp"
#include "newsidx/store.hpp"

namespace newsidx::cli {
namespace {

struct ExportCommand {
  FilterOptions filter;
  std::string format = "jsonl";
  std::string index = "newsidx";
  std::int64_t limit = -1;
  std::int64_t offset = 0;
};

void run_export(const CLI::App& cmd, const ExportCommand& opts, Context& ctx) {
  const bool opensearch = opts.format == "opensearch";
  if (cmd.count("--index") > 0 && !opensearch) {
    throw Error(ErrorCode::kUsage, "--index needs --format opensearch");
  }
  if (const auto problem = opensearch_index_problem(opts.index); opensearch && problem) {
    throw Error(ErrorCode::kUsage, "--index: invalid index name '" + opts.index + "': " + *problem);
  }
  refuse_zero_limit(cmd, opts.limit);
  SearchRequest request = filter_request(ctx, opts.filter, false);
  request.limit = opts.limit;
  request.offset = opts.offset;
  const Store store = open_store(ctx, Store::Access::kReadOnly);
  std::int64_t n = 0;
  store.for_each_article(request, [&](const Article& a) {
    out_line(opensearch ? opensearch_bulk_json(a, opts.index) : article_json(a));
    ++n;
    return true;
  });
  ctx.exit_code = n > 0 ? kExitOk : kExitNothing;
}

}  // namespace

void add_export_command(CLI::App& app, Context& ctx) {
  auto opts = std::make_shared<ExportCommand>();
  CLI::App* cmd = app.add_subcommand(
      "export", "Write articles as JSON Lines (the article model, or an OpenSearch bulk request)");
  add_global_options(*cmd, ctx);
  add_filter_options(*cmd, opts->filter);
  cmd->add_option("--format", opts->format,
                  "jsonl (default), or opensearch: an OpenSearch/Elasticsearch _bulk request")
      ->check(CLI::IsMember({"jsonl", "opensearch"}));
  cmd->add_option("--index", opts->index,
                  "Index named in the opensearch actions (default: newsidx)");
  cmd->add_option("-n,--limit", opts->limit, "Articles to write at most (default: all)")
      ->check(count_validator());
  cmd->add_option("--offset", opts->offset, "Articles to skip first")->check(count_validator());
  cmd->footer(
      "Examples:\n"
      "  newsidx export > archive.jsonl\n"
      "  newsidx export inondations --from 2010 | jq -r .title\n"
      "  newsidx export alep -n 2 | jq -r .id\n"
      "  newsidx export --format opensearch --index presse | split -l 10000 - bulk-");
  cmd->callback([cmd, opts, &ctx] { run_export(*cmd, *opts, ctx); });
}

}  // namespace newsidx::cli
