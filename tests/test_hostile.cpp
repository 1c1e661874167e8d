// End-to-end: hostile input through the built binary — files that are not
// clean articles (SPEC §1.4), odd file names and trees, and hostile queries.
// Each must give a clear outcome (stored, rejected with a reason, or a clean
// error), never a crash, and leave the database sound and unchanged by
// searches.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <ctime>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "newsidx/error.hpp"
#include "newsidx/search.hpp"
#include "newsidx/search_request.hpp"
#include "newsidx/store.hpp"
#include "support.hpp"

using newsidx::test::lines_of;
using newsidx::test::read_file;
using newsidx::test::repeat;
using newsidx::test::run_newsidx;
using newsidx::test::run_program;
using newsidx::test::RunResult;
using newsidx::test::TempDir;
using newsidx::test::utf16_with_bom;
using newsidx::test::write_file;
using Json = nlohmann::json;
namespace fs = std::filesystem;

namespace {

/// Words w0, w1… joined by `separator`, up to about `bytes` bytes.
std::string distinct_words(std::string_view separator, std::size_t bytes) {
  std::string out = "w0";
  for (int i = 1; out.size() < bytes; ++i) {
    out += separator;
    out += "w" + std::to_string(i);
  }
  return out;
}

/// Runs `newsidx --db DB ingest --json ARGS…`; returns the summary and keeps
/// the whole result in `result`.
Json ingest_json(const std::string& db, const std::vector<std::string>& args, RunResult& result) {
  std::vector<std::string> argv = {"--db", db, "ingest", "--json"};
  argv.insert(argv.end(), args.begin(), args.end());
  result = run_newsidx(argv);
  const auto lines = lines_of(result.out);
  INFO(result.err);
  REQUIRE(lines.size() == 1);
  return Json::parse(lines[0]);
}

/// `show --json PATH`: the stored article of a file.
Json shown(const std::string& db, const std::string& path) {
  const auto r = run_newsidx({"--db", db, "show", "--json", path});
  INFO(path << ": " << r.err);
  REQUIRE(r.exit_code == 0);
  return Json::parse(r.out);
}

bool has_line(const std::string& text, const std::string& line) {
  return ("\n" + text).find("\n" + line + "\n") != std::string::npos;
}

/// The bytes of base64 `text` (RFC 4648 §4); fails the test on a bad character.
std::string from_base64(std::string_view text) {
  constexpr std::string_view kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  unsigned bits = 0;
  int count = 0;
  for (const char c : text) {
    if (c == '=') break;
    const std::size_t value = kAlphabet.find(c);
    REQUIRE(value != std::string_view::npos);
    bits = (bits << 6) | static_cast<unsigned>(value);
    count += 6;
    if (count >= 8) {
      count -= 8;
      out += static_cast<char>((bits >> count) & 0xFF);
    }
  }
  return out;
}

/// The control bytes of `text` other than line feeds, each as `\` and its
/// decimal value; empty when there is none.
std::string control_bytes(std::string_view text) {
  std::string found;
  for (const char c : text) {
    const auto b = static_cast<unsigned char>(c);
    if ((b < 0x20 && c != '\n') || b == 0x7F) found += "\\" + std::to_string(b);
  }
  return found;
}

/// The current year, for "after next year".
int this_year() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  return tm.tm_year + 1900;
}

}  // namespace

TEST_CASE("SPEC §1.4 row by row through ingest", "[hostile][ingest]") {
  using namespace std::string_literals;
  TempDir dir;
  const fs::path in = dir.path() / "in";
  const std::string db = dir / "n.db";
  const std::string next_year_plus_one = std::to_string(this_year() + 2);
  // No article text.
  write_file(in / "spaces.txt", " \t \r\n\n  \n\t\r\n");
  write_file(in / "invisible.txt",
             "\xC2\xAD\xE2\x80\x8B \xC2\xA0\n\xEF\xBB\xBF\n");  // SHY ZWSP NBSP
  write_file(in / "date-only.txt", " date 2016-12\n\n\n");
  write_file(in / "header-only.txt", "titre: Un titre\nauteur: Quelqu'un\ndate: 2016-12-15\n");
  // Not text.
  write_file(in / "nul.txt", std::string(" date 2016-12 Un texte avec un\0octet nul.\n"s));
  std::string binary;
  for (int i = 0; i < 4096; ++i) binary += static_cast<char>((i * 7919) % 251 + 1);
  write_file(in / "binary.txt", binary);
  write_file(in / "pdf.txt", "%PDF-1.4\n% un faux PDF\n");
  // Larger than the default --max-size (sparse: no disk used).
  {
    write_file(in / "huge.txt", " date 2016-12 Un texte.\n");
    fs::resize_file(in / "huge.txt", 17ull << 20);
  }
  // Dates.
  write_file(in / "2016-12-15_sans-date.txt", "Un texte daté par le nom de son fichier.\n");
  write_file(in / "feb30.txt",
             "titre: Un titre\nauteur: Quelqu'un\ndate: 2016-02-30\n\nUn texte.\n");
  write_file(in / "old.txt", " date 1799 Un texte trop ancien.\n");
  write_file(in / "future.txt", " date " + next_year_plus_one + "-01 Un texte du futur.\n");
  // Encodings.
  write_file(in / "cp1252.txt", " date 2016-12 L\x92\x9Cuvre de l\x92\xC9lys\xE9\x65\x85\n");
  write_file(in / "utf16le.txt", utf16_with_bom(u" date 2016-12 L’été à Noël.\r\n", true));
  write_file(in / "utf16be.txt", utf16_with_bom(u" date 2016-12 L’hiver à Noël.\r\n", false));

  RunResult r;
  const Json s = ingest_json(db, {in.string()}, r);
  CHECK(r.exit_code == 1);
  const auto rejected = [&](const std::string& name, const std::string& reason) {
    INFO(r.err);
    CHECK(has_line(r.err, "newsidx: rejected: " + (in / name).string() + ": " + reason));
  };
  rejected("spaces.txt", "no article text");
  rejected("invisible.txt", "no article text");
  rejected("date-only.txt", "no article text");
  rejected("header-only.txt", "no article text");
  rejected("nul.txt", "not a text file");
  rejected("binary.txt", "not a text file");
  rejected("pdf.txt", "not a text file");
  rejected("huge.txt", "file too large (17 MiB > 16 MiB)");
  CHECK(s["rejected"] == 8);
  CHECK(s["added"] == 7);
  CHECK(s["files"] == 15);

  // The date from the file name, with a warning on line 1.
  const std::string by_name = (in / "2016-12-15_sans-date.txt").string();
  CHECK(r.err.find("newsidx: warning: " + by_name + ":1: ") != std::string::npos);
  CHECK(shown(db, by_name)["date"] == "2016-12-15");
  // Impossible dates: undated, the warning names file, line and why.
  const std::string feb30 = (in / "feb30.txt").string();
  CHECK(r.err.find("newsidx: warning: " + feb30 + ":3: impossible date \"2016-02-30\"") !=
        std::string::npos);
  CHECK(shown(db, feb30)["date"].is_null());
  CHECK(shown(db, feb30)["title"] == "Un titre");
  CHECK(r.err.find("newsidx: warning: " + (in / "old.txt").string() + ":1: impossible date") !=
        std::string::npos);
  CHECK(shown(db, (in / "old.txt").string())["date"].is_null());
  CHECK(r.err.find("newsidx: warning: " + (in / "future.txt").string() + ":1: impossible date") !=
        std::string::npos);
  CHECK(shown(db, (in / "future.txt").string())["date"].is_null());
  // Converted, with the encoding recorded.
  const Json cp = shown(db, (in / "cp1252.txt").string());
  CHECK(cp["lead"] == "L’œuvre de l’Élysée…");
  CHECK(cp["sources"][0]["encoding"] == "windows-1252");
  const Json le = shown(db, (in / "utf16le.txt").string());
  CHECK(le["lead"] == "L’été à Noël.");
  CHECK(le["sources"][0]["encoding"] == "UTF-16LE");
  const Json be = shown(db, (in / "utf16be.txt").string());
  CHECK(be["lead"] == "L’hiver à Noël.");
  CHECK(be["sources"][0]["encoding"] == "UTF-16BE");
  // And searchable the French way.
  const auto found = run_newsidx({"--db", db, "search", "--count", "oeuvre elysee"});
  CHECK(found.out == "1\n");
}

TEST_CASE("invalid UTF-8 in the middle of a word", "[hostile][ingest]") {
  TempDir dir;
  const fs::path in = dir.path() / "in";
  const std::string db = dir / "n.db";
  // Otherwise UTF-8: the file is read as UTF-8, the bad byte as U+FFFD.
  write_file(in / "broken.txt",
             " date 2016-12 La mani\xFF"
             "festation de l’été à Lyon.\n");
  // With a BOM the file is UTF-8: the bad byte becomes U+FFFD and cuts the word.
  write_file(in / "bom.txt",
             "\xEF\xBB\xBF date 2016-12 Une grande mani\xFF"
             "festation à Nantes.\n");
  // A truncated sequence at the very end.
  write_file(in / "truncated.txt", " date 2016-12 Une grève à Brest \xC3");
  RunResult r;
  const Json s = ingest_json(db, {in.string()}, r);
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(s["added"] == 3);
  CHECK(s["warnings"] == 3);
  const Json broken = shown(db, (in / "broken.txt").string());
  CHECK(broken["sources"][0]["encoding"] == "UTF-8");
  CHECK(broken["lead"] ==
        "La mani\xEF\xBF\xBD"
        "festation de l’été à Lyon.");
  CHECK(broken["warnings"] ==
        Json::parse(R"([{"line":1,"message":"invalid UTF-8 byte FF replaced by U+FFFD"}])"));
  CHECK(has_line(r.err, "newsidx: warning: " + (in / "broken.txt").string() +
                            ":1: invalid UTF-8 byte FF replaced by U+FFFD"));
  CHECK(has_line(r.err, "newsidx: warning: " + (in / "bom.txt").string() +
                            ":1: invalid UTF-8 byte FF replaced by U+FFFD"));
  CHECK(has_line(r.err, "newsidx: warning: " + (in / "truncated.txt").string() +
                            ":1: invalid UTF-8 byte C3 replaced by U+FFFD"));
  const Json bom = shown(db, (in / "bom.txt").string());
  CHECK(bom["lead"] ==
        "Une grande mani\xEF\xBF\xBD"
        "festation à Nantes.");
  CHECK(bom["sources"][0]["encoding"] == "UTF-8");
  CHECK(run_newsidx({"--db", db, "search", "--count", "lyon"}).out == "1\n");
  CHECK(run_newsidx({"--db", db, "search", "--count", "été"}).out == "1\n");
  CHECK(run_newsidx({"--db", db, "search", "--count", "festation nantes"}).out == "1\n");
  CHECK(run_newsidx({"--db", db, "search", "--count", "brest"}).out == "1\n");
  // Every article exports as valid JSON.
  const auto exported = run_newsidx({"--db", db, "export"});
  CHECK(exported.exit_code == 0);
  for (const std::string& line : lines_of(exported.out)) CHECK_NOTHROW(Json::parse(line));
}

TEST_CASE("one bad byte in a long UTF-8 file: still found by its accented words, with a warning",
          "[hostile][ingest]") {
  TempDir dir;
  const fs::path file = dir.path() / "in/president.txt";
  const std::string db = dir / "n.db";
  std::string text = " date 2016-12 Le président de la République a reçu les élus.\n\n";
  for (int i = 0; i < 60; ++i) {
    text += "Paragraphe " + std::to_string(i) +
            " : la délégation a évoqué la sécurité, l’économie et l’été prochain.\n\n";
  }
  text +=
      "Le pr\xE9"
      "fet a r\xC3\xA9pondu.\n";  // an é of Latin-1 on line 123
  write_file(file, text);

  RunResult r;
  const Json s = ingest_json(db, {file.string()}, r);
  CHECK(r.exit_code == 0);
  CHECK(s["added"] == 1);
  CHECK(s["warnings"] == 1);
  CHECK(has_line(r.err, "newsidx: warning: " + file.string() +
                            ":123: invalid UTF-8 byte E9 replaced by U+FFFD"));
  CHECK(run_newsidx({"--db", db, "search", "--count", "président"}).out == "1\n");
  CHECK(run_newsidx({"--db", db, "search", "--count", "république élus"}).out == "1\n");
  const Json a = shown(db, file.string());
  CHECK(a["sources"][0]["encoding"] == "UTF-8");
  CHECK(a["title"] == "Le président de la République a reçu les élus.");
}

TEST_CASE("a 10 MB file on a single line", "[hostile][ingest][slow]") {
  TempDir dir;
  const std::string db = dir / "n.db";
  const fs::path file = dir.path() / "in/long.txt";
  const std::string words = "la grève des transports continue et le trafic reste perturbé ";
  std::string text = " date 2016-12 ";
  text.reserve(10u << 20);
  while (text.size() < (10u << 20)) text += words;
  text += "Zanzibar.";  // one word only at the very end
  write_file(file, text);

  RunResult r;
  const Json s = ingest_json(db, {"--max-size", "16M", file.string()}, r);
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(s["added"] == 1);
  CHECK(run_newsidx({"--db", db, "search", "--count", "zanzibar"}).out == "1\n");
  const auto hit = run_newsidx({"--db", db, "search", "--json", "zanzibar"});
  REQUIRE(hit.exit_code == 0);
  const Json h = Json::parse(hit.out);
  CHECK(h["snippet"].get<std::string>().find("Zanzibar") != std::string::npos);
  CHECK(h["title"].get<std::string>().size() < 400);  // a title, not the whole text
  const Json a = shown(db, file.string());
  CHECK(a["lead"].get<std::string>().size() == text.size() - 14);
  CHECK(a["word_count"].get<std::size_t>() > 1'500'000);

  // Too large for a smaller limit: rejected, nothing stored.
  const Json small = ingest_json(dir / "other.db", {"--max-size", "8M", file.string()}, r);
  CHECK(r.exit_code == 1);
  CHECK(small["rejected"] == 1);
  CHECK(r.err.find(": file too large (11 MiB > 8 MiB)") != std::string::npos);
}

TEST_CASE("a folder tree 300 levels deep", "[hostile][ingest]") {
  TempDir dir;
  const std::string db = dir / "n.db";
  fs::path deep = dir.path() / "in";
  for (int i = 0; i < 300; ++i) deep /= "d";
  write_file(deep / "fond.txt", " date 2016-12 Un article tout au fond.\n");
  write_file(dir.path() / "in/haut.txt", " date 2016-12 Un article en haut.\n");
  RunResult r;
  Json s = ingest_json(db, {dir / "in"}, r);
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(s["added"] == 2);
  CHECK(shown(db, (deep / "fond.txt").string())["lead"] == "Un article tout au fond.");
}

TEST_CASE("a folder deeper than PATH_MAX is reported, not skipped", "[hostile][ingest]") {
  // The walk cannot stat() the entry whose path is too long: it must say so.
  TempDir dir;
  const std::string db = dir / "n.db";
  const fs::path deeper_root = dir.path() / "deeper";
  // TempDir cannot remove what is deeper than PATH_MAX; rm walks with *at().
  struct Remover {
    fs::path root;
    ~Remover() { (void)run_program({"rm", "-rf", root.string()}); }
  } remover{deeper_root};
  // Built with *at() calls, relative to each level.
  fs::create_directories(deeper_root);
  write_file(deeper_root / "ok.txt", " date 2016-12 Un article accessible.\n");
  int fd = ::open(deeper_root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  REQUIRE(fd >= 0);
  for (int i = 0; i < 2100; ++i) {  // 4200 bytes of "d/" > PATH_MAX
    REQUIRE(::mkdirat(fd, "d", 0755) == 0);
    const int next = ::openat(fd, "d", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    ::close(fd);
    REQUIRE(next >= 0);
    fd = next;
  }
  const int file = ::openat(fd, "perdu.txt", O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
  REQUIRE(file >= 0);
  const std::string body = " date 2016-12 Un article hors d'atteinte.\n";
  REQUIRE(::write(file, body.data(), body.size()) == static_cast<ssize_t>(body.size()));
  ::close(file);
  ::close(fd);
  RunResult r;
  const Json s = ingest_json(db, {deeper_root.string()}, r);
  INFO(r.err);
  CHECK(r.exit_code == 1);
  CHECK(s["added"] == 1);
  CHECK(s["rejected"] == 1);
  CHECK(r.err.find("File name too long") != std::string::npos);
}

TEST_CASE("file names with a line break and invalid UTF-8", "[hostile][ingest][json]") {
  TempDir dir;
  const fs::path in = dir.path() / "in";
  const std::string db = dir / "n.db";
  const fs::path newline = in / "deux\nlignes.txt";
  const fs::path latin1 = in / "caf\xE9.txt";
  const fs::path both = in / "vide\n\xFF.txt";
  write_file(newline, " date 2016-12 Un article au nom sur deux lignes.\n");
  write_file(latin1, " date 2016-12 Un article au nom en Latin-1.\n");
  write_file(both, "");  // rejected

  RunResult r;
  const Json s = ingest_json(db, {in.string()}, r);  // stdout: one valid JSON line
  CHECK(r.exit_code == 1);
  CHECK(s["added"] == 2);
  CHECK(s["rejected"] == 1);
  // The rejection is one line that names the file, its line break escaped.
  CHECK(has_line(r.err,
                 "newsidx: rejected: \"" + in.string() + "/vide\\n\xFF.txt\": no article text"));
  CHECK(lines_of(r.err).size() == 2);  // the rejection and the summary

  // Every JSON output stays valid JSON, the names readable.
  for (const std::vector<std::string>& command :
       std::vector<std::vector<std::string>>{{"search", "--json", "article"},
                                             {"export"},
                                             {"show", "--json", newline.string()},
                                             {"show", "--json", latin1.string()}}) {
    std::vector<std::string> argv = {"--db", db};
    argv.insert(argv.end(), command.begin(), command.end());
    const auto out = run_newsidx(argv);
    INFO(command[0] << ": " << out.err);
    CHECK(out.exit_code == 0);
    CHECK_FALSE(out.out.empty());
    for (const std::string& line : lines_of(out.out)) {
      INFO(line);
      CHECK_NOTHROW(Json::parse(line));
    }
  }
  const Json a = shown(db, newline.string());
  CHECK(a["sources"][0]["path"] == newline.string());
  const Json b = shown(db, latin1.string());
  CHECK(b["sources"][0]["path"] == in.string() + "/caf\xEF\xBF\xBD.txt");  // U+FFFD
  const auto parsed = run_newsidx({"parse", "--json", both.string(), latin1.string()});
  CHECK(parsed.exit_code == 1);
  const auto lines = lines_of(parsed.out);
  REQUIRE(lines.size() == 2);
  CHECK(Json::parse(lines[0])["path"] == in.string() + "/vide\n\xEF\xBF\xBD.txt");
  CHECK(has_line(parsed.err,
                 "newsidx: rejected: \"" + in.string() + "/vide\\n\xFF.txt\": no article text"));
}

TEST_CASE("file names with control characters: escaped in text, reversible in JSON",
          "[hostile][search][json]") {
  TempDir dir;
  const fs::path in = dir.path() / "in";
  const std::string db = dir / "n.db";
  const std::string esc_name = "\x1B[31mred\x1B[0mx.txt";
  const fs::path esc = in / esc_name;
  const fs::path newline = in / "deux\nlignes.txt";
  const fs::path latin1 = in / "gr\xE8ve.txt";
  const std::map<fs::path, std::string> texts = {
      {esc, " date 2016-12 Une grève rouge à Lyon.\n"},
      {newline, " date 2016-12 Une grève sur deux lignes à Brest.\n"},
      {latin1, " date 2016-12 Une grève au nom en Latin-1 à Nantes.\n"}};
  for (const auto& [path, text] : texts) write_file(path, text);
  write_file(in / "vide\x1B\xFF.txt", "");  // rejected by parse
  RunResult r;
  const Json s = ingest_json(db, {in.string()}, r);
  REQUIRE(s["added"] == 3);

  // Text output: no control byte but line feeds, the names escaped.
  const auto hits = run_newsidx({"--db", db, "--color", "never", "search", "grève"});
  REQUIRE(hits.exit_code == 0);
  CHECK(control_bytes(hits.out).empty());
  CHECK(has_line(hits.out, "  \"" + in.string() + "/\\033[31mred\\033[0mx.txt\""));
  CHECK(has_line(hits.out, "  \"" + in.string() + "/deux\\nlignes.txt\""));
  CHECK(has_line(hits.out, "  " + latin1.string()));
  for (const auto& [path, text] : texts) {
    const auto shown_text = run_newsidx({"--db", db, "show", path.string()});
    INFO(shown_text.err);
    REQUIRE(shown_text.exit_code == 0);
    CHECK(control_bytes(shown_text.out).empty());
  }

  // JSON: "path_bytes" only when the name is not UTF-8; it opens the file.
  const auto json_hits = run_newsidx({"--db", db, "search", "--json", "grève"});
  REQUIRE(lines_of(json_hits.out).size() == 3);
  for (const std::string& line : lines_of(json_hits.out)) {
    const Json hit = Json::parse(line);
    INFO(line);
    const std::string path = hit.contains("path_bytes")
                                 ? from_base64(hit["path_bytes"].get<std::string>())
                                 : hit["path"].get<std::string>();
    CHECK(hit.contains("path_bytes") == (path == latin1.string()));
    REQUIRE(texts.count(path) == 1);
    CHECK(read_file(path) == texts.at(path));
  }
  const Json article = shown(db, latin1.string());
  CHECK(article["sources"][0]["path"] == in.string() + "/gr\xEF\xBF\xBDve.txt");
  CHECK(from_base64(article["sources"][0]["path_bytes"].get<std::string>()) == latin1.string());
  CHECK_FALSE(shown(db, esc.string())["sources"][0].contains("path_bytes"));
  const auto exported = run_newsidx({"--db", db, "export"});
  int with_bytes = 0;
  for (const std::string& line : lines_of(exported.out)) {
    const Json source = Json::parse(line)["sources"][0];
    if (!source.contains("path_bytes")) continue;
    ++with_bytes;
    CHECK(read_file(from_base64(source["path_bytes"].get<std::string>())) == texts.at(latin1));
  }
  CHECK(with_bytes == 1);
  const auto parsed = run_newsidx({"parse", "--json", in / "vide\x1B\xFF.txt"});
  CHECK(parsed.exit_code == 1);
  const Json rejected = Json::parse(parsed.out);
  CHECK(rejected["rejected"] == "no article text");
  CHECK(from_base64(rejected["path_bytes"].get<std::string>()) == in / "vide\x1B\xFF.txt");
  CHECK(control_bytes(parsed.err).empty());
}

TEST_CASE("link loops and dangling links never hang an ingest", "[hostile][ingest]") {
  TempDir dir;
  const fs::path in = dir.path() / "in";
  const std::string db = dir / "n.db";
  write_file(in / "a.txt", " date 2016-12 Un texte.\n");
  fs::create_symlink("self.txt", in / "self.txt");
  fs::create_symlink("pong.txt", in / "ping.txt");
  fs::create_symlink("ping.txt", in / "pong.txt");
  // A chain of 50 links: more than the kernel follows.
  for (int i = 0; i < 50; ++i) {
    fs::create_symlink("chain" + std::to_string(i + 1) + ".txt",
                       in / ("chain" + std::to_string(i) + ".txt"));
  }
  write_file(in / "chain50.txt", " date 2016-12 Au bout de la chaîne.\n");
  // Folders that lead back up, followed or not.
  fs::create_directory_symlink("..", in / "up");
  fs::create_directory_symlink(in, in / "sub-loop");
  for (const bool follow : {false, true}) {
    RunResult r;
    std::vector<std::string> args = {in.string()};
    if (follow) args.insert(args.begin(), "--follow");
    const Json s = ingest_json(db, args, r);
    INFO(r.err);
    CHECK(r.exit_code == 1);
    for (const char* name : {"self.txt", "ping.txt", "pong.txt", "chain0.txt"}) {
      CHECK(has_line(r.err, "newsidx: rejected: " + (in / name).string() +
                                ": Too many levels of symbolic links"));
    }
    // chain0 to chain9 need more than 40 hops; chain10 to chain49 reach the
    // article, stored once with every path.
    CHECK(s["rejected"] == 3 + 10);
    CHECK(s["files"] == 1 + 3 + 51);
  }
}

TEST_CASE("hostile queries: a result or a clean query error, the database unchanged",
          "[hostile][search]") {
  TempDir dir;
  const std::string db = dir / "n.db";
  write_file(dir / "in/a.txt",
             " date 2016-12 La reprise d’Alep est totale, les bombardements ont cessé.\n");
  write_file(dir / "in/b.txt", " date 2017-01 Une grève à Lyon contre la réforme.\n");
  write_file(dir / "in/c.txt",
             "titre: Élections\n\nL’Élysée attend les résultats de Homs et d'Alep.\n");
  REQUIRE(run_newsidx({"--db", db, "ingest", "-q", dir / "in"}).exit_code == 0);
  const std::string before = read_file(db);
  const std::string exported = run_newsidx({"--db", db, "export"}).out;

  std::vector<std::string> queries = {
      // 100 kB.
      std::string(100000, 'a'),
      repeat("alep ", 20000),
      distinct_words(" OR ", 100000),
      "x " + distinct_words(" -", 100000),
      "\"" + repeat("reprise d'Alep ", 6600) + "\"",
      repeat("alep OR ", 12500),
      repeat("\"", 100001),
      repeat("é", 50000),
      // 10,000 nested parentheses, open, closed, balanced, and other nestings.
      repeat("(", 10000),
      repeat(")", 10000),
      repeat("(", 10000) + "alep" + repeat(")", 10000),
      repeat("title:", 10000) + "alep",
      "x " + repeat("-(", 5000) + "alep",
      "x " + repeat("NOT ", 5000) + "alep",
      repeat("=", 10000) + "alep",
      repeat("*", 10000),
      // FTS5 syntax.
      "NEAR(alep homs, 2)",
      "alep NEAR/2 homs",
      "^alep",
      "alep + homs",
      "{title body}: alep",
      "body:alep",
      "rank:alep",
      "article_fts:alep",
      "title : alep",
      "alep AND",
      "OR alep",
      "alep NOT",
      "\"alep\" *",
      "* OR *",
      "\"\"",
      "\"",
      "()",
      ")(",
      "title:",
      "title:()",
      "alep*homs",
      "a:b:c",
      "=\"\"",
      "\"a\"\"b\"",
      // SQL.
      "'; DROP TABLE article; --",
      "alep' OR '1'='1",
      "\") OR 1=1 --",
      "alep); DELETE FROM source; --",
      "x' UNION SELECT raw FROM article --",
      "%",
      "_",
      "\\",
      "?1",
      ":name",
      "$x",
      "@x",
      "char(0)",
      "1; PRAGMA writable_schema=1",
      "'); ATTACH DATABASE '/tmp/x.db' AS x; --",
      // Control characters and odd Unicode.
      "\x01"
      "alep\x02",
      "\x1b[31malep\x1b[0m",
      "alep\x7fhoms",
      "\xC2\xA0",
      "\xE2\x80\x8B",
      "\xEF\xBB\xBF"
      "alep",
      "\xCC\x81\xCC\x81",
      "\xF0\x9F\x94\xA5",
      "\xE2\x80\xAE"
      "pela",
      // Invalid UTF-8.
      "\xff\xfe",
      "caf\xe9",
      "alep \xc3",
      "\xed\xa0\x80",
  };
  const std::string repeated = queries[1];
  for (const std::string& q : queries) {
    INFO("query (" << q.size() << " bytes): " << q.substr(0, 60));
    std::string expected_error;
    try {
      (void)newsidx::make_search_request(q, std::nullopt, std::nullopt, true);
    } catch (const newsidx::Error& e) {
      expected_error = e.what();
      CHECK(expected_error.rfind("query: ", 0) == 0);
    }
    // Counted, and searched with ranking and snippets; the 100 kB ones only
    // searched, but the word repeated 20,000 times only counted (see the
    // next test).
    std::vector<std::vector<std::string>> runs;
    if (q.size() < 10000 || q == repeated) runs.push_back({"search", "--count", q});
    if (q != repeated) runs.push_back({"search", "--json", "--limit", "5", q});
    for (auto& run : runs) {
      run.insert(run.begin(), {"--db", db});
      const auto r = run_newsidx(run);
      INFO(run[3] << " → " << r.err.substr(0, 300));
      if (expected_error.empty()) {
        CHECK((r.exit_code == 0 || r.exit_code == 1));
        // Nothing on stderr but, after no hit, suggestions for unknown words.
        for (const std::string& line : lines_of(r.err)) {
          CHECK(r.exit_code == 1);
          CHECK(line.rfind("newsidx: note: did you mean: ", 0) == 0);
        }
        for (const std::string& line : lines_of(r.out)) CHECK_NOTHROW(Json::parse(line));
      } else {
        CHECK(r.exit_code == 2);
        CHECK(r.out.empty());
        CHECK(r.err == "newsidx: error: " + expected_error + "\n");
      }
    }
  }
  CHECK(read_file(db) == before);
  CHECK(run_newsidx({"--db", db, "export"}).out == exported);
}

namespace {

/// `newsidx ARGS…` stopped after `seconds` (exit 124 then).
RunResult run_with_timeout(int seconds, const std::vector<std::string>& args) {
  std::vector<std::string> argv = {"timeout", std::to_string(seconds), NEWSIDX_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_program(argv);
}

}  // namespace

TEST_CASE("a search with snippets stays fast with thousands of matches in one article",
          "[hostile][search]") {
  // FTS5's own snippet() takes time quadratic in the number of matched
  // positions in an article: 20,000 repetitions of a word in a query, or a
  // common word in a 1 MB article, took tens of seconds with it.
  TempDir dir;
  const std::string db = dir / "n.db";
  write_file(dir / "in/a.txt", " date 2016-12 La reprise d’Alep est totale.\n");
  std::string big = " date 2016-12 ";
  while (big.size() < (1u << 20))
    big += "la grève des transports continue et le trafic reste perturbé ";
  write_file(dir / "in/big.txt", big);
  REQUIRE(run_newsidx({"--db", db, "ingest", "-q", dir / "in"}).exit_code == 0);
  auto r = run_with_timeout(5, {"--db", db, "search", "--limit", "5", repeat("alep ", 20000)});
  CHECK(r.exit_code == 0);
  r = run_with_timeout(5, {"--db", db, "search", "--limit", "5", "grève transports"});
  CHECK(r.exit_code == 0);
}

TEST_CASE("NUL bytes in a query, through the library to the database", "[hostile][search]") {
  using namespace std::string_literals;
  TempDir dir;
  const std::string db = dir / "n.db";
  write_file(dir / "in/a.txt", " date 2016-12 La reprise d’Alep, puis le convoi vers Homs.\n");
  write_file(dir / "in/b.txt", " date 2017-01 Une grève à Homs.\n");
  REQUIRE(run_newsidx({"--db", db, "ingest", "-q", dir / "in"}).exit_code == 0);
  const std::string before = read_file(db);
  const newsidx::Store store(db, newsidx::Store::Access::kReadOnly);

  auto count = [&](const std::string& query) {
    return store.count(newsidx::make_search_request(query, std::nullopt, std::nullopt, true));
  };
  CHECK(count("alep\0homs"s) == count("alep homs"));
  CHECK(count("alep\0homs"s) == 1);
  CHECK(count("homs\0OR\0alep"s) == 2);
  CHECK(count("\"reprise\0d'Alep\""s) == 1);
  CHECK(count("title:\0alep"s) == 1);  // the title of a.txt is its first sentence
  CHECK(count("\0\0homs\0-alep\0"s) == 1);
  for (const std::string& q : {"\0"s, "\0\0\0"s, "(\0"s, "alep\0OR"s, "\"\0"s, "\0-alep"s}) {
    INFO("query of " << q.size() << " bytes");
    try {
      (void)count(q);
      FAIL("no error");
    } catch (const newsidx::Error& e) {
      CHECK(e.code() == newsidx::ErrorCode::kQuery);
      CHECK(std::string(e.what()).rfind("query: ", 0) == 0);
    }
  }
  // Search, with snippets, on every accepted form.
  const auto hits =
      store.search(newsidx::make_search_request("alep\0homs"s, std::nullopt, std::nullopt, true));
  REQUIRE(hits.size() == 1);
  CHECK(hits[0].snippet.find('\0') == std::string::npos);
  // A NUL in a date filter is an invalid date.
  CHECK_THROWS_AS(newsidx::parse_date_filter("2016\0"s), newsidx::Error);
  CHECK(read_file(db) == before);
}

TEST_CASE("hostile option values exit 2 with a message", "[hostile][cli]") {
  TempDir dir;
  const std::string db = dir / "n.db";
  write_file(dir / "in/a.txt", " date 2016-12 Un texte sur Alep.\n");
  REQUIRE(run_newsidx({"--db", db, "ingest", "-q", dir / "in"}).exit_code == 0);
  const std::vector<std::vector<std::string>> cases = {
      {"search", "alep", "--limit", "99999999999999999999999"},
      {"search", "alep", "--limit", "-1"},
      {"search", "alep", "--offset", "abc"},
      {"search", "alep", "--from", "99999"},
      {"search", "alep", "--from", "2016-02-30"},
      {"search", "alep", "--to", "0000"},
      {"search", "--date", ""},
      {"search", "alep", "--sort", "random"},
      {"ingest", dir / "in", "--max-size", "99999999999999G"},
      {"ingest", dir / "in", "--max-size", "0"},
      {"ingest", dir / "in", "--max-size", "-5M"},
      {"ingest", dir / "in", "--jobs", "0"},
      {"ingest", dir / "in", "--jobs", "100000"},
      {"ingest", dir / "in", "--ext", ""},
      {"ingest", ""},
      {"show", ""},
      {"stats", "--by", "day"},
  };
  for (const auto& args : cases) {
    std::vector<std::string> argv = {"--db", db};
    argv.insert(argv.end(), args.begin(), args.end());
    const auto r = run_newsidx(argv);
    INFO(args[0] << " " << args.back() << ": " << r.err);
    if (args[0] == "show") {
      CHECK((r.exit_code == 1 || r.exit_code == 2));  // "" is no id and no stored path
    } else {
      CHECK(r.exit_code == 2);
    }
    CHECK(r.err.rfind("newsidx: error: ", 0) == 0);
  }
}

TEST_CASE("the largest --limit and --offset are just past the end", "[hostile][cli]") {
  // The store must not add them as signed 64-bit integers (UBSan finds that).
  TempDir dir;
  const std::string db = dir / "n.db";
  write_file(dir / "in/a.txt", " date 2016-12 Un texte sur Alep.\n");
  REQUIRE(run_newsidx({"--db", db, "ingest", "-q", dir / "in"}).exit_code == 0);
  const std::string max = "9223372036854775807";
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"--offset", max}, {"--limit", max, "--offset", max}, {"--limit", max}}) {
    std::vector<std::string> argv = {"--db", db, "search", "alep"};
    argv.insert(argv.end(), args.begin(), args.end());
    const auto r = run_newsidx(argv);
    INFO(r.err);
    CHECK(r.exit_code == (args.size() == 2 && args[0] == "--limit" ? 0 : 1));
    // Past the end, the hits skipped are counted: "0 of 1 articles".
    CHECK(r.err.find("error") == std::string::npos);
  }
}

TEST_CASE("an empty --db is a usage error, not the default database", "[hostile][cli]") {
  TempDir dir;
  // HOME points at the temp folder: a fall-back to the default would create
  // a database there.
  const auto r = run_newsidx({"--db", "", "stats"}, {{"HOME", dir.path().string()}});
  CHECK(r.exit_code == 2);
  CHECK(r.err.starts_with("newsidx: error: --db: the path is empty\n"));
  CHECK(fs::is_empty(dir.path()));
}
