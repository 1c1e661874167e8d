// A set of 64-bit keys that answers "no" or "maybe": a Bloom filter whose
// bits for a key all lie in one block of 64 bytes, one cache line (Putze,
// Sanders and Singler, "Cache-, hash- and space-efficient Bloom filters",
// 2007). Private to the store.
//
// The keys must be uniform already (the LSH keys are XXH3 digests): their
// bits choose the block and the bits in it, with no hashing of their own.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace newsidx::store {

/// Keys it was given always get "maybe"; others get "no" but for about
/// 2.5 % of them while it holds at most its capacity (8 bits per key).
class KeyFilter {
 public:
  /// An empty filter sized for `capacity` keys (at least one block).
  explicit KeyFilter(std::size_t capacity);

  void add(std::uint64_t key);
  /// False when `key` was never added; true when it was, and for a few
  /// keys that were not.
  [[nodiscard]] bool may_contain(std::uint64_t key) const;

  /// Keys added (each time it was added).
  [[nodiscard]] std::size_t size() const { return size_; }
  /// Whether it holds its capacity: more keys would make "maybe" likelier.
  [[nodiscard]] bool full() const { return size_ >= capacity_; }

 private:
  using Block = std::array<std::uint64_t, 8>;  // 512 bits
  /// The bits of `key` in its block, as one mask per 64-bit word.
  [[nodiscard]] static Block mask_of(std::uint64_t key);
  /// The index of the block of `key`.
  [[nodiscard]] std::size_t block_of(std::uint64_t key) const;

  std::vector<Block> blocks_;
  std::size_t capacity_;
  std::size_t size_ = 0;
};

}  // namespace newsidx::store
