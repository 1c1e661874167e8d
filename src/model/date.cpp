#include "newsidx/date.hpp"

#include <chrono>
#include <cstdio>

namespace newsidx {
namespace {

constexpr int kFirstYear = 1800;

int current_year() {
  const auto now = std::chrono::system_clock::now();
  const std::chrono::year_month_day ymd{std::chrono::floor<std::chrono::days>(now)};
  return static_cast<int>(ymd.year());
}

std::string format_ymd(int year, int month, int day) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
}

bool all_digits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return !s.empty();
}

int to_int(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

}  // namespace

std::string Date::str() const {
  char buf[16];
  switch (precision) {
    case DatePrecision::kYear:
      std::snprintf(buf, sizeof buf, "%04d", year);
      break;
    case DatePrecision::kMonth:
      std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
      break;
    case DatePrecision::kDay:
      std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
      break;
  }
  return buf;
}

std::string Date::first_day() const {
  return format_ymd(year, month == 0 ? 1 : month, day == 0 ? 1 : day);
}

std::string Date::last_day() const {
  const int m = month == 0 ? 12 : month;
  return format_ymd(year, m, day == 0 ? days_in_month(year, m) : day);
}

std::string_view precision_name(DatePrecision p) {
  switch (p) {
    case DatePrecision::kYear:
      return "year";
    case DatePrecision::kMonth:
      return "month";
    case DatePrecision::kDay:
      return "day";
  }
  return "day";
}

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

std::optional<std::string> date_problem(int year, int month, int day) {
  if (year < kFirstYear) return "year " + std::to_string(year) + " is before 1800";
  if (const int last = current_year() + 1; year > last) {
    return "year " + std::to_string(year) + " is after " + std::to_string(last);
  }
  if (month < 0 || month > 12 || (month == 0 && day != 0)) {
    return "month " + std::to_string(month) + " does not exist";
  }
  if (day < 0 || (month != 0 && day > days_in_month(year, month))) {
    return format_ymd(year, month, day) + " does not exist";
  }
  return std::nullopt;
}

std::optional<Date> make_date(int year, int month, int day) {
  if (date_problem(year, month, day)) return std::nullopt;
  const DatePrecision p = month == 0 ? DatePrecision::kYear
                          : day == 0 ? DatePrecision::kMonth
                                     : DatePrecision::kDay;
  return Date{year, month, day, p};
}

std::optional<Date> parse_iso_date(std::string_view text) {
  if (text.size() != 4 && text.size() != 7 && text.size() != 10) return std::nullopt;
  if (!all_digits(text.substr(0, 4))) return std::nullopt;
  int month = 0;
  int day = 0;
  if (text.size() >= 7) {
    if (text[4] != '-' || !all_digits(text.substr(5, 2))) return std::nullopt;
    month = to_int(text.substr(5, 2));
    if (month == 0) return std::nullopt;
  }
  if (text.size() == 10) {
    if (text[7] != '-' || !all_digits(text.substr(8, 2))) return std::nullopt;
    day = to_int(text.substr(8, 2));
    if (day == 0) return std::nullopt;
  }
  return make_date(to_int(text.substr(0, 4)), month, day);
}

CalendarDate parse_calendar_date(std::string_view text) {
  static constexpr const char* kMonthNames[] = {"January",   "February", "March",    "April",
                                                "May",       "June",     "July",     "August",
                                                "September", "October",  "November", "December"};
  const auto digits_at = [&](std::size_t at, std::size_t n) {
    return text.size() >= at + n && all_digits(text.substr(at, n));
  };
  const bool form = (text.size() == 4 || text.size() == 7 || text.size() == 10) &&
                    digits_at(0, 4) && (text.size() < 7 || (text[4] == '-' && digits_at(5, 2))) &&
                    (text.size() < 10 || (text[7] == '-' && digits_at(8, 2)));
  if (!form) return {std::nullopt, "expected YYYY, YYYY-MM or YYYY-MM-DD"};
  const int year = to_int(text.substr(0, 4));
  const int month = text.size() >= 7 ? to_int(text.substr(5, 2)) : 0;
  const int day = text.size() == 10 ? to_int(text.substr(8, 2)) : 0;
  if (year == 0) return {std::nullopt, "there is no year 0"};
  if (text.size() >= 7 && (month < 1 || month > 12)) {
    return {std::nullopt, "there is no month " + std::to_string(month) + " (months are 01 to 12)"};
  }
  if (text.size() == 10) {
    if (day == 0) return {std::nullopt, "there is no day 0"};
    if (const int last = days_in_month(year, month); day > last) {
      return {std::nullopt, std::string(kMonthNames[month - 1]) + " " + std::to_string(year) +
                                " has " + std::to_string(last) + " days"};
    }
  }
  const DatePrecision p = month == 0 ? DatePrecision::kYear
                          : day == 0 ? DatePrecision::kMonth
                                     : DatePrecision::kDay;
  return {Date{year, month, day, p}, ""};
}

}  // namespace newsidx
