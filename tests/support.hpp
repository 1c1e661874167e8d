// Helpers shared by the tests: temporary folders, files, and running the
// built `newsidx` binary as a user would.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "newsidx/article.hpp"
#include "newsidx/search.hpp"

namespace newsidx::test {

/// A fresh temporary folder, removed with everything in it on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  [[nodiscard]] const std::filesystem::path& path() const { return path_; }
  /// path() / relative, as a string.
  [[nodiscard]] std::string operator/(std::string_view relative) const;

 private:
  std::filesystem::path path_;
};

/// Writes `bytes` to `path`, creating parent folders.
void write_file(const std::filesystem::path& path, std::string_view bytes);
/// Reads a whole file.
[[nodiscard]] std::string read_file(const std::filesystem::path& path);

/// What a finished process left behind.
struct RunResult {
  int exit_code = -1;  ///< exit status, or 128 + signal number
  std::string out;
  std::string err;
};

/// Runs the built newsidx binary with `args`, stdin from /dev/null (or
/// `input`), and the environment of the test plus `env` (a value of nullopt
/// unsets the variable). NEWSIDX_DB and NO_COLOR are unset unless given.
RunResult run_newsidx(const std::vector<std::string>& args,
                      const std::map<std::string, std::optional<std::string>>& env = {},
                      std::optional<std::string> input = std::nullopt);

/// Runs the built newsidx binary like run_newsidx(), with its stdout a
/// pseudo-terminal `columns` wide and `rows` high (stdin and stderr as in
/// run_newsidx()). `out` is what the terminal received, its CR LF line
/// endings as LF.
RunResult run_on_terminal(const std::vector<std::string>& args, unsigned short columns,
                          unsigned short rows,
                          const std::map<std::string, std::optional<std::string>>& env = {});

/// Runs any program (argv[0] is looked up in PATH) like run_newsidx().
RunResult run_program(const std::vector<std::string>& argv,
                      const std::map<std::string, std::optional<std::string>>& env = {},
                      std::optional<std::string> input = std::nullopt);

/// Article `n` of a generated archive, one paragraph of `body`, at
/// `/gen/<n>.txt`: undated, or dated to a year, a month or a day from 2014
/// to 2017, drawn from `random`.
[[nodiscard]] Article generated_article(std::mt19937& random, int n, const std::string& body);

/// Writes articles `first` to `first + n - 1` of a generated archive (a few
/// word families, the words of a phrase, and filler; a third with words in
/// their title too) into the database at `db`, created when absent.
void fill_generated(const std::filesystem::path& db, int n, int first = 0);

/// The request of `query` (as typed), with `--from FROM` and `--to TO` when
/// given (as typed too).
[[nodiscard]] SearchRequest request_between(std::string_view query,
                                            std::optional<std::string_view> from,
                                            std::optional<std::string_view> to);

/// The requests of a test grid: each query × page (limit, offset) × dates
/// (none, then `--from FROM --to TO`) × collapse (off, on) × order.
struct RequestGrid {
  std::vector<std::string> queries;
  std::vector<std::pair<std::int64_t, std::int64_t>> pages;
  std::string_view from;
  std::string_view to;
  std::vector<SortOrder> sorts;
};

/// Calls `fn` with each request of `grid`; the assertions of `fn` say which.
void for_each_request(const RequestGrid& grid, const std::function<void(const SearchRequest&)>& fn);

/// `piece` repeated `times` times.
[[nodiscard]] std::string repeat(std::string_view piece, std::size_t times);

/// `text` as UTF-16 bytes after a byte-order mark, little- or big-endian.
[[nodiscard]] std::string utf16_with_bom(std::u16string_view text, bool little_endian);

/// The non-empty lines of `text`.
[[nodiscard]] std::vector<std::string> lines_of(std::string_view text);

/// `../shared/corpus/<name>` beside the source tree, or nullopt when absent
/// (tests that need it then skip).
[[nodiscard]] std::optional<std::filesystem::path> shared_corpus(std::string_view name);

/// Marks the running test case as skipped, saying why: prints
/// "SKIPPED: <reason>", which CTest reads as a skip (tests/CMakeLists.txt),
/// so that a test that could not run is not counted as passed. Use as
/// `return skip("…");` before any check.
void skip(std::string_view reason);

/// The project's own sample articles, `data/`.
[[nodiscard]] std::filesystem::path sample_data();

}  // namespace newsidx::test
