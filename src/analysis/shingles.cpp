#include "analysis/shingles.hpp"

#include <xxhash.h>

#include <algorithm>
#include <array>
#include <cassert>

namespace newsidx::analysis {
namespace {

// Fixed seeds: changing any of them changes every signature, and signatures
// stored by an older version would no longer compare with new ones.
constexpr std::uint64_t kWordSeed = 0x6e657773'69647831;         // "newsidx1"
constexpr std::uint64_t kShingleSeed = 0x7368696e'676c6531;      // "shingle1"
constexpr std::uint64_t kPermutationSeed = 0x6d696e68'61736831;  // "minhash1"

/// SplitMix64 (Steele, Lea, Flood 2014): a well-mixed sequence from one seed.
constexpr std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

/// The odd multipliers of the MinHash permutations, made at compile time.
constexpr std::array<std::uint64_t, kMaxMinHashValues> make_multipliers() {
  std::array<std::uint64_t, kMaxMinHashValues> out{};
  std::uint64_t state = kPermutationSeed;
  for (std::uint64_t& m : out) m = splitmix64(state) | 1u;
  return out;
}

constexpr std::array<std::uint64_t, kMaxMinHashValues> kMultipliers = make_multipliers();

/// Writes `value` at `out` in little-endian order, whatever the machine's.
void put_le64(std::uint64_t value, unsigned char* out) {
  for (int i = 0; i < 8; ++i) out[i] = static_cast<unsigned char>(value >> (8 * i));
}

}  // namespace

std::uint64_t word_hash(std::string_view word) {
  return XXH3_64bits_withSeed(word.data(), word.size(), kWordSeed);
}

ShingleHasher::ShingleHasher(std::size_t words_per_shingle) : size_(words_per_shingle) {
  assert(size_ >= 1 && size_ <= kMaxShingleWords);
}

bool ShingleHasher::add(std::string_view word, std::uint64_t& shingle) {
  ring_[words_ % size_] = word_hash(word);
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
  // The last `count` words' hashes, oldest first, as little-endian bytes.
  std::array<unsigned char, 8 * kMaxShingleWords> bytes{};
  for (std::size_t i = 0; i < count; ++i) {
    put_le64(ring_[(words_ - count + i) % size_], bytes.data() + 8 * i);
  }
  return XXH3_64bits_withSeed(bytes.data(), 8 * count, kShingleSeed);
}

void min_hash_update(std::uint64_t shingle, std::span<std::uint32_t> mins) {
  assert(mins.size() <= kMaxMinHashValues);
  for (std::size_t i = 0; i < mins.size(); ++i) {
    const auto value = static_cast<std::uint32_t>((shingle * kMultipliers[i]) >> 32);
    mins[i] = std::min(mins[i], value);
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
