// The text of `stats`, `stats QUERY` and `forget` (see printer.hpp).
#include <fmt/color.h>
#include <fmt/format.h>

#include <algorithm>

#include "newsidx/printer.hpp"
#include "newsidx/units.hpp"
#include "newsidx/utf8.hpp"
#include "output/paint.hpp"

namespace newsidx {
namespace {

using detail::paint;

/// The widest a bar is drawn, for a histogram that reads at a glance.
constexpr std::size_t kMostBarColumns = 50;
/// The narrowest, however narrow the terminal.
constexpr std::size_t kLeastBarColumns = 10;
/// Rates are per this many articles.
constexpr double kRateBase = 1000.0;

/// The columns bars get: what `width` leaves beside `taken` columns of
/// labels and figures, between kLeastBarColumns and kMostBarColumns.
std::size_t bar_columns(std::size_t width, std::size_t taken) {
  if (width == 0) return kMostBarColumns;
  const std::size_t left = width > taken ? width - taken : 0;
  return std::clamp(left, kLeastBarColumns, kMostBarColumns);
}

/// A bar of `n` / `most` of `columns` cells, at least one for n > 0.
std::string bar(std::int64_t n, std::int64_t most, std::size_t columns) {
  const auto cells = static_cast<std::size_t>(
      most > 0 ? (n * static_cast<std::int64_t>(columns) + most - 1) / most : 0);
  std::string out;
  for (std::size_t i = 0; i < cells; ++i) out += "█";
  return out;
}

/// Writes "LABEL        VALUE" rows.
class Rows {
 public:
  explicit Rows(std::string& out) : out_(out) {}
  void add(std::string_view label, const std::string& value) {
    out_ += fmt::format("{:<12} {}\n", label, value);
  }

 private:
  std::string& out_;
};

std::string rate(std::int64_t n, std::int64_t total) {
  return total > 0 ? fmt::format("{:.1f}",
                                 static_cast<double>(n) * kRateBase / static_cast<double>(total))
                   : "-";
}

}  // namespace

std::string format_stats(const Stats& s, bool color, std::size_t width) {
  std::string out;
  Rows rows(out);
  rows.add("articles", format_count(s.articles));
  rows.add("sources", format_count(s.sources));
  rows.add("duplicates", format_count(s.duplicates));
  rows.add("undated", format_count(s.undated));
  rows.add("first date", s.first_date.value_or("-"));
  rows.add("last date", s.last_date.value_or("-"));
  rows.add("database", format_bytes(static_cast<std::uint64_t>(s.db_bytes)));
  rows.add("clusters", format_count(s.clusters) + " (" + format_count(s.clustered) +
                           " articles with near duplicates)");
  if (s.histogram.empty()) return out;
  out += "\n";
  std::int64_t most = 1;
  std::size_t label_width = 0;
  for (const auto& [period, n] : s.histogram) {
    most = std::max(most, n);
    label_width = std::max(label_width, period.size());
  }
  const std::size_t columns = bar_columns(width, label_width + 3 + format_count(most).size());
  for (const auto& [period, n] : s.histogram) {
    out += fmt::format("{:<{}}  {} {}\n", period, label_width,
                       paint(color, fmt::fg(fmt::terminal_color::cyan), bar(n, most, columns)),
                       format_count(n));
  }
  return out;
}

std::string format_timeline(const Timeline& t, bool color, std::size_t width) {
  std::string out;
  Rows rows(out);
  if (!t.query.empty()) rows.add("query", t.query);
  if (t.from && t.to) rows.add("dates", *t.from + " to " + *t.to);
  if (t.from && !t.to) rows.add("dates", "from " + *t.from);
  if (!t.from && t.to) rows.add("dates", "up to " + *t.to);
  rows.add("articles", fmt::format("{} of {} ({} per 1,000)", format_count(t.articles),
                                   format_count(t.total), rate(t.articles, t.total)));
  rows.add("undated", format_count(t.undated));
  rows.add("first date", t.first_date.value_or("-"));
  rows.add("last date", t.last_date.value_or("-"));
  if (t.periods.empty()) return out;
  std::int64_t most = 0;
  std::size_t label = 0, count = 1, total = 1, per = 9;  // "per 1,000"
  for (const PeriodCount& p : t.periods) {
    most = std::max(most, p.articles);
    label = std::max(label, p.period.size());
    count = std::max(count, format_count(p.articles).size());
    total = std::max(total, format_count(p.total).size());
    per = std::max(per, rate(p.articles, p.total).size());
  }
  const std::string_view heading = "articles / all";
  count = std::max(count, heading.size() - 3 - std::min(total, heading.size() - 3));
  const std::size_t columns = bar_columns(width, label + 2 + 2 + count + 3 + total + 2 + per);
  out += fmt::format("\n{:<{}}  {:<{}}  {:>{}}  {:>{}}\n", "", label, "", columns, heading,
                     count + 3 + total, "per 1,000", per);
  for (const PeriodCount& p : t.periods) {
    const std::string drawn = bar(p.articles, most, columns);
    out += fmt::format("{:<{}}  {}{:<{}}  {:>{}} / {:>{}}  {:>{}}\n", p.period, label,
                       paint(color, fmt::fg(fmt::terminal_color::cyan), drawn), "",
                       columns - count_code_points(drawn), format_count(p.articles), count,
                       format_count(p.total), total, rate(p.articles, p.total), per);
  }
  return out;
}

std::string format_forget_summary(const ForgetSummary& s) {
  const auto plural = [](std::size_t n, const char* word) {
    return format_count(static_cast<std::int64_t>(n)) + " " + word + (n == 1 ? "" : "s");
  };
  return plural(s.paths.size(), "path") + " forgotten, " + plural(s.articles.size(), "article") +
         " removed";
}

}  // namespace newsidx
