// The query language (SPEC §5.3): exact FTS5 strings, errors and their
// columns, hostile input, and proof that every expression produced is valid
// FTS5 (run against a real in-memory FTS5 table with the built-in unicode61
// tokenizer, the MATCH string bound as a parameter).
#include <sqlite3.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdint>
#include <fstream>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "newsidx/error.hpp"
#include "newsidx/query.hpp"
#include "newsidx/token_marks.hpp"
#include "support.hpp"

using newsidx::query_notes;
using newsidx::to_fts5_match;
using newsidx::test::repeat;

namespace {

// The message of the Error(kQuery) that translating `query` throws, or
// "(no error: …)" with the translation.
std::string error_of(std::string_view query) {
  try {
    return "(no error: " + to_fts5_match(query) + ")";
  } catch (const newsidx::Error& e) {
    CHECK(e.code() == newsidx::ErrorCode::kQuery);
    return e.what();
  }
}

struct DbCloser {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
struct StmtFinalizer {
  void operator()(sqlite3_stmt* stmt) const { sqlite3_finalize(stmt); }
};

// What running one MATCH expression gave.
struct MatchResult {
  std::vector<int64_t> rowids;  // ascending
  std::string error;            // sqlite3_errmsg when it failed, else empty
};

// An in-memory FTS5 table `t(title, body)` with the built-in unicode61
// tokenizer, holding a few short articles.
class Fts5Table {
 public:
  Fts5Table() {
    sqlite3* raw = nullptr;
    const int rc = sqlite3_open(":memory:", &raw);
    db_.reset(raw);
    REQUIRE(rc == SQLITE_OK);
    exec("CREATE VIRTUAL TABLE t USING fts5(title, body)");
    exec("CREATE TABLE x(a)");
  }

  void exec(const std::string& sql) {
    char* message = nullptr;
    const int rc = sqlite3_exec(db_.get(), sql.c_str(), nullptr, nullptr, &message);
    const std::string text = message != nullptr ? message : "";
    sqlite3_free(message);
    INFO(sql << ": " << text);
    REQUIRE(rc == SQLITE_OK);
  }

  void insert(int64_t rowid, std::string_view title, std::string_view body) {
    sqlite3_stmt* raw = nullptr;
    REQUIRE(sqlite3_prepare_v2(db_.get(), "INSERT INTO t(rowid, title, body) VALUES (?1, ?2, ?3)",
                               -1, &raw, nullptr) == SQLITE_OK);
    const std::unique_ptr<sqlite3_stmt, StmtFinalizer> stmt(raw);
    sqlite3_bind_int64(raw, 1, rowid);
    sqlite3_bind_text(raw, 2, title.data(), static_cast<int>(title.size()), nullptr);
    sqlite3_bind_text(raw, 3, body.data(), static_cast<int>(body.size()), nullptr);
    REQUIRE(sqlite3_step(raw) == SQLITE_DONE);
  }

  // Runs `expression` (bound as a parameter) as the right side of MATCH.
  [[nodiscard]] MatchResult match(const std::string& expression) const {
    MatchResult result;
    sqlite3_stmt* raw = nullptr;
    REQUIRE(sqlite3_prepare_v2(db_.get(), "SELECT rowid FROM t WHERE t MATCH ?1 ORDER BY rowid", -1,
                               &raw, nullptr) == SQLITE_OK);
    const std::unique_ptr<sqlite3_stmt, StmtFinalizer> stmt(raw);
    sqlite3_bind_text(raw, 1, expression.data(), static_cast<int>(expression.size()), nullptr);
    int rc = SQLITE_ROW;
    while ((rc = sqlite3_step(raw)) == SQLITE_ROW)
      result.rowids.push_back(sqlite3_column_int64(raw, 0));
    if (rc != SQLITE_DONE) result.error = sqlite3_errmsg(db_.get());
    return result;
  }

  // Every schema row and every stored row, to show that nothing changed.
  [[nodiscard]] std::string snapshot() const {
    std::string out;
    for (const char* sql :
         {"SELECT type || ' ' || name || ' ' || ifnull(sql, '') FROM sqlite_master "
          "ORDER BY name",
          "SELECT rowid || ' ' || title || ' ' || body FROM t ORDER BY rowid",
          "SELECT count(*) FROM x"}) {
      sqlite3_stmt* raw = nullptr;
      REQUIRE(sqlite3_prepare_v2(db_.get(), sql, -1, &raw, nullptr) == SQLITE_OK);
      const std::unique_ptr<sqlite3_stmt, StmtFinalizer> stmt(raw);
      while (sqlite3_step(raw) == SQLITE_ROW) {
        out += reinterpret_cast<const char*>(sqlite3_column_text(raw, 0));
        out += '\n';
      }
    }
    return out;
  }

 private:
  std::unique_ptr<sqlite3, DbCloser> db_;
};

// The table used for the meaning of queries (unicode61 folds case and
// accents and treats `=` as a separator, so `"=bombard" *` is a prefix query
// there too).
Fts5Table& articles() {
  static Fts5Table table = [] {
    Fts5Table t;
    t.insert(1, "Alep : le convoi est arrivé", "Les bombardements ont repris près de Homs.");
    t.insert(2, "Homs sous les obus", "La Russie dément toute participation au convoi.");
    t.insert(3, "Manifestations à Paris", "Des manifestations ont eu lieu aujourd'hui à Alep-Est.");
    t.insert(4, "Élections en Russie", "Le scrutin s'est déroulé sans surprise.");
    return t;
  }();
  return table;
}

// Translates `query`, requires FTS5 to accept the result, and returns the
// rows of articles() it selects.
std::vector<int64_t> rows_of(std::string_view query) {
  const std::string expression = to_fts5_match(query);
  const MatchResult result = articles().match(expression);
  INFO(query << " -> " << expression);
  REQUIRE(result.error.empty());
  return result.rowids;
}

// Requires the translation of `query`, when there is one, to be accepted by
// FTS5; returns it, or the error message.
std::string require_valid(Fts5Table& table, std::string_view query) {
  std::string expression;
  try {
    expression = to_fts5_match(query);
  } catch (const newsidx::Error& e) {
    CHECK(e.code() == newsidx::ErrorCode::kQuery);
    CHECK(std::string_view(e.what()).substr(0, 7) == "query: ");
    return e.what();
  }
  const MatchResult result = table.match(expression);
  INFO("query: " << query);
  INFO("fts5: " << expression);
  CHECK(result.error.empty());
  return expression;
}

using Case = std::pair<std::string, std::string>;

void check_translations(const std::vector<Case>& cases) {
  for (const auto& [query, expected] : cases) {
    INFO("query: " << query);
    CHECK(to_fts5_match(query) == expected);
    CHECK(articles().match(expected).error.empty());
  }
}

}  // namespace

TEST_CASE("each form of the query language becomes its FTS5 expression", "[query]") {
  check_translations({
      {"alep", R"(("alep" OR "=alep"))"},
      {"alep convoi", R"(("alep" OR "=alep") AND ("convoi" OR "=convoi"))"},
      {"alep AND convoi", R"(("alep" OR "=alep") AND ("convoi" OR "=convoi"))"},
      {R"("reprise d'Alep")", R"("reprise d'Alep")"},
      {"alep OR homs", R"(("alep" OR "=alep") OR ("homs" OR "=homs"))"},
      {"(alep OR homs) convoi",
       R"((("alep" OR "=alep") OR ("homs" OR "=homs")) AND ("convoi" OR "=convoi"))"},
      {"alep -russie", R"(("alep" OR "=alep") NOT "russie")"},
      {"-russie alep", R"(("alep" OR "=alep") NOT "russie")"},
      {"alep NOT russie", R"(("alep" OR "=alep") NOT "russie")"},
      {"alep AND NOT russie", R"(("alep" OR "=alep") NOT "russie")"},
      {"alep convoi -russie", R"((("alep" OR "=alep") AND ("convoi" OR "=convoi")) NOT "russie")"},
      {"alep -russie -iran", R"(("alep" OR "=alep") NOT ("russie" OR "iran"))"},
      {"alep -(russie OR iran)", R"(("alep" OR "=alep") NOT ("russie" OR "iran"))"},
      {"alep -(russie iran)", R"(("alep" OR "=alep") NOT ("russie" AND "iran"))"},
      {"alep -(russie iran) -homs", R"(("alep" OR "=alep") NOT (("russie" AND "iran") OR "homs"))"},
      {"(alep OR homs) -russie", R"((("alep" OR "=alep") OR ("homs" OR "=homs")) NOT "russie")"},
      {R"(alep -"armée russe")", R"(("alep" OR "=alep") NOT "armée russe")"},
      {"bombard*", R"("=bombard" *)"},
      {"bombard***", R"("=bombard" *)"},
      {"title:alep", R"(title : ("alep" OR "=alep"))"},
      {R"(title:"reprise d'Alep")", R"(title : "reprise d'Alep")"},
      {"title:(alep OR homs)", R"(title : (("alep" OR "=alep") OR ("homs" OR "=homs")))"},
      {"title:bombard*", R"(title : "=bombard" *)"},
      {"title:=manifestations", R"(title : "=manifestations")"},
      {"Title:alep", R"(title : ("alep" OR "=alep"))"},
      {"titre:alep", R"(title : ("alep" OR "=alep"))"},
      {"title: alep", R"(title : ("alep" OR "=alep"))"},
      {"title:(alep title:homs)", R"(title : (("alep" OR "=alep") AND ("homs" OR "=homs")))"},
      {"alep -title:russie", R"(("alep" OR "=alep") NOT title : "russie")"},
      {"title:(alep -russie)", R"(title : (("alep" OR "=alep") NOT "russie"))"},
      {"=manifestations", R"("=manifestations")"},
      {"==manifestations", R"("=manifestations")"},
      {"=bombard*", R"("=bombard" *)"},
      {R"(="reprise d'Alep")", R"("=reprise =d'Alep")"},
      {R"("reprise d'Al"*)", R"("=reprise =d'Al" *)"},
      {R"(  "  reprise    d'Alep  "  )", R"("reprise d'Alep")"},
      {"d'Alep Alep-Est aujourd’hui",
       R"(("d'Alep" OR "=d'Alep") AND ("Alep-Est" OR "=Alep-Est") AND ("aujourd’hui" OR "=aujourd’hui"))"},
      {"((alep))", R"(("alep" OR "=alep"))"},
      {"(alep) (convoi)", R"(("alep" OR "=alep") AND ("convoi" OR "=convoi"))"},
      {"http://x.fr/a?b=c", R"(("http://x.fr/a?b=c" OR "=http://x.fr/a?b=c"))"},
      {"alep\tconvoi\r\n", R"(("alep" OR "=alep") AND ("convoi" OR "=convoi"))"},
      {"350\u00a0000", "(\"350\u00a0000\" OR \"=350\u00a0000\")"},  // a no-break space stays inside
                                                                    // the number
  });
}

TEST_CASE("translated queries select what they mean (unicode61 table)", "[query]") {
  using Rows = std::vector<int64_t>;
  CHECK(rows_of("alep convoi") == Rows{1});
  CHECK(rows_of("alep OR homs") == Rows{1, 2, 3});
  CHECK(rows_of("(alep OR homs) convoi") == Rows{1, 2});
  CHECK(rows_of("convoi -russie") == Rows{1});
  CHECK(rows_of("convoi NOT russie") == Rows{1});
  CHECK(rows_of("homs -(russie OR bombardements)") == Rows{});
  CHECK(rows_of("homs -russie -convoi") == Rows{});
  CHECK(rows_of("homs -russie") == Rows{1});
  CHECK(rows_of("bombard*") == Rows{1});
  CHECK(rows_of("homs") == Rows{1, 2});
  CHECK(rows_of("title:homs") == Rows{2});
  CHECK(rows_of("title:(alep OR russie)") == Rows{1, 4});
  CHECK(rows_of("russie -title:russie") == Rows{2});
  CHECK(rows_of(R"("convoi est arrivé")") == Rows{1});
  CHECK(rows_of(R"("arrivé convoi")") == Rows{});
  CHECK(rows_of("alep-est") == Rows{3});
  CHECK(rows_of("=manifestations") == Rows{3});
  // Precedence: AND binds tighter than OR.
  CHECK(rows_of("paris elections OR convoi") == Rows{1, 2});
  CHECK(rows_of("paris (elections OR convoi)") == Rows{});
}

TEST_CASE("operators are upper case and stand alone, anything else is a word", "[query]") {
  check_translations({
      {"alep or homs", R"(("alep" OR "=alep") AND ("or" OR "=or") AND ("homs" OR "=homs"))"},
      {"alep Or homs", R"(("alep" OR "=alep") AND ("Or" OR "=Or") AND ("homs" OR "=homs"))"},
      {"alep and homs", R"(("alep" OR "=alep") AND ("and" OR "=and") AND ("homs" OR "=homs"))"},
      {"alep not homs", R"(("alep" OR "=alep") AND ("not" OR "=not") AND ("homs" OR "=homs"))"},
      {"alep -OR", R"(("alep" OR "=alep") NOT "OR")"},
      {"title:OR", R"(title : ("OR" OR "=OR"))"},
      {"ORANGE ANDROID NOTRE",
       R"(("ORANGE" OR "=ORANGE") AND ("ANDROID" OR "=ANDROID") AND ("NOTRE" OR "=NOTRE"))"},
      {"(alep)OR(homs)", R"(("alep" OR "=alep") OR ("homs" OR "=homs"))"},
      {R"("alep"OR)", R"("alep" AND ("OR" OR "=OR"))"},
      {"alep-russie", R"(("alep-russie" OR "=alep-russie"))"},
      {"- alep", R"(("alep" OR "=alep"))"},
  });
}

TEST_CASE("NOT binds tightest, then AND, then OR", "[query]") {
  check_translations({
      {"a b OR c", R"((("a" OR "=a") AND ("b" OR "=b")) OR ("c" OR "=c"))"},
      {"a OR b c", R"(("a" OR "=a") OR (("b" OR "=b") AND ("c" OR "=c")))"},
      {"a AND b OR c AND d",
       R"((("a" OR "=a") AND ("b" OR "=b")) OR (("c" OR "=c") AND ("d" OR "=d")))"},
      {"a OR b -c", R"(("a" OR "=a") OR (("b" OR "=b") NOT "c"))"},
      {"a b OR c -d", R"((("a" OR "=a") AND ("b" OR "=b")) OR (("c" OR "=c") NOT "d"))"},
      {"a (b OR c)", R"(("a" OR "=a") AND (("b" OR "=b") OR ("c" OR "=c")))"},
      {"a OR (b OR c)", R"(("a" OR "=a") OR ("b" OR "=b") OR ("c" OR "=c"))"},
      {"-a b", R"(("b" OR "=b") NOT "a")"},
      {"a -b OR c", R"((("a" OR "=a") NOT "b") OR ("c" OR "=c"))"},
      {"(a OR b) (c OR d) -e",
       R"(((("a" OR "=a") OR ("b" OR "=b")) AND (("c" OR "=c") OR ("d" OR "=d"))) NOT "e")"},
  });
}

TEST_CASE("words without a letter or digit are dropped", "[query]") {
  check_translations({
      {"alep « » — …", R"(("alep" OR "=alep"))"},
      {"alep OR !!!", R"(("alep" OR "=alep"))"},
      {"alep -!!!", R"(("alep" OR "=alep"))"},
      {"alep (!!! ¿¿)", R"(("alep" OR "=alep"))"},
      {"* alep *", R"(("alep" OR "=alep"))"},
      {R"(alep "" " « ")", R"(("alep" OR "=alep"))"},
      {"alep = =*", R"(("alep" OR "=alep"))"},
      {"l' alep", R"(("l'" OR "=l'") AND ("alep" OR "=alep"))"},
  });
  for (const char* nothing :
       {"", "   ", "« — »", "***", "\"\"", "-", "=", "(« »)", "title:…", "!!! OR ¿¿", "\t\n"}) {
    INFO(nothing);
    CHECK(error_of(nothing) == "query: no searchable word");
  }
}

TEST_CASE("syntax errors name the problem and its column", "[query]") {
  const std::vector<Case> cases = {
      {R"(alep "reprise d'Alep)", "query: unterminated phrase starting at column 6"},
      {R"(convoi "reprise)", "query: unterminated phrase starting at column 8"},
      {R"(alep ="reprise)", "query: unterminated phrase starting at column 6"},
      {R"(alep title:"x)", "query: unterminated phrase starting at column 12"},
      {"(alep", "query: unbalanced parenthesis at column 1"},
      {"alep)", "query: unbalanced parenthesis at column 5"},
      {"(alep OR (homs)", "query: unbalanced parenthesis at column 1"},
      {"alep (homs))", "query: unbalanced parenthesis at column 12"},
      {")", "query: unbalanced parenthesis at column 1"},
      {"()", "query: empty parentheses at column 1"},
      {"alep (  )", "query: empty parentheses at column 6"},
      {"alep OR", "query: OR at column 6 has nothing on its right"},
      {"alep OR OR homs", "query: OR at column 6 has nothing on its right"},
      {"alep OR AND homs", "query: OR at column 6 has nothing on its right"},
      {"(alep OR) homs", "query: OR at column 7 has nothing on its right"},
      {"OR alep", "query: OR at column 1 has nothing on its left"},
      {"(OR alep)", "query: OR at column 2 has nothing on its left"},
      {"alep AND", "query: AND at column 6 has nothing on its right"},
      {"alep AND OR homs", "query: AND at column 6 has nothing on its right"},
      {"AND alep", "query: AND at column 1 has nothing on its left"},
      {"alep NOT", "query: NOT at column 6 has nothing on its right"},
      {"alep NOT OR homs", "query: NOT at column 6 has nothing on its right"},
      {"NOT NOT alep", "query: double exclusion at column 5"},
      {"alep NOT -russie", "query: double exclusion at column 10"},
      {"title:", "query: title: at column 1 must be followed by a word, a phrase or parentheses"},
      {"alep title:  ",
       "query: title: at column 6 must be followed by a word, a phrase or parentheses"},
      {"title: OR alep",
       "query: title: at column 1 must be followed by a word, a phrase or parentheses"},
      {"(title:)", "query: title: at column 2 must be followed by a word, a phrase or parentheses"},
      {"-russie", "query: exclusion at column 1 has nothing to exclude from"},
      {"NOT russie", "query: exclusion at column 1 has nothing to exclude from"},
      {"-russie -iran", "query: exclusion at column 1 has nothing to exclude from"},
      {"!!! -russie", "query: exclusion at column 5 has nothing to exclude from"},
      {"alep OR -russie", "query: exclusion at column 9 has nothing to exclude from"},
      {"alep -(-russie)", "query: exclusion at column 8 has nothing to exclude from"},
      {"title:(-russie)", "query: exclusion at column 8 has nothing to exclude from"},
  };
  for (const auto& [query, message] : cases) {
    INFO("query: " << query);
    CHECK(error_of(query) == message);
  }
}

TEST_CASE("columns count code points, not bytes", "[query]") {
  CHECK(error_of("« alep » OR") == "query: OR at column 10 has nothing on its right");
  CHECK(error_of("élection \"x") == "query: unterminated phrase starting at column 10");
  // Quotes are balanced, whichever side is missing; all French quotes count.
  CHECK(error_of("alep title:«") == "query: unterminated phrase starting at column 12");
  CHECK(error_of("l\"armée") == "query: unterminated phrase starting at column 2");
  CHECK(error_of("alep\"; DELETE FROM t; --") == "query: unterminated phrase starting at column 5");
  CHECK(error_of("gilets jaunes »") == "query: closing quote without an opening one at column 15");
  CHECK(error_of("“gilets jaunes””") == "query: closing quote without an opening one at column 16");
  CHECK(error_of("NEAR(alep «)") == "query: unterminated phrase starting at column 11");
  CHECK(error_of("NEAR(alep »)") == "query: closing quote without an opening one at column 11");
  CHECK(to_fts5_match("« gilets jaunes »") == R"("gilets jaunes")");
  CHECK(to_fts5_match("«\u202Fgilets jaunes\u202F»") == "\"\u202Fgilets jaunes\u202F\"");
  CHECK(to_fts5_match("“gilets jaunes” OR \"bonnets rouges»") ==
        R"("gilets jaunes" OR "bonnets rouges")");
  CHECK(to_fts5_match("NEAR(« gilets jaunes » Paris)") == R"(NEAR("gilets jaunes" "Paris", 10))");
  CHECK(error_of("😀 (alep") == "query: unbalanced parenthesis at column 3");
  CHECK(error_of("aujourd’hui AND") == "query: AND at column 13 has nothing on its right");
}

TEST_CASE("invalid UTF-8 is an error at its column", "[query]") {
  CHECK(error_of("alep \xff") == "query: invalid UTF-8 at column 6");
  CHECK(error_of("«\xc3") == "query: invalid UTF-8 at column 2");           // truncated
  CHECK(error_of("a\xc0\xaf") == "query: invalid UTF-8 at column 2");       // overlong '/'
  CHECK(error_of("é \xed\xa0\x80") == "query: invalid UTF-8 at column 3");  // surrogate
  CHECK(error_of("\"unterminated \xfe") == "query: invalid UTF-8 at column 15");
}

TEST_CASE("NUL bytes and control characters separate words", "[query]") {
  using namespace std::string_literals;
  CHECK(to_fts5_match("alep\0convoi"s) == R"(("alep" OR "=alep") AND ("convoi" OR "=convoi"))");
  CHECK(to_fts5_match("\"reprise\0d'Alep\""s) == R"("reprise d'Alep")");
  CHECK(to_fts5_match("alep\x01\x7f\u0085homs"s) ==
        R"(("alep" OR "=alep") AND ("homs" OR "=homs"))");
  CHECK(to_fts5_match("alep\x1b[31m") == R"(("alep" OR "=alep") AND ("[31m" OR "=[31m"))");
  CHECK(to_fts5_match("\0\0alep\0"s) == R"(("alep" OR "=alep"))");
  CHECK(error_of("\0"s) == "query: no searchable word");
  CHECK(error_of("\0(alep"s) == "query: unbalanced parenthesis at column 2");
}

TEST_CASE("hostile input stays inside quoted strings and changes nothing", "[query]") {
  check_translations({
      // NEAR is an operator of the query language: its phrases are quoted.
      {"NEAR(alep homs)", R"(NEAR("alep" "homs", 10))"},
      {"alep NEAR homs", R"(NEAR("alep" "homs", 10))"},
      {"NEAR(alep homs, 2)", R"(NEAR("alep" "homs", 2))"},
      {"near(alep homs)", R"(("near" OR "=near") AND ("alep" OR "=alep") AND ("homs" OR "=homs"))"},
      {"^alep", R"(("^alep" OR "=^alep"))"},
      {"{title}:alep", R"(("{title}:alep" OR "={title}:alep"))"},
      {"{title body}:alep", R"(("{title" OR "={title") AND ("body}:alep" OR "=body}:alep"))"},
      {"body:alep", R"(("body:alep" OR "=body:alep"))"},
      {"-title : alep", R"(("alep" OR "=alep") NOT "title")"},
      {"alep + homs", R"(("alep" OR "=alep") AND ("homs" OR "=homs"))"},
      {"a\"b\"c", R"(("a" OR "=a") AND "b" AND ("c" OR "=c"))"},
      {R"("a""b")", R"("a" AND "b")"},
      {"'; DROP TABLE t; --",
       R"(("DROP" OR "=DROP") AND ("TABLE" OR "=TABLE") AND ("t;" OR "=t;"))"},
      {"x' OR '1'='1", R"(("x'" OR "=x'") OR ("'1'='1" OR "='1'='1"))"},
      {"title:alep:homs", R"(title : ("alep:homs" OR "=alep:homs"))"},
      {"alep*homs", R"(("alep*homs" OR "=alep*homs"))"},
      {"*alep", R"(("*alep" OR "=*alep"))"},
  });

  Fts5Table table;
  table.insert(1, "Alep", "Le convoi.");
  table.insert(2, "Homs", "Les \"guillemets\" et l'apostrophe.");
  const std::string before = table.snapshot();
  const std::vector<std::string> attacks = {
      "NEAR(",
      "NEAR(a b",
      "NEAR/2",
      "alep NEAR/3 homs",
      "*",
      "**",
      "* *",
      "^",
      "^alep ^",
      ":",
      "title:",
      "title: :",
      "{",
      "}",
      "{title}",
      "{title}:",
      "- title:alep",
      "-title:alep",
      "a + b",
      "a +",
      "\"",
      "\"\"\"",
      "\"a\"\"b\"",
      "\"a\" \"",
      "alep\" OR \"x",
      "a\"",
      "'",
      "''",
      "'; DROP TABLE t; --",
      "'); DROP TABLE x; --",
      "\"); DROP TABLE x; --",
      "1; DELETE FROM t",
      "x' OR '1'='1",
      "alep) OR (1=1",
      "%",
      "_",
      "\\",
      "\\\"",
      "rank MATCH 'x'",
      "t MATCH 'alep' OR 1=1",
      "alep AND",
      "AND",
      "OR",
      "NOT",
      "- -",
      "NOT -",
      "(",
      ")",
      ")(",
      "(()",
      "title:(",
      "title:)",
      "=",
      "=\"",
      "=*",
      "*=",
      "alep*\"",
      "alep^homs",
      "col:alep",
      "body : alep",
      "alep OR",
      "(alep OR homs",
      "\xff",
      "\xc3\x28",
      "alep\xe2\x82",
      "title:title:title:alep",
      "-(-(-alep))",
      "alep -(-(homs))",
      "alep -(homs -(convoi))",
      "\"NEAR(a b)\" OR \"x\"",
  };
  for (const std::string& attack : attacks) {
    INFO("query: " << attack);
    require_valid(table, attack);
  }
  CHECK(table.snapshot() == before);
}

TEST_CASE("100 kB queries are translated and accepted by FTS5", "[query]") {
  Fts5Table table;
  table.insert(1, "alep", "homs");
  // A word repeated counts once (FTS5's work per row grows with the square
  // of the number of phrases).
  const std::string words = repeat("alep ", 20000);  // 100 kB
  const std::string expression = to_fts5_match(words);
  CHECK(expression == R"(("alep" OR "=alep"))");
  CHECK(table.match(expression).rowids == std::vector<int64_t>{1});
  CHECK(to_fts5_match(repeat("alep OR ", 12500) + "homs") ==
        R"(("alep" OR "=alep") OR ("homs" OR "=homs"))");
  CHECK(to_fts5_match("homs" + repeat(" -alep", 16000)) == R"(("homs" OR "=homs") NOT "alep")");
  // Only what is written the same is merged.
  CHECK(to_fts5_match("alep =alep alep* Alep") ==
        R"(("alep" OR "=alep") AND "=alep" AND "=alep" * AND ("Alep" OR "=Alep"))");

  std::string distinct;  // 100 kB of different words
  for (int i = 0; distinct.size() < 100000; ++i) distinct += "mot" + std::to_string(i) + ' ';
  const std::string all = to_fts5_match(distinct);
  CHECK(all.rfind(R"(("mot0" OR "=mot0") AND ("mot1" OR "=mot1") AND ("mot2" OR "=mot2")", 0) == 0);
  CHECK(table.match(all).error.empty());

  std::string alternatives = "homs";
  for (int i = 0; i < 12500; ++i) alternatives += " OR alep" + std::to_string(i);
  CHECK(table.match(to_fts5_match(alternatives)).rowids == std::vector<int64_t>{1});

  std::string exclusions = "homs";
  for (int i = 0; i < 16000; ++i) exclusions += " -alep" + std::to_string(i);
  exclusions += " -alep";
  const std::string excluded = to_fts5_match(exclusions);
  CHECK(excluded.rfind(R"(("homs" OR "=homs") NOT ("alep0" OR "alep1" OR )", 0) == 0);
  const MatchResult none = table.match(excluded);
  CHECK(none.error.empty());
  CHECK(none.rowids.empty());

  const std::string long_word(100000, 'a');
  CHECK(to_fts5_match(long_word) == "(\"" + long_word + "\" OR \"=" + long_word + "\")");
  CHECK(table.match(to_fts5_match(long_word)).error.empty());

  const std::string long_phrase = '"' + repeat("reprise d'Alep ", 7000) + '"';
  CHECK(table.match(to_fts5_match(long_phrase)).error.empty());

  // 50,000 empty phrases: nothing to search but the word.
  const std::string quotes = "a" + repeat("\"", 100000);
  CHECK(to_fts5_match(quotes) == R"(("a" OR "=a"))");

  CHECK(error_of(repeat("« » ", 25000)) == "query: no searchable word");
  CHECK(error_of(repeat("« ", 50000)) == "query: unterminated phrase starting at column 1");
  CHECK(error_of(repeat("alep ", 20000) + "(") == "query: unbalanced parenthesis at column 100001");
}

TEST_CASE("a lower-case or, and, not between two words adds a note", "[query]") {
  using Notes = std::vector<std::string>;
  CHECK(query_notes("migrants or réfugiés") ==
        Notes{"'or' is searched as a word; OR means either"});
  CHECK(query_notes("grève And (lyon OR paris) not \"Marseille\" not x") ==
        Notes{"'And' is searched as a word; AND means both",
              "'not' is searched as a word; NOT means without"});
  // Not between two words, written as operators, or as words on purpose.
  CHECK(query_notes("or réfugiés").empty());
  CHECK(query_notes("migrants or").empty());
  CHECK(query_notes("migrants OR réfugiés").empty());
  CHECK(query_notes("migrants =or réfugiés").empty());
  CHECK(query_notes("\"migrants or réfugiés\"").empty());
  CHECK(query_notes("orange ordre").empty());
  CHECK_THROWS_AS(query_notes("alep \"x"), newsidx::Error);
}

TEST_CASE("deep nesting fails cleanly instead of overflowing a stack", "[query]") {
  using newsidx::kMaxQueryNesting;
  CHECK(error_of(std::string(10000, '(')) == "query: nested too deeply at column 201");
  CHECK(error_of(repeat("(", 10000) + "alep" + repeat(")", 10000)) ==
        "query: nested too deeply at column 201");
  CHECK(error_of(repeat("title:", 10000) + "alep") == "query: nested too deeply at column 1201");
  CHECK(error_of(repeat("-(", 5000) + "alep") == "query: nested too deeply at column 402");

  // Redundant parentheses up to the limit are harmless.
  const auto n = static_cast<std::size_t>(kMaxQueryNesting);
  CHECK(to_fts5_match(repeat("(", n) + "alep" + repeat(")", n)) == R"(("alep" OR "=alep"))");
  CHECK(to_fts5_match(repeat("title:", n) + "alep") == R"(title : ("alep" OR "=alep"))");
}

TEST_CASE("whatever nesting is accepted, FTS5 can parse", "[query]") {
  // FTS5's own parser has a small fixed stack: groups that really nest
  // (AND inside OR inside AND…) are refused before FTS5 would fail.
  Fts5Table table;
  table.insert(1, "a b c", "d e");
  struct Shape {
    const char* open;  // repeated before the innermost word
    const char* close;
    int accepted_at_least;  // levels that must translate
  };
  const Shape shapes[] = {
      // FTS5 3.40 itself stops at 16, 16, 31, 16, 15, 24 and 16 levels.
      {"a OR (b (", "))", 14},        // OR inside AND inside OR…
      {"a (b OR ", ")", 14},          // AND inside OR inside AND…
      {"a -(b ", ")", 28},            // exclusions within exclusions
      {"a OR (b -(", "))", 14},       //
      {"title:(a OR (b ", "))", 13},  // title: around the nesting
      {"((a OR ", ") b)", 20},        //
      {"a b -(c d -(", "))", 13},     //
  };
  for (const Shape& shape : shapes) {
    int accepted = 0;
    bool refused = false;
    for (int level = 1; level <= 120; ++level) {
      const std::string query = repeat(shape.open, static_cast<std::size_t>(level)) + "z" +
                                repeat(shape.close, static_cast<std::size_t>(level));
      INFO("query: " << query);
      const std::string outcome = require_valid(table, query);
      if (outcome.rfind("query: ", 0) == 0) {
        CHECK(outcome.find("query: nested too deeply at column ") == 0);
        refused = true;
      } else {
        CHECK_FALSE(refused);  // once refused, deeper is refused too
        ++accepted;
      }
    }
    INFO("shape: " << shape.open);
    CHECK(accepted >= shape.accepted_at_least);
    CHECK(refused);
  }
}

TEST_CASE("real article titles used as queries are valid FTS5 and find their article", "[query]") {
  const auto corpus = newsidx::test::shared_corpus("orangesum-500");
  if (!corpus) {
    WARN("SKIPPED: ../shared/corpus/orangesum-500 is absent");
    return;
  }
  std::ifstream index(*corpus / "index.tsv");
  REQUIRE(index);
  std::vector<std::string> titles;
  std::string line;
  std::getline(index, line);  // header
  while (std::getline(index, line)) {
    // file, date, source_date, title, …
    std::size_t start = 0;
    for (int field = 0; field < 3 && start != std::string::npos; ++field) {
      start = line.find('\t', start);
      if (start != std::string::npos) ++start;
    }
    if (start == std::string::npos) continue;
    titles.push_back(line.substr(start, line.find('\t', start) - start));
  }
  REQUIRE(titles.size() >= 400);

  Fts5Table table;
  for (std::size_t i = 0; i < titles.size(); ++i) {
    table.insert(static_cast<int64_t>(i + 1), titles[i], "");
  }
  std::size_t translated = 0;
  for (std::size_t i = 0; i < titles.size(); ++i) {
    INFO("title: " << titles[i]);
    const std::string outcome = require_valid(table, titles[i]);
    if (outcome.rfind("query: ", 0) == 0) continue;
    ++translated;
    if (outcome.find(" NOT ") != std::string::npos) continue;
    const std::vector<int64_t> found = table.match(outcome).rowids;
    CHECK(std::find(found.begin(), found.end(), static_cast<int64_t>(i + 1)) != found.end());
  }
  CHECK(translated >= titles.size() * 9 / 10);
}

namespace {

/// `text` with each `<m>` as kFieldMarker: the strings of the author,
/// source and lead fields start with it (token_marks.hpp).
std::string with_field_markers(std::string text) {
  for (std::size_t at = text.find("<m>"); at != std::string::npos; at = text.find("<m>", at)) {
    text.replace(at, 3, 1, newsidx::kFieldMarker);
  }
  return text;
}

}  // namespace

TEST_CASE("news fields, NEAR and date: become their FTS5 expression", "[query]") {
  // The table of check_translations() has the columns title and body only.
  const std::vector<Case> fields = {
      {"author:dupont", R"(author : ("<m>dupont" OR "<m>=dupont"))"},
      {"auteur:dupont", R"(author : ("<m>dupont" OR "<m>=dupont"))"},
      {"source:afp", R"(source : ("<m>afp" OR "<m>=afp"))"},
      {R"(source:"le monde")", R"(source : "<m>le monde")"},
      {"lead:alep", R"(lead : ("<m>alep" OR "<m>=alep"))"},
      {"chapo:alep", R"(lead : ("<m>alep" OR "<m>=alep"))"},
      {"alep source:afp", R"(("alep" OR "=alep") AND source : ("<m>afp" OR "<m>=afp"))"},
      {"(alep homs) OR author:x",
       R"((("alep" OR "=alep") AND ("homs" OR "=homs")) OR author : ("<m>x" OR "<m>=x"))"},
      {"alep -source:afp", R"(("alep" OR "=alep") NOT source : "<m>afp")"},
  };
  for (const auto& [query, expected] : fields) {
    INFO("query: " << query);
    CHECK(to_fts5_match(query) == with_field_markers(expected));
  }
  check_translations({
      {"NEAR(alep homs, 5)", R"(NEAR("alep" "homs", 5))"},
      {R"(NEAR("reprise d'Alep" convoi* =bombes))",
       R"(NEAR("reprise d'Alep" "=convoi" * "=bombes", 10))"},
      {"alep NEAR/3 homs", R"(NEAR("alep" "homs", 3))"},
      {"a NEAR/3 b NEAR/5 c", R"(NEAR("a" "b" "c", 5))"},
      {"title:NEAR(a b)", R"(title : NEAR("a" "b", 10))"},
      {"x -NEAR(a b, 1)", R"(("x" OR "=x") NOT NEAR("a" "b", 1))"},
      {"alep date:2016", R"(("alep" OR "=alep"))"},
      {"(alep date:2016..2017) homs", R"(("alep" OR "=alep") AND ("homs" OR "=homs"))"},
  });
}

// bm25()'s IDF of a phrase counts the articles that match it alone, within
// the column filters that hold it (FTS5's xQueryPhrase()); the store counts
// them with these expressions (store/split_walk.hpp, whose tests compare
// both counts).
TEST_CASE("each phrase of the expression also stands alone in its columns", "[query]") {
  using Phrases = std::vector<std::string>;
  const std::vector<std::pair<std::string, Phrases>> cases = {
      {"alep", {R"("alep")", R"("=alep")"}},
      {"alep -source:afp", {R"("alep")", R"("=alep")", R"(source : ("<m>afp"))"}},
      {R"(title:"l'armée" NEAR(alep homs*, 3))",
       {R"(title : ("l'armée"))", R"("alep")", R"("=homs" *)"}},
      {"(=Alep OR prison*) date:2016", {R"("=Alep")", R"("=prison" *)"}},
      {R"(x -"a b")", {R"("x")", R"("=x")", R"("a b")"}},
  };
  for (const auto& [query, phrases] : cases) {
    INFO("query: " << query);
    Phrases marked;
    for (const std::string& phrase : phrases) marked.push_back(with_field_markers(phrase));
    CHECK(newsidx::parse_query(query).phrases == marked);
  }
}

TEST_CASE("date: items give the period of the whole query", "[query]") {
  using newsidx::parse_query;
  const auto period = [](std::string_view q) {
    const newsidx::ParsedQuery p = parse_query(q);
    return (p.from ? p.from->str() : "-") + ".." + (p.to ? p.to->str() : "-");
  };
  CHECK(period("alep date:2016-12..2017-03") == "2016-12..2017-03");
  CHECK(period("date:2016") == "2016..2016");
  CHECK(period("date:2016.. alep") == "2016..-");
  CHECK(period("alep DATE:..2017-03-15") == "-..2017-03-15");
  CHECK(period("date:2010..2020 date:2016") == "2016..2016");
  CHECK(period("alep") == "-..-");
  CHECK_FALSE(parse_query("date:2016").match.has_value());
  CHECK(parse_query("alep date:2016").match == R"(("alep" OR "=alep"))");
  CHECK(error_of("date:2016") == "query: no searchable word");  // to_fts5_match needs words
}

TEST_CASE("news operators fail with their column", "[query]") {
  const std::vector<std::pair<std::string, std::string>> errors = {
      {"alep OR date:2016",
       "query: date: at column 9 must apply to the whole query, not inside OR, NOT or a field"},
      {"alep -date:2016",
       "query: date: at column 7 must apply to the whole query, not inside OR, NOT or a field"},
      {"title:date:2016",
       "query: date: at column 7 must apply to the whole query, not inside OR, NOT or a field"},
      {"alep date:2016-13",
       "query: invalid date '2016-13' at column 6 (expected date:YYYY, date:YYYY-MM, "
       "date:YYYY-MM-DD or a period date:A..B)"},
      {"alep date:",
       "query: date: at column 6 must be followed by a date or a period "
       "(date:2016-12..2017-03)"},
      {"date:..", "query: date: at column 1 must be followed by a date or a period"},
      {"title:author:x", "query: author: at column 7 inside title: would find nothing"},
      {"source:", "query: source: at column 1 must be followed by a word, a phrase or parentheses"},
      {"NEAR(a b", "query: NEAR( at column 1 must hold words and phrases and end with )"},
      {"NEAR(a (b))", "query: NEAR( at column 1 must hold words and phrases and end with )"},
      {"NEAR(a b, x)",
       "query: NEAR at column 1 needs a distance from 0 to 1000000 words (NEAR(a b, 5) or a "
       "NEAR/5 b)"},
      {"a NEAR/x b",
       "query: NEAR at column 3 needs a distance from 0 to 1000000 words (NEAR(a b, 5) or a "
       "NEAR/5 b)"},
      {"a NEAR/99999999 b",
       "query: NEAR at column 3 needs a distance from 0 to 1000000 words (NEAR(a b, 5) or a "
       "NEAR/5 b)"},
      {"NEAR/3 b", "query: NEAR/3 at column 1 has nothing on its left"},
      {"a NEAR/3", "query: NEAR/3 at column 3 has nothing on its right"},
      {"a NEAR/3 (b)", "query: NEAR/3 at column 3 must stand between two words or phrases"},
      {"(a b) NEAR/3 c", "query: NEAR/3 at column 7 must stand between two words or phrases"},
  };
  for (const auto& [query, message] : errors) {
    INFO("query: " << query);
    CHECK(error_of(query) == message);
  }
}

TEST_CASE("query_words: the plain words a query must find, for did you mean", "[query]") {
  using Words = std::vector<std::string>;
  using newsidx::query_words;
  CHECK(query_words("Grève manifestaitons") == Words{"Grève", "manifestaitons"});
  CHECK(query_words("(alep OR homs) -calais NOT lyon") == Words{"alep", "homs"});
  CHECK(query_words("title:alep NEAR(reprise convoi, 3) a NEAR/2 b") ==
        Words{"alep", "reprise", "convoi", "a", "b"});
  CHECK(query_words("\"reprise d'Alep\" pisc* =bombes date:2016 l'armée") == Words{"l'armée"});
  CHECK(query_words("alep alep").size() == 1);  // repeated terms are dropped
  CHECK_THROWS_AS(query_words("\"alep"), newsidx::Error);
}
