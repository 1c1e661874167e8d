// Walker and FileList: the files an ingest reads, in walk order, held
// compactly (a folder's path once, each file as its name there).
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <filesystem>

#include "indexer/walker.hpp"
#include "support.hpp"

using namespace newsidx;
using newsidx::indexer::Candidate;
using newsidx::indexer::FileList;
using newsidx::indexer::Walker;
using newsidx::test::TempDir;
using newsidx::test::write_file;
namespace fs = std::filesystem;

namespace {

std::vector<std::string> paths_of(const FileList& files) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < files.size(); ++i) out.push_back(files.path(i));
  return out;
}

}  // namespace

TEST_CASE("a walk lists files in name order, folders where they sort, with their stamps",
          "[walker]") {
  TempDir dir;
  write_file(dir.path() / "b.txt", "bb");
  write_file(dir.path() / "a" / "z.txt", "z");
  write_file(dir.path() / "a" / "y" / "x.txt", "xxx");
  write_file(dir.path() / "c" / "d.txt", "dddd");
  write_file(dir.path() / "c" / "skip.md", "not listed");
  write_file(dir.path() / ".hidden" / "h.txt", "not listed");
  const IngestOptions options;
  FileList files;
  Walker walker(options, files);
  walker.walk_root(dir.path());
  walker.walk_root(dir.path() / "b.txt");  // a file given as a root
  const std::string root = dir.path().string();
  CHECK(paths_of(files) == std::vector<std::string>{root + "/a/y/x.txt", root + "/a/z.txt",
                                                    root + "/b.txt", root + "/c/d.txt",
                                                    root + "/b.txt"});
  for (std::size_t i = 0; i < files.size(); ++i) {
    const Candidate c = files[i];
    CHECK(c.path == files.path(i));
    CHECK(c.walk_error.empty());
    REQUIRE(c.stamp.has_value());
    CHECK(c.stamp->size == static_cast<std::int64_t>(fs::file_size(c.path)));
    struct stat st {};
    REQUIRE(::stat(c.path.c_str(), &st) == 0);
    CHECK(c.stamp->mtime_ns == st.st_mtim.tv_sec * 1'000'000'000LL + st.st_mtim.tv_nsec);
  }
}

TEST_CASE("a file list spells a path as its folder and name would, and keeps walk errors",
          "[walker]") {
  FileList files;
  const std::uint32_t top = files.add_folder("/");
  const std::uint32_t sub = files.add_folder("/srv/news");
  files.add_file(sub, "a.txt", FileStamp{3, 4});
  files.add_path("/srv/gone", std::nullopt, "Permission denied");
  files.add_file(top, "b.txt", std::nullopt);
  REQUIRE(files.size() == 3);
  CHECK(files.path(0) == (fs::path("/srv/news") / "a.txt").string());
  CHECK(files.path(2) == (fs::path("/") / "b.txt").string());
  CHECK(files[0].stamp == FileStamp{3, 4});
  CHECK(files[1].path == "/srv/gone");
  CHECK(files[1].walk_error == "Permission denied");
  CHECK(!files[1].stamp);
  CHECK(files[2].walk_error.empty());
  CHECK(!files[2].stamp);
}

namespace {

/// Everything a walk found, spelt out: path, error, size and mtime.
std::vector<std::string> walk_of(const fs::path& root, unsigned jobs) {
  IngestOptions options;
  options.jobs = jobs;
  options.follow = true;
  FileList files;
  Walker walker(options, files);
  walker.walk_root(root);
  std::vector<std::string> out;
  for (std::size_t i = 0; i < files.size(); ++i) {
    const Candidate c = files[i];
    out.push_back(c.path + " | " + c.walk_error + " | " +
                  (c.stamp ? std::to_string(c.stamp->size) + " " + std::to_string(c.stamp->mtime_ns)
                           : std::string("no stamp")));
  }
  return out;
}

}  // namespace

TEST_CASE("a large folder is looked at by several threads with the same result as by one",
          "[walker]") {
  TempDir dir;
  // 300 entries: files of different sizes, folders and links among them,
  // a link that leads nowhere and a link to a folder, in one folder.
  for (int i = 0; i < 300; ++i) {
    const std::string name = "f" + std::to_string(i);
    if (i % 50 == 7) {
      write_file(dir.path() / name / "inner.txt", std::string(static_cast<std::size_t>(i), 'i'));
    } else if (i % 50 == 13) {
      fs::create_symlink(dir.path() / "missing.txt", dir.path() / (name + ".txt"));
    } else if (i % 50 == 21) {
      fs::create_directory_symlink(dir.path() / "f7", dir.path() / name);
    } else {
      write_file(dir.path() / (name + ".txt"), std::string(static_cast<std::size_t>(i), 'x'));
    }
  }
  const std::vector<std::string> alone = walk_of(dir.path(), 1);
  const std::vector<std::string> shared = walk_of(dir.path(), 2);
  const std::vector<std::string> many = walk_of(dir.path(), 8);
  // 282 files, 6 broken links (kept, without stamp), and the inner.txt of
  // 6 folders; the 6 links lead to a folder already walked, entered once.
  REQUIRE(alone.size() == 282 + 6 + 6);
  CHECK(shared == alone);
  CHECK(many == alone);
  CHECK(std::count_if(alone.begin(), alone.end(), [](const std::string& s) {
          return s.find("no stamp") != std::string::npos;
        }) == 6);
  INFO(alone.front());
  CHECK(alone.front().find("/f0.txt |  | 0 ") != std::string::npos);
}
