// WorkerPool: a few threads that run one loop together, for work that waits
// in the kernel (the stat() of a folder's cold inodes: ext4 reads and checks
// each one, and two threads do it in about half the time). Private to the
// indexer.
//
// run() is called by one thread at a time.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace newsidx::indexer {

/// The threads for `jobs` (IngestOptions::jobs): one per core when 0,
/// within [1, 64] (more only contend for the ingest's one writer).
[[nodiscard]] unsigned thread_count(unsigned jobs);

/// Threads waiting for a loop to share with the caller of run().
class WorkerPool {
 public:
  /// Starts `threads - 1` threads: run()'s caller is the last one. Throws
  /// std::system_error when the system cannot start them.
  explicit WorkerPool(unsigned threads);
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  /// Calls fn(i) once for each i in [0, n), on the pool's threads and the
  /// caller's, and returns when every call has returned. `fn` must not throw.
  void run(std::size_t n, const std::function<void(std::size_t)>& fn);

 private:
  void work();
  /// Stops and joins the threads.
  void stop();
  /// Calls fn_ for the indexes not yet taken.
  void share();

  std::mutex mu_;
  std::condition_variable start_;  ///< a loop began, or the pool stops
  std::condition_variable done_;   ///< the last thread left the loop
  const std::function<void(std::size_t)>* fn_ = nullptr;
  std::size_t n_ = 0;
  std::atomic<std::size_t> next_{0};  ///< the next index to take
  std::uint64_t loop_ = 0;            ///< loops begun
  unsigned busy_ = 0;                 ///< pool threads still in the current loop
  bool stop_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace newsidx::indexer
