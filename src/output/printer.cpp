#include "newsidx/printer.hpp"

#include <fmt/color.h>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "newsidx/terminal_text.hpp"
#include "newsidx/units.hpp"
#include "newsidx/utf8.hpp"
#include "output/paint.hpp"

namespace newsidx {
namespace detail {

std::string paint(bool color, fmt::text_style style, std::string_view text) {
  if (!color) return std::string(text);
  return fmt::format(style, "{}", text);
}

std::string mark(bool color, std::string_view match) {
  return color ? paint(true, fmt::emphasis::bold | fmt::fg(fmt::terminal_color::red), match)
               : fmt::format("[{}]", match);
}

std::string mark_ranges(std::string_view text, const std::vector<TextRange>& ranges, bool color) {
  std::string out;
  std::size_t pos = 0;
  for (const TextRange& r : ranges) {
    const std::size_t b = std::min(r.start, text.size());
    const std::size_t e = std::min(r.end, text.size());
    if (b < pos || e <= b) continue;
    out.append(text.substr(pos, b - pos));
    out += mark(color, text.substr(b, e - b));
    pos = e;
  }
  out.append(text.substr(pos));
  return out;
}

std::string date_text(const std::optional<Date>& d) {
  return d ? d->str() : "undated";
}

}  // namespace detail

namespace {

using detail::date_text;
using detail::paint;

/// The snippet of a hit with its matches in bytes.
std::vector<TextRange> snippet_ranges(const std::string& snippet,
                                      const std::vector<std::pair<std::size_t, std::size_t>>& m) {
  std::vector<TextRange> ranges;
  ranges.reserve(m.size());
  for (const auto& [start, end] : m) {
    ranges.push_back({byte_offset_of(snippet, start), byte_offset_of(snippet, end)});
  }
  return ranges;
}

/// The snippet of `h` highlighted, in `width` columns at most (0: no
/// limit): when it is longer, the part around its first match, with `…`
/// where it is cut.
std::string highlight(const Hit& h, bool color, std::size_t width) {
  std::vector<TextRange> ranges = snippet_ranges(h.snippet, h.matches);
  const std::size_t length = count_code_points(h.snippet);
  // Without colour, each match takes two more columns: its brackets.
  const std::size_t brackets = color ? 0 : 2 * h.matches.size();
  if (width == 0 || length + brackets <= width)
    return detail::mark_ranges(h.snippet, ranges, color);
  // A window of what is left of `width` with an ellipsis at each end, the
  // first match in its middle.
  const std::size_t room = width > 2 + brackets ? width - 2 - brackets : 1;
  const std::size_t first = h.matches.empty() ? 0 : h.matches.front().first;
  const std::size_t match = h.matches.empty() ? 0 : h.matches.front().second - first;
  std::size_t start =
      first > (room - std::min(room, match)) / 2 ? first - (room - std::min(room, match)) / 2 : 0;
  start = std::min(start, length - std::min(length, room));
  const std::size_t b = byte_offset_of(h.snippet, start);
  const std::size_t e = byte_offset_of(h.snippet, start + room);
  std::vector<TextRange> inside;
  for (const TextRange& r : ranges) {
    if (r.start >= b && r.end <= e) inside.push_back({r.start - b, r.end - b});
  }
  std::string out = start > 0 ? std::string(kEllipsis) : "";
  out += detail::mark_ranges(std::string_view(h.snippet).substr(b, e - b), inside, color);
  if (e < h.snippet.size()) out += kEllipsis;
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

namespace {

/// A title line holds at most this many code points whatever the title (a
/// `titre:` line can be a whole text): about two lines of a terminal.
constexpr std::size_t kMaxTitleColumns = 160;

/// The columns left for the title after DATE and ID (and their two-space
/// gaps) on a line `width` columns wide (0: no terminal), at most
/// kMaxTitleColumns.
std::size_t title_columns(std::size_t before, std::size_t width) {
  constexpr std::size_t kGaps = 4;
  constexpr std::size_t kLeast = 2;  // room for a letter and `…`
  before += kGaps;
  if (width == 0) return kMaxTitleColumns;
  return std::min(kMaxTitleColumns, std::max(width, before + kLeast) - before);
}

}  // namespace

std::string format_hit(const Hit& h, bool color, std::size_t width) {
  const std::string date = date_text(h.date);
  // The title after "DATE  ID  ".
  const std::size_t title_width = title_columns(count_code_points(date) + h.id.size(), width);
  const std::string folded =
      h.similar.empty() ? std::string()
                        : fmt::format("  +{} similar\n",
                                      format_count(static_cast<std::int64_t>(h.similar.size())));
  return fmt::format(
      "{}  {}  {}\n  {}\n  {}\n{}\n", paint(color, fmt::fg(fmt::terminal_color::green), date),
      paint(color, fmt::fg(fmt::terminal_color::yellow), h.id),
      paint(color, fmt::emphasis::bold, fit_width(h.title, title_width)),
      highlight(h, color, width > 2 ? width - 2 : width),
      paint(color, fmt::fg(fmt::terminal_color::magenta), quote_path(h.path)), folded);
}

std::string format_similar(const SimilarArticle& a, bool color) {
  return fmt::format("{:.2f}  {}  {}  {}\n  {}\n", a.resemblance,
                     paint(color, fmt::fg(fmt::terminal_color::green), date_text(a.date)),
                     paint(color, fmt::fg(fmt::terminal_color::yellow), a.id),
                     paint(color, fmt::emphasis::bold, a.title),
                     paint(color, fmt::fg(fmt::terminal_color::magenta), quote_path(a.path)));
}

std::string format_hit_line(const Hit& h, bool color, std::size_t width) {
  const std::string date = fmt::format("{:<10}", date_text(h.date));
  const std::size_t title_width = title_columns(date.size() + h.id.size(), width);
  return fmt::format("{}  {}  {}\n", paint(color, fmt::fg(fmt::terminal_color::green), date),
                     paint(color, fmt::fg(fmt::terminal_color::yellow), h.id),
                     paint(color, fmt::emphasis::bold, fit_width(h.title, title_width)));
}

namespace {

/// The ranges of `body_ranges` inside [begin, end) of the body, clipped to
/// it and counted from `begin`.
std::vector<TextRange> ranges_within(const std::vector<TextRange>& body_ranges, std::size_t begin,
                                     std::size_t end) {
  std::vector<TextRange> out;
  for (const TextRange& r : body_ranges) {
    if (r.end <= begin || r.start >= end) continue;
    out.push_back({std::max(r.start, begin) - begin, std::min(r.end, end) - begin});
  }
  return out;
}

}  // namespace

std::string format_article(const Article& a, bool color, std::size_t width,
                           const TextMatches* marks) {
  static const std::vector<TextRange> kNone;
  std::string out = paint(color, fmt::emphasis::bold,
                          detail::mark_ranges(a.title, marks ? marks->in_title : kNone, color)) +
                    "\n";
  out +=
      fmt::format("{}  {}\n", paint(color, fmt::fg(fmt::terminal_color::green), date_text(a.date)),
                  paint(color, fmt::fg(fmt::terminal_color::yellow), a.id));
  for (const Source& s : a.sources) {
    out += paint(color, fmt::fg(fmt::terminal_color::magenta), quote_path(s.path)) + "\n";
  }
  std::size_t offset = 0;  // of the block in the body (blocks joined by kBlockSeparator)
  for (const Block& b : a.blocks) {
    const std::vector<TextRange> ranges =
        marks ? ranges_within(marks->in_body, offset, offset + b.text.size()) : kNone;
    offset += b.text.size() + kBlockSeparator.size();
    // Wrapping turns spaces into line breaks: the byte ranges stay right.
    const std::string text = detail::mark_ranges(wrap_words(b.text, width), ranges, color);
    out += "\n";
    if (b.type == Block::Type::kHeading) {
      out +=
          color ? paint(true, fmt::emphasis::bold | fmt::emphasis::underline, text) : "## " + text;
      out += "\n";
    } else {
      out += text + "\n";
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

std::string format_progress(std::int64_t done, std::int64_t total, double seconds,
                            std::string_view unit, int width) {
  const double share = total > 0 ? static_cast<double>(done) / static_cast<double>(total) : 1.0;
  const int filled = static_cast<int>(share * width);
  std::string bar;
  for (int i = 0; i < width; ++i) bar += i < filled ? "█" : "░";
  const double rate = seconds > 0 ? static_cast<double>(done) / seconds : 0;
  const double eta = rate > 0 ? static_cast<double>(total - done) / rate : 0;
  return fmt::format("{} {}/{} {}  {} {}/s  ETA {:.0f} s", bar, format_count(done),
                     format_count(total), unit, format_count(static_cast<std::int64_t>(rate)), unit,
                     eta);
}

}  // namespace newsidx
