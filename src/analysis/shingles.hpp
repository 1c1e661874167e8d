// The pieces of a near-duplicate signature (near_duplicate.hpp), private to
// the analysis layer and open to the benchmark, which tries other shingle
// sizes and signature lengths with them: word shingles hashed with XXH3, and
// one-permutation MinHash.
//
// Hashes are computed with fixed seeds, from words' bytes (XXH3) and 64-bit
// arithmetic, so they are the same on every run and every machine.
// ShingleHasher is a value type; the other functions are stateless.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

namespace newsidx::analysis {

/// The 64-bit hash of one word (XXH3-64 with a fixed seed).
[[nodiscard]] std::uint64_t word_hash(std::string_view word);

/// Hashes the shingles (runs of `words_per_shingle` consecutive words) of a
/// stream of words: `a b c d e` with 4 words per shingle gives the shingles
/// `a b c d` and `b c d e`. A shingle's hash mixes its words' hashes in
/// order (a polynomial, then SplitMix64's finalizer).
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
  std::size_t next_ = 0;                       ///< where the next word's hash goes
  std::uint64_t ring_[kMaxShingleWords] = {};  ///< hashes of the last words
};

/// The value of a bin no shingle went to.
inline constexpr std::uint32_t kEmptyBin = 0xFFFFFFFF;

/// One-permutation MinHash (Li, Owen and Zhang, 2012): `shingle` goes to one
/// of the mins.size() bins (chosen by its high 32 bits), which keeps the
/// smallest low 32 bits of the shingles it got. One update per shingle,
/// where classic MinHash makes one per shingle and value. REQUIRES: every
/// bin starts as kEmptyBin.
void one_permutation_update(std::uint64_t shingle, std::span<std::uint32_t> mins);

/// Fills the empty bins after the last update (optimal densification,
/// Shrivastava 2017): an empty bin takes the value of the first non-empty bin
/// that a fixed sequence of hashes of its number picks, so that two texts
/// fill their empty bins alike and the share of equal bins still estimates
/// the resemblance. Leaves `mins` as it is when every bin is empty.
void densify(std::span<std::uint32_t> mins);

/// A 32-bit minimum as stored: its low 16 bits after a final mix (b-bit
/// MinHash: two different minima give the same stored value with
/// probability 2^-16).
[[nodiscard]] std::uint16_t stored_value(std::uint32_t min);

}  // namespace newsidx::analysis
