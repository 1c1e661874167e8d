#include "cli/common.hpp"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>

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
  if (!ctx.global.db.empty()) where.option = ctx.global.db;
  where.newsidx_db = env("NEWSIDX_DB");
  where.xdg_data_home = env("XDG_DATA_HOME");
  where.home = env("HOME");
  return resolve_db_path(where);
}

bool color_for(const Context& ctx, int fd) {
  const auto no_color = env("NO_COLOR");
  return should_color(ctx.global.color, ::isatty(fd) != 0, no_color && !no_color->empty());
}

void out(std::string_view text) { std::fwrite(text.data(), 1, text.size(), stdout); }

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

void add_filter_options(CLI::App& cmd, FilterOptions& f) {
  cmd.add_option("query", f.words, "Query words (see the query language in the manual)");
  cmd.add_option("--from", f.from, "Articles from this date on (YYYY, YYYY-MM or YYYY-MM-DD)");
  cmd.add_option("--to", f.to, "Articles up to this date (the end of its period)");
  cmd.add_option("--date", f.date, "Articles of this period: --from D --to D");
}

}  // namespace newsidx::cli

namespace newsidx::cli {

SearchRequest filter_request(const FilterOptions& f, bool need_filter) {
  std::string query;
  for (const std::string& w : f.words) {
    if (!query.empty()) query += ' ';
    query += w;
  }
  return make_search_request(query, f.from, f.to, f.date, need_filter);
}

}  // namespace newsidx::cli
