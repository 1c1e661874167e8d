// Relevance pages found without scoring every match (store/ranking.hpp),
// and date-ordered pages found without sorting every match
// (store/date_order.hpp), against those of scoring and sorting every match:
// the same ids, in the same order, with the same scores, for many queries
// and pages.
#include <catch2/catch.hpp>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "newsidx/article.hpp"
#include "newsidx/date.hpp"
#include "newsidx/indexer.hpp"
#include "newsidx/search_request.hpp"
#include "newsidx/store.hpp"
#include "store/ranking.hpp"
#include "support.hpp"

using namespace newsidx;
using newsidx::test::TempDir;

namespace {

/// Words of the generated articles: families with several forms, phrases,
/// and filler; drawn with skewed weights so that some are common.
const std::vector<std::string> kWords = {
    "le",          "la",         "des",      "une",     "juge",      "juges",      "jugé",
    "jugée",       "jugement",   "avocat",   "avocats", "avocate",   "procès",     "tribunal",
    "ville",       "villes",     "maire",    "conseil", "municipal", "état",       "d’urgence",
    "grève",       "transports", "migrants", "Calais",  "président", "présidence", "territoire",
    "territorial", "médecin",    "maladie",  "hôpital", "école",     "élèves",     "pluie"};

Article generated_article(std::mt19937& random, int n) {
  std::discrete_distribution<std::size_t> word({30, 30, 25, 20, 6, 3, 2, 2, 2, 4, 2, 1,
                                                2,  2,  5,  2,  3, 3, 2, 2, 2, 2, 2, 2,
                                                1,  3,  1,  2,  1, 2, 2, 1, 2, 1, 8});
  // Lengths from a few words to a few hundred: short articles rank high.
  const int length = 3 + static_cast<int>(random() % (n % 7 == 0 ? 400 : 60));
  std::string body;
  for (int i = 0; i < length; ++i) {
    if (!body.empty()) body += ' ';
    const std::string& w = kWords[word(random)];
    body += w;
    if (w == "état" && random() % 2 == 0) body += " d’urgence";
  }
  body += '.';
  std::string title = "Titre";
  for (int i = 0; i < 2 + static_cast<int>(random() % 4); ++i) title += ' ' + kWords[word(random)];
  Article a;
  // A few undated articles, and many on the same day (ties go to the date).
  if (n % 11 != 0) {
    a.date = parse_iso_date("201" + std::to_string(5 + n % 4) + "-0" + std::to_string(1 + n % 9));
  }
  a.blocks.push_back({Block::Type::kParagraph, body});
  a.title = title;
  a.id = article_id(a.date, a.body() + std::to_string(n));
  a.sources = {{"/gen/" + std::to_string(n) + ".txt", "UTF-8", 100}};
  a.raw = body;
  a.word_count = length;
  return a;
}

/// What a page shows that the ranking decides.
struct Page {
  std::vector<std::string> ids;
  std::vector<double> scores;
  std::optional<std::int64_t> matches;
};

Page page_of(const Store& store, const SearchRequest& r) {
  Page p;
  for (const Hit& h : store.search(r, &p.matches)) {
    p.ids.push_back(h.id);
    p.scores.push_back(h.score);
  }
  return p;
}

/// Compares the pages of both rankings for `queries` × pages × dates ×
/// collapse × orders; returns the number of non-empty pages compared.
int compare_rankings(const std::filesystem::path& db, const std::vector<std::string>& queries) {
  StoreOptions every;
  every.ranking = Ranking::kScoreEveryMatch;
  const Store bounded(db, Store::Access::kReadOnly);
  const Store reference(db, Store::Access::kReadOnly, every);
  const newsidx::test::RequestGrid grid{
      queries,
      {{20, 0}, {1, 0}, {5, 0}, {5, 5}, {10, 37}, {3, 200}, {-1, 0}, {0, 0}},
      "2016",
      "2017-06",
      {SortOrder::kRelevance, SortOrder::kNewest, SortOrder::kOldest}};
  int compared = 0;
  newsidx::test::for_each_request(grid, [&](const SearchRequest& r) {
    const Page want = page_of(reference, r);
    const Page got = page_of(bounded, r);
    CHECK(got.ids == want.ids);
    CHECK(got.scores == want.scores);  // to the bit
    // The reference counts the matches of a date order apart.
    CHECK(got.matches == (want.matches ? want.matches : reference.count(r)));
    compared += want.ids.empty() ? 0 : 1;
  });
  return compared;
}

}  // namespace

TEST_CASE("a disjunction is phrases and prefixes joined by OR only", "[store][ranking]") {
  using store::is_disjunction;
  CHECK(is_disjunction(R"({title body} : ("juge" OR "=juge"))"));
  CHECK(is_disjunction(R"({title body} : ("=territ" *))"));
  CHECK(is_disjunction(R"("a b" OR (title : "c" OR "d""e"))"));
  CHECK_FALSE(is_disjunction(R"({title body} : (("a" OR "=a") AND ("b" OR "=b")))"));
  CHECK_FALSE(is_disjunction(R"({title body} : (("a" OR "=a") NOT "b"))"));
  CHECK_FALSE(is_disjunction(R"({title body} : NEAR("a" "b", 10))"));
  CHECK_FALSE(is_disjunction(R"("a" "b")"));          // implicit AND
  CHECK_FALSE(is_disjunction(R"("a" OR)"));           // unfinished
  CHECK_FALSE(is_disjunction(R"("a)"));               // unclosed string
  CHECK_FALSE(is_disjunction(R"(- {title} : "a")"));  // a column filter inverted
}

TEST_CASE("bounded ranking gives the pages of scoring every match", "[store][ranking]") {
  TempDir dir;
  {
    Store s(dir.path() / "n.db", Store::Access::kReadWrite);
    std::mt19937 random(20261205);
    s.begin_batch();
    for (int n = 0; n < 600; ++n) s.put(generated_article(random, n), {1, 1});
    // Copies of one text: equal scores, ordered by date, then id.
    for (int n = 0; n < 4; ++n) {
      std::mt19937 same(7);
      Article a = generated_article(same, 3);
      a.id = article_id(a.date, a.body() + "copy" + std::to_string(n));
      a.sources = {{"/gen/copy" + std::to_string(n) + ".txt", "UTF-8", 100}};
      s.put(a, {1, 1});
    }
    s.commit_batch();
  }
  const int compared = compare_rankings(dir.path() / "n.db", {"juge",
                                                              "juges",
                                                              "jugée",
                                                              "=jugé",
                                                              "avocat",
                                                              "le",
                                                              "ville",
                                                              "pluie",
                                                              "jug*",
                                                              "présid*",
                                                              "\"état d’urgence\"",
                                                              "juge avocat",
                                                              "juge OR avocat",
                                                              "juge OR ville OR maire",
                                                              "juge -avocat",
                                                              "migrants -calais",
                                                              "title:juge",
                                                              "title:juge OR ville",
                                                              "NEAR(juge avocat, 5)",
                                                              "médecin maladie",
                                                              "(juge OR maire) conseil",
                                                              "territ* OR école",
                                                              "introuvable",
                                                              "juge OR introuvable"});
  CHECK(compared > 900);
}

TEST_CASE("bounded ranking on real articles gives the pages of scoring every match",
          "[store][ranking][corpus]") {
  const auto corpus = newsidx::test::shared_corpus("orangesum-500");
  if (!corpus) return newsidx::test::skip("../shared/corpus/orangesum-500 is absent");
  TempDir dir;
  {
    Store s(dir.path() / "n.db", Store::Access::kReadWrite);
    IngestObserver quiet;
    REQUIRE(ingest(s, {*corpus}, IngestOptions{}, quiet).rejected == 0);
  }
  const int compared = compare_rankings(dir.path() / "n.db", {"président",
                                                              "présidents",
                                                              "gouvernement",
                                                              "France",
                                                              "migrants",
                                                              "police",
                                                              "manifestation",
                                                              "la",
                                                              "présid*",
                                                              "gouv*",
                                                              "\"état d’urgence\"",
                                                              "\"premier ministre\"",
                                                              "président gouvernement",
                                                              "police OR gendarmerie",
                                                              "président OR ministre OR maire",
                                                              "migrants -calais",
                                                              "président -macron",
                                                              "title:macron",
                                                              "NEAR(police manifestants, 10)",
                                                              "élections OR élection OR vote",
                                                              "paris",
                                                              "tribunal juge"});
  CHECK(compared > 900);
}
