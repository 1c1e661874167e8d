// newsidx forget ID|PATH…: remove articles, or paths of articles, from the
// database and its index.
#include <cstdio>

#include "cli/common.hpp"
#include "newsidx/indexer.hpp"
#include "newsidx/json.hpp"
#include "newsidx/printer.hpp"
#include "newsidx/store.hpp"

namespace newsidx::cli {
namespace {

struct ForgetCommand {
  bool json = false;
  bool quiet = false;
};

void run_forget(const ForgetCommand& opts, Context& ctx) {
  require_operands(ctx, "forget", "the articles or paths to forget (ID|PATH...)");
  Store store = open_store(ctx, Store::Access::kReadWrite);
  const ForgetSummary summary = forget(store, ctx.operands);
  for (const std::string& w : summary.unknown) {
    diag("error", "no article with id or path '" + w + "'");
  }
  if (!summary.unknown.empty()) {
    diag("note", "nothing was forgotten");
    ctx.exit_code = kExitNothing;
    return;
  }
  if (opts.json) out_line(forget_json(summary));
  if (!opts.quiet) {
    const std::string line = format_forget_summary(summary) + "\n";
    std::fputs(line.c_str(), stderr);
  }
}

}  // namespace

void add_forget_command(CLI::App& app, Context& ctx) {
  auto opts = std::make_shared<ForgetCommand>();
  CLI::App* cmd = app.add_subcommand(
      "forget",
      "Remove articles (by id or unique id prefix, with all their paths) or paths from the "
      "database and its index");
  add_global_options(*cmd, ctx);
  cmd->add_flag("--json", opts->json, "Print what was removed as one JSON object on stdout");
  cmd->add_flag("-q,--quiet", opts->quiet, "No summary on stderr");
  cmd->footer(
      "A path is forgotten alone: its article stays while another path holds it. When an\n"
      "argument names nothing stored, nothing is forgotten (exit status 1). The files\n"
      "are not touched: a later ingest of their folder reads them again.\n"
      "Examples:\n"
      "  newsidx forget --json data/archives/doublons/greve-retraites-copie.txt\n"
      "  newsidx forget ce0ec220 --json | jq -r '.paths[].path'");
  cmd->callback([opts, &ctx] { run_forget(*opts, ctx); });
}

}  // namespace newsidx::cli
