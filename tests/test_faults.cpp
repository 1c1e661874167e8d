// End-to-end: what the file system and the machine can do to an ingest —
// SIGKILL at any instant, a full disk, a read-only database, files that vanish
// or change while being read, a damaged database file (SPEC §1.4, §3).
#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <fstream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <random>
#include <set>
#include <thread>

#include "newsidx/fts5_tokenizer.hpp"
#include "newsidx/store.hpp"
#include "support.hpp"

using newsidx::test::lines_of;
using newsidx::test::read_file;
using newsidx::test::run_newsidx;
using newsidx::test::RunResult;
using newsidx::test::TempDir;
using newsidx::test::write_file;
using Json = nlohmann::json;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

/// The user and group the tests run the binary as when they run as root, to
/// whom file permissions apply (the traditional `nobody`).
constexpr uid_t kUnprivileged = 65534;

/// The text of the `i`-th test article, `version` telling rewrites apart; a
/// different text (and size) for every (i, version).
std::string article_text(int i, int version = 0) {
  std::string text = " date 2011-0" + std::to_string(1 + i % 9) + " Article " + std::to_string(i) +
                     (version > 0 ? " réécrit " + std::to_string(version) : std::string()) +
                     " : la grève des transports continue à Lyon et à Marseille.\n\n";
  for (int p = 0; p < 3 + version; ++p) {
    text += "Un paragraphe de plus, numéro " + std::to_string(p) +
            ", sur les élections, les inondations et le budget " + std::to_string(i * 31 + p) +
            " de la région, pour que l’article ait une taille réaliste.\n\n";
  }
  return text;
}

/// Writes the articles `first` to `first + n - 1` under `dir`, 100 per
/// sub-folder; returns their paths.
std::vector<fs::path> make_articles(const fs::path& dir, int n, int first = 0) {
  std::vector<fs::path> paths;
  for (int i = first; i < first + n; ++i) {
    paths.push_back(dir / std::to_string(i / 100) / (std::to_string(i) + ".txt"));
    write_file(paths.back(), article_text(i));
  }
  return paths;
}

// --- the database, read directly -------------------------------------------

struct DbCloser {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using DbPtr = std::unique_ptr<sqlite3, DbCloser>;

/// A connection to an existing database with the French tokenizer registered.
DbPtr open_db(const std::string& path) {
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE, nullptr);
  DbPtr db(raw);
  REQUIRE(rc == SQLITE_OK);
  newsidx::register_french_tokenizer(db.get());
  return db;
}

/// The rows of a query, each as strings.
std::vector<std::vector<std::string>> query_rows(sqlite3* db, const std::string& sql) {
  sqlite3_stmt* raw = nullptr;
  INFO(sql);
  REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &raw, nullptr) == SQLITE_OK);
  std::unique_ptr<sqlite3_stmt, decltype(&sqlite3_finalize)> st(raw, &sqlite3_finalize);
  std::vector<std::vector<std::string>> rows;
  int rc = SQLITE_OK;
  while ((rc = sqlite3_step(st.get())) == SQLITE_ROW) {
    std::vector<std::string> row;
    for (int c = 0; c < sqlite3_column_count(st.get()); ++c) {
      const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(st.get(), c));
      row.emplace_back(text != nullptr ? text : "");
    }
    rows.push_back(std::move(row));
  }
  INFO(sqlite3_errmsg(db));
  REQUIRE(rc == SQLITE_DONE);
  return rows;
}

std::int64_t query_int(sqlite3* db, const std::string& sql) {
  const auto rows = query_rows(db, sql);
  REQUIRE(rows.size() == 1);
  return std::stoll(rows[0][0]);
}

/// FTS5's integrity-check in its two forms. The plain one checks that the
/// index agrees with itself; for an external-content table (ours: the text is
/// in `article`) SQLite 3.40 does not compare it with the articles. With a
/// rank of 1, FTS5 also reads every article, tokenizes it again and compares
/// the tokens with the index: that is the one that proves the two agree.
constexpr const char* kFtsCheckPlain =
    "INSERT INTO article_fts(article_fts) VALUES('integrity-check')";
constexpr const char* kFtsCheckContent =
    "INSERT INTO article_fts(article_fts, rank) VALUES('integrity-check', 1)";

/// Runs `sql`; "" when it succeeds, else SQLite's message.
std::string exec_error(sqlite3* db, const char* sql) {
  char* err = nullptr;
  const int rc = sqlite3_exec(db, sql, nullptr, nullptr, &err);
  std::string message = rc == SQLITE_OK ? "" : err != nullptr ? err : sqlite3_errstr(rc);
  sqlite3_free(err);
  return message;
}

/// What an ingest may leave behind at any instant (SPEC §3): a file that
/// passes PRAGMA integrity_check and the content-comparing FTS5
/// integrity-check, where every article is complete (text, index entries, at
/// least one source) and every source points at an article. A database killed before its schema was
/// written is empty, which is sound too. Returns the number of articles.
std::int64_t check_sound(const std::string& path) {
  INFO("database " << path);
  const DbPtr db = open_db(path);
  if (query_int(db.get(), "SELECT count(*) FROM sqlite_master") == 0) return 0;
  const auto integrity = query_rows(db.get(), "PRAGMA integrity_check");
  REQUIRE(!integrity.empty());
  CHECK(integrity[0][0] == "ok");
  CHECK(exec_error(db.get(), kFtsCheckContent) == "");
  CHECK(query_int(db.get(),
                  "SELECT count(*) FROM article WHERE body = '' OR title = '' OR block_types = '' "
                  "OR rowid NOT IN (SELECT article FROM source)") == 0);
  CHECK(query_int(db.get(),
                  "SELECT count(*) FROM source WHERE article NOT IN (SELECT rowid FROM article)") ==
        0);
  return query_int(db.get(), "SELECT count(*) FROM article");
}

/// The stored source paths with how many times each is stored.
std::map<std::string, int> stored_paths(const std::string& db_path) {
  const DbPtr db = open_db(db_path);
  std::map<std::string, int> out;
  for (const auto& row : query_rows(db.get(), "SELECT path, count(*) FROM source GROUP BY path")) {
    out[row[0]] = std::stoi(row[1]);
  }
  return out;
}

/// Each file of `files` stored exactly once, and nothing else; as many
/// articles as files (their texts are distinct).
void check_exactly(const std::string& db_path, const std::vector<fs::path>& files) {
  const auto paths = stored_paths(db_path);
  std::map<std::string, int> expected;
  for (const fs::path& f : files) expected[f.string()] = 1;
  CHECK(paths == expected);
  const DbPtr db = open_db(db_path);
  CHECK(query_int(db.get(), "SELECT count(*) FROM article") ==
        static_cast<std::int64_t>(files.size()));
}

// --- running the binary in a changed environment ---------------------------

/// How the child process that runs newsidx differs from the test.
struct ChildSetup {
  /// RLIMIT_FSIZE, with SIGXFSZ at its default action (death): the binary
  /// must catch it itself for the writes to fail with EFBIG instead.
  std::optional<rlim_t> file_size_limit;
  bool unprivileged = false;  ///< run as kUnprivileged (REQUIRES: root)
  std::string binary = NEWSIDX_BINARY;
};

/// Forks and runs `binary ARGS…` as `setup` says, stdout and stderr to the
/// given descriptors (-1: /dev/null). Only async-signal-safe calls after fork().
pid_t start_child(const std::vector<std::string>& args, const ChildSetup& setup, int out_fd = -1,
                  int err_fd = -1) {
  std::vector<std::string> argv = {setup.binary};
  argv.insert(argv.end(), args.begin(), args.end());
  std::vector<char*> cargv;
  for (std::string& a : argv) cargv.push_back(a.data());
  cargv.push_back(nullptr);
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid != 0) return pid;
  const int null_fd = ::open("/dev/null", O_RDWR);
  ::dup2(null_fd, 0);
  ::dup2(out_fd >= 0 ? out_fd : null_fd, 1);
  ::dup2(err_fd >= 0 ? err_fd : null_fd, 2);
  if (setup.file_size_limit) {
    ::signal(SIGXFSZ, SIG_DFL);
    const rlimit limit{*setup.file_size_limit, *setup.file_size_limit};
    if (::setrlimit(RLIMIT_FSIZE, &limit) != 0) ::_exit(125);
  }
  if (setup.unprivileged) {
    if (::setgroups(0, nullptr) != 0 || ::setgid(kUnprivileged) != 0 ||
        ::setuid(kUnprivileged) != 0) {
      ::_exit(126);
    }
  }
  ::execv(cargv[0], cargv.data());
  ::_exit(127);
}

/// Runs newsidx as `setup` says and collects its output through files in
/// `scratch` (a folder only the test uses).
RunResult run_child(const std::vector<std::string>& args, const ChildSetup& setup,
                    const fs::path& scratch) {
  const fs::path out_path = scratch / "child.out";
  const fs::path err_path = scratch / "child.err";
  const int out_fd = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  const int err_fd = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  REQUIRE(out_fd >= 0);
  REQUIRE(err_fd >= 0);
  const pid_t pid = start_child(args, setup, out_fd, err_fd);
  ::close(out_fd);
  ::close(err_fd);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  RunResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.out = read_file(out_path);
  r.err = read_file(err_path);
  return r;
}

constexpr fs::perms kReadableFolder = fs::perms::owner_all | fs::perms::group_read |
                                      fs::perms::group_exec | fs::perms::others_read |
                                      fs::perms::others_exec;
constexpr fs::perms kReadableFile =
    fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read | fs::perms::others_read;

/// Lets everyone read `path` and, for a folder, everything under it (the
/// test may run with a strict umask, and kUnprivileged must read the files).
void readable_by_all(const fs::path& path) {
  if (!fs::is_directory(path)) {
    fs::permissions(path, kReadableFile);
    return;
  }
  fs::permissions(path, kReadableFolder);
  for (const auto& entry : fs::recursive_directory_iterator(path)) {
    if (entry.is_symlink()) continue;
    fs::permissions(entry.path(), entry.is_directory() ? kReadableFolder : kReadableFile);
  }
}

/// Runs newsidx so that file permissions apply to it: as kUnprivileged when
/// the test runs as root (from a copy of the binary in `scratch`, in case
/// the build folder is private), as itself otherwise.
RunResult run_restricted(const std::vector<std::string>& args, const TempDir& dir) {
  const fs::path scratch = dir.path() / "scratch";
  fs::create_directories(scratch);
  fs::permissions(scratch, kReadableFolder);
  ChildSetup setup;
  if (::geteuid() == 0) {
    setup.unprivileged = true;
    setup.binary = (scratch / "newsidx").string();
    if (!fs::exists(setup.binary)) fs::copy_file(NEWSIDX_BINARY, setup.binary);
    fs::permissions(setup.binary, kReadableFolder);  // rwxr-xr-x
  }
  return run_child(args, setup, scratch);
}

/// The last non-empty line of `text`.
std::string last_line(const std::string& text) {
  const auto lines = lines_of(text);
  return lines.empty() ? std::string() : lines.back();
}

/// `search --count WORD` on the database.
int count_matches(const std::string& db, const std::string& word) {
  const auto r = run_newsidx({"--db", db, "search", "--count", word});
  INFO(r.err);
  REQUIRE((r.exit_code == 0 || r.exit_code == 1));
  return std::stoi(r.out);
}

/// What a database holds, as a user sees it: the ids of its articles, the
/// answers to a few searches and the bytes of `export`.
struct Outcome {
  std::string ids;
  std::string searches;
  std::string exported;

  friend bool operator==(const Outcome&, const Outcome&) = default;
};

Outcome outcome_of(const std::string& db) {
  Outcome o;
  {
    const DbPtr conn = open_db(db);
    for (const auto& row : query_rows(conn.get(), "SELECT id FROM article ORDER BY id")) {
      o.ids += row[0] + "\n";
    }
  }
  for (const std::vector<std::string>& query :
       {std::vector<std::string>{"--json", "--sort", "oldest", "--limit", "30", "grève lyon"},
        {"--count", "réécrit"}}) {
    std::vector<std::string> args = {"--db", db, "search"};
    args.insert(args.end(), query.begin(), query.end());
    const auto r = run_newsidx(args);
    INFO(r.err);
    REQUIRE((r.exit_code == 0 || r.exit_code == 1));
    o.searches += r.out;
  }
  const auto exported = run_newsidx({"--db", db, "export"});
  REQUIRE(exported.exit_code == 0);
  o.exported = exported.out;
  return o;
}

/// Runs `newsidx ARGS…` to its end; its wall time in milliseconds.
double timed_run(const std::vector<std::string>& args) {
  const auto t0 = Clock::now();
  const auto r = run_newsidx(args);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

}  // namespace

TEST_CASE(
    "an ingest killed at 24 points of its run: sound each time, and a re-run gives what "
    "a clean ingest gives",
    "[faults][crash]") {
  TempDir dir;
  const fs::path in = dir.path() / "in";
  constexpr int kFiles = 800;
  const std::vector<fs::path> files = make_articles(in, kFiles);
  // Files an hour old: an ingest trusts their size and time stamp, so that
  // every run of a kind does the same work (it reads again files younger
  // than 2 s).
  const auto an_hour_ago = fs::file_time_type::clock::now() - std::chrono::hours(1);
  for (const fs::path& f : files) fs::last_write_time(f, an_hour_ago);
  // 40 files that some runs find rewritten: version 1 (longer) and back to
  // version 0 in turn, so that those runs replace articles.
  int version = 0;
  auto toggle = [&] {
    version = 1 - version;
    for (int k = 0; k < 40; ++k) {
      const int i = (k * 61) % kFiles;
      write_file(files[static_cast<std::size_t>(i)], article_text(i, version));
      fs::last_write_time(files[static_cast<std::size_t>(i)], an_hour_ago);
    }
  };
  auto ingest_args = [&](const std::string& db, const std::vector<std::string>& options) {
    std::vector<std::string> args = {"--db", db, "ingest", "-q"};
    args.insert(args.end(), options.begin(), options.end());
    args.push_back(in.string());
    return args;
  };

  // The kinds of run that are killed, each timed twice on this build and
  // machine (the shorter time counts: a kill must come before the end), and
  // what a clean ingest gives for each version of the files.
  struct Kind {
    const char* name;
    std::vector<std::string> options;
    double ms = 1e9;
  };
  std::vector<Kind> kinds = {{"fresh", {}},
                             {"--force after a rewrite", {"--force", "--jobs", "1"}},
                             {"plain after a rewrite", {}}};
  std::map<int, Outcome> clean;
  for (int v = 0; v < 2; ++v) {
    const std::string ref = dir / ("clean" + std::to_string(version) + ".db");
    kinds[0].ms = std::min(kinds[0].ms, timed_run(ingest_args(ref, {})));
    clean[version] = outcome_of(ref);
    toggle();
  }
  REQUIRE(clean[0] != clean[1]);
  const std::string scratch = dir / "scratch.db";
  fs::copy_file(dir / "clean0.db", scratch);
  for (Kind* kind : {&kinds[1], &kinds[2]}) {
    for (int twice = 0; twice < 2; ++twice) {
      toggle();
      kind->ms = std::min(kind->ms, timed_run(ingest_args(scratch, kind->options)));
    }
  }

  // Round r kills a run of kind r % 3 at a fraction of its time: 8 points
  // per kind evenly spread over the first 90 % of the run. When runs ended
  // before their kill (a machine that got faster), more rounds follow, at
  // the same points over the first 45 %, until 20 runs were killed running.
  constexpr int kRounds = 24;
  constexpr int kMostRounds = 48;
  constexpr int kKilledRunning = 20;
  const std::string db = dir / "n.db";
  int rounds = 0;
  int killed_running = 0;
  std::string report;  // kind, fraction, killed (k) or ended (e), articles found
  for (; rounds < kMostRounds && (rounds < kRounds || killed_running < kKilledRunning); ++rounds) {
    const std::size_t kind = static_cast<std::size_t>(rounds) % kinds.size();
    if (kind == 0) {
      for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(db + suffix);
    } else {
      toggle();
    }
    const double fraction = (rounds / 3 % 8 + 0.5) / 8 * (rounds < kRounds ? 0.9 : 0.45);
    const auto delay =
        std::chrono::microseconds(static_cast<long>(1000 * kinds[kind].ms * fraction));
    INFO("round " << rounds << ", " << kinds[kind].name << ": killed after " << delay.count() / 1000
                  << " ms of " << static_cast<int>(kinds[kind].ms) << " ms");
    const pid_t pid = start_child(ingest_args(db, kinds[kind].options), ChildSetup{});
    std::this_thread::sleep_for(delay);
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    if (WIFSIGNALED(status)) ++killed_running;
    report += std::to_string(kind) + "/" + std::to_string(fraction).substr(0, 4) +
              (WIFSIGNALED(status) ? "/k/" : "/e/") +
              std::to_string(fs::exists(db) ? check_sound(db) : -1) + " ";

    // A run to the end gives what a clean ingest of the same files gives.
    const auto again = run_newsidx(ingest_args(db, {}));
    INFO(again.err);
    REQUIRE(again.exit_code == 0);
    CHECK(outcome_of(db) == clean[version]);
  }
  WARN(killed_running << " of " << rounds << " runs killed while running (" << kinds[0].ms << ", "
                      << kinds[1].ms << ", " << kinds[2].ms << " ms); kind/fraction/"
                      << "killed/articles: " << report);
  CHECK(killed_running >= kKilledRunning);
  check_sound(db);
  check_exactly(db, files);
}

TEST_CASE("a schema upgrade killed at any point leaves the older version, sound and complete",
          "[faults][crash][schema]") {
  // An older database: made by this build, then marked as version 1, so that
  // opening it re-indexes every article in one transaction (schema.cpp).
  TempDir dir;
  const std::vector<fs::path> files = make_articles(dir.path() / "in", 1500);
  const std::string made = dir / "made.db";
  REQUIRE(run_newsidx({"--db", made, "ingest", "-q", dir / "in"}).exit_code == 0);
  const auto mark_old = [](const std::string& path) {
    const DbPtr db = open_db(path);
    REQUIRE(exec_error(db.get(), "PRAGMA user_version=1") == "");
  };
  mark_old(made);
  const auto version_of = [](const std::string& path) {
    const DbPtr db = open_db(path);
    return query_int(db.get(), "PRAGMA user_version");
  };
  const std::string db = dir / "n.db";
  const auto fresh_copy = [&] {
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(db + suffix);
    fs::copy_file(made, db);
  };
  // How long an upgrade takes here: the kills are spread over that time.
  fresh_copy();
  const auto t0 = Clock::now();
  REQUIRE(run_newsidx({"--db", db, "stats", "--json"}).exit_code == 0);
  const double full_ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
  REQUIRE(version_of(db) == newsidx::kSchemaVersion);

  // Ten points spread over the first 90 % of an upgrade; when a busy
  // machine let runs end before their kill, more rounds at earlier points,
  // until half of the runs were killed while running.
  constexpr int kPoints = 10;
  constexpr int kMostRounds = 40;
  int killed_running = 0;
  int rounds = 0;
  for (; rounds < kMostRounds && (rounds < kPoints || killed_running < kPoints / 2); ++rounds) {
    fresh_copy();
    const double fraction =
        (rounds % kPoints + 0.5) / kPoints * 0.9 / static_cast<double>(1 << (rounds / kPoints));
    const auto delay = std::chrono::microseconds(static_cast<long>(1000 * full_ms * fraction));
    INFO("killed after " << delay.count() / 1000 << " ms of " << full_ms << " ms");
    const pid_t pid = start_child({"--db", db, "stats", "--json"}, ChildSetup{});
    std::this_thread::sleep_for(delay);
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    if (WIFSIGNALED(status)) ++killed_running;
    // Either the old version, whole, or the new one, whole.
    const std::int64_t version = version_of(db);
    CHECK((version == 1 || version == newsidx::kSchemaVersion));
    CHECK(check_sound(db) == 1500);
    // A later command finishes the job.
    const auto again = run_newsidx({"--db", db, "search", "--count", "grève"});
    INFO(again.err);
    CHECK(again.exit_code == 0);
    CHECK(version_of(db) == newsidx::kSchemaVersion);
    check_exactly(db, files);
  }
  WARN(killed_running << " of " << rounds << " upgrades killed while running (" << full_ms
                      << " ms each)");
  CHECK(killed_running >= kPoints / 2);
}

TEST_CASE("a database of schema 1 that nobody here may write is refused, untouched",
          "[faults][readonly][schema]") {
  TempDir dir;
  const fs::path folder = dir.path() / "db";
  fs::create_directories(folder);
  const std::string db = (folder / "v1.db").string();
  fs::copy_file(fs::path(NEWSIDX_SOURCE_DIR) / "tests/fixtures/schema1.db", db);
  readable_by_all(dir.path());
  if (::geteuid() != 0) {
    fs::permissions(db, fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
  }
  const std::string before = read_file(db);
  const auto r = run_restricted({"--db", db, "search", "alep"}, dir);
  INFO(r.err);
  CHECK(r.exit_code == 2);
  CHECK(last_line(r.err) == "newsidx: error: " + db +
                                " has schema 1 of an older newsidx: it must be upgraded by a user "
                                "who may write it");
  CHECK(read_file(db) == before);
}

TEST_CASE("the content-comparing FTS5 check sees an index that disagrees with its articles",
          "[faults][crash]") {
  TempDir dir;
  const std::string db = dir / "n.db";
  make_articles(dir.path() / "in", 20);
  REQUIRE(run_newsidx({"--db", db, "ingest", "-q", dir / "in"}).exit_code == 0);
  CHECK(check_sound(db) == 20);
  const std::string sound = read_file(db);

  // Tampering under the index: a changed article text, then a deleted row.
  for (const char* tamper :
       {"UPDATE article SET body = 'un tout autre texte' WHERE rowid = (SELECT min(rowid) FROM "
        "article)",
        "DELETE FROM article WHERE rowid = (SELECT max(rowid) FROM article)"}) {
    INFO(tamper);
    write_file(db, sound);
    const DbPtr conn = open_db(db);
    REQUIRE(exec_error(conn.get(), tamper) == "");
    CHECK(query_rows(conn.get(), "PRAGMA integrity_check")[0][0] == "ok");
    CHECK(exec_error(conn.get(), kFtsCheckPlain) == "");  // blind to it
    CHECK(exec_error(conn.get(), kFtsCheckContent) != "");
  }
}

TEST_CASE("an ingest on a full disk fails cleanly and keeps what was committed",
          "[faults][diskfull]") {
  TempDir dir;
  const std::string db = dir / "n.db";
  const std::vector<fs::path> first = make_articles(dir.path() / "first", 200);
  const auto r1 = run_newsidx({"--db", db, "ingest", "-q", dir / "first"});
  REQUIRE(r1.exit_code == 0);
  const auto committed_size = fs::file_size(db);

  // The second folder needs far more room than the limit leaves: the file
  // system refuses the writes (EFBIG, as when a disk fills up).
  const std::vector<fs::path> second = make_articles(dir.path() / "second", 1500, 200);
  ChildSetup limited;
  limited.file_size_limit = static_cast<rlim_t>(committed_size + 64 * 1024);
  const auto r2 = run_child({"--db", db, "ingest", dir / "second"}, limited, dir.path());
  INFO(r2.err);
  CHECK(r2.exit_code == 2);
  CHECK(last_line(r2.err).rfind("newsidx: error: ", 0) == 0);
  // Only complete batches: here, exactly the first ingest.
  CHECK(check_sound(db) == 200);
  check_exactly(db, first);

  // Without the limit, a re-run completes.
  const auto r3 = run_newsidx({"--db", db, "ingest", "-q", dir / "second"});
  INFO(r3.err);
  CHECK(r3.exit_code == 0);
  check_sound(db);
  std::vector<fs::path> all = first;
  all.insert(all.end(), second.begin(), second.end());
  check_exactly(db, all);
}

TEST_CASE("past the file size limit (ulimit -f) an ingest fails clearly, not by SIGXFSZ",
          "[faults][diskfull]") {
  TempDir dir;
  const std::string db = dir / "n.db";
  const std::vector<fs::path> files = make_articles(dir.path() / "in", 500);
  ChildSetup limited;
  limited.file_size_limit = 64 * 1024;  // far less than 500 articles take
  const auto r = run_child({"--db", db, "ingest", dir / "in"}, limited, dir.path());
  INFO(r.err);
  CHECK(r.exit_code == 2);  // not 128 + SIGXFSZ
  CHECK(last_line(r.err).rfind("newsidx: error: database " + db + ": ", 0) == 0);
  CHECK(last_line(r.err).ends_with("past the file size limit, ulimit -f)"));
  CHECK(last_line(r.err).find("File too large") != std::string::npos);
  check_sound(db);
  // Without the limit, a re-run stores everything.
  const auto again = run_newsidx({"--db", db, "ingest", "-q", dir / "in"});
  INFO(again.err);
  CHECK(again.exit_code == 0);
  check_exactly(db, files);
}

TEST_CASE("a read-only database can be searched, ingest fails clearly", "[faults][readonly]") {
  // Files the runner may read but not write: as root the binary runs as
  // `nobody` on root's files; otherwise the files are made read-only.
  TempDir dir;
  const fs::path folder = dir.path() / "db";
  const std::string db = (folder / "n.db").string();
  write_file(dir.path() / "in/a.txt", " date 2016-12 La reprise d’Alep est totale.\n");
  write_file(dir.path() / "in/b.txt", " date 2017-01 Une grève à Lyon.\n");
  write_file(dir.path() / "new/c.txt", " date 2018-01 Un texte neuf.\n");
  REQUIRE(run_newsidx({"--db", db, "ingest", "-q", dir / "in"}).exit_code == 0);
  readable_by_all(dir.path());
  const bool root = ::geteuid() == 0;
  if (!root)
    fs::permissions(db, fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
  const std::string before = read_file(db);

  auto check_reads = [&] {
    auto r = run_restricted({"--db", db, "search", "--json", "alep"}, dir);
    INFO(r.err);
    CHECK(r.exit_code == 0);
    CHECK(lines_of(r.out).size() == 1);
    r = run_restricted({"--db", db, "stats", "--json"}, dir);
    CHECK(r.exit_code == 0);
    if (r.exit_code == 0) CHECK(Json::parse(r.out)["articles"] == 2);
    r = run_restricted({"--db", db, "export"}, dir);
    CHECK(r.exit_code == 0);
    CHECK(lines_of(r.out).size() == 2);
    r = run_restricted({"--db", db, "show", "--json", dir / "in/b.txt"}, dir);
    CHECK(r.exit_code == 0);
    r = run_restricted({"--db", db, "ingest", dir / "new"}, dir);
    CHECK(r.exit_code == 2);
    CHECK(last_line(r.err).rfind("newsidx: error: ", 0) == 0);
    CHECK(r.err.find("read-only") != std::string::npos);
    CHECK(read_file(db) == before);
  };

  SECTION("in a folder the user may write to (WAL files can be created beside it)") {
    if (root) {
      REQUIRE(::chown(folder.c_str(), kUnprivileged, kUnprivileged) == 0);
    }
    check_reads();
  }
}

TEST_CASE("a read-only database in a read-only folder can be searched", "[faults][readonly]") {
  // The database is in WAL mode, and SQLite cannot read a WAL database whose
  // -shm file it can neither find nor create: the store then reads it as
  // immutable (no writer can be at work in a folder nobody can write to).
  TempDir dir;
  const fs::path folder = dir.path() / "db";
  const std::string db = (folder / "n.db").string();
  write_file(dir.path() / "in/a.txt", " date 2016-12 La reprise d’Alep est totale.\n");
  REQUIRE(run_newsidx({"--db", db, "ingest", "-q", dir / "in"}).exit_code == 0);
  readable_by_all(dir.path());
  if (::geteuid() != 0) {
    fs::permissions(db, fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
    fs::permissions(folder, fs::perms::owner_read | fs::perms::owner_exec);
  }
  const std::string before = read_file(db);
  auto r = run_restricted({"--db", db, "search", "--count", "alep"}, dir);
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out == "1\n");
  r = run_restricted({"--db", db, "stats", "--json"}, dir);
  INFO(r.err);
  CHECK(r.exit_code == 0);
  r = run_restricted({"--db", db, "ingest", dir / "in"}, dir);
  INFO(r.err);
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("is not a newsidx database") == std::string::npos);
  CHECK(r.err.find("cannot write to " + db) != std::string::npos);
  CHECK(read_file(db) == before);
}

TEST_CASE("a new database in a folder the user may not write says why", "[faults][readonly]") {
  TempDir dir;
  const fs::path folder = dir.path() / "locked";
  fs::create_directories(folder);
  write_file(dir.path() / "in/a.txt", " date 2016-12 La reprise d’Alep est totale.\n");
  readable_by_all(dir.path());
  if (::geteuid() != 0) {
    fs::permissions(folder, fs::perms::owner_read | fs::perms::owner_exec);
  }
  const std::string db = (folder / "n.db").string();
  const auto r = run_restricted({"--db", db, "ingest", dir / "in"}, dir);
  INFO(r.err);
  CHECK(r.exit_code == 2);
  CHECK(last_line(r.err) == "newsidx: error: cannot create " + db + ": the folder " +
                                folder.string() + " is not writable (Permission denied)");
  CHECK(fs::is_empty(folder));
}

TEST_CASE("every command says so when the database is a folder", "[faults]") {
  TempDir dir;
  write_file(dir.path() / "in/a.txt", " date 2016-12 La reprise d’Alep est totale.\n");
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"ingest", dir / "in"}, {"search", "alep"}, {"stats"}}) {
    std::vector<std::string> argv = {"--db", dir.path().string()};
    argv.insert(argv.end(), args.begin(), args.end());
    const auto r = run_newsidx(argv);
    CHECK(r.exit_code == 2);
    CHECK(r.err ==
          "newsidx: error: " + dir.path().string() + " is a folder, not a database file\n");
  }
}

TEST_CASE("unreadable files and folders are rejected with the system's reason",
          "[faults][permissions]") {
  TempDir dir;
  const fs::path in = dir.path() / "in";
  write_file(in / "ok.txt", " date 2016-12 Un texte lisible.\n");
  write_file(in / "secret.txt", " date 2016-12 Un texte illisible.\n");
  write_file(in / "closed/inside.txt", " date 2016-12 Un texte dans un dossier fermé.\n");
  readable_by_all(dir.path());
  fs::permissions(in / "secret.txt", fs::perms::none);
  fs::permissions(in / "closed", fs::perms::none);
  // The database folder must be writable by whoever runs the binary.
  const fs::path folder = dir.path() / "db";
  fs::create_directories(folder);
  if (::geteuid() == 0) REQUIRE(::chown(folder.c_str(), kUnprivileged, kUnprivileged) == 0);
  const std::string db = (folder / "n.db").string();

  const auto r = run_restricted({"--db", db, "ingest", "--json", in.string()}, dir);
  INFO(r.err);
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("newsidx: rejected: " + (in / "secret.txt").string() +
                   ": Permission denied\n") != std::string::npos);
  CHECK(r.err.find("newsidx: rejected: " + (in / "closed").string() + ": Permission denied\n") !=
        std::string::npos);
  REQUIRE(lines_of(r.out).size() == 1);
  const Json s = Json::parse(lines_of(r.out)[0]);
  CHECK(s["added"] == 1);
  CHECK(s["rejected"] == 2);
  fs::permissions(in / "closed", fs::perms::owner_all);
}

TEST_CASE("files that vanish while an ingest reads them are rejected, the rest is stored",
          "[faults][vanish]") {
  TempDir dir;
  const fs::path in = dir.path() / "in";
  constexpr int kFiles = 3000;
  const std::vector<fs::path> files = make_articles(in, kFiles);
  // A FIFO (never opened for writing), and a link to nothing.
  REQUIRE(::mkfifo((in / "fifo.txt").c_str(), 0644) == 0);
  fs::create_symlink(dir.path() / "nowhere.txt", in / "dangling.txt");

  // A third of the files are deleted, from the last one backwards, while the
  // ingest walks and reads them forwards.
  std::set<std::string> deleted;
  for (int i = kFiles - 1; i >= 0; i -= 3)
    deleted.insert(files[static_cast<std::size_t>(i)].string());
  std::atomic<bool> go{false};
  std::thread deleter([&] {
    while (!go.load()) std::this_thread::yield();
    for (auto it = deleted.rbegin(); it != deleted.rend(); ++it) {
      fs::remove(*it);
      std::this_thread::sleep_for(std::chrono::microseconds(50));
    }
  });
  const std::string db = dir / "n.db";
  go = true;
  const auto r = run_newsidx({"--db", db, "ingest", "--json", in.string()});
  deleter.join();
  INFO(r.err.substr(0, 2000));
  CHECK(r.exit_code == 1);
  REQUIRE(lines_of(r.out).size() == 1);
  const Json s = Json::parse(lines_of(r.out)[0]);

  // Every problem is one rejection line, with the system's reason.
  std::set<std::string> rejected;
  for (const std::string& line : lines_of(r.err)) {
    if (line.rfind("newsidx: rejected: ", 0) != 0) continue;
    const std::string rest = line.substr(19);
    const std::size_t colon = rest.rfind(": ");
    REQUIRE(colon != std::string::npos);
    const std::string path = rest.substr(0, colon);
    const std::string reason = rest.substr(colon + 2);
    rejected.insert(path);
    if (path == (in / "fifo.txt").string()) {
      CHECK(reason == "not a regular file");
    } else {
      CHECK(reason == "No such file or directory");
      CHECK((path == (in / "dangling.txt").string() || deleted.count(path) == 1));
    }
  }
  CHECK(rejected.count((in / "fifo.txt").string()) == 1);
  CHECK(rejected.count((in / "dangling.txt").string()) == 1);
  CHECK(s["rejected"] == static_cast<int>(rejected.size()));
  CHECK(s["files"] == s["added"].get<int>() + s["rejected"].get<int>());
  WARN(rejected.size() - 2 << " files vanished between the walk and their reading; "
                           << kFiles + 2 - s["files"].get<int>() << " before the walk");

  // Every file still there is stored, once; a vanished one at most once.
  check_sound(db);
  const auto paths = stored_paths(db);
  for (const fs::path& f : files) {
    const auto it = paths.find(f.string());
    if (deleted.count(f.string()) == 0) {
      CHECK(it != paths.end());
    }
    if (it != paths.end()) CHECK(it->second == 1);
  }
  CHECK(paths.size() == static_cast<std::size_t>(s["added"].get<int>()));
}

TEST_CASE("files rewritten while an ingest reads them: sound, and a re-run catches up",
          "[faults][vanish]") {
  TempDir dir;
  const fs::path in = dir.path() / "in";
  constexpr int kFiles = 2000;
  const std::vector<fs::path> files = make_articles(in, kFiles);
  std::atomic<bool> go{false};
  std::thread writer([&] {
    while (!go.load()) std::this_thread::yield();
    // Truncated, then rewritten longer: a reader may see nothing, a part or all.
    for (int i = kFiles - 1; i >= 0; i -= 2) {
      const fs::path& f = files[static_cast<std::size_t>(i)];
      { std::ofstream truncate(f, std::ios::trunc); }
      write_file(f, article_text(i, 1));
    }
  });
  const std::string db = dir / "n.db";
  go = true;
  const auto r = run_newsidx({"--db", db, "ingest", "-q", in.string()});
  writer.join();
  INFO(r.err.substr(0, 2000));
  CHECK((r.exit_code == 0 || r.exit_code == 1));  // a file caught empty is rejected
  check_sound(db);

  // The sizes changed: the next run reads the rewritten files again.
  const auto again = run_newsidx({"--db", db, "ingest", "-q", in.string()});
  INFO(again.err);
  CHECK(again.exit_code == 0);
  check_sound(db);
  check_exactly(db, files);
  CHECK(count_matches(db, "réécrit") == kFiles / 2);
}

TEST_CASE("a damaged database file: a clear error, never a crash, the file untouched",
          "[faults][damaged]") {
  TempDir dir;
  write_file(dir / "in/a.txt", " date 2016-12 La reprise d’Alep est totale.\n");
  write_file(dir / "in/b.txt", " date 2017-01 Une grève à Lyon.\n");
  const std::string good = dir / "good.db";
  REQUIRE(run_newsidx({"--db", good, "ingest", "-q", dir / "in"}).exit_code == 0);
  const std::string good_bytes = read_file(good);
  REQUIRE(good_bytes.size() > 8192);

  const std::vector<std::vector<std::string>> commands = {
      {"ingest", dir / "in"}, {"search", "alep"},  {"search", "--count", "--date", "2016"},
      {"show", "0123abcd"},   {"stats", "--json"}, {"export"}};
  auto check_refused = [&](const std::string& db, const std::string& expect_in_message) {
    const std::string bytes = read_file(db);
    for (const auto& command : commands) {
      std::vector<std::string> args = {"--db", db};
      args.insert(args.end(), command.begin(), command.end());
      const auto r = run_newsidx(args);
      INFO(command[0] << ": " << r.err);
      CHECK(r.exit_code == 2);
      CHECK(last_line(r.err).rfind("newsidx: error: ", 0) == 0);
      CHECK(r.err.find(expect_in_message) != std::string::npos);
      CHECK(r.err.find("error: query:") == std::string::npos);  // not the user's fault
      CHECK(read_file(db) == bytes);
    }
  };

  SECTION("garbage") {
    std::mt19937 rng(7);
    std::string garbage(100000, '\0');
    for (char& c : garbage) c = static_cast<char>(rng());
    write_file(dir / "garbage.db", garbage);
    check_refused(dir / "garbage.db", "not a newsidx database");
  }
  SECTION("truncated to half") {
    write_file(dir / "half.db", good_bytes.substr(0, good_bytes.size() / 2));
    check_refused(dir / "half.db", "malformed");
  }
  SECTION("an SQLite database of another program") {
    const std::string other = dir / "other.db";
    sqlite3* raw = nullptr;
    REQUIRE(sqlite3_open(other.c_str(), &raw) == SQLITE_OK);
    DbPtr db(raw);
    REQUIRE(sqlite3_exec(db.get(), "CREATE TABLE notes(t TEXT); INSERT INTO notes VALUES('x');",
                         nullptr, nullptr, nullptr) == SQLITE_OK);
    db.reset();
    check_refused(other, "not a newsidx database");
  }
  SECTION("a newsidx database of a newer schema") {
    const std::string newer = dir / "newer.db";
    write_file(newer, good_bytes);
    {
      const DbPtr db = open_db(newer);
      REQUIRE(sqlite3_exec(db.get(), "PRAGMA user_version=99", nullptr, nullptr, nullptr) ==
              SQLITE_OK);
    }
    check_refused(newer, "newer newsidx");
  }
  SECTION("0 bytes: read commands say so, ingest creates the database") {
    const std::string empty = dir / "empty.db";
    write_file(empty, "");
    for (const auto& command : commands) {
      if (command[0] == "ingest") continue;
      std::vector<std::string> args = {"--db", empty};
      args.insert(args.end(), command.begin(), command.end());
      const auto r = run_newsidx(args);
      INFO(command[0] << ": " << r.err);
      CHECK(r.exit_code == 2);
      CHECK(r.err.find("empty database") != std::string::npos);
    }
    CHECK(read_file(empty).empty());
    const auto r = run_newsidx({"--db", empty, "ingest", "-q", dir / "in"});
    INFO(r.err);
    CHECK(r.exit_code == 0);
    CHECK(check_sound(empty) == 2);
    CHECK(count_matches(empty, "alep") == 1);
  }
}
