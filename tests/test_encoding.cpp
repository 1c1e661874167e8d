#include <catch2/catch.hpp>
#include <string>

#include "newsidx/encoding.hpp"
#include "support.hpp"

using newsidx::decode_text;
using newsidx::test::utf16_with_bom;

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
