#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/shingles.hpp"
#include "newsidx/analyzer.hpp"
#include "newsidx/near_duplicate.hpp"

using newsidx::Analyzer;
using newsidx::kLshBands;
using newsidx::kNearDuplicateThreshold;
using newsidx::kSignatureValues;
using newsidx::lsh_keys;
using newsidx::NearDuplicateSignature;
using newsidx::resemblance;
using newsidx::SignatureBuilder;

namespace {

// A dispatch written for these tests, and the copies a paper could make.
constexpr std::string_view kDispatch =
    "Le conseil municipal de Valcourt a voté mardi soir la fermeture de la piscine "
    "intercommunale, faute de crédits pour remettre en état sa toiture.\n\n"
    "La décision a été prise par 19 voix contre 12, après trois heures de débat. "
    "« Nous n’avons pas trouvé d’autre solution », a déclaré le maire, Paul Lemarchand, "
    "à l’issue de la séance.\n\n"
    "Les travaux nécessaires étaient estimés à 2 400 000 euros, soit près du double du "
    "budget annuel consacré aux équipements sportifs de la commune. Une étude de 2019 "
    "avait déjà signalé des infiltrations dans la charpente.\n\n"
    "Les clubs de natation, qui comptent plus de 600 licenciés, devront s’entraîner "
    "dans le bassin de Saint-Aubin, à vingt kilomètres. Leurs responsables ont annoncé "
    "une pétition et un rassemblement devant la mairie samedi matin.\n\n"
    "L’opposition dénonce un « abandon » des quartiers nord et réclame un référendum "
    "local. Le préfet a été saisi d’une demande de médiation.";

/// kDispatch as a paper could run it: one sentence of nine rewritten and a
/// signature line added.
std::string edited_copy() {
  std::string copy(kDispatch);
  constexpr std::string_view kSentence =
      "Une étude de 2019 avait déjà signalé des infiltrations dans la charpente.";
  const std::size_t at = copy.find(kSentence);
  REQUIRE(at != std::string::npos);
  copy.replace(at, kSentence.size(),
               "Dès 2019, un rapport d’experts faisait état de fuites importantes sous le toit.");
  return copy + "\n\nJeanne Martin, avec AFP";
}

/// Another article on the same subject, sharing its names and rare words.
constexpr std::string_view kSameTopic =
    "À Valcourt, la fermeture de la piscine intercommunale continue de diviser. "
    "Samedi matin, près de 400 personnes se sont rassemblées devant la mairie à "
    "l’appel des clubs de natation.\n\n"
    "Paul Lemarchand a reçu une délégation et promis d’étudier une couverture "
    "provisoire du bassin. Le maire reste pourtant ferme sur le fond : la commune ne "
    "peut pas financer seule une toiture neuve.\n\n"
    "Les nageurs de Valcourt se rendent désormais à Saint-Aubin, où les créneaux "
    "manquent. La pétition a réuni 3 000 signatures en une semaine, et l’opposition "
    "maintient sa demande de référendum.";

NearDuplicateSignature signature_of(std::string_view text) {
  Analyzer analyzer;
  return newsidx::near_duplicate_signature(analyzer, text);
}

/// `count` distinct words from `first` on: "mot<first> mot<first+1> …".
std::string numbered_words(int first, int count) {
  std::string out;
  for (int i = first; i < first + count; ++i) out += "mot" + std::to_string(i) + " ";
  return out;
}

std::size_t shared_keys(const NearDuplicateSignature& a, const NearDuplicateSignature& b) {
  const std::vector<std::uint64_t> ka = lsh_keys(a);
  const std::vector<std::uint64_t> kb = lsh_keys(b);
  std::size_t shared = 0;
  for (std::size_t i = 0; i < std::min(ka.size(), kb.size()); ++i) shared += ka[i] == kb[i];
  return shared;
}

}  // namespace

TEST_CASE("identical texts have resemblance 1 and the same signature", "[near_duplicate]") {
  const NearDuplicateSignature a = signature_of(kDispatch);
  const NearDuplicateSignature b = signature_of(std::string(kDispatch));
  CHECK(a == b);
  CHECK(resemblance(a, b) == 1.0);
  CHECK(newsidx::near_duplicates(a, b));
  CHECK(shared_keys(a, b) == kLshBands);
}

TEST_CASE("copies differing in typography only have the same signature", "[near_duplicate]") {
  // What folding makes uniform: apostrophes, quotes, capitals, accents,
  // ligatures and thousands separators.
  const NearDuplicateSignature a =
      signature_of("L’armée a évacué 350 000 civils. « C’est une œuvre immense », dit-il.");
  const NearDuplicateSignature b =
      signature_of("L'ARMEE a evacue 350.000 civils. \"C'est une oeuvre immense\", dit-il.");
  CHECK(a == b);
}

TEST_CASE("a copy with a sentence rewritten and a signature added is a near duplicate",
          "[near_duplicate]") {
  const NearDuplicateSignature original = signature_of(kDispatch);
  const NearDuplicateSignature copy = signature_of(edited_copy());
  CHECK(original != copy);
  CHECK(resemblance(original, copy) >= kNearDuplicateThreshold);
  CHECK(resemblance(original, copy) < 1.0);
  CHECK(newsidx::near_duplicates(original, copy));
  CHECK(shared_keys(original, copy) >= 1);
}

TEST_CASE("an article on the same subject is not a near duplicate", "[near_duplicate]") {
  const NearDuplicateSignature original = signature_of(kDispatch);
  const NearDuplicateSignature other = signature_of(kSameTopic);
  CHECK(resemblance(original, other) < kNearDuplicateThreshold);
  CHECK(resemblance(original, other) < 0.2);
  CHECK_FALSE(newsidx::near_duplicates(original, other));
}

TEST_CASE("resemblance estimates the Jaccard resemblance of the shingle sets", "[near_duplicate]") {
  // 400 distinct words against the same run shifted by 100: 397 shingles of
  // 4 words each, 297 of them shared, so |A ∩ B| / |A ∪ B| = 297 / 497.
  const NearDuplicateSignature a = signature_of(numbered_words(0, 400));
  const NearDuplicateSignature b = signature_of(numbered_words(100, 400));
  CHECK(a.shingles == 397);
  CHECK(resemblance(a, b) == Approx(297.0 / 497.0).margin(0.15));
  const NearDuplicateSignature c = signature_of(numbered_words(1000, 400));
  CHECK(resemblance(a, c) < 0.05);
}

TEST_CASE("shingles are runs of words: the same words in another order differ",
          "[near_duplicate]") {
  const NearDuplicateSignature forward = signature_of(numbered_words(0, 200));
  std::string backward;
  for (int i = 199; i >= 0; --i) backward += "mot" + std::to_string(i) + " ";
  CHECK(resemblance(forward, signature_of(backward)) < 0.05);
}

TEST_CASE("near duplicates share an LSH key, unrelated texts share none", "[near_duplicate]") {
  const NearDuplicateSignature original = signature_of(kDispatch);
  const std::vector<std::uint64_t> keys = lsh_keys(original);
  CHECK(keys.size() == kLshBands);
  CHECK(shared_keys(original, signature_of(edited_copy())) >= 1);
  CHECK(shared_keys(original, signature_of(kSameTopic)) == 0);
  CHECK(shared_keys(original, signature_of(numbered_words(0, 300))) == 0);
  // Keys of different bands are made with different seeds.
  std::vector<std::uint64_t> sorted = keys;
  std::sort(sorted.begin(), sorted.end());
  CHECK(std::adjacent_find(sorted.begin(), sorted.end()) == sorted.end());
}

TEST_CASE("a text without words has an empty signature that resembles nothing",
          "[near_duplicate]") {
  const NearDuplicateSignature empty = signature_of(" … — !? ");
  CHECK(empty.empty());
  CHECK(empty.shingles == 0);
  CHECK(resemblance(empty, empty) == 0.0);
  CHECK(resemblance(empty, signature_of(kDispatch)) == 0.0);
  CHECK(lsh_keys(empty).empty());
}

TEST_CASE("a text shorter than a shingle has one shingle of all its words", "[near_duplicate]") {
  const NearDuplicateSignature short_text = signature_of("Alerte météo");
  CHECK(short_text.shingles == 1);
  CHECK(resemblance(short_text, signature_of("ALERTE MÉTÉO !")) == 1.0);
  CHECK(resemblance(short_text, signature_of("Alerte orange")) < kNearDuplicateThreshold);
}

TEST_CASE("signatures are deterministic: fixed seeds, fixed byte order", "[near_duplicate]") {
  const NearDuplicateSignature a = signature_of(kDispatch);
  // The same text with a builder reused after finish(), word by word.
  SignatureBuilder builder;
  builder.add("sans");
  builder.add("rapport");
  (void)builder.finish();
  Analyzer analyzer;
  analyzer.start(kDispatch);
  newsidx::Token token;
  while (analyzer.next(token)) builder.add(token.folded);
  CHECK(builder.finish() == a);
  // Values computed once: any change of seeds, hashes or byte order (which
  // would make stored signatures incomparable) shows here.
  CHECK(a.shingles == 143);
  CHECK(a.values[0] == 2908);
  CHECK(a.values[1] == 25900);
  CHECK(a.values[127] == 47651);
  CHECK(lsh_keys(a).front() == 0x9f99fe8def2eac5cull);
  CHECK(newsidx::analysis::word_hash("piscine") == 0x687b73e912c740feull);
}

TEST_CASE("empty bins take the value of filled ones, alike for every text", "[near_duplicate]") {
  using newsidx::analysis::densify;
  using newsidx::analysis::kEmptyBin;
  std::vector<std::uint32_t> none(8, kEmptyBin);
  densify(none);
  CHECK(none == std::vector<std::uint32_t>(8, kEmptyBin));

  std::vector<std::uint32_t> one(8, kEmptyBin);
  one[5] = 42;
  densify(one);
  CHECK(one == std::vector<std::uint32_t>(8, 42));

  // Two texts whose filled bins agree fill their empty bins the same way,
  // from those bins only.
  std::vector<std::uint32_t> a(64, kEmptyBin);
  std::vector<std::uint32_t> b(64, kEmptyBin);
  for (std::size_t i = 0; i < 64; i += 5) a[i] = b[i] = static_cast<std::uint32_t>(1000 + i);
  densify(a);
  densify(b);
  CHECK(a == b);
  for (const std::uint32_t v : a) {
    CHECK(v >= 1000);
    CHECK((v - 1000) % 5 == 0);
  }

  // A shingle goes to one bin, which keeps the smallest low half.
  std::vector<std::uint32_t> bins(4, kEmptyBin);
  newsidx::analysis::one_permutation_update(0xC0000000'00000007ull, bins);
  newsidx::analysis::one_permutation_update(0xC0000001'00000003ull, bins);
  newsidx::analysis::one_permutation_update(0xC0000002'00000009ull, bins);
  CHECK(bins == std::vector<std::uint32_t>{kEmptyBin, kEmptyBin, kEmptyBin, 3});
}

TEST_CASE("signature bytes round-trip, little-endian", "[near_duplicate]") {
  const NearDuplicateSignature a = signature_of(kDispatch);
  const std::string bytes = a.to_bytes();
  REQUIRE(bytes.size() == NearDuplicateSignature::kBytes);
  CHECK(bytes.size() == 4 + 2 * kSignatureValues);
  CHECK(static_cast<unsigned char>(bytes[0]) == (a.shingles & 0xFF));
  CHECK(static_cast<unsigned char>(bytes[4]) == (a.values[0] & 0xFF));
  CHECK(static_cast<unsigned char>(bytes[5]) == (a.values[0] >> 8));
  const auto back = NearDuplicateSignature::from_bytes(bytes);
  REQUIRE(back);
  CHECK(*back == a);
  CHECK_FALSE(NearDuplicateSignature::from_bytes(bytes.substr(1)));
  CHECK_FALSE(NearDuplicateSignature::from_bytes(bytes + "x"));
}
