#include <sqlite3.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "newsidx/error.hpp"
#include "newsidx/fts5_tokenizer.hpp"
#include "newsidx/token_marks.hpp"
#include "support.hpp"

namespace {

using Strings = std::vector<std::string>;
using StringSet = std::set<std::string>;

struct DbCloser {
  void operator()(sqlite3* db) const noexcept { sqlite3_close_v2(db); }
};
struct StmtFinalizer {
  void operator()(sqlite3_stmt* stmt) const noexcept { sqlite3_finalize(stmt); }
};
using StmtPtr = std::unique_ptr<sqlite3_stmt, StmtFinalizer>;

/// Word families in memory, filled from the texts a test indexes, as the
/// store's vocabulary is from the articles it writes.
class MapFamilies : public newsidx::WordFamilies {
 public:
  void append_words(std::string_view stem, Strings& out) override {
    const auto it = words_.find(std::string(stem));
    if (it != words_.end()) out.insert(out.end(), it->second.begin(), it->second.end());
  }
  /// Lists the words of `text` under their stems.
  void learn(const std::string& text) {
    const newsidx::DocumentTokens tokens(text, analyzer_);
    tokens.for_each_family_pair(
        [&](const std::string& stem, const std::string& word) { words_[stem].insert(word); });
  }

 private:
  std::map<std::string, StringSet> words_;
  newsidx::Analyzer analyzer_;
};

/// An in-memory database with the French tokenizer registered, its word
/// families in `families()`.
class Db {
 public:
  Db() : families_(std::make_shared<MapFamilies>()) {
    sqlite3* raw = nullptr;
    const int rc = sqlite3_open(":memory:", &raw);
    db_.reset(raw);
    REQUIRE(rc == SQLITE_OK);
    newsidx::TokenizerHooks hooks;
    hooks.families = families_;
    newsidx::register_french_tokenizer(db_.get(), hooks);
  }

  [[nodiscard]] MapFamilies& families() const { return *families_; }

  [[nodiscard]] sqlite3* get() const { return db_.get(); }

  /// Runs statements that return no rows; fails the test on error.
  void exec(const std::string& sql) const {
    char* error = nullptr;
    const int rc = sqlite3_exec(db_.get(), sql.c_str(), nullptr, nullptr, &error);
    const std::string message = error != nullptr ? error : "";
    sqlite3_free(error);
    INFO(sql);
    REQUIRE(message == "");
    REQUIRE(rc == SQLITE_OK);
  }

  /// Runs `sql` with text parameters; returns the first column of each row.
  [[nodiscard]] Strings column(const std::string& sql, const Strings& params = {}) const {
    sqlite3_stmt* raw = nullptr;
    INFO(sql);
    REQUIRE(sqlite3_prepare_v2(db_.get(), sql.c_str(), -1, &raw, nullptr) == SQLITE_OK);
    const StmtPtr stmt(raw);
    for (std::size_t i = 0; i < params.size(); ++i) {
      sqlite3_bind_text(raw, static_cast<int>(i + 1), params[i].data(),
                        static_cast<int>(params[i].size()), SQLITE_TRANSIENT);
    }
    Strings rows;
    int rc = 0;
    while ((rc = sqlite3_step(raw)) == SQLITE_ROW) {
      const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(raw, 0));
      rows.emplace_back(text != nullptr ? text : "");
    }
    INFO(sqlite3_errmsg(db_.get()));
    REQUIRE(rc == SQLITE_DONE);
    return rows;
  }

  /// The error message of `sql`, or "" when it succeeds.
  [[nodiscard]] std::string error_of(const std::string& sql) const {
    char* error = nullptr;
    sqlite3_exec(db_.get(), sql.c_str(), nullptr, nullptr, &error);
    std::string message = error != nullptr ? error : "";
    sqlite3_free(error);
    return message;
  }

 private:
  std::shared_ptr<MapFamilies> families_;
  std::unique_ptr<sqlite3, DbCloser> db_;
};

/// A table `t(body)` with the French tokenizer holding `texts`.
Db table_with(const Strings& texts, const std::string& options = "") {
  Db db;
  db.exec("CREATE VIRTUAL TABLE t USING fts5(body, tokenize='newsidx_french'" + options + ")");
  for (const std::string& text : texts) {
    REQUIRE(db.column("INSERT INTO t(body) VALUES(?1)", {text}).empty());
    db.families().learn(text);
  }
  return db;
}

/// The texts of `db` that MATCH the FTS5 expression `match`.
StringSet matching(const Db& db, const std::string& match) {
  const Strings rows = db.column("SELECT body FROM t WHERE t MATCH ?1", {match});
  return StringSet(rows.begin(), rows.end());
}

/// What the tokenizer gives for `text` in `mode`, as FTS5 sees it: one
/// string per token, colocated ones prefixed with "+", and offsets.
struct Emitted {
  std::string token;
  int flags;
  int start;
  int end;
  bool operator==(const Emitted& o) const {
    return token == o.token && flags == o.flags && start == o.start && end == o.end;
  }
  friend std::ostream& operator<<(std::ostream& out, const Emitted& e) {
    return out << e.token << (e.flags != 0 ? "/colocated" : "") << "@" << e.start << "-" << e.end;
  }
};

struct Collector {
  std::vector<Emitted> tokens;
  std::size_t stop_after = static_cast<std::size_t>(-1);
};

int collect(void* context, int flags, const char* token, int size, int start, int end) {
  auto& collector = *static_cast<Collector*>(context);
  collector.tokens.push_back(
      {std::string(token, static_cast<std::size_t>(size)), flags, start, end});
  return collector.tokens.size() >= collector.stop_after ? SQLITE_ABORT : SQLITE_OK;
}

fts5_api* fts5_of(sqlite3* db) {
  sqlite3_stmt* raw = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &raw, nullptr) == SQLITE_OK);
  const StmtPtr stmt(raw);
  fts5_api* api = nullptr;
  sqlite3_bind_pointer(raw, 1, &api, "fts5_api_ptr", nullptr);
  sqlite3_step(raw);
  REQUIRE(api != nullptr);
  return api;
}

/// Runs the registered tokenizer directly through the FTS5 API.
struct DirectTokenizer {
  explicit DirectTokenizer(const Db& db) {
    fts5_api* api = fts5_of(db.get());
    void* user_data = nullptr;
    REQUIRE(api->xFindTokenizer(api, newsidx::kTokenizerName, &user_data, &methods) == SQLITE_OK);
    REQUIRE(methods.xCreate(user_data, nullptr, 0, &tokenizer) == SQLITE_OK);
    REQUIRE(tokenizer != nullptr);
  }
  ~DirectTokenizer() { methods.xDelete(tokenizer); }
  DirectTokenizer(const DirectTokenizer&) = delete;
  DirectTokenizer& operator=(const DirectTokenizer&) = delete;

  int run(int mode, const std::string& text, Collector& collector) const {
    return methods.xTokenize(tokenizer, &collector, mode, text.data(),
                             static_cast<int>(text.size()), collect);
  }
  std::vector<Emitted> tokens(int mode, const std::string& text) const {
    Collector collector;
    REQUIRE(run(mode, text, collector) == SQLITE_OK);
    return collector.tokens;
  }

  fts5_tokenizer methods{};
  Fts5Tokenizer* tokenizer = nullptr;
};

constexpr int kColocated = FTS5_TOKEN_COLOCATED;

}  // namespace

TEST_CASE("documents give one token per word: its folded form", "[fts5]") {
  const Db db;
  const DirectTokenizer french(db);
  const std::vector<Emitted> expected = {
      {"armee", 0, 4, 10}, {"de", 0, 11, 13}, {"350000", 0, 14, 21}};
  CHECK(french.tokens(FTS5_TOKENIZE_DOCUMENT, "L’armée de 350 000") == expected);
  CHECK(french.tokens(FTS5_TOKENIZE_AUX, "L’armée de 350 000") == expected);
  CHECK(french.tokens(FTS5_TOKENIZE_DOCUMENT, "prison prisons déclarée RÉFUGIÉS") ==
        std::vector<Emitted>{{"prison", 0, 0, 6},
                             {"prisons", 0, 7, 14},
                             {"declaree", 0, 15, 25},
                             {"refugies", 0, 26, 36}});
  CHECK(french.tokens(FTS5_TOKENIZE_DOCUMENT, "").empty());
  CHECK(french.tokens(FTS5_TOKENIZE_DOCUMENT, "« … »").empty());
}

TEST_CASE("DocumentTokens list the family pairs of the words their Analyzer had not seen",
          "[fts5]") {
  newsidx::Analyzer analyzer;
  const auto pairs = [&](const std::string& text) {
    std::vector<std::pair<std::string, std::string>> out;
    newsidx::DocumentTokens(text, analyzer)
        .for_each_family_pair([&](const std::string& stem, const std::string& word) {
          out.emplace_back(stem, word);
        });
    return out;
  };
  using Pairs = std::vector<std::pair<std::string, std::string>>;
  // Each word under its stem and its folded stem (once when they agree).
  CHECK(pairs("prisons réfugiés déclarée") == Pairs{{"prison", "prisons"},
                                                    {"refugi", "refugies"},
                                                    {"refug", "refugies"},
                                                    {"declar", "declaree"}});
  // Already seen by this Analyzer: not again.
  CHECK(pairs("les prisons et la prison") ==
        Pairs{{"le", "les"}, {"et", "et"}, {"la", "la"}, {"prison", "prison"}});
  CHECK(pairs("prisons prison").empty());
}

TEST_CASE("SeenFamilies passes each pair on once until it forgets them all", "[fts5]") {
  constexpr std::size_t kMax = std::size_t{1} << 17;
  newsidx::SeenFamilies seen(kMax);
  const auto word = [](std::size_t i) { return "mot" + std::to_string(i); };
  CHECK(seen.first_time("prison", "prisons"));
  CHECK_FALSE(seen.first_time("prison", "prisons"));
  CHECK(seen.first_time("prisons", "prison"));  // the pair, not its two strings
  CHECK(seen.first_time("prison", "prison"));
  // Through the table's growth: every pair new once, then known.
  constexpr std::size_t kPairs = 100000;
  std::size_t new_pairs = 0;
  for (std::size_t i = 0; i < kPairs; ++i) new_pairs += seen.first_time("mot", word(i));
  CHECK(new_pairs == kPairs);
  std::size_t known = 0;
  for (std::size_t i = 0; i < kPairs; ++i) known += !seen.first_time("mot", word(i));
  CHECK(known == kPairs);
  CHECK_FALSE(seen.first_time("prison", "prisons"));
  // Past its maximum everything is forgotten, once.
  std::size_t i = kPairs;
  for (; i < kMax - 4; ++i) new_pairs += seen.first_time("mot", word(i));
  CHECK(new_pairs == i);  // kMax - 1 pairs held, with the first three
  CHECK_FALSE(seen.first_time("prison", "prisons"));
  CHECK(seen.first_time("mot", word(i++)));  // the last pair remembered
  CHECK(seen.first_time("prison", "prisons"));
  CHECK_FALSE(seen.first_time("prison", "prisons"));
  CHECK(seen.first_time("mot", word(0)));
}

TEST_CASE("queries give the family of each word at one position", "[fts5]") {
  const Db db = table_with({"la prison", "les prisons", "les réfugiés", "une réfugiée", "le refuge",
                            "elle est déclarée", "il est déclaré", "l’hôpital", "les hôpitaux",
                            "une manifestation", "des manifestations"});
  const DirectTokenizer french(db);
  const auto query = [&](const std::string& text) {
    return french.tokens(FTS5_TOKENIZE_QUERY, text);
  };
  // A plain word: the forms listed under its stem, sorted, at one position.
  CHECK(query("manifestations") ==
        std::vector<Emitted>{{"manifestation", 0, 0, 14}, {"manifestations", kColocated, 0, 14}});
  // Typed with accents: the family of the stem of the word as written only.
  CHECK(query("réfugiés") ==
        std::vector<Emitted>{{"refugiee", 0, 0, 10}, {"refugies", kColocated, 0, 10}});
  CHECK(query("déclarée") ==
        std::vector<Emitted>{{"declare", 0, 0, 10}, {"declaree", kColocated, 0, 10}});
  // Typed without: the family of the folded stem too.
  CHECK(query("declaree") ==
        std::vector<Emitted>{{"declare", 0, 0, 8}, {"declaree", kColocated, 0, 8}});
  CHECK(query("REFUGIES") ==
        std::vector<Emitted>{{"refuge", 0, 0, 8}, {"refugies", kColocated, 0, 8}});
  // A word the families do not know: its folded form.
  CHECK(query("Alep-Est") == std::vector<Emitted>{{"alep", 0, 0, 4}, {"est", 0, 5, 8}});
  // After the surface marker: that folded form only.
  CHECK(query("=manifestations") == std::vector<Emitted>{{"manifestations", 0, 1, 15}});
  CHECK(query("=l’hôpital prison") == std::vector<Emitted>{{"hopital", 0, 5, 13},
                                                           {"prison", 0, 14, 20},
                                                           {"prisons", kColocated, 14, 20}});
  // Prefix mode: the last word as written; the others as in a plain query.
  const auto prefix = [&](const std::string& text) {
    return french.tokens(FTS5_TOKENIZE_QUERY | FTS5_TOKENIZE_PREFIX, text);
  };
  CHECK(prefix("Hôpital") == std::vector<Emitted>{{"hopital", 0, 0, 8}});
  CHECK(prefix("=prison") == std::vector<Emitted>{{"prison", 0, 1, 7}});
  CHECK(prefix("prison hô") ==
        std::vector<Emitted>{{"prison", 0, 0, 6}, {"prisons", kColocated, 0, 6}, {"ho", 0, 7, 10}});
}

TEST_CASE("a field text gives its words marked, at their offsets in the whole text", "[fts5]") {
  const Db db = table_with({"la prison", "les prisons"});
  const DirectTokenizer french(db);
  const std::string m(1, newsidx::kFieldMarker);
  // Documents and highlight(): the folded forms, marked; the marker is no word.
  for (const int flags : {FTS5_TOKENIZE_DOCUMENT, FTS5_TOKENIZE_AUX}) {
    CHECK(french.tokens(flags, m + "L’armée de Claire") ==
          std::vector<Emitted>{
              {m + "armee", 0, 5, 11}, {m + "de", 0, 12, 14}, {m + "claire", 0, 15, 21}});
    CHECK(french.tokens(flags, m).empty());
  }
  // Only a leading marker makes a field text.
  CHECK(french.tokens(FTS5_TOKENIZE_DOCUMENT, "de " + m + "Claire") ==
        std::vector<Emitted>{{"de", 0, 0, 2}, {"claire", 0, 4, 10}});
  // Queries: every form of the family marked, the surface marker read after it.
  CHECK(french.tokens(FTS5_TOKENIZE_QUERY, m + "prison") ==
        std::vector<Emitted>{{m + "prison", 0, 1, 7}, {m + "prisons", kColocated, 1, 7}});
  CHECK(french.tokens(FTS5_TOKENIZE_QUERY, m + "=prisons la") ==
        std::vector<Emitted>{{m + "prisons", 0, 2, 9}, {m + "la", 0, 10, 12}});
  CHECK(french.tokens(FTS5_TOKENIZE_QUERY | FTS5_TOKENIZE_PREFIX, m + "pri") ==
        std::vector<Emitted>{{m + "pri", 0, 1, 4}});
  // What the query language writes for `=form` reads back as that token.
  CHECK(newsidx::surface_text(m + "prisons") == m + "=prisons");
  CHECK(newsidx::surface_text("prisons") == "=prisons");
}

TEST_CASE("field texts and plain texts never match each other's words", "[fts5]") {
  Db db;
  db.exec("CREATE VIRTUAL TABLE t USING fts5(title, author, tokenize='newsidx_french')");
  const std::string m(1, newsidx::kFieldMarker);
  for (const auto& [title, author] : std::vector<std::pair<std::string, std::string>>{
           {"Le juge Martin", m + "Claire Dupont"}, {"Dupont et le juge", m + "Jean Martin"}}) {
    CHECK(db.column("INSERT INTO t(title, author) VALUES(?1, ?2)", {title, author}).empty());
    db.families().learn(title);
    db.families().learn(author);  // its pairs are those of the words unmarked
  }
  const auto rowids = [&](const std::string& match) {
    return db.column("SELECT rowid FROM t WHERE t MATCH ?1 ORDER BY rowid", {match});
  };
  CHECK(rowids(R"("dupont")") == Strings{"2"});
  CHECK(rowids(R"("martin")") == Strings{"1"});
  CHECK(rowids("\"" + m + "dupont\"") == Strings{"1"});
  CHECK(rowids("author : \"" + m + "martin\"") == Strings{"2"});
  CHECK(rowids("author : \"" + m + "mar\" *") == Strings{"2"});
  CHECK(rowids("\"" + m + "juge\"").empty());
  // highlight() of a field text: the marker stays before the match.
  CHECK(db.column("SELECT highlight(t, 1, '[', ']') FROM t WHERE t MATCH ?1",
                  {"\"" + m + "dupont\""}) == Strings{m + "Claire [Dupont]"});
}

/// The terms of the index of `db`'s table `t`, as fts5vocab lists them.
StringSet index_terms(const Db& db) {
  db.exec("CREATE VIRTUAL TABLE IF NOT EXISTS v USING fts5vocab(t, 'row')");
  const Strings rows = db.column("SELECT term FROM v");
  return StringSet(rows.begin(), rows.end());
}

TEST_CASE("the index holds the folded forms of the words, nothing else", "[fts5]") {
  const Db db = table_with({"la prison", "les prisons", "l’hôpital", "les hôpitaux",
                            "elle est déclarée", "elle est declaree"});
  CHECK(index_terms(db) == StringSet{"la", "les", "prison", "prisons", "hopital", "hopitaux",
                                     "elle", "est", "declaree"});
}

TEST_CASE("a non-OK code from xToken stops the tokenizer at once", "[fts5]") {
  const Db db;
  const DirectTokenizer french(db);
  Collector collector;
  collector.stop_after = 3;
  CHECK(french.run(FTS5_TOKENIZE_DOCUMENT, "un deux trois quatre", collector) == SQLITE_ABORT);
  CHECK(collector.tokens.size() == 3);
  collector = Collector{};
  collector.stop_after = 1;
  CHECK(french.run(FTS5_TOKENIZE_QUERY, "un deux trois", collector) == SQLITE_ABORT);
  CHECK(collector.tokens.size() == 1);
}

TEST_CASE("DocumentTokens replay exactly what the tokenizer gives a document", "[fts5]") {
  const Db db;
  const DirectTokenizer french(db);
  newsidx::Analyzer analyzer;
  Strings texts = {"", "« … »", "L’armée de 350 000 hommes reprend Alep-Est aujourd’hui.",
                   "Œuvre, élysée, ÉLYSÉE\n\nbœufs =forme caf\xe9 fin"};
  for (const auto& entry :
       std::filesystem::recursive_directory_iterator(newsidx::test::sample_data())) {
    if (entry.path().extension() == ".txt") texts.push_back(newsidx::test::read_file(entry.path()));
  }
  REQUIRE(texts.size() > 20);
  for (const std::string& text : texts) {
    INFO(text.substr(0, 60));
    const newsidx::DocumentTokens ready(text, analyzer);
    CHECK(ready.text() == text);
    Collector replayed;
    CHECK(ready.replay(&replayed, collect) == SQLITE_OK);
    CHECK(replayed.tokens == french.tokens(FTS5_TOKENIZE_DOCUMENT, text));
  }
  // A non-OK code stops the replay.
  const newsidx::DocumentTokens ready("un deux trois quatre", analyzer);
  Collector collector;
  collector.stop_after = 2;
  CHECK(ready.replay(&collector, collect) == SQLITE_ABORT);
  CHECK(collector.tokens.size() == 2);
}

TEST_CASE("a tokenizer with a TokenReplay replays queued texts, analyses others", "[fts5]") {
  newsidx::TokenReplay replay;
  sqlite3* raw = nullptr;
  REQUIRE(sqlite3_open(":memory:", &raw) == SQLITE_OK);
  const std::unique_ptr<sqlite3, DbCloser> db(raw);
  newsidx::TokenizerHooks hooks;
  hooks.replay = &replay;
  newsidx::register_french_tokenizer(db.get(), hooks);
  REQUIRE(sqlite3_exec(db.get(),
                       "CREATE VIRTUAL TABLE t USING fts5(title, body, tokenize='newsidx_french')",
                       nullptr, nullptr, nullptr) == SQLITE_OK);
  newsidx::Analyzer analyzer;
  // Tokens that do not belong to their text would show in the index: here a
  // forged one indexes "Alep" for a text about Homs, which only a replay can do.
  newsidx::DocumentTokens forged("Alep", analyzer);
  const newsidx::DocumentTokens title("La prise de Homs", analyzer);
  CHECK(replay.take("La prise de Homs") == nullptr);  // nothing queued yet
  replay.queue(title);
  CHECK(replay.take("autre chose") == nullptr);
  CHECK(replay.take("La prise de Homs") == &title);
  CHECK(replay.take("La prise de Homs") == nullptr);  // taken once

  auto insert = [&](const std::string& t, const std::string& b) {
    sqlite3_stmt* s = nullptr;
    REQUIRE(sqlite3_prepare_v2(db.get(), "INSERT INTO t(title, body) VALUES(?1, ?2)", -1, &s,
                               nullptr) == SQLITE_OK);
    const StmtPtr stmt(s);
    sqlite3_bind_text(s, 1, t.data(), static_cast<int>(t.size()), SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 2, b.data(), static_cast<int>(b.size()), SQLITE_TRANSIENT);
    REQUIRE(sqlite3_step(s) == SQLITE_DONE);
  };
  auto count = [&](const std::string& match) {
    sqlite3_stmt* s = nullptr;
    REQUIRE(sqlite3_prepare_v2(db.get(), "SELECT count(*) FROM t WHERE t MATCH ?1", -1, &s,
                               nullptr) == SQLITE_OK);
    const StmtPtr stmt(s);
    sqlite3_bind_text(s, 1, match.data(), static_cast<int>(match.size()), SQLITE_TRANSIENT);
    REQUIRE(sqlite3_step(s) == SQLITE_ROW);
    return sqlite3_column_int(s, 0);
  };
  const newsidx::DocumentTokens body("Les convois partent vers le nord.", analyzer);
  replay.queue(title);
  replay.queue(body);
  insert("La prise de Homs", "Les convois partent vers le nord.");
  CHECK(count("\"homs\" AND \"nord\"") == 1);
  // A queued text that FTS5 never asks for is not replayed for another one.
  replay.clear();
  replay.queue(forged);
  insert("Rien", "Toujours rien.");
  CHECK(count("\"alep\"") == 0);
  CHECK(count("\"rien\"") == 1);
  replay.clear();
}

TEST_CASE("the tokenizer refuses arguments", "[fts5]") {
  const Db db;
  CHECK_THAT(db.error_of("CREATE VIRTUAL TABLE t USING fts5(body, tokenize='newsidx_french x')"),
             Catch::Contains("tokenizer"));
  CHECK(db.error_of("CREATE VIRTUAL TABLE u USING fts5(body, tokenize='newsidx_french')") == "");
}

TEST_CASE("register_french_tokenizer refuses a missing FTS5 API", "[fts5]") {
  CHECK_THROWS_AS(newsidx::register_french_tokenizer(static_cast<fts5_api*>(nullptr)),
                  newsidx::Error);
}

TEST_CASE("SPEC §4: accents, case and elisions do not matter", "[fts5]") {
  const Db db =
      table_with({"L’armée avance", "l'armée recule", "L'ARMEE se replie", "arme", "une marée"});
  const StringSet armies = {"L’armée avance", "l'armée recule", "L'ARMEE se replie", "arme"};
  CHECK(matching(db, "\"armee\"") == armies);
  CHECK(matching(db, "\"ARMÉE\"") == armies);
  CHECK(matching(db, "\"armée\"") == armies);
  CHECK(matching(db, "\"L'ARMEE\"") == armies);
  CHECK(matching(db, "\"=armee\"") ==
        StringSet{"L’armée avance", "l'armée recule", "L'ARMEE se replie"});
}

TEST_CASE("SPEC §4: stems match inflected forms", "[fts5]") {
  const Db db = table_with({"des bombardements", "le village bombardé", "une bombe"});
  CHECK(matching(db, "\"bombardement\"") == StringSet{"des bombardements", "le village bombardé"});
}

TEST_CASE("SPEC §4: phrases across elisions and hyphens", "[fts5]") {
  const Db db = table_with({"la reprise d’Alep", "Alep, reprise", "Alep-Est", "Alep Est",
                            "l'est d'Alep", "reprise de la ville d'Alep"});
  CHECK(matching(db, "\"reprise d'Alep\"") == StringSet{"la reprise d’Alep"});
  CHECK(matching(db, "\"Alep-Est\"") == StringSet{"Alep-Est", "Alep Est"});
  CHECK(matching(db, "\"Alep Est\"") == StringSet{"Alep-Est", "Alep Est"});
}

TEST_CASE("SPEC §4: words kept whole across apostrophes", "[fts5]") {
  const Db db = table_with({"aujourd’hui", "aujourd'hui", "hui", "aujourd"});
  CHECK(matching(db, "\"aujourd'hui\"") == StringSet{"aujourd’hui", "aujourd'hui"});
  CHECK(matching(db, "\"aujourd’hui\"") == StringSet{"aujourd’hui", "aujourd'hui"});
  CHECK(matching(db, "\"hui\"") == StringSet{"hui"});
}

TEST_CASE("SPEC §4: diacritics and ligatures", "[fts5]") {
  const Db db = table_with({"à l’Élysée", "oeuvre", "Œuvre", "œuvre", "ouvre"});
  CHECK(matching(db, "\"elysee\"") == StringSet{"à l’Élysée"});
  CHECK(matching(db, "\"Élysée\"") == StringSet{"à l’Élysée"});
  const StringSet works = {"oeuvre", "Œuvre", "œuvre"};
  CHECK(matching(db, "\"oeuvre\"") == works);
  CHECK(matching(db, "\"œuvre\"") == works);
  CHECK(matching(db, "\"Œuvre\"") == works);
}

TEST_CASE("SPEC §4: numbers with thousands separators", "[fts5]") {
  const Strings numbers = {"350 000 morts", "350.000 morts", "350\u00A0000 morts",
                           "350\u202F000 morts"};
  Strings texts = numbers;
  texts.insert(texts.end(), {"350 morts", "2011 350 morts", "3 500 000 morts"});
  const Db db = table_with(texts);
  const StringSet expected(numbers.begin(), numbers.end());
  CHECK(matching(db, "\"350000\"") == expected);
  CHECK(matching(db, "\"350 000\"") == expected);
  CHECK(matching(db, "\"350\u202F000\"") == expected);
  CHECK(matching(db, "\"350\"") == StringSet{"350 morts", "2011 350 morts"});
  CHECK(matching(db, "\"2011350\"").empty());
}

TEST_CASE("SPEC §4: prefixes match folded words as written, not stems", "[fts5]") {
  const Db db = table_with({"les bombardements", "un Bombardier", "une bombe", "Manifestations",
                            "manifestation", "manifester"});
  const StringSet bombard = {"les bombardements", "un Bombardier"};
  CHECK(matching(db, "\"=bombard\" *") == bombard);
  CHECK(matching(db, "\"bombard\" *") == bombard);
  CHECK(matching(db, "\"BOMBARD\" *") == bombard);
  // Longer than the stem `manifest`.
  CHECK(matching(db, "\"=manifestati\" *") == StringSet{"Manifestations", "manifestation"});
  CHECK(matching(db, "\"=manifestatio\" *") == StringSet{"Manifestations", "manifestation"});
  CHECK(matching(db, "\"=manifestations\" *") == StringSet{"Manifestations"});
}

TEST_CASE("SPEC §4: =word matches that form only", "[fts5]") {
  const Db db = table_with({"Manifestations", "manifestation", "des manifestations monstres"});
  CHECK(matching(db, "\"=manifestations\"") ==
        StringSet{"Manifestations", "des manifestations monstres"});
  CHECK(matching(db, "\"=manifestation\"") == StringSet{"manifestation"});
  CHECK(matching(db, "\"manifestations\"") ==
        StringSet{"Manifestations", "manifestation", "des manifestations monstres"});
  CHECK(matching(db, "\"=manifestations monstres\"") == StringSet{"des manifestations monstres"});
}

TEST_CASE("highlight() and snippet() see the words where they are written", "[fts5]") {
  const Db db =
      table_with({"L’armée de Bachar a repris Alep-Est ; 350 000 habitants restent, "
                  "aujourd’hui, à l’Élysée. Œuvre collective."});
  const auto highlighted = [&](const std::string& match) {
    const Strings rows =
        db.column("SELECT highlight(t, 0, '[', ']') FROM t WHERE t MATCH ?1", {match});
    REQUIRE(rows.size() == 1);
    return rows[0];
  };
  CHECK(highlighted("\"armee\" \"350000\" \"elysee\"") ==
        "L’[armée] de Bachar a repris Alep-Est ; [350 000] habitants restent, aujourd’hui, à "
        "l’[Élysée]. Œuvre collective.");
  CHECK(highlighted("\"alep est\" \"aujourd'hui\" \"oeuvre\"") ==
        "L’armée de Bachar a repris [Alep-Est] ; 350 000 habitants restent, [aujourd’hui], à "
        "l’Élysée. [Œuvre] collective.");
  CHECK(highlighted("\"=hab\" *") ==
        "L’armée de Bachar a repris Alep-Est ; 350 000 [habitants] restent, aujourd’hui, à "
        "l’Élysée. Œuvre collective.");
  const Strings snippets =
      db.column("SELECT snippet(t, 0, '<', '>', '…', 4) FROM t WHERE t MATCH '\"elysee\"'");
  REQUIRE(snippets.size() == 1);
  CHECK(snippets[0] == "…à l’<Élysée>. Œuvre collective.");
}

TEST_CASE("the index passes FTS5's integrity-check", "[fts5]") {
  for (const std::string& options : Strings{"", ", detail=column", ", detail=none"}) {
    INFO(options);
    Db db = table_with({"L’armée de Bachar a repris Alep-Est", "350 000 habitants à l’Élysée",
                        "Œuvre ; aujourd’hui ; qu’il", std::string(1000, 'x') + " fin"},
                       options);
    db.exec("DELETE FROM t WHERE rowid = 2");
    db.exec("UPDATE t SET body = 'la reprise d''Alep' WHERE rowid = 3");
    CHECK(db.error_of("INSERT INTO t(t) VALUES('integrity-check')") == "");
    // Without full detail, FTS5 finds the positions of matches by tokenizing
    // documents again (FTS5_TOKENIZE_AUX).
    CHECK(db.column("SELECT highlight(t, 0, '[', ']') FROM t WHERE t MATCH '\"arme\" OR "
                    "\"=reprise\" OR \"aujourdhui\"' ORDER BY rowid") ==
          Strings{"L’[armée] de Bachar a repris Alep-Est", "la [reprise] d'Alep"});
  }
}

TEST_CASE("the articles of the corpus are indexed and found", "[fts5]") {
  const auto corpus = newsidx::test::shared_corpus("orangesum-500");
  if (!corpus) {
    WARN("SKIPPED: shared corpus orangesum-500 not found");
    return;
  }
  const Db db;
  db.exec("CREATE VIRTUAL TABLE t USING fts5(name UNINDEXED, body, tokenize='newsidx_french')");
  std::vector<std::pair<std::string, std::string>> files;
  for (const auto& entry : std::filesystem::directory_iterator(*corpus)) {
    if (entry.path().extension() != ".txt") continue;
    files.emplace_back(entry.path().filename().string(), newsidx::test::read_file(entry.path()));
  }
  REQUIRE(files.size() >= 500);
  db.exec("BEGIN");
  for (const auto& [name, text] : files) {
    REQUIRE(db.column("INSERT INTO t(name, body) VALUES(?1, ?2)", {name, text}).empty());
  }
  db.exec("COMMIT");
  db.exec("INSERT INTO t(t) VALUES('integrity-check')");
  // Every article is found by a phrase made of its own words at its middle.
  for (std::size_t i = 0; i < files.size(); i += 25) {
    const std::string& text = files[i].second;
    std::size_t from = text.find(' ', text.size() / 2);
    REQUIRE(from != std::string::npos);
    std::size_t to = from;
    for (int words = 0; words < 6 && to != std::string::npos; ++words) {
      to = text.find(' ', to + 1);
    }
    std::string phrase = text.substr(from + 1, to == std::string::npos ? to : to - from - 1);
    std::string quoted = "\"";
    for (const char c : phrase) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    quoted += "\"";
    INFO(quoted);
    const Strings found = db.column("SELECT name FROM t WHERE t MATCH ?1", {quoted});
    CHECK(std::find(found.begin(), found.end(), files[i].first) != found.end());
  }
}

TEST_CASE("the loadable extension works in the sqlite3 shell", "[fts5]") {
  if (!std::filesystem::exists("/usr/bin/sqlite3")) {
    WARN("SKIPPED: /usr/bin/sqlite3 not installed");
    return;
  }
  std::map<std::string, std::optional<std::string>> env;
#if defined(__SANITIZE_ADDRESS__)
  // The extension is built with AddressSanitizer: its runtime must come first
  // in a program that is not.
  {
    std::ifstream maps("/proc/self/maps");
    std::string line;
    std::string runtime;
    while (std::getline(maps, line)) {
      const auto at = line.find('/');
      if (at != std::string::npos && line.find("libasan.so") != std::string::npos) {
        runtime = line.substr(at);
        break;
      }
    }
    if (runtime.empty()) {
      WARN("SKIPPED: the AddressSanitizer runtime was not found");
      return;
    }
    env["LD_PRELOAD"] = runtime;
    env["ASAN_OPTIONS"] = "detect_leaks=0";
  }
#endif
  const auto result = newsidx::test::run_program(
      {"sqlite3", ":memory:", std::string(".load ") + NEWSIDX_EXTENSION,
       "CREATE VIRTUAL TABLE t USING fts5(body, tokenize='newsidx_french');",
       "INSERT INTO t VALUES('L’armée a repris Alep-Est'), ('350 000 manifestants'), "
       "('une marée');",
       "SELECT highlight(t, 0, '[', ']') FROM t WHERE t MATCH '\"armee\"';",
       "SELECT highlight(t, 0, '[', ']') FROM t WHERE t MATCH '\"350000\" OR \"=alep\"' "
       "ORDER BY rowid;",
       "SELECT count(*) FROM t WHERE t MATCH '\"=manif\" *';",
       "INSERT INTO t(t) VALUES('integrity-check');"},
      env);
  INFO(result.err);
  CHECK(result.exit_code == 0);
  CHECK(result.err == "");
  CHECK(newsidx::test::lines_of(result.out) == Strings{"L’[armée] a repris Alep-Est",
                                                       "L’armée a repris [Alep]-Est",
                                                       "[350 000] manifestants", "1"});
}
