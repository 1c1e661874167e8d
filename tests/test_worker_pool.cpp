// WorkerPool: a loop shared by a few threads and the caller.
#include <atomic>
#include <catch2/catch.hpp>
#include <vector>

#include "indexer/worker_pool.hpp"

using newsidx::indexer::thread_count;
using newsidx::indexer::WorkerPool;

TEST_CASE("a worker pool calls its function once for each index and returns when all are done",
          "[walker]") {
  for (const unsigned threads : {1U, 2U, 5U}) {
    WorkerPool pool(threads);
    for (const std::size_t n : {0UL, 1UL, 3UL, 1000UL}) {
      std::vector<std::atomic<int>> calls(n);
      pool.run(n, [&](std::size_t i) { calls[i].fetch_add(1); });
      std::size_t once = 0;
      for (const std::atomic<int>& c : calls) once += c.load() == 1 ? 1 : 0;
      CHECK(once == n);
    }
  }
}

TEST_CASE("the threads of an ingest are its --jobs or one per core and at least one", "[walker]") {
  CHECK(thread_count(3) == 3);
  CHECK(thread_count(1000) == 64);
  CHECK(thread_count(0) >= 1);
}
