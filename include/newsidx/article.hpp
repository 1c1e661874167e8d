// Article: the normalized model of one news article (SPEC §2).
//
// Produced by the parser, stored by the Store, printed by the printers.
// Plain value types; safe to share between threads when not modified.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "newsidx/date.hpp"

namespace newsidx {

/// What joins the texts of the blocks in Article::body(): a blank line, which
/// no block holds (blocks are single lines).
inline constexpr std::string_view kBlockSeparator = "\n\n";

/// A block of article text: a paragraph or a heading (SPEC §1.1).
struct Block {
  enum class Type { kParagraph, kHeading };
  Type type = Type::kParagraph;
  std::string text;  ///< normalized (SPEC §1.2), one line, no surrounding space

  friend bool operator==(const Block&, const Block&) = default;
};

/// Where an article was read from.
struct Source {
  std::string path;      ///< absolute path
  std::string encoding;  ///< "UTF-8", "UTF-16LE", "windows-1252", …
  std::uint64_t bytes = 0;

  friend bool operator==(const Source&, const Source&) = default;
};

/// A problem that did not stop the article from being stored.
struct Warning {
  int line = 1;  ///< 1-based line of the file the warning is about
  std::string message;

  friend bool operator==(const Warning&, const Warning&) = default;
};

/// Optional `key: value` header lines of the input file.
struct Metadata {
  std::optional<std::string> author;
  std::optional<std::string> source;
  std::optional<std::string> url;

  friend bool operator==(const Metadata&, const Metadata&) = default;
};

/// Where the title came from: a `titre:` line or the first sentence.
enum class TitleSource { kHeader, kDerived };

/// One article, as stored and shown.
struct Article {
  std::string id;            ///< 16 lower-case hex digits, see article_id()
  std::optional<Date> date;  ///< nullopt when undated
  std::string title;
  TitleSource title_source = TitleSource::kDerived;
  std::vector<Block> blocks;  ///< never empty for a parsed article
  Metadata metadata;
  std::size_t word_count = 0;
  std::vector<Source> sources;
  std::vector<Warning> warnings;
  std::string raw;  ///< the whole file, normalized (SPEC §1.2), for `show --raw`

  /// The first paragraph (SPEC §1.3), or "" when there is none.
  [[nodiscard]] const std::string& lead() const;
  /// The text of all blocks joined by blank lines: what the id hashes and the
  /// index searches.
  [[nodiscard]] std::string body() const;
};

/// "header" or "derived".
[[nodiscard]] const char* title_source_name(TitleSource s);

/// The article id: the first 64 bits of XXH3-64 over the date (as Date::str(),
/// or "" when undated), a newline, and `body`, written as 16 lower-case hex
/// digits. Stable across machines, file names, encodings and line endings.
[[nodiscard]] std::string article_id(const std::optional<Date>& date, std::string_view body);

}  // namespace newsidx
