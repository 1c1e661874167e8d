#include "cli/pager.hpp"

#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "cli/common.hpp"
#include "newsidx/terminal_text.hpp"
#include "newsidx/unique_fd.hpp"

namespace newsidx::cli {
namespace {

/// The size of a terminal that does not say, as terminals start.
constexpr TerminalSize kDefaultSize{80, 24};
/// What sh answers when it cannot find or run a command.
constexpr int kCannotExecute = 126;
constexpr int kNotFound = 127;

/// What out() writes into while a PagedOutput keeps it.
std::string* kept = nullptr;

std::size_t env_size(const char* name, std::size_t fallback) {
  const char* v = std::getenv(name);
  if (v == nullptr) return fallback;
  char* end = nullptr;
  const long n = std::strtol(v, &end, 10);
  return end != v && *end == '\0' && n > 0 ? static_cast<std::size_t>(n) : fallback;
}

/// Writes all of `text` to `fd`; stops early when the reader is gone.
void write_all(int fd, std::string_view text) {
  while (!text.empty()) {
    const ssize_t n = ::write(fd, text.data(), text.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;  // EPIPE: the pager was quit before the end
    text.remove_prefix(static_cast<std::size_t>(n));
  }
}

/// Runs `command` with /bin/sh, its stdin reading `text`, and waits for it.
/// False when it could not be run (then nothing was shown).
bool show_through(const std::string& command, std::string_view text) {
  int ends[2];
  if (::pipe2(ends, O_CLOEXEC) != 0) return false;
  UniqueFd read_end(ends[0]);
  UniqueFd write_end(ends[1]);
  // As git does: less quits when the text fits, keeps colours and the screen.
  ::setenv("LESS", "FRX", 0);
  ::setenv("LV", "-c", 0);
  std::fflush(stdout);
  const pid_t pid = ::fork();
  if (pid < 0) return false;
  if (pid == 0) {
    if (::dup2(read_end.get(), STDIN_FILENO) < 0) ::_exit(kNotFound);
    ::execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
    ::_exit(kNotFound);
  }
  read_end.reset();
  // A pager quit early closes the pipe: the write then fails, no signal.
  struct sigaction ignore {};
  struct sigaction before {};
  ignore.sa_handler = SIG_IGN;
  sigemptyset(&ignore.sa_mask);
  ::sigaction(SIGPIPE, &ignore, &before);
  write_all(write_end.get(), text);
  write_end.reset();
  ::sigaction(SIGPIPE, &before, nullptr);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return !(WIFEXITED(status) &&
           (WEXITSTATUS(status) == kNotFound || WEXITSTATUS(status) == kCannotExecute));
}

void write_stdout(std::string_view text) {
  std::fwrite(text.data(), 1, text.size(), stdout);
}

}  // namespace

std::optional<TerminalSize> stdout_terminal() {
  if (::isatty(STDOUT_FILENO) == 0) return std::nullopt;
  struct winsize ws {};
  TerminalSize size;
  if (::ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0) {
    size.columns = ws.ws_col;
    size.rows = ws.ws_row;
  }
  if (size.columns == 0) size.columns = env_size("COLUMNS", kDefaultSize.columns);
  if (size.rows == 0) size.rows = env_size("LINES", kDefaultSize.rows);
  return size;
}

std::size_t output_width() {
  const auto terminal = stdout_terminal();
  return terminal ? terminal->columns : 0;
}

std::optional<std::string> pager_command(const Context& ctx) {
  if (ctx.global.no_pager || ::isatty(STDOUT_FILENO) == 0) return std::nullopt;
  std::string command = "less -FRX";
  for (const char* name : {"NEWSIDX_PAGER", "PAGER"}) {
    if (const char* v = std::getenv(name)) {
      command = v;
      break;
    }
  }
  if (command.find_first_not_of(" \t") == std::string::npos || command == "cat") {
    return std::nullopt;
  }
  return command;
}

std::string* kept_output() {
  return kept;
}

PagedOutput::PagedOutput(const Context& ctx) : command_(pager_command(ctx)) {
  if (command_) kept = &kept_;
}

PagedOutput::~PagedOutput() {
  if (finished_) return;
  kept = nullptr;
  write_stdout(kept_);
}

void PagedOutput::finish() {
  finished_ = true;
  kept = nullptr;
  if (kept_.empty()) return;
  const auto terminal = stdout_terminal();
  const bool long_text = terminal && display_rows(kept_, terminal->columns) >= terminal->rows;
  if (command_ && long_text && show_through(*command_, kept_)) return;
  write_stdout(kept_);
}

}  // namespace newsidx::cli
