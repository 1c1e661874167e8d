// What every command of the CLI shares: global options, exit codes, output
// helpers. The CLI is glue: the work is done by the library.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "newsidx/error.hpp"
#include "newsidx/search.hpp"
#include "newsidx/store.hpp"

namespace newsidx::cli {

/// Exit statuses (SPEC §5).
inline constexpr int kExitOk = 0;
inline constexpr int kExitNothing = 1;  ///< nothing found, or a file rejected
inline constexpr int kExitError = 2;

/// Options accepted before or after the command name.
struct GlobalOptions {
  std::optional<std::string> db;  ///< nullopt when --db is not given
  std::string color = "auto";
  bool no_pager = false;
};

/// Shared state of one run of the program.
struct Context {
  GlobalOptions global;
  /// The command's operands (query words, paths), in order: the arguments
  /// that are not options (see args.hpp).
  std::vector<std::string> operands;
  int exit_code = kExitOk;
};

/// The operands joined by spaces: the query of search, export and stats.
[[nodiscard]] std::string operand_text(const Context& ctx);
/// Throws Error(kUsage) "COMMAND needs WHAT" when there is no operand, and
/// "COMMAND takes one argument, not N: WHAT" when `one` and there are more.
void require_operands(const Context& ctx, std::string_view command, std::string_view what,
                      bool one = false);

/// The database path from --db, NEWSIDX_DB, XDG_DATA_HOME or HOME.
[[nodiscard]] std::filesystem::path db_path(const Context& ctx);
/// The Store at db_path(); an upgrade of an older schema says so on stderr
/// (with a progress bar on a terminal).
[[nodiscard]] Store open_store(const Context& ctx, Store::Access access);
/// Whether to colour what goes to the stream `fd`.
[[nodiscard]] bool color_for(const Context& ctx, int fd);
/// Writes `text` to stdout as is.
void out(std::string_view text);
/// Writes one line to stdout.
void out_line(std::string_view text);
/// Writes "newsidx: <kind>: <text>" as one line to stderr.
void diag(std::string_view kind, std::string_view text);

/// Checks an option value that counts things (--limit, --offset): a whole
/// number from 0 to 2^63-1 in decimal; anything else, an overflow included,
/// is a usage error.
[[nodiscard]] CLI::Validator count_validator();

/// Throws Error(kUsage) when --limit was given 0 to `cmd`: it would show
/// nothing; --count gives the number, --all (search) every hit.
void refuse_zero_limit(const CLI::App& cmd, std::int64_t limit);

/// Adds --db, --color and --no-pager to `app` (the program) or to a
/// command, so that they may come before or after the command name.
void add_global_options(CLI::App& app, Context& ctx);

/// The value of a size option (--max-size): bytes, or K/M/G. Throws
/// Error(kUsage) "FLAG: invalid size 'TEXT'".
[[nodiscard]] std::uint64_t size_option(std::string_view flag, const std::string& text);

/// Throws Error(kUsage) "PATH: No such file or directory" for the first of
/// `paths` that does not exist: checked before anything is opened.
void require_existing(const std::vector<std::string>& paths);

/// The exit status for `error`, after writing it to stderr as
/// "newsidx: error: MESSAGE", with a hint where one helps.
[[nodiscard]] int report_error(const Error& error);

/// Adds the date filters and query words shared by search and export.
struct FilterOptions {
  std::string from;
  std::string to;
  std::string date;
};
void add_filter_options(CLI::App& cmd, FilterOptions& f);
/// The request for these filters and the operands as the query (see
/// make_search_request()).
[[nodiscard]] SearchRequest filter_request(const Context& ctx, const FilterOptions& f,
                                           bool need_filter);

/// Command registration: each adds its subcommand to `app`; its callback
/// runs the command and sets ctx.exit_code.
void add_parse_command(CLI::App& app, Context& ctx);
void add_ingest_command(CLI::App& app, Context& ctx);
void add_search_command(CLI::App& app, Context& ctx);
void add_show_command(CLI::App& app, Context& ctx);
void add_export_command(CLI::App& app, Context& ctx);
void add_stats_command(CLI::App& app, Context& ctx);
void add_analyze_command(CLI::App& app, Context& ctx);
void add_forget_command(CLI::App& app, Context& ctx);
void add_similar_command(CLI::App& app, Context& ctx);

}  // namespace newsidx::cli
