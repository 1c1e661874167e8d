// What the text outputs share: colours, highlighted matches. Private to the
// output layer.
//
// Stateless functions.
#pragma once

#include <fmt/color.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "newsidx/date.hpp"
#include "newsidx/search.hpp"

namespace newsidx::detail {

/// `text` in `style` when `color`, else as it is.
[[nodiscard]] std::string paint(bool color, fmt::text_style style, std::string_view text);

/// A matched word or phrase: bold red with colour, else between brackets.
[[nodiscard]] std::string mark(bool color, std::string_view match);

/// `text` with the byte ranges `ranges` (in order, not overlapping) marked.
/// Ranges past the end of the text are cut to it.
[[nodiscard]] std::string mark_ranges(std::string_view text, const std::vector<TextRange>& ranges,
                                      bool color);

/// "2016-12", or "undated".
[[nodiscard]] std::string date_text(const std::optional<Date>& date);

}  // namespace newsidx::detail
