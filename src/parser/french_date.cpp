#include "parser/french_date.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <array>
#include <cstdint>
#include <cstdio>
#include <vector>

#include "newsidx/parser.hpp"
#include "parser/normalize.hpp"

namespace newsidx::parser {
namespace {

struct MonthName {
  std::string_view folded;
  int month;
};

constexpr std::array<MonthName, 15> kMonths = {{
    {"janvier", 1},
    {"février", 2},
    {"fevrier", 2},
    {"mars", 3},
    {"avril", 4},
    {"mai", 5},
    {"juin", 6},
    {"juillet", 7},
    {"août", 8},
    {"aout", 8},
    {"septembre", 9},
    {"octobre", 10},
    {"novembre", 11},
    {"décembre", 12},
    {"decembre", 12},
}};

constexpr std::array<std::string_view, 7> kWeekdays = {"lundi",    "mardi",  "mercredi", "jeudi",
                                                       "vendredi", "samedi", "dimanche"};

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

bool is_ascii_alnum(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/// Reads a run of `min`..`max` ASCII digits at `pos` that is not followed by
/// another digit, and advances `pos` past it.
std::optional<int> read_number(std::string_view s, std::size_t& pos, std::size_t min,
                               std::size_t max) {
  std::size_t end = pos;
  while (end < s.size() && is_digit(s[end])) ++end;
  const std::size_t n = end - pos;
  if (n < min || n > max) return std::nullopt;
  int value = 0;
  for (std::size_t i = pos; i < end; ++i) value = value * 10 + (s[i] - '0');
  pos = end;
  return value;
}

/// Reads a word of letters at `pos`, advances `pos` past it, and returns it
/// case-folded (empty when `pos` is not on a letter).
std::string read_folded_word(std::string_view s, std::size_t& pos) {
  std::string out;
  std::size_t i = pos;
  while (i < s.size()) {
    std::size_t next = i;
    const UChar32 c = next_code_point(s, next);
    if (!u_isalpha(c)) break;
    const UChar32 folded = u_foldCase(c, U_FOLD_CASE_DEFAULT);
    std::uint8_t buf[U8_MAX_LENGTH];
    std::size_t n = 0;
    U8_APPEND_UNSAFE(buf, n, folded);
    out.append(reinterpret_cast<const char*>(buf), n);
    i = next;
  }
  pos = i;
  return out;
}

bool is_space_at(std::string_view s, std::size_t pos) {
  if (pos >= s.size()) return false;
  return is_horizontal_space(next_code_point(s, pos));
}

/// Skips one or more white-space characters at `pos`; false when there is none.
bool skip_space(std::string_view s, std::size_t& pos) {
  if (!is_space_at(s, pos)) return false;
  while (pos < s.size()) {
    std::size_t next = pos;
    if (!is_horizontal_space(next_code_point(s, next))) break;
    pos = next;
  }
  return true;
}

/// True when a date may end at `pos` (see match_date()).
bool at_boundary(std::string_view s, std::size_t pos) {
  if (pos == s.size() || is_space_at(s, pos)) return true;
  const char c = s[pos];
  if (c != ',' && c != ';' && c != ':' && c != '.') return false;
  return pos + 1 == s.size() || is_space_at(s, pos + 1);
}

int month_number(std::string_view folded) {
  for (const MonthName& m : kMonths) {
    if (m.folded == folded) return m.month;
  }
  return 0;
}

bool is_weekday(std::string_view folded) {
  for (std::string_view w : kWeekdays) {
    if (w == folded) return true;
  }
  return false;
}

/// `[jeudi] 15 décembre 2016`, `1er décembre 2016`, `décembre 2016`.
std::optional<DateMatch> match_long(std::string_view s) {
  std::size_t pos = 0;
  bool weekday = false;
  {
    std::size_t p = 0;
    if (is_weekday(read_folded_word(s, p))) {
      if (p < s.size() && s[p] == ',') ++p;
      if (!skip_space(s, p)) return std::nullopt;
      weekday = true;
      pos = p;
    }
  }
  DateMatch m;
  if (const auto day = read_number(s, pos, 1, 2)) {
    m.day = *day;
    std::size_t p = pos;
    const std::string suffix = read_folded_word(s, p);
    if (suffix == "er" && m.day == 1) {
      pos = p;
    } else if (!suffix.empty()) {
      return std::nullopt;
    }
    if (!skip_space(s, pos)) return std::nullopt;
  } else if (weekday) {
    return std::nullopt;
  }
  m.month = month_number(read_folded_word(s, pos));
  if (m.month == 0 || !skip_space(s, pos)) return std::nullopt;
  const auto year = read_number(s, pos, 4, 4);
  if (!year || !at_boundary(s, pos)) return std::nullopt;
  m.year = *year;
  m.precision = m.day != 0 ? DatePrecision::kDay : DatePrecision::kMonth;
  m.length = pos;
  return m;
}

/// Skips the time of an ISO 8601 timestamp after its date at `pos`
/// (`T10:30`, `T10:30:00.5Z`, `T10:30:00+01:00`), when there is one.
void skip_time(std::string_view s, std::size_t& pos) {
  if (pos + 1 >= s.size() || s[pos] != 'T' || !is_digit(s[pos + 1])) return;
  std::size_t p = pos + 1;
  while (p < s.size() && (is_digit(s[p]) || s[p] == ':' || s[p] == '.')) ++p;
  if (p < s.size() && s[p] == 'Z') {
    ++p;
  } else if (p < s.size() && (s[p] == '+' || s[p] == '-')) {
    ++p;
    while (p < s.size() && (is_digit(s[p]) || s[p] == ':')) ++p;
  }
  pos = p;
}

/// `YYYY-MM-DD`, `YYYY/MM/DD`, `YYYY-MM`, `YYYY/MM`, `YYYY`, `DD/MM/YYYY`;
/// a `YYYY-MM-DD` may carry an ISO 8601 time, which is ignored.
std::optional<DateMatch> match_numeric(std::string_view s) {
  std::size_t pos = 0;
  if (const auto year = read_number(s, pos, 4, 4)) {
    DateMatch m{*year, 0, 0, DatePrecision::kYear, pos};
    if (pos < s.size() && (s[pos] == '-' || s[pos] == '/')) {
      const char sep = s[pos];
      std::size_t p = pos + 1;
      if (const auto month = read_number(s, p, 1, 2)) {
        if (p < s.size() && s[p] == sep) {
          std::size_t q = p + 1;
          const auto day = read_number(s, q, 1, 2);
          if (day && sep == '-') skip_time(s, q);
          if (day && at_boundary(s, q))
            return DateMatch{*year, *month, *day, DatePrecision::kDay, q};
          return std::nullopt;
        }
        if (at_boundary(s, p)) return DateMatch{*year, *month, 0, DatePrecision::kMonth, p};
      }
    }
    if (at_boundary(s, pos)) return m;
    return std::nullopt;
  }
  pos = 0;
  const auto day = read_number(s, pos, 1, 2);
  if (!day || pos >= s.size() || s[pos] != '/') return std::nullopt;
  ++pos;
  const auto month = read_number(s, pos, 1, 2);
  if (!month || pos >= s.size() || s[pos] != '/') return std::nullopt;
  ++pos;
  const auto year = read_number(s, pos, 4, 4);
  if (!year || !at_boundary(s, pos)) return std::nullopt;
  return DateMatch{*year, *month, *day, DatePrecision::kDay, pos};
}

/// Whether the file name ends at `pos` as far as a date prefix goes.
bool name_boundary(std::string_view name, std::size_t pos) {
  return pos == name.size() ||
         (!is_ascii_alnum(name[pos]) && static_cast<unsigned char>(name[pos]) < 0x80);
}

/// The date a file name starts with (`2016-12-15_…`, `2016-12_…`, `20161215_…`).
std::optional<Date> date_from_name(std::string_view name) {
  std::size_t pos = 0;
  if (const auto compact = read_number(name, pos, 8, 8)) {
    if (!name_boundary(name, pos)) return std::nullopt;
    return make_date(*compact / 10000, *compact / 100 % 100, *compact % 100);
  }
  pos = 0;
  const auto year = read_number(name, pos, 4, 4);
  if (!year || pos >= name.size() || name[pos] != '-') return std::nullopt;
  ++pos;
  const auto month = read_number(name, pos, 2, 2);
  if (!month || *month == 0) return std::nullopt;
  if (pos + 1 < name.size() && name[pos] == '-' && is_digit(name[pos + 1])) {
    ++pos;
    const auto day = read_number(name, pos, 2, 2);
    if (!day || *day == 0 || !name_boundary(name, pos)) return std::nullopt;
    return make_date(*year, *month, *day);
  }
  if (!name_boundary(name, pos)) return std::nullopt;
  return make_date(*year, *month, 0);
}

/// A folder name that is a year, a month or a day number: its value, or -1.
int folder_number(std::string_view name, std::size_t min, std::size_t max) {
  std::size_t pos = 0;
  const auto n = read_number(name, pos, min, max);
  return n && pos == name.size() ? *n : -1;
}

/// The date of the deepest dated folder of `dirs` (`…/2016/12/15`,
/// `…/2016/12`, `…/2016`, `…/2016-12`).
std::optional<Date> date_from_folders(std::string_view dirs) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (start <= dirs.size()) {
    std::size_t end = dirs.find('/', start);
    if (end == std::string_view::npos) end = dirs.size();
    if (end > start) parts.push_back(dirs.substr(start, end - start));
    start = end + 1;
  }
  std::optional<Date> found;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (parts[i].size() > 4) {  // `2016-12`, `2016-12-15`
      if (auto iso = parse_iso_date(parts[i])) found = iso;
      continue;
    }
    const int year = folder_number(parts[i], 4, 4);
    if (year < 0 || !make_date(year, 0, 0)) continue;
    found = make_date(year, 0, 0);
    const int month = i + 1 < parts.size() ? folder_number(parts[i + 1], 1, 2) : -1;
    if (month <= 0 || !make_date(year, month, 0)) continue;
    found = make_date(year, month, 0);
    const int day = i + 2 < parts.size() ? folder_number(parts[i + 2], 1, 2) : -1;
    if (day <= 0 || !make_date(year, month, day)) continue;
    found = make_date(year, month, day);
  }
  return found;
}

}  // namespace

std::optional<std::string> DateMatch::problem() const {
  if (auto p = date_problem(year, 0, 0)) return p;
  if (precision == DatePrecision::kYear) return std::nullopt;
  if (month < 1 || month > 12) return "month " + std::to_string(month) + " does not exist";
  if (precision == DatePrecision::kMonth) return std::nullopt;
  if (day < 1) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d does not exist", year, month, day);
    return std::string(buf);
  }
  return date_problem(year, month, day);
}

Date DateMatch::date() const {
  return Date{year, precision == DatePrecision::kYear ? 0 : month,
              precision == DatePrecision::kDay ? day : 0, precision};
}

std::optional<DateMatch> match_date(std::string_view text) {
  if (text.empty()) return std::nullopt;
  if (auto m = match_long(text)) return m;
  return match_numeric(text);
}

std::optional<Date> date_from_path(std::string_view path) {
  const std::size_t slash = path.rfind('/');
  const std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  const std::string_view dirs =
      slash == std::string_view::npos ? std::string_view() : path.substr(0, slash);
  const std::optional<Date> by_name = date_from_name(name);
  const std::optional<Date> by_folder = date_from_folders(dirs);
  if (by_name && (!by_folder || by_name->precision >= by_folder->precision)) return by_name;
  return by_folder;
}

}  // namespace newsidx::parser

namespace newsidx {

std::optional<Date> parse_written_date(std::string_view text) {
  constexpr std::string_view kSpace = " \t\r\n";
  const std::size_t first = text.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return std::nullopt;
  text = text.substr(first, text.find_last_not_of(kSpace) + 1 - first);
  const std::optional<parser::DateMatch> match = parser::match_date(text);
  if (!match || match->length != text.size() || match->problem()) return std::nullopt;
  return match->date();
}

}  // namespace newsidx
