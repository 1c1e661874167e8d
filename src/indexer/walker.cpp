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

}  // namespace

namespace {

FileStamp stamp_of(const struct stat& st) {
  return FileStamp{
      static_cast<std::int64_t>(st.st_size),
      static_cast<std::int64_t>(st.st_mtim.tv_sec) * kNsPerSecond + st.st_mtim.tv_nsec};
}

}  // namespace

void Walker::walk_root(const fs::path& root) {
  struct stat st {};
  const bool resolves = ::stat(root.c_str(), &st) == 0;
  if (resolves && S_ISDIR(st.st_mode)) {
    walk_dir(root, st);
  } else {
    out_.push_back({root.string(), {}, resolves ? std::optional(stamp_of(st)) : std::nullopt});
  }
}

void Walker::walk_dir(const fs::path& dir, const struct stat& st) {
  // (device, inode) of every folder entered: link loops and bind mounts end here.
  if (!visited_.insert({st.st_dev, st.st_ino}).second) return;
  DIR* const stream = ::opendir(dir.c_str());
  if (stream == nullptr) {
    out_.push_back({dir.string(), std::strerror(errno), std::nullopt});
    return;
  }
  const std::unique_ptr<DIR, int (*)(DIR*)> closer(stream, ::closedir);
  std::vector<std::pair<std::string, unsigned char>> entries;
  errno = 0;
  while (const dirent* e = ::readdir(stream)) {
    if (e->d_name[0] != '.') entries.emplace_back(e->d_name, e->d_type);  // hidden, . and ..
    errno = 0;
  }
  if (errno != 0) {
    out_.push_back({dir.string(), std::strerror(errno), std::nullopt});
    return;
  }
  std::sort(entries.begin(), entries.end());
  for (const auto& [name, type] : entries) walk_entry(dir, ::dirfd(stream), name, type);
}

void Walker::walk_entry(const fs::path& dir, int dir_fd, const std::string& name,
                        unsigned char type) {
  const fs::path path = dir / name;
  bool link = type == DT_LNK;
  if (type == DT_UNKNOWN) {
    struct stat own {};
    link = ::fstatat(dir_fd, name.c_str(), &own, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(own.st_mode);
  }
  struct stat target {};
  const bool resolves = ::fstatat(dir_fd, name.c_str(), &target, 0) == 0;
  const int stat_error = resolves ? 0 : errno;
  if (!resolves && stat_error != ENOENT && stat_error != ELOOP &&
      !has_extension(path, options_.extensions)) {
    // Neither a file to read nor a folder to enter, as far as we can
    // tell (e.g. a path longer than PATH_MAX): say so rather than skip it.
    out_.push_back({path.string(), std::strerror(stat_error), std::nullopt});
  } else if (resolves && S_ISDIR(target.st_mode)) {
    if (!link || options_.follow) walk_dir(path, target);
  } else if (has_extension(path, options_.extensions)) {
    out_.push_back({path.string(), {}, resolves ? std::optional(stamp_of(target)) : std::nullopt});
  }
}

}  // namespace newsidx::indexer
