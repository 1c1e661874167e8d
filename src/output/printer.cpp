#include "newsidx/printer.hpp"

#include <fmt/color.h>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "newsidx/units.hpp"
#include "newsidx/utf8.hpp"

namespace newsidx {
namespace {

std::string paint(bool color, fmt::text_style style, std::string_view text) {
  if (!color) return std::string(text);
  return fmt::format(style, "{}", text);
}

std::string highlight(const Hit& h, bool color) {
  std::string out;
  std::size_t pos = 0;
  for (const auto& [start, end] : h.matches) {
    const std::size_t b = byte_offset_of(h.snippet, start);
    const std::size_t e = byte_offset_of(h.snippet, end);
    if (b < pos) continue;
    out.append(h.snippet, pos, b - pos);
    const std::string word = h.snippet.substr(b, e - b);
    out += color ? paint(true, fmt::emphasis::bold | fmt::fg(fmt::terminal_color::red), word)
                 : "[" + word + "]";
    pos = e;
  }
  out.append(h.snippet, pos);
  return out;
}

/// How many bytes the control character at `s[i]` takes: 1 for C0 and DEL,
/// 2 for a C1 control (U+0080-U+009F) in UTF-8, 0 when there is none.
std::size_t control_length(std::string_view s, std::size_t i) {
  constexpr unsigned char kDelete = 0x7F;
  constexpr unsigned char kC1Lead = 0xC2;  // U+0080-U+00BF are C2 80-C2 BF
  constexpr unsigned char kLastC1Trail = 0x9F;
  const auto b = static_cast<unsigned char>(s[i]);
  if (b < 0x20 || b == kDelete) return 1;
  if (b == kC1Lead && i + 1 < s.size()) {
    const auto next = static_cast<unsigned char>(s[i + 1]);
    if (next >= 0x80 && next <= kLastC1Trail) return 2;
  }
  return 0;
}

std::string date_text(const std::optional<Date>& d) {
  return d ? d->str() : "undated";
}

/// The histogram with the periods that have no article filled in (zero), so
/// that gaps show; left as is when periods mix years and months.
std::vector<std::pair<std::string, std::int64_t>> with_empty_periods(
    const std::vector<std::pair<std::string, std::int64_t>>& h) {
  constexpr std::size_t kMostRows = 1200;
  const std::size_t width = h.front().first.size();
  if ((width != 4 && width != 7) ||
      std::any_of(h.begin(), h.end(), [&](const auto& p) { return p.first.size() != width; })) {
    return h;
  }
  const auto index = [&](const std::string& period) {
    const int year = std::stoi(period.substr(0, 4));
    return width == 4 ? year : year * 12 + std::stoi(period.substr(5, 2)) - 1;
  };
  const int first = index(h.front().first);
  const int last = index(h.back().first);
  if (last < first || static_cast<std::size_t>(last - first) >= kMostRows) return h;
  std::vector<std::pair<std::string, std::int64_t>> out;
  std::size_t next = 0;
  for (int i = first; i <= last; ++i) {
    if (next < h.size() && index(h[next].first) == i) {
      out.push_back(h[next++]);
    } else {
      out.emplace_back(
          width == 4 ? fmt::format("{:04d}", i) : fmt::format("{:04d}-{:02d}", i / 12, i % 12 + 1),
          0);
    }
  }
  return out;
}

}  // namespace

std::string quote_path(std::string_view path) {
  bool plain = !path.starts_with('"');
  for (std::size_t i = 0; plain && i < path.size(); ++i) plain = control_length(path, i) == 0;
  if (plain) return std::string(path);
  std::string quoted = "\"";
  for (std::size_t i = 0; i < path.size(); ++i) {
    switch (path[i]) {
      case '"':
        quoted += "\\\"";
        continue;
      case '\\':
        quoted += "\\\\";
        continue;
      case '\n':
        quoted += "\\n";
        continue;
      case '\t':
        quoted += "\\t";
        continue;
      case '\r':
        quoted += "\\r";
        continue;
      default:
        break;
    }
    const std::size_t control = control_length(path, i);
    if (control == 0) {
      quoted += path[i];
      continue;
    }
    for (std::size_t k = 0; k < control; ++k) {
      char octal[8];
      std::snprintf(octal, sizeof octal, "\\%03o", static_cast<unsigned char>(path[i + k]));
      quoted += octal;
    }
    i += control - 1;
  }
  quoted += '"';
  return quoted;
}

bool should_color(std::string_view choice, bool is_terminal, bool no_color_set) {
  if (choice == "always") return true;
  if (choice == "never") return false;
  return is_terminal && !no_color_set;
}

std::string format_hit(const Hit& h, bool color) {
  const std::string folded =
      h.similar.empty() ? std::string()
                        : fmt::format("  +{} similar\n",
                                      format_count(static_cast<std::int64_t>(h.similar.size())));
  return fmt::format("{}  {}  {}\n  {}\n  {}\n{}\n",
                     paint(color, fmt::fg(fmt::terminal_color::green), date_text(h.date)),
                     paint(color, fmt::fg(fmt::terminal_color::yellow), h.id),
                     paint(color, fmt::emphasis::bold, h.title), highlight(h, color),
                     paint(color, fmt::fg(fmt::terminal_color::magenta), quote_path(h.path)),
                     folded);
}

std::string format_similar(const SimilarArticle& a, bool color) {
  return fmt::format("{:.2f}  {}  {}  {}\n  {}\n", a.resemblance,
                     paint(color, fmt::fg(fmt::terminal_color::green), date_text(a.date)),
                     paint(color, fmt::fg(fmt::terminal_color::yellow), a.id),
                     paint(color, fmt::emphasis::bold, a.title),
                     paint(color, fmt::fg(fmt::terminal_color::magenta), quote_path(a.path)));
}

std::string format_article(const Article& a, bool color) {
  std::string out = paint(color, fmt::emphasis::bold, a.title) + "\n";
  out +=
      fmt::format("{}  {}\n", paint(color, fmt::fg(fmt::terminal_color::green), date_text(a.date)),
                  paint(color, fmt::fg(fmt::terminal_color::yellow), a.id));
  for (const Source& s : a.sources) {
    out += paint(color, fmt::fg(fmt::terminal_color::magenta), quote_path(s.path)) + "\n";
  }
  for (const Block& b : a.blocks) {
    out += "\n";
    if (b.type == Block::Type::kHeading) {
      out += color ? paint(true, fmt::emphasis::bold | fmt::emphasis::underline, b.text)
                   : "## " + b.text;
      out += "\n";
    } else {
      out += b.text + "\n";
    }
  }
  return out;
}

std::string format_summary(const IngestSummary& s) {
  std::string out = fmt::format(
      "{} files: {} added, {} duplicates, {} unchanged, {} updated, {} rejected, {} warnings",
      format_count(s.files), format_count(s.added), format_count(s.duplicates),
      format_count(s.unchanged), format_count(s.updated), format_count(s.rejected),
      format_count(s.warnings));
  if (s.pruned > 0) out += fmt::format(", {} pruned", format_count(s.pruned));
  const double rate = s.seconds > 0 ? static_cast<double>(s.files) / s.seconds : 0;
  out += fmt::format(" — {:.1f} s ({} files/s)", s.seconds, format_count(std::llround(rate)));
  return out;
}

std::string format_stats(const Stats& s, bool color, int width) {
  std::string out;
  auto row = [&](std::string_view label, const std::string& value) {
    out += fmt::format("{:<12} {}\n", label, value);
  };
  row("articles", format_count(s.articles));
  row("sources", format_count(s.sources));
  row("duplicates", format_count(s.duplicates));
  row("undated", format_count(s.undated));
  row("first date", s.first_date.value_or("-"));
  row("last date", s.last_date.value_or("-"));
  row("database", format_bytes(static_cast<std::uint64_t>(s.db_bytes)));
  row("clusters", format_count(s.clusters) + " (" + format_count(s.clustered) +
                      " articles with near duplicates)");
  if (s.histogram.empty()) return out;
  out += "\n";
  const auto histogram = with_empty_periods(s.histogram);
  std::int64_t most = 1;
  std::size_t label_width = 0;
  for (const auto& [period, n] : histogram) {
    most = std::max(most, n);
    label_width = std::max(label_width, period.size());
  }
  for (const auto& [period, n] : histogram) {
    const auto cells = static_cast<std::size_t>((n * width + most - 1) / most);
    std::string bar;
    for (std::size_t i = 0; i < cells; ++i) bar += "█";
    out += fmt::format("{:<{}}  {} {}\n", period, label_width,
                       paint(color, fmt::fg(fmt::terminal_color::cyan), bar), format_count(n));
  }
  return out;
}

std::string format_progress(std::int64_t done, std::int64_t total, double seconds, int width) {
  const double share = total > 0 ? static_cast<double>(done) / static_cast<double>(total) : 1.0;
  const int filled = static_cast<int>(share * width);
  std::string bar;
  for (int i = 0; i < width; ++i) bar += i < filled ? "█" : "░";
  const double rate = seconds > 0 ? static_cast<double>(done) / seconds : 0;
  const double eta = rate > 0 ? static_cast<double>(total - done) / rate : 0;
  return fmt::format("{} {}/{} files  {} files/s  ETA {:.0f} s", bar, format_count(done),
                     format_count(total), format_count(static_cast<std::int64_t>(rate)), eta);
}

}  // namespace newsidx
