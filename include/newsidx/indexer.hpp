// The indexer: files and folders in, articles in the Store out (SPEC §5.1).
//
// Walks the given paths, parses files in parallel worker threads, and writes
// from the calling thread alone, in batched transactions, so that a killed
// ingest leaves only complete batches behind.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "newsidx/article.hpp"
#include "newsidx/forget_summary.hpp"
#include "newsidx/ingest_summary.hpp"
#include "newsidx/manifest.hpp"
#include "newsidx/parser.hpp"
#include "newsidx/store.hpp"

namespace newsidx {

/// How `ingest` reads its input.
struct IngestOptions {
  /// File name endings to take from folders, with the dot. Files named
  /// explicitly are always read.
  std::vector<std::string> extensions = {".txt"};
  std::uint64_t max_size = kDefaultMaxFileSize;
  bool prune = false;   ///< forget sources under the given folders whose files are gone
  bool force = false;   ///< re-read files whose size and mtime are unchanged
  bool follow = false;  ///< follow symbolic links to folders
  unsigned jobs = 0;    ///< walking and parsing threads; 0 = one per core
  /// Files per transaction at most; a transaction also ends after 2 s.
  std::size_t batch_size = 20000;
  /// A metadata manifest (manifest.hpp) whose rows apply to the files they
  /// name: its values win over the files'. A row's relative file name is
  /// taken from the manifest's folder or from a folder being ingested. Each
  /// source remembers a fingerprint of the row applied to it (none without a
  /// manifest or a row): a file whose row changed, appeared or went away is
  /// read again even when the file did not change, so that what is stored
  /// is always the files as this ingest's manifest (or none) says.
  std::optional<std::filesystem::path> metadata;
};

/// Receives what an ingest notices; the library never prints. All calls come
/// from the thread that called ingest().
class IngestObserver {
 public:
  virtual ~IngestObserver() = default;
  /// A file (or unreadable folder) that was not stored, and why.
  virtual void on_rejected(const std::string& /*path*/, const std::string& /*reason*/) {}
  /// A warning about a stored file, or about a line of the manifest (then
  /// `path` is the manifest's).
  virtual void on_warning(const std::string& /*path*/, const Warning& /*warning*/) {}
  /// `done` of `total` files handled so far; called now and then.
  virtual void on_progress(std::int64_t /*done*/, std::int64_t /*total*/) {}
};

/// Ingests `paths` (files and folders) into `store`. Throws Error(kUsage)
/// before touching the database when a path does not exist or the manifest
/// cannot be read (Manifest::read()); Error(kDatabase)
/// when the database fails (batches committed before then are kept).
/// REQUIRES: `store` opened read-write.
IngestSummary ingest(Store& store, const std::vector<std::filesystem::path>& paths,
                     const IngestOptions& options, IngestObserver& observer);

/// Candidates an ambiguous id prefix lists: enough to pick a longer one.
inline constexpr std::size_t kMaxIdCandidates = 10;

/// Forgets what each of `what` names (Store::find_article): an article (an
/// id or id prefix) with every path of it, or one path, whose article stays
/// while another path holds it. Nothing is written when an argument names
/// nothing stored (it is then in `unknown`). A later ingest of the file
/// reads it again. Throws Error(kUsage) for an ambiguous id prefix, with its
/// candidates, before writing anything. REQUIRES: `store` opened read-write.
ForgetSummary forget(Store& store, const std::vector<std::string>& what);

}  // namespace newsidx
