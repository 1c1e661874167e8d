// newsidx: index and search archives of dated French news articles.
#include <CLI/CLI.hpp>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <string>

#include "cli/common.hpp"
#include "newsidx/error.hpp"

namespace {

using newsidx::cli::kExitError;

/// Set when a write went past the file size limit (RLIMIT_FSIZE: `ulimit -f`,
/// `prlimit --fsize`).
volatile std::sig_atomic_t file_size_limit_reached = 0;

extern "C" void on_file_size_limit(int /*signal*/) {
  file_size_limit_reached = 1;
}

/// SIGXFSZ would kill the process without a word when a database write goes
/// past the file size limit. Caught instead, it lets the write fail with
/// EFBIG, which the store reports as an error, and error_message() says why.
void catch_file_size_limit() {
  struct sigaction action {};
  action.sa_handler = on_file_size_limit;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESTART;
  sigaction(SIGXFSZ, &action, nullptr);
}

/// The message of an error that stops the program, with the reason the
/// system gave when a write went past the file size limit.
std::string error_message(const char* what) {
  std::string message = what;
  if (file_size_limit_reached != 0) {
    // The store may have named the system's reason already.
    const std::string reason = std::strerror(EFBIG);
    message += message.find(reason) == std::string::npos
                   ? " (" + reason + ": past the file size limit, ulimit -f)"
                   : std::string(" (past the file size limit, ulimit -f)");
  }
  return message;
}

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
  newsidx::cli::add_similar_command(app, ctx);
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
  catch_file_size_limit();
  try {
    return run(argc, argv);
  } catch (const newsidx::Error& e) {
    return newsidx::cli::report_error(newsidx::Error(e.code(), error_message(e.what())));
  } catch (const std::exception& e) {  // from the standard library: out of memory…
    newsidx::cli::diag("error", error_message(e.what()));
    return kExitError;
  }
}
