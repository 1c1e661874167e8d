// Date: a calendar date that keeps its precision (year, month or day).
//
// Articles are often dated only to the month ("date 2016-12"); a Date keeps
// that precision and answers with the period it covers. Immutable value type.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace newsidx {

/// How much of a date is known.
enum class DatePrecision { kYear, kMonth, kDay };

/// A valid Gregorian date at year, month or day precision.
struct Date {
  int year = 0;
  int month = 0;  ///< 1..12, or 0 at year precision
  int day = 0;    ///< 1..31, or 0 at year or month precision
  DatePrecision precision = DatePrecision::kYear;

  /// "2016", "2016-12" or "2016-12-15", as precise as the date is.
  [[nodiscard]] std::string str() const;
  /// The first day of the period, "2016-12-01".
  [[nodiscard]] std::string first_day() const;
  /// The last day of the period, "2016-12-31" (leap years included).
  [[nodiscard]] std::string last_day() const;

  friend bool operator==(const Date&, const Date&) = default;
};

/// "year", "month" or "day".
[[nodiscard]] std::string_view precision_name(DatePrecision p);

/// Number of days in a month of a year (Gregorian). REQUIRES: 1 <= month <= 12.
[[nodiscard]] int days_in_month(int year, int month);

/// Why a year/month/day triple is not an acceptable article date, or nullopt
/// when it is. Acceptable: year in [1800, current year + 1], month in 1..12,
/// day within the month. Pass month/day 0 for coarser precision.
[[nodiscard]] std::optional<std::string> date_problem(int year, int month, int day);

/// Builds a Date, or nullopt when date_problem() finds one.
[[nodiscard]] std::optional<Date> make_date(int year, int month, int day);

/// Parses the strict ISO forms `YYYY`, `YYYY-MM`, `YYYY-MM-DD` used by the
/// database. Returns nullopt for anything else or a date that is not an
/// acceptable article date (date_problem()).
[[nodiscard]] std::optional<Date> parse_iso_date(std::string_view text);

/// The calendar date written `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (year 0001 to
/// 9999), as a date filter takes it: any date of the calendar, past or
/// future; the plausibility rule of article dates (date_problem()) does not
/// apply. Returns the date, or why the text is not one:
///   "expected YYYY, YYYY-MM or YYYY-MM-DD" for another form,
///   "there is no year 0", "there is no month 13 (months are 01 to 12)",
///   "there is no day 0", "February 2019 has 28 days".
struct CalendarDate {
  std::optional<Date> date;
  std::string problem;  ///< empty when `date` is set
};
[[nodiscard]] CalendarDate parse_calendar_date(std::string_view text);

}  // namespace newsidx
