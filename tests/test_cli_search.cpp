// End-to-end: `newsidx search`, `show` and `export` on a small archive
// written by the test.
#include <algorithm>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <set>

#include "newsidx/article.hpp"
#include "newsidx/store.hpp"
#include "newsidx/utf8.hpp"
#include "support.hpp"

using newsidx::test::lines_of;
using newsidx::test::read_file;
using newsidx::test::run_newsidx;
using newsidx::test::TempDir;
using newsidx::test::write_file;
using Json = nlohmann::json;
namespace fs = std::filesystem;

namespace {

/// A small archive, ingested once per test case.
class Archive {
 public:
  Archive() {
    add("a1.txt",
        " date 2016-12 La reprise d’Alep est totale. Le dernier convoi est parti et les "
        "bombardements ont cessé à Alep-Est.\n");
    add("a2.txt",
        " date 2016-12-15 Le convoi humanitaire a quitté Homs. Il se dirige vers Alep "
        "malgré les bombardements.\n\nLes bombardements reprennent.\n");
    add("a3.txt",
        " date 2017-03 Les manifestations contre la réforme ont réuni 350 000 "
        "personnes à Paris.\n");
    add("a4.txt",
        "titre: Fête de la musique à Alep\ndate: 2018-06-21\n\nConcerts dans toute la "
        "ville, jusqu’au bout de la nuit.\n");
    add("a5.txt", " date 2015 Une manifestation d'agriculteurs bloque le périphérique.\n");
    add("a6.txt", "Un texte sans date sur Alep et la Russie.\n");
    add("a7.txt", " date 2019-01-10 Le constructeur Bombardier livre des avions.\n");
    add("a8.txt", " date 2014 L'œuvre de l'Élysée aujourd’hui.\n");
    const auto r = run_newsidx({"--db", db(), "ingest", "-q", (dir_.path() / "in").string()});
    REQUIRE(r.exit_code == 0);
  }

  [[nodiscard]] std::string db() const { return dir_ / "n.db"; }
  [[nodiscard]] std::string path(const std::string& name) const { return dir_ / ("in/" + name); }

  /// The file names (a1.txt…) of the hits of `search ARGS… --json`.
  std::vector<std::string> hits(std::vector<std::string> args, int expect_exit = -1) const {
    std::vector<std::string> argv = {"--db", db(), "search", "--json", "--limit", "100"};
    argv.insert(argv.end(), args.begin(), args.end());
    const auto r = run_newsidx(argv);
    INFO(r.err);
    if (expect_exit >= 0) CHECK(r.exit_code == expect_exit);
    std::vector<std::string> names;
    for (const std::string& line : lines_of(r.out)) {
      names.push_back(fs::path(Json::parse(line)["path"].get<std::string>()).filename().string());
    }
    return names;
  }

  /// hits() sorted, for checks that ignore the order.
  std::vector<std::string> set_of(std::vector<std::string> args) const {
    auto names = hits(std::move(args));
    std::sort(names.begin(), names.end());
    return names;
  }

 private:
  void add(const std::string& name, const std::string& text) {
    write_file(dir_.path() / "in" / name, text);
  }
  TempDir dir_;
};

using Names = std::vector<std::string>;

/// The code points [start, end) of `s` as UTF-8.
std::string cp_substr(const std::string& s, std::size_t start, std::size_t end) {
  std::string out;
  std::size_t cp = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const bool lead = (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80;
    if (lead && i > 0) ++cp;
    if (cp >= start && cp < end) out += s[i];
  }
  return out;
}

}  // namespace

TEST_CASE("the query language, row by row", "[cli][search]") {
  const Archive a;
  CHECK(a.set_of({"alep", "convoi"}) == Names{"a1.txt", "a2.txt"});
  CHECK(a.set_of({"dernier convoi"}) == Names{"a1.txt"});
  CHECK(a.set_of({"\"reprise d'Alep\""}) == Names{"a1.txt"});
  CHECK(a.set_of({"\"reprise Alep totale\""}).empty());
  CHECK(a.set_of({"homs OR musique"}) == Names{"a2.txt", "a4.txt"});
  CHECK(a.set_of({"(homs OR paris) convoi"}) == Names{"a2.txt"});
  CHECK(a.set_of({"alep", "-russie"}) == Names{"a1.txt", "a2.txt", "a4.txt"});
  CHECK(a.set_of({"alep NOT russie"}) == Names{"a1.txt", "a2.txt", "a4.txt"});
  CHECK(a.set_of({"bombard*"}) == Names{"a1.txt", "a2.txt", "a7.txt"});
  CHECK(a.set_of({"manifestati*"}) == Names{"a3.txt", "a5.txt"});
  CHECK(a.set_of({"title:alep"}) == Names{"a1.txt", "a4.txt", "a6.txt"});
  CHECK(a.set_of({"=manifestations"}) == Names{"a3.txt"});
  CHECK(a.set_of({"manifestation"}) == Names{"a3.txt", "a5.txt"});
  CHECK(a.set_of({"350000"}) == Names{"a3.txt"});
  CHECK(a.set_of({"elysee", "oeuvre", "aujourd'hui"}) == Names{"a8.txt"});
  CHECK(a.set_of({"ARMÉE"}).empty());
  CHECK(a.set_of({"Alep-Est"}) == Names{"a1.txt"});
  // Lower-case "or" is a French word, not an operator.
  CHECK(a.set_of({"homs or musique"}).empty());
}

TEST_CASE("ranking puts the title first and is deterministic", "[cli][search]") {
  const Archive a;
  const auto first = a.hits({"alep"});
  REQUIRE(first.size() == 4);
  CHECK(first == a.hits({"alep"}));
  // a4 has Alep in its (header) title and not in the body: still ranked
  // above a2, whose body alone mentions it.
  const auto pos = [&](const std::string& n) {
    return std::find(first.begin(), first.end(), n) - first.begin();
  };
  CHECK(pos("a4.txt") < pos("a2.txt"));
  const auto r = run_newsidx({"--db", a.db(), "search", "--json", "alep"});
  double previous = 1e300;
  for (const std::string& line : lines_of(r.out)) {
    const double score = Json::parse(line)["score"].get<double>();
    CHECK(score <= previous);
    previous = score;
  }
}

TEST_CASE("date filters use period overlap, undated match no filter", "[cli][search]") {
  const Archive a;
  CHECK(a.set_of({"--date", "2016-12"}) == Names{"a1.txt", "a2.txt"});
  CHECK(a.set_of({"--from", "2016-12-15"}) ==
        Names{"a1.txt", "a2.txt", "a3.txt", "a4.txt", "a7.txt"});
  CHECK(a.set_of({"--to", "2016"}) == Names{"a1.txt", "a2.txt", "a5.txt", "a8.txt"});
  CHECK(a.set_of({"--from", "2016-12-16", "--to", "2017-02"}) == Names{"a1.txt"});
  CHECK(a.set_of({"alep", "--from", "2000"}) == Names{"a1.txt", "a2.txt", "a4.txt"});
  // Date-only listing: newest first by default, undated never.
  CHECK(a.hits({"--from", "1900"}) ==
        Names{"a7.txt", "a4.txt", "a3.txt", "a2.txt", "a1.txt", "a5.txt", "a8.txt"});
  CHECK(a.hits({"--from", "1900", "--sort", "oldest"}) ==
        Names{"a8.txt", "a5.txt", "a1.txt", "a2.txt", "a3.txt", "a4.txt", "a7.txt"});
  // With a query, sorting by date puts undated articles last.
  CHECK(a.hits({"alep", "--sort", "newest"}) == Names{"a4.txt", "a2.txt", "a1.txt", "a6.txt"});
  CHECK(a.hits({"alep", "--sort", "oldest"}) == Names{"a1.txt", "a2.txt", "a4.txt", "a6.txt"});
  CHECK(a.hits({"--date", "1999"}, 1).empty());
}

TEST_CASE("pages are disjoint and add up to all hits, --count agrees", "[cli][search]") {
  const Archive a;
  const auto all = a.hits({"--from", "1900"});
  std::vector<std::string> pages;
  for (const char* offset : {"0", "3", "6", "9"}) {
    const auto page = a.hits({"--from", "1900", "--limit", "3", "--offset", offset});
    CHECK(page.size() <= 3);
    pages.insert(pages.end(), page.begin(), page.end());
  }
  CHECK(pages == all);
  CHECK(std::set<std::string>(pages.begin(), pages.end()).size() == pages.size());

  for (const std::vector<std::string>& q : {std::vector<std::string>{"alep"},
                                            {"bombard*"},
                                            {"--from", "2016"},
                                            {"alep", "--to", "2016"}}) {
    std::vector<std::string> argv = {"--db", a.db(), "search", "--count"};
    argv.insert(argv.end(), q.begin(), q.end());
    const auto r = run_newsidx(argv);
    CHECK(r.exit_code == 0);
    CHECK(std::stoul(r.out) == a.hits(q).size());
  }
  const auto zero = run_newsidx({"--db", a.db(), "search", "--count", "zanzibar"});
  CHECK(zero.exit_code == 1);
  CHECK(zero.out == "0\n");
  const auto none = run_newsidx({"--db", a.db(), "search", "zanzibar"});
  CHECK(none.exit_code == 1);
  CHECK(none.out.empty());
}

TEST_CASE("snippets are plain text and matches point at the matched words", "[cli][search]") {
  const Archive a;
  const auto r = run_newsidx({"--db", a.db(), "search", "--json", "bombardement", "OR", "alep"});
  REQUIRE(r.exit_code == 0);
  int checked = 0;
  for (const std::string& line : lines_of(r.out)) {
    const Json j = Json::parse(line);
    for (const char* key : {"id", "date", "title", "snippet", "matches", "score", "path"}) {
      CHECK(j.contains(key));
    }
    const std::string snippet = j["snippet"];
    CHECK(snippet.find('\x01') == std::string::npos);
    CHECK(snippet.find('\n') == std::string::npos);
    for (const auto& m : j["matches"]) {
      const std::string word = cp_substr(snippet, m[0], m[1]);
      INFO(snippet << " [" << m[0] << "," << m[1] << ")");
      CHECK((word.rfind("bombardement", 0) == 0 || word == "Alep"));
      ++checked;
    }
  }
  CHECK(checked >= 4);
  const auto text = run_newsidx({"--db", a.db(), "search", "homs"});
  CHECK(text.out.find("[Homs]") != std::string::npos);
  CHECK(text.out.find(a.path("a2.txt")) != std::string::npos);
  CHECK(text.out.find("2016-12-15") == 0);
}

TEST_CASE("invalid queries and dates exit 2 with a message and no output", "[cli][search]") {
  const Archive a;
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
      {{"\"reprise d'Alep"}, "query: unterminated phrase starting at column 1"},
      {{"alep", "(homs"}, "column 6"},
      {{"alep OR"}, "query:"},
      {{"!!! ..."}, "query:"},
      {{"-alep"}, "query:"},
      {{"--from", "2016-13"}, "--from: 2016-13: there is no month 13"},
      {{"--to", "2019-02-30"}, "--to: 2019-02-30: February 2019 has 28 days"},
      {{"--date", "2016-02-30"}, "--date: 2016-02-30: February 2016 has 29 days"},
      {{"--from", "0000"}, "--from: 0000: there is no year 0"},
      {{"--date", "12/2016"}, "--date: invalid date"},
      {{"alep", "--from", "2017", "--to", "2016"}, "is after"},
      {{}, "nothing to search for"},
  };
  for (const auto& [args, message] : cases) {
    std::vector<std::string> argv = {"--db", a.db(), "search"};
    argv.insert(argv.end(), args.begin(), args.end());
    const auto r = run_newsidx(argv);
    INFO(r.err);
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(r.err.rfind("newsidx: error: ", 0) == 0);
    CHECK(r.err.find(message) != std::string::npos);
  }
}

TEST_CASE("reading a database that does not exist says how to make one", "[cli][search]") {
  TempDir dir;
  const std::string db = dir / "none.db";
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"search", "alep"}, {"stats"}, {"show", "abcd"}, {"export"}}) {
    std::vector<std::string> argv = {"--db", db};
    argv.insert(argv.end(), args.begin(), args.end());
    const auto r = run_newsidx(argv);
    CHECK(r.exit_code == 2);
    CHECK(r.err == "newsidx: error: no database at " + db + " (run 'newsidx ingest' first)\n");
    CHECK(r.out.empty());
  }
  CHECK_FALSE(fs::exists(db));
}

TEST_CASE("a snippet stays short whatever the text", "[cli][search][hostile]") {
  // One huge "word", a huge URL, a huge run of punctuation: each hit's
  // snippet keeps to a few lines, in JSON and in text.
  TempDir dir;
  const std::string word(3'000'000, 'x');
  std::string url = "https://exemple.fr/";
  for (int i = 0; i < 100'000; ++i) url += "a/";
  write_file(dir / "in/word.txt", " date 2016 Alep " + word + " fin.\n");
  write_file(dir / "in/url.txt", " date 2016 Voir " + url + " pour Alep.\n");
  write_file(dir / "in/dots.txt", " date 2016 Alep" + std::string(2'000'000, '.') + "\n");
  std::string title = "titre: Alep";
  for (int i = 0; i < 50'000; ++i) title += " mot";
  write_file(dir / "in/title.txt", title + "\n date 2016 Alep est ici.\n");
  const std::string db = dir / "n.db";
  REQUIRE(run_newsidx({"--db", db, "ingest", "-q", dir / "in"}).exit_code == 0);
  const auto json = run_newsidx({"--db", db, "search", "alep", "--json"});
  REQUIRE(json.exit_code == 0);
  const auto hits = lines_of(json.out);
  REQUIRE(hits.size() == 4);
  for (const std::string& line : hits) {
    const Json hit = Json::parse(line);
    const std::string snippet = hit["snippet"];
    INFO(hit["path"]);
    CHECK(newsidx::count_code_points(snippet) <= 400);
    CHECK(hit["matches"].size() >= 1);
  }
  // In text, each hit's lines too, its title line included.
  for (const char* format : {"text", "oneline", "kwic"}) {
    const auto text = run_newsidx({"--db", db, "search", "alep", "--format", format});
    INFO(format);
    REQUIRE(text.exit_code == 0);
    for (const std::string& text_line : lines_of(text.out)) {
      CHECK(newsidx::count_code_points(text_line) <= 500);
    }
  }
}

TEST_CASE("readers still work when the -shm file cannot be made (a full disk)",
          "[cli][search][faults]") {
  // A WAL reader makes the -shm file beside the database when it is missing;
  // on a full disk that fails. A file size limit of one byte fails the same
  // way (EFBIG instead of ENOSPC), with SIGXFSZ ignored as on a full disk.
  TempDir dir;
  const std::string db = dir / "n.db";
  write_file(dir / "in/a.txt", " date 2016-12 La reprise d’Alep est totale.\n");
  REQUIRE(run_newsidx({"--db", db, "ingest", "-q", dir / "in"}).exit_code == 0);
  REQUIRE_FALSE(fs::exists(db + "-shm"));
  for (const std::string command : {"search alep --count", "stats --json"}) {
    const auto r = newsidx::test::run_program(
        {"sh", "-c", "trap '' XFSZ; exec prlimit --fsize=1 \"$0\" --db \"$1\" " + command,
         NEWSIDX_BINARY, db});
    INFO(command << ": " << r.err);
    CHECK(r.exit_code == 0);
    CHECK_FALSE(r.out.empty());
    fs::remove(db + "-shm");
    fs::remove(db + "-wal");
  }
}

TEST_CASE("a command on a database of schema 1 upgrades it once, and says so",
          "[cli][search][schema]") {
  TempDir dir;
  const std::string db = dir / "v1.db";
  fs::copy_file(fs::path(NEWSIDX_SOURCE_DIR) / "tests/fixtures/schema1.db", db);
  auto r = run_newsidx({"--db", db, "search", "dernier", "--count"});
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.err == "newsidx: note: upgrading the database to schema " +
                     std::to_string(newsidx::kSchemaVersion) + ": re-indexing 28 articles\n");
  CHECK(r.out == run_newsidx({"--db", db, "search", "dernière", "--count"}).out);
  r = run_newsidx({"--db", db, "stats", "--json"});
  CHECK(r.err.empty());
  CHECK(Json::parse(r.out)["articles"] == 28);
}

TEST_CASE("injection attempts search for words and change nothing", "[cli][search][security]") {
  const Archive a;
  const std::string before = read_file(a.db());
  for (const char* q : {"'; DROP TABLE article; --", "alep\" OR 1=1 --", "NEAR(alep homs)",
                        "body:alep", "{title body}: alep", "alep' UNION SELECT raw FROM article --",
                        "x\"); DELETE FROM source; --", "^alep", "alep + homs", "* OR *",
                        "title:\"a\" OR \"\"\""}) {
    const auto r = run_newsidx({"--db", a.db(), "search", q});
    INFO(q << " → " << r.err);
    CHECK((r.exit_code == 0 || r.exit_code == 1 || r.err.find("query:") != std::string::npos));
  }
  CHECK(read_file(a.db()) == before);
  const auto st = run_newsidx({"--db", a.db(), "stats", "--json"});
  CHECK(Json::parse(st.out)["articles"] == 8);
}

TEST_CASE("show by id, prefix and path, --json, --raw, unknown", "[cli][show]") {
  const Archive a;
  const auto r = run_newsidx({"--db", a.db(), "show", "--json", a.path("a4.txt")});
  REQUIRE(r.exit_code == 0);
  const Json j = Json::parse(r.out);
  CHECK(j["title"] == "Fête de la musique à Alep");
  CHECK(j["title_source"] == "header");
  CHECK(j["date"] == "2018-06-21");
  const std::string id = j["id"];

  const auto by_id = run_newsidx({"--db", a.db(), "show", "--json", id});
  CHECK(by_id.out == r.out);
  const auto by_prefix = run_newsidx({"--db", a.db(), "show", "--json", id.substr(0, 6)});
  CHECK(by_prefix.out == r.out);
  std::string upper = id.substr(0, 8);
  std::transform(upper.begin(), upper.end(), upper.begin(), ::toupper);
  CHECK(run_newsidx({"--db", a.db(), "show", "--json", upper}).out == r.out);

  const auto text = run_newsidx({"--db", a.db(), "show", id});
  CHECK(text.exit_code == 0);
  CHECK(text.out.rfind("Fête de la musique à Alep\n", 0) == 0);
  CHECK(text.out.find(id) != std::string::npos);
  CHECK(text.out.find("\n\nConcerts dans toute la ville") != std::string::npos);

  const auto raw = run_newsidx({"--db", a.db(), "show", "--raw", id});
  CHECK(raw.out == read_file(a.path("a4.txt")));

  const auto unknown = run_newsidx({"--db", a.db(), "show", "ffffffffffffffff"});
  CHECK(unknown.exit_code == 1);
  CHECK(unknown.out.empty());
  CHECK(unknown.err.find("no article") != std::string::npos);
  const auto bad_path = run_newsidx({"--db", a.db(), "show", "/no/such/file.txt"});
  CHECK(bad_path.exit_code == 1);
}

TEST_CASE("an ambiguous id prefix lists the candidates and exits 2", "[cli][show]") {
  // Find two one-paragraph articles whose ids share their first 4 digits.
  std::map<std::string, std::string> by_prefix;
  std::string first;
  std::string second;
  const auto date = newsidx::parse_iso_date("2000");
  for (int i = 0; i < 100000 && second.empty(); ++i) {
    const std::string text = "Texte numéro " + std::to_string(i) + ".";
    const std::string prefix = newsidx::article_id(date, text).substr(0, 4);
    if (const auto it = by_prefix.find(prefix); it != by_prefix.end()) {
      first = it->second;
      second = text;
    }
    by_prefix.emplace(prefix, text);
  }
  REQUIRE_FALSE(second.empty());
  TempDir dir;
  write_file(dir / "in/1.txt", " date 2000 " + first + "\n");
  write_file(dir / "in/2.txt", " date 2000 " + second + "\n");
  const std::string db = dir / "n.db";
  REQUIRE(run_newsidx({"--db", db, "ingest", "-q", dir / "in"}).exit_code == 0);
  const std::string id = newsidx::article_id(date, first);
  const auto r = run_newsidx({"--db", db, "show", id.substr(0, 4)});
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  CHECK(r.err.find("ambiguous") != std::string::npos);
  CHECK(r.err.find(id) != std::string::npos);
  CHECK(r.err.find(newsidx::article_id(date, second)) != std::string::npos);
  CHECK(run_newsidx({"--db", db, "show", id}).exit_code == 0);
}

TEST_CASE("export streams the article model, filtered like search", "[cli][export]") {
  const Archive a;
  const auto all = run_newsidx({"--db", a.db(), "export"});
  CHECK(all.exit_code == 0);
  const auto lines = lines_of(all.out);
  CHECK(lines.size() == 8);
  for (const std::string& line : lines) {
    const Json j = Json::parse(line);
    for (const char* key :
         {"id", "date", "date_precision", "date_start", "date_end", "title", "title_source", "lead",
          "blocks", "metadata", "word_count", "sources", "warnings"}) {
      CHECK(j.contains(key));
    }
  }
  const auto some = run_newsidx({"--db", a.db(), "export", "alep", "--from", "2016"});
  CHECK(lines_of(some.out).size() == 3);
  const auto none = run_newsidx({"--db", a.db(), "export", "--date", "1999"});
  CHECK(none.exit_code == 1);
  CHECK(none.out.empty());
}
