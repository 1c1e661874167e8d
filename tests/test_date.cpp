#include <catch2/catch.hpp>

#include "newsidx/date.hpp"

using newsidx::Date;
using newsidx::DatePrecision;
using newsidx::parse_iso_date;

TEST_CASE("ISO dates keep their precision and period", "[date]") {
  const auto y = parse_iso_date("2016");
  REQUIRE(y);
  CHECK(y->precision == DatePrecision::kYear);
  CHECK(y->str() == "2016");
  CHECK(y->first_day() == "2016-01-01");
  CHECK(y->last_day() == "2016-12-31");

  const auto m = parse_iso_date("2016-02");
  REQUIRE(m);
  CHECK(m->precision == DatePrecision::kMonth);
  CHECK(m->str() == "2016-02");
  CHECK(m->first_day() == "2016-02-01");
  CHECK(m->last_day() == "2016-02-29");  // leap year

  const auto d = parse_iso_date("2015-02-28");
  REQUIRE(d);
  CHECK(d->precision == DatePrecision::kDay);
  CHECK(d->first_day() == "2015-02-28");
  CHECK(d->last_day() == "2015-02-28");
  CHECK(parse_iso_date("1900-02")->last_day() == "1900-02-28");
  CHECK(parse_iso_date("2000-02")->last_day() == "2000-02-29");
}

TEST_CASE("impossible or malformed ISO dates are refused", "[date]") {
  for (const char* bad :
       {"", "16", "20161", "2016-13", "2016-00", "2016-02-30", "2015-02-29", "1799", "9999",
        "2016/12", "2016-1", "2016-12-1", "2016-12-00", "２０１６", "2016-12-15T10"}) {
    INFO(bad);
    CHECK_FALSE(parse_iso_date(bad));
  }
}

TEST_CASE("date_problem explains what is wrong", "[date]") {
  CHECK(newsidx::date_problem(2016, 13, 0).value() == "month 13 does not exist");
  CHECK(newsidx::date_problem(2016, 2, 30).value() == "2016-02-30 does not exist");
  CHECK(newsidx::date_problem(1700, 0, 0).value() == "year 1700 is before 1800");
  CHECK_FALSE(newsidx::date_problem(1800, 1, 1));
  CHECK(newsidx::precision_name(DatePrecision::kMonth) == "month");
}

TEST_CASE("a date filter is any calendar date, what does not exist is said", "[date]") {
  using newsidx::parse_calendar_date;
  const auto future = parse_calendar_date("2030");
  REQUIRE(future.date);
  CHECK(future.date->precision == DatePrecision::kYear);
  CHECK(future.date->last_day() == "2030-12-31");
  CHECK(future.problem.empty());
  CHECK(parse_calendar_date("1700-02-29").problem == "February 1700 has 28 days");
  CHECK(parse_calendar_date("0001-01-01").date->str() == "0001-01-01");
  CHECK(parse_calendar_date("9999-12").date->last_day() == "9999-12-31");
  CHECK(parse_calendar_date("2016-02-29").date->precision == DatePrecision::kDay);
  CHECK(parse_calendar_date("2019-02-30").problem == "February 2019 has 28 days");
  CHECK(parse_calendar_date("2019-04-31").problem == "April 2019 has 30 days");
  CHECK(parse_calendar_date("2019-13").problem == "there is no month 13 (months are 01 to 12)");
  CHECK(parse_calendar_date("2019-00-10").problem == "there is no month 0 (months are 01 to 12)");
  CHECK(parse_calendar_date("2019-01-00").problem == "there is no day 0");
  CHECK(parse_calendar_date("0000").problem == "there is no year 0");
  for (const char* bad : {"", "16", "20161", "2016-1", "2016/12", "2016-12-1", "２０１６",
                          "2016-12-15T1", "-2016", "2016-"}) {
    INFO(bad);
    const auto r = parse_calendar_date(bad);
    CHECK_FALSE(r.date);
    CHECK(r.problem == "expected YYYY, YYYY-MM or YYYY-MM-DD");
  }
  // Articles keep their own plausibility rule.
  CHECK_FALSE(parse_iso_date("2030"));
  CHECK_FALSE(parse_iso_date("1700"));
}
