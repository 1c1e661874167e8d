#include "cli/common.hpp"

#include <unistd.h>

#include <charconv>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <limits>

#include "cli/pager.hpp"
#include "newsidx/db_location.hpp"
#include "newsidx/error.hpp"
#include "newsidx/parser.hpp"
#include "newsidx/printer.hpp"
#include "newsidx/query.hpp"
#include "newsidx/search_request.hpp"
#include "newsidx/units.hpp"

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

Store open_store(const Context& ctx, Store::Access access) {
  StoreOptions options;
  const bool terminal = ::isatty(2) != 0;
  const auto started = std::chrono::steady_clock::now();
  options.on_upgrade = [terminal, started](std::int64_t done, std::int64_t total) {
    if (done == 0) {
      diag("note", "upgrading the database to schema " + std::to_string(kSchemaVersion) +
                       ": re-indexing " + format_count(total) + " articles");
    }
    if (!terminal) return;
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::fprintf(stderr, "\r\033[K%s", format_progress(done, total, seconds, "articles").c_str());
    if (done == total) std::fputs("\r\033[K", stderr);
    std::fflush(stderr);
  };
  return Store(db_path(ctx), access, options);
}

bool color_for(const Context& ctx, int fd) {
  const auto no_color = env("NO_COLOR");
  return should_color(ctx.global.color, ::isatty(fd) != 0, no_color && !no_color->empty());
}

void out(std::string_view text) {
  if (std::string* kept = kept_output()) {
    kept->append(text);
    return;
  }
  std::fwrite(text.data(), 1, text.size(), stdout);
}

void out_line(std::string_view text) {
  out(text);
  out("\n");
}

std::string operand_text(const Context& ctx) {
  std::string text;
  for (const std::string& w : ctx.operands) {
    if (!text.empty()) text += ' ';
    text += w;
  }
  return text;
}

void require_operands(const Context& ctx, std::string_view command, std::string_view what,
                      bool one) {
  if (ctx.operands.empty()) {
    throw Error(ErrorCode::kUsage, std::string(command) + " needs " + std::string(what));
  }
  if (one && ctx.operands.size() > 1) {
    throw Error(ErrorCode::kUsage, std::string(command) + " takes one argument, not " +
                                       std::to_string(ctx.operands.size()) + ": " +
                                       std::string(what));
  }
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

void refuse_zero_limit(const CLI::App& cmd, std::int64_t limit) {
  if (cmd.count("--limit") > 0 && limit == 0) {
    throw Error(ErrorCode::kUsage,
                "--limit 0 would show nothing: use search --count for the "
                "number of matches, --all (or no --limit) for all of them");
  }
}

void add_global_options(CLI::App& app, Context& ctx) {
  app.add_option("--db", ctx.global.db,
                 "Database file (default: $NEWSIDX_DB, else $XDG_DATA_HOME/newsidx/newsidx.db)")
      ->check(CLI::Validator(
          [](const std::string& value) -> std::string {
            return value.empty() ? "the path is empty" : "";
          },
          "PATH"));
  app.add_option("--color", ctx.global.color, "Colour: auto (on a terminal), always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  app.add_flag("--no-pager", ctx.global.no_pager,
               "Never page the output (default: a pager on a terminal, when it does not fit)");
}

std::uint64_t size_option(std::string_view flag, const std::string& text) {
  const auto size = parse_size(text);
  if (!size) {
    throw Error(ErrorCode::kUsage, std::string(flag) + ": invalid size '" + text + "'");
  }
  return *size;
}

void require_existing(const std::vector<std::string>& paths) {
  for (const std::string& p : paths) {
    std::error_code ec;
    if (!std::filesystem::exists(p, ec)) {
      throw Error(ErrorCode::kUsage, quote_path(p) + ": No such file or directory");
    }
  }
}

int report_error(const Error& error) {
  std::string message = error.what();
  switch (error.code()) {
    case ErrorCode::kNoDatabase:
      message += " (run 'newsidx ingest' first)";
      break;
    case ErrorCode::kInternal:
      message = "internal error: " + message;
      break;
    case ErrorCode::kUsage:
    case ErrorCode::kQuery:
    case ErrorCode::kDatabase:
      break;
  }
  diag("error", message);
  return kExitError;
}

void add_filter_options(CLI::App& cmd, FilterOptions& f) {
  auto* date = cmd.add_option("--date", f.date, "Articles of this period: --from D --to D");
  cmd.add_option("--from", f.from, "Articles from this date on (YYYY, YYYY-MM or YYYY-MM-DD)");
  cmd.add_option("--to", f.to, "Articles up to this date (the end of its period)");
  date->excludes("--from")->excludes("--to");
}

}  // namespace newsidx::cli

namespace newsidx::cli {

namespace {

/// The date of a filter option, or nullopt when it was not given; the
/// option's name leads the message of an invalid date.
std::optional<Date> date_option(std::string_view flag, const std::string& value) {
  if (value.empty()) return std::nullopt;
  // Digits and dashes are read as YYYY[-MM[-DD]] only, whose errors say
  // what is wrong ("February 2019 has 28 days"); anything else may also be
  // a date as an article's date line writes it: `décembre 2016`, `15/12/2016`.
  const bool iso_like = value.find_first_not_of("0123456789-") == std::string::npos;
  try {
    return parse_date_filter(value);
  } catch (const Error& e) {
    if (iso_like) throw Error(e.code(), std::string(flag) + ": " + e.what());
    if (std::optional<Date> written = parse_written_date(value)) return written;
    throw Error(e.code(), std::string(flag) + ": invalid date '" + value +
                              "' (expected YYYY, YYYY-MM, YYYY-MM-DD or a date as articles write "
                              "it: 'décembre 2016', '1er mars 2017')");
  }
}

}  // namespace

SearchRequest filter_request(const Context& ctx, const FilterOptions& f, bool need_filter) {
  const std::string query = operand_text(ctx);
  for (const std::string& note : query_notes(query)) diag("note", note);
  if (!f.date.empty()) {
    const auto period = date_option("--date", f.date);
    return make_search_request(query, period, period, need_filter);
  }
  return make_search_request(query, date_option("--from", f.from), date_option("--to", f.to),
                             need_filter);
}

}  // namespace newsidx::cli
