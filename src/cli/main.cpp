// newsidx: index and search archives of dated French news articles.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <string>

#include "cli/args.hpp"
#include "cli/common.hpp"
#include "newsidx/error.hpp"

namespace {

using newsidx::cli::kExitError;
using newsidx::cli::Operands;

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

/// Each command, what it takes besides options (shown in its usage line),
/// and how an unknown `-x` among them is read.
struct CommandOperands {
  const char* command;
  const char* usage;
  Operands kind;
};
constexpr CommandOperands kOperands[] = {
    {"ingest", "PATH...", Operands::kPaths},      {"search", "[QUERY...]", Operands::kWords},
    {"show", "ID|PREFIX|PATH", Operands::kPaths}, {"export", "[QUERY...]", Operands::kWords},
    {"stats", "[QUERY...]", Operands::kWords},    {"similar", "ID|PREFIX|PATH", Operands::kPaths},
    {"forget", "ID|PATH...", Operands::kPaths},   {"parse", "FILE...", Operands::kPaths},
    {"analyze", "TEXT...", Operands::kWords},
};

/// CLI11's help, with the operands of a command in its usage line:
/// "Usage: newsidx search [OPTIONS] [QUERY...]".
class Formatter : public CLI::Formatter {
 public:
  std::string make_usage(const CLI::App* app, std::string name) const override {
    std::string usage = CLI::Formatter::make_usage(app, std::move(name));
    const bool program = app->get_parent() == nullptr;
    std::string operands = program ? "[ARGUMENTS...]" : "";
    for (const CommandOperands& c : kOperands) {
      if (!program && app->get_name() == c.command) operands = c.usage;
    }
    if (!operands.empty() && !usage.empty() && usage.back() == '\n') {
      usage.insert(usage.size() - 1, " " + operands);
    }
    return usage;
  }
};

void add_commands(CLI::App& app, newsidx::cli::Context& ctx) {
  newsidx::cli::add_ingest_command(app, ctx);
  newsidx::cli::add_search_command(app, ctx);
  newsidx::cli::add_show_command(app, ctx);
  newsidx::cli::add_export_command(app, ctx);
  newsidx::cli::add_stats_command(app, ctx);
  newsidx::cli::add_similar_command(app, ctx);
  newsidx::cli::add_forget_command(app, ctx);
  newsidx::cli::add_parse_command(app, ctx);
  newsidx::cli::add_analyze_command(app, ctx);
  for (CLI::App* command : app.get_subcommands({})) command->group("Commands");
}

/// Where to read more after a usage error; exit status 2.
int usage_error(const std::string& command) {
  const std::string hint = command.empty()
                               ? "Run 'newsidx help' for the commands and options.\n"
                               : "Run 'newsidx help " + command + "' for its options.\n";
  std::fputs(hint.c_str(), stderr);
  return kExitError;
}

int run(int argc, char** argv) {
  newsidx::cli::Context ctx;
  CLI::App app{"newsidx: index and search archives of dated French news articles", "newsidx"};
  app.formatter(std::make_shared<Formatter>());
  app.get_formatter()->label("SUBCOMMAND", "COMMAND");
  // As in most Unix tools, an option given twice takes its last value.
  app.option_defaults()->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
  app.set_version_flag("--version", std::string("newsidx ") + NEWSIDX_VERSION);
  newsidx::cli::add_global_options(app, ctx);
  app.require_subcommand(1);
  app.footer(
      "Exit status: 0 success, 1 nothing found or a file rejected, 2 error.\n"
      "Run 'newsidx help COMMAND' (or 'newsidx COMMAND --help') for the options of a command.");
  add_commands(app, ctx);

  const std::vector<std::string> args(argv + std::min(argc, 1), argv + argc);
  newsidx::cli::SplitLine line;
  try {
    std::vector<std::pair<std::string, Operands>> kinds;
    for (const CommandOperands& c : kOperands) kinds.emplace_back(c.command, c.kind);
    line = newsidx::cli::split_command_line(args, newsidx::cli::spec_of(app, kinds));
  } catch (const newsidx::Error& e) {
    newsidx::cli::diag("error", e.what());
    // The command the arguments name, if any, for the hint.
    const auto named = std::find_if(args.begin(), args.end(), [](const std::string& a) {
      return std::any_of(std::begin(kOperands), std::end(kOperands),
                         [&](const CommandOperands& c) { return a == c.command; });
    });
    return usage_error(named != args.end() ? *named : "");
  }
  const bool asks = std::any_of(line.options.begin(), line.options.end(), [](const auto& o) {
    return o == "--help" || o == "-h" || o == "--version";
  });
  if (line.command.empty() && !asks) {  // bare `newsidx`, or options only
    if (!args.empty()) newsidx::cli::diag("error", "no command given");
    std::fputs(app.help().c_str(), stderr);
    return kExitError;
  }
  for (const std::string& note : line.notes) newsidx::cli::diag("note", note);
  ctx.operands = std::move(line.operands);
  std::reverse(line.options.begin(), line.options.end());  // CLI11 reads from the back
  try {
    app.parse(line.options);
  } catch (const CLI::Success& e) {  // --help, --version
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    newsidx::cli::diag("error", e.what());
    return usage_error(line.command);
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
