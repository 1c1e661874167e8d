#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "newsidx/parser.hpp"
#include "support.hpp"

using newsidx::Article;
using newsidx::Block;
using newsidx::DatePrecision;
using newsidx::parse_article;
using newsidx::ParseOptions;
using newsidx::read_article;
using newsidx::TitleSource;
using newsidx::Warning;
using newsidx::test::utf16_with_bom;
namespace fs = std::filesystem;

namespace {

/// Parses `text` as the file `path` and requires an article.
Article parse(std::string_view text, const std::string& path = "/archive/article.txt") {
  newsidx::ParseResult r = parse_article(text, path);
  INFO("rejection: " << r.rejection);
  REQUIRE_FALSE(r.rejected());
  return std::move(*r.article);
}

/// The rejection of `text`, or "" when it is accepted.
std::string rejection_of(std::string_view text) {
  return parse_article(text, "/a.txt").rejection;
}

std::string date_of(const Article& a) {
  return a.date ? a.date->str() : "undated";
}

std::vector<std::string> texts(const Article& a) {
  std::vector<std::string> out;
  for (const Block& b : a.blocks) out.push_back(b.text);
  return out;
}

std::vector<Block::Type> types(const Article& a) {
  std::vector<Block::Type> out;
  for (const Block& b : a.blocks) out.push_back(b.type);
  return out;
}

std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

constexpr Block::Type kP = Block::Type::kParagraph;
constexpr Block::Type kH = Block::Type::kHeading;

}  // namespace

// ---------------------------------------------------------------------------
// The format (SPEC §1.1)

TEST_CASE("the seed format: date line, paragraphs, heading, derived title", "[parser]") {
  const std::string text =
      " date 2016-12 L’armée a annoncé la reprise totale d’Alep. Il s'agit d'une victoire.\n"
      "\n"
      "« Le commandement annonce le retour de la sécurité », indique un communiqué.\n"
      "\n"
      "La plus grande victoire du régime\n"
      "\n"
      "La reprise d’Alep constitue la plus grande victoire du régime.\n";
  const Article a = parse(text);
  CHECK(date_of(a) == "2016-12");
  CHECK(a.date->precision == DatePrecision::kMonth);
  CHECK(a.warnings.empty());
  CHECK(texts(a) ==
        std::vector<std::string>{
            "L’armée a annoncé la reprise totale d’Alep. Il s'agit d'une victoire.",
            "« Le commandement annonce le retour de la sécurité », indique un communiqué.",
            "La plus grande victoire du régime",
            "La reprise d’Alep constitue la plus grande victoire du régime."});
  CHECK(types(a) == std::vector<Block::Type>{kP, kP, kH, kP});
  CHECK(a.title == "L’armée a annoncé la reprise totale d’Alep.");
  CHECK(a.title_source == TitleSource::kDerived);
  CHECK(a.lead() == a.blocks[0].text);
  CHECK(a.word_count == 11 + 11 + 6 + 10);
  CHECK(a.id == newsidx::article_id(a.date, a.body()));
  CHECK(a.id.size() == 16);
  REQUIRE(a.sources.size() == 1);
  CHECK(a.sources[0].path == "/archive/article.txt");
  CHECK(a.sources[0].encoding == "UTF-8");
  CHECK(a.sources[0].bytes == text.size());
  CHECK(a.metadata == newsidx::Metadata{});
}

TEST_CASE("every date form is read with its precision", "[parser]") {
  struct Case {
    const char* line;
    const char* date;
    DatePrecision precision;
  };
  const Case cases[] = {
      {"date 2016 Texte.", "2016", DatePrecision::kYear},
      {"date 2016-12 Texte.", "2016-12", DatePrecision::kMonth},
      {"date 2016-12-15 Texte.", "2016-12-15", DatePrecision::kDay},
      {"date 2016/12/15 Texte.", "2016-12-15", DatePrecision::kDay},
      {"date 15/12/2016 Texte.", "2016-12-15", DatePrecision::kDay},
      {"date 5/1/2016 Texte.", "2016-01-05", DatePrecision::kDay},
      {"date décembre 2016 Texte.", "2016-12", DatePrecision::kMonth},
      {"date 15 décembre 2016 Texte.", "2016-12-15", DatePrecision::kDay},
      {"date 1er décembre 2016 Texte.", "2016-12-01", DatePrecision::kDay},
      {"date jeudi 15 décembre 2016 Texte.", "2016-12-15", DatePrecision::kDay},
      {"date Jeudi, 15 Décembre 2016 Texte.", "2016-12-15", DatePrecision::kDay},
      {"DATE 15 DÉCEMBRE 2016 Texte.", "2016-12-15", DatePrecision::kDay},
      {"Date 1ER Fevrier 2016 Texte.", "2016-02-01", DatePrecision::kDay},
      {"date février 2016 Texte.", "2016-02", DatePrecision::kMonth},
      {"date 3 août 2016 Texte.", "2016-08-03", DatePrecision::kDay},
      {"date 3 aout 2016 Texte.", "2016-08-03", DatePrecision::kDay},
      {"date 3 AOÛT 2016 Texte.", "2016-08-03", DatePrecision::kDay},
      {"date 9 decembre 2016 Texte.", "2016-12-09", DatePrecision::kDay},
      {"date: 2016-12-15 Texte.", "2016-12-15", DatePrecision::kDay},
      {"Date : 2016-12-15 Texte.", "2016-12-15", DatePrecision::kDay},
      {"date:2016-12 Texte.", "2016-12", DatePrecision::kMonth},
      {"date 2016-12-15, Texte.", "2016-12-15", DatePrecision::kDay},
      {"date 2016-12 - Texte.", "2016-12", DatePrecision::kMonth},
      {"date 2016-12 — Texte.", "2016-12", DatePrecision::kMonth},
      {"\t  date 2016-12 Texte.", "2016-12", DatePrecision::kMonth},
      {"date 2016-12-15T10:30:00+01:00 Texte.", "2016-12-15", DatePrecision::kDay},
      {"date: 2016-12-15T10:30Z Texte.", "2016-12-15", DatePrecision::kDay},
  };
  const std::string months[] = {"janvier",   "février", "mars",     "avril",
                                "mai",       "juin",    "juillet",  "août",
                                "septembre", "octobre", "novembre", "décembre"};
  for (const Case& c : cases) {
    INFO(c.line);
    const Article a = parse(std::string(c.line) + "\n\nSuite.\n");
    CHECK(date_of(a) == c.date);
    CHECK(a.date->precision == c.precision);
    CHECK(a.blocks.front().text == "Texte.");
    CHECK(a.warnings.empty());
  }
  for (std::size_t m = 0; m < 12; ++m) {
    INFO(months[m]);
    const Article a = parse("date 2 " + months[m] + " 2016 Texte.\n");
    CHECK(a.date->month == static_cast<int>(m) + 1);
    CHECK(a.date->day == 2);
  }
}

TEST_CASE("the longest date form wins and the text follows it", "[parser]") {
  const Article a = parse("date 15 décembre 2016 Le convoi est parti.\n");
  CHECK(date_of(a) == "2016-12-15");
  CHECK(a.blocks.front().text == "Le convoi est parti.");

  const Article b = parse("date 2016 12 000 manifestants ont défilé.\n");
  CHECK(date_of(b) == "2016");
  CHECK(b.blocks.front().text == "12 000 manifestants ont défilé.");
}

TEST_CASE("a date line of its own, and metadata lines in any order", "[parser]") {
  const Article a = parse(
      "\n"
      "TITRE : Alep reprise par le régime\n"
      "date: 2016-12-15\n"
      "Auteur: Jeanne Martin\n"
      "SOURCE: AFP\n"
      "url: https://example.org/alep?id=1\n"
      "\n"
      "L’armée a annoncé la reprise d’Alep.\n"
      "Source: ceci est déjà du texte.\n");
  CHECK(date_of(a) == "2016-12-15");
  CHECK(a.title == "Alep reprise par le régime");
  CHECK(a.title_source == TitleSource::kHeader);
  CHECK(a.metadata.author == "Jeanne Martin");
  CHECK(a.metadata.source == "AFP");
  CHECK(a.metadata.url == "https://example.org/alep?id=1");
  CHECK(texts(a) == std::vector<std::string>{
                        "L’armée a annoncé la reprise d’Alep. Source: ceci est déjà du texte."});
  CHECK(a.warnings.empty());

  const Article b = parse("title: Un titre\nauthor: X\ndate 2016 Le texte commence ici.\n");
  CHECK(b.title == "Un titre");
  CHECK(b.metadata.author == "X");
  CHECK(date_of(b) == "2016");
  CHECK(b.blocks.front().text == "Le texte commence ici.");
}

TEST_CASE("the first line that is neither date nor metadata starts the text", "[parser]") {
  const Article a = parse("date 2016-12\nLe texte.\nTitre: pas un titre\n");
  CHECK(a.title == "Le texte.");
  CHECK(a.title_source == TitleSource::kDerived);
  CHECK(texts(a) == std::vector<std::string>{"Le texte. Titre: pas un titre"});

  // "Date" as an ordinary word is text, not a date line.
  const Article b = parse("Date butoir fixée au 31 mars.\n", "/archive/x.txt");
  CHECK(b.blocks.front().text == "Date butoir fixée au 31 mars.");
  CHECK_FALSE(b.date);
  CHECK(b.warnings == std::vector<Warning>{{1, "no date line; stored undated"}});
}

TEST_CASE("impossible dates are stored undated with a warning", "[parser]") {
  struct Case {
    const char* line;
    const char* warning;
  };
  const Case cases[] = {
      {"date 2016-13 Texte.",
       "impossible date \"2016-13\": month 13 does not exist; stored undated"},
      {"date 2016-02-30 Texte.",
       "impossible date \"2016-02-30\": 2016-02-30 does not exist; stored undated"},
      {"date 30 février 2016 Texte.",
       "impossible date \"30 février 2016\": 2016-02-30 does not exist; stored undated"},
      {"date 29/02/2015 Texte.",
       "impossible date \"29/02/2015\": 2015-02-29 does not exist; stored undated"},
      {"date 1700 Texte.", "impossible date \"1700\": year 1700 is before 1800; stored undated"},
      {"date 2016-00 Texte.",
       "impossible date \"2016-00\": month 0 does not exist; stored undated"},
      {"date 2016-12-00 Texte.",
       "impossible date \"2016-12-00\": 2016-12-00 does not exist; stored undated"},
      {"date: hier Texte.", "unrecognized date \"hier Texte.\"; stored undated"},
  };
  for (const Case& c : cases) {
    INFO(c.line);
    // The path holds a date, but a date line was there: no fallback.
    const std::string text = std::string(c.line) + "\n\nSuite.\n";
    const Article a = parse(text, "/archive/2016/12/x.txt");
    CHECK_FALSE(a.date);
    CHECK(a.warnings == std::vector<Warning>{{1, c.warning}});
  }
  const Article far = parse("date 2999-01-01 Texte.\n");
  CHECK_FALSE(far.date);
  REQUIRE(far.warnings.size() == 1);
  CHECK_THAT(far.warnings[0].message,
             Catch::StartsWith("impossible date \"2999-01-01\": year 2999 is after "));

  // The warning names the line the date is on.
  const Article later = parse("titre: T\nauteur: A\ndate 2016-13\n\nTexte.\n");
  CHECK(later.warnings ==
        std::vector<Warning>{
            {3, "impossible date \"2016-13\": month 13 does not exist; stored undated"}});
  CHECK(later.blocks.front().text == "Texte.");
}

TEST_CASE("without a date line the date comes from the path", "[parser]") {
  struct Case {
    const char* path;
    const char* date;
  };
  const Case cases[] = {
      {"/archive/2016/12/article.txt", "2016-12"},
      {"/archive/2016/12/15/article.txt", "2016-12-15"},
      {"/archive/2016/article.txt", "2016"},
      {"/archive/2016-12/article.txt", "2016-12"},
      {"/archive/2016-12-15_alep.txt", "2016-12-15"},
      {"/archive/2016-12_alep.txt", "2016-12"},
      {"/archive/20161215_alep.txt", "2016-12-15"},
      {"/archive/2016-12-15.txt", "2016-12-15"},
      {"/archive/2016/12/2016-12-15_alep.txt", "2016-12-15"},
      {"/archive/2016/13/article.txt", "2016"},    // 13 is not a month
      {"/archive/1999/2016/article.txt", "2016"},  // the deepest dated folder
  };
  for (const Case& c : cases) {
    INFO(c.path);
    const Article a = parse("L’armée a annoncé la reprise d’Alep.\n", c.path);
    CHECK(date_of(a) == c.date);
    CHECK(a.warnings == std::vector<Warning>{{1, std::string("no date line; date ") + c.date +
                                                     " taken from the path"}});
  }
  for (const char* path :
       {"/archive/article.txt", "/archive/12345/article.txt", "/archive/2016-13-01_x.txt",
        "/archive/201612_x.txt", "/archive/1700/x.txt", "/archive/2016-12-15abc.txt"}) {
    INFO(path);
    const Article a = parse("L’armée a annoncé la reprise d’Alep.\n", path);
    CHECK_FALSE(a.date);
    CHECK(a.warnings == std::vector<Warning>{{1, "no date line; stored undated"}});
  }
}

TEST_CASE("paragraphs: blank lines separate, single line breaks join", "[parser]") {
  const Article a = parse(
      "date 2016-12-15\n"
      "Première ligne du paragraphe\n"
      "  coupée à la main,\tavec   des espaces.  \n"
      "\n"
      "   \n"
      "\t\n"
      "Deuxième paragraphe.\n"
      "\n\n\n"
      "Troisième.\n\n\n");
  CHECK(texts(a) ==
        std::vector<std::string>{"Première ligne du paragraphe coupée à la main, avec des espaces.",
                                 "Deuxième paragraphe.", "Troisième."});
  CHECK(types(a) == std::vector<Block::Type>{kP, kP, kP});
  // raw: the whole file, lines kept, spaces collapsed within them.
  CHECK(a.raw ==
        "date 2016-12-15\n"
        "Première ligne du paragraphe\n"
        "coupée à la main, avec des espaces.\n"
        "\n\n\n"
        "Deuxième paragraphe.\n"
        "\n\n\n"
        "Troisième.");
}

TEST_CASE("headings follow the rules of SPEC §1.1", "[parser]") {
  auto kind_of = [](const std::string& candidate) {
    const Article a = parse("date 2016 Premier paragraphe.\n\n" + candidate + "\n\nSuite.\n");
    REQUIRE(a.blocks.size() == 3);
    return a.blocks[1].type;
  };
  CHECK(kind_of("La plus grande victoire du régime") == kH);
  CHECK(kind_of("Évacuation des civils") == kH);
  CHECK(kind_of("2017, l’année de tous les dangers") == kH);
  CHECK(kind_of("LES NOUVEAUX COTONS-TIGES") == kH);
  CHECK(kind_of(std::string(120, 'A')) == kH);
  CHECK(kind_of(std::string(121, 'A')) == kP);
  CHECK(kind_of("la plus grande victoire") == kP);  // lower case
  CHECK(kind_of("« Une victoire »") == kP);
  for (const char* end : {".", "!", "?", "…", ":", ";", ",", " »", "\""}) {
    INFO(end);
    CHECK(kind_of(std::string("Une victoire") + end) == kP);
  }
  // Two lines in the file are not a one-line paragraph.
  CHECK(kind_of("Une victoire\ndu régime") == kP);

  // The last paragraph is never a heading.
  const Article last = parse("date 2016 Premier paragraphe.\n\nFin sans point\n");
  CHECK(types(last) == std::vector<Block::Type>{kP, kP});
  // A first block can be a heading, and then gives the title.
  const Article first = parse("date 2016-12-15\nAlep reprise\n\nL’armée a annoncé la reprise.\n");
  CHECK(types(first) == std::vector<Block::Type>{kH, kP});
  CHECK(first.title == "Alep reprise");
  CHECK(first.lead() == "L’armée a annoncé la reprise.");
}

TEST_CASE("the derived title is the first sentence, at most 100 characters", "[parser]") {
  auto title_of = [](const std::string& lead) { return parse("date 2016 " + lead + "\n").title; };
  CHECK(title_of("Alep est tombée. Le régime a gagné.") == "Alep est tombée.");
  CHECK(title_of("Alep est tombée ! Le régime a gagné.") == "Alep est tombée !");
  CHECK(title_of("Alep est-elle tombée ? Oui.") == "Alep est-elle tombée ?");
  CHECK(title_of("Alep est tombée… Le régime a gagné.") == "Alep est tombée…");
  CHECK(title_of("Une phrase sans point final") == "Une phrase sans point final");
  CHECK(title_of("M. Macron a parlé à J. Chirac et à Mme Dupont. Puis il est parti.") ==
        "M. Macron a parlé à J. Chirac et à Mme Dupont.");
  CHECK(title_of("La croissance est de 3.9 % cette année. Le reste suit.") ==
        "La croissance est de 3.9 % cette année.");
  CHECK(title_of("Il a payé avec 23 000 pièces... de 1 centime. Fin.") ==
        "Il a payé avec 23 000 pièces... de 1 centime.");
  CHECK(title_of("« Alep est tombée. » Le régime a gagné.") == "« Alep est tombée. »");
  CHECK(title_of("Il a dit \"Alep est tombée.\" Le régime a gagné.") ==
        "Il a dit \"Alep est tombée.\"");
  CHECK(title_of("Qui l’emporte ? » demande-t-il. Personne.") == "Qui l’emporte ? » demande-t-il.");
  // A rubric before the first sentence is not the title.
  CHECK(title_of("VIDÉO. Le convoi a quitté Alep. Suite.") == "Le convoi a quitté Alep.");
  CHECK(title_of("FAIT DIVERS. Un homme a été arrêté.") == "Un homme a été arrêté.");

  // Longer than 100 code points: cut at a word boundary, … included.
  const std::string lead =
      "L’armée de Bachar el-Assad a annoncé ce jeudi soir dans un communiqué la reprise totale "
      "d’Alep, après le départ du dernier convoi de civils et de rebelles. Autre phrase.";
  const std::string title = title_of(lead);
  CHECK(title ==
        "L’armée de Bachar el-Assad a annoncé ce jeudi soir dans un communiqué la "
        "reprise totale d’Alep…");
  CHECK(code_points(title) <= 100);

  // Trailing commas and spaces go before the …
  const std::string commas = std::string(90, 'a') + " bbbbbbb, cccccccccccc dd.";
  CHECK(title_of(commas) == std::string(90, 'a') + " bbbbbbb…");
  // Exactly 100 code points: kept whole.
  const std::string hundred = std::string(50, 'e') + " " + std::string(48, 'f') + ".";
  REQUIRE(code_points(hundred) == 100);
  CHECK(title_of(hundred) == hundred);
  // 101 with accents (code points, not bytes).
  const std::string accents = "é" + std::string(49, 'a') + " " + std::string(48, 'b') + "é.";
  REQUIRE(code_points(accents) == 101);
  CHECK(title_of(accents) == "é" + std::string(49, 'a') + "…");
  // One word longer than the limit is cut inside.
  const std::string word(150, 'x');
  CHECK(title_of(word) == std::string(99, 'x') + "…");
}

TEST_CASE("normalization: NFC, line endings, invisible characters, typography", "[parser]") {
  // e + combining acute → é; soft hyphen, zero-width characters and a stray
  // BOM removed; no-break spaces, ’ « » — kept.
  const Article a = parse(
      "date 2016-12 Le re\xCC\x81gime a\xC2\xAD"
      "nnonce\xCC\x81 la re\xE2\x80\x8Bprise\xE2\x80\x8C \xE2\x80\x8D\xE2\x81\xA0\xEF\xBB\xBF"
      "d’Alep : « 350\xC2\xA0"
      "000\xE2\x80\xAF» — fin.\r\n"
      "Ligne\tdeux.\r\rTroisième.\rligne.\r\n");
  CHECK(texts(a) == std::vector<std::string>{"Le régime annoncé la reprise d’Alep : « 350\xC2\xA0"
                                             "000\xE2\x80\xAF» — "
                                             "fin. Ligne deux.",
                                             "Troisième. ligne."});
  CHECK(a.raw ==
        "date 2016-12 Le régime annoncé la reprise d’Alep : « 350\xC2\xA0"
        "000\xE2\x80\xAF» — fin.\n"
        "Ligne deux.\n\nTroisième.\nligne.");
  // Control characters are dropped; a space next to a no-break space
  // collapses into the no-break space.
  const Article b =
      parse("date 2016 Bonjour\x01 le\x1B monde \xC2\xA0»\x7F.\n\n" + std::string(200, 'z'));
  CHECK(b.blocks.front().text == "Bonjour le monde\xC2\xA0».");
}

TEST_CASE("word count: tokens with a letter or digit", "[parser]") {
  const Article a = parse("date 2016 Le 1er mai , il a dit : « oui » — 350 000 € !\n\nFin.\n");
  CHECK(a.word_count == 10);  // Le 1er mai il a dit oui 350 000 Fin
}

TEST_CASE("the same article in UTF-8/LF and CP1252/CRLF has the same id", "[parser]") {
  const std::string utf8 =
      "date 2016-12 L’armée a annoncé la reprise d’Alep.\n\nLa plus grande victoire du régime\n\n"
      "Cette victoire coûte 5 €.\n";
  const std::string cp1252 =
      "date 2016-12 L\x92"
      "arm\xE9"
      "e a annonc\xE9 la reprise d\x92"
      "Alep.\r\n\r\nLa plus grande "
      "victoire du r\xE9gime\r\n\r\nCette victoire co\xFBte 5 \x80.\r\n";
  const Article a = parse(utf8, "/archive/a.txt");
  const Article b = parse(cp1252, "/other/b.txt");
  CHECK(b.sources[0].encoding == "windows-1252");
  CHECK(a.blocks == b.blocks);
  CHECK(a.id == b.id);
  CHECK(a.title == b.title);
  // The date is part of the id.
  const Article c = parse("date 2016-11" + utf8.substr(12));
  CHECK(c.blocks == a.blocks);
  CHECK(c.id != a.id);
}

TEST_CASE("UTF-16, UTF-8 BOM, CRLF and CR files give the same article", "[parser]") {
  const std::u16string text16 = u"date 2016-12 L’armée à Alep.\r\n\r\nSuite « ici ».\r\n";
  const Article ref = parse("date 2016-12 L’armée à Alep.\n\nSuite « ici ».\n");
  const Article le = parse(utf16_with_bom(text16, true));
  const Article be = parse(utf16_with_bom(text16, false));
  const Article bom = parse(
      "\xEF\xBB\xBF"
      "date 2016-12 L’armée à Alep.\n\nSuite « ici ».\n");
  const Article crlf = parse("date 2016-12 L’armée à Alep.\r\n\r\nSuite « ici ».\r\n");
  const Article cr = parse("date 2016-12 L’armée à Alep.\r\rSuite « ici ».\r");
  CHECK(le.sources[0].encoding == "UTF-16LE");
  CHECK(be.sources[0].encoding == "UTF-16BE");
  CHECK(bom.sources[0].encoding == "UTF-8");
  for (const Article* a : {&le, &be, &bom, &crlf, &cr}) {
    CHECK(a->id == ref.id);
    CHECK(a->raw == ref.raw);
    CHECK(date_of(*a) == "2016-12");
  }
}

TEST_CASE("files without article text are rejected (SPEC §1.4)", "[parser]") {
  using namespace std::string_literals;
  CHECK(rejection_of("") == "no article text");
  CHECK(rejection_of(" \n\t\r\n  \n") == "no article text");
  CHECK(rejection_of("\xEF\xBB\xBF\n\n") == "no article text");
  CHECK(rejection_of("date 2016-12-15\n") == "no article text");
  CHECK(rejection_of("date 2016-12-15\n\n   \n") == "no article text");
  CHECK(rejection_of("titre: Un titre\ndate: 2016-12\nauteur: X\n") == "no article text");
  CHECK(rejection_of("\xE2\x80\x8B\xC2\xAD\n") == "no article text");  // invisible only
  CHECK(rejection_of("date 2016 Texte\0suite"s) == "not a text file");
  CHECK(rejection_of("\x89PNG\r\n\x1A\n\0\0\0\rIHDR\0\0\x02\0\0\0\x01\0\x08\x06"s) ==
        "not a text file");
  CHECK(rejection_of("\xFF\xD8\xFF\xE0\0\x10JFIF\0\x01\x01"s) == "not a text file");
  CHECK(rejection_of("date 2016 Texte.") == "");
}

TEST_CASE("warnings are listed by line, a second date line is ignored", "[parser]") {
  const Article a = parse("date 2016-12\ndate 2017-01\n\nTexte.\n");
  CHECK(date_of(a) == "2016-12");
  CHECK(a.warnings == std::vector<Warning>{{2, "another date line; ignored"}});
}

TEST_CASE("invalid UTF-8 in a UTF-8 file: U+FFFD and a warning on its line", "[parser]") {
  // No date line: its warning is on line 1 too, after the encoding one.
  const Article a = parse(
      "Le pr\xE9sident est \xC3\xA0 Lyon.\r\n\r\nL\xE2\x80\x99\xC3\xA9t\xC3\xA9 "
      "sera chaud.\r\nTr\xE8s chaud.\r\n",
      "/archive/2016/12/a.txt");
  CHECK(a.sources.front().encoding == "UTF-8");
  CHECK(texts(a) == std::vector<std::string>{"Le pr\xEF\xBF\xBDsident est à Lyon.",
                                             "L’été sera chaud. Tr\xEF\xBF\xBDs chaud."});
  CHECK(a.warnings == std::vector<Warning>{{1, "invalid UTF-8 byte E9 replaced by U+FFFD"},
                                           {1, "no date line; date 2016-12 taken from the path"},
                                           {4, "invalid UTF-8 byte E8 replaced by U+FFFD"}});
}

// ---------------------------------------------------------------------------
// read_article

TEST_CASE("read_article reads a file and records its source", "[parser]") {
  newsidx::test::TempDir dir;
  const std::string path = dir / "2016/12/a.txt";
  const std::string text =
      "date 2016-12-15 L\x92"
      "arm\xE9"
      "e.\r\n";  // windows-1252
  newsidx::test::write_file(path, text);
  const auto r = read_article(path);
  REQUIRE_FALSE(r.rejected());
  CHECK(r.article->sources == std::vector<newsidx::Source>{{path, "windows-1252", text.size()}});
  CHECK(r.article->blocks.front().text == "L’armée.");

  // A relative path is made absolute.
  const fs::path old = fs::current_path();
  fs::current_path(dir.path());
  const auto rel = read_article("2016/12/a.txt");
  fs::current_path(old);
  REQUIRE_FALSE(rel.rejected());
  CHECK(fs::path(rel.article->sources[0].path).is_absolute());
  CHECK(fs::equivalent(rel.article->sources[0].path, path));
}

TEST_CASE("read_article rejects bad files with a reason and never throws", "[parser]") {
  newsidx::test::TempDir dir;

  SECTION("too large, checked before reading") {
    const std::string path = dir / "big.txt";
    newsidx::test::write_file(path, std::string(2000, 'a'));
    ParseOptions small;
    small.max_size = 1024;
    CHECK(read_article(path, small).rejection == "file too large (2 KiB > 1 KiB)");
    small.max_size = 1000;
    CHECK(read_article(path, small).rejection == "file too large (2000 bytes > 1000 bytes)");
    small.max_size = 2000;
    CHECK_FALSE(read_article(path, small).rejected());

    // 17 MiB of nothing (a sparse file): rejected without being read.
    const std::string huge = dir / "huge.txt";
    newsidx::test::write_file(huge, "");
    fs::resize_file(huge, (16ull << 20) + 1);
    CHECK(read_article(huge).rejection == "file too large (17 MiB > 16 MiB)");
    fs::resize_file(huge, 16ull << 20);  // exactly the limit: read (and not text)
    CHECK(read_article(huge).rejection == "not a text file");
  }
  SECTION("vanished") {
    CHECK(read_article(dir / "gone.txt").rejection == "No such file or directory");
  }
  SECTION("a directory") {
    fs::create_directory(dir / "folder.txt");
    CHECK(read_article(dir / "folder.txt").rejection == "Is a directory");
  }
  SECTION("unreadable") {
    const std::string path = dir / "secret.txt";
    newsidx::test::write_file(path, "date 2016 Texte.\n");
    fs::permissions(path, fs::perms::none);
    if (::geteuid() == 0) {
      WARN("not checked: running as root, permissions do not stop reads");
    } else {
      CHECK(read_article(path).rejection == "Permission denied");
    }
    fs::permissions(path, fs::perms::owner_all);
  }
  SECTION("not a regular file") {
    const std::string fifo = dir / "pipe.txt";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    CHECK(read_article(fifo).rejection == "not a regular file");  // and does not block
  }
  SECTION("empty, whitespace, binary") {
    newsidx::test::write_file(dir / "empty.txt", "");
    newsidx::test::write_file(dir / "blank.txt", "\n  \n");
    newsidx::test::write_file(dir / "image.txt", std::string("\x89PNG\r\n\x1A\n\0\0\0\r", 12));
    CHECK(read_article(dir / "empty.txt").rejection == "no article text");
    CHECK(read_article(dir / "blank.txt").rejection == "no article text");
    CHECK(read_article(dir / "image.txt").rejection == "not a text file");
  }
}

// ---------------------------------------------------------------------------
// Real articles (skipped when the shared corpus is absent)

TEST_CASE("the seed article", "[parser][corpus]") {
  const auto seed = newsidx::test::shared_corpus("seed");
  if (!seed) {
    return newsidx::test::skip("shared corpus 'seed' not found");
  }
  std::size_t files = 0;
  for (const auto& entry : fs::directory_iterator(*seed)) {
    if (entry.path().extension() != ".txt") continue;
    ++files;
    const auto r = read_article(entry.path());
    REQUIRE_FALSE(r.rejected());
    const Article& a = *r.article;
    CHECK(date_of(a) == "2016-12");
    CHECK(a.date->precision == DatePrecision::kMonth);
    CHECK(a.warnings.empty());
    CHECK_THAT(a.title, Catch::StartsWith("L’armée de Bachar el-Assad"));
    CHECK(a.title_source == TitleSource::kDerived);
    CHECK(code_points(a.title) <= 100);
    CHECK(a.blocks.size() >= 5);
    int headings = 0;
    for (const Block& b : a.blocks) {
      if (b.type == kH) {
        ++headings;
        CHECK(b.text == "La plus grande victoire du régime");
      }
    }
    CHECK(headings == 1);
    CHECK(a.sources[0].encoding == "UTF-8");
    CHECK(a.word_count > 400);
  }
  CHECK(files >= 1);
}

TEST_CASE("every orangesum-500 article parses with the indexed date", "[parser][corpus]") {
  const auto corpus = newsidx::test::shared_corpus("orangesum-500");
  if (!corpus) {
    return newsidx::test::skip("shared corpus 'orangesum-500' not found");
  }
  std::map<std::string, std::string> expected;  // file name → date
  {
    std::ifstream index(*corpus / "index.tsv");
    REQUIRE(index);
    std::string line;
    std::getline(index, line);
    REQUIRE_THAT(line, Catch::StartsWith("file\tdate\t"));
    while (std::getline(index, line)) {
      std::istringstream fields(line);
      std::string file;
      std::string date;
      std::getline(fields, file, '\t');
      std::getline(fields, date, '\t');
      expected[file] = date;
    }
  }
  std::size_t files = 0;
  std::size_t paragraphs = 0;
  std::size_t headings = 0;
  for (const auto& entry : fs::directory_iterator(*corpus)) {
    if (entry.path().extension() != ".txt") continue;
    ++files;
    const std::string name = entry.path().filename().string();
    INFO(name);
    const auto r = read_article(entry.path());
    REQUIRE_FALSE(r.rejected());
    const Article& a = *r.article;
    REQUIRE(expected.count(name) == 1);
    CHECK(date_of(a) == expected[name]);
    CHECK(a.warnings.empty());
    CHECK_FALSE(a.title.empty());
    CHECK(code_points(a.title) <= 100);
    CHECK(a.word_count > 0);
    std::size_t p = 0;
    for (const Block& b : a.blocks) {
      CHECK_FALSE(b.text.empty());
      CHECK(b.text.find('\n') == std::string::npos);
      (b.type == kH ? headings : p) += 1;
    }
    CHECK(p >= 1);
    CHECK(a.blocks.back().type == kP);
    paragraphs += p;
  }
  CHECK(files == expected.size());
  CHECK(headings > 0);
  CHECK(headings < paragraphs / 4);
}
