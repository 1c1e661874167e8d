// newsidx parse FILE… [--json]: read files as ingest would, store nothing.
#include <filesystem>

#include "cli/common.hpp"
#include "newsidx/error.hpp"
#include "newsidx/json.hpp"
#include "newsidx/parser.hpp"
#include "newsidx/printer.hpp"

namespace newsidx::cli {
namespace {

struct ParseCommand {
  bool json = false;
  std::string max_size;
};

void run_parse(const ParseCommand& opts, Context& ctx) {
  require_operands(ctx, "parse", "the files to read (FILE...)");
  ParseOptions options;
  if (!opts.max_size.empty()) options.max_size = size_option("--max-size", opts.max_size);
  require_existing(ctx.operands);
  const bool color = color_for(ctx, 1);
  bool first = true;
  for (const std::string& f : ctx.operands) {
    const std::string path = std::filesystem::absolute(f).lexically_normal().string();
    const ParseResult r = read_article(path, options);
    if (r.rejected()) {
      diag("rejected", quote_path(path) + ": " + r.rejection);
      if (opts.json) out_line(rejection_json(path, r.rejection));
      ctx.exit_code = kExitNothing;
      continue;
    }
    for (const Warning& w : r.article->warnings) {
      diag("warning", quote_path(path) + ":" + std::to_string(w.line) + ": " + w.message);
    }
    if (opts.json) {
      out_line(article_json(*r.article));
    } else {
      if (!first) out("\n");
      out(format_article(*r.article, color));
    }
    first = false;
  }
}

}  // namespace

void add_parse_command(CLI::App& app, Context& ctx) {
  auto opts = std::make_shared<ParseCommand>();
  CLI::App* cmd = app.add_subcommand(
      "parse", "Read files as ingest would and print their article model; store nothing");
  add_global_options(*cmd, ctx);
  cmd->add_flag("--json", opts->json, "One JSON object (the article model) per line");
  cmd->add_option("--max-size", opts->max_size, "Reject larger files (default 16M)");
  cmd->footer(
      "Examples:\n"
      "  newsidx parse data/2016/12/alep-treve.txt\n"
      "  newsidx parse --json data/*/*.txt | jq -r .date");
  cmd->callback([opts, &ctx] { run_parse(*opts, ctx); });
}

}  // namespace newsidx::cli
