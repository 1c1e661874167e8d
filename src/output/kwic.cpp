// The concordance of `search --format kwic` (see printer.hpp): keywords in
// context, one line per match, the matches aligned in one column.
#include <fmt/color.h>
#include <fmt/format.h>

#include <algorithm>

#include "newsidx/printer.hpp"
#include "newsidx/terminal_text.hpp"
#include "newsidx/utf8.hpp"
#include "output/paint.hpp"

namespace newsidx {
namespace {

/// Columns of the date, of the id digits shown, and of the spaces after each.
constexpr std::size_t kDateColumns = 10;
constexpr std::size_t kIdColumns = 8;
constexpr std::size_t kPrefixColumns = kDateColumns + 2 + kIdColumns + 2;
/// Columns of context on each side when there is no terminal to fit.
constexpr std::size_t kContextColumns = 40;
/// The share of a terminal line (after the prefix) before the match, in
/// tenths: a little less than half, as the match and what follows read on.
constexpr std::size_t kLeftTenths = 4;
/// The narrowest context on a side, however narrow the terminal.
constexpr std::size_t kLeastContext = 10;
/// Bytes of text looked at on each side of a match: more code points than
/// a line holds (UTF-8 takes at most 4 bytes each).
constexpr std::size_t kContextBytes = std::size_t{4} * 250;
/// A derived title leaves out a rubric before the first sentence (`VIDÉO.`,
/// at most 40 code points, see the parser): up to 4 bytes each, and a space.
constexpr std::size_t kLeadingLabelBytes = std::size_t{4} * 40 + 1;

bool is_space(char c) {
  return c == ' ' || c == '\n' || c == '\t' || c == '\r';
}

/// `text` on one line: each run of white space (line breaks) as one space.
std::string flatten(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    if (!is_space(c)) {
      out += c;
    } else if (out.empty() || out.back() != ' ') {
      out += ' ';
    }
  }
  return out;
}

/// The end of `text` in `columns` columns, `…` first when it is cut, padded
/// on the left to `columns`.
std::string right_aligned_tail(std::string_view text, std::size_t columns) {
  const std::size_t length = count_code_points(text);
  std::string out;
  if (length > columns) {
    out = std::string(kEllipsis);
    out += text.substr(byte_offset_of(text, length - (columns - 1)));
  } else {
    out = std::string(columns - length, ' ');
    out += text;
  }
  return out;
}

/// The text of [begin, end) of `text`, widened to code-point boundaries
/// inward (a cut never splits a character).
std::string_view slice(std::string_view text, std::size_t begin, std::size_t end) {
  end = std::min(end, text.size());
  while (begin < end && !starts_code_point(text[begin])) ++begin;
  while (end < text.size() && end > begin && !starts_code_point(text[end])) --end;
  return text.substr(begin, end - begin);
}

/// Context columns before and after the match for a line `width` wide.
std::pair<std::size_t, std::size_t> context_columns(std::size_t width) {
  if (width == 0) return {kContextColumns, kContextColumns};
  const std::size_t room = std::max(width, kPrefixColumns + 2 * kLeastContext) - kPrefixColumns;
  const std::size_t left = std::max(kLeastContext, room * kLeftTenths / 10);
  return {left, room - left};
}

/// Whether the title is the start of the body (a title derived from the
/// first sentence, `…` where it was cut, after a leading label such as
/// `VIDÉO.` that titles leave out): its matches are the body's too.
bool title_opens_body(std::string_view title, std::string_view body) {
  if (title.ends_with(kEllipsis)) title.remove_suffix(kEllipsis.size());
  if (title.empty()) return false;
  const std::size_t at = body.substr(0, title.size() + kLeadingLabelBytes).find(title);
  if (at == std::string_view::npos) return false;
  // Before it, nothing or a rubric: upper-case words ending with ". ".
  const std::string_view label = body.substr(0, at);
  return label.empty() ||
         (label.ends_with(". ") &&
          std::none_of(label.begin(), label.end(), [](char c) { return c >= 'a' && c <= 'z'; }));
}

}  // namespace

std::string format_concordance(const Hit& h, const TextMatches& m, bool color, std::size_t width) {
  const std::string prefix =
      detail::paint(color, fmt::fg(fmt::terminal_color::green),
                    fmt::format("{:<{}}", detail::date_text(h.date), kDateColumns)) +
      "  " +
      detail::paint(color, fmt::fg(fmt::terminal_color::yellow), h.id.substr(0, kIdColumns)) + "  ";
  const auto [left, right] = context_columns(width);
  std::string out;
  const bool skip_title = title_opens_body(m.title, m.body);
  for (const auto* part : {&m.in_title, &m.in_body}) {
    if (part == &m.in_title && skip_title) continue;
    const std::string_view text = part == &m.in_title ? m.title : m.body;
    for (const TextRange& r : *part) {
      if (r.start >= r.end || r.end > text.size()) continue;
      const std::string before =
          flatten(slice(text, r.start > kContextBytes ? r.start - kContextBytes : 0, r.start));
      const std::string match = flatten(text.substr(r.start, r.end - r.start));
      const std::string after = flatten(slice(text, r.end, r.end + kContextBytes));
      // The match and what follows share the columns after the match column.
      const std::string shown =
          fit_width(match, width == 0 ? 0 : std::max<std::size_t>(right, 4) - 2);
      const std::size_t taken = count_code_points(shown) + (color ? 0 : 2);
      out +=
          prefix + right_aligned_tail(before, left) + detail::mark(color, shown) +
          fit_width(after, width == 0 ? right : std::max<std::size_t>(right, taken + 1) - taken) +
          "\n";
    }
  }
  return out;
}

}  // namespace newsidx
