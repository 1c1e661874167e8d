#include <unicode/ucnv.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <vector>

#include "newsidx/encoding.hpp"
#include "support.hpp"

using newsidx::decode_text;
using newsidx::Warning;
using newsidx::test::repeat;
using newsidx::test::utf16_with_bom;

namespace {

constexpr std::string_view kFffd = "\xEF\xBF\xBD";  // U+FFFD

/// UTF-8 `text` in the single-byte `charset`, unmappable characters as '?'.
std::string encode(std::string_view text, const char* charset) {
  std::string out(text.size() + 1, '\0');
  UErrorCode status = U_ZERO_ERROR;
  const int32_t n = ucnv_convert(charset, "UTF-8", out.data(), static_cast<int32_t>(out.size()),
                                 text.data(), static_cast<int32_t>(text.size()), &status);
  REQUIRE(U_SUCCESS(status));
  out.resize(static_cast<std::size_t>(n));
  for (char& c : out) {
    if (c == '\x1A') c = '?';  // ICU's substitute for these charsets
  }
  return out;
}

bool has_non_ascii(std::string_view bytes) {
  return std::any_of(bytes.begin(), bytes.end(),
                     [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
}

/// Lines of French text of our own, each with accented letters.
std::string french_lines(int count) {
  std::string text = " date 2016-12 Le président de la région a parlé.\n";
  for (int i = 1; i < count; ++i) {
    text += "Ligne " + std::to_string(i) +
            " : l'été à Noël, où la grève des élèves a duré trois années.\n";
  }
  return text;
}

}  // namespace

TEST_CASE("UTF-8 is taken as is, with or without BOM", "[encoding]") {
  const std::string text = "date 2016-12 L’armée « Alep » — 350 000 €\r\nsuite\n";
  auto plain = decode_text(text);
  REQUIRE(plain);
  CHECK(plain->encoding == "UTF-8");
  CHECK(plain->utf8 == text);  // line endings untouched

  auto bom = decode_text("\xEF\xBB\xBF" + text);
  REQUIRE(bom);
  CHECK(bom->encoding == "UTF-8");
  CHECK(bom->utf8 == text);

  auto ascii = decode_text("date 2016 plain ASCII text");
  REQUIRE(ascii);
  CHECK(ascii->encoding == "UTF-8");
}

TEST_CASE("a UTF-8 BOM wins over a few broken bytes", "[encoding]") {
  auto d = decode_text(
      "\xEF\xBB\xBF"
      "caf\xC3\xA9 cass\xE9");
  REQUIRE(d);
  CHECK(d->encoding == "UTF-8");
  CHECK(d->utf8 == "café cass\xEF\xBF\xBD");  // U+FFFD
}

TEST_CASE("UTF-16 with a BOM is converted", "[encoding]") {
  const std::u16string text = u"date 2016-12 L’armée à Alep\r\n« œuvre » 😀";
  const std::string expected = "date 2016-12 L’armée à Alep\r\n« œuvre » 😀";

  auto le = decode_text(utf16_with_bom(text, true));
  REQUIRE(le);
  CHECK(le->encoding == "UTF-16LE");
  CHECK(le->utf8 == expected);

  auto be = decode_text(utf16_with_bom(text, false));
  REQUIRE(be);
  CHECK(be->encoding == "UTF-16BE");
  CHECK(be->utf8 == expected);

  // UTF-16 that holds NUL characters is not text either.
  CHECK_FALSE(decode_text(utf16_with_bom(std::u16string(u"abc\0def", 7), true)));
}

TEST_CASE("windows-1252 is detected and converted", "[encoding]") {
  // ’ – € œ are bytes 0x92 0x96 0x80 0x9C, only in windows-1252.
  const std::string cp1252 =
      "date 2016-12 L\x92"
      "arm\xE9"
      "e de Bachar el-Assad a annonc\xE9 la reprise d\x92"
      "Alep "
      "\x96 un co\xFB"
      "t de 5 \x80 \xE0 l\x92\x9C"
      "uvre, a-t-il d\xE9"
      "clar\xE9.";
  auto d = decode_text(cp1252);
  REQUIRE(d);
  CHECK(d->encoding == "windows-1252");
  CHECK(d->utf8 ==
        "date 2016-12 L’armée de Bachar el-Assad a annoncé la reprise d’Alep – un coût de 5 € à "
        "l’œuvre, a-t-il déclaré.");
}

TEST_CASE("ISO-8859-1 and ISO-8859-15 are told apart", "[encoding]") {
  const std::string latin1 =
      "date 2016-12 L'arm\xE9"
      "e fran\xE7"
      "aise est arriv\xE9"
      "e \xE0 Alep o\xF9 les "
      "civils ont \xE9t\xE9 \xE9vacu\xE9s avant l'hiver, a pr\xE9"
      "cis\xE9 le minist\xE8re.";
  auto d1 = decode_text(latin1);
  REQUIRE(d1);
  CHECK(d1->encoding == "ISO-8859-1");
  CHECK(d1->utf8 ==
        "date 2016-12 L'armée française est arrivée à Alep où les civils ont été évacués avant "
        "l'hiver, a précisé le ministère.");

  // œ is 0xBD and € 0xA4 in ISO-8859-15 (½ and ¤ in ISO-8859-1).
  const std::string latin9 = latin1 +
                             " Le c\xBDur de l'\xBD"
                             "uvre co\xFBte 5 \xA4.";
  auto d15 = decode_text(latin9);
  REQUIRE(d15);
  CHECK(d15->encoding == "ISO-8859-15");
  CHECK(d15->utf8.ends_with("Le cœur de l'œuvre coûte 5 €."));
}

TEST_CASE("very short non-UTF-8 text falls back to windows-1252", "[encoding]") {
  auto d = decode_text("\xE9t\xE9");
  REQUIRE(d);
  CHECK(d->encoding == "windows-1252");
  CHECK(d->utf8 == "été");
}

TEST_CASE("NUL bytes and binary content are not text", "[encoding]") {
  using namespace std::string_literals;
  CHECK_FALSE(decode_text("date 2016 texte\0suite"s));
  CHECK_FALSE(
      decode_text("\xEF\xBB\xBF"
                  "texte\0"s));
  // A PNG renamed .txt, a JPEG, a PDF, a ZIP.
  CHECK_FALSE(decode_text("\x89PNG\r\n\x1A\n\0\0\0\rIHDR\0\0\x01\0"s));
  CHECK_FALSE(decode_text("\xFF\xD8\xFF\xE0\0\x10JFIF\0"s));
  CHECK_FALSE(decode_text("%PDF-1.4\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"s));
  CHECK_FALSE(decode_text("PK\x03\x04\x14\0\x06\0"s));
  // Binary without NUL or a known signature: many control bytes.
  std::string noise;
  for (int i = 0; i < 512; ++i) noise += static_cast<char>(1 + (i * 37) % 250);
  CHECK_FALSE(decode_text(noise));
}

TEST_CASE("a stray control byte does not make a file binary", "[encoding]") {
  auto d = decode_text("date 2016-12 Un texte ordinaire, termin\xC3\xA9 par une marque DOS.\n\x1A");
  REQUIRE(d);
  CHECK(d->encoding == "UTF-8");
}

// ---------------------------------------------------------------------------
// UTF-8 with a few ill-formed sequences, and single-byte text

TEST_CASE("one bad byte in a long UTF-8 file: UTF-8, U+FFFD and a warning on its line",
          "[encoding]") {
  const std::string good = french_lines(300);
  std::string bad = good;
  const std::size_t at = bad.find("grève", bad.find("Ligne 200 "));
  REQUIRE(at != std::string::npos);
  bad.replace(at + 2, 2, "\xE8");  // the è of grève, as in Latin-1

  const auto d = decode_text(bad);
  REQUIRE(d);
  CHECK(d->encoding == "UTF-8");
  std::string expected = good;
  expected.replace(at + 2, 2, kFffd);
  CHECK(d->utf8 == expected);
  CHECK(d->warnings == std::vector<Warning>{{201, "invalid UTF-8 byte E8 replaced by U+FFFD"}});

  // Valid UTF-8 gives no warning.
  const auto clean = decode_text(good);
  REQUIRE(clean);
  CHECK(clean->utf8 == good);
  CHECK(clean->warnings.empty());
}

TEST_CASE("a Latin-1 or windows-1252 file with many accents is read as such", "[encoding]") {
  const std::string utf8 = french_lines(300);
  for (const char* charset : {"ISO-8859-1", "windows-1252"}) {
    INFO(charset);
    const auto d = decode_text(encode(utf8, charset));
    REQUIRE(d);
    CHECK(d->encoding != "UTF-8");
    CHECK(d->utf8 == utf8);
    CHECK(d->warnings.empty());
  }
}

TEST_CASE("a Latin-1 file with a single accented byte is not UTF-8", "[encoding]") {
  // Nothing in it is UTF-8 beyond ASCII: one ill-formed byte, no evidence.
  const auto d = decode_text(" date 2016-12 Un caf\xE9 noir, sans sucre.\n");
  REQUIRE(d);
  CHECK(d->encoding != "UTF-8");
  CHECK(d->utf8 == " date 2016-12 Un café noir, sans sucre.\n");
  CHECK(d->warnings.empty());
}

TEST_CASE("pure ASCII is UTF-8 without a warning", "[encoding]") {
  const auto d = decode_text(repeat("date 2016 plain ASCII text\n", 100));
  REQUIRE(d);
  CHECK(d->encoding == "UTF-8");
  CHECK(d->warnings.empty());
}

TEST_CASE("a sequence cut short at the end of the file", "[encoding]") {
  const auto d = decode_text(" date 2016-12 Une grève à Brest\n\nsous la pluie \xC3");
  REQUIRE(d);
  CHECK(d->encoding == "UTF-8");
  CHECK(d->utf8 == " date 2016-12 Une grève à Brest\n\nsous la pluie " + std::string(kFffd));
  CHECK(d->warnings == std::vector<Warning>{{3, "invalid UTF-8 byte C3 replaced by U+FFFD"}});
}

TEST_CASE("overlong forms, surrogates and code points past U+10FFFF are ill-formed", "[encoding]") {
  // Each maximal ill-formed subsequence is one U+FFFD (Unicode, table 3-8):
  // a byte that cannot start or continue a sequence alone, a good beginning
  // cut short as a whole.
  const std::string accents = "Le président, l’été, la grève à Noël. ";
  struct Case {
    std::string bytes;
    int replacements;
    std::string named;
  };
  for (const Case& c : std::vector<Case>{{"\xC0\xAF", 2, "bytes C0 AF"},         // overlong /
                                         {"\xE0\x80\xAF", 3, "bytes E0 80 AF"},  // overlong /
                                         {"\xED\xA0\x80", 3, "bytes ED A0 80"},  // U+D800
                                         {"\xF4\x90\x80\x80", 4, "bytes F4 90 80 80"},
                                         {"\xF0\x9F\x98", 1, "bytes F0 9F 98"},  // 😀 cut
                                         {"\x80", 1, "byte 80"},
                                         {"\xFF", 1, "byte FF"}}) {
    INFO(c.named);
    const auto d = decode_text(accents + "x" + c.bytes + "y " + accents);
    REQUIRE(d);
    CHECK(d->encoding == "UTF-8");
    CHECK(d->utf8 ==
          accents + "x" + repeat(kFffd, static_cast<std::size_t>(c.replacements)) + "y " + accents);
    CHECK(d->warnings ==
          std::vector<Warning>{{1, "invalid UTF-8 " + c.named + " replaced by U+FFFD"}});
  }
}

TEST_CASE("UTF-8-like: no more ill-formed sequences than well-formed multi-byte ones",
          "[encoding]") {
  // Two accents, two broken bytes: UTF-8. Two accents, three: single-byte.
  const auto even = decode_text("un été \xE9 \xE8 fin");
  REQUIRE(even);
  CHECK(even->encoding == "UTF-8");
  CHECK(even->utf8 == "un été " + std::string(kFffd) + " " + std::string(kFffd) + " fin");
  CHECK(even->warnings.size() == 1);
  const auto more = decode_text("un été \xE9 \xE8 \xEA fin");
  REQUIRE(more);
  CHECK(more->encoding != "UTF-8");
  CHECK(more->utf8 == "un Ã©tÃ© é è ê fin");
  CHECK(more->warnings.empty());
}

TEST_CASE("warnings name lines as the parser counts them, the bytes of each line", "[encoding]") {
  // LF, CRLF, CR, U+0085, U+2028 and U+2029 each end a line.
  const std::string text =
      "l’été \xFF\nl’été\r\nl’été \xFE\rl’été\xC2\x85l’été\xE2\x80\xA8l’été \xE9 \xE8\xE2\x80\xA9"
      "l’été \xC3";
  const auto d = decode_text(text);
  REQUIRE(d);
  CHECK(d->encoding == "UTF-8");
  CHECK(d->warnings == std::vector<Warning>{{1, "invalid UTF-8 byte FF replaced by U+FFFD"},
                                            {3, "invalid UTF-8 byte FE replaced by U+FFFD"},
                                            {6, "invalid UTF-8 bytes E9, E8 replaced by U+FFFD"},
                                            {7, "invalid UTF-8 byte C3 replaced by U+FFFD"}});
}

TEST_CASE("the warnings stay few on a badly broken UTF-8 file", "[encoding]") {
  // A BOM says UTF-8 whatever follows. 30 lines of 20 broken bytes: 16
  // bytes named per line, 20 lines listed, then one warning for the rest.
  std::string text = "\xEF\xBB\xBF";
  for (int i = 0; i < 30; ++i) text += "ligne " + repeat("\xE9", 20) + "\n";
  const auto d = decode_text(text);
  REQUIRE(d);
  CHECK(d->encoding == "UTF-8");
  REQUIRE(d->warnings.size() == 21);
  // Adjacent ill-formed bytes are named as one run.
  CHECK(d->warnings[0] ==
        Warning{1, "invalid UTF-8 bytes " + repeat("E9 ", 15) + "E9 … replaced by U+FFFD"});
  CHECK(d->warnings[19].line == 20);
  CHECK(d->warnings[20] ==
        Warning{21, "invalid UTF-8 on 10 more lines from here on, replaced by U+FFFD"});
}

TEST_CASE("orangesum-500: each article is told apart from its single-byte forms", "[encoding]") {
  const auto corpus = newsidx::test::shared_corpus("orangesum-500");
  if (!corpus) {
    return newsidx::test::skip("shared corpus orangesum-500 not found");
  }
  int articles = 0;
  for (const auto& entry : std::filesystem::directory_iterator(*corpus)) {
    if (entry.path().extension() != ".txt") continue;
    const std::string utf8 = newsidx::test::read_file(entry.path());
    INFO(entry.path());
    ++articles;
    for (const char* charset : {"ISO-8859-1", "windows-1252"}) {
      const std::string bytes = encode(utf8, charset);
      const auto single = decode_text(bytes);
      REQUIRE(single);
      CHECK(single->warnings.empty());
      CHECK((single->encoding == "UTF-8") == !has_non_ascii(bytes));
    }
    // One byte broken in the middle: still UTF-8, with one warning (unless
    // nothing else shows that the file is UTF-8).
    const std::size_t middle = utf8.find(' ', utf8.size() / 2);
    REQUIRE(middle != std::string::npos);
    std::string broken = utf8;
    broken[middle] = '\xFF';
    const auto d = decode_text(broken);
    REQUIRE(d);
    CHECK((d->encoding == "UTF-8") == has_non_ascii(utf8));
    CHECK(d->warnings.size() == (has_non_ascii(utf8) ? 1u : 0u));
  }
  CHECK(articles >= 500);
}
