// libFuzzer target: any bytes as a user query (SPEC §5.3).
//
// to_fts5_match() must either throw Error(kQuery) with a "query: " message or
// return an expression that (1) holds nothing outside quoted strings but the
// FTS5 operators the translator prints — nothing the user typed reaches FTS5
// unquoted — and (2) FTS5 accepts: it is run, with the ranking, snippet and
// highlight functions the store uses, against a small in-memory table with
// the French tokenizer. Violations abort.
#include <sqlite3.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

#include "newsidx/error.hpp"
#include "newsidx/fts5_tokenizer.hpp"
#include "newsidx/query.hpp"

namespace {

[[noreturn]] void violated(const char* what, std::string_view detail = {}) {
  std::fprintf(stderr, "fuzz_query: invariant violated: %s [%.*s]\n", what,
               static_cast<int>(detail.size()), detail.data());
  std::abort();
}

/// True when `expr` is quoted strings (with `""` inside) joined only by
/// parentheses, spaces, AND, OR, NOT, column filters (`{title body} :`,
/// `title :`, `author :`, `source :`, `lead :`), `NEAR(… , N)` and a ` *`
/// after a string.
bool only_quoted_words(std::string_view expr) {
  std::size_t i = 0;
  while (i < expr.size()) {
    const char c = expr[i];
    if (c == '"') {
      for (++i;; ++i) {
        if (i >= expr.size()) return false;  // unterminated string
        if (expr[i] != '"') continue;
        if (i + 1 < expr.size() && expr[i + 1] == '"') {
          ++i;
          continue;
        }
        break;
      }
      ++i;
      if (expr.substr(i).starts_with(" *")) i += 2;
      continue;
    }
    if (c == '(' || c == ')' || c == ' ') {
      ++i;
      continue;
    }
    if (c == ',') {  // the distance of a NEAR group: `, N)`
      ++i;
      if (i < expr.size() && expr[i] == ' ') ++i;
      const std::size_t digits = i;
      while (i < expr.size() && expr[i] >= '0' && expr[i] <= '9') ++i;
      if (i == digits || i >= expr.size() || expr[i] != ')') return false;
      continue;
    }
    bool known = false;
    for (std::string_view op : {"AND ", "OR ", "NOT ", "NEAR(", "{title body} : ", "title : ",
                                "author : ", "source : ", "lead : "}) {
      if (expr.substr(i).starts_with(op)) {
        i += op.size();
        known = true;
        break;
      }
    }
    if (!known) return false;
  }
  return true;
}

struct DbCloser {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
struct StmtFinalizer {
  void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};
using StmtPtr = std::unique_ptr<sqlite3_stmt, StmtFinalizer>;

/// An in-memory FTS5 table shaped like the store's index, with a few
/// French articles in it, and the search statement prepared.
struct Index {
  std::unique_ptr<sqlite3, DbCloser> db;
  StmtPtr search;

  Index() {
    sqlite3* raw = nullptr;
    if (sqlite3_open(":memory:", &raw) != SQLITE_OK) violated("sqlite3_open");
    db.reset(raw);
    newsidx::register_french_tokenizer(db.get());
    const char* setup =
        "CREATE VIRTUAL TABLE t USING fts5(title, author, source, lead, body, "
        "tokenize='newsidx_french');"
        "INSERT INTO t VALUES('Reprise d’Alep', 'Claire Dupont', 'AFP', 'L’armée annonce la "
        "reprise totale d’Alep-Est.', 'L’armée annonce la reprise totale d’Alep-Est."
        " Les bombardements ont cessé.');"
        "INSERT INTO t VALUES('Grève des transports', NULL, 'Le Monde', 'Manifestations à Lyon', "
        "'Manifestations à Lyon : 350 000 personnes. Aujourd’hui, l’Élysée répond.');"
        "INSERT INTO t VALUES('Œuvre', NULL, NULL, NULL, 'Une oeuvre de Bombardier, élections "
        "et budget 2016.');";
    if (sqlite3_exec(db.get(), setup, nullptr, nullptr, nullptr) != SQLITE_OK) {
      violated("setup", sqlite3_errmsg(db.get()));
    }
    sqlite3_stmt* s = nullptr;
    const char* sql =
        "SELECT rowid, -bm25(t, 1.0, 1.0), snippet(t, -1, char(1), char(2), '…', 24), "
        "highlight(t, 4, '[', ']') FROM t WHERE t MATCH ?1 ORDER BY rank";
    if (sqlite3_prepare_v2(db.get(), sql, -1, &s, nullptr) != SQLITE_OK) {
      violated("prepare", sqlite3_errmsg(db.get()));
    }
    search.reset(s);
  }

  /// Runs the search; returns the SQLite error message, or "" on success.
  std::string run(const std::string& expr) {
    sqlite3_stmt* s = search.get();
    sqlite3_reset(s);
    sqlite3_bind_text(s, 1, expr.data(), static_cast<int>(expr.size()), SQLITE_TRANSIENT);
    int rc = SQLITE_ROW;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
    }
    std::string error = rc == SQLITE_DONE ? "" : sqlite3_errmsg(db.get());
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    return error;
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static Index index;
  const std::string_view query(reinterpret_cast<const char*>(data), size);
  std::string expr;
  try {
    expr = newsidx::to_fts5_match(query);
  } catch (const newsidx::Error& e) {
    if (e.code() != newsidx::ErrorCode::kQuery) violated("not a query error", e.what());
    if (!std::string_view(e.what()).starts_with("query: ")) violated("message", e.what());
    return 0;
  }
  if (!only_quoted_words(expr)) violated("unquoted text in the expression", expr);
  const std::string error = index.run(expr);
  if (!error.empty()) violated(("FTS5 rejects the expression: " + error).c_str(), expr);
  return 0;
}
