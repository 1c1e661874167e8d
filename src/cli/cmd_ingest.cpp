// newsidx ingest PATH…: read files and folders into the database.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <thread>

#include "cli/common.hpp"
#include "newsidx/error.hpp"
#include "newsidx/indexer.hpp"
#include "newsidx/json.hpp"
#include "newsidx/printer.hpp"

namespace newsidx::cli {
namespace {

struct IngestCommand {
  unsigned jobs = 0;
  std::vector<std::string> extensions;
  std::string max_size;
  std::string metadata;
  bool prune = false;
  bool force = false;
  bool follow = false;
  bool quiet = false;
  bool json = false;
};

/// Prints rejections and warnings as they come, and a progress bar on a terminal.
class ConsoleObserver : public IngestObserver {
 public:
  explicit ConsoleObserver(bool progress) : progress_(progress) {}

  void on_rejected(const std::string& path, const std::string& reason) override {
    clear_bar();
    diag("rejected", quote_path(path) + ": " + reason);
  }
  void on_warning(const std::string& path, const Warning& w) override {
    clear_bar();
    diag("warning", quote_path(path) + ":" + std::to_string(w.line) + ": " + w.message);
  }
  void on_progress(std::int64_t done, std::int64_t total) override {
    if (!progress_) return;
    const auto now = std::chrono::steady_clock::now();
    if (done != total && now - last_draw_ < std::chrono::milliseconds(100)) return;
    last_draw_ = now;
    const double seconds = std::chrono::duration<double>(now - started_).count();
    std::fprintf(stderr, "\r\033[K%s", format_progress(done, total, seconds).c_str());
    std::fflush(stderr);
    drawn_ = true;
  }
  void clear_bar() {
    if (!drawn_) return;
    std::fputs("\r\033[K", stderr);
    drawn_ = false;
  }

 private:
  bool progress_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point last_draw_{};
};

void run_ingest(const IngestCommand& opts, Context& ctx) {
  require_operands(ctx, "ingest", "the files or folders to read (PATH...)");
  IngestOptions options;
  options.jobs = opts.jobs;
  options.prune = opts.prune;
  options.force = opts.force;
  options.follow = opts.follow;
  if (!opts.extensions.empty()) {
    options.extensions.clear();
    for (const std::string& e : opts.extensions) {
      if (e.empty() || e == ".") throw Error(ErrorCode::kUsage, "--ext: empty extension");
      options.extensions.push_back(e[0] == '.' ? e : "." + e);
    }
  }
  if (!opts.max_size.empty()) options.max_size = size_option("--max-size", opts.max_size);
  require_existing(ctx.operands);
  if (!opts.metadata.empty()) options.metadata = opts.metadata;
  const std::vector<std::filesystem::path> paths(ctx.operands.begin(), ctx.operands.end());

  Store store = open_store(ctx, Store::Access::kReadWrite);
  ConsoleObserver observer(!opts.quiet && ::isatty(2) != 0);
  const IngestSummary summary = ingest(store, paths, options, observer);
  observer.clear_bar();
  if (opts.json) out_line(summary_json(summary));
  if (!opts.quiet) {
    const std::string line = format_summary(summary) + "\n";
    std::fputs(line.c_str(), stderr);
  }
  ctx.exit_code = summary.rejected > 0 ? kExitNothing : kExitOk;
}

}  // namespace

void add_ingest_command(CLI::App& app, Context& ctx) {
  auto opts = std::make_shared<IngestCommand>();
  CLI::App* cmd = app.add_subcommand(
      "ingest",
      "Read article files and folders (PATH...; folders are walked for *.txt) into the "
      "database");
  add_global_options(*cmd, ctx);
  cmd->add_option("-j,--jobs", opts->jobs,
                  "Threads that walk and parse the files (default: all cores)")
      ->check(CLI::Range(1u, 256u));
  cmd->add_option("--ext", opts->extensions, "File ending to read in folders (repeatable)");
  cmd->add_option("--max-size", opts->max_size, "Reject larger files (default 16M)");
  cmd->add_option("--metadata", opts->metadata,
                  "A CSV, TSV or JSON Lines table of file, title, author, source, url, date: "
                  "its values win over the files'");
  cmd->add_flag("--prune", opts->prune, "Forget stored files under these folders that are gone");
  cmd->add_flag("--force", opts->force, "Re-read every file, even unchanged ones");
  cmd->add_flag("--follow", opts->follow, "Follow symbolic links to folders");
  cmd->add_flag("-q,--quiet", opts->quiet, "No progress bar and no summary");
  cmd->add_flag("--json", opts->json, "Print the summary as one JSON object on stdout");
  cmd->footer(
      "A file whose name starts with '-' goes after '--': newsidx ingest -- -notes.txt\n"
      "Examples:\n"
      "  newsidx ingest data/\n"
      "  newsidx --db press.db ingest --prune --ext txt --ext text data/\n"
      "  newsidx ingest --json data/ | jq .added");
  cmd->callback([opts, &ctx] { run_ingest(*opts, ctx); });
}

}  // namespace newsidx::cli
