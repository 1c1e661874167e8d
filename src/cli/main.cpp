// newsidx: index and search archives of dated French news articles.
#include <CLI/CLI.hpp>
#include <cstdio>

#include "cli/common.hpp"
#include "newsidx/error.hpp"

namespace {

using newsidx::cli::kExitError;

int run(int argc, char** argv) {
  newsidx::cli::Context ctx;
  CLI::App app{"newsidx: index and search archives of dated French news articles", "newsidx"};
  // As in most Unix tools, an option given twice takes its last value.
  app.option_defaults()->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
  app.set_version_flag("--version", std::string("newsidx ") + NEWSIDX_VERSION);
  newsidx::cli::add_global_options(app, ctx);
  app.require_subcommand(1);
  app.footer(
      "Exit status: 0 success, 1 nothing found or a file rejected, 2 error.\n"
      "Run 'newsidx COMMAND --help' for the options of a command.");

  newsidx::cli::add_ingest_command(app, ctx);
  newsidx::cli::add_search_command(app, ctx);
  newsidx::cli::add_show_command(app, ctx);
  newsidx::cli::add_export_command(app, ctx);
  newsidx::cli::add_stats_command(app, ctx);
  newsidx::cli::add_parse_command(app, ctx);
  newsidx::cli::add_analyze_command(app, ctx);

  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {  // --help, --version
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    newsidx::cli::diag("error", e.what());
    std::fputs("Run 'newsidx --help' for usage.\n", stderr);
    return kExitError;
  }
  return ctx.exit_code;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const newsidx::Error& e) {
    return newsidx::cli::report_error(e);
  } catch (const std::exception& e) {  // from the standard library: out of memory…
    newsidx::cli::diag("error", e.what());
    return kExitError;
  }
}
