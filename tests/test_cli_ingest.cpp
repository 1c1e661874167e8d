// End-to-end: `newsidx ingest` and `stats` on temporary folders.
#include <fcntl.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <future>
#include <nlohmann/json.hpp>
#include <thread>

#include "newsidx/fts5_tokenizer.hpp"
#include "newsidx/store.hpp"
#include "support.hpp"

using newsidx::test::lines_of;
using newsidx::test::read_file;
using newsidx::test::run_newsidx;
using newsidx::test::TempDir;
using newsidx::test::write_file;
using Json = nlohmann::json;
namespace fs = std::filesystem;

namespace {

/// Runs `newsidx --db DB ingest --json ARGS…` and returns its summary.
Json ingest_json(const std::string& db, std::vector<std::string> args, int expect_exit = 0) {
  std::vector<std::string> argv = {"--db", db, "ingest", "--json"};
  argv.insert(argv.end(), args.begin(), args.end());
  const auto r = run_newsidx(argv);
  INFO(r.err);
  CHECK(r.exit_code == expect_exit);
  const auto lines = lines_of(r.out);
  REQUIRE(lines.size() == 1);
  return Json::parse(lines[0]);
}

Json stats_json(const std::string& db) {
  const auto r = run_newsidx({"--db", db, "stats", "--json"});
  REQUIRE(r.exit_code == 0);
  return Json::parse(r.out);
}

std::string article(const std::string& date, const std::string& text) {
  return " date " + date + " " + text + "\n";
}

/// A folder of `n` distinct small articles.
void make_corpus(const fs::path& dir, int n) {
  for (int i = 0; i < n; ++i) {
    write_file(dir / std::to_string(i / 100) / (std::to_string(i) + ".txt"),
               article("2010-0" + std::to_string(1 + i % 9),
                       "Article numéro " + std::to_string(i) +
                           " sur la grève des transports et la manifestation de Lyon.\n\n"
                           "Un second paragraphe assez long pour ressembler à un article, avec "
                           "des mots comme inondation, élection et budget " +
                           std::to_string(i * 7) + "."));
  }
}

/// PRAGMA integrity_check and the FTS5 integrity-check on a database file
/// (the form that compares the index with the articles: rank 1).
void check_integrity(const std::string& db_path) {
  sqlite3* raw = nullptr;
  REQUIRE(sqlite3_open(db_path.c_str(), &raw) == SQLITE_OK);
  std::unique_ptr<sqlite3, decltype(&sqlite3_close)> db(raw, &sqlite3_close);
  newsidx::register_french_tokenizer(db.get());
  sqlite3_stmt* st = nullptr;
  // Killed before the schema was created: an empty database is sound too.
  REQUIRE(sqlite3_prepare_v2(db.get(), "SELECT count(*) FROM sqlite_master", -1, &st, nullptr) ==
          SQLITE_OK);
  REQUIRE(sqlite3_step(st) == SQLITE_ROW);
  const int objects = sqlite3_column_int(st, 0);
  sqlite3_finalize(st);
  if (objects == 0) return;
  REQUIRE(sqlite3_prepare_v2(db.get(), "PRAGMA integrity_check", -1, &st, nullptr) == SQLITE_OK);
  REQUIRE(sqlite3_step(st) == SQLITE_ROW);
  CHECK(std::string(reinterpret_cast<const char*>(sqlite3_column_text(st, 0))) == "ok");
  sqlite3_finalize(st);
  char* err = nullptr;
  const int rc = sqlite3_exec(
      db.get(), "INSERT INTO article_fts(article_fts, rank) VALUES('integrity-check', 1)", nullptr,
      nullptr, &err);
  INFO((err != nullptr ? err : ""));
  CHECK(rc == SQLITE_OK);
  sqlite3_free(err);
  // Every article has a source and every source an article.
  REQUIRE(sqlite3_prepare_v2(db.get(),
                             "SELECT (SELECT count(*) FROM article WHERE rowid NOT IN "
                             "(SELECT article FROM source)) + (SELECT count(*) FROM source WHERE "
                             "article NOT IN (SELECT rowid FROM article))",
                             -1, &st, nullptr) == SQLITE_OK);
  REQUIRE(sqlite3_step(st) == SQLITE_ROW);
  CHECK(sqlite3_column_int(st, 0) == 0);
  sqlite3_finalize(st);
}

}  // namespace

TEST_CASE("ingest is incremental: add, unchanged, updated, duplicates, prune", "[cli][ingest]") {
  TempDir dir;
  const std::string db = dir / "n.db";
  const fs::path in = dir.path() / "in";
  write_file(in / "a.txt", article("2016-12", "La reprise d’Alep est totale."));
  write_file(in / "b.txt", article("2017-01-05", "Une tempête frappe la Bretagne."));
  write_file(in / "sub/copy-of-a.txt", article("2016-12", "La reprise d’Alep est totale."));
  write_file(in / ".hidden.txt", article("2016-12", "Caché."));
  write_file(in / ".git/x.txt", article("2016-12", "Caché aussi."));
  write_file(in / "notes.md", article("2016-12", "Pas un .txt."));

  Json s = ingest_json(db, {in.string()});
  CHECK(s["files"] == 3);
  CHECK(s["added"] == 2);
  CHECK(s["duplicates"] == 1);
  CHECK(s["unchanged"] == 0);
  CHECK(s["rejected"] == 0);
  for (const char* key : {"updated", "warnings", "pruned", "seconds"}) CHECK(s.contains(key));

  s = ingest_json(db, {in.string()});
  CHECK(s["files"] == 3);
  CHECK(s["unchanged"] == 3);
  CHECK(s["added"] == 0);

  // A changed file replaces its article.
  write_file(in / "b.txt", article("2017-01-06", "Une tempête frappe la Normandie."));
  s = ingest_json(db, {in.string()});
  CHECK(s["updated"] == 1);
  CHECK(s["unchanged"] == 2);
  Json st = stats_json(db);
  CHECK(st["articles"] == 2);
  CHECK(st["sources"] == 3);
  CHECK(st["duplicates"] == 1);

  // --force re-reads: same articles count as unchanged.
  s = ingest_json(db, {"--force", in.string()});
  CHECK(s["unchanged"] == 3);

  // --prune forgets files that are gone.
  fs::remove(in / "a.txt");
  s = ingest_json(db, {in.string()});
  CHECK(s["pruned"] == 0);
  CHECK(stats_json(db)["sources"] == 3);
  s = ingest_json(db, {"--prune", in.string()});
  CHECK(s["pruned"] == 1);
  st = stats_json(db);
  CHECK(st["sources"] == 2);
  CHECK(st["articles"] == 2);  // a's copy keeps the article
  fs::remove(in / "sub/copy-of-a.txt");
  s = ingest_json(db, {"--prune", in.string()});
  CHECK(s["pruned"] == 1);
  CHECK(stats_json(db)["articles"] == 1);
}

TEST_CASE("ingest summary on stderr, exit 1 when a file is rejected", "[cli][ingest]") {
  TempDir dir;
  const std::string db = dir / "n.db";
  const fs::path in = dir.path() / "in";
  write_file(in / "ok.txt", article("2016-12", "Un texte."));
  write_file(in / "empty.txt", "");
  write_file(in / "image.txt", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
  write_file(in / "undated.txt", "Un texte sans date.\n");
  write_file(in / "2014/07/dated-by-path.txt", "Un texte daté par son chemin.\n");
  write_file(in / "bad-date.txt", article("2016-13", "Un mois impossible."));
  write_file(in / "latin1.txt", std::string(" date 2016-12 \xC9t\xE9 \xE0 Paris : la f\xEAte.\n"));
  write_file(in / "big.txt", article("2016-12", std::string(3000, 'a')));

  const auto r = run_newsidx({"--db", db, "ingest", "--max-size", "2K", in.string()});
  CHECK(r.exit_code == 1);
  CHECK(r.out.empty());
  CHECK(r.err.find("newsidx: rejected: " + (in / "empty.txt").string() + ": no article text\n") !=
        std::string::npos);
  CHECK(r.err.find("newsidx: rejected: " + (in / "image.txt").string() + ": not a text file\n") !=
        std::string::npos);
  CHECK(r.err.find("newsidx: rejected: " + (in / "big.txt").string() + ": file too large") !=
        std::string::npos);
  CHECK(r.err.find("newsidx: warning: " + (in / "undated.txt").string() + ":1: ") !=
        std::string::npos);
  CHECK(r.err.find("newsidx: warning: " + (in / "bad-date.txt").string() + ":1: ") !=
        std::string::npos);
  CHECK(r.err.find(
            "8 files: 5 added, 0 duplicates, 0 unchanged, 0 updated, 3 rejected, 3 warnings") !=
        std::string::npos);

  const Json st = stats_json(db);
  CHECK(st["articles"] == 5);
  CHECK(st["undated"] == 2);
  const auto shown =
      run_newsidx({"--db", db, "show", "--json", (in / "2014/07/dated-by-path.txt").string()});
  REQUIRE(shown.exit_code == 0);
  CHECK(Json::parse(shown.out)["date"] == "2014-07");
  const auto latin = run_newsidx({"--db", db, "show", "--json", (in / "latin1.txt").string()});
  REQUIRE(latin.exit_code == 0);
  const Json lj = Json::parse(latin.out);
  CHECK(lj["lead"] == "Été à Paris : la fête.");
  CHECK(lj["sources"][0]["encoding"] != "UTF-8");
}

TEST_CASE("ingest options: --ext, explicit files, --quiet, missing paths", "[cli][ingest]") {
  TempDir dir;
  const std::string db = dir / "n.db";
  const fs::path in = dir.path() / "in";
  write_file(in / "a.text", article("2016-12", "Un texte en .text."));
  write_file(in / "b.txt", article("2016-12", "Un texte en .txt."));
  write_file(in / "c.art", article("2016-12", "Un texte en .art."));
  Json s = ingest_json(db, {"--ext", "text", "--ext", ".art", in.string()});
  CHECK(s["files"] == 2);
  CHECK(s["added"] == 2);
  // A file named on the command line is read whatever its ending.
  s = ingest_json(db, {(in / "b.txt").string()});
  CHECK(s["added"] == 1);

  const auto quiet = run_newsidx({"--db", db, "ingest", "--quiet", in.string()});
  CHECK(quiet.exit_code == 0);
  CHECK(quiet.err.empty());
  CHECK(quiet.out.empty());

  const auto missing = run_newsidx({"--db", dir / "other.db", "ingest", in.string(), dir / "nope"});
  CHECK(missing.exit_code == 2);
  CHECK(missing.err.find("nope: No such file or directory") != std::string::npos);
  CHECK_FALSE(fs::exists(dir / "other.db"));  // nothing ingested
}

TEST_CASE("symbolic links to folders are followed only with --follow, loops end", "[cli][ingest]") {
  TempDir dir;
  const std::string db = dir / "n.db";
  const fs::path in = dir.path() / "in";
  const fs::path elsewhere = dir.path() / "elsewhere";
  write_file(in / "a.txt", article("2016-12", "Un texte."));
  write_file(elsewhere / "b.txt", article("2016-12", "Un autre texte."));
  fs::create_directory_symlink(elsewhere, in / "link");
  fs::create_directory_symlink(in, in / "loop");
  fs::create_directory_symlink(in, elsewhere / "back");
  Json s = ingest_json(db, {in.string()});
  CHECK(s["files"] == 1);
  s = ingest_json(db, {"--follow", in.string()});
  CHECK(s["files"] == 2);
  CHECK(s["added"] == 1);
}

TEST_CASE("the database location: --db, NEWSIDX_DB, XDG_DATA_HOME", "[cli][ingest]") {
  TempDir dir;
  const fs::path in = dir.path() / "in";
  write_file(in / "a.txt", article("2016-12", "Un texte."));
  auto r = run_newsidx({"ingest", "-q", in.string()}, {{"XDG_DATA_HOME", dir / "xdg"}});
  CHECK(r.exit_code == 0);
  CHECK(fs::exists(dir / "xdg/newsidx/newsidx.db"));
  r = run_newsidx({"ingest", "-q", in.string()}, {{"NEWSIDX_DB", dir / "env/n.db"}});
  CHECK(r.exit_code == 0);
  CHECK(fs::exists(dir / "env/n.db"));
  r = run_newsidx({"stats", "--db", dir / "env/n.db", "--json"});
  CHECK(r.exit_code == 0);
  CHECK(Json::parse(r.out)["articles"] == 1);
}

TEST_CASE("a database that is not ours is refused and untouched", "[cli][ingest]") {
  TempDir dir;
  const std::string db = dir / "notes.db";
  write_file(db, "Mes notes.\n");
  write_file(dir / "in/a.txt", article("2016-12", "Un texte."));
  const auto r = run_newsidx({"--db", db, "ingest", dir / "in"});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("is not a newsidx database") != std::string::npos);
  CHECK(read_file(db) == "Mes notes.\n");
  const auto s = run_newsidx({"--db", db, "search", "texte"});
  CHECK(s.exit_code == 2);
  CHECK(read_file(db) == "Mes notes.\n");
}

TEST_CASE("stats --json and the histogram", "[cli][stats]") {
  TempDir dir;
  const std::string db = dir / "n.db";
  write_file(dir / "in/a.txt", article("2016-12", "Un."));
  write_file(dir / "in/b.txt", article("2016-03-02", "Deux."));
  write_file(dir / "in/c.txt", article("2018", "Trois."));
  write_file(dir / "in/d.txt", "Quatre, sans date.\n");
  ingest_json(db, {dir / "in"});
  const Json st = stats_json(db);
  CHECK(st["articles"] == 4);
  CHECK(st["undated"] == 1);
  CHECK(st["first_date"] == "2016-03-02");
  CHECK(st["last_date"] == "2018-12-31");
  CHECK(st["db_bytes"].get<std::int64_t>() > 0);
  // The empty periods between the first and the last are listed, as the
  // text view draws them.
  CHECK(st["histogram"] == Json::parse(R"([{"period":"2016","articles":2},
                                           {"period":"2017","articles":0},
                                           {"period":"2018","articles":1}])"));
  const auto by_month = run_newsidx({"--db", db, "stats", "--by", "month", "--json"});
  CHECK(Json::parse(by_month.out)["histogram"][0]["period"] == "2016-03");
  const auto text = run_newsidx({"--db", db, "stats"});
  CHECK(text.exit_code == 0);
  CHECK(text.out.find("2016  ") != std::string::npos);
  CHECK(text.out.find("2017   0\n") != std::string::npos);  // an empty year shows
  CHECK(text.out.find("█") != std::string::npos);
}

TEST_CASE("a killed ingest leaves a sound database and a re-run finishes", "[cli][ingest][crash]") {
  TempDir dir;
  const std::string db = dir / "n.db";
  make_corpus(dir.path() / "in", 1500);
  for (int delay_ms : {30, 120, 300}) {
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      const int devnull = ::open("/dev/null", O_WRONLY);
      ::dup2(devnull, 1);
      ::dup2(devnull, 2);
      ::execl(NEWSIDX_BINARY, NEWSIDX_BINARY, "--db", db.c_str(), "ingest", "-j", "1",
              (dir / "in").c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    if (fs::exists(db)) check_integrity(db);
  }
  const Json s = ingest_json(db, {dir / "in"});
  CHECK(s["added"].get<int>() + s["unchanged"].get<int>() == 1500);
  check_integrity(db);
  CHECK(stats_json(db)["articles"] == 1500);
}

TEST_CASE("searches run while an ingest writes", "[cli][ingest][concurrency]") {
  TempDir dir;
  const std::string db = dir / "n.db";
  make_corpus(dir.path() / "in", 1500);
  write_file(dir / "first/a.txt", article("2016-12", "Premier article sur la grève."));
  ingest_json(db, {dir / "first"});
  std::thread writer([&] { ingest_json(db, {dir / "in"}); });
  int searches = 0;
  int last = 0;
  for (int i = 0; i < 200; ++i) {
    const auto r = run_newsidx({"--db", db, "search", "grève", "--count"});
    REQUIRE(r.exit_code == 0);
    const int n = std::stoi(r.out);
    CHECK(n >= last);  // sees only committed batches, never fewer
    last = n;
    ++searches;
    if (n == 1501) break;
  }
  writer.join();
  CHECK(searches > 1);
  const auto r = run_newsidx({"--db", db, "search", "grève", "--count"});
  CHECK(std::stoi(r.out) == 1501);
}

TEST_CASE("a second writer waits for the first, then fails clearly", "[cli][ingest][concurrency]") {
  TempDir dir;
  const std::string db = dir / "n.db";
  write_file(dir / "in/a.txt", article("2016-12", "Un texte."));
  {
    // Held past the 5 s busy timeout: the ingest gives up.
    newsidx::Store holder(db, newsidx::Store::Access::kReadWrite);
    const auto r = run_newsidx({"--db", db, "ingest", dir / "in"});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("another newsidx process is writing to") != std::string::npos);
  }
  {
    // Released after a second: the ingest waits, then runs.
    auto holder = std::make_unique<newsidx::Store>(db, newsidx::Store::Access::kReadWrite);
    std::thread release([&] {
      std::this_thread::sleep_for(std::chrono::seconds(1));
      holder.reset();
    });
    const auto r = run_newsidx({"--db", db, "ingest", "--json", dir / "in"});
    release.join();
    CHECK(r.exit_code == 0);
    CHECK(Json::parse(r.out)["added"] == 1);
  }
}

TEST_CASE("two ingests started together into a new database both succeed",
          "[cli][ingest][concurrency]") {
  // The writer that gets the lock creates the schema; the other waits and
  // then finds it, as when the database already exists.
  TempDir dir;
  for (int i = 0; i < 20; ++i)
    write_file(dir / ("in/" + std::to_string(i) + ".txt"),
               article("2016-12", "Texte numéro " + std::to_string(i) + "."));
  for (int round = 0; round < 10; ++round) {
    const std::string db = dir / ("race" + std::to_string(round) + ".db");
    auto ingest = [&] { return run_newsidx({"--db", db, "ingest", "-q", dir / "in"}); };
    auto first = std::async(std::launch::async, ingest);
    auto second = std::async(std::launch::async, ingest);
    const auto a = first.get();
    const auto b = second.get();
    INFO("round " << round << ": " << a.err << b.err);
    CHECK(a.exit_code == 0);
    CHECK(b.exit_code == 0);
    const auto r = run_newsidx({"--db", db, "stats", "--json"});
    CHECK(Json::parse(r.out)["articles"] == 20);
  }
}

TEST_CASE("a file rewritten with the same size and mtime just after a run is read again",
          "[cli][ingest]") {
  // Timestamps have a granularity: a file rewritten within the same tick as
  // the read keeps its size and mtime. Such "racy" stamps must not be trusted.
  TempDir dir;
  const std::string db = dir / "n.db";
  const fs::path in = dir.path() / "in";
  const std::string path = (in / "a.txt").string();
  auto write_with_mtime = [&](const std::string& text, const timespec& mtime) {
    write_file(path, text);
    const timespec times[2] = {mtime, mtime};
    REQUIRE(::utimensat(AT_FDCWD, path.c_str(), times, 0) == 0);
  };
  timespec now{};
  REQUIRE(::clock_gettime(CLOCK_REALTIME, &now) == 0);
  write_with_mtime(article("2016-12", "La reprise d’Alep est totale."), now);
  CHECK(ingest_json(db, {in.string()})["added"] == 1);
  write_with_mtime(article("2016-12", "La reprise d’Homs est totale."), now);  // same size
  Json s = ingest_json(db, {in.string()});
  CHECK(s["updated"] == 1);
  CHECK(s["unchanged"] == 0);

  // An old mtime is trusted: the file is not read again.
  const timespec old{1'500'000'000, 0};
  write_with_mtime(article("2016-12", "La reprise d’Alep est totale."), old);
  CHECK(ingest_json(db, {in.string()})["updated"] == 1);
  write_with_mtime(article("2016-12", "La reprise d’Homs est totale."), old);
  s = ingest_json(db, {in.string()});
  CHECK(s["unchanged"] == 1);  // by design: same size and mtime, long ago
  CHECK(s["updated"] == 0);
}
