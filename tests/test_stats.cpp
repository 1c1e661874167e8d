// Histograms and timelines (store/stats.cpp), and counts, against what
// the articles a search lists say: for each request, the periods, counts
// and date ranges made from the hits of the same request with --all.
#include <catch2/catch.hpp>
#include <cstdint>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "newsidx/article.hpp"
#include "newsidx/date.hpp"
#include "newsidx/search_request.hpp"
#include "newsidx/store.hpp"
#include "support.hpp"

using namespace newsidx;
using newsidx::test::TempDir;

namespace {

/// Words in about half, a sixth, a twentieth and a hundredth of the
/// articles: counted by walking the date index, or by reading the dates of
/// each match.
const std::vector<std::pair<std::string, int>> kWords = {
    {"tribunal", 50}, {"maire", 16}, {"grève", 5}, {"météorite", 1}};

/// Article `n`: dated to the year, the month or the day, or undated, from
/// 2014 to 2017.
Article article(std::mt19937& random, int n) {
  std::string body = "Texte";
  for (const auto& [word, percent] : kWords) {
    if (static_cast<int>(random() % 100) < percent) body += ' ' + word;
  }
  body += '.';
  return newsidx::test::generated_article(random, n, body);
}

/// The period of a date in a histogram by year or month: "2016" for a date
/// of a whole year, else "2016" or "2016-12".
std::string period_of(const Date& d, DatePrecision by) {
  return d.str().substr(0, by == DatePrecision::kYear ? 4 : 7);
}

/// What a search of `r` with --all lists, counted as a timeline counts.
struct Listed {
  std::map<std::string, std::int64_t> periods;
  std::int64_t articles = 0;
  std::int64_t undated = 0;
  std::optional<std::string> first_date;
  std::optional<std::string> last_date;
};

Listed listed(const Store& store, SearchRequest r, DatePrecision by) {
  r.limit = -1;
  r.offset = 0;
  r.collapse = false;
  Listed out;
  for (const Hit& h : store.search(r)) {
    ++out.articles;
    if (!h.date) {
      ++out.undated;
      continue;
    }
    ++out.periods[period_of(*h.date, by)];
    if (!out.first_date || h.date->first_day() < *out.first_date) {
      out.first_date = h.date->first_day();
    }
    if (!out.last_date || h.date->last_day() > *out.last_date) out.last_date = h.date->last_day();
  }
  return out;
}

/// The periods of `timeline` that hold an article, matching or not.
std::map<std::string, std::int64_t> nonzero(const std::vector<PeriodCount>& periods,
                                            bool matching) {
  std::map<std::string, std::int64_t> out;
  for (const PeriodCount& p : periods) {
    const std::int64_t n = matching ? p.articles : p.total;
    if (n > 0) out[p.period] = n;
  }
  return out;
}

}  // namespace

TEST_CASE("timelines and histograms count what searches list", "[store][stats]") {
  TempDir dir;
  {
    Store s(dir.path() / "n.db", Store::Access::kReadWrite);
    std::mt19937 random(20261205);
    s.begin_batch();
    for (int n = 0; n < 700; ++n) s.put(article(random, n), {1, 1});
    s.commit_batch();
  }
  const Store store(dir.path() / "n.db", Store::Access::kReadOnly);
  const std::vector<std::pair<std::optional<std::string>, std::optional<std::string>>> filters = {
      {std::nullopt, std::nullopt},
      {"2015", std::nullopt},
      {std::nullopt, "2016-03"},
      {"2015-04-12", "2016-06"},
      {"2030", std::nullopt}};
  int checked = 0;
  for (const std::string_view q : {"tribunal", "maire", "grève", "météorite", "tribunal maire",
                                   "maire OR grève", "tribunal -grève", "introuvable", ""}) {
    for (const auto& [from, to] : filters) {
      if (q.empty() && !from && !to) continue;  // a timeline needs a query or dates
      for (const DatePrecision by : {DatePrecision::kYear, DatePrecision::kMonth}) {
        INFO("query " << q << " from " << from.value_or("-") << " to " << to.value_or("-") << " by "
                      << static_cast<int>(by));
        const SearchRequest r = newsidx::test::request_between(q, from, to);
        SearchRequest everything = r;
        everything.match.reset();
        const Timeline t = store.timeline(r, by);
        const Listed want = listed(store, r, by);
        const Listed all = listed(store, everything, by);
        CHECK(t.articles == want.articles);
        CHECK(store.count(r) == want.articles);
        CHECK(t.undated == want.undated);
        CHECK(t.first_date == want.first_date);
        CHECK(t.last_date == want.last_date);
        CHECK(t.total == all.articles);
        CHECK(nonzero(t.periods, true) == want.periods);
        CHECK(nonzero(t.periods, false) == all.periods);
        checked += want.articles > 0 ? 1 : 0;
      }
    }
  }
  CHECK(checked > 50);
  for (const DatePrecision by : {DatePrecision::kYear, DatePrecision::kMonth}) {
    const Stats st = store.stats(by);
    const Listed all = listed(store, SearchRequest{}, by);
    CHECK(st.articles == 700);
    CHECK(st.undated == all.undated);
    CHECK(st.undated == 100);  // every seventh article
    CHECK(st.first_date == all.first_date);
    CHECK(st.last_date == all.last_date);
    std::map<std::string, std::int64_t> histogram;
    for (const auto& [period, n] : st.histogram) {
      if (n > 0) histogram[period] = n;
    }
    CHECK(histogram == all.periods);
  }
}
