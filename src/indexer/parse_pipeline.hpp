// ParsePipeline: files read, parsed and analysed on worker threads, handed to
// the ingest's writer in walk order. Private to the indexer.
//
// The constructor starts the workers and the destructor stops them; take()
// is called by one thread (the writer) only.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "indexer/walker.hpp"
#include "newsidx/indexer.hpp"

namespace newsidx::indexer {

/// What a worker made of one file.
struct Outcome {
  FileStamp stamp;
  ParseResult parsed;
  std::optional<ArticleTokens> tokens;  ///< of parsed.article, analysed by the worker
  /// Warnings about the manifest row applied to the article, with its line.
  std::vector<Warning> manifest_warnings;
};

/// The manifest of an ingest and the folders its relative names may be
/// taken from.
struct ManifestUse {
  const Manifest* manifest = nullptr;  ///< none when null
  std::vector<std::filesystem::path> folders;

  /// The row about `path`, or nullptr.
  [[nodiscard]] const ManifestEntry* find(const std::string& path) const;
};

/// A fingerprint of what a manifest row gives (never 0, the fingerprint of
/// no row).
[[nodiscard]] std::int64_t fingerprint(const ManifestEntry& entry);

/// Reads, parses and analyses files on worker threads; hands outcomes over
/// in the order of `queue`, never more than a window of files ahead of the
/// consumer. Outcome k waits in slot k % window: the files in flight are
/// fewer than that, so slots are never shared, and memory does not grow
/// with the number of files.
class ParsePipeline {
 public:
  /// Starts options.jobs workers (all cores when 0) over the files of
  /// `files` that `queue` lists (indexes, in order), applying the rows of
  /// `manifest` to the articles. `files`, `options` and `manifest` must
  /// outlive the pipeline.
  ParsePipeline(const FileList& files, std::vector<std::size_t> queue, const IngestOptions& options,
                const ManifestUse& manifest);
  ~ParsePipeline();
  ParsePipeline(const ParsePipeline&) = delete;
  ParsePipeline& operator=(const ParsePipeline&) = delete;

  /// Blocks until the outcome of the k-th file of the queue is ready and
  /// takes it. REQUIRES: called for k = 0, 1, 2… in order.
  Outcome take(std::size_t k);

 private:
  void work();
  Outcome process(const std::string& path, std::optional<ArticleAnalyzer>& analyzer);

  const FileList& files_;
  const std::vector<std::size_t> queue_;
  const IngestOptions& options_;
  const ManifestUse& manifest_;
  std::vector<std::optional<Outcome>> slots_;
  std::vector<std::thread> workers_;
  std::mutex mu_;
  std::condition_variable filled_;  ///< a slot was filled (the writer waits)
  std::condition_variable space_;   ///< the window moved, or stop (workers wait)
  std::size_t next_ = 0;
  std::size_t consumed_ = 0;
  std::size_t window_ = 0;
  bool stop_ = false;
};

}  // namespace newsidx::indexer
