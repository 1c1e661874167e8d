#include "parser/header_lines.hpp"

#include "parser/lines.hpp"
#include "parser/normalize.hpp"

namespace newsidx::parser {
namespace {

/// The keyword that starts a date line, in any case.
constexpr std::string_view kDateKeyword = "date";

/// Drops the separator between a date and the text that follows it on the
/// date line (white space, then one of `,;:.` or a dash followed by a space).
std::string_view strip_separator(std::string_view rest) {
  std::size_t pos = 0;
  skip_spaces(rest, pos);
  rest.remove_prefix(pos);
  if (rest.empty()) return rest;
  std::size_t after = 0;
  if (rest[0] == ',' || rest[0] == ';' || rest[0] == ':' || rest[0] == '.') {
    after = 1;
  } else {
    for (std::string_view dash : {"-", "\xE2\x80\x93", "\xE2\x80\x94"}) {  // - – —
      if (rest.starts_with(dash)) after = dash.size();
    }
    if (after != 0 && after < rest.size()) {
      std::size_t probe = after;
      if (!is_horizontal_space(next_code_point(rest, probe))) after = 0;
    }
  }
  pos = after;
  skip_spaces(rest, pos);
  return rest.substr(pos);
}

}  // namespace

std::optional<MetaLine> match_metadata(std::string_view line) {
  std::size_t pos = 0;
  while (pos < line.size() &&
         ((line[pos] >= 'a' && line[pos] <= 'z') || (line[pos] >= 'A' && line[pos] <= 'Z'))) {
    ++pos;
  }
  const std::string_view key = line.substr(0, pos);
  MetaKey k;
  if (iequals_ascii(key, "titre") || iequals_ascii(key, "title")) {
    k = MetaKey::kTitle;
  } else if (iequals_ascii(key, "auteur") || iequals_ascii(key, "author")) {
    k = MetaKey::kAuthor;
  } else if (iequals_ascii(key, "source")) {
    k = MetaKey::kSource;
  } else if (iequals_ascii(key, "url")) {
    k = MetaKey::kUrl;
  } else {
    return std::nullopt;
  }
  skip_spaces(line, pos);
  if (pos >= line.size() || line[pos] != ':') return std::nullopt;
  ++pos;
  skip_spaces(line, pos);
  return MetaLine{k, line.substr(pos)};
}

std::optional<DateLine> match_date_line(std::string_view line) {
  if (line.size() < kDateKeyword.size() ||
      !iequals_ascii(line.substr(0, kDateKeyword.size()), kDateKeyword)) {
    return std::nullopt;
  }
  std::size_t pos = kDateKeyword.size();
  skip_spaces(line, pos);
  const bool spaced = pos > kDateKeyword.size();
  bool colon = false;
  if (pos < line.size() && line[pos] == ':') {
    colon = true;
    ++pos;
    skip_spaces(line, pos);
  }
  if (!spaced && !colon) return std::nullopt;
  const std::string_view value = line.substr(pos);
  if (auto m = match_date(value)) {
    return DateLine{m, value.substr(0, m->length), strip_separator(value.substr(m->length))};
  }
  if (!colon) return std::nullopt;
  return DateLine{std::nullopt, value, {}};
}

}  // namespace newsidx::parser
