// The shape of an article's prose (SPEC §1.1, §1.3): what makes a one-line
// paragraph a heading, where the first sentence ends and the title derived
// from it, and how words are counted. Private to the parser.
//
// Stateless functions; safe from any thread.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace newsidx::parser {

/// SPEC §1.1: a heading is at most 120 code points long.
inline constexpr std::size_t kMaxHeadingLength = 120;
/// SPEC §1.3: a derived title is at most 100 code points long, `…` included.
inline constexpr std::size_t kMaxTitleLength = 100;

/// True when the one-line paragraph `text` may be a heading: at most
/// kMaxHeadingLength code points, starting with an upper-case letter or a
/// digit, without the final punctuation of a sentence (the caller checks
/// that another paragraph follows).
[[nodiscard]] bool looks_like_heading(std::string_view text);

/// The title derived from the first paragraph: its first sentence (with its
/// final punctuation, after a short rubric such as `VIDÉO.`), cut at a word
/// boundary to at most kMaxTitleLength code points, `…` included.
[[nodiscard]] std::string derive_title(std::string_view first_block);

/// White-space-separated tokens of `text` holding at least one letter or digit.
[[nodiscard]] std::size_t count_words(std::string_view text);

}  // namespace newsidx::parser
