// Walker: the files an ingest reads, found under the paths it was given.
// Private to the indexer.
//
// Not thread-safe; used by the ingest's thread before parsing starts.
#pragma once

#include <sys/stat.h>

#include <cstdint>
#include <filesystem>
#include <limits>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "indexer/worker_pool.hpp"
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

/// The files a walk found, in walk order, held compactly: an ingest of a
/// million files holds them all at once. Each folder's path is kept once,
/// each file as its name there with the size and mtime the walk saw (about
/// 60 bytes a file, where a Candidate takes 150 or more); what the walk
/// could not read (rare) is kept whole.
class FileList {
 public:
  /// Adds a folder whose files follow; returns its number for add_file().
  std::uint32_t add_folder(const std::filesystem::path& dir);
  /// Adds the file `name` of folder `folder`.
  void add_file(std::uint32_t folder, std::string name, std::optional<FileStamp> stamp);
  /// Adds a path on its own: a file given as a root, or an entry the walk
  /// could not read (`walk_error` set).
  void add_path(std::string path, std::optional<FileStamp> stamp, std::string walk_error = {});

  [[nodiscard]] std::size_t size() const { return files_.size(); }
  /// The path of file `i` (as `folder / name` would spell it).
  [[nodiscard]] std::string path(std::size_t i) const;
  /// File `i`, whole.
  [[nodiscard]] Candidate operator[](std::size_t i) const;

 private:
  static constexpr std::uint32_t kWholePath = std::numeric_limits<std::uint32_t>::max();
  struct File {
    std::string name;  ///< in its folder, or the whole path (kWholePath)
    std::int64_t size = 0;
    std::int64_t mtime_ns = 0;
    std::uint32_t folder = kWholePath;
    bool stamped = false;
  };
  std::vector<std::string> folders_;  ///< each folder's path and a separator
  std::vector<File> files_;
  std::unordered_map<std::size_t, std::string> errors_;  ///< walk errors, by file
};

/// Collects the files under the given paths, in a stable order: hidden
/// entries skipped, folders walked in name order, links to folders followed
/// only with options.follow, every folder entered once (link loops end).
/// Entries are looked at relative to their folder (openat/fstatat): no path
/// is resolved again from the root for each file. A large folder's entries
/// are looked at by options.jobs threads together (see WorkerPool).
class Walker {
 public:
  Walker(const IngestOptions& options, FileList& out);

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
    std::uint32_t id;            ///< in the FileList
    std::vector<Entry> entries;  ///< in name order
    std::size_t next = 0;
  };

  /// Reads `dir` and puts it on top of the folders to walk.
  void enter(const std::filesystem::path& dir, const struct stat& st);
  void walk_entry(std::uint32_t folder, const std::filesystem::path& path, Entry e);
  /// Looks up every entry of `folder`, open as `dir_fd`.
  void stat_entries(int dir_fd, std::vector<Entry>& entries);

  const IngestOptions& options_;
  FileList& out_;
  std::set<std::pair<dev_t, ino_t>> visited_;
  std::vector<Folder> pending_;
  unsigned threads_;
  std::optional<WorkerPool> pool_;  ///< started at the first large folder
};

}  // namespace newsidx::indexer
