#include "newsidx/indexer.hpp"

#include <sys/stat.h>
#include <time.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <limits>
#include <mutex>
#include <optional>
#include <set>
#include <thread>
#include <unordered_set>
#include <utility>

#include "newsidx/error.hpp"

namespace newsidx {
namespace fs = std::filesystem;

namespace {

/// A file found by the walk, or a folder that could not be read.
struct Candidate {
  std::string path;
  std::string walk_error;  ///< set when the walk itself failed here
};

bool is_hidden(const fs::path& p) {
  const std::string name = p.filename().string();
  return !name.empty() && name[0] == '.';
}

bool has_extension(const fs::path& p, const std::vector<std::string>& extensions) {
  const std::string name = p.filename().string();
  return std::any_of(extensions.begin(), extensions.end(), [&](const std::string& ext) {
    return name.size() > ext.size() && name.compare(name.size() - ext.size(), ext.size(), ext) == 0;
  });
}

/// Collects the files under the given paths, in a stable order.
class Walker {
 public:
  Walker(const IngestOptions& options, std::vector<Candidate>& out)
      : options_(options), out_(out) {}

  void walk_root(const fs::path& root) {
    struct stat st {};
    if (::stat(root.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) {
      walk_dir(root, st);
    } else {
      out_.push_back({root.string(), {}});
    }
  }

 private:
  void walk_dir(const fs::path& dir, const struct stat& st) {
    // (device, inode) of every folder entered: link loops and bind mounts end here.
    if (!visited_.insert({st.st_dev, st.st_ino}).second) return;
    std::error_code ec;
    std::vector<fs::directory_entry> entries;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
      if (!is_hidden(it->path())) entries.push_back(*it);
    }
    if (ec) {
      out_.push_back({dir.string(), ec.message()});
      return;
    }
    std::sort(entries.begin(), entries.end(),
              [](const auto& a, const auto& b) { return a.path().filename() < b.path().filename(); });
    for (const fs::directory_entry& e : entries) {
      std::error_code type_ec;
      const bool link = e.is_symlink(type_ec);
      struct stat target {};
      const bool resolves = ::stat(e.path().c_str(), &target) == 0;
      const int stat_error = resolves ? 0 : errno;
      if (!resolves && stat_error != ENOENT && stat_error != ELOOP &&
          !has_extension(e.path(), options_.extensions)) {
        // Neither a file to read nor a folder to enter, as far as we can
        // tell (e.g. a path longer than PATH_MAX): say so rather than skip it.
        out_.push_back({e.path().string(), std::strerror(stat_error)});
      } else if (resolves && S_ISDIR(target.st_mode)) {
        if (!link || options_.follow) walk_dir(e.path(), target);
      } else if (has_extension(e.path(), options_.extensions)) {
        out_.push_back({e.path().string(), {}});
      }
    }
  }

  const IngestOptions& options_;
  std::vector<Candidate>& out_;
  std::set<std::pair<dev_t, ino_t>> visited_;
};

/// A file whose mtime is this close to the moment it is read could be
/// rewritten with the same size within the same timestamp tick after the
/// read, and then look unchanged (git's "racy" entries). Generous for
/// file systems with coarse timestamps.
constexpr std::int64_t kRacyWindowNs = 2'000'000'000;

/// Stored instead of such a file's mtime: it matches no file, so the next
/// run reads the file again (and finds it unchanged unless it changed).
constexpr std::int64_t kUntrustedMtime = std::numeric_limits<std::int64_t>::min();

std::int64_t now_ns() {
  timespec ts{};
  ::clock_gettime(CLOCK_REALTIME, &ts);
  return static_cast<std::int64_t>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

std::optional<FileStamp> stamp_of(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return std::nullopt;
  return FileStamp{static_cast<std::int64_t>(st.st_size),
                   static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 +
                       st.st_mtim.tv_nsec};
}

/// What a worker made of one candidate.
struct Outcome {
  bool skipped = false;  ///< unchanged size and mtime: not read
  FileStamp stamp;
  ParseResult parsed;
  std::optional<ArticleTokens> tokens;  ///< of parsed.article, analysed by the worker
};

/// Parses candidates on worker threads; hands outcomes over in walk order,
/// never more than `window` ahead of the consumer. Outcome i waits in slot
/// i % window: the files in flight are fewer than that, so slots are never
/// shared, and memory does not grow with the number of files.
class ParsePipeline {
 public:
  ParsePipeline(const std::vector<Candidate>& files,
                const std::unordered_map<std::string, FileStamp>& stamps,
                const IngestOptions& options)
      : files_(files), stamps_(stamps), options_(options) {
    unsigned jobs = options.jobs != 0 ? options.jobs : std::thread::hardware_concurrency();
    jobs = std::max(1u, std::min<unsigned>(jobs, 64));
    window_ = std::max<std::size_t>(256, 64 * jobs);
    slots_.resize(window_);
    for (unsigned i = 0; i < jobs; ++i) workers_.emplace_back([this] { work(); });
  }

  ~ParsePipeline() {
    {
      std::lock_guard lock(mu_);
      stop_ = true;
    }
    cv_.notify_all();
    for (std::thread& t : workers_) t.join();
  }

  ParsePipeline(const ParsePipeline&) = delete;
  ParsePipeline& operator=(const ParsePipeline&) = delete;

  /// Blocks until the outcome of file `i` is ready and takes it.
  Outcome take(std::size_t i) {
    std::unique_lock lock(mu_);
    consumed_ = i;
    cv_.notify_all();
    std::optional<Outcome>& slot = slots_[i % window_];
    cv_.wait(lock, [&] { return slot.has_value(); });
    Outcome out = std::move(*slot);
    slot.reset();
    return out;
  }

 private:
  void work() {
    // The index tokens are made here, off the writer's thread (which makes
    // them itself if this fails).
    std::optional<Analyzer> analyzer;
    try {
      analyzer.emplace();
    } catch (const std::exception&) {
    }
    for (;;) {
      std::size_t i = 0;
      {
        std::unique_lock lock(mu_);
        cv_.wait(lock, [&] { return stop_ || next_ >= files_.size() || next_ < consumed_ + window_; });
        if (stop_ || next_ >= files_.size()) return;
        i = next_++;
      }
      Outcome out = process(files_[i].path, analyzer);
      {
        std::lock_guard lock(mu_);
        slots_[i % window_] = std::move(out);
      }
      cv_.notify_all();
    }
  }

  Outcome process(const std::string& path, std::optional<Analyzer>& analyzer) {
    Outcome out;
    try {
      const std::int64_t started = now_ns();
      if (const auto stamp = stamp_of(path)) {
        out.stamp = *stamp;
        if (!options_.force) {
          const auto it = stamps_.find(path);
          if (it != stamps_.end() && it->second == *stamp) {
            out.skipped = true;
            return out;
          }
        }
      }
      out.parsed = read_article(path, ParseOptions{options_.max_size});
      if (out.stamp.mtime_ns > started - kRacyWindowNs) out.stamp.mtime_ns = kUntrustedMtime;
      if (out.parsed.article && analyzer) {
        out.tokens = analyze_article(*out.parsed.article, *analyzer);
      }
    } catch (const std::exception& e) {
      out.parsed = ParseResult{std::nullopt, e.what()};
    }
    return out;
  }

  const std::vector<Candidate>& files_;
  const std::unordered_map<std::string, FileStamp>& stamps_;
  const IngestOptions& options_;
  std::vector<std::optional<Outcome>> slots_;
  std::vector<std::thread> workers_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::size_t next_ = 0;
  std::size_t consumed_ = 0;
  std::size_t window_ = 256;
  bool stop_ = false;
};

/// True when `path` lies inside the folder `root`.
bool is_under(const std::string& path, const std::string& root) {
  return path.size() > root.size() && path.compare(0, root.size(), root) == 0 &&
         (root.back() == '/' || path[root.size()] == '/');
}

}  // namespace

IngestSummary ingest(Store& store, const std::vector<fs::path>& paths,
                     const IngestOptions& options, IngestObserver& observer) {
  const auto started = std::chrono::steady_clock::now();
  std::vector<fs::path> roots;
  for (const fs::path& p : paths) {
    std::error_code ec;
    if (!fs::exists(fs::symlink_status(p, ec)) && !fs::exists(p, ec)) {
      throw Error(ErrorCode::kUsage, p.string() + ": No such file or directory");
    }
    roots.push_back(fs::absolute(p).lexically_normal());
    if (roots.back().has_filename() == false && roots.back() != roots.back().root_path()) {
      roots.back() = roots.back().parent_path();
    }
  }

  std::vector<Candidate> files;
  Walker walker(options, files);
  for (const fs::path& root : roots) walker.walk_root(root);

  IngestSummary sum;
  sum.files = static_cast<std::int64_t>(files.size());
  const auto stamps = store.file_stamps();
  std::unordered_set<std::string> seen;
  if (options.prune) seen.reserve(files.size());

  const auto batch_period = std::chrono::seconds(2);
  std::size_t in_batch = 0;
  auto batch_started = std::chrono::steady_clock::now();
  auto flush = [&] {
    if (in_batch > 0) store.commit_batch();
    in_batch = 0;
  };
  auto write = [&] {
    if (in_batch == 0) {
      store.begin_batch();
      batch_started = std::chrono::steady_clock::now();
    }
    ++in_batch;
  };
  auto after_write = [&] {
    if (in_batch >= options.batch_size ||
        std::chrono::steady_clock::now() - batch_started >= batch_period) {
      flush();
    }
  };

  {
    ParsePipeline pipeline(files, stamps, options);
    for (std::size_t i = 0; i < files.size(); ++i) {
      const Candidate& c = files[i];
      if (options.prune) seen.insert(c.path);
      Outcome out = pipeline.take(i);
      if (!c.walk_error.empty()) {
        ++sum.rejected;
        observer.on_rejected(c.path, c.walk_error);
      } else if (out.skipped) {
        ++sum.unchanged;
      } else if (out.parsed.rejected()) {
        ++sum.rejected;
        observer.on_rejected(c.path, out.parsed.rejection);
      } else {
        const Article& a = *out.parsed.article;
        sum.bytes += a.sources.empty() ? 0 : a.sources[0].bytes;
        for (const Warning& w : a.warnings) observer.on_warning(c.path, w);
        sum.warnings += static_cast<std::int64_t>(a.warnings.size());
        write();
        switch (store.put(a, out.stamp, out.tokens ? &*out.tokens : nullptr)) {
          case PutOutcome::kAdded:
            ++sum.added;
            break;
          case PutOutcome::kDuplicate:
            ++sum.duplicates;
            break;
          case PutOutcome::kUnchanged:
            ++sum.unchanged;
            break;
          case PutOutcome::kUpdated:
            ++sum.updated;
            break;
        }
        after_write();
      }
      if (i % 64 == 63) observer.on_progress(static_cast<std::int64_t>(i + 1), sum.files);
    }
  }

  if (options.prune) {
    std::vector<std::string> dirs;
    for (const fs::path& root : roots) {
      std::error_code ec;
      if (fs::is_directory(root, ec)) dirs.push_back(root.string());
    }
    for (const auto& entry : stamps) {
      const std::string& path = entry.first;
      if (seen.count(path) != 0) continue;
      if (!std::any_of(dirs.begin(), dirs.end(), [&](const std::string& d) { return is_under(path, d); })) {
        continue;
      }
      std::error_code ec;
      if (fs::exists(fs::symlink_status(path, ec))) continue;
      write();
      if (store.forget_source(path)) ++sum.pruned;
      after_write();
    }
  }
  flush();
  observer.on_progress(sum.files, sum.files);
  sum.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return sum;
}

}  // namespace newsidx
