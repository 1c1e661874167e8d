// Collapsed searches (store/collapse.cpp) against what the same request
// lists without collapse and the clusters of the database say: for each
// page, the first article of each cluster in the result order, with the
// other articles of its cluster that the request selects, oldest first.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdint>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "newsidx/article.hpp"
#include "newsidx/date.hpp"
#include "newsidx/search_request.hpp"
#include "newsidx/store.hpp"
#include "store/sqlite.hpp"
#include "support.hpp"

using namespace newsidx;
using newsidx::test::TempDir;

namespace {

/// Words of the stories: few enough that a word is in many stories, each
/// story 60 of them drawn at random, so that two stories are never near
/// duplicates. The first ones come up more often.
const std::vector<std::string> kWords = {
    "tribunal", "maire",    "grève",   "conseil", "commune",  "travaux", "piscine",  "préfet",
    "élection", "budget",   "école",   "hôpital", "route",    "gare",    "marché",   "usine",
    "syndicat", "ministre", "député",  "police",  "enquête",  "procès",  "verdict",  "avocat",
    "région",   "taxe",     "emploi",  "salaire", "festival", "musée",   "théâtre",  "concert",
    "neige",    "orage",    "rivière", "forêt",   "incendie", "récolte", "vendange", "port"};

/// Story `n`: a text of 60 words, with "météorite" in a few of them.
std::string story(std::mt19937& random, int n) {
  std::string text = "Récit " + std::to_string(n) + " :";
  for (int w = 0; w < 60; ++w) {
    const std::size_t pick = std::min(random() % kWords.size(), random() % kWords.size());
    text += ' ' + kWords[pick];
  }
  if (n % 9 == 0) text += " météorite";
  return text + '.';
}

/// What the database says of each article: its cluster, and its place in
/// Hit::similar lists (undated last, then by first day, then by id).
struct Member {
  std::int64_t cluster = 0;
  std::pair<bool, std::string> date_key;
};

std::map<std::string, Member> members(const std::filesystem::path& db_path) {
  sqlite::Db db(db_path.string(), SQLITE_OPEN_READONLY);
  sqlite::Stmt s(db.get(),
                 "SELECT a.id, coalesce(n.cluster, -a.rowid), a.date_start IS NULL, "
                 "coalesce(a.date_start, '') FROM article a "
                 "LEFT JOIN near_signature n ON n.article = a.rowid");
  std::map<std::string, Member> out;
  while (s.step()) {
    out[std::string(s.column_text(0))] =
        Member{s.column_int(1), {s.column_int(2) != 0, std::string(s.column_text(3))}};
  }
  return out;
}

/// The ids of a page and, for each, its folded ids.
using Page = std::vector<std::pair<std::string, std::vector<std::string>>>;

/// The collapsed results of `r`, all of them, made from its uncollapsed
/// results.
Page expected(const Store& store, SearchRequest r, const std::map<std::string, Member>& of) {
  r.collapse = false;
  r.limit = -1;
  r.offset = 0;
  std::vector<std::string> listed;
  for (const Hit& h : store.search(r)) listed.push_back(h.id);
  const auto oldest_first = [&of](const std::string& a, const std::string& b) {
    return std::pair(of.at(a).date_key, a) < std::pair(of.at(b).date_key, b);
  };
  std::set<std::int64_t> shown;
  Page out;
  for (const std::string& id : listed) {
    const std::int64_t cluster = of.at(id).cluster;
    if (!shown.insert(cluster).second) continue;
    std::vector<std::string> folded;
    for (const std::string& other : listed) {
      if (other != id && of.at(other).cluster == cluster) folded.push_back(other);
    }
    std::sort(folded.begin(), folded.end(), oldest_first);
    out.emplace_back(id, std::move(folded));
  }
  return out;
}

}  // namespace

TEST_CASE("collapsed pages are the first article of each cluster with its selected copies",
          "[store][collapse]") {
  TempDir dir;
  const auto db_path = dir.path() / "n.db";
  {
    Store s(db_path, Store::Access::kReadWrite);
    std::mt19937 random(20261205);
    s.begin_batch();
    int n = 0;
    for (int k = 0; k < 90; ++k) {
      const std::string text = story(random, k);
      // Up to three copies of a story, each with a line of its own.
      const int copies = static_cast<int>(random() % 4);
      s.put(newsidx::test::generated_article(random, n++, text), {1, 1});
      for (int c = 0; c < copies; ++c) {
        s.put(newsidx::test::generated_article(random, n++,
                                               text + " Avec l’agence " + std::to_string(c) + "."),
              {1, 1});
      }
    }
    s.commit_batch();
    REQUIRE(s.stats(DatePrecision::kYear).clusters > 20);
  }
  const Store store(db_path, Store::Access::kReadOnly);
  const std::map<std::string, Member> of = members(db_path);
  // A page whose first hits are the first 24 or fewer reads its window of
  // results in result order; later or longer pages (and --all) in rowid
  // order (kRowidOrderFrom).
  const std::vector<std::pair<std::int64_t, std::int64_t>> pages = {
      {20, 0}, {1, 0}, {5, 5}, {10, 37}, {3, 200}, {-1, 0}, {70, 0}, {40, 30}};
  int folded = 0;
  int compared = 0;
  for (const std::string_view q : {"tribunal", "préfet", "météorite", "tribunal grève",
                                   "vendange OR port", "préfet -tribunal", ""}) {
    for (const bool dated : {false, true}) {
      for (const SortOrder sort : {SortOrder::kRelevance, SortOrder::kNewest, SortOrder::kOldest}) {
        SearchRequest r =
            newsidx::test::request_between(q, dated ? std::optional("2015") : std::nullopt,
                                           dated ? std::optional("2016-06") : std::nullopt);
        r.sort = sort;
        r.collapse = true;
        const Page all = expected(store, r, of);
        for (const auto& [limit, offset] : pages) {
          INFO("query " << q << " dated " << dated << " sort " << static_cast<int>(sort)
                        << " limit " << limit << " offset " << offset);
          r.limit = limit;
          r.offset = offset;
          Page got;
          for (const Hit& h : store.search(r)) got.emplace_back(h.id, h.similar);
          const auto begin = std::min<std::size_t>(static_cast<std::size_t>(offset), all.size());
          const auto end = limit < 0
                               ? all.size()
                               : std::min(all.size(), begin + static_cast<std::size_t>(limit));
          CHECK(got == Page(all.begin() + static_cast<std::ptrdiff_t>(begin),
                            all.begin() + static_cast<std::ptrdiff_t>(end)));
          for (const auto& hit : got) folded += hit.second.empty() ? 0 : 1;
          compared += got.empty() ? 0 : 1;
        }
      }
    }
  }
  CHECK(compared > 200);
  CHECK(folded > 500);
}
