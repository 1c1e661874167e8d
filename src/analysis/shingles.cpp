#include "analysis/shingles.hpp"

// XXH3 compiled here, inline: most words are short, and for them the call
// into libxxhash costs more than the hash (the same function, the same
// values).
#define XXH_INLINE_ALL
#include <xxhash.h>

#include <algorithm>
#include <cassert>
#include <vector>

namespace newsidx::analysis {
namespace {

// Fixed seeds: changing any of them changes every signature, and signatures
// stored by an older version would no longer compare with new ones.
constexpr std::uint64_t kWordSeed = 0x6e657773'69647831;     // "newsidx1"
constexpr std::uint64_t kShingleSeed = 0x7368696e'676c6531;  // "shingle1"
/// An odd 64-bit constant (the golden ratio's, as in SplitMix64).
constexpr std::uint64_t kShingleBase = 0x9e3779b97f4a7c15ull;
constexpr std::uint64_t kDensifySeed = 0x64656e73'69667931;  // "densify1"

/// The finalizer of SplitMix64 (Steele, Lea and Flood, 2014): every input
/// bit reaches every output bit.
constexpr std::uint64_t mix64(std::uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

/// `value` * n / 2^32: a number in [0, n), without a division.
std::size_t scale(std::uint32_t value, std::size_t n) {
  return static_cast<std::size_t>((static_cast<std::uint64_t>(value) * n) >> 32);
}

}  // namespace

std::uint64_t word_hash(std::string_view word) {
  return XXH3_64bits_withSeed(word.data(), word.size(), kWordSeed);
}

ShingleHasher::ShingleHasher(std::size_t words_per_shingle) : size_(words_per_shingle) {
  assert(size_ >= 1 && size_ <= kMaxShingleWords);
}

bool ShingleHasher::add(std::string_view word, std::uint64_t& shingle) {
  ring_[next_] = word_hash(word);
  next_ = next_ + 1 == size_ ? 0 : next_ + 1;
  ++words_;
  if (words_ < size_) return false;
  shingle = hash_last(size_);
  return true;
}

bool ShingleHasher::finish(std::uint64_t& shingle) const {
  if (words_ == 0 || words_ >= size_) return false;
  shingle = hash_last(words_);
  return true;
}

std::uint64_t ShingleHasher::hash_last(std::size_t count) const {
  // The last `count` words' hashes, oldest first, as the digits of a number
  // in base kShingleBase (mod 2^64), then mixed: any change of a word or of
  // the order changes the shingle.
  std::uint64_t h = kShingleSeed;
  std::size_t at = next_ >= count ? next_ - count : next_ + size_ - count;
  for (std::size_t i = 0; i < count; ++i) {
    h = h * kShingleBase + ring_[at];
    at = at + 1 == size_ ? 0 : at + 1;
  }
  return mix64(h);
}

void one_permutation_update(std::uint64_t shingle, std::span<std::uint32_t> mins) {
  std::uint32_t& bin = mins[scale(static_cast<std::uint32_t>(shingle >> 32), mins.size())];
  bin = std::min(bin, static_cast<std::uint32_t>(shingle));
}

void densify(std::span<std::uint32_t> mins) {
  const std::vector<std::uint32_t> filled(mins.begin(), mins.end());
  if (std::all_of(filled.begin(), filled.end(), [](std::uint32_t v) { return v == kEmptyBin; })) {
    return;
  }
  for (std::size_t i = 0; i < mins.size(); ++i) {
    if (filled[i] != kEmptyBin) continue;
    for (std::uint64_t attempt = 0;; ++attempt) {
      const std::uint64_t h = mix64(kDensifySeed ^ (static_cast<std::uint64_t>(i) << 32) ^ attempt);
      const std::uint32_t source = filled[scale(static_cast<std::uint32_t>(h), mins.size())];
      if (source != kEmptyBin) {
        mins[i] = source;
        break;
      }
    }
  }
}

std::uint16_t stored_value(std::uint32_t min) {
  // MurmurHash3's fmix32: every bit of `min` reaches the low 16 bits kept.
  min ^= min >> 16;
  min *= 0x85ebca6bu;
  min ^= min >> 13;
  min *= 0xc2b2ae35u;
  min ^= min >> 16;
  return static_cast<std::uint16_t>(min);
}

}  // namespace newsidx::analysis
