#include "newsidx/indexer.hpp"

#include <algorithm>
#include <chrono>
#include <future>
#include <utility>

#include "indexer/known_sources.hpp"
#include "indexer/parse_pipeline.hpp"
#include "indexer/walker.hpp"
#include "newsidx/error.hpp"

namespace newsidx {
namespace fs = std::filesystem;
using indexer::Candidate;
using indexer::ManifestUse;
using indexer::Outcome;

namespace {

// A batch (one transaction) also ends after this long, so that readers see
// progress and a killed ingest loses little, whatever the batch size.
constexpr std::chrono::seconds kBatchPeriod{2};
// Files between two progress reports.
constexpr std::size_t kProgressEvery = 64;

/// The given paths, absolute and normal, folders without a final slash.
/// Throws Error(kUsage) when one does not exist.
std::vector<fs::path> resolve_roots(const std::vector<fs::path>& paths) {
  std::vector<fs::path> roots;
  for (const fs::path& p : paths) {
    std::error_code ec;
    if (!fs::exists(fs::symlink_status(p, ec)) && !fs::exists(p, ec)) {
      throw Error(ErrorCode::kUsage, p.string() + ": No such file or directory");
    }
    fs::path root = fs::absolute(p).lexically_normal();
    if (!root.has_filename() && root != root.root_path()) root = root.parent_path();
    roots.push_back(std::move(root));
  }
  return roots;
}

/// True when `path` lies inside the folder `root`.
bool is_under(const std::string& path, const std::string& root) {
  return path.size() > root.size() && path.compare(0, root.size(), root) == 0 &&
         (root.back() == '/' || path[root.size()] == '/');
}

/// Opens a batch before the first write and commits it after
/// options.batch_size writes or kBatchPeriod, whichever comes first.
class Batches {
 public:
  Batches(Store& store, std::size_t size) : store_(store), size_(size) {}

  /// Call before each write.
  void before_write() {
    if (writes_ == 0) {
      store_.begin_batch();
      started_ = std::chrono::steady_clock::now();
    }
    ++writes_;
  }
  /// Call after each write.
  void after_write() {
    if (writes_ >= size_ || std::chrono::steady_clock::now() - started_ >= kBatchPeriod) flush();
  }
  /// Commits the open batch, if any.
  void flush() {
    if (writes_ > 0) store_.commit_batch();
    writes_ = 0;
  }

 private:
  Store& store_;
  std::size_t size_;
  std::size_t writes_ = 0;
  std::chrono::steady_clock::time_point started_;
};

void count(IngestSummary& sum, PutOutcome outcome) {
  switch (outcome) {
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
}

/// True when the walk saw `c` with the size and mtime it had when it was
/// last read, and the manifest gives it the same row (fingerprint): it is
/// not read again (unless options.force).
bool unchanged(const Candidate& c, std::int64_t metadata, const indexer::KnownSources& known) {
  if (!c.stamp) return false;
  FileStamp now = *c.stamp;
  now.metadata = metadata;
  const FileStamp* stored = known.find(c.path);
  return stored != nullptr && *stored == now;
}

/// Reports the warnings about `manifest` (its own, or about the row applied
/// to one article).
void report_manifest_warnings(const Manifest& manifest, const std::vector<Warning>& warnings,
                              IngestSummary& sum, IngestObserver& observer) {
  for (const Warning& w : warnings) observer.on_warning(manifest.path().string(), w);
  sum.warnings += static_cast<std::int64_t>(warnings.size());
}

/// Stores (or reports) what the pipeline made of one file.
void handle(const Candidate& c, Outcome& out, Store& store, Batches& batches, IngestSummary& sum,
            IngestObserver& observer, const ManifestUse& manifest) {
  if (out.parsed.rejected()) {
    ++sum.rejected;
    observer.on_rejected(c.path, out.parsed.rejection);
  } else {
    const Article& a = *out.parsed.article;
    sum.bytes += a.sources.empty() ? 0 : a.sources[0].bytes;
    for (const Warning& w : a.warnings) observer.on_warning(c.path, w);
    sum.warnings += static_cast<std::int64_t>(a.warnings.size());
    if (manifest.manifest != nullptr) {
      report_manifest_warnings(*manifest.manifest, out.manifest_warnings, sum, observer);
    }
    batches.before_write();
    count(sum, store.put(a, out.stamp, out.tokens ? &*out.tokens : nullptr));
    batches.after_write();
  }
}

/// Forgets the stored sources under the folders among `roots` that the walk
/// did not find and that are gone from the disk.
void prune(const std::vector<fs::path>& roots, const indexer::PathSet& seen, Store& store,
           Batches& batches, IngestSummary& sum) {
  std::vector<std::string> dirs;
  for (const fs::path& root : roots) {
    std::error_code ec;
    if (fs::is_directory(root, ec)) dirs.push_back(root.string());
  }
  std::vector<std::string> gone;  // read whole before the first forget
  store.for_each_source([&](std::string_view path, const FileStamp&) {
    if (seen.contains(path)) return;
    const std::string p(path);
    if (std::none_of(dirs.begin(), dirs.end(),
                     [&](const std::string& d) { return is_under(p, d); })) {
      return;
    }
    std::error_code ec;
    if (!fs::exists(fs::symlink_status(p, ec))) gone.push_back(p);
  });
  for (const std::string& path : gone) {
    batches.before_write();
    if (store.forget_source(path)) ++sum.pruned;
    batches.after_write();
  }
}

/// The indexes of the files to read, in walk order, each also marked in
/// `read`: the others are unchanged, or could not be walked. The stored
/// stamps are held only until this returns.
std::vector<std::size_t> files_to_read(std::future<indexer::KnownSources> stored,
                                       const indexer::FileList& files, const IngestOptions& options,
                                       const ManifestUse& use, std::vector<bool>& read) {
  const indexer::KnownSources known = stored.get();
  std::vector<std::size_t> queue;
  for (std::size_t i = 0; i < files.size(); ++i) {
    const Candidate c = files[i];
    const ManifestEntry* entry = use.find(c.path);
    const std::int64_t metadata = entry != nullptr ? indexer::fingerprint(*entry) : 0;
    read[i] = c.walk_error.empty() && (options.force || !unchanged(c, metadata, known));
    if (read[i]) queue.push_back(i);
  }
  return queue;
}

/// The stamps of the stored sources, read on a thread of their own while
/// the walk runs (on a cold cache both wait on the disk, and the walk does
/// not use the store); none with --force, which reads every file.
std::future<indexer::KnownSources> read_stamps(const Store& store, const IngestOptions& options) {
  if (options.force)
    return std::async(std::launch::deferred, [] { return indexer::KnownSources(); });
  return std::async(std::launch::async, [&store] { return indexer::KnownSources(store); });
}

}  // namespace

IngestSummary ingest(Store& store, const std::vector<fs::path>& paths, const IngestOptions& options,
                     IngestObserver& observer) {
  const auto started = std::chrono::steady_clock::now();
  const std::vector<fs::path> roots = resolve_roots(paths);
  std::optional<Manifest> manifest;
  ManifestUse use;
  if (options.metadata) {
    manifest = Manifest::read(*options.metadata);
    use.manifest = &*manifest;
    for (const fs::path& root : roots) {
      std::error_code ec;
      use.folders.push_back(fs::is_directory(root, ec) ? root : root.parent_path());
    }
  }
  std::future<indexer::KnownSources> stored = read_stamps(store, options);
  indexer::FileList files;
  indexer::Walker walker(options, files);
  for (const fs::path& root : roots) walker.walk_root(root);

  IngestSummary sum;
  sum.files = static_cast<std::int64_t>(files.size());
  if (manifest) report_manifest_warnings(*manifest, manifest->warnings(), sum, observer);
  indexer::PathSet seen;
  if (options.prune) seen.reserve(files.size());
  Batches batches(store, options.batch_size);
  std::vector<bool> read(files.size(), false);
  std::vector<std::size_t> queue = files_to_read(std::move(stored), files, options, use, read);
  {
    indexer::ParsePipeline pipeline(files, std::move(queue), options, use);
    std::size_t taken = 0;
    for (std::size_t i = 0; i < files.size(); ++i) {
      const Candidate c = files[i];
      if (options.prune) seen.add(c.path);
      if (read[i]) {
        Outcome out = pipeline.take(taken++);
        handle(c, out, store, batches, sum, observer, use);
      } else if (!c.walk_error.empty()) {
        ++sum.rejected;
        observer.on_rejected(c.path, c.walk_error);
      } else {
        ++sum.unchanged;
      }
      if ((i + 1) % kProgressEvery == 0) {
        observer.on_progress(static_cast<std::int64_t>(i + 1), sum.files);
      }
    }
  }
  if (options.prune) {
    seen.seal();
    prune(roots, seen, store, batches, sum);
  }
  batches.flush();
  store.settle();
  observer.on_progress(sum.files, sum.files);
  sum.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return sum;
}

}  // namespace newsidx
