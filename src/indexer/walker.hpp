// Walker: the files an ingest reads, found under the paths it was given.
// Private to the indexer.
//
// Not thread-safe; used by the ingest's thread before parsing starts.
#pragma once

#include <sys/stat.h>

#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "newsidx/indexer.hpp"

namespace newsidx::indexer {

/// A file found by the walk, or a folder (or entry) the walk could not read.
struct Candidate {
  std::string path;
  std::string walk_error;  ///< set when the walk itself failed here
  /// Size and mtime of the file when the walk saw it: enough to tell an
  /// unchanged file without looking at it again (nullopt when unknown).
  std::optional<FileStamp> stamp;
};

/// Collects the files under the given paths, in a stable order: hidden
/// entries skipped, folders walked in name order, links to folders followed
/// only with options.follow, every folder entered once (link loops end).
/// Entries are looked at relative to their folder (openat/fstatat): no path
/// is resolved again from the root for each file.
class Walker {
 public:
  Walker(const IngestOptions& options, std::vector<Candidate>& out)
      : options_(options), out_(out) {}

  /// Adds `root` itself when it is a file, else the files under it.
  void walk_root(const std::filesystem::path& root);

  /// One entry of a folder, looked up when the folder was read.
  struct Entry {
    std::string name;
    unsigned char type = 0;  ///< dirent d_type
    bool link = false;
    bool resolves = false;  ///< stat() of the entry (links followed) succeeded
    int stat_error = 0;     ///< errno when it did not
    struct stat target {};
  };

 private:
  /// A folder read and not yet walked to its end.
  struct Folder {
    std::filesystem::path dir;
    std::vector<Entry> entries;  ///< in name order
    std::size_t next = 0;
  };

  /// Reads `dir` and puts it on top of the folders to walk.
  void enter(const std::filesystem::path& dir, const struct stat& st);
  void walk_entry(const std::filesystem::path& path, const Entry& e);

  const IngestOptions& options_;
  std::vector<Candidate>& out_;
  std::set<std::pair<dev_t, ino_t>> visited_;
  std::vector<Folder> pending_;
};

}  // namespace newsidx::indexer
