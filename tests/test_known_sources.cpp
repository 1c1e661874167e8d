// PathSet and DigestBuckets: paths found again by their digest.
#include <catch2/catch.hpp>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "indexer/known_sources.hpp"

using newsidx::indexer::DigestBuckets;
using newsidx::indexer::PathSet;

TEST_CASE("a path set holds the paths added to it and no other", "[walker]") {
  PathSet set;
  for (int i = 0; i < 50'000; i += 2) set.add("/srv/news/" + std::to_string(i) + ".txt");
  set.seal();
  int found = 0;
  int wrong = 0;
  for (int i = 0; i < 50'000; ++i) {
    const bool in = set.contains("/srv/news/" + std::to_string(i) + ".txt");
    found += in ? 1 : 0;
    wrong += in != (i % 2 == 0) ? 1 : 0;
  }
  CHECK(found == 25'000);
  CHECK(wrong == 0);
  PathSet empty;
  empty.seal();
  CHECK_FALSE(empty.contains("/srv/news/0.txt"));
}

TEST_CASE("digest buckets give the range of the digests that share their first bits", "[walker]") {
  constexpr std::uint64_t kMax = std::numeric_limits<std::uint64_t>::max();
  // Sorted first words: two at the very start, three in one bucket, the
  // last at the very end.
  const std::vector<std::uint64_t> lows = {0,
                                           1,
                                           0x1234'0000'0000'0000,
                                           0x1234'0000'0000'0001,
                                           0x1234'ffff'ffff'ffff,
                                           0x1235'0000'0000'0000,
                                           kMax};
  DigestBuckets buckets;
  CHECK(buckets.range(0x1234'5678'0000'0000) == std::pair<std::size_t, std::size_t>{0, 0});
  buckets.build(lows.size(), [&](std::size_t i) { return lows[i]; });
  using Range = std::pair<std::size_t, std::size_t>;
  CHECK(buckets.range(0) == Range{0, 2});
  CHECK(buckets.range(0x0000'ffff'ffff'ffff) == Range{0, 2});
  CHECK(buckets.range(0x1234'5678'0000'0000) == Range{2, 5});
  CHECK(buckets.range(0x1235'0000'0000'0000) == Range{5, 6});
  CHECK(buckets.range(0x8000'0000'0000'0000) == Range{6, 6});  // none there
  CHECK(buckets.range(kMax) == Range{6, 7});
}
