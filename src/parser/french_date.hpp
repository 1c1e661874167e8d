// Dates as written in article files and in their paths (SPEC §1.1, §1.4),
// private to the parser.
//
// Stateless functions; safe to call from any thread.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "newsidx/date.hpp"

namespace newsidx::parser {

/// A date recognized at the start of a text, with its numbers as written:
/// they may be impossible (month 13), see problem().
struct DateMatch {
  int year = 0;
  int month = 0;  ///< as written; 0 at year precision
  int day = 0;    ///< as written; 0 at year or month precision
  DatePrecision precision = DatePrecision::kYear;
  std::size_t length = 0;  ///< bytes of the text the date takes

  /// Why this is not an acceptable article date ("month 13 does not exist"),
  /// or nullopt when it is.
  [[nodiscard]] std::optional<std::string> problem() const;
  /// The date. REQUIRES: !problem().
  [[nodiscard]] Date date() const;
};

/// Recognizes a date at the very start of `text` (one normalized line) in one
/// of the forms YYYY, YYYY-MM, YYYY-MM-DD, YYYY/MM/DD, DD/MM/YYYY, `décembre
/// 2016`, `15 décembre 2016`, `1er décembre 2016`, `jeudi 15 décembre 2016`
/// (French names in any case, with or without accents), preferring the
/// longest. A `YYYY-MM-DD` may carry an ISO 8601 time (`T10:30:00Z`), which
/// is part of the match but not of the date. The date must end the text or be followed by white
/// space, or by one of `,` `;` `:` `.` and then white space or the end. Returns nullopt when no
/// form matches.
[[nodiscard]] std::optional<DateMatch> match_date(std::string_view text);

/// The date held by a file path: a file name starting `2016-12-15`, `2016-12`
/// or `20161215` followed by a character that is not a letter or digit, or
/// folders `…/2016/12/15/…`, `…/2016/12/…`, `…/2016/…` (or a folder named
/// `2016-12`); the more precise of the two, the file name on a tie. Only
/// acceptable dates count (date_problem()). Nullopt when there is none.
[[nodiscard]] std::optional<Date> date_from_path(std::string_view path);

}  // namespace newsidx::parser
