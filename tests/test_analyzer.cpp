#include <unicode/utf8.h>

#include <catch2/catch.hpp>
#include <cstdint>
#include <filesystem>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "newsidx/analyzer.hpp"
#include "support.hpp"

using newsidx::analyze_for_display;
using newsidx::AnalyzedToken;
using newsidx::Analyzer;
using newsidx::kMaxTokenBytes;
using newsidx::Token;

namespace {

std::vector<std::string> folded_forms(std::string_view text) {
  std::vector<std::string> out;
  for (const AnalyzedToken& t : analyze_for_display(text)) out.push_back(t.folded);
  return out;
}

std::vector<std::string> stems(std::string_view text) {
  std::vector<std::string> out;
  for (const AnalyzedToken& t : analyze_for_display(text)) out.push_back(t.stem);
  return out;
}

std::vector<std::string> folded_stems(std::string_view text) {
  std::vector<std::string> out;
  for (const AnalyzedToken& t : analyze_for_display(text)) out.push_back(t.folded_stem);
  return out;
}

using Strings = std::vector<std::string>;

bool valid_utf8(std::string_view s) {
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(s.data());
  const std::size_t length = s.size();
  std::size_t i = 0;
  while (i < length) {
    UChar32 c = 0;
    U8_NEXT(bytes, i, length, c);
    if (c < 0) return false;
  }
  return true;
}

/// Checks what holds for every token of any text.
void check_invariants(std::string_view text, const std::vector<AnalyzedToken>& tokens) {
  std::size_t previous_end = 0;
  for (const AnalyzedToken& t : tokens) {
    INFO("token " << t.folded << " at " << t.start);
    REQUIRE(t.start < t.end);
    REQUIRE(t.end <= text.size());
    REQUIRE(t.start >= previous_end);
    CHECK(!t.folded.empty());
    CHECK(t.folded.size() <= kMaxTokenBytes);
    CHECK(!t.stem.empty());
    CHECK(!t.folded_stem.empty());
    CHECK(t.stem.size() <= kMaxTokenBytes);
    CHECK(t.folded_stem.size() <= kMaxTokenBytes);
    CHECK(valid_utf8(t.folded));
    CHECK(valid_utf8(t.stem));
    CHECK(valid_utf8(t.folded_stem));
    CHECK(t.surface == text.substr(t.start, t.end - t.start));
    previous_end = t.end;
  }
}

}  // namespace

TEST_CASE("tokens carry the folded form, the stem and the byte offsets of the word", "[analyzer]") {
  const std::string text = "L’armée de Bachar el-Assad a annoncé";
  Analyzer analyzer;
  analyzer.start(text);
  Token t;
  REQUIRE(analyzer.next(t));
  CHECK(t.folded == "armee");
  CHECK(t.stem == "arme");
  CHECK(t.word_start == 0);
  CHECK(t.start == 4);  // after "L’" (1 + 3 bytes)
  CHECK(t.end == 10);   // "armée" is 6 bytes
  REQUIRE(analyzer.next(t));
  CHECK(t.folded == "de");
  CHECK(t.start == 11);
  CHECK(t.end == 13);
  CHECK(t.word_start == 11);

  const auto all = analyzer.analyze(text);
  REQUIRE(all.size() == 7);
  CHECK(all[0].surface == "armée");
  CHECK(all[2].surface == "Bachar");
  CHECK(all[3].surface == "el");
  CHECK(all[4].surface == "Assad");
  CHECK(all[6].surface == "annoncé");
  CHECK(all[6].folded == "annonce");
  CHECK(all[6].stem == "annonc");
  check_invariants(text, all);
}

TEST_CASE("empty, blank and punctuation-only texts give no token", "[analyzer]") {
  for (const std::string_view text :
       {"", " ", "\n\t \r\n", "… « » — – !?;,.:()[]{}/\\'’ʼ\"", "- - -", "\u00A0\u202F\u200B",
        "\u00AD\u200D", "\u0301\u0301", "'''", "€ $ % & @ # * + ="}) {
    INFO(text);
    CHECK(analyze_for_display(text).empty());
  }
  Analyzer analyzer;
  analyzer.start("");
  Token t;
  CHECK_FALSE(analyzer.next(t));
  CHECK_FALSE(analyzer.next(t));  // stays at the end
}

TEST_CASE("elided words are dropped whatever the apostrophe and the case", "[analyzer]") {
  for (const std::string& elision :
       Strings{"l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu", "puisqu",
               "L", "QU", "Jusqu", "LORSQU"}) {
    for (const std::string& apostrophe : Strings{"'", "’", "ʼ"}) {
      const std::string text = elision + apostrophe + "armée";
      INFO(text);
      const auto tokens = analyze_for_display(text);
      REQUIRE(tokens.size() == 1);
      CHECK(tokens[0].folded == "armee");
      CHECK(tokens[0].stem == "arme");
      CHECK(tokens[0].start == elision.size() + apostrophe.size());
      CHECK(tokens[0].end == text.size());
      CHECK(tokens[0].surface == "armée");
    }
  }
  CHECK(folded_forms("jusqu’à l’aube, lorsqu’il s’en va") ==
        Strings{"a", "aube", "il", "en", "va"});
  CHECK(folded_forms("d'1 million") == Strings{"1", "million"});
}

TEST_CASE("words with an apostrophe that are not elisions are kept whole", "[analyzer]") {
  for (const std::string& apostrophe : Strings{"'", "’", "ʼ"}) {
    INFO(apostrophe);
    const std::string text = "aujourd" + apostrophe + "hui";
    const auto tokens = analyze_for_display(text);
    REQUIRE(tokens.size() == 1);
    CHECK(tokens[0].folded == "aujourdhui");
    CHECK(tokens[0].start == 0);
    CHECK(tokens[0].end == text.size());
    CHECK(folded_forms("presqu" + apostrophe + "île") == Strings{"presquile"});
    CHECK(folded_forms("quelqu" + apostrophe + "un") == Strings{"quelquun"});
    CHECK(folded_forms("Prud" + apostrophe + "hommes") == Strings{"prudhommes"});
    // An elision before a kept word: only the elision goes.
    CHECK(folded_forms("qu" + apostrophe + "aujourd" + apostrophe + "hui") ==
          Strings{"aujourdhui"});
  }
  CHECK(stems("aujourd'hui") == stems("aujourd’hui"));
}

TEST_CASE("apostrophes that do not join two letters separate words", "[analyzer]") {
  CHECK(folded_forms("l’ armée") == Strings{"l", "armee"});
  CHECK(folded_forms("les 'bons' mots") == Strings{"les", "bons", "mots"});
  CHECK(folded_forms("l’’armée") == Strings{"l", "armee"});
  CHECK(folded_forms("12'30") == Strings{"12", "30"});
  CHECK(folded_forms("fin’") == Strings{"fin"});
  const auto tokens = analyze_for_display("l’");
  REQUIRE(tokens.size() == 1);
  CHECK(tokens[0].surface == "l");
}

TEST_CASE("hyphenated words give consecutive tokens", "[analyzer]") {
  const auto tokens = analyze_for_display("Alep-Est");
  REQUIRE(tokens.size() == 2);
  CHECK(tokens[0].folded == "alep");
  CHECK(tokens[0].start == 0);
  CHECK(tokens[0].end == 4);
  CHECK(tokens[1].folded == "est");
  CHECK(tokens[1].start == 5);
  CHECK(tokens[1].end == 8);
  CHECK(folded_forms("Saint-Étienne") == Strings{"saint", "etienne"});
  CHECK(folded_forms("peut-être–non—oui") == Strings{"peut", "etre", "non", "oui"});
  CHECK(stems("Alep-Est") == stems("Alep Est"));
}

TEST_CASE("case, diacritics and ligatures are folded before stemming", "[analyzer]") {
  CHECK(folded_forms("Élysée ÉLYSÉE elysee") == Strings{"elysee", "elysee", "elysee"});
  CHECK(folded_forms("Œuvre œuvre OEUVRE") == Strings{"oeuvre", "oeuvre", "oeuvre"});
  CHECK(folded_forms("Lætitia ÆTHER") == Strings{"laetitia", "aether"});
  CHECK(folded_forms("Straße STRASSE") == Strings{"strasse", "strasse"});
  CHECK(folded_forms("ARMÉE L'ARMEE") == Strings{"armee", "armee"});
  CHECK(folded_forms("ça Ça garçon") == Strings{"ca", "ca", "garcon"});
  CHECK(folded_forms("Noël naïf août") == Strings{"noel", "naif", "aout"});
  CHECK(folded_forms("ﬁn km² Łódź Øresund İstanbul") ==
        Strings{"fin", "km2", "lodz", "oresund", "istanbul"});
  // Decomposed accents (e + U+0301) fold like precomposed ones.
  CHECK(folded_forms("e\u0301lyse\u0301e") == Strings{"elysee"});
  // Format characters inside a word are ignored; a zero-width space separates.
  CHECK(folded_forms("ar\u00ADmée") == Strings{"armee"});
  CHECK(folded_forms("ar\u200Bmée") == Strings{"ar", "mee"});
  // Other scripts are words too.
  CHECK(folded_forms("Москва Αθήνα") == Strings{"москва", "αθηνα"});
}

TEST_CASE("words are stemmed with the Snowball French stemmer", "[analyzer]") {
  CHECK(stems("bombardements bombardé bombardement") == Strings{"bombard", "bombard", "bombard"});
  CHECK(stems("manifestations manifestation") == Strings{"manifest", "manifest"});
  CHECK(folded_forms("manifestations manifestation") == Strings{"manifestations", "manifestation"});
  CHECK(stems("armée armee ARMÉE") == Strings{"arme", "arme", "arme"});
  // Stop words are kept.
  CHECK(stems("le la les de du et") == Strings{"le", "la", "le", "de", "du", "et"});
}

TEST_CASE("the stem is Snowball's on the word as written, accents kept, then folded",
          "[analyzer]") {
  // Snowball reads -é, -ée, -és, -ées and -ière with their accents: the
  // feminine and the plural stay with the masculine.
  CHECK(stems("déclaré déclarée déclarés déclarées") ==
        Strings{"declar", "declar", "declar", "declar"});
  CHECK(stems("blessé blessée blessés") == Strings{"bless", "bless", "bless"});
  CHECK(stems("dernier dernière premier première") == Strings{"derni", "derni", "premi", "premi"});
  // ... and a refugee is not a refuge.
  CHECK(stems("réfugié réfugiée réfugiés refuge refuges") ==
        Strings{"refugi", "refugi", "refugi", "refug", "refug"});
  // Case does not matter; elisions are removed first.
  CHECK(stems("DÉCLARÉE Déclarée l’Élysée L'ÉLYSÉE") ==
        Strings{"declar", "declar", "elys", "elys"});
  // Decomposed accents are composed before stemming.
  CHECK(stems("de\u0301clare\u0301e") == Strings{"declar"});
  // The stem is folded: no accent or ligature is left in it.
  CHECK(stems("œuvres Œuvre élève") == Strings{"oeuvr", "oeuvr", "elev"});
}

TEST_CASE("the folded stem stems the folded word, Snowball's suffix accents restored",
          "[analyzer]") {
  // Written without accents, a word would otherwise stem apart.
  CHECK(stems("declaree derniere elysee activite activites") ==
        Strings{"declare", "dernier", "elyse", "activit", "activit"});
  CHECK(folded_stems("declaree declarees derniere dernieres elysee activite activites") ==
        Strings{"declar", "declar", "derni", "derni", "elys", "activ", "activ"});
  // The same as the stem of the word written with its accents.
  for (const std::string& word : Strings{"déclarée", "dernières", "Élysée", "activité"}) {
    INFO(word);
    const auto written = analyze_for_display(word);
    const auto bare = analyze_for_display(written.at(0).folded);
    CHECK(bare.at(0).folded_stem == written.at(0).stem);
  }
  // No suffix to restore: the stem of the folded word as it is.
  CHECK(folded_stems("réfugiés refugies armée") == Strings{"refug", "refug", "arme"});
  CHECK(folded_stems("alep prison 350 000") == Strings{"alep", "prison", "350000"});
}

TEST_CASE("a word is accented when folding changes more than its case", "[analyzer]") {
  std::vector<bool> accented;
  for (const AnalyzedToken& t : analyze_for_display("armée ARMEE Armee œuvre l’Élysée "
                                                    "Москва 350 ar\u00ADmee e\u0301te\u0301")) {
    accented.push_back(t.accented);
  }
  CHECK(accented == std::vector<bool>{true, false, false, true, true, false, false, false, true});
}

TEST_CASE("stems are remembered by what was stemmed", "[analyzer]") {
  // `déclarée` and `declaree` fold alike but stem apart.
  Analyzer analyzer;
  for (int round = 0; round < 3; ++round) {
    const auto tokens = analyzer.analyze("déclarée declaree déclarée activité activite");
    REQUIRE(tokens.size() == 5);
    CHECK(tokens[0].stem == "declar");
    CHECK(tokens[1].stem == "declare");
    CHECK(tokens[1].folded_stem == "declar");
    CHECK(tokens[2].stem == "declar");
    CHECK(tokens[3].stem == "activ");
    CHECK(tokens[4].stem == "activit");
    CHECK(tokens[4].folded_stem == "activ");
  }
  // The cache grows once it has missed many words; the stems stay right.
  std::string many;
  for (int i = 0; i < 2000; ++i) many += "mot" + std::to_string(i) + "ée déclarée ";
  const auto before = Analyzer().analyze(many);
  CHECK(analyzer.analyze(many).size() == before.size());
  const auto after = analyzer.analyze(many);
  REQUIRE(after.size() == before.size());
  for (std::size_t i = 0; i < after.size(); ++i) {
    INFO(after[i].surface);
    REQUIRE(after[i].stem == before[i].stem);
    REQUIRE(after[i].folded_stem == before[i].folded_stem);
  }
  // A word whose stems do not fit the cache is stemmed each time, alike.
  const std::string long_word = "intergouvernementalisées";
  const std::string text = "déclarée " + long_word + " déclarée " + long_word;
  analyzer.start(text);
  Token token;
  std::vector<std::pair<std::string, bool>> seen;  // (stem, fresh)
  while (analyzer.next(token)) seen.emplace_back(std::string(token.stem), token.fresh);
  REQUIRE(seen.size() == 4);
  CHECK_FALSE(seen[2].second);  // déclarée again: remembered
  CHECK(seen[1].second);        // the long word: not remembered
  CHECK(seen[3].second);
  CHECK(seen[3].first == seen[1].first);
  CHECK(seen[1].first == stems(long_word).at(0));
  CHECK(seen[1].first.size() > 10);
  // A format character that folds to itself is not in the word as written:
  // `c` + U+0600 and `c` are written alike but fold apart (a fuzzer find).
  const auto tokens = analyzer.analyze("c\u0600 c c\u0600");
  REQUIRE(tokens.size() == 3);
  CHECK(tokens[0].folded_stem == "c\u0600");
  CHECK(tokens[1].folded_stem == "c");
  CHECK(tokens[2].folded_stem == "c\u0600");
}

TEST_CASE("numbers with thousands separators are one token", "[analyzer]") {
  for (const std::string& text : Strings{"350 000", "350.000", "350\u00A0000", "350\u202F000"}) {
    INFO(text);
    const auto tokens = analyze_for_display("soit " + text + " personnes");
    REQUIRE(tokens.size() == 3);
    CHECK(tokens[1].folded == "350000");
    CHECK(tokens[1].stem == "350000");
    CHECK(tokens[1].start == 5);
    CHECK(tokens[1].end == 5 + text.size());
    CHECK(tokens[1].surface == text);
  }
  CHECK(folded_forms("1 500 000") == Strings{"1500000"});
  CHECK(folded_forms("12.345.678 7 000") == Strings{"12345678", "7000"});
  // A first group of more than 3 digits, or a group of other than 3, breaks.
  CHECK(folded_forms("2011 350") == Strings{"2011", "350"});
  CHECK(folded_forms("en 2011 350 000 personnes") == Strings{"en", "2011", "350000", "personnes"});
  CHECK(folded_forms("1 500 0000") == Strings{"1500", "0000"});
  CHECK(folded_forms("1 50") == Strings{"1", "50"});
  CHECK(folded_forms("12.5") == Strings{"12", "5"});
  CHECK(folded_forms("15.03.2016") == Strings{"15", "03", "2016"});
  // Separators must be alike and sit alone between the groups.
  CHECK(folded_forms("1 500.000") == Strings{"1500", "000"});
  CHECK(folded_forms("350  000") == Strings{"350", "000"});
  CHECK(folded_forms("150. 300") == Strings{"150", "300"});
  // A group followed by a letter is not a group.
  CHECK(folded_forms("1 000km") == Strings{"1", "000km"});
  CHECK(folded_forms("1 000 km") == Strings{"1000", "km"});
  CHECK(folded_forms("350 000,5") == Strings{"350000", "5"});
  CHECK(folded_forms("A320 000") == Strings{"a320", "000"});
  CHECK(folded_forms("350 000.") == Strings{"350000"});
}

TEST_CASE("invalid UTF-8 separates words and never stops the analysis", "[analyzer]") {
  {
    const std::string text = "ar\xFFmée";
    const auto tokens = analyze_for_display(text);
    REQUIRE(tokens.size() == 2);
    CHECK(tokens[0].folded == "ar");
    CHECK(tokens[0].end == 2);
    CHECK(tokens[1].folded == "mee");
    CHECK(tokens[1].start == 3);
    check_invariants(text, tokens);
  }
  for (const std::string& text : Strings{
           std::string("arm\xC3"), std::string("arm\xE2\x80 suite"), std::string("\x80\x80\xBF"),
           std::string("a\xC0\xAFz"), std::string("l\xED\xA0\x80z"),
           std::string("\xF4\x90\x80\x80x"), std::string("\xF0\x9F\x98"),
           std::string("arm\xE9"
                       "e"),
           std::string("\xFE\xFF")}) {
    INFO(text);
    const auto tokens = analyze_for_display(text);
    check_invariants(text, tokens);
  }
  CHECK(folded_forms("arm\xE9"
                     "e") == Strings{"arm", "e"});
  CHECK(folded_forms(std::string("a\0b", 3)) == Strings{"a", "b"});
}

TEST_CASE("a 1 MB word is cut to kMaxTokenBytes and spans the whole word", "[analyzer]") {
  const std::size_t mb = 1 << 20;
  {
    const std::string text = "avant " + std::string(mb, 'a') + " après";
    const auto tokens = analyze_for_display(text);
    REQUIRE(tokens.size() == 3);
    CHECK(tokens[1].folded == std::string(kMaxTokenBytes, 'a'));
    CHECK(tokens[1].start == 6);
    CHECK(tokens[1].end == 6 + mb);
    CHECK(tokens[2].folded == "apres");
  }
  // Multi-byte words are cut on a character boundary.
  for (const std::string& unit : Strings{"é", "ß", "中", "Œ"}) {
    INFO(unit);
    std::string text;
    while (text.size() < mb) text += unit;
    const auto tokens = analyze_for_display(text);
    REQUIRE(tokens.size() == 1);
    CHECK(tokens[0].end == text.size());
    CHECK(tokens[0].folded.size() <= kMaxTokenBytes);
    CHECK(tokens[0].folded.size() > kMaxTokenBytes - 4);
    check_invariants(text, tokens);
  }
  // A word of 1 MB made of elisions and apostrophes.
  std::string elisions;
  while (elisions.size() < mb) elisions += "l'";
  elisions += "armée";
  CHECK(folded_forms(elisions) == Strings{"armee"});
}

TEST_CASE("an Analyzer can be reused and moved", "[analyzer]") {
  Analyzer first;
  Token t;
  first.start("bombardements");
  REQUIRE(first.next(t));
  Analyzer second = std::move(first);
  second.start("Élysée");
  REQUIRE(second.next(t));
  CHECK(t.stem == "elys");  // the stem of "élysée" (that of "elysee" is "elyse")
  CHECK_FALSE(second.next(t));
  CHECK(second.analyze("reprise d’Alep").size() == 2);
}

TEST_CASE("random bytes never break the analysis", "[analyzer]") {
  std::mt19937 random(12345);
  const std::vector<std::string> pieces = {"a",    "É",      "’",      "'", " ",  "\u00A0",
                                           "-",    "0",      "000",    "l", "qu", "\xC3",
                                           "\x80", "\u0301", "\u00AD", "."};
  Analyzer analyzer;
  for (int round = 0; round < 2000; ++round) {
    std::string text;
    const int length = static_cast<int>(random() % 40);
    for (int i = 0; i < length; ++i) {
      if (random() % 4 == 0) {
        text += static_cast<char>(random() % 256);
      } else {
        text += pieces[random() % pieces.size()];
      }
    }
    INFO(text);
    check_invariants(text, analyzer.analyze(text));
  }
}

TEST_CASE("each token of the corpus analyses alone to itself", "[analyzer]") {
  const auto corpus = newsidx::test::shared_corpus("orangesum-500");
  if (!corpus) {
    WARN("SKIPPED: shared corpus orangesum-500 not found");
    return;
  }
  Analyzer analyzer;
  Analyzer alone;
  std::size_t files = 0;
  std::size_t tokens = 0;
  for (const auto& entry : std::filesystem::directory_iterator(*corpus)) {
    if (entry.path().extension() != ".txt") continue;
    const std::string text = newsidx::test::read_file(entry.path());
    const auto all = analyzer.analyze(text);
    check_invariants(text, all);
    for (const AnalyzedToken& t : all) {
      const auto again = alone.analyze(t.surface);
      INFO(t.surface);
      REQUIRE(again.size() == 1);
      REQUIRE(again[0].folded == t.folded);
      REQUIRE(again[0].stem == t.stem);
      REQUIRE(again[0].folded_stem == t.folded_stem);
      REQUIRE(again[0].accented == t.accented);
    }
    tokens += all.size();
    ++files;
  }
  CHECK(files >= 500);
  CHECK(tokens > 100000);
}
