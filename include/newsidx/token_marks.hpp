// The characters that mark how a word is to be matched, shared by the query
// language (query.hpp), which writes them into FTS5 strings, the store,
// whose index reads some columns through them (schema.cpp), and the French
// tokenizer (fts5_tokenizer.hpp), which reads them. None of them is a word
// character, so no analysed word ever starts with one.
#pragma once

#include <string>
#include <string_view>

namespace newsidx {

/// Marks, in a query, a word to match as written (`=manifestations`).
inline constexpr char kSurfaceMarker = '=';

/// Starts a text whose words are indexed apart from the article's text:
/// the tokenizer gives each of them as kFieldMarker + its folded form. The
/// index reads the author, source and lead columns so (the lead is also a
/// part of the body), which keeps a plain query, whose words are not
/// marked, to the title and the body without a column filter; a query
/// field for one of those columns marks its strings. A control character:
/// the parser drops them from every text it reads (normalize.cpp).
inline constexpr char kFieldMarker = '\x01';

/// The query fields whose columns the index reads through kFieldMarker.
[[nodiscard]] inline bool is_marked_field(std::string_view field) {
  return field == "author" || field == "source" || field == "lead";
}

/// `text` as a marked column holds it.
[[nodiscard]] inline std::string field_text(std::string_view text) {
  std::string out(1, kFieldMarker);
  out += text;
  return out;
}

/// Whether `text` is a field text: it starts with kFieldMarker.
[[nodiscard]] inline bool is_field_text(std::string_view text) {
  return !text.empty() && text.front() == kFieldMarker;
}

/// `text` without its kFieldMarker, if it starts with one.
[[nodiscard]] inline std::string_view without_field_marker(std::string_view text) {
  if (is_field_text(text)) text.remove_prefix(1);
  return text;
}

/// The query text that the tokenizer reads as exactly `token`, one token
/// of the index (a folded form, marked or not): `=juge`, or `=juge` after
/// kFieldMarker.
[[nodiscard]] inline std::string surface_text(std::string_view token) {
  const std::string_view word = without_field_marker(token);
  std::string out(token.substr(0, token.size() - word.size()));
  out += kSurfaceMarker;
  out += word;
  return out;
}

}  // namespace newsidx
