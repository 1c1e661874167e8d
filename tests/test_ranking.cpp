// Relevance pages found without scoring every match (store/ranking.hpp),
// and date-ordered pages found without sorting every match
// (store/date_order.hpp), and pages of date filters that walk only the
// rowids of their months (store/month_rowids.hpp), against those of scoring
// and sorting every match: the same ids, in the same order, with the same
// scores, for many queries and pages.
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "newsidx/article.hpp"
#include "newsidx/date.hpp"
#include "newsidx/error.hpp"
#include "newsidx/indexer.hpp"
#include "newsidx/search_request.hpp"
#include "newsidx/store.hpp"
#include "store/month_rowids.hpp"
#include "store/ranking.hpp"
#include "store/schema.hpp"
#include "store/sqlite.hpp"
#include "store/writer_lock.hpp"
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
  CHECK(is_disjunction(R"(("juge" OR "=juge"))"));
  CHECK(is_disjunction(R"("=territ" *)"));
  CHECK(is_disjunction(R"("a b" OR (title : "c" OR "d""e"))"));
  CHECK_FALSE(is_disjunction(R"(("a" OR "=a") AND ("b" OR "=b"))"));
  CHECK_FALSE(is_disjunction(R"(("a" OR "=a") NOT "b")"));
  CHECK_FALSE(is_disjunction(R"(NEAR("a" "b", 10))"));
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

namespace {

/// An article of a mostly date-ordered archive: article `n` is of year
/// 1990 + n / 50, but a few are older ones written late, some are of a
/// whole year, some undated.
Article archive_article(std::mt19937& random, int n) {
  Article a = generated_article(random, n);
  const int year = n % 37 == 0 ? 1991 : 1990 + n / 50;
  const std::string month = std::to_string(10 + n % 3);
  a.date = n % 29 == 0   ? std::nullopt
           : n % 13 == 0 ? parse_iso_date(std::to_string(year))
                         : parse_iso_date(std::to_string(year) + "-" + month);
  a.id = article_id(a.date, a.body() + std::to_string(n));
  return a;
}

/// Writes `articles` archive articles to a new database `db`, `per_batch`
/// a batch.
void write_archive(const std::filesystem::path& db, unsigned seed, int articles, int per_batch) {
  Store s(db, Store::Access::kReadWrite);
  std::mt19937 random(seed);
  for (int first = 0; first < articles; first += per_batch) {
    s.begin_batch();
    for (int n = first; n < std::min(articles, first + per_batch); ++n) {
      s.put(archive_article(random, n), {1, 1});
    }
    s.commit_batch();
  }
}

/// How many dated articles lie outside the span of their month.
std::int64_t outside_their_month(const std::filesystem::path& db) {
  sqlite::Db conn(db.string(), SQLITE_OPEN_READONLY);
  return conn.query_int(
      "SELECT count(*) FROM article a LEFT JOIN month_rowids m "
      "ON m.month = substr(a.date_start, 1, 7) WHERE a.date_start IS NOT NULL "
      "AND (m.month IS NULL OR a.rowid NOT BETWEEN m.first_rowid AND m.last_rowid)");
}

/// Compares, for each query and date filter, the relevance and date pages
/// of both rankings, and the count; returns the pages compared.
int compare_dated(const std::filesystem::path& db, const std::vector<std::string>& queries,
                  const std::vector<std::pair<const char*, const char*>>& filters) {
  StoreOptions every;
  every.ranking = Ranking::kScoreEveryMatch;
  const Store bounded(db, Store::Access::kReadOnly);
  const Store reference(db, Store::Access::kReadOnly, every);
  int compared = 0;
  for (const std::string& q : queries) {
    for (const auto& [from, to] : filters) {
      for (const SortOrder sort : {SortOrder::kRelevance, SortOrder::kNewest}) {
        for (const std::int64_t limit : {std::int64_t{10}, std::int64_t{-1}}) {
          SearchRequest r = newsidx::test::request_between(
              q, from != nullptr ? std::optional<std::string_view>(from) : std::nullopt,
              to != nullptr ? std::optional<std::string_view>(to) : std::nullopt);
          r.sort = sort;
          r.limit = limit;
          r.collapse = false;
          INFO("query " << q << " from " << (from != nullptr ? from : "-") << " to "
                        << (to != nullptr ? to : "-") << " sort " << static_cast<int>(sort)
                        << " limit " << limit);
          const Page want = page_of(reference, r);
          const Page got = page_of(bounded, r);
          CHECK(got.ids == want.ids);
          CHECK(got.scores == want.scores);
          if (sort == SortOrder::kRelevance) {
            // The reference counts in SQL, with the articles joined.
            REQUIRE(want.matches.has_value());
            CHECK(got.matches == want.matches);
            CHECK(bounded.count(r) == *want.matches);
          }
          compared += want.ids.empty() ? 0 : 1;
        }
      }
    }
  }
  return compared;
}

}  // namespace

TEST_CASE("date filters walk the rowids of their months and find every match",
          "[store][ranking][dates]") {
  TempDir dir;
  const auto db = dir.path() / "n.db";
  write_archive(db, 20261206, 900, 300);
  CHECK(outside_their_month(db) == 0);
  const std::vector<std::string> queries = {
      "juge",        "jugée",         "le",           "jug*",       "\"état d’urgence\"",
      "juge avocat", "juge OR ville", "juge -avocat", "title:juge", "NEAR(juge avocat, 5)",
      "introuvable"};
  // Narrow spans (a year or a month of the ordered part), wide ones (1991,
  // whose late articles stretch its span), open-ended ones, and none.
  const std::vector<std::pair<const char*, const char*>> filters = {
      {"2000", "2000"}, {"2003-11", "2003-11"}, {"1995", "1996-10"},
      {"1991", "1991"}, {"2004", nullptr},      {nullptr, "1992-06"},
      {"1990", "2030"}, {"1980", "1989"},       {"2005-02", "2005-09"}};
  CHECK(compare_dated(db, queries, filters) > 200);

  // Forgotten articles leave their months' spans as they were: still every
  // article left, and the same pages.
  {
    Store s(db, Store::Access::kReadWrite);
    s.begin_batch();
    for (int n = 0; n < 900; n += 7) (void)s.forget_path("/gen/" + std::to_string(n) + ".txt");
    s.commit_batch();
  }
  CHECK(outside_their_month(db) == 0);
  CHECK(compare_dated(db, queries, filters) > 200);
}

TEST_CASE("a database of schema 2 gets the rowids of its months when upgraded",
          "[store][schema][dates]") {
  TempDir dir;
  const auto db = dir.path() / "n.db";
  write_archive(db, 3, 200, 200);
  const SearchRequest dated = newsidx::test::request_between("juge", "1992", "1992");
  {
    sqlite::Db conn(db.string(), SQLITE_OPEN_READWRITE);
    conn.exec("DROP TABLE month_rowids");
    conn.exec("PRAGMA user_version=2");
    // Searched without spans until upgraded. The month rowids alone would
    // leave it readable as it is; the index of schema 4 does not.
    CHECK_FALSE(store::date_span(conn, dated).has_value());
    CHECK(store::readable_as_is(2, store::upgrade_steps().first(2)));
    CHECK_FALSE(store::readable_as_is(1, store::upgrade_steps().first(2)));
    CHECK_FALSE(store::readable_as_is(2, store::upgrade_steps()));
  }
  {
    // While another newsidx writes it, a reader waits for it, then gives up.
    const store::WriterLock writing(db, std::chrono::milliseconds(0));
    StoreOptions impatient;
    impatient.busy_timeout = std::chrono::milliseconds(0);
    CHECK_THROWS_AS(Store(db, Store::Access::kReadOnly, impatient), newsidx::Error);
    sqlite::Db conn(db.string(), SQLITE_OPEN_READONLY);
    CHECK(conn.query_int("PRAGMA user_version") == 2);
  }
  const Store reader(db, Store::Access::kReadOnly);  // upgrades it
  {
    sqlite::Db conn(db.string(), SQLITE_OPEN_READONLY);
    CHECK(conn.query_int("PRAGMA user_version") == kSchemaVersion);
    CHECK(conn.query_int("SELECT count(*) FROM month_rowids") > 0);
  }
  CHECK(outside_their_month(db) == 0);
  CHECK(reader.count(dated) > 0);
  CHECK(compare_dated(db, {"juge", "juge avocat"}, {{"1992", "1992"}, {"1991", "1993-10"}}) > 0);
}
