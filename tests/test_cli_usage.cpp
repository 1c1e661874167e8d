// End-to-end: the command line as people use it (issue 14): words that
// look like options, cut results, timelines, one-line and field output,
// concordances, mistyped commands, calendar dates, terminals and pagers,
// forgetting files. Each test case is one friction of the issue.
#include <sys/stat.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "newsidx/terminal_text.hpp"
#include "support.hpp"

using newsidx::test::lines_of;
using newsidx::test::run_newsidx;
using newsidx::test::run_on_terminal;
using newsidx::test::run_program;
using newsidx::test::RunResult;
using newsidx::test::TempDir;
using newsidx::test::write_file;
using Json = nlohmann::json;
using Strings = std::vector<std::string>;
namespace fs = std::filesystem;

namespace {

/// Articles about migrants over four years (7 of 9 articles, one undated),
/// ingested once per test case.
class Migrants {
 public:
  Migrants() {
    add("m1.txt", "2016-03", "Des migrants arrivent à Calais.");
    add("m2.txt", "2016-07", "Les migrants de Nice attendent.");
    add("m3.txt", "2017-02", "Des migrants bloqués en Hongrie.");
    add("m4.txt", "2017-05", "Des migrants secourus en mer. Les migrants sont à bord du navire.");
    add("m5.txt", "2019-01", "Migrants et réfugiés en Europe.");
    add("m6.txt", "2019-06", "Le sort des migrants au large.");
    add("o1.txt", "2018-04", "La réforme des retraites.");
    add("o2.txt", "2019-09", "Un article sur la pluie.");
    write_file(dir_.path() / "in" / "u1.txt", "Des migrants sans date connue.\n");
    const RunResult r = run({"ingest", "-q", in()});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
  }

  [[nodiscard]] std::string db() const { return dir_ / "n.db"; }
  [[nodiscard]] std::string in() const { return dir_ / "in"; }
  [[nodiscard]] const fs::path& dir() const { return dir_.path(); }

  /// `newsidx --db DB ARGS…`.
  [[nodiscard]] RunResult run(
      Strings args, const std::map<std::string, std::optional<std::string>>& env = {}) const {
    args.insert(args.begin(), {"--db", db()});
    return run_newsidx(args, env);
  }

  /// `newsidx --db DB ARGS…` on a terminal `columns` wide and `rows` high.
  [[nodiscard]] RunResult on_terminal(
      Strings args, unsigned short columns, unsigned short rows,
      std::map<std::string, std::optional<std::string>> env = {}) const {
    args.insert(args.begin(), {"--db", db()});
    return run_on_terminal(args, columns, rows, env);
  }

  /// The number `search --count ARGS…` prints.
  [[nodiscard]] int count(Strings args) const {
    args.insert(args.begin(), {"search", "--count"});
    const RunResult r = run(args);
    INFO(r.err);
    REQUIRE(r.exit_code <= 1);
    return std::stoi(r.out);
  }

 private:
  void add(const std::string& name, const std::string& date, const std::string& text) {
    write_file(dir_.path() / "in" / name, " date " + date + " " + text + "\n");
  }
  TempDir dir_;
};

/// The file names of the paths in `text`, one per line.
std::multiset<std::string> file_names(const std::string& text) {
  std::multiset<std::string> names;
  for (const std::string& line : lines_of(text)) names.insert(fs::path(line).filename().string());
  return names;
}

}  // namespace

TEST_CASE("a -word that is not exactly an option is a query word, -- ends the options",
          "[cli][usage]") {
  const Migrants m;
  REQUIRE(m.count({"migrants"}) == 7);
  // Each of these used to become an option: -c + "alais", -n "ice", -h.
  CHECK(m.count({"migrants", "-calais"}) == 6);
  CHECK(m.count({"migrants", "-nice"}) == 6);
  CHECK(m.count({"migrants", "-hongrie"}) == 6);
  const RunResult listed = m.run({"search", "migrants", "-hongrie", "--format", "ids"});
  CHECK(listed.exit_code == 0);
  CHECK(lines_of(listed.out).size() == 6);
  // -n is export's limit, not a query word.
  const RunResult exported = m.run({"export", "migrants", "-n", "5"});
  CHECK(exported.exit_code == 0);
  CHECK(lines_of(exported.out).size() == 5);
  // Short options never bundle: -cn is a word, not --count --limit.
  CHECK(m.count({"migrants", "-cn"}) == 7);
  // After --, an exact option is a query word too.
  CHECK(m.count({"migrants", "--", "-c"}) == 7);
  const RunResult dash_word = m.run({"search", "--count", "--", "-migrants", "pluie"});
  CHECK(dash_word.out == "1\n");
  // A -word close to an option is searched, with a note.
  const RunResult near = m.run({"search", "migrants", "-count"});
  CHECK(near.exit_code == 0);
  CHECK_THAT(near.err, Catch::Contains("'-count' is searched as a word to exclude; the option is "
                                       "--count"));
}

TEST_CASE("a file whose name starts with '-' is an error that says how, and is read after --",
          "[cli][usage]") {
  const TempDir dir;
  write_file(dir.path() / "-x.txt", " date 2016 Un texte.\n");
  const std::string db = dir / "n.db";
  const auto in_dir = [&](const std::string& args) {
    return run_program({"sh", "-c", "cd \"$0\" && \"$1\" --db \"$2\" " + args, dir.path().string(),
                        NEWSIDX_BINARY, db});
  };
  const RunResult refused = in_dir("ingest -x.txt");
  CHECK(refused.exit_code == 2);
  CHECK_THAT(refused.err, Catch::StartsWith("newsidx: error: unknown option -x.txt (a name that "
                                            "starts with '-' goes after '--': newsidx ingest -- "
                                            "-x.txt)\n"));
  CHECK_THAT(refused.err, !Catch::Contains("required"));
  const RunResult read = in_dir("ingest -q -- -x.txt");
  CHECK(read.exit_code == 0);
  CHECK(run_newsidx({"--db", db, "search", "--count", "texte"}).out == "1\n");
  // An option of the command a letter away is named.
  CHECK_THAT(in_dir("ingest -jobs 2 .").err, Catch::Contains("did you mean --jobs?"));
}

TEST_CASE("stats QUERY: per period the matching articles, all articles, the rate per 1,000",
          "[cli][usage][stats]") {
  const Migrants m;
  const RunResult json = m.run({"stats", "migrants", "--json"});
  INFO(json.err);
  REQUIRE(json.exit_code == 0);
  const Json t = Json::parse(json.out);
  CHECK(t["query"] == "migrants");
  CHECK(t["articles"] == 7);
  CHECK(t["total"] == 9);
  CHECK(t["undated"] == 1);
  CHECK(t["first_date"] == "2016-03-01");
  CHECK(t["last_date"] == "2019-06-30");
  // 2018 has no match but an article; every year between the first and the last is listed.
  CHECK(t["histogram"] == Json::parse(R"([{"period":"2016","articles":2,"total":2},
                                          {"period":"2017","articles":2,"total":2},
                                          {"period":"2018","articles":0,"total":1},
                                          {"period":"2019","articles":2,"total":3}])"));

  const RunResult text = m.run({"stats", "migrants"});
  CHECK(text.exit_code == 0);
  CHECK_THAT(text.out, Catch::Contains("articles     7 of 9 (777.8 per 1,000)"));
  CHECK_THAT(text.out, Catch::Contains("per 1,000"));
  CHECK(std::regex_search(text.out, std::regex("\n2019  (█)+ +2 / 3  +666\\.7\n")));
  CHECK(std::regex_search(text.out, std::regex("\n2018   +0 / 1  +0\\.0\n")));

  // The date options of search, and months.
  const Json months = Json::parse(
      m.run({"stats", "migrants", "--by", "month", "--from", "2017", "--to", "2017-05", "--json"})
          .out);
  CHECK(months["from"] == "2017");
  CHECK(months["to"] == "2017-05");
  CHECK(months["articles"] == 2);
  CHECK(months["histogram"].size() == 4);  // 2017-02 to 2017-05
  CHECK(months["histogram"][0] == Json::parse(R"({"period":"2017-02","articles":1,"total":1})"));
  CHECK(months["histogram"][1] == Json::parse(R"({"period":"2017-03","articles":0,"total":0})"));

  // A date filter alone: every article of the period matches.
  const RunResult dates = m.run({"stats", "--from", "2019"});
  CHECK_THAT(dates.out, Catch::Contains("dates        from 2019\n"));
  CHECK_THAT(dates.out, Catch::Contains("articles     3 of 3 (1000.0 per 1,000)"));
  CHECK(Json::parse(m.run({"stats", "--date", "2019", "--json"}).out)["query"].is_null());
  // Nothing matches: exit 1, as search does.
  CHECK(m.run({"stats", "zanzibar"}).exit_code == 1);
  // Without a query, stats is what it was.
  const Json plain = Json::parse(m.run({"stats", "--json"}).out);
  CHECK(plain["articles"] == 9);
  CHECK(plain.contains("sources"));
  CHECK_FALSE(plain.contains("query"));
}

TEST_CASE("a page that leaves hits out says so on stderr, --all shows them all",
          "[cli][usage][search]") {
  const Migrants m;
  const RunResult cut = m.run({"search", "migrants", "--limit", "2", "--format", "ids"});
  CHECK(cut.exit_code == 0);
  CHECK(lines_of(cut.out).size() == 2);
  CHECK(cut.err == "newsidx: note: 2 of 7 articles (--limit, --offset, --all)\n");
  // The same with --json: the note is on stderr, the JSON on stdout.
  const RunResult json = m.run({"search", "migrants", "--limit", "2", "--json"});
  CHECK(lines_of(json.out).size() == 2);
  CHECK_THAT(json.err, Catch::Contains("2 of 7 articles"));
  CHECK_THAT(m.run({"search", "migrants", "--limit", "3", "--offset", "5"}).err,
             Catch::Contains("2 of 7 articles"));
  // The same count in date order and with a date filter, where the page is
  // not scored.
  CHECK_THAT(m.run({"search", "migrants", "--limit", "2", "--sort", "newest"}).err,
             Catch::Contains("2 of 7 articles"));
  const std::string dated = m.run({"search", "migrants", "--from", "2016", "--count"}).out;
  CHECK_THAT(m.run({"search", "migrants", "--from", "2016", "--limit", "1"}).err,
             Catch::Contains("1 of " + dated.substr(0, dated.size() - 1) + " articles"));
  // The hits of a format without snippets are those of one with them.
  CHECK(m.run({"search", "migrants", "--all", "--format", "ids"}).out == [&] {
    std::string ids;
    for (const std::string& line : lines_of(m.run({"search", "migrants", "--all", "--json"}).out)) {
      ids += Json::parse(line)["id"].get<std::string>() + "\n";
    }
    return ids;
  }());
  // Nothing left out, nothing said.
  const RunResult all = m.run({"search", "migrants", "--all", "--format", "ids"});
  CHECK(lines_of(all.out).size() == 7);
  CHECK(all.err.empty());
  CHECK(m.run({"search", "migrants", "--limit", "7"}).err.empty());
  // --limit 0 would show nothing: refused, with what to use instead.
  const RunResult zero = m.run({"search", "migrants", "--limit", "0"});
  CHECK(zero.exit_code == 2);
  CHECK_THAT(zero.err, Catch::Contains("--count") && Catch::Contains("--all"));
  CHECK(m.run({"export", "migrants", "--limit", "0"}).exit_code == 2);
  CHECK(m.run({"search", "migrants", "--all", "--limit", "3"}).exit_code == 2);
}

TEST_CASE("search --format: oneline, ids, paths, json, kwic", "[cli][usage][search]") {
  const Migrants m;
  // A second copy of m4: its article has two paths.
  write_file(m.dir() / "in" / "copy" / "m4-bis.txt",
             " date 2017-05 Des migrants secourus en mer. Les migrants sont à bord du navire.\n");
  REQUIRE(m.run({"ingest", "-q", m.in()}).exit_code == 0);

  const RunResult ids = m.run({"search", "secourus", "--format", "ids"});
  REQUIRE(lines_of(ids.out).size() == 1);
  const std::string id = lines_of(ids.out)[0];
  CHECK(std::regex_match(id, std::regex("[0-9a-f]{16}")));

  const RunResult oneline = m.run({"search", "secourus", "--format", "oneline"});
  CHECK(oneline.out == "2017-05     " + id + "  Des migrants secourus en mer.\n");

  const RunResult paths = m.run({"search", "secourus", "--format", "paths"});
  CHECK(file_names(paths.out) == std::multiset<std::string>{"m4-bis.txt", "m4.txt"});
  for (const std::string& line : lines_of(paths.out)) CHECK(fs::path(line).is_absolute());

  CHECK(m.run({"search", "secourus", "--format", "json"}).out ==
        m.run({"search", "secourus", "--json"}).out);
  CHECK(Json::parse(m.run({"search", "secourus", "--format", "json"}).out)["id"] == id);

  // kwic: one line per occurrence, the matches in one column.
  const RunResult kwic = m.run({"search", "migrants", "--format", "kwic", "--all"});
  INFO(kwic.out);
  const Strings lines = lines_of(kwic.out);
  CHECK(lines.size() == 8);  // m4 twice, the others once
  std::set<std::size_t> columns;
  for (const std::string& line : lines) {
    const auto bracket = line.find('[');
    REQUIRE(bracket != std::string::npos);
    columns.insert(newsidx::display_width(line.substr(0, bracket)));
    CHECK(std::regex_search(line, std::regex("\\[[Mm]igrants\\]")));
  }
  CHECK(columns.size() == 1);
  CHECK(std::count_if(lines.begin(), lines.end(), [&](const std::string& l) {
          return l.find(id.substr(0, 8)) != std::string::npos;
        }) == 2);
  CHECK_THAT(kwic.out, Catch::Contains("Des [migrants] secourus en mer. Les migrants sont"));
  CHECK_THAT(kwic.out, Catch::Contains("Des migrants secourus en mer. Les [migrants] sont à bord"));
  // A phrase is one match.
  CHECK(lines_of(m.run({"search", "\"migrants secourus\"", "--format", "kwic"}).out).size() == 1);
  CHECK(m.run({"search", "--date", "2016", "--format", "kwic"}).exit_code == 2);
}

TEST_CASE("show --query marks the matches of a query in the article", "[cli][usage][show]") {
  const Migrants m;
  const std::string path = m.in() + "/m4.txt";
  const RunResult marked = m.run({"show", path, "--query", "migrants OR bord"});
  CHECK(marked.exit_code == 0);
  CHECK_THAT(marked.out,
             Catch::Contains("Des [migrants] secourus en mer. Les [migrants] sont à [bord] du"));
  const RunResult colored = m.run({"show", path, "--query", "navire", "--color", "always"});
  CHECK_THAT(colored.out, Catch::Contains("\x1b[") && Catch::Contains("navire"));
  CHECK_THAT(colored.out, !Catch::Contains("[navire]"));
  // A query that does not match shows the article, and says so.
  const RunResult none = m.run({"show", path, "--query", "zanzibar"});
  CHECK(none.exit_code == 0);
  CHECK_THAT(none.out, Catch::Contains("Des migrants secourus"));
  CHECK_THAT(none.err, Catch::Contains("the query does not match this article"));
  CHECK(m.run({"show", path, "--query", "\"migrants"}).exit_code == 2);

  // The matches of an article are bounded: the first 1,000, and a note.
  std::string many = " date 2018 Le mot";
  for (int i = 0; i < 1100; ++i) many += " zanzibar";
  write_file(m.dir() / "in" / "many.txt", many + ".\n");
  REQUIRE(m.run({"ingest", "-q", m.in()}).exit_code == 0);
  const RunResult bounded = m.run({"show", m.in() + "/many.txt", "--query", "zanzibar"});
  CHECK(bounded.err == "newsidx: note: only the first 1,000 matches are marked\n");
  std::size_t marks = 0;
  for (std::size_t at = bounded.out.find("[zanzibar]"); at != std::string::npos;
       at = bounded.out.find("[zanzibar]", at + 1)) {
    ++marks;
  }
  CHECK(marks == 1000);
  const RunResult kwic = m.run({"search", "zanzibar", "--format", "kwic"});
  // The first 1,000 include those of the title, which opens the body and is
  // not shown twice.
  CHECK(lines_of(kwic.out).size() > 900);
  CHECK(lines_of(kwic.out).size() <= 1000);
  CHECK_THAT(kwic.err, Catch::EndsWith(": only the first 1,000 matches are shown\n"));
}

TEST_CASE("French quotes make phrases, quotes must balance, a lower-case or says what it does",
          "[cli][usage][search]") {
  const Migrants m;
  // A lower-case `or` is a word, and the note says so.
  RunResult r = m.run({"search", "migrants", "or", "réfugiés", "--count"});
  CHECK(r.out == "0\n");
  CHECK(r.err == "newsidx: note: 'or' is searched as a word; OR means either\n");
  r = m.run({"search", "migrants", "OR", "réfugiés", "--count"});
  CHECK(r.out == "7\n");
  CHECK(r.err.empty());
  // « … » and “ … ” are phrases, as "…" is.
  CHECK(m.count({"« migrants secourus »"}) == 1);
  CHECK(m.count({"“secourus en mer”"}) == 1);
  CHECK(m.count({"« secourus migrants »"}) == 0);
  // A quote without its other half is an error, whichever half is missing.
  for (const char* query : {"migrants »", "« migrants", "\"migrants", "migrants”"}) {
    r = m.run({"search", query});
    INFO(query);
    CHECK(r.exit_code == 2);
    CHECK(r.err.rfind("newsidx: error: query: ", 0) == 0);
    CHECK(r.out.empty());
  }
}

TEST_CASE("mistyped commands and options get a suggestion, help, usage lines", "[cli][usage]") {
  const Migrants m;
  const RunResult command = m.run({"serch", "migrants"});
  CHECK(command.exit_code == 2);
  CHECK_THAT(command.err,
             Catch::StartsWith("newsidx: error: unknown command 'serch'; did you mean 'search'?"));
  const RunResult option = m.run({"search", "migrants", "--limt", "5"});
  CHECK(option.exit_code == 2);
  CHECK_THAT(option.err,
             Catch::StartsWith("newsidx: error: unknown option --limt; did you mean --limit?\n"
                               "Run 'newsidx help search' for its options.\n"));
  CHECK_THAT(run_newsidx({"--colr", "never", "stats"}).err,
             Catch::Contains("did you mean --color?"));
  // Nothing near: no guess.
  CHECK_THAT(m.run({"zzzzzz"}).err, !Catch::Contains("did you mean"));

  const RunResult help = run_newsidx({"help", "search"});
  CHECK(help.exit_code == 0);
  CHECK(help.out == run_newsidx({"search", "--help"}).out);
  CHECK_THAT(help.out, Catch::Contains("Usage: newsidx search [OPTIONS] [QUERY...]"));
  CHECK(run_newsidx({"help"}).out == run_newsidx({"--help"}).out);
  CHECK(run_newsidx({"help", "serch"}).exit_code == 2);
  for (const auto& [command_name, usage] :
       std::vector<std::pair<std::string, std::string>>{{"export", "[QUERY...]"},
                                                        {"stats", "[QUERY...]"},
                                                        {"ingest", "PATH..."},
                                                        {"show", "ID|PREFIX|PATH"},
                                                        {"forget", "ID|PATH..."}}) {
    CHECK_THAT(run_newsidx({"help", command_name}).out,
               Catch::Contains("Usage: newsidx " + command_name + " [OPTIONS] " + usage + "\n"));
  }

  // Bare newsidx: the usage on stderr, exit 2.
  const RunResult bare = run_newsidx({});
  CHECK(bare.exit_code == 2);
  CHECK(bare.out.empty());
  CHECK_THAT(bare.err, Catch::Contains("Usage: newsidx [OPTIONS] COMMAND"));
  CHECK_THAT(bare.err, Catch::Contains("search"));
  const RunResult options_only = run_newsidx({"--db", m.db()});
  CHECK(options_only.exit_code == 2);
  CHECK_THAT(options_only.err, Catch::StartsWith("newsidx: error: no command given\n") &&
                                   Catch::Contains("Usage: newsidx"));
  CHECK_THAT(m.run({"show", "a", "b"}).err, Catch::Contains("show takes one argument, not 2"));

  // Global options after the command.
  const RunResult version = run_newsidx({"stats", "--version"});
  CHECK(version.exit_code == 0);
  CHECK_THAT(version.out, Catch::StartsWith("newsidx "));
  CHECK(run_newsidx({"search", "migrants", "--count", "--db", m.db(), "--color", "never"}).out ==
        "7\n");
}

TEST_CASE("any calendar date is a filter, a day that does not exist says so",
          "[cli][usage][dates]") {
  const Migrants m;
  const RunResult future = m.run({"search", "--from", "2030"});
  CHECK(future.exit_code == 1);
  CHECK(future.err.empty());
  CHECK(m.run({"search", "migrants", "--to", "1700", "--count"}).out == "0\n");
  CHECK(m.run({"stats", "--from", "2030", "--json"}).exit_code == 1);
  const RunResult day = m.run({"search", "--from", "2019-02-30"});
  CHECK(day.exit_code == 2);
  CHECK(day.err == "newsidx: error: --from: 2019-02-30: February 2019 has 28 days\n");
  CHECK_THAT(m.run({"search", "--date", "2019-13"}).err,
             Catch::Contains("--date: 2019-13: there is no month 13"));
  CHECK_THAT(
      m.run({"search", "--date", "2019-1"}).err,
      Catch::Contains("--date: invalid date '2019-1' (expected YYYY, YYYY-MM or YYYY-MM-DD)"));
}

TEST_CASE("on a terminal, text fits its width and long output goes through a pager",
          "[cli][usage][terminal]") {
  const Migrants m;
  const std::map<std::string, std::optional<std::string>> no_pager = {{"NEWSIDX_PAGER", "cat"},
                                                                      {"PAGER", std::nullopt}};
  // 40 columns: every line but the paths fits.
  const RunResult narrow =
      m.on_terminal({"search", "migrants", "--color", "never"}, 40, 100, no_pager);
  INFO(narrow.out);
  REQUIRE(narrow.exit_code == 0);
  int lines = 0;
  for (const std::string& line : lines_of(narrow.out)) {
    if (line.find(m.in()) != std::string::npos) continue;  // paths are never cut
    CHECK(newsidx::display_width(line) <= 40);
    ++lines;
  }
  CHECK(lines == 14);
  CHECK_THAT(narrow.out, Catch::Contains("…"));
  // Not a terminal: nothing is cut.
  CHECK_THAT(
      m.run({"search", "bord"}).out,
      Catch::Contains("Des migrants secourus en mer. Les migrants sont à [bord] du navire."));

  const std::map<std::string, std::optional<std::string>> marked = {
      {"NEWSIDX_PAGER", "sed 's/^/PAGED:/'"}, {"PAGER", "sed 's/^/PAGER:/'"}};
  // Longer than the screen: paged.
  const RunResult paged = m.on_terminal({"search", "migrants"}, 80, 10, marked);
  CHECK(paged.exit_code == 0);
  CHECK_THAT(paged.out, Catch::StartsWith("PAGED:"));
  // Shorter than the screen: not paged.
  CHECK_THAT(m.on_terminal({"search", "migrants"}, 80, 60, marked).out, !Catch::Contains("PAGED:"));
  // $PAGER when $NEWSIDX_PAGER is not set; --no-pager; never without a terminal.
  CHECK_THAT(m.on_terminal({"stats", "migrants", "--by", "month"}, 80, 10,
                           {{"PAGER", "sed 's/^/PAGER:/'"}, {"NEWSIDX_PAGER", std::nullopt}})
                 .out,
             Catch::StartsWith("PAGER:"));
  CHECK_THAT(m.on_terminal({"search", "migrants", "--no-pager"}, 80, 10, marked).out,
             !Catch::Contains("PAGED:"));
  CHECK_THAT(m.run({"search", "migrants"}, marked).out, !Catch::Contains("PAGED:"));
  // show goes through it too.
  CHECK_THAT(m.on_terminal({"show", m.in() + "/m4.txt"}, 80, 4, marked).out,
             Catch::StartsWith("PAGED:"));

  // Neither variable: `less -FRX`, found in PATH.
  const TempDir bin;
  write_file(bin.path() / "less", "#!/bin/sh\necho \"less $* LESS=$LESS\"\ncat\n");
  fs::permissions(bin.path() / "less", fs::perms::owner_all);
  const RunResult less = m.on_terminal({"search", "migrants"}, 80, 10,
                                       {{"NEWSIDX_PAGER", std::nullopt},
                                        {"PAGER", std::nullopt},
                                        {"LESS", std::nullopt},
                                        {"PATH", bin.path().string() + ":/usr/bin:/bin"}});
  CHECK_THAT(less.out, Catch::StartsWith("less -FRX LESS=FRX\n"));
  // A pager that cannot be run: the output is written as it is.
  const RunResult missing =
      m.on_terminal({"search", "migrants"}, 80, 10, {{"NEWSIDX_PAGER", "no-such-pager-here"}});
  CHECK_THAT(missing.out, Catch::Contains("migrants"));
}

TEST_CASE("forget removes articles and paths, an article stays while a path holds it",
          "[cli][usage][forget]") {
  const Migrants m;
  write_file(m.dir() / "in" / "copy" / "m4-bis.txt",
             " date 2017-05 Des migrants secourus en mer. Les migrants sont à bord du navire.\n");
  REQUIRE(m.run({"ingest", "-q", m.in()}).exit_code == 0);
  const std::string copy = m.in() + "/copy/m4-bis.txt";

  // One path of two: the article stays.
  const RunResult one = m.run({"forget", "--json", copy});
  INFO(one.err);
  REQUIRE(one.exit_code == 0);
  const Json summary = Json::parse(one.out);
  CHECK(summary["paths"] == Json::parse("[{\"path\":\"" + copy + "\"}]"));
  CHECK(summary["articles"] == Json::array());
  CHECK(one.err == "1 path forgotten, 0 articles removed\n");
  CHECK(file_names(m.run({"search", "secourus", "--format", "paths"}).out) ==
        std::multiset<std::string>{"m4.txt"});

  // An article by id prefix, with its paths: gone from the database and the index.
  const std::string id = lines_of(m.run({"search", "hongrie", "--format", "ids"}).out).at(0);
  const RunResult by_id = m.run({"forget", id.substr(0, 6)});
  CHECK(by_id.exit_code == 0);
  CHECK(by_id.err == "1 path forgotten, 1 article removed\n");
  CHECK(m.count({"hongrie"}) == 0);
  CHECK(m.count({"migrants"}) == 6);
  CHECK(m.run({"show", id}).exit_code == 1);

  // Something unknown: nothing is forgotten, exit 1.
  const RunResult unknown = m.run({"forget", m.in() + "/m1.txt", "no-such-file.txt"});
  CHECK(unknown.exit_code == 1);
  CHECK_THAT(unknown.err, Catch::Contains("no article with id or path 'no-such-file.txt'"));
  CHECK(m.count({"calais"}) == 1);
  CHECK(m.run({"forget"}).exit_code == 2);

  // A later ingest of the folder reads the files again.
  const Json again = Json::parse(m.run({"ingest", "--json", "-q", m.in()}).out);
  CHECK(again["added"] == 1);
  CHECK(again["duplicates"] == 1);
  CHECK(m.count({"hongrie"}) == 1);
}
