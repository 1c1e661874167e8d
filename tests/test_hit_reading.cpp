// The hits of a page read with one cursor per row, with one cursor over
// the whole page, and as a search chooses between the two
// (HitReading, store/search.cpp): the same hits, field by field, for many
// queries, pages, dates, orders, with and without collapse.
#include <catch2/catch.hpp>
#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "newsidx/store.hpp"
#include "support.hpp"

using namespace newsidx;
using newsidx::test::TempDir;

namespace {

/// Words of the articles: families with several forms, the words of a
/// phrase, and filler, the first ones drawn more often.
const std::vector<std::string> kWords = {"le",     "la",         "juge",     "juges",    "jugée",
                                         "avocat", "procès",     "médecin",  "médecins", "maladie",
                                         "état",   "d’urgence",  "migrants", "Calais",   "ville",
                                         "maire",  "territoire", "école",    "pluie",    "conseil"};

std::string body_of(std::mt19937& random) {
  std::string body;
  const int length = 5 + static_cast<int>(random() % 80);
  for (int i = 0; i < length; ++i) {
    const std::size_t pick = std::min(random() % kWords.size(), random() % kWords.size());
    body += (body.empty() ? "" : " ") + kWords[pick];
  }
  return body + '.';
}

Store open_with(const std::filesystem::path& db, HitReading reading) {
  StoreOptions options;
  options.hit_reading = reading;
  return Store(db, Store::Access::kReadOnly, options);
}

}  // namespace

TEST_CASE("the hits of a page are the same however its rows are read", "[store][hits]") {
  TempDir dir;
  const auto db = dir.path() / "n.db";
  {
    Store s(db, Store::Access::kReadWrite);
    std::mt19937 random(20261206);
    s.begin_batch();
    for (int n = 0; n < 400; ++n)
      s.put(newsidx::test::generated_article(random, n, body_of(random)), {1, 1});
    s.commit_batch();
  }
  const Store each_row = open_with(db, HitReading::kEachRow);
  const Store whole_page = open_with(db, HitReading::kWholePage);
  const Store chosen = open_with(db, HitReading::kChoose);
  const newsidx::test::RequestGrid grid{
      {"juge", "médecin maladie", "\"état d’urgence\"", "migrants -calais", "juge OR avocat",
       "jug*", "title:juge", "NEAR(juge avocat, 5)", "pluie", "introuvable"},
      {{20, 0}, {1, 0}, {5, 3}, {100, 0}, {-1, 0}},
      "2015",
      "2016-06",
      {SortOrder::kRelevance, SortOrder::kNewest}};
  int hits = 0;
  newsidx::test::for_each_request(grid, [&](const SearchRequest& r) {
    std::optional<std::int64_t> counted_each;
    std::optional<std::int64_t> counted_chosen;
    const std::vector<Hit> want = each_row.search(r, &counted_each);
    for (const std::vector<Hit>& got : {whole_page.search(r), chosen.search(r, &counted_chosen)}) {
      REQUIRE(got.size() == want.size());
      for (std::size_t i = 0; i < want.size(); ++i) {
        CHECK(got[i].id == want[i].id);
        CHECK(got[i].date == want[i].date);
        CHECK(got[i].title == want[i].title);
        CHECK(got[i].snippet == want[i].snippet);
        CHECK(got[i].matches == want[i].matches);
        CHECK(got[i].score == want[i].score);
        CHECK(got[i].path == want[i].path);
        CHECK(got[i].similar == want[i].similar);
      }
    }
    CHECK(counted_chosen == counted_each);
    hits += static_cast<int>(want.size());
  });
  CHECK(hits > 5000);
}
