// Output for a terminal: its size, and a pager for what does not fit on the
// screen (SPEC §5.8): `$NEWSIDX_PAGER`, else `$PAGER`, else `less -FRX`, as
// git does; never when stdout is not a terminal, nor with --no-pager.
//
// One PagedOutput at a time (out() in common.hpp writes into it).
#pragma once

#include <cstddef>
#include <optional>
#include <string>

namespace newsidx::cli {

struct Context;

/// Columns and rows of the terminal.
struct TerminalSize {
  std::size_t columns = 0;
  std::size_t rows = 0;
};

/// The size of the terminal that stdout is (then $COLUMNS and $LINES when
/// the terminal does not say, else 80 x 24), or nullopt when stdout is not
/// a terminal.
[[nodiscard]] std::optional<TerminalSize> stdout_terminal();

/// The width text output fits on stdout: the terminal's columns, or 0 (no
/// limit) when stdout is not a terminal.
[[nodiscard]] std::size_t output_width();

/// The pager command ($NEWSIDX_PAGER, else $PAGER, else "less -FRX"), or
/// nullopt when paging is off: stdout is not a terminal, --no-pager was
/// given, or the variable is empty or "cat".
[[nodiscard]] std::optional<std::string> pager_command(const Context& ctx);

/// The text out() keeps while a PagedOutput lives, or nullptr when out()
/// writes to stdout at once.
[[nodiscard]] std::string* kept_output();

/// While it lives, what out() writes is kept; finish() then shows it through
/// the pager when it takes more rows than the terminal has, else writes it
/// to stdout. Without a pager (pager_command()), out() writes at once.
class PagedOutput {
 public:
  explicit PagedOutput(const Context& ctx);
  /// Writes what is kept, without the pager, when finish() was not called
  /// (an error stopped the command).
  ~PagedOutput();
  PagedOutput(const PagedOutput&) = delete;
  PagedOutput& operator=(const PagedOutput&) = delete;

  /// Shows what was written. Called once.
  void finish();

 private:
  std::optional<std::string> command_;
  std::string kept_;
  bool finished_ = false;
};

}  // namespace newsidx::cli
