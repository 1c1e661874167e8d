// The command line split before CLI11 reads it (SPEC §5.8): an argument that
// is exactly a known option (or that option's value) is an option; every
// other argument is an operand of the command (a query word, a path), so
// that `search migrants -calais` excludes a word instead of naming `-c`.
// Short options never bundle (`-nice` is not `-n ice`), `--` ends the
// options, and the global options (`--db`, `--color`, `--no-pager`,
// `--version`) are accepted after the command too.
//
// Stateless functions of the command line.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace newsidx::cli {

/// What the operands of a command are.
enum class Operands {
  kWords,  ///< query words or text: an unknown `-word` is a word (an exclusion)
  kPaths,  ///< paths or ids: an unknown `-x` is an error (a file named so goes after `--`)
};

/// One option as the command line knows it.
struct OptionSpec {
  std::vector<std::string> names;  ///< with their dashes: "-n", "--limit"
  bool takes_value = false;
};

/// A command: its name, its options (the global ones it accepts included)
/// and the kind of its operands.
struct CommandSpec {
  std::string name;
  Operands operands = Operands::kWords;
  std::vector<OptionSpec> options;
};

/// The program's options (before the command) and its commands.
struct ProgramSpec {
  std::vector<OptionSpec> options;
  std::vector<CommandSpec> commands;
};

/// A command line, split.
struct SplitLine {
  /// What CLI11 reads, without the program name: the options before the
  /// command, the command, then its options; each value joined to its
  /// option (`--limit=5`) so that none is read as an operand or an option.
  std::vector<std::string> options;
  std::string command;                ///< "" when none was given
  std::vector<std::string> operands;  ///< in the order given
  /// Notes for stderr: a `-word` taken as a query word that looks like a
  /// mistyped option.
  std::vector<std::string> notes;
};

/// The name of the command that prints help: `newsidx help [COMMAND]`.
inline constexpr std::string_view kHelpCommand = "help";

/// Splits `args` (argv without the program name). `help COMMAND` becomes
/// `COMMAND --help`, `help` alone `--help`, and a `--version` after the
/// command moves before it. Throws Error(kUsage) for an unknown command or
/// option (naming the nearest known one when one is near), an option
/// without its value, and an unknown `-x` where a command takes paths.
[[nodiscard]] SplitLine split_command_line(const std::vector<std::string>& args,
                                           const ProgramSpec& spec);

/// The options and commands that `app` (the program, with its commands
/// added) declares; `operands` gives the kind of each command's operands
/// (kWords for a command it does not name).
[[nodiscard]] ProgramSpec spec_of(const CLI::App& app,
                                  const std::vector<std::pair<std::string, Operands>>& operands);

}  // namespace newsidx::cli
