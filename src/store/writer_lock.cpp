#include "store/writer_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <thread>

#include "newsidx/error.hpp"

namespace newsidx::store {
namespace {

// How often a waiting writer tries the lock again: short next to the busy
// timeout (seconds), long enough not to spin.
constexpr std::chrono::milliseconds kRetryPeriod{20};

[[noreturn]] void fail(const std::filesystem::path& path, int error) {
  throw Error(ErrorCode::kDatabase, "cannot lock " + path.string() + ": " + std::strerror(error));
}

}  // namespace

WriterLock::WriterLock(const std::filesystem::path& path, std::chrono::milliseconds timeout)
    : fd_(::open(path.c_str(), O_RDONLY | O_CLOEXEC)) {
  if (!fd_.valid()) fail(path, errno);
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (::flock(fd_.get(), LOCK_EX | LOCK_NB) != 0) {
    if (errno != EWOULDBLOCK && errno != EINTR) fail(path, errno);
    if (std::chrono::steady_clock::now() >= deadline) {
      throw Error(ErrorCode::kDatabase,
                  "database is busy: another newsidx process is writing to " + path.string());
    }
    std::this_thread::sleep_for(kRetryPeriod);
  }
}

}  // namespace newsidx::store
