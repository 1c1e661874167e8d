#include <catch2/catch.hpp>

#include "newsidx/db_location.hpp"
#include "newsidx/error.hpp"
#include "newsidx/printer.hpp"
#include "newsidx/units.hpp"

using namespace newsidx;

TEST_CASE("sizes accept bytes and K/M/G suffixes in powers of 1024", "[units]") {
  CHECK(parse_size("16M") == 16ull << 20);
  CHECK(parse_size("16m") == 16ull << 20);
  CHECK(parse_size("512") == 512u);
  CHECK(parse_size("2K") == 2048u);
  CHECK(parse_size("1G") == 1ull << 30);
  CHECK(parse_size("1GiB") == 1ull << 30);
  CHECK(parse_size("3MB") == 3ull << 20);
  for (const char* bad :
       {"", "M", "0", "-1", "1.5M", "12T", "1 M", "99999999999999999999", "17179869184G"}) {
    INFO(bad);
    CHECK_FALSE(parse_size(bad));
  }
}

TEST_CASE("counts and byte sizes are written for people", "[units]") {
  CHECK(format_count(0) == "0");
  CHECK(format_count(999) == "999");
  CHECK(format_count(1000) == "1,000");
  CHECK(format_count(12345) == "12,345");
  CHECK(format_count(1234567) == "1,234,567");
  CHECK(format_count(-4500) == "-4,500");
  CHECK(format_bytes(512) == "512 B");
  CHECK(format_bytes(3 << 20) == "3.0 MiB");
}

TEST_CASE("the database path follows --db, NEWSIDX_DB, XDG_DATA_HOME, HOME", "[paths]") {
  DbLocation w;
  w.home = "/home/ana";
  CHECK(resolve_db_path(w) == "/home/ana/.local/share/newsidx/newsidx.db");
  w.xdg_data_home = "relative/ignored";
  CHECK(resolve_db_path(w) == "/home/ana/.local/share/newsidx/newsidx.db");
  w.xdg_data_home = "/data";
  CHECK(resolve_db_path(w) == "/data/newsidx/newsidx.db");
  w.newsidx_db = "";
  CHECK(resolve_db_path(w) == "/data/newsidx/newsidx.db");
  w.newsidx_db = "/tmp/a.db";
  CHECK(resolve_db_path(w) == "/tmp/a.db");
  w.option = "b.db";
  CHECK(resolve_db_path(w) == "b.db");
  CHECK_THROWS_AS(resolve_db_path(DbLocation{}), Error);
  w.option = "";  // an explicit --db "" is a mistake, not "use the default"
  CHECK_THROWS_WITH(resolve_db_path(w), "the database path is empty");
}

TEST_CASE("colour: auto only on a terminal and without NO_COLOR", "[printer]") {
  CHECK(should_color("auto", true, false));
  CHECK_FALSE(should_color("auto", false, false));
  CHECK_FALSE(should_color("auto", true, true));
  CHECK(should_color("always", false, true));
  CHECK_FALSE(should_color("never", true, false));
}

TEST_CASE("the ingest summary reads like the manual's example", "[printer]") {
  IngestSummary s;
  s.files = 12345;
  s.added = 12000;
  s.duplicates = 40;
  s.unchanged = 300;
  s.rejected = 5;
  s.warnings = 3;
  s.seconds = 3.2;
  CHECK(format_summary(s) ==
        "12,345 files: 12,000 added, 40 duplicates, 300 unchanged, 0 updated, 5 rejected, "
        "3 warnings — 3.2 s (3,858 files/s)");
  s.pruned = 2;
  CHECK(format_summary(s).find(", 2 pruned —") != std::string::npos);
}

TEST_CASE("a hit shows its matched words highlighted", "[printer]") {
  Hit h;
  h.id = "0123456789abcdef";
  h.date = parse_iso_date("2016-12");
  h.title = "Alep";
  h.snippet = "la reprise d’Alep est totale";
  h.matches = {{3, 10}, {13, 17}};
  h.path = "/a/b.txt";
  const std::string text = format_hit(h, false);
  CHECK(text ==
        "2016-12  0123456789abcdef  Alep\n  la [reprise] d’[Alep] est totale\n  /a/b.txt\n\n");
  CHECK(format_hit(h, true).find("\x1b[") != std::string::npos);
}
