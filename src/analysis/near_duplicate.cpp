#include "newsidx/near_duplicate.hpp"

#include <xxhash.h>

#include <algorithm>
#include <limits>

#include "analysis/shingles.hpp"
#include "newsidx/analyzer.hpp"

namespace newsidx {

std::string NearDuplicateSignature::to_bytes() const {
  std::string out(kBytes, '\0');
  for (int i = 0; i < 4; ++i) out[i] = static_cast<char>(shingles >> (8 * i));
  for (std::size_t i = 0; i < kSignatureValues; ++i) {
    out[4 + 2 * i] = static_cast<char>(values[i] & 0xFF);
    out[4 + 2 * i + 1] = static_cast<char>(values[i] >> 8);
  }
  return out;
}

std::optional<NearDuplicateSignature> NearDuplicateSignature::from_bytes(std::string_view bytes) {
  if (bytes.size() != kBytes) return std::nullopt;
  const auto byte = [&](std::size_t i) -> std::uint32_t {
    return static_cast<unsigned char>(bytes[i]);
  };
  NearDuplicateSignature s;
  s.shingles = byte(0) | byte(1) << 8 | byte(2) << 16 | byte(3) << 24;
  for (std::size_t i = 0; i < kSignatureValues; ++i) {
    s.values[i] = static_cast<std::uint16_t>(byte(4 + 2 * i) | byte(4 + 2 * i + 1) << 8);
  }
  return s;
}

struct SignatureBuilder::State {
  analysis::ShingleHasher hasher{kShingleWords};
  std::uint64_t shingles = 0;
  std::array<std::uint32_t, kSignatureValues> mins;

  State() { mins.fill(analysis::kEmptyBin); }
};

SignatureBuilder::SignatureBuilder() : state_(std::make_unique<State>()) {}
SignatureBuilder::~SignatureBuilder() = default;
SignatureBuilder::SignatureBuilder(SignatureBuilder&&) noexcept = default;
SignatureBuilder& SignatureBuilder::operator=(SignatureBuilder&&) noexcept = default;

void SignatureBuilder::add(std::string_view folded) {
  State& s = *state_;
  std::uint64_t shingle = 0;
  if (s.hasher.add(folded, shingle)) {
    analysis::one_permutation_update(shingle, s.mins);
    ++s.shingles;
  }
}

NearDuplicateSignature SignatureBuilder::finish() {
  State& s = *state_;
  std::uint64_t shingle = 0;
  if (s.hasher.finish(shingle)) {
    analysis::one_permutation_update(shingle, s.mins);
    ++s.shingles;
  }
  NearDuplicateSignature out;
  out.shingles = static_cast<std::uint32_t>(
      std::min<std::uint64_t>(s.shingles, std::numeric_limits<std::uint32_t>::max()));
  if (!out.empty()) {
    analysis::densify(s.mins);
    for (std::size_t i = 0; i < kSignatureValues; ++i) {
      out.values[i] = analysis::stored_value(s.mins[i]);
    }
  }
  *state_ = State();
  return out;
}

NearDuplicateSignature near_duplicate_signature(Analyzer& analyzer, std::string_view text) {
  SignatureBuilder builder;
  analyzer.start(text);
  Token token;
  while (analyzer.next(token)) builder.add(token.folded);
  return builder.finish();
}

double resemblance(const NearDuplicateSignature& a, const NearDuplicateSignature& b) {
  if (a.empty() || b.empty()) return 0.0;
  std::size_t equal = 0;
  for (std::size_t i = 0; i < kSignatureValues; ++i) equal += a.values[i] == b.values[i] ? 1 : 0;
  return static_cast<double>(equal) / static_cast<double>(kSignatureValues);
}

bool near_duplicates(const NearDuplicateSignature& a, const NearDuplicateSignature& b) {
  return resemblance(a, b) >= kNearDuplicateThreshold;
}

std::vector<std::uint64_t> lsh_keys(const NearDuplicateSignature& signature) {
  std::vector<std::uint64_t> keys;
  if (signature.empty()) return keys;
  keys.reserve(kLshBands);
  for (std::size_t band = 0; band < kLshBands; ++band) {
    unsigned char bytes[2 * kLshRows];
    for (std::size_t row = 0; row < kLshRows; ++row) {
      const std::uint16_t v = signature.values[band * kLshRows + row];
      bytes[2 * row] = static_cast<unsigned char>(v & 0xFF);
      bytes[2 * row + 1] = static_cast<unsigned char>(v >> 8);
    }
    keys.push_back(XXH3_64bits_withSeed(bytes, sizeof bytes, band));
  }
  return keys;
}

}  // namespace newsidx
