#include <catch2/catch.hpp>
#include <random>

#include "newsidx/db_location.hpp"
#include "newsidx/error.hpp"
#include "newsidx/printer.hpp"
#include "newsidx/suggest.hpp"
#include "newsidx/terminal_text.hpp"
#include "newsidx/units.hpp"
#include "support.hpp"

using namespace newsidx;

TEST_CASE("sizes accept bytes and K/M/G suffixes in powers of 1024", "[units]") {
  CHECK(parse_size("16M") == 16ull << 20);
  CHECK(parse_size("16m") == 16ull << 20);
  CHECK(parse_size("512") == 512u);
  CHECK(parse_size("2K") == 2048u);
  CHECK(parse_size("1G") == 1ull << 30);
  CHECK(parse_size("1GiB") == 1ull << 30);
  CHECK(parse_size("3MB") == 3ull << 20);
  for (const char* bad :
       {"", "M", "0", "-1", "1.5M", "12T", "1 M", "99999999999999999999", "17179869184G"}) {
    INFO(bad);
    CHECK_FALSE(parse_size(bad));
  }
}

TEST_CASE("counts and byte sizes are written for people", "[units]") {
  CHECK(format_count(0) == "0");
  CHECK(format_count(999) == "999");
  CHECK(format_count(1000) == "1,000");
  CHECK(format_count(12345) == "12,345");
  CHECK(format_count(1234567) == "1,234,567");
  CHECK(format_count(-4500) == "-4,500");
  CHECK(format_bytes(512) == "512 B");
  CHECK(format_bytes(3 << 20) == "3.0 MiB");
}

TEST_CASE("the database path follows --db, NEWSIDX_DB, XDG_DATA_HOME, HOME", "[paths]") {
  DbLocation w;
  w.home = "/home/ana";
  CHECK(resolve_db_path(w) == "/home/ana/.local/share/newsidx/newsidx.db");
  w.xdg_data_home = "relative/ignored";
  CHECK(resolve_db_path(w) == "/home/ana/.local/share/newsidx/newsidx.db");
  w.xdg_data_home = "/data";
  CHECK(resolve_db_path(w) == "/data/newsidx/newsidx.db");
  w.newsidx_db = "";
  CHECK(resolve_db_path(w) == "/data/newsidx/newsidx.db");
  w.newsidx_db = "/tmp/a.db";
  CHECK(resolve_db_path(w) == "/tmp/a.db");
  w.option = "b.db";
  CHECK(resolve_db_path(w) == "b.db");
  CHECK_THROWS_AS(resolve_db_path(DbLocation{}), Error);
  w.option = "";  // an explicit --db "" is a mistake, not "use the default"
  CHECK_THROWS_WITH(resolve_db_path(w), "the database path is empty");
}

TEST_CASE("colour: auto only on a terminal and without NO_COLOR", "[printer]") {
  CHECK(should_color("auto", true, false));
  CHECK_FALSE(should_color("auto", false, false));
  CHECK_FALSE(should_color("auto", true, true));
  CHECK(should_color("always", false, true));
  CHECK_FALSE(should_color("never", true, false));
}

TEST_CASE("the ingest summary reads like the manual's example", "[printer]") {
  IngestSummary s;
  s.files = 12345;
  s.added = 12000;
  s.duplicates = 40;
  s.unchanged = 300;
  s.rejected = 5;
  s.warnings = 3;
  s.seconds = 3.2;
  CHECK(format_summary(s) ==
        "12,345 files: 12,000 added, 40 duplicates, 300 unchanged, 0 updated, 5 rejected, "
        "3 warnings — 3.2 s (3,858 files/s)");
  s.pruned = 2;
  CHECK(format_summary(s).find(", 2 pruned —") != std::string::npos);
}

TEST_CASE("the progress bar counts files, or what it is told to", "[printer]") {
  CHECK(format_progress(250, 1000, 2.0, "files", 4) ==
        "█░░░ 250/1,000 files  125 files/s  ETA 6 s");
  CHECK(format_progress(1000, 1000, 4.0, "articles", 4) ==
        "████ 1,000/1,000 articles  250 articles/s  ETA 0 s");
  CHECK(format_progress(0, 0, 0.0) ==
        "██████████████████████████████ 0/0 files  0 files/s  ETA 0 s");
}

TEST_CASE("a hit shows its matched words highlighted", "[printer]") {
  Hit h;
  h.id = "0123456789abcdef";
  h.date = parse_iso_date("2016-12");
  h.title = "Alep";
  h.snippet = "la reprise d’Alep est totale";
  h.matches = {{3, 10}, {13, 17}};
  h.path = "/a/b.txt";
  const std::string text = format_hit(h, false);
  CHECK(text ==
        "2016-12  0123456789abcdef  Alep\n  la [reprise] d’[Alep] est totale\n  /a/b.txt\n\n");
  CHECK(format_hit(h, true).find("\x1b[") != std::string::npos);
}

TEST_CASE("a mistyped name suggests the nearest one, when one is near", "[suggest]") {
  using newsidx::edit_distance;
  using newsidx::nearest_name;
  CHECK(edit_distance("", "") == 0);
  CHECK(edit_distance("serch", "search") == 1);
  CHECK(edit_distance("--limt", "--limit") == 1);
  CHECK(edit_distance("saerch", "search") == 1);  // two letters swapped
  CHECK(edit_distance("kitten", "sitting") == 3);
  const std::vector<std::string> commands = {"ingest", "search", "show", "stats", "forget"};
  CHECK(nearest_name("serch", commands) == "search");
  CHECK(nearest_name("stat", commands) == "stats");
  CHECK(nearest_name("frget", commands) == "forget");
  CHECK_FALSE(nearest_name("zzzzzz", commands));
  CHECK_FALSE(nearest_name("calais", commands));
  // Short names need closer typos: -x is not -j.
  CHECK_FALSE(nearest_name("-x", {"-j", "-q"}));
  CHECK(nearest_name("-jobs", {"-j", "--jobs"}) == "--jobs");
}

TEST_CASE("the bounded edit distance is the distance up to its limit", "[suggest]") {
  using newsidx::edit_distance;
  using newsidx::edit_distance_within;
  CHECK(edit_distance_within("medecim", "medecin", 2) == 1);
  CHECK(edit_distance_within("saerch", "search", 1) == 1);
  CHECK(edit_distance_within("kitten", "sitting", 2) == 3);  // the limit + 1
  CHECK(edit_distance_within("", "abc", 2) == 3);
  CHECK(edit_distance_within("abc", "", 3) == 3);
  // Random words of a small alphabet (many near pairs, swaps), of every
  // length up to beyond the bounded ones, against the whole programme.
  std::mt19937 random(11);
  const auto word = [&](std::size_t most) {
    std::string w(random() % (most + 1), 'a');
    for (char& c : w) c = static_cast<char>('a' + random() % 3);
    return w;
  };
  int near = 0;
  for (int k = 0; k < 20000; ++k) {
    const std::string a = word(k % 10 == 0 ? 80 : 9);
    std::string b = a;
    for (std::size_t edits = random() % 4; edits > 0 && !b.empty(); --edits) {
      const std::size_t at = random() % b.size();
      switch (random() % 4) {
        case 0:
          b.erase(at, 1);
          break;
        case 1:
          b.insert(at, 1, static_cast<char>('a' + random() % 3));
          break;
        case 2:
          b[at] = static_cast<char>('a' + random() % 3);
          break;
        default:
          if (at + 1 < b.size()) std::swap(b[at], b[at + 1]);
      }
    }
    if (k % 3 == 0) b = word(9);
    const std::size_t limit = random() % 4;
    const std::size_t whole = edit_distance(a, b);
    INFO(a << " / " << b << " limit " << limit);
    CHECK(edit_distance_within(a, b, limit) == std::min(whole, limit + 1));
    near += whole <= limit ? 1 : 0;
  }
  CHECK(near > 5000);  // both outcomes were tried, many times
}

TEST_CASE("terminal text: widths, cuts, rows and wrapped words", "[printer][terminal]") {
  using newsidx::display_rows;
  using newsidx::display_width;
  using newsidx::fit_width;
  using newsidx::wrap_words;
  CHECK(display_width("réfugiés") == 8);
  CHECK(display_width("\x1b[1;31mAlep\x1b[0m !") == 6);
  CHECK(fit_width("réfugiés", 8) == "réfugiés");
  CHECK(fit_width("réfugiés", 5) == "réfu…");
  CHECK(fit_width("réfugiés", 0) == "réfugiés");
  CHECK(display_rows("a\n\nbcdef\n", 2) == 5);  // a, (blank), bc de f
  CHECK(display_rows("\x1b[31mab\x1b[0m", 2) == 1);
  CHECK(wrap_words("la reprise d’Alep est totale", 10) == "la reprise\nd’Alep est\ntotale");
  CHECK(wrap_words("anticonstitutionnellement court", 10) == "anticonstitutionnellement\ncourt");
  CHECK(wrap_words("a b", 0) == "a b");
  // Wrapping only turns spaces into line breaks: byte offsets stay.
  const std::string text = "Des migrants secourus en mer. Les migrants sont à bord du navire.";
  CHECK(wrap_words(text, 12).size() == text.size());
}

TEST_CASE("hits fit a terminal's width, one-line hits", "[printer][terminal]") {
  Hit h;
  h.id = "0123456789abcdef";
  h.date = parse_iso_date("2016-12");
  h.title = "La reprise d’Alep est totale après des semaines de bombardements";
  h.snippet = "Après des semaines de bombardements, la reprise d’Alep est totale, dit le régime.";
  h.matches = {{50, 54}};  // Alep
  h.path = "/un/chemin/très/long/vers/le/fichier/de/l/article.txt";
  const std::string text = format_hit(h, false, 40);
  const auto lines = newsidx::test::lines_of(text);
  REQUIRE(lines.size() == 3);
  CHECK(lines[0] == "2016-12  0123456789abcdef  La reprise d…");
  CHECK(newsidx::display_width(lines[1]) <= 40);
  CHECK(lines[1].find("[Alep]") != std::string::npos);
  CHECK(lines[1].starts_with("  …"));
  CHECK(lines[2] == "  " + h.path);  // paths are never cut
  CHECK(format_hit(h, false).find(h.title) != std::string::npos);
  CHECK(format_hit_line(h, false) == "2016-12     0123456789abcdef  " + h.title + "\n");
  CHECK(format_hit_line(h, false, 40) == "2016-12     0123456789abcdef  La repris…\n");
}

TEST_CASE("a concordance aligns every match in one column", "[printer][kwic]") {
  Hit h;
  h.id = "0123456789abcdef";
  h.date = parse_iso_date("2016-12");
  TextMatches m;
  m.title = "Alep";
  m.body = "La reprise d’Alep est totale.\n\nÀ Alep-Est, les bombardements ont cessé.";
  m.in_title = {{0, 4}};
  const std::size_t first = m.body.find("Alep");
  const std::size_t second = m.body.find("Alep", first + 1);
  m.in_body = {{first, first + 4}, {second, second + 4}};
  const auto lines = newsidx::test::lines_of(format_concordance(h, m, false));
  REQUIRE(lines.size() == 3);
  CHECK(lines[0] == "2016-12     01234567  " + std::string(40, ' ') + "[Alep]");
  CHECK(lines[1] == "2016-12     01234567  " + std::string(27, ' ') +
                        "La reprise d’[Alep] est totale. À Alep-Est, les bombardeme…");
  CHECK(lines[2].find("totale. À [Alep]-Est, les bombardements ont cessé.") != std::string::npos);
  for (const std::string& line : newsidx::test::lines_of(format_concordance(h, m, false, 60))) {
    CHECK(newsidx::display_width(line) <= 60);
    CHECK(newsidx::display_width(line.substr(0, line.find('['))) == 22 + 15);
  }
  // A title that opens the body (derived from its first sentence) is not shown twice.
  m.title = "La reprise d’Alep est totale.";
  m.in_title = {{first, first + 4}};
  CHECK(newsidx::test::lines_of(format_concordance(h, m, false)).size() == 2);
  // Also after a rubric that derived titles leave out (`VIDÉO.`).
  const std::string rubric = "VIDÉO. ";
  m.body = rubric + m.body;
  m.in_body = {{first + rubric.size(), first + rubric.size() + 4},
               {second + rubric.size(), second + rubric.size() + 4}};
  CHECK(newsidx::test::lines_of(format_concordance(h, m, false)).size() == 2);
  // But not when the title only occurs further on in the first sentence.
  m.title = "Alep";
  m.in_title = {{0, 4}};
  CHECK(newsidx::test::lines_of(format_concordance(h, m, false)).size() == 3);
}

TEST_CASE("an article shows the matches of a query and wraps to a width", "[printer]") {
  Article a;
  a.id = "0123456789abcdef";
  a.title = "Alep";
  a.blocks = {{Block::Type::kParagraph, "La reprise d’Alep est totale."},
              {Block::Type::kHeading, "Alep-Est"}};
  TextMatches m;
  m.in_title = {{0, 4}};
  const std::string body = a.body();
  const std::size_t first = body.find("Alep");
  const std::size_t second = body.find("Alep", first + 1);
  m.in_body = {{first, first + 4}, {second, second + 4}};  // in the paragraph, then the heading
  const std::string text = format_article(a, false, 0, &m);
  CHECK(text.find("[Alep]\n") == 0);
  CHECK(text.find("\nLa reprise d’[Alep] est totale.\n") != std::string::npos);
  CHECK(text.find("\n## [Alep]-Est\n") != std::string::npos);
  CHECK(format_article(a, false, 12).find("\nLa reprise\nd’Alep est\ntotale.\n") !=
        std::string::npos);
}

TEST_CASE("a timeline: bars of the matches, all articles and the rate per 1,000", "[printer]") {
  Timeline t;
  t.query = "migrants";
  t.articles = 3;
  t.total = 1200;
  t.periods = {{"2016", 1, 1000}, {"2017", 0, 0}, {"2018", 2, 200}};
  const std::string text = format_timeline(t, false, 60);
  CHECK(text.find("articles     3 of 1,200 (2.5 per 1,000)\n") != std::string::npos);
  const auto lines = newsidx::test::lines_of(text);
  CHECK(lines.back().starts_with("2018  ██████████"));
  CHECK(lines.back().ends_with("2 /   200       10.0"));
  CHECK(lines[lines.size() - 2].ends_with("0 /     0          -"));
  CHECK(lines[lines.size() - 3].ends_with("1 / 1,000        1.0"));
  for (const std::string& line : lines) CHECK(newsidx::display_width(line) <= 60);
  ForgetSummary forgotten;
  forgotten.paths = {"/a.txt", "/b.txt"};
  forgotten.articles = {"0123456789abcdef"};
  CHECK(format_forget_summary(forgotten) == "2 paths forgotten, 1 article removed");
}
