// End-to-end: what `cmake --install` puts on a machine (the binary, the
// extension, the manual page, the shell completions, the OpenSearch index
// template), `export --format opensearch`, and the examples that end the
// --help of every command, run on data/.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>

#include "newsidx/analyzer.hpp"
#include "newsidx/article.hpp"
#include "newsidx/error.hpp"
#include "newsidx/json.hpp"
#include "support.hpp"

using newsidx::test::lines_of;
using newsidx::test::read_file;
using newsidx::test::run_newsidx;
using newsidx::test::run_program;
using newsidx::test::RunResult;
using newsidx::test::TempDir;
using Json = nlohmann::json;
using Strings = std::vector<std::string>;
using StringSet = std::set<std::string>;
namespace fs = std::filesystem;

namespace {

// forget last: the examples of the commands run in this order on one
// database, and those of forget remove articles.
const Strings kCommands = {"ingest", "search", "show",    "similar", "export",
                           "stats",  "parse",  "analyze", "forget"};

/// The build folder: where the top-level targets, newsidx among them, are.
fs::path build_dir() {
  return fs::path(NEWSIDX_BINARY).parent_path();
}

fs::path source_dir() {
  return fs::path(NEWSIDX_SOURCE_DIR);
}

/// Whether a program is found in PATH. `name` is a fixed word of the tests.
bool have_program(const std::string& name) {
  return run_program({"sh", "-c", "command -v " + name + " >/dev/null"}).exit_code == 0;
}

/// A variable of the build's CMakeCache.txt, or "" when it is not there.
std::string cache_value(const std::string& name) {
  std::ifstream in(build_dir() / "CMakeCache.txt");
  std::string line;
  while (std::getline(in, line)) {
    if (line.compare(0, name.size() + 1, name + ":") != 0) continue;
    const auto eq = line.find('=');
    if (eq != std::string::npos) return line.substr(eq + 1);
  }
  return "";
}

/// The version `newsidx --version` reports ("0.1.0").
std::string program_version() {
  const RunResult r = run_newsidx({"--version"});
  REQUIRE(r.exit_code == 0);
  const std::string prefix = "newsidx ";
  REQUIRE(r.out.compare(0, prefix.size(), prefix) == 0);
  return std::string(lines_of(r.out.substr(prefix.size())).at(0));
}

/// The build installed with `cmake --install BUILD --prefix TMP`, or
/// nothing (available() is false, the test skipped) when cmake or the build's
/// cache is missing.
class Installation {
 public:
  Installation() {
    if (!fs::exists(build_dir() / "CMakeCache.txt") || !have_program("cmake")) {
      newsidx::test::skip("no cmake, or no CMakeCache.txt in " + build_dir().string());
      return;
    }
    const RunResult r = run_program(
        {"cmake", "--install", build_dir().string(), "--prefix", prefix_.path().string()});
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    available_ = true;
  }

  [[nodiscard]] bool available() const { return available_; }
  [[nodiscard]] const fs::path& prefix() const { return prefix_.path(); }
  /// prefix() / relative.
  [[nodiscard]] fs::path at(const std::string& relative) const { return prefix_.path() / relative; }

  /// Where each installed file should be, relative to the prefix, with its
  /// source in the tree ("" for built files).
  [[nodiscard]] static std::vector<std::pair<std::string, std::string>> expected() {
    const std::string bin = cache_value("CMAKE_INSTALL_BINDIR");
    const std::string lib = cache_value("CMAKE_INSTALL_LIBDIR");
    // GNUInstallDirs caches DATADIR and MANDIR empty when they take their
    // defaults, DATAROOTDIR and DATAROOTDIR/man.
    const std::string root = cache_value("CMAKE_INSTALL_DATAROOTDIR");
    std::string data = cache_value("CMAKE_INSTALL_DATADIR");
    if (data.empty()) data = root;
    std::string man = cache_value("CMAKE_INSTALL_MANDIR");
    if (man.empty()) man = root + "/man";
    return {{bin + "/newsidx", ""},
            {lib + "/libnewsidx_fts.so", ""},
            {man + "/man1/newsidx.1", "doc/newsidx.1"},
            {data + "/bash-completion/completions/newsidx", "completions/newsidx.bash"},
            {data + "/zsh/vendor-completions/_newsidx", "completions/_newsidx"},
            {data + "/newsidx/opensearch-template.json", "share/newsidx/opensearch-template.json"}};
  }
  [[nodiscard]] fs::path man_page() const { return at(expected()[2].first); }
  [[nodiscard]] fs::path bash_completion() const { return at(expected()[3].first); }
  [[nodiscard]] fs::path zsh_completion() const { return at(expected()[4].first); }
  [[nodiscard]] fs::path opensearch_template() const { return at(expected()[5].first); }

 private:
  TempDir prefix_;
  bool available_ = false;
};

/// The `--help` text of a command ("" for the program itself).
std::string help_of(const std::string& command) {
  const RunResult r = command.empty() ? run_newsidx({"--help"}) : run_newsidx({command, "--help"});
  REQUIRE(r.exit_code == 0);
  return r.out;
}

/// The long options (`--json`) a --help text names.
StringSet long_options_in(const std::string& text) {
  StringSet out;
  const std::regex option("--[a-z][a-z-]*");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), option);
       it != std::sregex_iterator(); ++it) {
    out.insert(it->str());
  }
  return out;
}

/// Options whose values are a fixed set in a --help text:
/// `--sort TEXT:{relevance,newest,oldest}` gives {"--sort": {relevance, …}}.
std::map<std::string, StringSet> option_choices_in(const std::string& help) {
  std::map<std::string, StringSet> out;
  const std::regex choice("(--[a-z-]+) TEXT:\\{([a-z,]+)\\}");
  for (auto it = std::sregex_iterator(help.begin(), help.end(), choice);
       it != std::sregex_iterator(); ++it) {
    std::stringstream values((*it)[2].str());
    std::string v;
    while (std::getline(values, v, ',')) out[(*it)[1].str()].insert(v);
  }
  return out;
}

/// What the bash completion offers for the words typed so far (the last one
/// is the word being completed).
StringSet bash_complete(const fs::path& script, const Strings& words) {
  std::string cmd = "source \"$0\" || exit 3; COMP_WORDS=(";
  for (const std::string& w : words) cmd += " '" + w + "'";
  cmd += " ); COMP_CWORD=" + std::to_string(words.size() - 1) +
         "; _newsidx || exit 4; printf '%s\\n' \"${COMPREPLY[@]}\"";
  const RunResult r = run_program({"bash", "--norc", "--noprofile", "-c", cmd, script.string()});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const Strings lines = lines_of(r.out);
  return StringSet(lines.begin(), lines.end());
}

/// A copy of data/ ingested into a fresh database, both in a temporary
/// folder (the examples of --help refer to `data/…`).
class SampleArchive {
 public:
  SampleArchive() {
    fs::copy(newsidx::test::sample_data(), dir_.path() / "data", fs::copy_options::recursive);
    const RunResult r = run_newsidx({"--db", db(), "ingest", "-q", dir_ / "data"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
  }
  [[nodiscard]] const fs::path& dir() const { return dir_.path(); }
  [[nodiscard]] std::string db() const { return dir_ / "newsidx.db"; }

 private:
  TempDir dir_;
};

/// The mapping of `path` ("blocks.text") in the template's properties, or
/// nullptr when it is not mapped.
const Json* mapping_of(const Json& properties, const std::string& path) {
  const Json* level = &properties;
  std::stringstream parts(path);
  std::string part;
  const Json* found = nullptr;
  while (std::getline(parts, part, '.')) {
    if (level == nullptr || !level->contains(part)) return nullptr;
    found = &(*level)[part];
    level = found->contains("properties") ? &(*found)["properties"] : nullptr;
  }
  return found;
}

/// The dotted paths of the leaves of a document (arrays of objects are
/// looked through: "sources.path").
void leaf_paths(const Json& value, const std::string& path, StringSet& out) {
  if (value.is_object() && !(value.contains("gte") && value.size() == 2)) {
    for (const auto& [key, v] : value.items()) {
      leaf_paths(v, path.empty() ? key : path + "." + key, out);
    }
  } else if (value.is_array() && !value.empty() && value[0].is_object()) {
    for (const Json& v : value) leaf_paths(v, path, out);
  } else {
    out.insert(path);
  }
}

}  // namespace

TEST_CASE("cmake --install puts every file in place, and nothing else", "[install]") {
  const Installation inst;
  if (!inst.available()) return;
  StringSet installed;
  for (const auto& e : fs::recursive_directory_iterator(inst.prefix())) {
    if (!e.is_directory()) installed.insert(fs::relative(e.path(), inst.prefix()).string());
  }
  StringSet expected;
  for (const auto& [where, source] : Installation::expected()) {
    expected.insert(where);
    if (!source.empty()) {
      INFO(where);
      CHECK(read_file(inst.at(where)) == read_file(source_dir() / source));
    }
  }
  CHECK(installed == expected);

  const RunResult version =
      run_program({inst.at(Installation::expected()[0].first).string(), "--version"});
  CHECK(version.exit_code == 0);
  CHECK(version.out == "newsidx " + program_version() + "\n");
}

TEST_CASE("the manual page renders without warnings and covers every option", "[install]") {
  const Installation inst;
  if (!inst.available()) return;
  const std::string page = read_file(inst.man_page());

  // Every command has its section, with every long option of its --help.
  std::string unescaped = std::regex_replace(page, std::regex(R"(\\-)"), "-");
  for (const std::string& command : kCommands) {
    INFO(command);
    CHECK(unescaped.find(".SS \"newsidx " + command) != std::string::npos);
    for (const std::string& option : long_options_in(help_of(command))) {
      INFO(option);
      CHECK(unescaped.find(option) != std::string::npos);
    }
  }
  for (const char* section : {"EXIT STATUS", "ENVIRONMENT", "FILES", "EXAMPLES", "QUERY LANGUAGE",
                              "DATES", "JSON OUTPUT"}) {
    CHECK(page.find(".SH " + std::string(section)) != std::string::npos);
  }
  for (const char* variable : {"NEWSIDX_DB", "XDG_DATA_HOME", "HOME", "NO_COLOR"}) {
    CHECK(page.find(".B " + std::string(variable)) != std::string::npos);
  }
  // The title line names the version of the program.
  CHECK_THAT(page, Catch::Contains("\"newsidx " + program_version() + "\""));
  // Plain ASCII: other characters are written as escapes, so that the page
  // reads the same whatever encoding groff assumes.
  CHECK(std::none_of(page.begin(), page.end(),
                     [](char c) { return static_cast<unsigned char>(c) >= 0x80; }));

  if (!have_program("groff")) {
    return newsidx::test::skip("groff is not installed");
  }
  const RunResult groff = run_program({"groff", "-ww", "-man", "-Tutf8", inst.man_page().string()});
  CHECK(groff.exit_code == 0);
  CHECK(groff.err == "");
  CHECK_THAT(groff.out, Catch::Contains("index and search archives of dated French news"));
  if (have_program("man")) {
    const RunResult man = run_program({"man", "--warnings", "-l", inst.man_page().string()},
                                      {{"MANWIDTH", "80"}, {"MANPAGER", "cat"}, {"PAGER", "cat"}});
    CHECK(man.exit_code == 0);
    CHECK(man.err == "");
    CHECK_THAT(man.out, Catch::Contains("EXIT STATUS"));
  }
}

TEST_CASE("the bash completion completes commands, options, values and paths", "[install]") {
  const Installation inst;
  if (!inst.available()) return;
  if (!have_program("bash")) {
    return newsidx::test::skip("bash is not installed");
  }
  const fs::path script = inst.bash_completion();
  CHECK(run_program({"bash", "-n", script.string()}).exit_code == 0);

  CHECK(bash_complete(script, {"newsidx", "se"}) == StringSet{"search"});
  StringSet commands(kCommands.begin(), kCommands.end());
  commands.insert("help");
  CHECK(bash_complete(script, {"newsidx", ""}) == commands);
  CHECK(bash_complete(script, {"newsidx", "help", "fo"}) == StringSet{"forget"});
  CHECK(bash_complete(script, {"newsidx", "--db", "x.db", "st"}) == StringSet{"stats"});
  CHECK(bash_complete(script, {"newsidx", "--color", "=", "never", "an"}) == StringSet{"analyze"});
  CHECK(bash_complete(script, {"newsidx", "search", "--sort", "=", "ne"}) == StringSet{"newest"});

  // Every long option of every command, and the values of those that take a
  // fixed set, as --help lists them.
  const auto global_choices = option_choices_in(help_of(""));
  for (const std::string& command : kCommands) {
    INFO(command);
    const std::string help = help_of(command);
    StringSet offered = bash_complete(script, {"newsidx", command, "--"});
    for (const std::string& option : long_options_in(help)) {
      INFO(option);
      CHECK(offered.count(option) == 1);
    }
    auto choices = option_choices_in(help);
    choices.insert(global_choices.begin(), global_choices.end());
    for (const auto& [option, values] : choices) {
      INFO(option);
      CHECK(bash_complete(script, {"newsidx", command, option, ""}) == values);
    }
  }
  CHECK(bash_complete(script, {"newsidx", "--"}).count("--version") == 1);

  // Paths where a command takes them; nothing for query words.
  const TempDir dir;
  newsidx::test::write_file(dir.path() / "articles" / "a.txt", "x");
  for (const char* command : {"ingest", "parse", "show", "forget"}) {
    INFO(command);
    CHECK(bash_complete(script, {"newsidx", command, dir / "art"}) == StringSet{dir / "articles"});
  }
  CHECK(bash_complete(script, {"newsidx", "--db", dir / "art"}) == StringSet{dir / "articles"});
  CHECK(bash_complete(script, {"newsidx", "search", dir / "art"}).empty());
}

TEST_CASE("the zsh completion reads and knows every option and value", "[install]") {
  const Installation inst;
  if (!inst.available()) return;
  const std::string text = read_file(inst.zsh_completion());
  CHECK(text.rfind("#compdef newsidx\n", 0) == 0);
  for (const std::string& command : kCommands) {
    INFO(command);
    const std::string help = help_of(command);
    CHECK(text.find("    " + command + ")") != std::string::npos);
    for (const std::string& option : long_options_in(help)) {
      INFO(option);
      CHECK(text.find(option) != std::string::npos);
    }
    for (const auto& [option, values] : option_choices_in(help)) {
      for (const std::string& v : values) {
        INFO(option << " " << v);
        CHECK(std::regex_search(text, std::regex("[(\\s]" + v + "[\\\\\\s)]")));
      }
    }
  }
  if (!have_program("zsh")) {
    return newsidx::test::skip("zsh is not installed");
  }
  const RunResult r = run_program({"zsh", "-n", inst.zsh_completion().string()});
  CHECK(r.exit_code == 0);
  CHECK(r.err == "");
}

TEST_CASE("the OpenSearch template restores suffix accents as newsidx does", "[install]") {
  const Json t =
      Json::parse(read_file(NEWSIDX_SOURCE_DIR "/share/newsidx/opensearch-template.json"));
  const Json& filters = t["template"]["settings"]["analysis"]["filter"];
  // Its pattern_replace filters, in the order the multiplexer applies them,
  // then Snowball and folding (newsidx's stem of the restored word).
  const auto template_folded_stem = [&](const std::string& folded) {
    std::string word = folded;
    for (const char* name : {"newsidx_restore_ee", "newsidx_restore_iere", "newsidx_restore_ite"}) {
      const Json& f = filters[name];
      REQUIRE(f["type"] == "pattern_replace");
      word = std::regex_replace(word, std::regex(f["pattern"].get<std::string>()),
                                f["replacement"].get<std::string>());
    }
    return newsidx::analyze_for_display(word).at(0).stem;
  };
  for (const std::string word :
       {"declaree", "declarees", "derniere", "dernieres", "elysee", "activite", "activites", "ee",
        "ite", "refugies", "prison", "hopitaux", "premiere", "arrivee", "site"}) {
    INFO(word);
    CHECK(template_folded_stem(word) == newsidx::analyze_for_display(word).at(0).folded_stem);
  }
}

TEST_CASE("the OpenSearch template mirrors the French analysis and maps the model", "[install]") {
  const Installation inst;
  if (!inst.available()) return;
  const Json t = Json::parse(read_file(inst.opensearch_template()));
  CHECK(t["index_patterns"] == Json::array({"newsidx*"}));
  const Json& analysis = t["template"]["settings"]["analysis"];

  const Json& elision = analysis["filter"]["newsidx_elision"];
  CHECK(elision["type"] == "elision");
  CHECK(elision["articles_case"] == true);
  CHECK(elision["articles"] == Json::array({"l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu",
                                            "quoiqu", "lorsqu", "puisqu"}));
  CHECK(analysis["filter"]["newsidx_french_snowball"] ==
        Json({{"type", "snowball"}, {"language", "French"}}));
  const Json& thousands = analysis["char_filter"]["newsidx_thousands"];
  CHECK(thousands["type"] == "pattern_replace");
  for (const char* separator : {" ", "\\u00A0", "\\u202F", "."}) {
    CHECK_THAT(thousands["pattern"].get<std::string>(), Catch::Contains(separator));
  }
  const Json& french = analysis["analyzer"]["newsidx_french"];
  CHECK(french["tokenizer"] == "standard");
  CHECK(french["char_filter"] ==
        Json::array({"newsidx_apostrophes", "newsidx_thousands", "newsidx_separators"}));
  CHECK(french["filter"] ==
        Json::array({"newsidx_elision", "newsidx_drop_apostrophes", "lowercase", "newsidx_stems"}));
  // Both stems at one position: Snowball on the word as written, then
  // folded; and on the folded word with its suffix accents restored.
  const Json& stems = analysis["filter"]["newsidx_stems"];
  CHECK(stems["type"] == "multiplexer");
  CHECK(stems["preserve_original"] == false);
  CHECK(stems["filters"] ==
        Json::array({"newsidx_french_snowball, asciifolding",
                     "asciifolding, newsidx_restore_ee, newsidx_restore_iere, newsidx_restore_ite, "
                     "newsidx_french_snowball, asciifolding"}));
  // The stem as written only, for query words typed with accents.
  const Json& written = analysis["analyzer"]["newsidx_french_written"];
  CHECK(written["char_filter"] == french["char_filter"]);
  CHECK(written["filter"] == Json::array({"newsidx_elision", "newsidx_drop_apostrophes",
                                          "lowercase", "newsidx_french_snowball", "asciifolding"}));
  // The folded form: the same without the stemmer.
  const Json& folded = analysis["analyzer"]["newsidx_folded"];
  CHECK(folded["char_filter"] == french["char_filter"]);
  CHECK(folded["filter"] ==
        Json::array({"newsidx_elision", "newsidx_drop_apostrophes", "lowercase", "asciifolding"}));

  const Json& properties = t["template"]["mappings"]["properties"];
  const auto type_of = [&](const std::string& path) {
    const Json* m = mapping_of(properties, path);
    return m != nullptr && m->contains("type") ? (*m)["type"].get<std::string>() : "";
  };
  CHECK(type_of("id") == "keyword");
  CHECK(type_of("date") == "date_range");
  CHECK(type_of("date_precision") == "keyword");
  CHECK(type_of("date_start") == "date");
  CHECK(type_of("word_count") == "integer");
  CHECK(type_of("metadata.author") == "keyword");
  CHECK(type_of("sources.path") == "keyword");
  for (const char* text : {"title", "lead", "blocks.text"}) {
    INFO(text);
    const Json* m = mapping_of(properties, text);
    REQUIRE(m != nullptr);
    CHECK((*m)["type"] == "text");
    CHECK((*m)["analyzer"] == "newsidx_french");
    CHECK((*m)["fields"]["folded"]["analyzer"] == "newsidx_folded");
  }

  // Every field of the documents that export writes is mapped.
  const SampleArchive archive;
  const RunResult r = run_newsidx({"--db", archive.db(), "export", "--format", "opensearch"});
  REQUIRE(r.exit_code == 0);
  StringSet fields;
  const Strings lines = lines_of(r.out);
  for (std::size_t i = 1; i < lines.size(); i += 2) leaf_paths(Json::parse(lines[i]), "", fields);
  CHECK(fields.count("blocks.text") == 1);
  for (const std::string& field : fields) {
    INFO(field);
    CHECK(mapping_of(properties, field) != nullptr);
  }
}

TEST_CASE("export --format opensearch writes an action line and a document per article",
          "[install][cli]") {
  const SampleArchive archive;
  const RunResult r = run_newsidx({"--db", archive.db(), "export", "--format", "opensearch"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const RunResult plain = run_newsidx({"--db", archive.db(), "export"});
  REQUIRE(plain.exit_code == 0);
  const Strings lines = lines_of(r.out);
  const Strings articles = lines_of(plain.out);
  REQUIRE(lines.size() == 2 * articles.size());
  CHECK(articles.size() == 28);
  CHECK(r.out.back() == '\n');  // _bulk wants the last line ended too

  int undated = 0;
  for (std::size_t i = 0; i < articles.size(); ++i) {
    const Json action = Json::parse(lines[2 * i]);
    Json doc = Json::parse(lines[2 * i + 1]);
    const Json article = Json::parse(articles[i]);
    INFO(lines[2 * i]);
    CHECK(action == Json({{"index", {{"_index", "newsidx"}, {"_id", article["id"]}}}}));
    CHECK(doc["id"] == article["id"]);
    if (article["date"].is_null()) {
      ++undated;
      CHECK(doc["date"].is_null());
    } else {
      CHECK(doc["date"] == Json({{"gte", article["date_start"]}, {"lte", article["date_end"]}}));
    }
    // Apart from the date, the document is the article model.
    doc["date"] = article["date"];
    CHECK(doc == article);
  }
  CHECK(undated == 1);

  // Another index; filters as for jsonl; the name is checked.
  const RunResult named = run_newsidx({"--db", archive.db(), "export", "inondations", "--format",
                                       "opensearch", "--index", "presse"});
  REQUIRE(named.exit_code == 0);
  const Strings named_lines = lines_of(named.out);
  REQUIRE(named_lines.size() == 8);
  CHECK(Json::parse(named_lines[0])["index"]["_index"] == "presse");
  const RunResult bad =
      run_newsidx({"--db", archive.db(), "export", "--format", "opensearch", "--index", "Presse"});
  CHECK(bad.exit_code == 2);
  CHECK(bad.out == "");
  CHECK_THAT(bad.err, Catch::Contains("invalid index name 'Presse'"));
  const RunResult without = run_newsidx({"--db", archive.db(), "export", "--index", "presse"});
  CHECK(without.exit_code == 2);
  CHECK_THAT(without.err, Catch::Contains("--index needs --format opensearch"));
  const RunResult none =
      run_newsidx({"--db", archive.db(), "export", "zzyzx", "--format", "opensearch"});
  CHECK(none.exit_code == 1);
  CHECK(none.out == "");
}

TEST_CASE("opensearch_bulk_json and opensearch_index_problem", "[json]") {
  newsidx::Article a;
  a.id = "0123456789abcdef";
  a.title = "Titre";
  a.blocks = {{newsidx::Block::Type::kParagraph, "Texte \"cit\xC3\xA9\"."}};
  a.word_count = 2;
  a.sources = {{"/a/b.txt", "UTF-8", 12}};

  std::string lines = newsidx::opensearch_bulk_json(a, "newsidx");
  REQUIRE(std::count(lines.begin(), lines.end(), '\n') == 1);
  const std::string action = lines.substr(0, lines.find('\n'));
  CHECK(action == R"({"index":{"_index":"newsidx","_id":"0123456789abcdef"}})");
  Json doc = Json::parse(lines.substr(lines.find('\n') + 1));
  CHECK(doc["date"].is_null());
  CHECK(doc["date_precision"].is_null());
  CHECK(doc["blocks"][0]["text"] == "Texte \"cit\xC3\xA9\".");

  a.date = newsidx::make_date(2016, 2, 0);
  lines = newsidx::opensearch_bulk_json(a, "presse-2016");
  doc = Json::parse(lines.substr(lines.find('\n') + 1));
  CHECK(doc["date"] == Json({{"gte", "2016-02-01"}, {"lte", "2016-02-29"}}));
  CHECK(doc["date_precision"] == "month");
  CHECK(doc["date_start"] == "2016-02-01");
  CHECK(Json::parse(lines.substr(0, lines.find('\n')))["index"]["_index"] == "presse-2016");

  for (const char* good : {"newsidx", "presse-2016", "a.b_c+d", "\xC3\xA9t\xC3\xA9"}) {
    INFO(good);
    CHECK_FALSE(newsidx::opensearch_index_problem(good).has_value());
  }
  for (const std::string& bad :
       {std::string(), std::string("."), std::string(".."), std::string("-x"), std::string("_x"),
        std::string("+x"), std::string("Presse"), std::string("a b"), std::string("a/b"),
        std::string("a,b"), std::string("a#b"), std::string("a:b"), std::string("a*b"),
        std::string("a\"b"), std::string("a\nb"), std::string(256, 'a')}) {
    INFO(bad);
    CHECK(newsidx::opensearch_index_problem(bad).has_value());
    CHECK_THROWS_AS(newsidx::opensearch_bulk_json(a, bad), newsidx::Error);
  }
  CHECK_FALSE(newsidx::opensearch_index_problem(std::string(255, 'a')).has_value());
}

TEST_CASE("the examples in the --help of every command work on data/", "[install][cli]") {
  if (!have_program("bash")) {
    return newsidx::test::skip("bash is not installed");
  }
  const bool jq = have_program("jq");
  const SampleArchive archive;
  const char* search_path = std::getenv("PATH");
  const std::string path =
      build_dir().string() + ":" + (search_path != nullptr ? search_path : "/usr/bin:/bin");
  int run = 0;
  for (const std::string& command : kCommands) {
    const std::string help = help_of(command);
    const auto examples = help.find("Examples:\n");
    REQUIRE(examples != std::string::npos);
    for (const std::string& line : lines_of(help.substr(examples))) {
      if (line.rfind("  newsidx ", 0) != 0) continue;
      const std::string example = line.substr(2);
      if (!jq && example.find("| jq") != std::string::npos) {
        WARN("not run (no jq): " << example);
        continue;
      }
      INFO(example);
      const RunResult r =
          run_program({"bash", "--norc", "--noprofile", "-c",
                       "set -o pipefail; cd \"$0\" && " + example, archive.dir().string()},
                      {{"PATH", path}, {"NEWSIDX_DB", archive.db()}});
      INFO(r.err);
      // data/ holds no near duplicates: `similar` finds none there (exit 1).
      const bool finds_nothing = command == "similar";
      CHECK(r.exit_code == (finds_nothing ? 1 : 0));
      const bool writes_file =
          example.find('>') != std::string::npos || example.find("split") != std::string::npos;
      if (!writes_file && !finds_nothing && example.find("ingest") == std::string::npos) {
        CHECK(r.out != "");
      }
      ++run;
    }
  }
  CHECK(run >= 2 * static_cast<int>(kCommands.size()));
}
