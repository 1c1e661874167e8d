// The pass over a query's matches in two halves at once (store/split_walk.hpp):
// the same matches, frequencies, sizes, IDFs and instances as one pass,
// whoever walks the upper half; one pass's result when the second
// connection sees another snapshot of the index; searches whose passes all
// split give the pages of scoring every match; counts and timelines (the
// rowids of the matches, store/match_rowids.hpp) are those of one pass.
#include <catch2/catch.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "newsidx/query.hpp"
#include "newsidx/search_request.hpp"
#include "newsidx/stats.hpp"
#include "newsidx/store.hpp"
#include "store/family_forms.hpp"
#include "store/match_rowids.hpp"
#include "store/match_terms.hpp"
#include "store/open.hpp"
#include "store/search.hpp"
#include "store/split_walk.hpp"
#include "support.hpp"

using namespace newsidx;
using newsidx::store::UpperWalker;
using newsidx::test::TempDir;

namespace {

using Reader = store::SearchConnection;

/// A database of `articles` generated articles in a temporary folder.
struct GeneratedArchive {
  explicit GeneratedArchive(int articles) : path(dir.path() / "n.db") {
    newsidx::test::fill_generated(path, articles);
  }
  TempDir dir;
  std::filesystem::path path;
};

/// How a pass counts the IDFs that FTS5 counts: in one pass over each
/// phrase, or in halves of the index, given the phrases of the query.
enum class Idfs { kFts5, kHalves };

/// The pass over every match of `query` (what users type) within `span`
/// (all when nullopt), in one pass or split as split_walks() says, keeping
/// up to `max_instances` instances.
store::MatchTerms walk(Reader& reader, const std::string& query, bool split,
                       std::size_t max_instances, Idfs idfs = Idfs::kHalves,
                       const std::optional<store::RowidSpan>& span = std::nullopt) {
  ParsedQuery parsed = parse_query(query);
  const std::string match = *parsed.match;
  const std::vector<std::string> phrases =
      idfs == Idfs::kHalves ? std::move(parsed.phrases) : std::vector<std::string>();
  store::MatchTerms m;
  m.idf_from_matches = store::is_disjunction(match);
  m.keep_instances = max_instances > 0;
  m.max_instances = max_instances;
  m.last_rowid = reader.db().query_int("SELECT max(rowid) FROM article");
  if (span) {
    m.first_rowid = span->first;
    m.last_rowid = span->last;
  }
  if (split) {
    store::walk_split(reader.db(), match, phrases, span, m);
  } else {
    store::walk_matches(reader.db(), match, span, m);
  }
  return m;
}

/// The instances of each match of `m`, by match.
std::vector<std::vector<std::uint32_t>> instances_of(const store::MatchTerms& m) {
  std::vector<std::vector<std::uint32_t>> out;
  if (!m.kept_instances()) return out;
  for (const store::InstanceSpan& span : m.instance_spans) {
    std::vector<std::uint32_t>& row = out.emplace_back();
    row.push_back(static_cast<std::uint32_t>(span.column + 1));
    for (std::uint32_t i = span.first; i < span.last; ++i) {
      const store::PhraseInstance& in = m.instances[i];
      row.push_back(static_cast<std::uint32_t>(in.offset()) << 8 |
                    static_cast<std::uint32_t>(in.phrase()));
    }
  }
  return out;
}

void check_same_terms(const store::MatchTerms& got, const store::MatchTerms& want) {
  CHECK(got.started == want.started);
  CHECK(got.phrases == want.phrases);
  CHECK(got.rows == want.rows);
  CHECK(got.avgdl == want.avgdl);
  CHECK(got.idf == want.idf);  // to the bit
  CHECK(got.rowids == want.rowids);
  CHECK(got.freqs == want.freqs);
  CHECK(got.min_sizes == want.min_sizes);
  CHECK(got.phrase_sizes == want.phrase_sizes);
}

const std::vector<std::string> kQueries = {"juge",
                                           "le",
                                           "médecin maladie",
                                           "\"état d’urgence\"",
                                           "migrants -calais",
                                           "juge OR avocat",
                                           "jug*",
                                           "title:juge",
                                           "NEAR(juge avocat, 5)",
                                           "pluie conseil",
                                           "introuvable",
                                           "juge introuvable",
                                           "title:juge -avocat conseil",
                                           "NEAR(pluie conseil, 8) lead:juge -title:avocat"};

}  // namespace

TEST_CASE("a pass in two halves reads what one pass reads", "[store][split]") {
  const GeneratedArchive archive(600);
  const auto& path = archive.path;
  Reader reader(path);
  for (const UpperWalker upper :
       {UpperWalker::kSibling, UpperWalker::kCaller, UpperWalker::kFirstReady}) {
    const store::ScopedSplitWalks split({1, upper});
    for (const std::string& query : kQueries) {
      for (const std::size_t max_instances :
           {std::size_t{0}, std::size_t{50}, store::kMaxKeptInstances}) {
        for (const Idfs idfs : {Idfs::kHalves, Idfs::kFts5}) {
          INFO(query << " with up to " << max_instances << " instances"
                     << (idfs == Idfs::kHalves ? ", IDFs in halves" : ""));
          const store::MatchTerms one = walk(reader, query, false, max_instances);
          const store::MatchTerms two = walk(reader, query, true, max_instances, idfs);
          check_same_terms(two, one);
          // Each half keeps at most half of the instances: with a low
          // bound, one pass may keep instances that the halves could not.
          if (two.kept_instances()) CHECK(instances_of(two) == instances_of(one));
          if (max_instances != 50 || two.kept_instances()) {
            CHECK(two.kept_instances() == one.kept_instances());
          }
        }
      }
    }
  }
}

/// Puts 5 articles that hold "cormoran et pélican rares" in `path`, whose
/// ids follow `first`.
void put_rare_birds(const std::filesystem::path& path, int first) {
  Store s(path, Store::Access::kReadWrite);
  s.begin_batch();
  for (int n = 0; n < 5; ++n) {
    std::mt19937 random(static_cast<unsigned>(n));
    s.put(newsidx::test::generated_article(random, first + n, "cormoran et pélican rares"), {1, 1});
  }
  s.commit_batch();
}

// Given the phrases, the halves count their matches whether or not they
// have a match of the query; without, FTS5 counts them at the first match.
TEST_CASE("a pass in two halves counts the IDFs when one half has no match", "[store][split]") {
  for (const bool in_lower : {false, true}) {
    const TempDir dir;
    const auto path = dir.path() / "n.db";
    if (in_lower) put_rare_birds(path, 1000);
    newsidx::test::fill_generated(path, 300);
    if (!in_lower) put_rare_birds(path, 1000);
    Reader reader(path);
    for (const UpperWalker upper : {UpperWalker::kSibling, UpperWalker::kCaller}) {
      const store::ScopedSplitWalks split({1, upper});
      for (const std::string query :
           {"cormoran pélican", "cormoran rares", "\"pélican rares\" cormoran", "cormoran -juge",
            "cormoran (juge OR rares)"}) {
        INFO(query << (in_lower ? " in the lower half" : " in the upper half"));
        const store::MatchTerms one = walk(reader, query, false, 0);
        REQUIRE(one.rowids.size() == 5);
        REQUIRE(one.idf.size() >= 2);
        CHECK((one.rowids.back() <= one.last_rowid / 2) == in_lower);
        check_same_terms(walk(reader, query, true, 0, Idfs::kHalves), one);
        check_same_terms(walk(reader, query, true, 0, Idfs::kFts5), one);
      }
    }
  }
}

// A walk too short to split over an index that is not (a narrow date
// filter): the caller walks it while the other connection counts the upper
// half of the index for the IDFs.
TEST_CASE("a pass too short to split counts the IDFs in halves of a large index",
          "[store][split]") {
  const GeneratedArchive archive(600);
  Reader reader(archive.path);
  for (const UpperWalker upper : {UpperWalker::kSibling, UpperWalker::kCaller}) {
    const store::ScopedSplitWalks split({300, upper});
    for (const std::string& query : kQueries) {
      for (const store::RowidSpan span : {store::RowidSpan{200, 299}, store::RowidSpan{550, 600}}) {
        INFO(query << " over rowids " << span.first << " to " << span.last);
        const store::MatchTerms one = walk(reader, query, false, 50, Idfs::kHalves, span);
        const store::MatchTerms two = walk(reader, query, true, 50, Idfs::kHalves, span);
        check_same_terms(two, one);
        CHECK(instances_of(two) == instances_of(one));
      }
    }
  }
}

TEST_CASE("a pass in two halves reads one snapshot while a writer commits", "[store][split]") {
  const GeneratedArchive archive(300);
  const auto& path = archive.path;
  Reader reader(path);
  // The reader's snapshot starts before articles of the upper half are
  // forgotten: the second connection, which sees them gone, leaves that
  // half to the reader's connection.
  sqlite::Transaction snapshot(reader.db(), sqlite::Transaction::Kind::kDeferred);
  const std::int64_t before = reader.db().query_int("SELECT count(*) FROM article");
  {
    Store s(path, Store::Access::kReadWrite);
    s.begin_batch();
    for (int n = 160; n < 300; n += 2) CHECK(s.forget_source("/gen/" + std::to_string(n) + ".txt"));
    s.commit_batch();
  }
  const store::ScopedSplitWalks split({1, UpperWalker::kSibling});
  for (const std::string& query : kQueries) {
    INFO(query);
    const store::MatchTerms one = walk(reader, query, false, 0);
    check_same_terms(walk(reader, query, true, 0), one);
    if (one.started) CHECK(one.rows == before);
  }
  snapshot.commit();
  // Out of the snapshot, the same pass finds fewer matches.
  const store::MatchTerms now = walk(reader, "le", true, 0);
  CHECK(now.rows == before - 70);
}

TEST_CASE("searches whose passes split give the pages of scoring every match", "[store][split]") {
  const GeneratedArchive archive(500);
  const auto& path = archive.path;
  StoreOptions every;
  every.ranking = Ranking::kScoreEveryMatch;
  const Store reference(path, Store::Access::kReadOnly, every);
  const Store bounded(path, Store::Access::kReadOnly);
  const store::ScopedSplitWalks split({1, UpperWalker::kFirstReady});
  const newsidx::test::RequestGrid grid{kQueries,
                                        {{20, 0}, {3, 7}, {-1, 0}},
                                        "2015",
                                        "2016-06",
                                        {SortOrder::kRelevance, SortOrder::kNewest}};
  int pages = 0;
  newsidx::test::for_each_request(grid, [&](const SearchRequest& r) {
    std::optional<std::int64_t> want_count;
    std::optional<std::int64_t> got_count;
    const std::vector<Hit> want = reference.search(r, &want_count);
    const std::vector<Hit> got = bounded.search(r, &got_count);
    REQUIRE(got.size() == want.size());
    for (std::size_t i = 0; i < want.size(); ++i) {
      CHECK(got[i].id == want[i].id);
      CHECK(got[i].score == want[i].score);
      CHECK(got[i].snippet == want[i].snippet);
    }
    if (want_count) CHECK(got_count == want_count);
    pages += want.empty() ? 0 : 1;
  });
  CHECK(pages > 100);
}

TEST_CASE("counts and timelines whose passes split are those of one pass", "[store][split]") {
  const GeneratedArchive archive(500);
  const auto& path = archive.path;
  const Store store(path, Store::Access::kReadOnly);
  struct Figures {
    std::int64_t count = 0;
    Timeline timeline;
  };
  const auto figures = [&store](const SearchRequest& r) {
    return Figures{store.count(r), store.timeline(r, DatePrecision::kMonth)};
  };
  int matched = 0;
  for (const std::string& query : kQueries) {
    for (const bool dated : {false, true}) {
      const SearchRequest r = dated ? make_search_request(query, parse_date_filter("2015"),
                                                          parse_date_filter("2016-06"), false)
                                    : make_search_request(query, std::nullopt, std::nullopt, false);
      INFO(query << (dated ? " from 2015 to 2016-06" : ""));
      const Figures one = figures(r);
      for (const UpperWalker upper : {UpperWalker::kSibling, UpperWalker::kCaller}) {
        const store::ScopedSplitWalks split({1, upper});
        const Figures two = figures(r);
        CHECK(two.count == one.count);
        CHECK(two.timeline.articles == one.timeline.articles);
        CHECK(two.timeline.undated == one.timeline.undated);
        CHECK(two.timeline.first_date == one.timeline.first_date);
        CHECK(two.timeline.last_date == one.timeline.last_date);
        CHECK(two.timeline.periods == one.timeline.periods);
      }
      CHECK(one.count == one.timeline.articles);
      matched += one.count > 0 ? 1 : 0;
    }
  }
  CHECK(matched > 15);
}

TEST_CASE("walks split over files and large enough indexes, prefix queries never",
          "[store][split]") {
  const GeneratedArchive archive(50);
  const auto& path = archive.path;
  Reader reader(path);
  const store::RowidSpan whole{0, 50};
  {
    const store::ScopedSplitWalks split({1, UpperWalker::kFirstReady});
    CHECK(store::split_file(reader.db(), to_fts5_match("juge"), whole).has_value());
    CHECK(store::split_file(reader.db(), to_fts5_match("médecin maladie"), whole).has_value());
    // A prefix: FTS5 merges its doclists over the whole index first.
    CHECK_FALSE(store::split_file(reader.db(), to_fts5_match("jug*"), whole).has_value());
    CHECK_FALSE(store::split_file(reader.db(), to_fts5_match("juge OR territ*"), whole));
    // A star inside a phrase's string is no prefix.
    CHECK(store::split_file(reader.db(), R"("a*b")", whole).has_value());
    CHECK(store::split_file(reader.db(), R"("say ""*"" twice")", whole).has_value());
    // A connection with writes of its own in progress.
    sqlite::Db writer = store::open_for_writing(path);
    const sqlite::Transaction write(writer);
    writer.exec("CREATE TABLE scratch(x)");
    CHECK_FALSE(store::split_file(writer, to_fts5_match("juge"), whole).has_value());
  }
  // Fewer rowids than the default threshold.
  CHECK_FALSE(store::split_file(reader.db(), to_fts5_match("juge"), whole).has_value());
  CHECK(store::split_file(reader.db(), to_fts5_match("juge"),
                          store::RowidSpan{0, store::kSplitWalkRowids - 1})
            .has_value());
}

// The IDFs of a split walk count a one-word phrase as the OR of its forms
// (store/family_forms.hpp): the same articles, written otherwise only when
// the word has several forms.
TEST_CASE("a one-word phrase is counted as the OR of its forms", "[store][split]") {
  const GeneratedArchive archive(300);
  {
    Store s(archive.path, Store::Access::kReadWrite);
    s.begin_batch();
    int id = 2000;
    for (const char* body : {"Le juge a parlé.", "Les juges ont parlé.", "Elle fut jugée hier.",
                             "Il a été jugé", "Jugement rendu"}) {
      std::mt19937 random(static_cast<unsigned>(id));
      s.put(newsidx::test::generated_article(random, id++, body), {1, 1});
    }
    s.commit_batch();
  }
  Reader reader(archive.path);
  const std::vector<std::string> phrases =
      parse_query("juge -avocat title:=juge \"juge de paix\" jug* NEAR(jugée parlé)").phrases;
  const std::vector<std::string> counted = store::as_forms(reader.db().get(), phrases);
  REQUIRE(counted.size() == phrases.size());
  for (std::size_t i = 0; i < phrases.size(); ++i) {
    INFO(phrases[i] << " counted as " << counted[i]);
    CHECK(store::count_matches_in(reader.db(), counted[i], std::nullopt) ==
          store::count_matches_in(reader.db(), phrases[i], std::nullopt));
  }
  // Plain words with several forms: `juge`, `jugée`; not `=juge`, a
  // phrase of words, a prefix, nor a word of one form (`avocat`, `parlé`).
  REQUIRE(phrases.size() == 8);
  for (const std::size_t i : {0, 5}) CHECK(counted[i] != phrases[i]);
  for (const std::size_t i : {1, 2, 3, 4, 6, 7}) CHECK(counted[i] == phrases[i]);
  CHECK(counted[0] == R"(("=juge" OR "=jugee" OR "=jugement" OR "=juges"))");
}

// Counts and rowids walk the whole query with its one-word phrases as the
// OR of their forms: the same articles, phrases of NEAR groups and
// prefixes as written.
TEST_CASE("a query with its words as the OR of their forms matches the same articles",
          "[store][split]") {
  const GeneratedArchive archive(300);
  Reader reader(archive.path);
  const auto rowids = [&reader](const std::string& match) {
    std::vector<std::int64_t> out;
    sqlite::Stmt s(reader.db().get(), "SELECT rowid FROM article_fts WHERE article_fts MATCH ?1");
    s.bind(1, std::string_view(match));
    while (s.step()) out.push_back(s.column_int(0));
    return out;
  };
  std::vector<std::string> queries = kQueries;
  for (const char* q : {"juge jug*", "NEAR(juge avocat) conseil", "juge -(avocat OR =juges)",
                        "((((juge))) OR ((avocat)))", "author:juge OR juge"}) {
    queries.emplace_back(q);
  }
  std::size_t rewritten = 0;
  for (const std::string& query : queries) {
    const std::string match = to_fts5_match(query);
    const std::string walked = store::match_as_forms(reader.db().get(), match);
    INFO(query << ": " << match << " walked as " << walked);
    CHECK(rowids(walked) == rowids(match));
    rewritten += walked != match;
  }
  CHECK(rewritten >= 10);
  const std::string near = to_fts5_match("NEAR(juge avocat) jug*");
  CHECK(store::match_as_forms(reader.db().get(), near) == near);
  CHECK(store::match_as_forms(reader.db().get(), to_fts5_match("juge")) ==
        R"((("=juge" OR "=jugee" OR "=juges") OR "=juge"))");
}

TEST_CASE("FTS5 strings are written with their quotes doubled and read back", "[store][split]") {
  CHECK(store::fts5_string("juge") == "\"juge\"");
  CHECK(store::fts5_string("=l\"état") == "\"=l\"\"état\"");
  for (const std::string text : {"", "juge", "=l\"état", "\"\"", "a \"b\" c"}) {
    const std::string written = store::fts5_string(text);
    const std::string match = "x : (" + written + " OR y)";
    const std::optional<store::Fts5String> read = store::fts5_string_at(match, 5);
    REQUIRE(read.has_value());
    CHECK(read->text == text);
    CHECK(read->close == 5 + written.size() - 1);
  }
  CHECK_FALSE(store::fts5_string_at("\"juge", 0).has_value());
  CHECK_FALSE(store::fts5_string_at("\"juge\"\"", 0).has_value());
}
