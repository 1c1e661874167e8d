// The header lines of an article file (SPEC §1.1): `key: value` metadata
// lines and the date line. Private to the parser.
//
// Stateless functions on views; safe from any thread.
#pragma once

#include <optional>
#include <string_view>

#include "parser/french_date.hpp"

namespace newsidx::parser {

enum class MetaKey { kTitle, kAuthor, kSource, kUrl };

/// A metadata line: its key and value (a view into the line).
struct MetaLine {
  MetaKey key;
  std::string_view value;  ///< may be empty
};

/// A `key: value` metadata line (keys titre/title, auteur/author, source,
/// url in any case), or nullopt.
[[nodiscard]] std::optional<MetaLine> match_metadata(std::string_view line);

/// A date line: `date[:] DATE[ text…]`.
struct DateLine {
  std::optional<DateMatch> match;  ///< nullopt: `date:` then no date
  std::string_view written;        ///< the date as written
  std::string_view rest;           ///< text after the date, or empty
};

/// A date line (`date`, any case, then white space or `:`, then a date), or
/// nullopt. `date:` followed by something that is not a date still counts as
/// a date line (with no match); `date` without `:` and no date is text.
[[nodiscard]] std::optional<DateLine> match_date_line(std::string_view line);

}  // namespace newsidx::parser
