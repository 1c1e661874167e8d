#include "cli/args.hpp"

#include <algorithm>

#include "newsidx/error.hpp"
#include "newsidx/suggest.hpp"

namespace newsidx::cli {
namespace {

constexpr std::string_view kEndOfOptions = "--";
constexpr std::string_view kVersion = "--version";

bool is_long(std::string_view arg) {
  return arg.size() > 2 && arg.starts_with("--");
}

/// Looks like an option: a dash followed by something (`-` alone is an operand).
bool is_dashed(std::string_view arg) {
  return arg.size() > 1 && arg[0] == '-';
}

/// The option that `arg` names exactly: `-n`, `--limit`, or `--limit=VALUE`
/// for an option that takes a value. `value` is set for the last form.
const OptionSpec* find_option(const std::vector<OptionSpec>& options, std::string_view arg,
                              std::optional<std::string>& value) {
  std::string_view name = arg;
  value.reset();
  const auto eq = arg.find('=');
  if (is_long(arg) && eq != std::string_view::npos) {
    name = arg.substr(0, eq);
    value = std::string(arg.substr(eq + 1));
  }
  for (const OptionSpec& o : options) {
    if (std::find(o.names.begin(), o.names.end(), name) == o.names.end()) continue;
    if (value && !o.takes_value) return nullptr;
    return &o;
  }
  return nullptr;
}

std::vector<std::string> names_of(const std::vector<OptionSpec>& options) {
  std::vector<std::string> names;
  for (const OptionSpec& o : options) names.insert(names.end(), o.names.begin(), o.names.end());
  return names;
}

/// "unknown option X", with the nearest known option when one is near.
std::string unknown_option(std::string_view arg, const std::vector<OptionSpec>& known) {
  const std::string_view name = arg.substr(0, arg.find('='));
  const std::vector<std::string> names = names_of(known);
  if (name.size() < arg.size() && std::find(names.begin(), names.end(), name) != names.end()) {
    return std::string(name) + " takes no value";
  }
  std::string message = "unknown option " + std::string(name);
  if (const auto near = nearest_name(name, names)) {
    message += "; did you mean " + *near + "?";
  }
  return message;
}

/// Reads the option at args[i] (and its value), appends it to `out` and
/// returns the index of its last argument.
std::size_t take_option(const OptionSpec& o, const std::vector<std::string>& args, std::size_t i,
                        std::optional<std::string> value, std::vector<std::string>& out) {
  if (!o.takes_value) {
    out.push_back(args[i]);
    return i;
  }
  if (!value) {
    if (i + 1 >= args.size()) throw Error(ErrorCode::kUsage, args[i] + " needs a value");
    value = args[++i];
  }
  // The long name, so that CLI11 reads the value joined with '=' (that
  // cannot be taken for an option); CLI11 reads `--name=` as a name without
  // its value, so an empty value (which cannot either) follows the name.
  const auto named =
      std::find_if(o.names.begin(), o.names.end(), [](const std::string& n) { return is_long(n); });
  const std::string& name = named != o.names.end() ? *named : o.names.front();
  if (value->empty()) {
    out.push_back(name);
    out.emplace_back();
  } else {
    out.push_back(name + "=" + *value);
  }
  return i;
}

/// The command called `name`, or an error naming the nearest one.
const CommandSpec& find_command(const ProgramSpec& spec, const std::string& name) {
  std::vector<std::string> names{std::string(kHelpCommand)};
  for (const CommandSpec& c : spec.commands) {
    if (c.name == name) return c;
    names.push_back(c.name);
  }
  std::string message = "unknown command '" + name + "'";
  if (const auto near = nearest_name(name, names)) message += "; did you mean '" + *near + "'?";
  throw Error(ErrorCode::kUsage, message);
}

/// `help [COMMAND]` as the options CLI11 reads.
SplitLine help_line(const ProgramSpec& spec, const std::vector<std::string>& args, std::size_t next,
                    SplitLine line) {
  if (next + 1 < args.size()) {
    throw Error(ErrorCode::kUsage, "help takes one command at most");
  }
  if (next < args.size()) {
    line.command = find_command(spec, args[next]).name;
    line.options.push_back(line.command);
  }
  line.options.emplace_back("--help");
  return line;
}

/// The arguments after the command: its options, operands and notes.
void split_command(const CommandSpec& command, const std::vector<std::string>& args, std::size_t i,
                   SplitLine& line) {
  bool options_ended = false;
  for (; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (options_ended || !is_dashed(arg)) {
      line.operands.push_back(arg);
      continue;
    }
    if (arg == kEndOfOptions) {
      options_ended = true;
      continue;
    }
    if (arg == kVersion) {
      line.options.insert(line.options.begin(), arg);
      continue;
    }
    std::optional<std::string> value;
    if (const OptionSpec* o = find_option(command.options, arg, value)) {
      i = take_option(*o, args, i, std::move(value), line.options);
      continue;
    }
    if (is_long(arg)) throw Error(ErrorCode::kUsage, unknown_option(arg, command.options));
    if (command.operands == Operands::kPaths) {
      throw Error(ErrorCode::kUsage, unknown_option(arg, command.options) +
                                         " (a name that starts with '-' goes after '--': newsidx " +
                                         command.name + " -- " + arg + ")");
    }
    if (const auto near = nearest_name(arg, names_of(command.options))) {
      line.notes.push_back("'" + arg + "' is searched as a word to exclude; the option is " +
                           *near + " (put the word after '--' to silence this note)");
    }
    line.operands.push_back(arg);
  }
}

}  // namespace

SplitLine split_command_line(const std::vector<std::string>& args, const ProgramSpec& spec) {
  SplitLine line;
  std::size_t i = 0;
  for (; i < args.size() && is_dashed(args[i]); ++i) {
    if (args[i] == kEndOfOptions) {
      ++i;
      break;
    }
    std::optional<std::string> value;
    const OptionSpec* o = find_option(spec.options, args[i], value);
    if (o == nullptr) {
      std::vector<OptionSpec> every = spec.options;
      for (const CommandSpec& c : spec.commands) {
        every.insert(every.end(), c.options.begin(), c.options.end());
      }
      std::optional<std::string> ignored;
      if (find_option(every, args[i], ignored) != nullptr) {
        throw Error(ErrorCode::kUsage, args[i] +
                                           " is an option of a command: give it after the "
                                           "command's name");
      }
      throw Error(ErrorCode::kUsage, unknown_option(args[i], spec.options));
    }
    i = take_option(*o, args, i, std::move(value), line.options);
  }
  if (i == args.size()) return line;
  if (args[i] == kHelpCommand) return help_line(spec, args, i + 1, std::move(line));
  const CommandSpec& command = find_command(spec, args[i]);
  line.command = command.name;
  line.options.push_back(command.name);
  split_command(command, args, i + 1, line);
  return line;
}

ProgramSpec spec_of(const CLI::App& app,
                    const std::vector<std::pair<std::string, Operands>>& operands) {
  const auto options_of = [](const CLI::App& a) {
    std::vector<OptionSpec> out;
    for (const CLI::Option* o : a.get_options()) {
      if (!o->nonpositional()) continue;
      OptionSpec spec;
      for (const std::string& s : o->get_snames()) spec.names.push_back("-" + s);
      for (const std::string& l : o->get_lnames()) spec.names.push_back("--" + l);
      spec.takes_value = o->get_expected_max() > 0;
      out.push_back(std::move(spec));
    }
    return out;
  };
  ProgramSpec spec;
  spec.options = options_of(app);
  for (const CLI::App* sub : app.get_subcommands({})) {
    CommandSpec c;
    c.name = sub->get_name();
    c.options = options_of(*sub);
    for (const auto& [name, kind] : operands) {
      if (name == c.name) c.operands = kind;
    }
    spec.commands.push_back(std::move(c));
  }
  return spec;
}

}  // namespace newsidx::cli
