// The streaming JSON writer and the article model written with it: the same
// bytes as nlohmann::json's dump with the `replace` error handler, the same
// article JSON as the former document-building implementation.
#include <catch2/catch.hpp>
#include <cstdint>
#include <filesystem>
#include <limits>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "newsidx/article.hpp"
#include "newsidx/json.hpp"
#include "newsidx/parser.hpp"
#include "newsidx/printer.hpp"
#include "output/json_writer.hpp"
#include "support.hpp"

namespace {

using newsidx::Article;
using newsidx::Block;
using newsidx::detail::JsonWriter;
using OrderedJson = nlohmann::ordered_json;

/// nlohmann's output for `value`, as newsidx wrote its JSON before the writer.
std::string nlohmann_dump(const OrderedJson& value) {
  return value.dump(-1, ' ', false, OrderedJson::error_handler_t::replace);
}

/// `text` as one JSON string value written by JsonWriter.
std::string written_string(std::string_view text) {
  std::string out;
  JsonWriter w(out);
  w.string(text);
  return out;
}

/// Whether the writer escapes `text` exactly as nlohmann does; a failed
/// check, with the input's bytes, when it does not.
bool same_as_nlohmann(std::string_view text) {
  const std::string expected = nlohmann_dump(OrderedJson(std::string(text)));
  const std::string actual = written_string(text);
  if (actual != expected) {
    std::string hex;
    for (const char c : text) {
      constexpr std::string_view kHex = "0123456789ABCDEF";
      const auto b = static_cast<unsigned char>(c);
      hex += kHex[b >> 4];
      hex += kHex[b & 0xF];
      hex += ' ';
    }
    INFO("input bytes: " << hex);
    CHECK(actual == expected);
    return false;
  }
  return true;
}

// --- reference implementation -------------------------------------------------
// A copy of article_json() and opensearch_bulk_json() as src/json.cpp wrote
// them before the streaming writer: a whole nlohmann document, then dump();
// with `path_bytes` since. The new implementation must give the same bytes.

/// Base64 written the long way, bit by bit (RFC 4648 §4).
std::string reference_base64(std::string_view bytes) {
  const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::vector<int> bits;
  for (const char c : bytes) {
    for (int k = 7; k >= 0; --k) bits.push_back((static_cast<unsigned char>(c) >> k) & 1);
  }
  std::string out;
  for (std::size_t i = 0; i < bits.size(); i += 6) {
    int value = 0;
    for (std::size_t k = i; k < i + 6; ++k) value = value * 2 + (k < bits.size() ? bits[k] : 0);
    out += alphabet[static_cast<std::size_t>(value)];
  }
  while (out.size() % 4 != 0) out += '=';
  return out;
}

/// Whether nlohmann accepts `s` as UTF-8 (its strict handler throws otherwise).
bool reference_valid_utf8(const std::string& s) {
  try {
    (void)OrderedJson(s).dump();
    return true;
  } catch (const nlohmann::json::type_error&) {
    return false;
  }
}

OrderedJson reference_optional_text(const std::optional<std::string>& s) {
  return s ? OrderedJson(*s) : OrderedJson(nullptr);
}

OrderedJson reference_article_object(const Article& a) {
  using Json = OrderedJson;
  Json j;
  j["id"] = a.id;
  j["date"] = a.date ? Json(a.date->str()) : Json(nullptr);
  j["date_precision"] =
      a.date ? Json(std::string(precision_name(a.date->precision))) : Json(nullptr);
  j["date_start"] = a.date ? Json(a.date->first_day()) : Json(nullptr);
  j["date_end"] = a.date ? Json(a.date->last_day()) : Json(nullptr);
  j["title"] = a.title;
  j["title_source"] = title_source_name(a.title_source);
  j["lead"] = a.lead();
  Json blocks = Json::array();
  for (const Block& b : a.blocks) {
    blocks.push_back(
        {{"type", b.type == Block::Type::kHeading ? "heading" : "paragraph"}, {"text", b.text}});
  }
  j["blocks"] = std::move(blocks);
  j["metadata"] = {{"author", reference_optional_text(a.metadata.author)},
                   {"source", reference_optional_text(a.metadata.source)},
                   {"url", reference_optional_text(a.metadata.url)}};
  j["word_count"] = a.word_count;
  Json sources = Json::array();
  for (const newsidx::Source& s : a.sources) {
    Json source = {{"path", s.path}};
    if (!reference_valid_utf8(s.path)) source["path_bytes"] = reference_base64(s.path);
    source["encoding"] = s.encoding;
    source["bytes"] = s.bytes;
    sources.push_back(std::move(source));
  }
  j["sources"] = std::move(sources);
  Json warnings = Json::array();
  for (const newsidx::Warning& w : a.warnings)
    warnings.push_back({{"line", w.line}, {"message", w.message}});
  j["warnings"] = std::move(warnings);
  return j;
}

std::string reference_article_json(const Article& a) {
  return nlohmann_dump(reference_article_object(a));
}

std::string reference_opensearch_bulk_json(const Article& a, std::string_view index) {
  using Json = OrderedJson;
  const Json action = {{"index", {{"_index", std::string(index)}, {"_id", a.id}}}};
  Json doc = reference_article_object(a);
  doc["date"] =
      a.date ? Json{{"gte", a.date->first_day()}, {"lte", a.date->last_day()}} : Json(nullptr);
  return nlohmann_dump(action) + "\n" + nlohmann_dump(doc);
}

// --- sample articles ------------------------------------------------------------

/// Hand-made articles covering every optional part of the model.
std::vector<Article> sample_articles() {
  std::vector<Article> articles;

  Article undated;
  undated.id = "0123456789abcdef";
  undated.title = "Titre";
  undated.blocks = {{Block::Type::kParagraph, "Texte \"cit\xC3\xA9\"."}};
  undated.word_count = 2;
  undated.sources = {{"/a/b.txt", "UTF-8", 12}};
  undated.warnings = {{1, "no date line; stored undated"}};
  articles.push_back(undated);

  Article full;
  full.id = "fedcba9876543210";
  full.date = newsidx::make_date(2016, 12, 15);
  full.title =
      "L\xE2\x80\x99"
      "arm\xC3\xA9"
      "e a annonc\xC3\xA9 la reprise d\xE2\x80\x99"
      "Alep";
  full.title_source = newsidx::TitleSource::kHeader;
  full.blocks = {
      {Block::Type::kParagraph, "\xC2\xAB Le commandement \xC2\xBB, indique un communiqu\xC3\xA9."},
      {Block::Type::kHeading, "La plus grande victoire du r\xC3\xA9gime"},
      {Block::Type::kParagraph,
       "Tab\there, back\\slash, quote \", newline\nDEL \x7F end \xF0\x9F\x98\x80"},
      {Block::Type::kParagraph, ""}};
  full.metadata.author = "Jean Dupont";
  full.metadata.source = "AFP";
  full.metadata.url = "https://example.invalid/a?b=c&d=\"e\"";
  full.word_count = std::numeric_limits<std::size_t>::max();
  full.sources = {{"/archive/2016/12/alep.txt", "UTF-8", 3205},
                  {"/archive/copie/alep.txt", "windows-1252", 0},
                  {"/archive/x.txt", "UTF-16LE", std::numeric_limits<std::uint64_t>::max()}};
  full.warnings = {{3, "impossible date 2016-02-30"},
                   {std::numeric_limits<int>::max(), "w\x01\x1F"},
                   {std::numeric_limits<int>::min(), ""}};
  articles.push_back(full);

  Article year;
  year.id = "00000000000000ff";
  year.date = newsidx::make_date(2004, 0, 0);
  year.title =
      "Ann\xC3\xA9"
      "e";
  year.blocks = {{Block::Type::kHeading, "Seulement un titre"}};
  year.metadata.author = "Auteur \xE9trange";                         // Latin-1 byte: invalid UTF-8
  year.sources = {{"/tmp/\xE9t\xE9/\xC3\x28.txt", "ISO-8859-1", 99},  // invalid UTF-8 path
                  {"/tmp/tronqu\xC3", "UTF-8", 1}};
  articles.push_back(year);

  Article month;
  month.id = "1111222233334444";
  month.date = newsidx::make_date(2016, 2, 0);
  month.title = "F\xC3\xA9vrier";
  month.blocks = {{Block::Type::kParagraph, "Un. Deux."}, {Block::Type::kParagraph, "Trois."}};
  month.metadata.url = "https://example.invalid/";
  month.word_count = 3;
  month.sources = {{"/m.txt", "UTF-8", 20}};
  articles.push_back(month);

  Article empty;  // nothing set at all: no block, no source
  articles.push_back(empty);
  return articles;
}

/// Parsed articles of the project's own data/ folder and, when present, of
/// the shared orangesum-500 corpus.
std::vector<Article> parsed_articles() {
  std::vector<std::filesystem::path> folders = {newsidx::test::sample_data()};
  if (const auto corpus = newsidx::test::shared_corpus("orangesum-500")) {
    folders.push_back(*corpus);
  }
  std::vector<Article> articles;
  for (const auto& folder : folders) {
    for (const auto& entry : std::filesystem::recursive_directory_iterator(folder)) {
      if (!entry.is_regular_file() || entry.path().extension() != ".txt") continue;
      newsidx::ParseResult r = newsidx::read_article(entry.path());
      if (r.article) articles.push_back(std::move(*r.article));
    }
  }
  return articles;
}

}  // namespace

// --- (1) string escaping ---------------------------------------------------------

TEST_CASE("JsonWriter escapes every single byte as nlohmann does", "[json]") {
  int mismatches = 0;
  for (int b = 0; b < 256; ++b) {
    const std::string one(1, static_cast<char>(b));
    mismatches += !same_as_nlohmann(one);
    mismatches += !same_as_nlohmann("a" + one + "b");
  }
  CHECK(mismatches == 0);
  // The exact forms, spelled out.
  CHECK(written_string("") == R"("")");
  CHECK(written_string("\"\\/") == R"("\"\\/")");
  CHECK(written_string("\b\f\n\r\t") == R"("\b\f\n\r\t")");
  CHECK(written_string(std::string(1, '\0')) == R"("\u0000")");
  CHECK(written_string("\x01\x0b\x1a\x1f") == R"("\u0001\u000b\u001a\u001f")");
  CHECK(written_string("\x7F") == "\"\x7F\"");
  CHECK(written_string("\x80") == "\"\xEF\xBF\xBD\"");
  CHECK(written_string("\xFF") == "\"\xEF\xBF\xBD\"");
}

TEST_CASE("JsonWriter escapes control characters inside text as nlohmann does", "[json]") {
  int mismatches = 0;
  for (int c = 0; c < 0x20; ++c) {
    const std::string control(1, static_cast<char>(c));
    mismatches += !same_as_nlohmann(control + control);
    mismatches += !same_as_nlohmann(
        "d\xC3\xA9"
        "but " +
        control + " fin\xE2\x80\xA6");
  }
  CHECK(mismatches == 0);
}

TEST_CASE("JsonWriter keeps valid multi-byte UTF-8 as it is", "[json]") {
  const std::vector<std::string> texts = {
      "L\xE2\x80\x99"
      "arm\xC3\xA9"
      "e de Bachar el-Assad \xC2\xAB Alep-Est \xC2\xBB \xE2\x80\x94 "
      "\xC5\x93uvre, 350\xC2\xA0"
      "000, 350\xE2\x80\xAF"
      "000",
      "\xC2\x80",          // U+0080, the first two-byte code point
      "\xDF\xBF",          // U+07FF
      "\xE0\xA0\x80",      // U+0800
      "\xED\x9F\xBF",      // U+D7FF, just below the surrogates
      "\xEE\x80\x80",      // U+E000, just above
      "\xEF\xBF\xBF",      // U+FFFF
      "\xEF\xBB\xBF",      // a byte-order mark
      "\xF0\x90\x80\x80",  // U+10000
      "\xF0\x9F\x98\x80",  // an emoji
      "\xF4\x8F\xBF\xBF",  // U+10FFFF, the last code point
  };
  for (const std::string& text : texts) {
    CHECK(same_as_nlohmann(text));
    CHECK(written_string(text) == "\"" + text + "\"");
  }
}

TEST_CASE("JsonWriter replaces invalid UTF-8 as nlohmann's replace handler does", "[json]") {
  const std::string kFffd = "\xEF\xBF\xBD";
  struct Case {
    std::string input;
    std::string expected;  // the string's content, without quotes
  };
  const std::vector<Case> cases = {
      // lone continuation bytes, bytes that never start a sequence
      {"\x80", kFffd},
      {"\xBF\xBF", kFffd + kFffd},
      {"\xC0\x80", kFffd + kFffd},  // overlong NUL
      {"\xC1\xBF", kFffd + kFffd},
      {"\xF5\x80\x80\x80", kFffd + kFffd + kFffd + kFffd},
      {"\xFE\xFF", kFffd + kFffd},
      // truncated sequences: one U+FFFD for the whole valid beginning
      {"\xC3", kFffd},
      {"a\xE2\x80", "a" + kFffd},
      {"\xF0\x9F\x98", kFffd},
      {"\xE2\x80"
       "a",
       kFffd + "a"},
      {"\xF0\x9F\x98"
       "\xC3\xA9",
       kFffd + "\xC3\xA9"},
      {"\xE2\x80\xE2\x80\xA6", kFffd + "\xE2\x80\xA6"},
      {"\xC3\"", kFffd + "\\\""},
      {"\xC3\n", kFffd + "\\n"},
      // overlong forms: cut at their second byte
      {"\xE0\x80\x80", kFffd + kFffd + kFffd},
      {"\xE0\x9F\xBF", kFffd + kFffd + kFffd},
      {"\xF0\x80\x80\x80", kFffd + kFffd + kFffd + kFffd},
      {"\xF0\x8F\xBF\xBF", kFffd + kFffd + kFffd + kFffd},
      // surrogates
      {"\xED\xA0\x80", kFffd + kFffd + kFffd},
      {"\xED\xBF\xBF", kFffd + kFffd + kFffd},
      {"\xED\xA0\x80\xED\xB0\x80", std::string() + kFffd + kFffd + kFffd + kFffd + kFffd + kFffd},
      // above U+10FFFF
      {"\xF4\x90\x80\x80", kFffd + kFffd + kFffd + kFffd},
      // Latin-1 French
      {"\xE9t\xE9", kFffd + "t" + kFffd},
  };
  for (const Case& c : cases) {
    CHECK(same_as_nlohmann(c.input));
    CHECK(written_string(c.input) == "\"" + c.expected + "\"");
  }
}

TEST_CASE("JsonWriter escapes every two-byte string as nlohmann does", "[json]") {
  int mismatches = 0;
  for (int first = 0; first < 256; ++first) {
    for (int second = 0; second < 256; ++second) {
      const std::string text = {static_cast<char>(first), static_cast<char>(second)};
      mismatches += !same_as_nlohmann(text);
    }
  }
  // Three and four bytes starting with every kind of lead byte, the other
  // bytes on the edges of the ranges that matter.
  const std::vector<int> leads = {0xC2, 0xDF, 0xE0, 0xE1, 0xEC, 0xED, 0xEE,
                                  0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5};
  const std::vector<int> edges = {0x00, 0x22, 0x41, 0x7F, 0x80, 0x8F, 0x90,
                                  0x9F, 0xA0, 0xBF, 0xC0, 0xC3, 0xE2, 0xFF};
  for (const int lead : leads) {
    for (int second = 0; second < 256; ++second) {
      for (const int third : edges) {
        std::string text = {static_cast<char>(lead), static_cast<char>(second),
                            static_cast<char>(third)};
        mismatches += !same_as_nlohmann(text);
        if (lead < 0xF0) continue;  // a fourth byte matters after F0..F4 only
        for (const int fourth : edges) {
          mismatches += !same_as_nlohmann(text + static_cast<char>(fourth));
        }
      }
    }
  }
  CHECK(mismatches == 0);
}

TEST_CASE("JsonWriter escapes random byte strings as nlohmann does", "[json]") {
  std::mt19937 random(20161215);  // fixed seed: the same strings every run
  std::uniform_int_distribution<int> any_byte(0, 255);
  std::uniform_int_distribution<int> length(0, 64);
  int mismatches = 0;
  for (int n = 0; n < 4000; ++n) {
    std::string text(static_cast<std::size_t>(length(random)), '\0');
    for (char& c : text) c = static_cast<char>(any_byte(random));
    mismatches += !same_as_nlohmann(text);
  }
  // Pieces that random bytes seldom give: valid sequences of every length,
  // and their broken forms, mixed with plain text; long strings too (nlohmann
  // writes through a 512-byte buffer).
  const std::vector<std::string> pieces = {"a",
                                           "Z",
                                           " ",
                                           "\"",
                                           "\\",
                                           "\n",
                                           "\x01",
                                           "\x1F",
                                           "\x7F",
                                           "\xC3\xA9",
                                           "\xE2\x80\x99",
                                           "\xF0\x9F\x98\x80",
                                           "\xC3",
                                           "\xE2\x80",
                                           "\xF0\x9F\x98",
                                           "\x80",
                                           "\xBF",
                                           "\xC0\xAF",
                                           "\xE0\x80\xAF",
                                           "\xED\xA0\x80",
                                           "\xF4\x90\x80\x80",
                                           "\xF8\x88\x80\x80\x80",
                                           "\xFF",
                                           std::string(1, '\0'),
                                           "plain ASCII text without anything special in it"};
  std::uniform_int_distribution<std::size_t> pick(0, pieces.size() - 1);
  std::uniform_int_distribution<int> count(0, 400);
  for (int n = 0; n < 3000; ++n) {
    std::string text;
    for (int k = count(random); k > 0; --k) text += pieces[pick(random)];
    mismatches += !same_as_nlohmann(text);
  }
  CHECK(mismatches == 0);
}

TEST_CASE("append_json_string appends after what the string holds", "[json]") {
  std::string out = "prefix:";
  newsidx::detail::append_json_string(out, "caf\xC3\xA9\t");
  CHECK(out == "prefix:\"caf\xC3\xA9\\t\"");
}

// --- the writer's structure --------------------------------------------------

TEST_CASE("JsonWriter places commas and colons as nlohmann does", "[json]") {
  std::string out;
  JsonWriter w(out);
  w.begin_object();
  w.key("empty_array");
  w.begin_array();
  w.end_array();
  w.key("empty_object");
  w.begin_object();
  w.end_object();
  w.key("values");
  w.begin_array();
  w.integer(0);
  w.integer(-42);
  w.integer(std::numeric_limits<std::int64_t>::min());
  w.integer(std::numeric_limits<std::uint64_t>::max());
  w.boolean(true);
  w.boolean(false);
  w.null();
  w.string("x");
  w.begin_array();
  w.begin_array();
  w.end_array();
  w.begin_object();
  w.end_object();
  w.end_array();
  w.begin_object();
  w.key("k\xC3\xA9\"");
  w.begin_object();
  w.key("deep");
  w.integer(1);
  w.end_object();
  w.key("after");
  w.null();
  w.end_object();
  w.end_array();
  w.key("last");
  w.string("");
  w.end_object();

  const OrderedJson expected = {{"empty_array", OrderedJson::array()},
                                {"empty_object", OrderedJson::object()},
                                {"values",
                                 {0,
                                  -42,
                                  std::numeric_limits<std::int64_t>::min(),
                                  std::numeric_limits<std::uint64_t>::max(),
                                  true,
                                  false,
                                  nullptr,
                                  "x",
                                  {OrderedJson::array(), OrderedJson::object()},
                                  {{"k\xC3\xA9\"", {{"deep", 1}}}, {"after", nullptr}}}},
                                {"last", ""}};
  CHECK(out == nlohmann_dump(expected));
  CHECK(out == R"({"empty_array":[],"empty_object":{},"values":[0,-42,-9223372036854775808,)"
               R"(18446744073709551615,true,false,null,"x",[[],{}],)"
               "{\"k\xC3\xA9\\\"\":{\"deep\":1},\"after\":null}],\"last\":\"\"}");
}

TEST_CASE("JsonWriter writes a scalar alone and appends to its string", "[json]") {
  std::string out = "[";
  {
    JsonWriter w(out);
    w.integer(7);
  }
  out += ',';
  {
    JsonWriter w(out);
    w.null();
  }
  out += ']';
  CHECK(out == "[7,null]");
}

// --- (2) the article model is unchanged ----------------------------------------

TEST_CASE("article_json gives the bytes of the reference implementation", "[json]") {
  for (const Article& a : sample_articles()) {
    INFO("article " << a.id);
    CHECK(newsidx::article_json(a) == reference_article_json(a));
    CHECK(newsidx::opensearch_bulk_json(a, "newsidx") ==
          reference_opensearch_bulk_json(a, "newsidx"));
  }
}

TEST_CASE("article_json of parsed articles gives the bytes of the reference", "[json]") {
  const bool corpus = newsidx::test::shared_corpus("orangesum-500").has_value();
  if (!corpus) WARN("not checked: shared corpus orangesum-500 absent; data/ only");
  const std::vector<Article> articles = parsed_articles();
  REQUIRE(articles.size() >= (corpus ? 500 : 10));
  std::size_t same = 0;
  for (const Article& a : articles) {
    INFO("article " << a.id << " from " << a.sources.at(0).path);
    const bool article_same = newsidx::article_json(a) == reference_article_json(a);
    const bool bulk_same =
        newsidx::opensearch_bulk_json(a, "presse") == reference_opensearch_bulk_json(a, "presse");
    CHECK(article_same);
    CHECK(bulk_same);
    if (article_same && bulk_same) ++same;
  }
  CHECK(same == articles.size());
}

// --- (3) the output parses back with the SPEC's fields in order ----------------

TEST_CASE("article_json parses back with the fields of SPEC 2 in order", "[json]") {
  const std::vector<std::string> kArticleKeys = {
      "id",   "date",   "date_precision", "date_start", "date_end", "title",   "title_source",
      "lead", "blocks", "metadata",       "word_count", "sources",  "warnings"};
  const auto keys_of = [](const OrderedJson& object) {
    std::vector<std::string> keys;
    for (const auto& item : object.items()) keys.push_back(item.key());
    return keys;
  };
  const std::vector<Article> articles = sample_articles();
  for (const Article& a : articles) {
    INFO("article " << a.id);
    const std::string line = newsidx::article_json(a);
    CHECK(line.find('\n') == std::string::npos);
    const OrderedJson j = OrderedJson::parse(line);
    CHECK(keys_of(j) == kArticleKeys);
    CHECK(j["id"] == a.id);
    if (a.date) {
      CHECK(j["date"] == a.date->str());
      CHECK(j["date_precision"] == std::string(newsidx::precision_name(a.date->precision)));
      CHECK(j["date_start"] == a.date->first_day());
      CHECK(j["date_end"] == a.date->last_day());
    } else {
      CHECK(j["date"].is_null());
      CHECK(j["date_precision"].is_null());
      CHECK(j["date_start"].is_null());
      CHECK(j["date_end"].is_null());
    }
    CHECK(j["title"] == a.title);
    CHECK(j["title_source"] == newsidx::title_source_name(a.title_source));
    CHECK(j["lead"] == a.lead());
    REQUIRE(j["blocks"].size() == a.blocks.size());
    for (std::size_t i = 0; i < a.blocks.size(); ++i) {
      CHECK(keys_of(j["blocks"][i]) == std::vector<std::string>{"type", "text"});
      CHECK(j["blocks"][i]["type"] ==
            (a.blocks[i].type == Block::Type::kHeading ? "heading" : "paragraph"));
      CHECK(j["blocks"][i]["text"] == a.blocks[i].text);
    }
    CHECK(keys_of(j["metadata"]) == std::vector<std::string>{"author", "source", "url"});
    CHECK(j["word_count"] == a.word_count);
    REQUIRE(j["sources"].size() == a.sources.size());
    for (std::size_t i = 0; i < a.sources.size(); ++i) {
      const bool utf8 = newsidx::detail::is_valid_utf8(a.sources[i].path);
      CHECK(keys_of(j["sources"][i]) ==
            (utf8 ? std::vector<std::string>{"path", "encoding", "bytes"}
                  : std::vector<std::string>{"path", "path_bytes", "encoding", "bytes"}));
      CHECK(j["sources"][i]["encoding"] == a.sources[i].encoding);
      CHECK(j["sources"][i]["bytes"] == a.sources[i].bytes);
    }
    REQUIRE(j["warnings"].size() == a.warnings.size());
    for (std::size_t i = 0; i < a.warnings.size(); ++i) {
      CHECK(keys_of(j["warnings"][i]) == std::vector<std::string>{"line", "message"});
      CHECK(j["warnings"][i]["line"] == a.warnings[i].line);
    }
  }

  // Values that were valid UTF-8 come back unchanged; invalid ones as U+FFFD.
  const Article& full = articles.at(1);
  const OrderedJson j = OrderedJson::parse(newsidx::article_json(full));
  CHECK(j["metadata"]["author"] == "Jean Dupont");
  CHECK(j["metadata"]["url"] == *full.metadata.url);
  CHECK(j["blocks"][2]["text"] == full.blocks[2].text);
  CHECK(j["warnings"][1]["message"] == "w\x01\x1F");
  CHECK(j["sources"][2]["path"] == "/archive/x.txt");
  const Article& year = articles.at(2);
  const OrderedJson y = OrderedJson::parse(newsidx::article_json(year));
  CHECK(y["date"] == "2004");
  CHECK(y["date_precision"] == "year");
  CHECK(y["date_end"] == "2004-12-31");
  CHECK(y["lead"] == "");
  CHECK(y["metadata"]["author"] == "Auteur \xEF\xBF\xBDtrange");
  CHECK(y["metadata"]["source"].is_null());
  CHECK(y["sources"][0]["path"] == "/tmp/\xEF\xBF\xBDt\xEF\xBF\xBD/\xEF\xBF\xBD(.txt");
  CHECK(y["sources"][1]["path"] == "/tmp/tronqu\xEF\xBF\xBD");
  // Their bytes, in base64: /tmp/\xE9t\xE9/\xC3(.txt and /tmp/tronqu\xC3.
  CHECK(y["sources"][0]["path_bytes"] == "L3RtcC/pdOkvwygudHh0");
  CHECK(y["sources"][1]["path_bytes"] == "L3RtcC90cm9ucXXD");

  // The bulk form: the same fields in the same order, `date` as a range.
  const std::string bulk = newsidx::opensearch_bulk_json(full, "presse");
  const auto newline = bulk.find('\n');
  REQUIRE(newline != std::string::npos);
  CHECK(bulk.substr(0, newline) == R"({"index":{"_index":"presse","_id":"fedcba9876543210"}})");
  const OrderedJson doc = OrderedJson::parse(bulk.substr(newline + 1));
  CHECK(keys_of(doc) == kArticleKeys);
  CHECK(nlohmann_dump(doc["date"]) == R"({"gte":"2016-12-15","lte":"2016-12-15"})");
}

// --- (4) paths: text escapes and JSON bytes ------------------------------------

TEST_CASE("base64 of paths: RFC 4648 test vectors and every length", "[json]") {
  using newsidx::detail::base64;
  CHECK(base64("") == "");
  CHECK(base64("f") == "Zg==");
  CHECK(base64("fo") == "Zm8=");
  CHECK(base64("foo") == "Zm9v");
  CHECK(base64("foob") == "Zm9vYg==");
  CHECK(base64("fooba") == "Zm9vYmE=");
  CHECK(base64("foobar") == "Zm9vYmFy");
  std::mt19937 rng(16);
  for (std::size_t length = 0; length < 64; ++length) {
    std::string bytes(length, '\0');
    for (char& c : bytes) c = static_cast<char>(rng());
    CHECK(base64(bytes) == reference_base64(bytes));
  }
}

TEST_CASE("path_bytes: only for a path that is not valid UTF-8, in hits and rejections", "[json]") {
  newsidx::Hit hit;
  hit.id = "0123456789abcdef";
  hit.path = "/archive/caf\xC3\xA9.txt";  // valid UTF-8
  CHECK(OrderedJson::parse(newsidx::hit_json(hit)).count("path_bytes") == 0);
  hit.path = "/archive/caf\xE9.txt";  // Latin-1
  const OrderedJson j = OrderedJson::parse(newsidx::hit_json(hit));
  CHECK(j["path"] == "/archive/caf\xEF\xBF\xBD.txt");
  CHECK(j["path_bytes"] == reference_base64(hit.path));
  CHECK(j.back() == j["path_bytes"]);  // right after "path", the last member

  CHECK(newsidx::rejection_json("/a\n.txt", "no article text") ==
        R"({"path":"/a\n.txt","rejected":"no article text"})");
  CHECK(newsidx::rejection_json("/\xFF.txt", "no article text") ==
        "{\"path\":\"/\xEF\xBF\xBD.txt\",\"path_bytes\":\"L/8udHh0\",\"rejected\":\"no article "
        "text\"}");
}

TEST_CASE("quote_path escapes control characters, C1 included, and nothing else",
          "[json][printer]") {
  using newsidx::quote_path;
  CHECK(quote_path("/archive/2016/12/caf\xC3\xA9 \xC2\xA0x.txt") ==
        "/archive/2016/12/caf\xC3\xA9 \xC2\xA0x.txt");
  CHECK(quote_path("/a/caf\xE9.txt") == "/a/caf\xE9.txt");  // invalid UTF-8 kept
  CHECK(quote_path("/a/back\\slash") == "/a/back\\slash");
  CHECK(quote_path("/a/deux\nlignes.txt") == "\"/a/deux\\nlignes.txt\"");
  CHECK(quote_path("/a/\x1B[31mred\x1B[0m.txt") == "\"/a/\\033[31mred\\033[0m.txt\"");
  CHECK(quote_path("/a/t\tr\rd\x7F\\\".txt") == "\"/a/t\\tr\\rd\\177\\\\\\\".txt\"");
  CHECK(quote_path("/a/csi\xC2\x9B"
                   "31m.txt") == "\"/a/csi\\302\\23331m.txt\"");  // U+009B
  CHECK(quote_path("\"quoted\".txt") == "\"\\\"quoted\\\".txt\"");
  CHECK(quote_path("/a/\xC2") == "/a/\xC2");  // a C1 lead byte cut short is not a control
}
