#include "newsidx/suggest.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace newsidx {
namespace {

/// The most edits a suggestion may be away from what was typed: a typo or
/// two (`serch`, `--limt`, `-jobs`), not another word.
constexpr std::size_t kMostEdits = 2;

}  // namespace

std::size_t edit_distance(std::string_view a, std::string_view b) {
  // Three rows of the dynamic programme: two before the current one, for swaps.
  const std::size_t width = b.size() + 1;
  std::vector<std::size_t> before(width), previous(width), current(width);
  for (std::size_t j = 0; j < width; ++j) previous[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    for (std::size_t j = 1; j < width; ++j) {
      const std::size_t substitution = a[i - 1] == b[j - 1] ? 0 : 1;
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + substitution});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        current[j] = std::min(current[j], before[j - 2] + 1);
      }
    }
    std::swap(before, previous);
    std::swap(previous, current);
  }
  return previous[b.size()];
}

std::size_t edit_distance_within(std::string_view a, std::string_view b, std::size_t limit) {
  if (a.size() > b.size()) std::swap(a, b);  // the distance is symmetric
  const std::size_t over = limit + 1;
  if (b.size() - a.size() > limit) return over;
  if (b.size() > kBoundedWordBytes) return std::min(edit_distance(a, b), over);
  // Rows of the programme over b, as in edit_distance(); a cell off the
  // band of row i (columns i - limit to i + limit) is worth `over`: the
  // band's edges are written so, and nothing reads beyond them.
  std::array<std::size_t, kBoundedWordBytes + 1> rows[3];
  std::size_t* before = rows[0].data();
  std::size_t* previous = rows[1].data();
  std::size_t* current = rows[2].data();
  const std::size_t n = b.size();
  for (std::size_t j = 0; j <= n; ++j) previous[j] = std::min(j, over);
  for (std::size_t i = 1; i <= a.size(); ++i) {
    const std::size_t first = i > limit ? i - limit : 1;
    const std::size_t last = std::min(n, i + limit);
    current[first - 1] = first == 1 ? std::min(i, over) : over;
    std::size_t least = current[first - 1];
    for (std::size_t j = first; j <= last; ++j) {
      const std::size_t substitution = a[i - 1] == b[j - 1] ? 0 : 1;
      std::size_t d =
          std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + substitution});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d = std::min(d, before[j - 2] + 1);
      }
      current[j] = std::min(d, over);
      least = std::min(least, current[j]);
    }
    if (last < n) current[last + 1] = over;
    if (least > limit) return over;
    std::swap(before, previous);
    std::swap(previous, current);
  }
  return previous[n];
}

std::optional<std::string> nearest_name(std::string_view typed,
                                        const std::vector<std::string>& candidates) {
  std::optional<std::string> best;
  std::size_t best_distance = kMostEdits + 1;
  for (const std::string& candidate : candidates) {
    const std::size_t d = edit_distance(typed, candidate);
    if (d < best_distance && 2 * d < candidate.size()) {
      best = candidate;
      best_distance = d;
    }
  }
  return best;
}

}  // namespace newsidx
