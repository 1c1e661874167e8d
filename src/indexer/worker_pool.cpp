#include "indexer/worker_pool.hpp"

#include <algorithm>

namespace newsidx::indexer {

unsigned thread_count(unsigned jobs) {
  constexpr unsigned kMaxThreads = 64;
  return std::clamp(jobs != 0 ? jobs : std::thread::hardware_concurrency(), 1u, kMaxThreads);
}

WorkerPool::WorkerPool(unsigned threads) {
  try {
    for (unsigned i = 1; i < threads; ++i) threads_.emplace_back([this] { work(); });
  } catch (...) {
    stop();  // the threads already started, when the system refuses one more
    throw;
  }
}

WorkerPool::~WorkerPool() {
  stop();
}

void WorkerPool::stop() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  start_.notify_all();
  for (std::thread& t : threads_) t.join();
  threads_.clear();
}

void WorkerPool::run(std::size_t n, const std::function<void(std::size_t)>& fn) {
  {
    std::lock_guard lock(mu_);
    fn_ = &fn;
    n_ = n;
    next_.store(0, std::memory_order_relaxed);
    busy_ = static_cast<unsigned>(threads_.size());
    ++loop_;
  }
  start_.notify_all();
  share();
  // Each pool thread leaves the loop before fn goes out of scope, and its
  // writes are visible here once it has (the mutex orders them).
  std::unique_lock lock(mu_);
  done_.wait(lock, [&] { return busy_ == 0; });
  fn_ = nullptr;
}

void WorkerPool::share() {
  for (std::size_t i = next_.fetch_add(1); i < n_; i = next_.fetch_add(1)) (*fn_)(i);
}

void WorkerPool::work() {
  std::uint64_t seen = 0;
  for (;;) {
    {
      std::unique_lock lock(mu_);
      start_.wait(lock, [&] { return stop_ || loop_ != seen; });
      if (stop_) return;
      seen = loop_;
    }
    share();
    std::lock_guard lock(mu_);
    if (--busy_ == 0) done_.notify_one();
  }
}

}  // namespace newsidx::indexer
