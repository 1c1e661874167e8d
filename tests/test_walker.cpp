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
