// The article parser: one input file (SPEC §1) to one Article (SPEC §2).
//
// Stateless functions; safe to call from many threads at once (ingest parses
// in parallel).
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "newsidx/article.hpp"

namespace newsidx {

/// Default for --max-size: 16 MiB.
inline constexpr std::uint64_t kDefaultMaxFileSize = 16ull << 20;

/// How files are read.
struct ParseOptions {
  std::uint64_t max_size = kDefaultMaxFileSize;  ///< larger files are rejected
};

/// The outcome of reading one file: an article (possibly with warnings), or
/// the reason it was rejected (SPEC §1.4).
struct ParseResult {
  std::optional<Article> article;  ///< set unless rejected
  std::string rejection;           ///< e.g. "no article text", "not a text file"

  [[nodiscard]] bool rejected() const { return !article.has_value(); }
};

/// Parses the bytes of one file. `path` should be absolute: it becomes the
/// article's only Source and is searched for a date when the file has no
/// date line. Never throws for bad input; the article's `warnings` say what
/// was odd (impossible date, no date line…) with the line it is on.
[[nodiscard]] ParseResult parse_article(std::string_view bytes, const std::string& path);

/// Reads `path` and parses it like parse_article(). Files larger than
/// options.max_size, unreadable or vanished files are rejected with a reason
/// ("file too large (17 MiB > 16 MiB)", the system's message); never throws
/// for a bad file.
[[nodiscard]] ParseResult read_article(const std::filesystem::path& path,
                                       const ParseOptions& options = {});

/// A whole text (surrounding white space aside) read as a date the way an
/// article's date line reads one (SPEC §1.1): `2016-12-15`, `15/12/2016`,
/// `décembre 2016`, `1er mars 2017`, `jeudi 15 décembre 2016`…; nullopt when
/// it is not one, or not an acceptable article date. For dates typed by users.
[[nodiscard]] std::optional<Date> parse_written_date(std::string_view text);

}  // namespace newsidx
