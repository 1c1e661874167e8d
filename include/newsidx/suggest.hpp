// Suggestions for mistyped names: the nearest of a set of known words by
// edit distance, as `git` offers "did you mean".
//
// Stateless functions; safe to call from any thread.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace newsidx {

/// The number of single-character insertions, deletions, substitutions and
/// swaps of two neighbours that turn `a` into `b` (optimal string alignment
/// distance), counted in bytes. Time and memory O(|a| * |b|); callers pass
/// short names.
[[nodiscard]] std::size_t edit_distance(std::string_view a, std::string_view b);

/// edit_distance(a, b) when it is at most `limit`, else `limit` + 1; in
/// time O(limit * |a|) for words of up to kBoundedWordBytes bytes (only the
/// band of the programme within `limit` of its diagonal, stopped once a
/// whole row exceeds `limit`), and without allocating: what a pass over a
/// whole vocabulary calls for each word.
[[nodiscard]] std::size_t edit_distance_within(std::string_view a, std::string_view b,
                                               std::size_t limit);
/// The longest words edit_distance_within() bounds; it computes the whole
/// distance of longer ones.
inline constexpr std::size_t kBoundedWordBytes = 63;

/// The candidate nearest to `typed`, when it is near enough to be what was
/// meant: at most 2 edits, and fewer edits than half the length of the
/// candidate (so that `-x` does not suggest `-j`). Ties go to the first
/// candidate. nullopt when none is near.
[[nodiscard]] std::optional<std::string> nearest_name(std::string_view typed,
                                                      const std::vector<std::string>& candidates);

}  // namespace newsidx
