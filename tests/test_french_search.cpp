// The French analysis as users meet it (SPEC §4 and its examples): small
// articles written for the test are ingested into a Store, then searched as a
// user types the query; each example names what must be found and what not.
#include <catch2/catch.hpp>
#include <cstdint>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "newsidx/indexer.hpp"
#include "newsidx/search.hpp"
#include "newsidx/search_request.hpp"
#include "newsidx/store.hpp"
#include "support.hpp"

namespace {

namespace fs = std::filesystem;
using StringSet = std::set<std::string>;

/// One article per text, each in its own dated file.
const std::vector<std::string> kTexts = {
    "L’armée avance.",
    "l'armée recule.",
    "L'ARMEE se replie.",
    "Des bombardements nocturnes.",
    "Le village bombardé.",
    "Un Bombardier canadien.",
    "La reprise d’Alep.",
    "Alep, reprise en main.",
    "Alep-Est encerclé.",
    "Alep Est sous les obus.",
    "Aujourd’hui encore.",
    "Dîner à l’Élysée.",
    "Une Œuvre majeure.",
    "Cette oeuvre oubliée.",
    "350 000 manifestants.",
    "350.000 personnes.",
    "350\u00A0000 euros.",
    "350\u202F000 habitants.",
    "Des Manifestations monstres.",
    "Une manifestation calme.",
    "Un réfugié afghan.",
    "Une réfugiée syrienne.",
    "Les réfugiés du camp.",
    "Des réfugiées kurdes.",
    "Le refuge du col.",
    "Deux refuges fermés.",
    "Le ministre a déclaré forfait.",
    "La guerre est déclarée.",
    "Les biens déclarés.",
    "Un soldat blessé.",
    "Deux passants blessés.",
    "Une femme blessée.",
    "La dernière étape.",
    "Le dernier mot.",
    "La prison de Fresnes.",
    "Les prisons françaises.",
    "L’hôpital Necker.",
    "Les hôpitaux publics.",
};

/// A Store holding one article per text, each in its own dated file,
/// searched as a user would.
class Archive {
 public:
  explicit Archive(const std::vector<std::string>& texts)
      : store_(dir_.path() / "test.db", newsidx::Store::Access::kReadWrite) {
    for (std::size_t i = 0; i < texts.size(); ++i) {
      const std::string name = std::to_string(i) + ".txt";
      newsidx::test::write_file(dir_.path() / "articles" / name,
                                "date 2020-01-01 " + texts[i] + "\n");
      text_of_[name] = texts[i];
    }
    newsidx::IngestObserver quiet;
    const newsidx::IngestSummary summary =
        newsidx::ingest(store_, {dir_.path() / "articles"}, newsidx::IngestOptions{}, quiet);
    REQUIRE(summary.added == static_cast<std::int64_t>(texts.size()));
  }

  /// The texts that `query` finds, best first.
  [[nodiscard]] std::vector<std::string> ranked(std::string_view query) const {
    newsidx::SearchRequest r =
        newsidx::make_search_request(query, std::nullopt, std::nullopt, false);
    r.limit = -1;
    std::vector<std::string> out;
    for (const newsidx::Hit& hit : store_.search(r)) {
      out.push_back(text_of_.at(fs::path(hit.path).filename().string()));
    }
    return out;
  }

  /// The texts that `query` finds.
  [[nodiscard]] StringSet found(std::string_view query) const {
    const std::vector<std::string> hits = ranked(query);
    return StringSet(hits.begin(), hits.end());
  }

 private:
  newsidx::test::TempDir dir_;
  newsidx::Store store_;
  std::map<std::string, std::string> text_of_;
};

const Archive& archive() {
  static const Archive a(kTexts);
  return a;
}

/// Every query of `queries` finds exactly `expected`.
void check_found(const std::vector<std::string>& queries, const StringSet& expected) {
  for (const std::string& query : queries) {
    INFO("query: " << query);
    CHECK(archive().found(query) == expected);
  }
}

}  // namespace

TEST_CASE("SPEC §4: armee, ARMÉE, armée find L’armée, l'armée, L'ARMEE", "[analysis]") {
  check_found({"armee", "ARMÉE", "armée"},
              {"L’armée avance.", "l'armée recule.", "L'ARMEE se replie."});
}

TEST_CASE("SPEC §4: bombardement finds bombardements and bombardé", "[analysis]") {
  check_found({"bombardement"}, {"Des bombardements nocturnes.", "Le village bombardé."});
}

TEST_CASE("SPEC §4: the phrase \"reprise d'Alep\" finds reprise d’Alep", "[analysis]") {
  check_found({"\"reprise d'Alep\""}, {"La reprise d’Alep."});
}

TEST_CASE("SPEC §4: Alep-Est finds Alep-Est and Alep Est", "[analysis]") {
  check_found({"Alep-Est", "\"Alep Est\""}, {"Alep-Est encerclé.", "Alep Est sous les obus."});
}

TEST_CASE("SPEC §4: aujourd'hui finds aujourd’hui", "[analysis]") {
  check_found({"aujourd'hui", "aujourd’hui"}, {"Aujourd’hui encore."});
}

TEST_CASE("SPEC §4 and issue 13: elysee and l'elysee find l’Élysée", "[analysis]") {
  check_found({"elysee", "l'elysee", "l’elysee", "Élysée", "=elysee"}, {"Dîner à l’Élysée."});
}

TEST_CASE("SPEC §4: oeuvre and œuvre find Œuvre and oeuvre", "[analysis]") {
  check_found({"oeuvre", "œuvre", "Œuvre"}, {"Une Œuvre majeure.", "Cette oeuvre oubliée."});
}

TEST_CASE("SPEC §4: 350000 finds 350 000 with any thousands separator", "[analysis]") {
  check_found({"350000", "350\u00A0000", "\"350 000\""},
              {"350 000 manifestants.", "350.000 personnes.", "350\u00A0000 euros.",
               "350\u202F000 habitants."});
}

TEST_CASE("SPEC §4: bombard* finds bombardements and Bombardier", "[analysis]") {
  check_found({"bombard*", "Bombard*", "=bombard*"},
              {"Des bombardements nocturnes.", "Le village bombardé.", "Un Bombardier canadien."});
  check_found({"bombardi*"}, {"Un Bombardier canadien."});
}

TEST_CASE("SPEC §4: manifestati* (longer than the stem) finds manifestations", "[analysis]") {
  check_found({"manifestati*"}, {"Des Manifestations monstres.", "Une manifestation calme."});
  check_found({"manifestations*"}, {"Des Manifestations monstres."});
}

TEST_CASE("SPEC §4: =manifestations finds Manifestations, not manifestation", "[analysis]") {
  check_found({"=manifestations", "=Manifestations"}, {"Des Manifestations monstres."});
  check_found({"manifestations"}, {"Des Manifestations monstres.", "Une manifestation calme.",
                                   "350 000 manifestants."});
}

TEST_CASE("SPEC §4 and issue 13: réfugiés, réfugiée find réfugié(e)(s), not refuge(s)",
          "[analysis]") {
  check_found({"réfugiés", "réfugiée", "réfugié", "Réfugiées"},
              {"Un réfugié afghan.", "Une réfugiée syrienne.", "Les réfugiés du camp.",
               "Des réfugiées kurdes."});
  // Typed without accents, a word also meets the words it would be without
  // theirs: `refuge` finds the refuges and, through `refug`, some refugees.
  const StringSet refuge = archive().found("refuge");
  CHECK(refuge.count("Le refuge du col.") == 1);
  CHECK(refuge.count("Deux refuges fermés.") == 1);
}

TEST_CASE("issue 13: refugies, typed without accents, finds réfugiés", "[analysis]") {
  const StringSet found = archive().found("refugies");
  CHECK(found.count("Les réfugiés du camp.") == 1);
  CHECK(found.count("Un réfugié afghan.") == 1);
}

TEST_CASE("SPEC §4 and issue 13: déclarée, déclaré find déclaré, déclarée, déclarés",
          "[analysis]") {
  check_found({"déclarée", "déclaré", "déclarés", "declaree", "declare"},
              {"Le ministre a déclaré forfait.", "La guerre est déclarée.", "Les biens déclarés."});
}

TEST_CASE("SPEC §4 and issue 13: blessée finds blessé, blessés, blessée", "[analysis]") {
  check_found({"blessée", "blessé", "blessees"},
              {"Un soldat blessé.", "Deux passants blessés.", "Une femme blessée."});
}

TEST_CASE("SPEC §4 and issue 13: dernière and dernier find each other", "[analysis]") {
  check_found({"dernière", "dernier", "derniere"}, {"La dernière étape.", "Le dernier mot."});
}

TEST_CASE("SPEC §4 and issue 13: =prison finds prison, not prisons", "[analysis]") {
  check_found({"=prison"}, {"La prison de Fresnes."});
  check_found({"=prisons"}, {"Les prisons françaises."});
  check_found({"prison", "prisons"}, {"La prison de Fresnes.", "Les prisons françaises."});
}

TEST_CASE("SPEC §4 and issue 13: hopital* finds hôpital, not hôpitaux", "[analysis]") {
  check_found({"hopital*", "hôpital*", "=hopital*"}, {"L’hôpital Necker."});
  check_found({"hopita*"}, {"L’hôpital Necker.", "Les hôpitaux publics."});
  check_found({"hopital", "hôpitaux"}, {"L’hôpital Necker.", "Les hôpitaux publics."});
}

TEST_CASE("a word found as typed ranks above one found only through its stem", "[analysis]") {
  // `annonces` twice through its stem only (annonce, annoncé) against once as typed.
  std::vector<std::string> texts = {"Le maire annonce qu’il a annoncé sa démission.",
                                    "Les annonces du maire sont parues."};
  texts.insert(texts.end(), kTexts.begin(), kTexts.end());  // for document frequencies
  const Archive a(texts);
  const std::vector<std::string> hits = a.ranked("annonces");
  REQUIRE(hits.size() == 2);
  CHECK(hits[0] == "Les annonces du maire sont parues.");
}

TEST_CASE("a title taken from the lead weighs no more than the body", "[analysis]") {
  // The first article says grève once, in its lead, which is also its title
  // (so the word is in both); the second says it four times, in its body only.
  std::vector<std::string> texts = {
      "Grève générale des transports ce matin.\n\nLe trafic reprend.",
      "Les cheminots sont en colère ce matin.\n\nGrève, grève et grève : la grève dure encore."};
  texts.insert(texts.end(), kTexts.begin(), kTexts.end());
  const Archive a(texts);
  const std::vector<std::string> hits = a.ranked("grève");
  REQUIRE(hits.size() == 2);
  CHECK(hits[0] == texts[1]);
}
