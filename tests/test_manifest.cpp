#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "newsidx/error.hpp"
#include "newsidx/manifest.hpp"
#include "newsidx/parser.hpp"
#include "support.hpp"

using newsidx::Article;
using newsidx::Date;
using newsidx::DatePrecision;
using newsidx::Manifest;
using newsidx::ManifestEntry;
using newsidx::ManifestFormat;
using newsidx::Warning;
using newsidx::test::TempDir;
namespace fs = std::filesystem;

namespace {

/// The manifest `bytes`, as if read from `name` in /archive.
Manifest parse(std::string_view bytes, std::string_view name = "index.csv") {
  return Manifest::parse(bytes, fs::path("/archive") / name);
}

const ManifestEntry& entry_for(const Manifest& m, std::string_view file) {
  const ManifestEntry* e = m.find(fs::path("/archive") / file);
  REQUIRE(e != nullptr);
  return *e;
}

Date day(int y, int m, int d) {
  return Date{y, m, d, DatePrecision::kDay};
}

Article parsed(std::string_view text, const std::string& path = "/archive/a.txt") {
  newsidx::ParseResult r = newsidx::parse_article(text, path);
  REQUIRE(r.article);
  return *r.article;
}

/// The line of the row m.find() finds, or 0 when it finds none.
int line_found(const Manifest& m, const fs::path& file, const fs::path& root = {}) {
  const ManifestEntry* e = m.find(file, root);
  return e ? e->line : 0;
}

std::vector<int> warning_lines(const Manifest& m) {
  std::vector<int> lines;
  for (const Warning& w : m.warnings()) lines.push_back(w.line);
  return lines;
}

}  // namespace

TEST_CASE("a CSV manifest: columns by name, RFC 4180 quoting", "[manifest]") {
  const Manifest m = parse(
      "file,title,author,source,url,date\n"
      "a.txt,\"Alep, la chute\",\"Jean \"\"JJ\"\" Dupont\",AFP,https://x.fr/a,2016-12-15\n"
      "b.txt,\"Un titre\nsur deux lignes\",,,,\n"
      "c.txt,Sans guillemets,,,,décembre 2016\n");
  CHECK(m.format() == ManifestFormat::kCsv);
  CHECK(m.warnings().empty());
  REQUIRE(m.entries().size() == 3);
  const ManifestEntry& a = entry_for(m, "a.txt");
  CHECK(a.line == 2);
  CHECK(a.file == "a.txt");
  CHECK(a.path == "/archive/a.txt");
  CHECK(a.title == "Alep, la chute");
  CHECK(a.author == "Jean \"JJ\" Dupont");
  CHECK(a.source == "AFP");
  CHECK(a.url == "https://x.fr/a");
  CHECK(a.date == day(2016, 12, 15));
  const ManifestEntry& b = entry_for(m, "b.txt");
  CHECK(b.line == 3);
  CHECK(b.title == "Un titre sur deux lignes");  // a line break in a value is a space
  CHECK_FALSE(b.author);                         // empty is absent
  CHECK_FALSE(b.date);
  // The record of b.txt spans lines 3 and 4: c.txt is on line 5.
  CHECK(entry_for(m, "c.txt").line == 5);
  CHECK(entry_for(m, "c.txt").date == (Date{2016, 12, 0, DatePrecision::kMonth}));
}

TEST_CASE("manifest columns in any order and case, French or English, others ignored",
          "[manifest]") {
  const Manifest english = parse("Date,URL,Extra,TITLE,Path\n2016,u,x,T,a.txt\n");
  CHECK(english.warnings().empty());
  CHECK(entry_for(english, "a.txt").title == "T");
  CHECK(entry_for(english, "a.txt").url == "u");
  CHECK(entry_for(english, "a.txt").date == (Date{2016, 0, 0, DatePrecision::kYear}));

  // Spreadsheets in French locales separate with ';'.
  const Manifest french = parse(
      " Fichier ; Titre;AUTEUR;Source;date\na.txt;Le titre;Marie Curie;Le Monde;1er mars 2017\n");
  CHECK(french.warnings().empty());
  const ManifestEntry& a = entry_for(french, "a.txt");
  CHECK(a.title == "Le titre");
  CHECK(a.author == "Marie Curie");
  CHECK(a.source == "Le Monde");
  CHECK(a.date == day(2017, 3, 1));

  CHECK(entry_for(parse("FileName\na.txt\n"), "a.txt").line == 2);

  // Two columns (or keys) for one field: the first is read.
  const Manifest twice = parse("file,Titre,path,title\na.txt,A,b.txt,B\n");
  CHECK(twice.warnings() ==
        std::vector<Warning>{
            {1, "columns \"file\" and \"path\" say the same; \"path\" is ignored"},
            {1, "columns \"Titre\" and \"title\" say the same; \"title\" is ignored"}});
  CHECK(entry_for(twice, "a.txt").title == "A");
  const Manifest keys =
      parse("{\"file\": \"a.txt\", \"Title\": \"A\", \"titre\": \"B\"}\n", "m.jsonl");
  CHECK(
      keys.warnings() ==
      std::vector<Warning>{{1, "keys \"Title\" and \"titre\" say the same; \"titre\" is ignored"}});
  CHECK(entry_for(keys, "a.txt").title == "A");
}

TEST_CASE("a TSV manifest: tabs, no quoting", "[manifest]") {
  const Manifest m = parse(
      "title\tfile\tsource_date\tdate\n"
      "\"Pars!\", scandaient-ils\ta.txt\t2020-08-17\tjeudi 15 décembre 2016\n",
      "index.tsv");
  CHECK(m.format() == ManifestFormat::kTsv);
  CHECK(m.warnings().empty());
  const ManifestEntry& a = entry_for(m, "a.txt");
  CHECK(a.title == "\"Pars!\", scandaient-ils");
  CHECK(a.date == day(2016, 12, 15));  // `source_date` is not `date`
}

TEST_CASE("a JSON Lines manifest", "[manifest]") {
  const Manifest m = parse(
      "{\"File\": \"a.txt\", \"TITRE\": \"Un titre\", \"date\": \"2016-12\", \"x\": [1]}\n"
      "\n"
      "{\"file\": \"b.txt\", \"date\": 2017, \"author\": null, \"source\": {\"n\": 1}}\n",
      "meta.jsonl");
  CHECK(m.format() == ManifestFormat::kJsonLines);
  REQUIRE(m.entries().size() == 2);
  CHECK(entry_for(m, "a.txt").title == "Un titre");
  CHECK(entry_for(m, "a.txt").date == (Date{2016, 12, 0, DatePrecision::kMonth}));
  const ManifestEntry& b = entry_for(m, "b.txt");
  CHECK(b.line == 3);
  CHECK(b.date == (Date{2017, 0, 0, DatePrecision::kYear}));  // a number, read as its text
  CHECK_FALSE(b.author);
  CHECK_FALSE(b.source);
  REQUIRE(m.warnings().size() == 1);
  CHECK(m.warnings()[0] == Warning{3, "the value of \"source\" is not text; ignored"});
}

TEST_CASE("the format comes from the extension, else from the content", "[manifest]") {
  CHECK(parse("{\"file\": \"a.txt\"}\n", "meta.txt").format() == ManifestFormat::kJsonLines);
  CHECK(parse("file\ttitle\na.txt\tT\n", "meta").format() == ManifestFormat::kTsv);
  CHECK(parse("file,title\na.txt,T\n", "meta").format() == ManifestFormat::kCsv);
  CHECK(parse("file\ttitle\na.txt\tT\n", "META.TSV").format() == ManifestFormat::kTsv);
  CHECK(parse("{\"file\": \"a.txt\"}\n", "m.NDJSON").format() == ManifestFormat::kJsonLines);
  CHECK(std::string(newsidx::manifest_format_name(ManifestFormat::kJsonLines)) == "JSON Lines");
}

TEST_CASE("manifest values are normalized like header lines", "[manifest]") {
  // A decomposed é (e + U+0301), runs of spaces, a no-break space kept.
  const Manifest m = parse(
      "file,title\n a.txt ,\"  Le  re\xCC\x81gime\t a\xC2\xA0"
      "dit  \"\n");
  CHECK(entry_for(m, "a.txt").file == "a.txt");
  CHECK(entry_for(m, "a.txt").title ==
        "Le r\xC3\xA9gime a\xC2\xA0"
        "dit");
}

TEST_CASE("manifest file names: relative to the manifest or to a root, or absolute", "[manifest]") {
  const Manifest m = parse(
      "file\n"
      "a.txt\n"
      "./sub/../b.txt\n"
      "2016/c.txt\n"
      "/elsewhere/d.txt\n"
      "../other/e.txt\n");
  CHECK(m.warnings().empty());
  CHECK(line_found(m, "/archive/a.txt") == 2);
  CHECK(line_found(m, "/archive/b.txt") == 3);
  CHECK(line_found(m, "/archive/2016/c.txt") == 4);
  CHECK(entry_for(m, "2016/c.txt").path == "/archive/2016/c.txt");
  CHECK(line_found(m, "/elsewhere/d.txt") == 5);
  CHECK(line_found(m, "/other/e.txt") == 6);
  // A folder being ingested also anchors relative names.
  CHECK(line_found(m, "/data/2016/c.txt") == 0);
  CHECK(line_found(m, "/data/2016/c.txt", "/data") == 4);
  CHECK(line_found(m, "/data/a.txt", "/data/") == 2);
  CHECK(line_found(m, "/data/x/a.txt", "/data") == 0);
  CHECK(line_found(m, "/elsewhere/a.txt", "/data") == 0);
  CHECK(line_found(m, "/archive/d.txt") == 0);
}

TEST_CASE("bad manifest rows become warnings with their line, the others are read", "[manifest]") {
  const Manifest m = parse(
      "file,title,date\n"        // 1
      "a.txt,A,2016-12-15\n"     // 2
      ",No file,2016\n"          // 3
      "b.txt,B\n"                // 4
      "c.txt,C,2016-12-15,x\n"   // 5
      "d.txt,D,le 15 du mois\n"  // 6
      "e.txt,E,2016-13\n"        // 7
      "f.txt,\xE9t\xE9,2016\n"   // 8
      "a.txt,Again,2017\n"       // 9
      "g.txt,\"G\"x,2016\n"      // 10
      "h.txt,H,2016\n"           // 11
      "i.txt,\"I,2016\n"         // 12
      "j.txt,J,2016\n");         // 13
  const std::vector<Warning> expected = {
      {3, "no file name; row ignored"},
      {4, "2 fields where the header has 3; row ignored"},
      {5, "4 fields where the header has 3; row ignored"},
      {6, "unrecognized date \"le 15 du mois\"; the row's date is ignored"},
      {7, "impossible date \"2016-13\": month 13 does not exist; the row's date is ignored"},
      {8, "not valid UTF-8; row ignored"},
      {9, "a.txt is already on line 2; row ignored"},
      {10, "text after the closing quote of a field; row ignored"},
      {12, "a quoted field is never closed; the rest of the file is ignored"},
  };
  CHECK(m.warnings() == expected);
  // Rows with a bad date keep their other values; h.txt after the bad quote is read.
  CHECK(entry_for(m, "d.txt").title == "D");
  CHECK_FALSE(entry_for(m, "d.txt").date);
  CHECK_FALSE(entry_for(m, "e.txt").date);
  CHECK(entry_for(m, "a.txt").title == "A");
  CHECK(entry_for(m, "h.txt").line == 11);
  CHECK(m.entries().size() == 4);  // a, d, e, h; nothing after the open quote
}

TEST_CASE("bad JSON Lines rows become warnings with their line", "[manifest]") {
  const Manifest m = parse(
      "{\"file\": \"a.txt\"}\n"
      "{\"file\": \"b.txt\",\n"
      "[\"c.txt\"]\n"
      "{\"title\": \"no file\"}\n"
      "{\"file\": \"\xE9.txt\"}\n"
      "{\"file\": \"f.txt\"}\n",
      "m.jsonl");
  CHECK(warning_lines(m) == std::vector<int>{2, 3, 4, 5});
  CHECK(m.warnings()[0].message.starts_with("invalid JSON at byte "));
  CHECK(m.warnings()[1].message == "not a JSON object; row ignored");
  CHECK(m.warnings()[2].message == "no file name; row ignored");
  CHECK(m.warnings()[3].message == "not valid UTF-8; row ignored");
  CHECK(m.entries().size() == 2);
}

TEST_CASE("a deeply nested JSON line is a warning, not a crash", "[manifest]") {
  const std::string deep =
      newsidx::test::repeat("[", 100000) + newsidx::test::repeat("]", 100000) + "\n";
  const std::string inside =
      "{\"file\": \"a.txt\", \"title\": " + newsidx::test::repeat("[", 100000) +
      newsidx::test::repeat("]", 100000) + "}\n";
  const Manifest m = parse(deep + inside, "m.jsonl");
  CHECK(m.warnings() == std::vector<Warning>{{1, "not a JSON object; row ignored"},
                                             {2, "the value of \"title\" is not text; ignored"}});
  CHECK(m.entries().size() == 1);
}

TEST_CASE("a manifest with a BOM, CRLF line ends, or in UTF-16", "[manifest]") {
  const Manifest crlf = parse(
      "\xEF\xBB\xBF"
      "file,title\r\na.txt,\"Deux\r\nlignes\"\r\nb.txt,B\r\n");
  CHECK(crlf.warnings().empty());
  CHECK(entry_for(crlf, "a.txt").title == "Deux lignes");
  CHECK(entry_for(crlf, "b.txt").line == 4);
  CHECK(entry_for(crlf, "b.txt").title == "B");

  const Manifest tsv = parse(
      "\xEF\xBB\xBF"
      "file\ttitle\r\na.txt\tA\r\n",
      "m.tsv");
  CHECK(entry_for(tsv, "a.txt").title == "A");

  const std::string utf16 =
      newsidx::test::utf16_with_bom(u"fichier\ttitre\r\na.txt\tL’été\r\n", true);
  const Manifest wide = parse(utf16, "m.tsv");
  CHECK(wide.warnings().empty());
  CHECK(entry_for(wide, "a.txt").title == "L’été");
}

TEST_CASE("a manifest that cannot be used is an error saying why", "[manifest]") {
  using Catch::Matchers::Contains;
  const TempDir dir;
  CHECK_THROWS_WITH(Manifest::read(dir / "missing.csv"),
                    Contains("cannot read manifest") && Contains("No such file"));
  CHECK_THROWS_WITH(Manifest::read(dir.path()), Contains("Is a directory"));
  CHECK_THROWS_WITH(parse("title,date\nT,2016\n"),
                    Contains("no file column") && Contains("file, path, filename or fichier"));
  CHECK_THROWS_WITH(parse(" \n\n"), Contains("is empty"));
  CHECK_THROWS_WITH(parse("\"file,title\n"), Contains("cannot read the header line"));
  try {
    (void)parse("");
    FAIL("no error");
  } catch (const newsidx::Error& e) {
    CHECK(e.code() == newsidx::ErrorCode::kUsage);
  }
}

TEST_CASE("Manifest::read reads a file, relative names from its folder", "[manifest]") {
  const TempDir dir;
  newsidx::test::write_file(dir.path() / "meta" / "index.csv", "file,title\n../a.txt,A\n");
  const Manifest m = Manifest::read(dir.path() / "meta" / "index.csv");
  CHECK(m.path() == (dir.path() / "meta" / "index.csv").lexically_normal());
  CHECK(m.find(dir.path() / "a.txt")->title == "A");
}

TEST_CASE("a manifest row wins over what the file says", "[manifest]") {
  const Manifest m = parse(
      "file,title,author,source,url\n"
      "a.txt,Le vrai titre,Marie Curie,AFP,https://x.fr/a\n");
  Article article = parsed(" date 2016-12 titre: Faux\nauteur: X\n\nLe texte.\n");
  const Article before = article;
  CHECK(m.apply(entry_for(m, "a.txt"), article).empty());
  CHECK(article.title == "Le vrai titre");
  CHECK(article.title_source == newsidx::TitleSource::kHeader);
  CHECK(article.metadata.author == "Marie Curie");
  CHECK(article.metadata.source == "AFP");
  CHECK(article.metadata.url == "https://x.fr/a");
  CHECK(article.id == before.id);  // same date, same text
  CHECK(article.warnings == before.warnings);

  // A derived title is replaced too; what the row lacks stays.
  const Manifest titles_only = parse("file,title\na.txt,Titre\n");
  Article derived = parsed(" date 2016-12 Première phrase. Deuxième.\n");
  CHECK(derived.title_source == newsidx::TitleSource::kDerived);
  (void)titles_only.apply(entry_for(titles_only, "a.txt"), derived);
  CHECK(derived.title == "Titre");
  CHECK(derived.title_source == newsidx::TitleSource::kHeader);
  CHECK_FALSE(derived.metadata.author);
}

TEST_CASE("a manifest date that disagrees with the file's gives a warning", "[manifest]") {
  const Manifest m = parse("file,date\na.txt,2016-11-03\nb.txt,2016-12-15\nc.txt,2016\n");
  Article a = parsed(" date 2016-12-15 Le texte.\n");
  const std::string body = a.body();
  const std::vector<Warning> warnings = m.apply(entry_for(m, "a.txt"), a);
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0].line == 2);
  CHECK(warnings[0].message ==
        "date 2016-11-03 differs from 2016-12-15 in /archive/a.txt; the manifest's date is used");
  CHECK(a.date == day(2016, 11, 3));
  CHECK(a.id == newsidx::article_id(day(2016, 11, 3), body));

  // A more precise date within the file's period, or a coarser one holding
  // it, is no disagreement; the manifest's date still wins.
  Article b = parsed(" date 2016-12 Le texte.\n");
  CHECK(m.apply(entry_for(m, "b.txt"), b).empty());
  CHECK(b.date == day(2016, 12, 15));
  CHECK(b.id == newsidx::article_id(b.date, body));
  Article c = parsed(" date 2016-12-15 Le texte.\n");
  CHECK(m.apply(entry_for(m, "c.txt"), c).empty());
  CHECK(c.date == (Date{2016, 0, 0, DatePrecision::kYear}));
}

TEST_CASE("a manifest dates an undated file, its warnings say so", "[manifest]") {
  const Manifest m = parse("file,date\na.txt,2016-12-15\n2016/b.txt,2016-12-15\n");
  Article undated = parsed("Le texte sans date.\n");
  REQUIRE(undated.warnings == std::vector<Warning>{{1, "no date line; stored undated"}});
  CHECK(m.apply(entry_for(m, "a.txt"), undated).empty());
  CHECK(undated.date == day(2016, 12, 15));
  CHECK(undated.warnings ==
        std::vector<Warning>{
            {1, "no date line; date 2016-12-15 from the manifest /archive/index.csv, line 2"}});

  Article from_path = parsed("Le texte.\n", "/archive/2016/b.txt");
  REQUIRE(from_path.warnings ==
          std::vector<Warning>{{1, "no date line; date 2016 taken from the path"}});
  CHECK(m.apply(entry_for(m, "2016/b.txt"), from_path).empty());  // 2016 holds the day
  CHECK(from_path.warnings[0].message ==
        "no date line; date 2016-12-15 from the manifest /archive/index.csv, line 3");

  Article impossible = parsed(" date 2016-13 Le texte.\n");
  (void)m.apply(entry_for(m, "a.txt"), impossible);
  REQUIRE(impossible.warnings.size() == 1);
  CHECK(impossible.warnings[0].message ==
        "impossible date \"2016-13\": month 13 does not exist; date 2016-12-15 from the "
        "manifest /archive/index.csv, line 2");
}

TEST_CASE("the real manifest of orangesum-500 applies to its articles", "[manifest]") {
  const auto corpus = newsidx::test::shared_corpus("orangesum-500");
  if (!corpus) return newsidx::test::skip("../shared/corpus/orangesum-500 is absent");
  const Manifest m = Manifest::read(*corpus / "index.tsv");
  CHECK(m.format() == ManifestFormat::kTsv);
  CHECK(m.warnings().empty());
  REQUIRE(m.entries().size() == 500);
  std::size_t with_author = 0;
  for (const fs::directory_entry& file : fs::directory_iterator(*corpus)) {
    if (file.path().extension() != ".txt") continue;
    const ManifestEntry* entry = m.find(fs::absolute(file.path()).lexically_normal());
    REQUIRE(entry != nullptr);
    newsidx::ParseResult r = newsidx::read_article(file.path());
    REQUIRE(r.article);
    Article& article = *r.article;
    const std::string id = article.id;
    INFO(file.path());
    CHECK(m.apply(*entry, article).empty());  // the manifest's dates are the files'
    CHECK(article.id == id);
    REQUIRE(entry->title);
    CHECK(article.title == *entry->title);
    CHECK(article.title_source == newsidx::TitleSource::kHeader);
    REQUIRE(entry->url);
    CHECK(article.metadata.url == entry->url);
    CHECK(entry->url->starts_with("https://"));
    CHECK(article.metadata.author == entry->author);
    with_author += entry->author ? 1 : 0;
  }
  CHECK(with_author == 468);  // 32 rows have no author
}
