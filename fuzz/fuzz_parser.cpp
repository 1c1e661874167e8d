// libFuzzer target: any bytes as the content of an article file.
//
// parse_article() must never crash, hang or throw, and what it accepts must
// satisfy the article model's invariants (SPEC §1.2, §1.3, §2): any
// violation aborts, so that libFuzzer reports it as a crash.
#include <unicode/utf8.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "newsidx/article.hpp"
#include "newsidx/json.hpp"
#include "newsidx/parser.hpp"

namespace {

/// Prints what is wrong and aborts: libFuzzer then saves the input.
[[noreturn]] void violated(const char* what, std::string_view detail = {}) {
  std::fprintf(stderr, "fuzz_parser: invariant violated: %s [%.*s]\n", what,
               static_cast<int>(detail.size()), detail.data());
  std::abort();
}

/// Well-formed UTF-8; also counts its code points.
bool valid_utf8(std::string_view s, std::size_t* code_points = nullptr) {
  const auto* p = reinterpret_cast<const std::uint8_t*>(s.data());
  const auto n = static_cast<std::int32_t>(s.size());
  std::int32_t i = 0;
  std::size_t count = 0;
  while (i < n) {
    UChar32 c = 0;
    U8_NEXT(p, i, n, c);
    if (c < 0) return false;
    ++count;
  }
  if (code_points != nullptr) *code_points = count;
  return true;
}

bool is_lower_hex(std::string_view s) {
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

/// True for the warnings of decode_text() about ill-formed UTF-8.
bool is_decoding_warning(const newsidx::Warning& w) {
  return w.message.starts_with("invalid UTF-8 ");
}

/// The warnings of `a` but those about ill-formed UTF-8: the stored text
/// holds U+FFFD instead, which reads again without a warning.
std::vector<newsidx::Warning> text_warnings(const newsidx::Article& a) {
  std::vector<newsidx::Warning> out;
  for (const newsidx::Warning& w : a.warnings) {
    if (!is_decoding_warning(w)) out.push_back(w);
  }
  return out;
}

void check_article(const newsidx::Article& a, std::size_t input_size) {
  if (a.id.size() != 16 || !is_lower_hex(a.id))
    violated("id is not 16 lower-case hex digits", a.id);
  if (a.id != newsidx::article_id(a.date, a.body()))
    violated("id is not the hash of date and body");
  if (a.blocks.empty()) violated("an accepted article has no block");
  for (const newsidx::Block& b : a.blocks) {
    if (b.text.empty()) violated("empty block");
    if (b.text.find('\n') != std::string::npos) violated("block holds a line break", b.text);
    if (b.text.front() == ' ' || b.text.back() == ' ') violated("block not trimmed", b.text);
    if (b.text.find("  ") != std::string::npos) violated("spaces not collapsed", b.text);
    if (!valid_utf8(b.text)) violated("block is not valid UTF-8");
  }
  if (a.title.empty()) violated("empty title");
  std::size_t title_length = 0;
  if (!valid_utf8(a.title, &title_length)) violated("title is not valid UTF-8");
  if (a.title_source == newsidx::TitleSource::kDerived && title_length > 100) {
    violated("derived title longer than 100 code points", a.title);
  }
  if (!valid_utf8(a.raw)) violated("raw text is not valid UTF-8");
  if (a.raw.find('\r') != std::string::npos) violated("raw text keeps a carriage return");
  for (const auto* field : {&a.metadata.author, &a.metadata.source, &a.metadata.url}) {
    if (*field && !valid_utf8(**field)) violated("metadata is not valid UTF-8");
  }
  if (a.sources.size() != 1 || a.sources[0].bytes != input_size) violated("wrong source");
  for (const newsidx::Warning& w : a.warnings) {
    if (w.line < 1) violated("warning line below 1");
    if (!valid_utf8(w.message)) violated("warning is not valid UTF-8");
    if (is_decoding_warning(w) && a.sources[0].encoding != "UTF-8") {
      violated("a UTF-8 warning on a file not read as UTF-8", w.message);
    }
  }
  if (a.date) {
    if (newsidx::date_problem(a.date->year, a.date->month, a.date->day)) {
      violated("an impossible date was kept", a.date->str());
    }
  }
  // The JSON form must be produced without throwing (invalid UTF-8 is replaced).
  const std::string json = newsidx::article_json(a);
  if (json.empty() || json.front() != '{') violated("article_json");
}

/// A path with a date, so that the date-from-path branch runs too when the
/// input has no date line.
const std::string kPath = "/archive/2016/12/15/fuzz.txt";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const newsidx::ParseResult r = newsidx::parse_article(bytes, kPath);
  if (r.rejected()) {
    if (r.rejection.empty()) violated("rejected without a reason");
    return 0;
  }
  const newsidx::Article& a = *r.article;
  check_article(a, size);

  // The stored text is a fixed point: read again as a file (as `show --raw`
  // prints it), it gives the same article and id. Only a file whose text,
  // once trimmed, starts like a binary format (" %PDF-…") may be refused.
  const newsidx::ParseResult again = newsidx::parse_article(a.raw, kPath);
  if (again.rejected()) {
    if (again.rejection != "not a text file") violated("raw text rejected", again.rejection);
    return 0;
  }
  const newsidx::Article& b = *again.article;
  if (b.id != a.id) violated("raw text gives another id");
  if (b.blocks != a.blocks) violated("raw text gives other blocks");
  if (b.title != a.title || b.title_source != a.title_source) {
    violated("raw text gives another title");
  }
  if (b.date != a.date || b.warnings != text_warnings(a)) {
    violated("raw text gives another date or warnings");
  }
  if (b.metadata != a.metadata) violated("raw text gives other metadata");
  if (b.raw != a.raw) violated("raw text is not normalized");
  return 0;
}
