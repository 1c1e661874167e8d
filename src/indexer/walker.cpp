#include "indexer/walker.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace newsidx::indexer {
namespace fs = std::filesystem;
namespace {

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

}  // namespace

void Walker::walk_root(const fs::path& root) {
  struct stat st {};
  if (::stat(root.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) {
    walk_dir(root, st);
  } else {
    out_.push_back({root.string(), {}});
  }
}

void Walker::walk_dir(const fs::path& dir, const struct stat& st) {
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

}  // namespace newsidx::indexer
