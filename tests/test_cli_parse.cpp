// End-to-end: `newsidx parse`, global options, exit codes.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "support.hpp"

using newsidx::test::lines_of;
using newsidx::test::run_newsidx;
using newsidx::test::TempDir;
using newsidx::test::write_file;
using Json = nlohmann::json;

TEST_CASE("parse --json prints the article model", "[cli][parse]") {
  TempDir dir;
  const std::string path = dir / "2016/12/alep.txt";
  write_file(path,
             " date 2016-12 L’armée a annoncé la reprise d’Alep. Le dernier convoi est parti.\n\n"
             "La victoire du régime\n\nLa reprise constitue une victoire.\n");
  const auto r = run_newsidx({"parse", "--json", path});
  CHECK(r.exit_code == 0);
  CHECK(r.err.empty());
  const auto lines = lines_of(r.out);
  REQUIRE(lines.size() == 1);
  const Json j = Json::parse(lines[0]);
  CHECK(j["id"].get<std::string>().size() == 16);
  CHECK(j["date"] == "2016-12");
  CHECK(j["date_precision"] == "month");
  CHECK(j["date_start"] == "2016-12-01");
  CHECK(j["date_end"] == "2016-12-31");
  CHECK(j["title"] == "L’armée a annoncé la reprise d’Alep.");
  CHECK(j["title_source"] == "derived");
  CHECK(j["lead"] == "L’armée a annoncé la reprise d’Alep. Le dernier convoi est parti.");
  REQUIRE(j["blocks"].size() == 3);
  CHECK(j["blocks"][1]["type"] == "heading");
  CHECK(j["blocks"][1]["text"] == "La victoire du régime");
  CHECK(j["metadata"]["author"].is_null());
  CHECK(j["sources"][0]["path"] == path);
  CHECK(j["sources"][0]["encoding"] == "UTF-8");
  CHECK(j["warnings"].empty());
  CHECK(j["word_count"].get<int>() > 10);
}

TEST_CASE("parse reports rejections and warnings on stderr", "[cli][parse]") {
  TempDir dir;
  const std::string empty = dir / "empty.txt";
  const std::string undated = dir / "notes/undated.txt";
  write_file(empty, "");
  write_file(undated, "Un texte sans date.\n");
  const auto r = run_newsidx({"parse", "--json", empty, undated});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("newsidx: rejected: " + empty + ": no article text\n") != std::string::npos);
  CHECK(r.err.find("newsidx: warning: " + undated + ":1: ") != std::string::npos);
  const auto lines = lines_of(r.out);
  REQUIRE(lines.size() == 2);
  CHECK(Json::parse(lines[0])["rejected"] == "no article text");
  CHECK(Json::parse(lines[1])["date"].is_null());
}

TEST_CASE("parse without --json prints readable text", "[cli][parse]") {
  TempDir dir;
  const std::string path = dir / "a.txt";
  write_file(path, "date: 2019-05-12\ntitre: Grève à la SNCF\n\nLes trains sont à l'arrêt.\n");
  const auto r = run_newsidx({"parse", path});
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("Grève à la SNCF") == 0);
  CHECK(r.out.find("2019-05-12") != std::string::npos);
  CHECK(r.out.find("Les trains sont à l'arrêt.") != std::string::npos);
  CHECK(r.out.find("\x1b[") == std::string::npos);  // no colour when not a terminal
  const auto colored = run_newsidx({"--color", "always", "parse", path});
  CHECK(colored.out.find("\x1b[") != std::string::npos);
  const auto after = run_newsidx({"parse", path, "--color=always"});
  CHECK(after.out == colored.out);
}

TEST_CASE("usage errors exit 2 with a message, help and version exit 0", "[cli]") {
  // Bare `newsidx`: the usage, on stderr.
  const auto none = run_newsidx({});
  CHECK(none.exit_code == 2);
  CHECK(none.out.empty());
  CHECK(none.err.find("Usage: newsidx [OPTIONS] COMMAND") != std::string::npos);
  const auto bad = run_newsidx({"search", "--limit", "abc", "x"});
  CHECK(bad.exit_code == 2);
  CHECK(bad.out.empty());
  const auto unknown = run_newsidx({"frobnicate"});
  CHECK(unknown.exit_code == 2);
  const auto missing = run_newsidx({"parse", "/nonexistent/file.txt"});
  CHECK(missing.exit_code == 2);
  CHECK(missing.err == "newsidx: error: /nonexistent/file.txt: No such file or directory\n");
  const auto help = run_newsidx({"--help"});
  CHECK(help.exit_code == 0);
  CHECK(help.out.find("ingest") != std::string::npos);
  const auto cmd_help = run_newsidx({"search", "--help"});
  CHECK(cmd_help.exit_code == 0);
  CHECK(cmd_help.out.find("Examples:") != std::string::npos);
  const auto version = run_newsidx({"--version"});
  CHECK(version.exit_code == 0);
  CHECK(version.out.find("newsidx ") == 0);
  const auto color = run_newsidx({"--color", "sometimes", "stats"});
  CHECK(color.exit_code == 2);
}

TEST_CASE("every sample article in data/ parses without rejection", "[cli][parse][data]") {
  std::vector<std::string> args = {"parse", "--json"};
  for (const auto& e :
       std::filesystem::recursive_directory_iterator(newsidx::test::sample_data())) {
    if (e.is_regular_file() && e.path().extension() == ".txt") args.push_back(e.path().string());
  }
  REQUIRE(args.size() >= 22);
  const auto r = run_newsidx(args);
  CHECK(r.exit_code == 0);
  CHECK(r.err.find("rejected") == std::string::npos);
  CHECK(lines_of(r.out).size() == args.size() - 2);
}

TEST_CASE("analyze shows the tokens of a text", "[cli][analyze]") {
  const auto r = run_newsidx({"analyze", "--json", "L’armée", "d’Alep-Est"});
  CHECK(r.exit_code == 0);
  const auto lines = lines_of(r.out);
  REQUIRE(lines.size() == 3);
  const Json first = Json::parse(lines[0]);
  CHECK(first["surface"] == "armée");
  CHECK(first["folded"] == "armee");
  CHECK(first["stem"] == "arme");
  CHECK(first["start"] == 4);  // bytes: after "L’"
  CHECK(Json::parse(lines[2])["folded"] == "est");
  const auto text = run_newsidx({"analyze", "bombardements"});
  CHECK(text.out.find("bombard") != std::string::npos);
  CHECK(text.out.find("=bombardements") != std::string::npos);
  CHECK(run_newsidx({"analyze", "!!!"}).exit_code == 1);
}
