#include "cli/common.hpp"

#include <unistd.h>

#include <charconv>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <limits>

#include "newsidx/error.hpp"
#include "newsidx/paths.hpp"
#include "newsidx/printer.hpp"

namespace newsidx::cli {
namespace {

std::optional<std::string> env(const char* name) {
  const char* v = std::getenv(name);
  return v != nullptr ? std::optional<std::string>(v) : std::nullopt;
}

}  // namespace

std::filesystem::path db_path(const Context& ctx) {
  DbLocation where;
  where.option = ctx.global.db;
  where.newsidx_db = env("NEWSIDX_DB");
  where.xdg_data_home = env("XDG_DATA_HOME");
  where.home = env("HOME");
  return resolve_db_path(where);
}

bool color_for(const Context& ctx, int fd) {
  const auto no_color = env("NO_COLOR");
  return should_color(ctx.global.color, ::isatty(fd) != 0, no_color && !no_color->empty());
}

void out(std::string_view text) {
  std::fwrite(text.data(), 1, text.size(), stdout);
}

void out_line(std::string_view text) {
  out(text);
  std::fputc('\n', stdout);
}

void diag(std::string_view kind, std::string_view text) {
  std::string line = "newsidx: ";
  line += kind;
  line += ": ";
  line += text;
  line += '\n';
  std::fwrite(line.data(), 1, line.size(), stderr);
}

CLI::Validator count_validator() {
  return CLI::Validator(
      [](std::string& value) -> std::string {
        std::int64_t n = 0;
        const char* end = value.data() + value.size();
        const auto [stop, error] = std::from_chars(value.data(), end, n);
        if (value.empty() || error != std::errc() || stop != end || n < 0) {
          return "'" + value + "' is not a whole number from 0 to " +
                 std::to_string(std::numeric_limits<std::int64_t>::max());
        }
        return {};
      },
      "N");
}

void add_global_options(CLI::App& cmd, Context& ctx) {
  cmd.add_option("--db", ctx.global.db, "Database file (as before the command)");
  cmd.add_option("--color", ctx.global.color, "Colour: auto, always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
}

void add_filter_options(CLI::App& cmd, FilterOptions& f) {
  // The query is taken from the arguments the command does not know, in
  // order, so that `alep -russie` excludes a word instead of naming an
  // unknown option.
  cmd.allow_extras();
  (void)f;
  cmd.add_option("--from", f.from, "Articles from this date on (YYYY, YYYY-MM or YYYY-MM-DD)");
  cmd.add_option("--to", f.to, "Articles up to this date (the end of its period)");
  cmd.add_option("--date", f.date, "Articles of this period: --from D --to D");
}

}  // namespace newsidx::cli

namespace newsidx::cli {

SearchRequest filter_request(const CLI::App& cmd, const FilterOptions& f, bool need_filter) {
  std::string query;
  for (const std::string& w : cmd.remaining()) {
    if (w.size() > 2 && w.compare(0, 2, "--") == 0) {
      throw Error(ErrorCode::kUsage, "unknown option " + w);
    }
    if (!query.empty()) query += ' ';
    query += w;
  }
  return make_search_request(query, f.from, f.to, f.date, need_filter);
}

}  // namespace newsidx::cli
