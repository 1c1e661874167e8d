#include "indexer/walker.hpp"

#include <dirent.h>
#include <fcntl.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>

namespace newsidx::indexer {
namespace fs = std::filesystem;
namespace {

constexpr std::int64_t kNsPerSecond = 1'000'000'000;

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

void Walker::walk_root(const fs::path& root) {
  struct stat st {};
  const bool resolves = ::stat(root.c_str(), &st) == 0;
  if (!resolves || !S_ISDIR(st.st_mode)) {
    out_.push_back({root.string(), {}, resolves ? std::optional(stamp_of(st)) : std::nullopt});
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
    const Entry entry = std::move(top.entries[top.next++]);
    walk_entry(top.dir / entry.name, entry);  // may push onto pending_
  }
}

void Walker::enter(const fs::path& dir, const struct stat& st) {
  // (device, inode) of every folder entered: link loops and bind mounts end here.
  if (!visited_.insert({st.st_dev, st.st_ino}).second) return;
  DIR* const stream = ::opendir(dir.c_str());
  if (stream == nullptr) {
    out_.push_back({dir.string(), std::strerror(errno), std::nullopt});
    return;
  }
  const std::unique_ptr<DIR, int (*)(DIR*)> closer(stream, ::closedir);
  Folder folder{dir, {}, 0};
  errno = 0;
  while (const dirent* e = ::readdir(stream)) {
    if (e->d_name[0] != '.') {  // hidden, . and ..
      folder.entries.push_back(Entry{e->d_name, e->d_type});
    }
    errno = 0;
  }
  if (errno != 0) {
    out_.push_back({dir.string(), std::strerror(errno), std::nullopt});
    return;
  }
  std::sort(folder.entries.begin(), folder.entries.end(),
            [](const Entry& a, const Entry& b) { return a.name < b.name; });
  for (Entry& e : folder.entries) stat_entry(::dirfd(stream), e);
  pending_.push_back(std::move(folder));
}

void Walker::walk_entry(const fs::path& path, const Entry& e) {
  if (!e.resolves && e.stat_error != ENOENT && e.stat_error != ELOOP &&
      !has_extension(path, options_.extensions)) {
    // Neither a file to read nor a folder to enter, as far as we can
    // tell (e.g. a path longer than PATH_MAX): say so rather than skip it.
    out_.push_back({path.string(), std::strerror(e.stat_error), std::nullopt});
  } else if (e.resolves && S_ISDIR(e.target.st_mode)) {
    if (!e.link || options_.follow) enter(path, e.target);
  } else if (has_extension(path, options_.extensions)) {
    out_.push_back(
        {path.string(), {}, e.resolves ? std::optional(stamp_of(e.target)) : std::nullopt});
  }
}

}  // namespace newsidx::indexer
