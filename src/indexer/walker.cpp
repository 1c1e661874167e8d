#include "indexer/walker.hpp"

#include <dirent.h>
#include <fcntl.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>
#include <stdexcept>

namespace newsidx::indexer {
namespace fs = std::filesystem;
namespace {

constexpr std::int64_t kNsPerSecond = 1'000'000'000;
// Folders with fewer entries are looked at by the walk's thread alone.
constexpr std::size_t kSharedFolder = 64;

bool has_extension(const fs::path& p, const std::vector<std::string>& extensions) {
  const std::string name = p.filename().string();
  return std::any_of(extensions.begin(), extensions.end(), [&](const std::string& ext) {
    return name.size() > ext.size() && name.compare(name.size() - ext.size(), ext.size(), ext) == 0;
  });
}

FileStamp stamp_of(const struct stat& st) {
  return FileStamp{
      static_cast<std::int64_t>(st.st_size),
      static_cast<std::int64_t>(st.st_mtim.tv_sec) * kNsPerSecond + st.st_mtim.tv_nsec};
}

/// Looks `e` up relative to its folder, open as `dir_fd`.
void stat_entry(int dir_fd, Walker::Entry& e) {
  e.link = e.type == DT_LNK;
  if (e.type == DT_UNKNOWN) {
    struct stat own {};
    e.link =
        ::fstatat(dir_fd, e.name.c_str(), &own, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(own.st_mode);
  }
  e.resolves = ::fstatat(dir_fd, e.name.c_str(), &e.target, 0) == 0;
  e.stat_error = e.resolves ? 0 : errno;
}

}  // namespace

std::uint32_t FileList::add_folder(const fs::path& dir) {
  if (folders_.size() >= kWholePath) throw std::length_error("too many folders");
  folders_.push_back((dir / "").string());
  return static_cast<std::uint32_t>(folders_.size() - 1);
}

void FileList::add_file(std::uint32_t folder, std::string name, std::optional<FileStamp> stamp) {
  File f{std::move(name), 0, 0, folder, stamp.has_value()};
  if (stamp) {
    f.size = stamp->size;
    f.mtime_ns = stamp->mtime_ns;
  }
  files_.push_back(std::move(f));
}

void FileList::add_path(std::string path, std::optional<FileStamp> stamp, std::string walk_error) {
  if (!walk_error.empty()) errors_.emplace(files_.size(), std::move(walk_error));
  add_file(kWholePath, std::move(path), stamp);
}

std::string FileList::path(std::size_t i) const {
  const File& f = files_[i];
  return f.folder == kWholePath ? f.name : folders_[f.folder] + f.name;
}

Candidate FileList::operator[](std::size_t i) const {
  const File& f = files_[i];
  Candidate c{path(i), {}, std::nullopt};
  if (f.stamped) c.stamp = FileStamp{f.size, f.mtime_ns};
  if (const auto it = errors_.find(i); it != errors_.end()) c.walk_error = it->second;
  return c;
}

Walker::Walker(const IngestOptions& options, FileList& out)
    : options_(options), out_(out), threads_(thread_count(options.jobs)) {}

void Walker::walk_root(const fs::path& root) {
  struct stat st {};
  const bool resolves = ::stat(root.c_str(), &st) == 0;
  if (!resolves || !S_ISDIR(st.st_mode)) {
    out_.add_path(root.string(), resolves ? std::optional(stamp_of(st)) : std::nullopt);
    return;
  }
  // Depth first with a stack of our own: a tree thousands of folders deep
  // costs heap, not call stack, and no folder stays open below its children.
  enter(root, st);
  while (!pending_.empty()) {
    Folder& top = pending_.back();
    if (top.next == top.entries.size()) {
      pending_.pop_back();
      continue;
    }
    Entry entry = std::move(top.entries[top.next++]);
    fs::path path = top.dir / entry.name;        // before `entry` is moved from
    walk_entry(top.id, path, std::move(entry));  // may push onto pending_
  }
}

void Walker::enter(const fs::path& dir, const struct stat& st) {
  // (device, inode) of every folder entered: link loops and bind mounts end here.
  if (!visited_.insert({st.st_dev, st.st_ino}).second) return;
  DIR* const stream = ::opendir(dir.c_str());
  if (stream == nullptr) {
    out_.add_path(dir.string(), std::nullopt, std::strerror(errno));
    return;
  }
  const std::unique_ptr<DIR, int (*)(DIR*)> closer(stream, ::closedir);
  Folder folder{dir, 0, {}, 0};
  errno = 0;
  while (const dirent* e = ::readdir(stream)) {
    if (e->d_name[0] != '.') {  // hidden, . and ..
      folder.entries.push_back(Entry{e->d_name, e->d_type});
    }
    errno = 0;
  }
  if (errno != 0) {
    out_.add_path(dir.string(), std::nullopt, std::strerror(errno));
    return;
  }
  std::sort(folder.entries.begin(), folder.entries.end(),
            [](const Entry& a, const Entry& b) { return a.name < b.name; });
  stat_entries(::dirfd(stream), folder.entries);
  folder.id = out_.add_folder(dir);
  pending_.push_back(std::move(folder));
}

void Walker::stat_entries(int dir_fd, std::vector<Entry>& entries) {
  if (threads_ < 2 || entries.size() < kSharedFolder) {
    for (Entry& e : entries) stat_entry(dir_fd, e);
    return;
  }
  if (!pool_) pool_.emplace(threads_);
  pool_->run(entries.size(), [&](std::size_t i) { stat_entry(dir_fd, entries[i]); });
}

void Walker::walk_entry(std::uint32_t folder, const fs::path& path, Entry e) {
  if (!e.resolves && e.stat_error != ENOENT && e.stat_error != ELOOP &&
      !has_extension(path, options_.extensions)) {
    // Neither a file to read nor a folder to enter, as far as we can
    // tell (e.g. a path longer than PATH_MAX): say so rather than skip it.
    out_.add_path(path.string(), std::nullopt, std::strerror(e.stat_error));
  } else if (e.resolves && S_ISDIR(e.target.st_mode)) {
    if (!e.link || options_.follow) enter(path, e.target);
  } else if (has_extension(path, options_.extensions)) {
    out_.add_file(folder, std::move(e.name),
                  e.resolves ? std::optional(stamp_of(e.target)) : std::nullopt);
  }
}

}  // namespace newsidx::indexer
