// Near-duplicate signatures: recognising the copies of one text, such as an
// agency dispatch that several papers ran with small edits (a headline
// changed, a paragraph cut, a signature line added, a few sentences
// rewritten).
//
// A signature is a MinHash of the text's word shingles: the set of runs of
// kShingleWords consecutive words, each word as the analysis folds it
// (`Token::folded`: case, accents, ligatures, elision and thousands
// separators made uniform, not stemmed). Folded forms, not stems: stems
// change with the stemming rules of the analysis (SPEC §4 has had two
// versions), and a signature stored in a database must stay comparable with
// one computed by a later version; copies of one dispatch differ in
// typography (’ or ', « » or ", 350 000 or 350.000, capitals), which folding
// removes, not in inflections, which stemming would (and stems found copies
// no better on orangesum-500). It is a one-permutation MinHash with
// densification: each shingle is hashed once and goes to one of
// kSignatureValues bins, which keep their smallest hash (classic MinHash,
// one hash per shingle and value, found the same copies for 5 times the
// cost).
//
// resemblance() estimates the Jaccard resemblance of two texts' shingle sets
// (|A ∩ B| / |A ∪ B|) as the share of equal signature values (on the edited
// copies of orangesum-500, 0.02 from the exact value on average). Two texts
// are near duplicates when it is at least kNearDuplicateThreshold.
// lsh_keys() gives a few 64-bit keys per signature such that two near
// duplicates share one with high probability (locality-sensitive hashing),
// so that candidates are found by looking keys up in an index rather than by
// comparing every pair; each candidate is then confirmed with resemblance().
// bench/README.md has the measurements behind every constant below
// (bench/near_duplicates.cpp).
//
// Signatures depend only on the words of the text and fixed seeds: the same
// text gives the same signature, bytes and keys on every run and machine.
// Computing one costs about 15 % of the analysis of the text (5 µs for a
// 2 KB article). NearDuplicateSignature is a value type; SignatureBuilder is
// not thread-safe (use one per thread).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace newsidx {

class Analyzer;

/// Words per shingle. On the edited copies of orangesum-500, 3, 4 and 5
/// words find the same share of copies; 4 keeps unrelated articles on one
/// topic further apart than 3.
inline constexpr std::size_t kShingleWords = 4;

/// Values per signature: 2 bytes each. 64 values found as many copies on
/// orangesum-500, with twice the estimation error.
inline constexpr std::size_t kSignatureValues = 128;

/// The resemblance from which two texts are near duplicates. On
/// orangesum-500, 99.8 % of the copies with 10 % of their sentences edited
/// or removed and 97.5 % of all edited copies reach it; unrelated articles
/// on one topic measure at most 0.04, and no pair of its articles with
/// different titles reaches it.
inline constexpr double kNearDuplicateThreshold = 0.4;

/// LSH: keys per signature, each made of kLshRows signature values. Two
/// texts of resemblance s share a key with probability 1 - (1 - s^2)^16:
/// 0.94 at the threshold 0.4, 0.99 at 0.5, 0.99998 at 0.7, 0.0016 at 0.01.
inline constexpr std::size_t kLshBands = 16;
inline constexpr std::size_t kLshRows = 2;
static_assert(kLshBands * kLshRows <= kSignatureValues);

/// The MinHash signature of one text.
struct NearDuplicateSignature {
  /// Size of to_bytes(): the shingle count (4 bytes) then each value (2
  /// bytes), little-endian.
  static constexpr std::size_t kBytes = 4 + 2 * kSignatureValues;

  /// Shingles in the text, repeats included (capped at 2^32 - 1); 0 for a
  /// text without words.
  std::uint32_t shingles = 0;
  /// For each of the kSignatureValues bins, the low 16 bits of the (mixed)
  /// smallest hash of the shingles that went to it, or to the bin an empty
  /// one takes its value from (b-bit MinHash: two different minima give the
  /// same value with probability 2^-16).
  std::array<std::uint16_t, kSignatureValues> values{};

  /// True for a text without words: it resembles nothing, has no LSH keys.
  [[nodiscard]] bool empty() const { return shingles == 0; }

  /// The signature as kBytes bytes (for a database BLOB).
  [[nodiscard]] std::string to_bytes() const;
  /// Reads what to_bytes() wrote; nullopt when `bytes` is not kBytes long.
  [[nodiscard]] static std::optional<NearDuplicateSignature> from_bytes(std::string_view bytes);

  friend bool operator==(const NearDuplicateSignature&, const NearDuplicateSignature&) = default;
};

/// Builds a signature from the folded words of a text, one at a time: for a
/// caller that already analyses the text (the index tokens), so that the
/// text is analysed once.
/// Movable (a moved-from builder may only be destroyed or assigned to), not
/// copyable.
class SignatureBuilder {
 public:
  SignatureBuilder();
  ~SignatureBuilder();
  SignatureBuilder(SignatureBuilder&&) noexcept;
  SignatureBuilder& operator=(SignatureBuilder&&) noexcept;
  SignatureBuilder(const SignatureBuilder&) = delete;
  SignatureBuilder& operator=(const SignatureBuilder&) = delete;

  /// Adds the next word of the text: its folded form (Token::folded).
  void add(std::string_view folded);
  /// The signature of the words added since construction or the last
  /// finish(), and starts afresh.
  [[nodiscard]] NearDuplicateSignature finish();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

/// The signature of `text` (an article's body, Article::body(); the title is
/// left out, as copies often have their own headline), analysed with
/// `analyzer`. Throws like Analyzer::next().
[[nodiscard]] NearDuplicateSignature near_duplicate_signature(Analyzer& analyzer,
                                                              std::string_view text);

/// The estimated resemblance of the texts of `a` and `b`, in [0, 1]: the
/// share of equal values. 1 for the same non-empty text; 0 when either is
/// empty.
[[nodiscard]] double resemblance(const NearDuplicateSignature& a, const NearDuplicateSignature& b);

/// resemblance(a, b) >= kNearDuplicateThreshold.
[[nodiscard]] bool near_duplicates(const NearDuplicateSignature& a,
                                   const NearDuplicateSignature& b);

/// The kLshBands keys of `signature` (none when it is empty): key i hashes
/// values [i * kLshRows, (i + 1) * kLshRows) with i as seed, so the keys of
/// different bands are unrelated and one index of all keys serves. Two
/// signatures share key i exactly when their values of band i are equal
/// (but for a 2^-64 chance).
[[nodiscard]] std::vector<std::uint64_t> lsh_keys(const NearDuplicateSignature& signature);

}  // namespace newsidx
