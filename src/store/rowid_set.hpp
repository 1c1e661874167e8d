// RowidSet: the rowids of a query's matches, to tell them apart while
// walking an index of the articles. Private to the store.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

namespace newsidx::store {

/// A set of rowids as a bitmap over the range they span: one bit per rowid
/// between the smallest and the largest.
class RowidSet {
 public:
  /// The widest range of rowids it holds (16 MiB of bits). Rowids are given
  /// in turn, so a range this wide means over a hundred million articles,
  /// or rowids chosen by hand.
  static constexpr std::uint64_t kMaxSpan = std::uint64_t{1} << 27;

  /// The set of `rowids`; nullopt when there are none or they span
  /// kMaxSpan or more.
  static std::optional<RowidSet> of(const std::vector<std::int64_t>& rowids) {
    if (rowids.empty()) return std::nullopt;
    const auto [low, high] = std::minmax_element(rowids.begin(), rowids.end());
    const std::uint64_t span = static_cast<std::uint64_t>(*high) - static_cast<std::uint64_t>(*low);
    if (span >= kMaxSpan) return std::nullopt;
    RowidSet set;
    set.first_ = *low;
    set.bits_.assign(span + 1, false);
    for (const std::int64_t rowid : rowids) set.bits_[set.offset(rowid)] = true;
    return set;
  }

  [[nodiscard]] bool contains(std::int64_t rowid) const {
    return rowid >= first_ && offset(rowid) < bits_.size() && bits_[offset(rowid)];
  }

 private:
  RowidSet() = default;
  [[nodiscard]] std::size_t offset(std::int64_t rowid) const {
    return static_cast<std::size_t>(static_cast<std::uint64_t>(rowid) -
                                    static_cast<std::uint64_t>(first_));
  }

  std::int64_t first_ = 0;
  std::vector<bool> bits_;
};

}  // namespace newsidx::store
