// The text a hit shows: its snippet as plain text with the positions of the
// matched words, from what newsidx_snippet() returns (see snippet.hpp), or
// the start of the article for a search without words. Private to the store.
//
// Stateless functions.
#pragma once

#include <cstddef>
#include <string_view>

#include "newsidx/search.hpp"

namespace newsidx::store {

/// Tokens in the window newsidx_snippet() cuts around the matches: about a
/// line of text on a terminal.
inline constexpr int kSnippetTokens = 24;
/// Code points of the excerpt shown for a hit without matched words (a
/// date-only listing): about as long as a snippet.
inline constexpr std::size_t kExcerptCodePoints = 160;
/// What newsidx_snippet() puts around matched words; control characters that
/// no stored text holds (normalization removes them). take_matches() strips them.
inline constexpr char kMatchOpen = '\x01';
inline constexpr char kMatchClose = '\x02';
/// What newsidx_snippet() puts where it cuts the text.
inline constexpr const char* kEllipsis = "…";

/// Sets hit.snippet to `marked` without the match markers, and hit.matches
/// to where they were, in code points. Paragraph breaks become one space: a
/// snippet is one line.
void take_matches(std::string_view marked, Hit& hit);

/// The start of `text` (its first block), cut at a word boundary near
/// kExcerptCodePoints code points, with `…` when cut.
[[nodiscard]] std::string excerpt(std::string_view text);

}  // namespace newsidx::store
