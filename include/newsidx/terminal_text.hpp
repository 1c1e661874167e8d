// Text on a terminal of a given width: how many columns and rows a text
// takes, cutting a line with `…`, wrapping words. A column is one code
// point (French text has no double-width characters); an ANSI escape
// sequence (ESC [ … letter: colours) takes none.
//
// Stateless functions.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace newsidx {

/// What ends a text that was cut.
inline constexpr std::string_view kEllipsis = "…";

/// The columns `text` takes on one line.
[[nodiscard]] std::size_t display_width(std::string_view text);

/// `text` (one line, no escape sequences) in at most `columns` columns: as
/// it is when it fits, else its start and `…`. columns 0 means no limit.
[[nodiscard]] std::string fit_width(std::string_view text, std::size_t columns);

/// The rows `text` takes on a terminal `columns` wide (> 0): each line (up
/// to '\n') at least one, a longer line as many as it wraps to.
[[nodiscard]] std::size_t display_rows(std::string_view text, std::size_t columns);

/// `text` (one paragraph, no escape sequences) broken into lines of at most
/// `columns` columns at spaces, joined by '\n'; a word longer than a line
/// stands alone on its line. columns 0 means no limit (the text as is).
[[nodiscard]] std::string wrap_words(std::string_view text, std::size_t columns);

}  // namespace newsidx
