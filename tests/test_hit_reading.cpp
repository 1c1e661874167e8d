// The hits of a page read with one cursor per row, with one cursor over
// the whole page, as a search chooses between the two, and with snippets
// made from the matches kept by the pass over them (HitReading,
// store/search.cpp): the same hits, field by field, for many queries,
// pages, dates, orders, with and without collapse. And the matches the
// pass keeps (store/match_terms.hpp), within their limit or not.
#include <catch2/catch.hpp>
#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "newsidx/analyzer.hpp"
#include "newsidx/fts5_tokenizer.hpp"
#include "newsidx/store.hpp"
#include "store/match_terms.hpp"
#include "store/open.hpp"
#include "support.hpp"

using namespace newsidx;
using newsidx::test::TempDir;

namespace {

Store open_with(const std::filesystem::path& db, HitReading reading) {
  StoreOptions options;
  options.hit_reading = reading;
  return Store(db, Store::Access::kReadOnly, options);
}

}  // namespace

TEST_CASE("the hits of a page are the same however its rows are read", "[store][hits]") {
  TempDir dir;
  const auto db = dir.path() / "n.db";
  newsidx::test::fill_generated(db, 400);
  const Store each_row = open_with(db, HitReading::kEachRow);
  const Store whole_page = open_with(db, HitReading::kWholePage);
  const Store cursors = open_with(db, HitReading::kCursors);
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
    for (const std::vector<Hit>& got :
         {whole_page.search(r), cursors.search(r), chosen.search(r, &counted_chosen)}) {
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

TEST_CASE("the pass over the matches keeps their instances within its limit", "[store][hits]") {
  TempDir dir;
  const auto path = dir.path() / "n.db";
  newsidx::test::fill_generated(path, 200);
  sqlite::Db db = store::open_for_reading(path);
  register_french_tokenizer(db.get());  // no families: each word is its folded form
  store::register_match_terms(db.get());
  SearchRequest r;
  r.match = "juge OR avocat";

  const store::MatchTerms all = store::read_terms(db, r, store::kMaxKeptInstances);
  REQUIRE(all.rowids.size() > 50);
  REQUIRE(all.kept_instances());
  std::size_t instances = 0;
  int in_title = 0;  // matches whose body holds none
  sqlite::Stmt text(db.get(), "SELECT title, body FROM article WHERE rowid = ?1");
  Analyzer analyzer;
  for (std::size_t row = 0; row < all.rowids.size(); ++row) {
    const store::InstanceSpan& span = all.instance_spans[row];
    // The instances of the last column holding a match: the body, or the
    // title when the body has none. Each word is its folded form here.
    text.reset();
    text.bind(1, all.rowids[row]);
    REQUIRE(text.step());
    std::vector<std::pair<int, int>> want;  // (phrase, offset), by phrase then offset
    for (const int column : {4, 0}) {
      const std::vector<AnalyzedToken> tokens = analyzer.analyze(text.column_text(column == 4));
      for (int phrase = 0; phrase < 2; ++phrase) {
        for (std::size_t i = 0; i < tokens.size(); ++i) {
          if (tokens[i].folded == (phrase == 0 ? "juge" : "avocat")) {
            want.emplace_back(phrase, static_cast<int>(i));
          }
        }
      }
      if (!want.empty()) {
        CHECK(span.column == column);
        break;
      }
    }
    std::vector<std::pair<int, int>> got;
    for (std::uint32_t i = span.first; i < span.last; ++i) {
      got.emplace_back(all.instances[i].phrase(), all.instances[i].offset());
    }
    CHECK(got == want);
    in_title += span.column == 0;
    instances += span.last - span.first;
  }

  CHECK(in_title > 0);

  // One instance fewer than they are: none kept, and a page has none.
  const store::MatchTerms too_many = store::read_terms(db, r, instances - 1);
  CHECK_FALSE(too_many.kept_instances());
  CHECK(too_many.instances.empty());
  CHECK(too_many.rowids == all.rowids);
  store::PageInstances page;
  store::take_instances(too_many, {all.rowids[0], all.rowids[1]}, page);
  CHECK_FALSE(page.complete);
  CHECK(page.rows.empty());
  CHECK(store::read_terms(db, r, instances).kept_instances());

  // A date filter keeps the instances of the matches it keeps.
  r.from = Date{2016, 1, 0, DatePrecision::kMonth};
  const store::MatchTerms dated = store::read_terms(db, r, store::kMaxKeptInstances);
  REQUIRE(dated.kept_instances());
  REQUIRE_FALSE(dated.rowids.empty());
  REQUIRE(dated.rowids.size() < all.rowids.size());
  store::PageInstances from_all;
  store::PageInstances from_dated;
  store::take_instances(all, dated.rowids, from_all);
  store::take_instances(dated, dated.rowids, from_dated);
  REQUIRE(from_all.complete);
  REQUIRE(from_dated.complete);
  for (const std::int64_t rowid : dated.rowids) {
    const auto& a = from_all.rows.at(rowid);
    const auto& b = from_dated.rows.at(rowid);
    CHECK(a.column == b.column);
    REQUIRE(a.instances.size() == b.instances.size());
    for (std::size_t i = 0; i < a.instances.size(); ++i) {
      CHECK(a.instances[i].offset == b.instances[i].offset);
      CHECK(a.instances[i].phrase == b.instances[i].phrase);
    }
  }
  // A rowid that is no match: no page.
  store::take_instances(all, {all.rowids.back() + 1000}, page);
  CHECK_FALSE(page.complete);
}
