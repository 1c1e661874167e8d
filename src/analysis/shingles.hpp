// The pieces of a near-duplicate signature (near_duplicate.hpp), private to
// the analysis layer and open to the benchmark, which tries other shingle
// sizes and signature lengths with them: word shingles hashed with XXH3, and
// the MinHash permutations.
//
// Hashes are computed from bytes written in a fixed (little-endian) order and
// fixed seeds, so they are the same on every run and every machine.
// ShingleHasher is a value type; min_hash_update() is a stateless function.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace newsidx::analysis {

/// The 64-bit hash of one word (XXH3-64 with a fixed seed).
[[nodiscard]] std::uint64_t word_hash(std::string_view word);

/// Hashes the shingles (runs of `words_per_shingle` consecutive words) of a
/// stream of words: `a b c d e` with 4 words per shingle gives the shingles
/// `a b c d` and `b c d e`. A shingle's hash is XXH3-64 of its words' hashes.
class ShingleHasher {
 public:
  /// REQUIRES: 1 <= words_per_shingle <= kMaxShingleWords.
  explicit ShingleHasher(std::size_t words_per_shingle);

  static constexpr std::size_t kMaxShingleWords = 8;

  /// Adds the next word; returns true and sets `shingle` when it completes a
  /// shingle (from the `words_per_shingle`-th word on).
  bool add(std::string_view word, std::uint64_t& shingle);
  /// After the last word: a text of fewer words than a shingle still has one
  /// shingle, all its words. Returns true and sets `shingle` in that case
  /// only (and false for a text of no words).
  bool finish(std::uint64_t& shingle) const;
  /// Words added since construction.
  [[nodiscard]] std::size_t words() const { return words_; }

 private:
  [[nodiscard]] std::uint64_t hash_last(std::size_t count) const;

  std::size_t size_;
  std::size_t words_ = 0;
  std::uint64_t ring_[kMaxShingleWords] = {};  ///< hashes of the last words
};

/// The number of MinHash permutations min_hash_update() knows: the longest
/// signature it can fill.
inline constexpr std::size_t kMaxMinHashValues = 256;

/// Lowers each `mins[i]` to the value of `shingle` under permutation i (a
/// multiply-shift hash with a fixed odd multiplier, the high 32 bits of the
/// 64-bit product): after every shingle of a text, `mins` is its MinHash
/// signature. A prefix of a longer signature is the shorter signature.
/// REQUIRES: mins.size() <= kMaxMinHashValues.
void min_hash_update(std::uint64_t shingle, std::span<std::uint32_t> mins);

/// A 32-bit minimum as stored: its low 16 bits after a final mix (b-bit
/// MinHash: two different minima give the same stored value with
/// probability 2^-16).
[[nodiscard]] std::uint16_t stored_value(std::uint32_t min);

}  // namespace newsidx::analysis
