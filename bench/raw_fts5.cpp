// raw_fts5: the baseline of the benchmark — SQLite FTS5 alone, with its
// built-in `unicode61 remove_diacritics 2` tokenizer and no French analysis,
// doing the same jobs as newsidx on the same files.
//
//   raw_fts5 ingest DB FOLDER      all *.txt files, one transaction
//   raw_fts5 search DB QUERY [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--limit N]
//   raw_fts5 list DB --from YYYY-MM-DD [--to YYYY-MM-DD] [--limit N]
//
// `search` prints the best hits by BM25 with a snippet and the path, like
// `newsidx search`; `list` prints the newest articles in a date range. Dates
// are read from ISO `date` lines only (the baseline has no date parser).
#include <sqlite3.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

struct Db {
  std::unique_ptr<sqlite3, decltype(&sqlite3_close)> handle{nullptr, &sqlite3_close};
  explicit Db(const std::string& path) {
    sqlite3* raw = nullptr;
    if (sqlite3_open(path.c_str(), &raw) != SQLITE_OK)
      throw std::runtime_error("cannot open " + path);
    handle.reset(raw);
  }
  void exec(const char* sql) {
    char* err = nullptr;
    if (sqlite3_exec(handle.get(), sql, nullptr, nullptr, &err) != SQLITE_OK) {
      std::string msg = err != nullptr ? err : "error";
      sqlite3_free(err);
      throw std::runtime_error(msg);
    }
  }
};

struct Stmt {
  std::unique_ptr<sqlite3_stmt, decltype(&sqlite3_finalize)> handle{nullptr, &sqlite3_finalize};
  Stmt(Db& db, const std::string& sql) {
    sqlite3_stmt* raw = nullptr;
    if (sqlite3_prepare_v2(db.handle.get(), sql.c_str(), -1, &raw, nullptr) != SQLITE_OK) {
      throw std::runtime_error(sqlite3_errmsg(db.handle.get()));
    }
    handle.reset(raw);
  }
  sqlite3_stmt* get() const { return handle.get(); }
};

/// The ISO date of a ` date YYYY[-MM[-DD]] …` first line, as YYYY-MM-DD bounds.
std::pair<std::string, std::string> date_bounds(const std::string& text) {
  const auto pos = text.find("date ");
  if (pos == std::string::npos || pos > 8) return {};
  const std::string d = text.substr(pos + 5, 10);
  auto digits = [&](size_t from, size_t n) {
    for (size_t i = from; i < from + n; ++i) {
      if (i >= d.size() || d[i] < '0' || d[i] > '9') return false;
    }
    return true;
  };
  if (!digits(0, 4)) return {};
  const std::string y = d.substr(0, 4);
  if (d.size() >= 7 && d[4] == '-' && digits(5, 2)) {
    const std::string m = d.substr(5, 2);
    if (d.size() >= 10 && d[7] == '-' && digits(8, 2)) return {d, d};
    return {y + "-" + m + "-01", y + "-" + m + "-31"};
  }
  return {y + "-01-01", y + "-12-31"};
}

int ingest(const std::string& db_path, const std::string& folder) {
  Db db(db_path);
  db.exec(
      "PRAGMA journal_mode=WAL;"
      "CREATE VIRTUAL TABLE IF NOT EXISTS t USING fts5(path UNINDEXED, date_start UNINDEXED, "
      "date_end UNINDEXED, body, tokenize='unicode61 remove_diacritics 2');"
      "BEGIN;");
  Stmt ins(db, "INSERT INTO t(path, date_start, date_end, body) VALUES(?1, ?2, ?3, ?4)");
  long files = 0;
  for (const auto& e : fs::recursive_directory_iterator(folder)) {
    if (!e.is_regular_file() || e.path().extension() != ".txt") continue;
    std::ifstream in(e.path(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string text = ss.str();
    const auto [start, end] = date_bounds(text);
    const std::string path = e.path().string();
    sqlite3_bind_text(ins.get(), 1, path.c_str(), -1, SQLITE_TRANSIENT);
    if (start.empty()) {
      sqlite3_bind_null(ins.get(), 2);
      sqlite3_bind_null(ins.get(), 3);
    } else {
      sqlite3_bind_text(ins.get(), 2, start.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(ins.get(), 3, end.c_str(), -1, SQLITE_TRANSIENT);
    }
    sqlite3_bind_text(ins.get(), 4, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
    if (sqlite3_step(ins.get()) != SQLITE_DONE) throw std::runtime_error("insert failed");
    sqlite3_reset(ins.get());
    ++files;
  }
  db.exec("COMMIT;");
  std::printf("%ld files\n", files);
  return 0;
}

int query(const std::string& db_path, const std::string& match,
          const std::vector<std::string>& args) {
  std::string from;
  std::string to;
  int limit = 20;
  for (size_t i = 0; i + 1 < args.size(); i += 2) {
    if (args[i] == "--from") from = args[i + 1];
    if (args[i] == "--to") to = args[i + 1];
    if (args[i] == "--limit") limit = std::stoi(args[i + 1]);
  }
  Db db(db_path);
  std::string sql =
      match.empty() ? "SELECT rowid, path, substr(body, 1, 160) AS s, 0.0 AS score FROM t WHERE 1"
                    : "SELECT rowid, path, snippet(t, 3, '[', ']', '…', 24) AS s, "
                      "bm25(t) AS score FROM t WHERE t MATCH ?1";
  if (!from.empty()) sql += " AND date_end >= ?2";
  if (!to.empty()) sql += " AND date_start <= ?3";
  sql += match.empty() ? " ORDER BY date_start DESC" : " ORDER BY score";
  sql += " LIMIT ?4";
  Stmt q(db, sql);
  if (!match.empty()) sqlite3_bind_text(q.get(), 1, match.c_str(), -1, SQLITE_TRANSIENT);
  if (!from.empty()) sqlite3_bind_text(q.get(), 2, from.c_str(), -1, SQLITE_TRANSIENT);
  if (!to.empty()) sqlite3_bind_text(q.get(), 3, to.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int(q.get(), 4, limit);
  int rows = 0;
  while (sqlite3_step(q.get()) == SQLITE_ROW) {
    std::printf("%s\n  %s\n", reinterpret_cast<const char*>(sqlite3_column_text(q.get(), 1)),
                reinterpret_cast<const char*>(sqlite3_column_text(q.get(), 2)));
    ++rows;
  }
  return rows > 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const std::vector<std::string> args(argv + 1, argv + argc);
    if (args.size() >= 3 && args[0] == "ingest") return ingest(args[1], args[2]);
    if (args.size() >= 3 && args[0] == "search") {
      return query(args[1], args[2], std::vector<std::string>(args.begin() + 3, args.end()));
    }
    if (args.size() >= 2 && args[0] == "list") {
      return query(args[1], "", std::vector<std::string>(args.begin() + 2, args.end()));
    }
    std::fputs(
        "usage: raw_fts5 ingest DB FOLDER | search DB QUERY [--from D] [--to D] | "
        "list DB --from D [--to D]\n",
        stderr);
    return 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "raw_fts5: %s\n", e.what());
    return 2;
  }
}
