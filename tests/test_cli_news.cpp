// End-to-end: wire-copy clusters (search folding, `similar`, `stats`),
// metadata manifests (`ingest --metadata`) and the news operators of the
// query language (author:, source:, lead:, NEAR, date:, French dates), on
// articles written by the test.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <tuple>

#include "support.hpp"

using newsidx::test::lines_of;
using newsidx::test::run_newsidx;
using newsidx::test::RunResult;
using newsidx::test::TempDir;
using newsidx::test::write_file;
using Json = nlohmann::json;
namespace fs = std::filesystem;

namespace {

// One agency dispatch (our own text), in sentences, and its copies.
const std::vector<std::string> kDispatch = {
    "Le conseil municipal de Villeneuve-sur-Lot a voté mardi soir la fermeture de la piscine "
    "Jean-Bouin pour une durée de dix-huit mois.",
    "Les travaux de rénovation, estimés à 4,2 millions d'euros, doivent commencer au printemps.",
    "La toiture, qui date de 1972, laisse passer l'eau depuis plusieurs hivers et le système de "
    "chauffage consomme deux fois plus que celui d'un bassin récent.",
    "Les clubs de natation et de plongée seront accueillis à la piscine de Bias, à sept "
    "kilomètres, grâce à un service de navettes financé par la communauté d'agglomération.",
    "Les écoles primaires, qui utilisaient le bassin chaque matin, devront réduire le nombre de "
    "séances prévues pour les élèves de CM1 et de CM2.",
    "L'opposition a dénoncé un calendrier trop long et réclamé un bassin provisoire installé sur "
    "le parking du stade voisin.",
    "Le maire a répondu qu'une telle installation coûterait plus de six cent mille euros pour "
    "quelques mois d'utilisation seulement.",
    "Une réunion publique est prévue le douze mars à la salle des fêtes pour présenter le projet "
    "aux habitants et aux associations sportives.",
    "Le futur équipement comptera un bassin de vingt-cinq mètres, un bassin d'apprentissage et "
    "un espace de remise en forme ouvert toute l'année.",
    "Les tarifs d'entrée ne devraient pas augmenter, selon l'adjoint chargé des sports, qui "
    "promet une réouverture avant la rentrée de septembre de l'année suivante."};

std::string join(const std::vector<std::string>& sentences) {
  std::string out;
  for (const std::string& s : sentences) out += (out.empty() ? "" : " ") + s;
  return out;
}

/// The dispatch as one paper ran it: its own headline, a sentence left out
/// (index `cut`, none when negative), a signature added.
std::string copy_of(const std::string& headline, int cut, const std::string& signature) {
  std::vector<std::string> kept;
  for (std::size_t i = 0; i < kDispatch.size(); ++i) {
    if (static_cast<int>(i) != cut) kept.push_back(kDispatch[i]);
  }
  return "titre: " + headline + "\ndate: 2024-02-14\n\n" + join(kept) + "\n\n" + signature + "\n";
}

/// Another article on the same subject, written apart.
const char* kUnrelated =
    "titre: Natation : les nageurs de Villeneuve-sur-Lot s'entraînent à Bias\ndate: 2024-03-02\n\n"
    "Depuis la fermeture de la piscine Jean-Bouin, les licenciés du club local prennent chaque "
    "soir la navette vers Bias. Le président du club regrette des horaires réduits et craint de "
    "perdre des adhérents avant la saison estivale. Les entraîneurs ont adapté leurs programmes "
    "et misent sur la préparation physique en salle. La mairie assure que les travaux avancent "
    "selon le calendrier annoncé en février.\n";

struct Archive {
  TempDir dir;
  std::string db() const { return dir / "n.db"; }
  std::string in(const std::string& name) const { return dir / ("in/" + name); }
  RunResult run(std::vector<std::string> args) const {
    args.insert(args.begin(), {"--db", db()});
    return run_newsidx(args);
  }
  RunResult ingest(std::vector<std::string> extra = {}) const {
    std::vector<std::string> args = {"ingest", "-q"};
    args.insert(args.end(), extra.begin(), extra.end());
    args.push_back(dir / "in");
    return run(args);
  }
  std::vector<Json> json_lines(const std::vector<std::string>& args) const {
    const RunResult r = run(args);
    INFO(r.err);
    std::vector<Json> out;
    for (const std::string& line : lines_of(r.out)) out.push_back(Json::parse(line));
    return out;
  }
  std::string id_of(const std::string& name) const {
    return Json::parse(run({"show", "--json", in(name)}).out)["id"].get<std::string>();
  }
};

/// Three copies of the dispatch and one unrelated article.
void write_wire_copies(const Archive& a) {
  write_file(a.in("agence.txt"),
             copy_of("Villeneuve-sur-Lot : la piscine Jean-Bouin ferme pour travaux", -1,
                     "(Agence régionale)"));
  write_file(a.in("courrier.txt"),
             copy_of("La piscine fermée dix-huit mois", 5, "Avec l'Agence régionale."));
  write_file(a.in("gazette.txt"), copy_of("Coup dur pour les nageurs", 8, "La Gazette, avec AR"));
  write_file(a.in("club.txt"), kUnrelated);
}

}  // namespace

TEST_CASE("wire copies are one cluster: folded in search, listed by similar, counted by stats",
          "[cli][clusters]") {
  Archive a;
  write_wire_copies(a);
  REQUIRE(a.ingest().exit_code == 0);

  const Json stats = Json::parse(a.run({"stats", "--json"}).out);
  CHECK(stats["clusters"] == 1);
  CHECK(stats["clustered"] == 3);
  CHECK(a.run({"stats"}).out.find("clusters     1 (3 articles with near duplicates)") !=
        std::string::npos);

  // One hit for the three copies, the other two folded under it.
  const auto hits = a.json_lines({"search", "--json", "piscine", "Bias"});
  REQUIRE(hits.size() == 2);
  const auto folded = hits[0]["similar"].size() == 2 ? hits[0] : hits[1];
  CHECK(folded["similar"].size() == 2);
  const auto alone = hits[0]["similar"].size() == 2 ? hits[1] : hits[0];
  CHECK(alone["similar"].empty());
  CHECK(alone["id"] == a.id_of("club.txt"));
  CHECK(a.run({"search", "piscine", "Bias"}).out.find("\n  +2 similar\n") != std::string::npos);

  SECTION("--no-collapse shows every copy; --count counts every article") {
    CHECK(a.json_lines({"search", "--json", "--no-collapse", "piscine", "Bias"}).size() == 4);
    CHECK(a.run({"search", "--count", "piscine", "Bias"}).out == "4\n");
  }
  SECTION("--limit and --offset count the hits shown") {
    const auto first = a.json_lines({"search", "--json", "--limit", "1", "piscine", "Bias"});
    const auto second =
        a.json_lines({"search", "--json", "--limit", "1", "--offset", "1", "piscine", "Bias"});
    REQUIRE(first.size() == 1);
    REQUIRE(second.size() == 1);
    CHECK(first[0]["id"] == hits[0]["id"]);
    CHECK(second[0]["id"] == hits[1]["id"]);
    CHECK(a.json_lines({"search", "--json", "--offset", "2", "piscine", "Bias"}).empty());
    // The note counts the articles shown, folded ones included.
    const bool copies_first = first[0]["similar"].size() == 2;
    CHECK(a.run({"search", "--limit", "1", "piscine", "Bias"}).err ==
          (copies_first ? "newsidx: note: 3 of 4 articles (--limit, --offset, --all)\n"
                        : "newsidx: note: 1 of 4 articles (--limit, --offset, --all)\n"));
    CHECK(a.run({"search", "--limit", "2", "piscine", "Bias"}).err.empty());
  }
  SECTION("only the copies the request selects are folded") {
    // The signature line of one copy only.
    const auto hits_gazette =
        a.json_lines({"search", "--json", "piscine", "OR", "Gazette", "--date", "2024-02"});
    REQUIRE(hits_gazette.size() == 1);
    CHECK(hits_gazette[0]["similar"].size() == 2);
    const auto with_date = a.json_lines({"search", "--json", "Gazette"});
    REQUIRE(with_date.size() == 1);
    CHECK(with_date[0]["similar"].empty());
  }
  SECTION("similar lists the other copies with their resemblance") {
    const RunResult r = a.run({"similar", a.in("agence.txt")});
    CHECK(r.exit_code == 0);
    const auto lines = lines_of(r.out);
    REQUIRE(lines.size() == 4);
    CHECK(lines[0].rfind("0.", 0) == 0);
    const auto copies = a.json_lines({"similar", "--json", a.id_of("agence.txt")});
    REQUIRE(copies.size() == 2);
    for (const Json& c : copies) {
      CHECK(c["resemblance"].get<double>() >= 0.4);
      CHECK(c["resemblance"].get<double>() < 1.0);
      CHECK(c["id"] != a.id_of("club.txt"));
    }
    CHECK(copies[0]["resemblance"] >= copies[1]["resemblance"]);
    const RunResult none = a.run({"similar", a.in("club.txt")});
    CHECK(none.exit_code == 1);
    CHECK(none.out.empty());
    CHECK(a.run({"similar", "ffffffffffffffff"}).exit_code == 1);
  }
  SECTION("a deleted copy leaves the cluster; a copy rewritten apart leaves it too") {
    fs::remove(a.in("gazette.txt"));
    REQUIRE(a.ingest({"--prune"}).exit_code == 0);
    CHECK(Json::parse(a.run({"stats", "--json"}).out)["clustered"] == 2);
    write_file(a.in("courrier.txt"),
               "titre: Autre chose\ndate: 2024-02-14\n\nLe marché de Noël a fermé ses portes "
               "dimanche après avoir accueilli plus de visiteurs que l'an dernier.\n");
    REQUIRE(a.ingest().exit_code == 0);
    const Json after = Json::parse(a.run({"stats", "--json"}).out);
    CHECK(after["clusters"] == 0);
    CHECK(after["clustered"] == 0);
    CHECK(a.run({"similar", a.in("agence.txt")}).exit_code == 1);
  }
}

TEST_CASE("a cluster held together by one article splits when that article goes",
          "[cli][clusters]") {
  // A and C share no sentence; B shares half of its text with each.
  Archive a;
  const auto part = [](std::size_t from, std::size_t to) {
    return std::vector<std::string>(kDispatch.begin() + static_cast<std::ptrdiff_t>(from),
                                    kDispatch.begin() + static_cast<std::ptrdiff_t>(to));
  };
  write_file(a.in("a.txt"), "date: 2024-02-14\n\n" + join(part(0, 6)) + "\n");
  write_file(a.in("b.txt"), "date: 2024-02-14\n\n" + join(part(2, 8)) + "\n");
  write_file(a.in("c.txt"), "date: 2024-02-14\n\n" + join(part(4, 10)) + "\n");
  REQUIRE(a.ingest().exit_code == 0);
  CHECK(Json::parse(a.run({"stats", "--json"}).out)["clustered"] == 3);
  fs::remove(a.in("b.txt"));
  REQUIRE(a.ingest({"--prune"}).exit_code == 0);
  const Json after = Json::parse(a.run({"stats", "--json"}).out);
  CHECK(after["clusters"] == 0);
  CHECK(a.run({"similar", a.in("a.txt")}).exit_code == 1);
}

TEST_CASE("ingest --metadata: the manifest's values win, bad rows warn, re-ingests follow it",
          "[cli][manifest]") {
  Archive a;
  write_file(a.in("one.txt"), "date 2016-12 La reprise d’Alep est totale.\n");
  write_file(a.in("sub/two.txt"), "titre: Titre du fichier\n\nUn texte sans date sur Homs.\n");
  const std::string manifest = a.dir / "meta.tsv";
  write_file(manifest,
             "file\ttitle\tauthor\tsource\turl\tdate\n"
             "in/one.txt\tAlep reprise\tClaire Dupont\tAFP\thttps://x.fr/1\t2016-12-22\n"
             "sub/two.txt\t\tJean Martin\tLe Courrier\t\t2017-03\n"
             "in/missing.txt\tNobody\n"
             "in/one.txt\tTwice\t\t\t\t\n");
  const RunResult r = a.ingest({"--metadata", manifest});
  INFO(r.err);
  CHECK(r.exit_code == 0);
  // Line 4 has a wrong number of fields, line 5 repeats a file.
  CHECK(r.err.find("newsidx: warning: " + manifest + ":4: ") != std::string::npos);
  CHECK(r.err.find("newsidx: warning: " + manifest + ":5: ") != std::string::npos);

  const Json one = Json::parse(a.run({"show", "--json", a.in("one.txt")}).out);
  CHECK(one["title"] == "Alep reprise");
  CHECK(one["title_source"] == "header");
  CHECK(one["date"] == "2016-12-22");
  CHECK(one["metadata"]["author"] == "Claire Dupont");
  CHECK(one["metadata"]["source"] == "AFP");
  CHECK(one["metadata"]["url"] == "https://x.fr/1");
  // A name relative to the ingested folder; the file keeps its own title.
  const Json two = Json::parse(a.run({"show", "--json", a.in("sub/two.txt")}).out);
  CHECK(two["title"] == "Titre du fichier");
  CHECK(two["date"] == "2017-03");
  CHECK(two["metadata"]["source"] == "Le Courrier");
  const auto exported = a.json_lines({"export"});
  REQUIRE(exported.size() == 2);
  CHECK((exported[0]["metadata"]["author"] == "Claire Dupont" ||
         exported[1]["metadata"]["author"] == "Claire Dupont"));
  // The query fields see the manifest's values.
  CHECK(a.run({"search", "--count", "author:dupont"}).out == "1\n");
  CHECK(a.run({"search", "--count", "source:courrier"}).out == "1\n");
  CHECK(a.run({"search", "--count", "title:reprise"}).out == "1\n");

  SECTION("a changed row takes effect though the files did not change") {
    write_file(manifest, "file\ttitle\tauthor\nin/one.txt\tNouveau titre\tClaire Dupont\n");
    const RunResult again = a.ingest({"--metadata", manifest, "--json"});
    INFO(again.err);
    const Json summary = Json::parse(again.out);
    CHECK(summary["updated"] == 2);  // one: a new title and date; two: its row is gone
    CHECK(Json::parse(a.run({"show", "--json", a.in("one.txt")}).out)["title"] == "Nouveau titre");
    CHECK(Json::parse(a.run({"show", "--json", a.in("sub/two.txt")}).out)["date"].is_null());
    CHECK(a.run({"search", "--count", "title:nouveau"}).out == "1\n");
    CHECK(a.run({"search", "--count", "title:reprise"}).exit_code == 1);
    // The same manifest again: nothing to read.
    CHECK(Json::parse(a.ingest({"--metadata", manifest, "--json"}).out)["unchanged"] == 2);
  }
  SECTION("without --metadata the files say again what they say") {
    REQUIRE(a.ingest().exit_code == 0);
    const Json plain = Json::parse(a.run({"show", "--json", a.in("one.txt")}).out);
    CHECK(plain["title"] == "La reprise d’Alep est totale.");
    CHECK(plain["metadata"]["author"].is_null());
    CHECK(a.run({"search", "--count", "author:dupont"}).exit_code == 1);
  }
  SECTION("a manifest that cannot be read stops the ingest before it starts") {
    const RunResult bad = a.ingest({"--metadata", a.dir / "nope.tsv"});
    CHECK(bad.exit_code == 2);
    CHECK(bad.err.find("newsidx: error: ") == 0);
  }
}

TEST_CASE("ingest --metadata with the real manifest of orangesum-500", "[cli][manifest][corpus]") {
  const auto corpus = newsidx::test::shared_corpus("orangesum-500");
  if (!corpus || !fs::exists(*corpus / "index.tsv")) {
    return newsidx::test::skip("../shared/corpus/orangesum-500/index.tsv is absent");
  }
  TempDir dir;
  const std::string db = dir / "n.db";
  const RunResult r = run_newsidx({"--db", db, "ingest", "-q", "--metadata",
                                   (*corpus / "index.tsv").string(), corpus->string()});
  INFO(r.err);
  CHECK(r.exit_code == 0);
  // The first row of the manifest: its title, url and month win.
  const std::string file = (*corpus / "00002_34b4c420e7a4bed3.txt").string();
  const Json two = Json::parse(run_newsidx({"--db", db, "show", "--json", file}).out);
  CHECK(two["title"] == "Il paye les impôts avec 23 000 pièces... de 1 centime");
  CHECK(two["metadata"]["author"] == "6medias");
  CHECK(two["metadata"]["url"].get<std::string>().rfind("https://actu.orange.fr/", 0) == 0);
  CHECK(run_newsidx({"--db", db, "search", "--count", "author:6medias"}).out != "0\n");
}

TEST_CASE("news operators: fields, NEAR, date: and French dates", "[cli][query]") {
  Archive a;
  write_file(a.in("greve.txt"),
             "titre: Grève à la SNCF\nauteur: Claire Dupont\nsource: AFP\ndate: 2016-12-15\n\n"
             "La grève des contrôleurs de la SNCF perturbe les départs en vacances.\n\n"
             "Les syndicats réclament des embauches. Paris reste peu touché.\n");
  write_file(a.in("paris.txt"),
             "titre: Les transports à Paris\nauteur: Jean Martin\nsource: Le Monde\n"
             "date: 2017-03-01\n\n"
             "Paris prépare un plan pour ses transports.\n\n"
             "La SNCF annonce une grève des aiguilleurs en région, loin de la capitale et de "
             "ses contrôleurs habituels.\n");
  REQUIRE(a.ingest().exit_code == 0);
  const auto count = [&](std::vector<std::string> args) {
    args.insert(args.begin(), {"search", "--count"});
    const RunResult r = a.run(args);
    INFO(r.err);
    return r.out;
  };
  CHECK(count({"source:afp"}) == "1\n");
  CHECK(count({"author:dupont"}) == "1\n");
  CHECK(count({"auteur:martin", "transports"}) == "1\n");
  // Plain words do not search the author and source fields.
  CHECK(count({"dupont"}) == "0\n");
  CHECK(count({"monde"}) == "0\n");
  // lead: the first paragraph only.
  CHECK(count({"lead:grève"}) == "1\n");
  CHECK(count({"grève"}) == "2\n");
  CHECK(count({"lead:paris"}) == "1\n");
  // A field's snippet is its text, the match marked where it is written.
  for (const auto& [q, snippet, match] : std::vector<std::tuple<std::string, std::string, Json>>{
           {"author:dupont", "Claire Dupont", Json::array({7, 13})},
           {"source:afp", "AFP", Json::array({0, 3})},
           {"lead:contrôleurs",
            "La grève des contrôleurs de la SNCF perturbe les départs en vacances.",
            Json::array({13, 24})}}) {
    INFO("query: " << q);
    const RunResult r = a.run({"search", "--json", q});
    REQUIRE(r.exit_code == 0);
    const Json hit = Json::parse(r.out);
    CHECK(hit["snippet"] == snippet);
    CHECK(hit["matches"] == Json::array({match}));
  }
  // NEAR: words at most N apart.
  CHECK(count({"NEAR(grève contrôleurs, 2)"}) == "1\n");
  CHECK(count({"grève NEAR/2 contrôleurs"}) == "1\n");
  CHECK(count({"grève NEAR/12 contrôleurs"}) == "2\n");
  // date: the same overlap rule as the options, intersected with them.
  CHECK(count({"date:2016-12..2017-02", "grève"}) == "1\n");
  CHECK(count({"date:2017"}) == "1\n");
  const RunResult apart = a.run({"search", "grève", "date:2016", "--from", "2017"});
  CHECK(apart.exit_code == 2);
  CHECK(apart.err == "newsidx: error: the start date 2017 is after the end date 2016\n");
  CHECK(count({"(grève date:2016..2017)", "--to", "2016-12-31"}) == "1\n");
  // French dates for --from and --to.
  CHECK(count({"grève", "--from", "janvier 2017"}) == "1\n");
  CHECK(count({"grève", "--to", "1er janvier 2017"}) == "1\n");
  CHECK(count({"grève", "--date", "15 décembre 2016"}) == "1\n");

  const RunResult in_or = a.run({"search", "grève", "OR", "date:2016"});
  CHECK(in_or.exit_code == 2);
  CHECK(in_or.err ==
        "newsidx: error: query: date: at column 10 must apply to the whole query, not inside OR, "
        "NOT or a field\n");
  const RunResult bad_date = a.run({"search", "grève", "date:2016-13"});
  CHECK(bad_date.exit_code == 2);
  CHECK(bad_date.err.find("invalid date '2016-13' at column 7") != std::string::npos);
  const RunResult bad_from = a.run({"search", "grève", "--from", "décembre"});
  CHECK(bad_from.exit_code == 2);
  CHECK(bad_from.err ==
        "newsidx: error: --from: invalid date 'décembre' (expected YYYY, YYYY-MM, YYYY-MM-DD or "
        "a date as articles write it: 'décembre 2016', '1er mars 2017')\n");
}

TEST_CASE("did you mean: a query that finds nothing gets the index's nearest words",
          "[cli][search][suggest]") {
  const Archive a;
  write_wire_copies(a);
  write_file(a.in("rare.txt"),
             "titre: Un bassin\ndate: 2024-04-01\n\nLes travaux du bassinet avancent.\n");
  REQUIRE(a.ingest().exit_code == 0);

  // A swap of two letters; the suggestion is searched as a query would be.
  RunResult r = a.run({"search", "natatoin"});
  CHECK(r.exit_code == 1);
  CHECK(r.out.empty());
  CHECK(r.err == "newsidx: note: did you mean: natation (4 articles)\n");

  // Among words as near, the one in more articles: `bassins` is one edit
  // from `bassin` (4 articles) and from `bassine` (none); `bassinet` is two.
  r = a.run({"search", "bassins"});
  CHECK(r.exit_code == 0);  // found: the family of bassin holds bassins
  CHECK(r.err.empty());
  r = a.run({"search", "bassinz", "--json"});
  CHECK(r.exit_code == 1);
  CHECK(r.out.empty());
  CHECK(r.err == "newsidx: note: did you mean: bassin (4 articles)\n");

  // Several words: each unknown one, named; known words and numbers never.
  r = a.run({"search", "piscine", "natatoin", "1973", "-calais", "travuax"});
  CHECK(r.exit_code == 1);
  CHECK(r.err ==
        "newsidx: note: did you mean: natation (4 articles) for natatoin\n"
        "newsidx: note: did you mean: travaux (5 articles) for travuax\n");
  // Nothing near, or too short to tell: no suggestion; a query that finds
  // articles: none either.
  CHECK(a.run({"search", "zzyzx"}).err.empty());
  CHECK(a.run({"search", "lz"}).err.empty());  // `la`, `le` are one edit away
  CHECK(a.run({"search", "piscine"}).err.empty());
  // Excluded words, phrases, prefixes and written forms are left as typed.
  CHECK(a.run({"search", "\"natatoin\"", "=travuax", "pisc*", "-natatoin"}).err.empty());
}
