#include "store/key_filter.hpp"

#include <algorithm>

namespace newsidx::store {
namespace {

constexpr std::size_t kBitsPerKey = 8;
constexpr std::size_t kBlockBits = 512;
/// Bits set per key: the best for 8 bits per key is ln 2 × 8 ≈ 5.5.
constexpr int kBitsSet = 6;

}  // namespace

KeyFilter::KeyFilter(std::size_t capacity)
    : blocks_(std::max<std::size_t>(1, (capacity * kBitsPerKey + kBlockBits - 1) / kBlockBits)),
      capacity_(capacity) {}

KeyFilter::Block KeyFilter::mask_of(std::uint64_t key) {
  // The block comes from the key's high half (block_of()); the bits from a
  // multiple of the key by an odd constant (Knuth's 2^64 / φ), whose high
  // bits mix all of the key's: six positions of 9 bits in its top 54.
  std::uint64_t mixed = key * 0x9E3779B97F4A7C15ULL;
  Block mask{};
  for (int i = 0; i < kBitsSet; ++i) {
    const unsigned bit = static_cast<unsigned>(mixed >> 55);  // 0..511
    mask[bit / 64] |= std::uint64_t{1} << (bit % 64);
    mixed <<= 9;
  }
  return mask;
}

std::size_t KeyFilter::block_of(std::uint64_t key) const {
  // The high 32 bits scaled to the number of blocks (Lemire's "fast
  // range"); fewer than 2^32 blocks (256 GiB) are ever made.
  return static_cast<std::size_t>(((key >> 32) * static_cast<std::uint64_t>(blocks_.size())) >> 32);
}

void KeyFilter::add(std::uint64_t key) {
  const Block mask = mask_of(key);
  Block& block = blocks_[block_of(key)];
  for (std::size_t w = 0; w < block.size(); ++w) block[w] |= mask[w];
  ++size_;
}

bool KeyFilter::may_contain(std::uint64_t key) const {
  const Block mask = mask_of(key);
  const Block& block = blocks_[block_of(key)];
  for (std::size_t w = 0; w < block.size(); ++w) {
    if ((block[w] & mask[w]) != mask[w]) return false;
  }
  return true;
}

}  // namespace newsidx::store
