// The fields of a manifest row: which field a column or key names (the
// column mapping), the values of a row by field, and how a value is checked
// and normalized. Private to the parser.
//
// Stateless functions; safe from any thread.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace newsidx::parser {

/// The fields a manifest row may give.
enum class Field : std::size_t { kFile, kTitle, kAuthor, kSource, kUrl, kDate };
inline constexpr std::size_t kFieldCount = 6;

/// The names of the file column, for the message that says it is missing.
inline constexpr std::string_view kFileColumns = "file, path, filename or fichier";

/// The values of one row, by field, as written.
using RowValues = std::array<std::optional<std::string>, kFieldCount>;

/// The field a column or key names (any case, surrounding spaces ignored).
[[nodiscard]] std::optional<Field> field_named(std::string_view name);

/// The warning for two columns or keys naming one field.
[[nodiscard]] std::string same_field(std::string_view what, std::string_view first,
                                     std::string_view second);

/// True when `s` is valid UTF-8.
[[nodiscard]] bool valid_utf8(std::string_view s);

/// A value as stored: like an article's header line (control characters
/// removed, line breaks made spaces, NFC, white space collapsed and
/// trimmed), or nullopt when nothing is left. REQUIRES: valid UTF-8.
[[nodiscard]] std::optional<std::string> normalized(std::string_view raw);

}  // namespace newsidx::parser
