#include "support.hpp"

#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <system_error>

#include "newsidx/search_request.hpp"
#include "newsidx/store.hpp"

extern char** environ;

namespace newsidx::test {
namespace fs = std::filesystem;

TempDir::TempDir() {
  std::random_device rd;
  for (int attempt = 0; attempt < 100; ++attempt) {
    fs::path p = fs::temp_directory_path() / ("newsidx-test-" + std::to_string(rd()));
    if (fs::create_directory(p)) {
      path_ = fs::canonical(p);
      return;
    }
  }
  throw std::runtime_error("cannot create a temporary folder");
}

TempDir::~TempDir() {
  std::error_code ec;
  // Tests may leave read-only folders behind; make them writable first.
  for (auto it = fs::recursive_directory_iterator(path_, ec); !ec && it != fs::end(it);
       it.increment(ec)) {
    if (it->is_directory(ec) && !it->is_symlink(ec)) {
      fs::permissions(it->path(), fs::perms::owner_all, fs::perm_options::add, ec);
    }
  }
  fs::remove_all(path_, ec);
}

std::string TempDir::operator/(std::string_view relative) const {
  return (path_ / relative).string();
}

void write_file(const fs::path& path, std::string_view bytes) {
  if (path.has_parent_path()) fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

Article generated_article(std::mt19937& random, int n, const std::string& body) {
  Article a;
  const std::string year = std::to_string(2014 + static_cast<int>(random() % 4));
  const std::string month = "-0" + std::to_string(1 + static_cast<int>(random() % 9));
  const std::string day = "-1" + std::to_string(static_cast<int>(random() % 10));
  switch (n % 7) {
    case 0:
      break;  // undated
    case 1:
      a.date = parse_iso_date(year);
      break;
    case 2:
    case 3:
      a.date = parse_iso_date(year + month);
      break;
    default:
      a.date = parse_iso_date(year + month + day);
  }
  a.blocks.push_back({Block::Type::kParagraph, body});
  a.title = "Titre " + std::to_string(n);
  a.id = article_id(a.date, body + std::to_string(n));
  a.sources = {{"/gen/" + std::to_string(n) + ".txt", "UTF-8", 100}};
  a.raw = body;
  a.word_count = static_cast<std::size_t>(std::count(body.begin(), body.end(), ' ')) + 1;
  return a;
}

namespace {

/// Words of the generated articles: families with several forms, the words
/// of a phrase, and filler, the first ones drawn more often.
const std::vector<std::string> kWords = {"le",     "la",         "juge",     "juges",    "jugée",
                                         "avocat", "procès",     "médecin",  "médecins", "maladie",
                                         "état",   "d’urgence",  "migrants", "Calais",   "ville",
                                         "maire",  "territoire", "école",    "pluie",    "conseil"};

std::string generated_body(std::mt19937& random) {
  std::string body;
  const int length = 5 + static_cast<int>(random() % 80);
  for (int i = 0; i < length; ++i) {
    const std::size_t pick = std::min(random() % kWords.size(), random() % kWords.size());
    body += (body.empty() ? "" : " ") + kWords[pick];
  }
  return body + '.';
}

}  // namespace

void fill_generated(const fs::path& db, int n, int first) {
  Store s(db, Store::Access::kReadWrite);
  std::mt19937 random(20261206 + static_cast<unsigned>(first));
  s.begin_batch();
  for (int i = first; i < first + n; ++i) {
    Article a = generated_article(random, i, generated_body(random));
    if (i % 3 == 0) a.title = generated_body(random);
    s.put(a, {1, 1});
  }
  s.commit_batch();
}

SearchRequest request_between(std::string_view query, std::optional<std::string_view> from,
                              std::optional<std::string_view> to) {
  return make_search_request(query, from ? std::optional(parse_date_filter(*from)) : std::nullopt,
                             to ? std::optional(parse_date_filter(*to)) : std::nullopt, false);
}

void for_each_request(const RequestGrid& grid,
                      const std::function<void(const SearchRequest&)>& fn) {
  for (const std::string& q : grid.queries) {
    for (const auto& [limit, offset] : grid.pages) {
      for (const bool dated : {false, true}) {
        for (const bool collapse : {false, true}) {
          for (const SortOrder sort : grid.sorts) {
            SearchRequest r = request_between(q, dated ? std::optional(grid.from) : std::nullopt,
                                              dated ? std::optional(grid.to) : std::nullopt);
            r.limit = limit;
            r.offset = offset;
            r.collapse = collapse;
            r.sort = sort;
            INFO("query " << q << " limit " << limit << " offset " << offset << " dated " << dated
                          << " collapse " << collapse << " sort " << static_cast<int>(sort));
            fn(r);
          }
        }
      }
    }
  }
}

std::string repeat(std::string_view piece, std::size_t times) {
  std::string out;
  out.reserve(piece.size() * times);
  for (std::size_t i = 0; i < times; ++i) out += piece;
  return out;
}

std::string utf16_with_bom(std::u16string_view text, bool little_endian) {
  std::string out = little_endian ? "\xFF\xFE" : "\xFE\xFF";
  for (const char16_t unit : text) {
    const char lo = static_cast<char>(unit & 0xFF);
    const char hi = static_cast<char>(unit >> 8);
    out += little_endian ? lo : hi;
    out += little_endian ? hi : lo;
  }
  return out;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

namespace {

/// The environment of this process with `changes` applied.
std::vector<std::string> child_environment(
    const std::map<std::string, std::optional<std::string>>& changes) {
  std::map<std::string, std::optional<std::string>> all = {{"NEWSIDX_DB", std::nullopt},
                                                           {"NO_COLOR", std::nullopt}};
  for (const auto& [k, v] : changes) all[k] = v;
  std::vector<std::string> env;
  for (char** e = environ; *e != nullptr; ++e) {
    std::string entry = *e;
    const std::string key = entry.substr(0, entry.find('='));
    if (all.find(key) == all.end()) env.push_back(std::move(entry));
  }
  for (const auto& [k, v] : all) {
    if (v) env.push_back(k + "=" + *v);
  }
  return env;
}

void close_fd(int& fd) {
  if (fd >= 0) ::close(fd);
  fd = -1;
}

}  // namespace

namespace {

/// The size of the terminal a program's stdout is, for run_on_terminal().
struct PtySize {
  unsigned short columns;
  unsigned short rows;
};

/// Runs `argv` like run_program(); with `pty`, its stdout is a new
/// pseudo-terminal of that size instead of a pipe.
RunResult run_with(const std::vector<std::string>& argv,
                   const std::map<std::string, std::optional<std::string>>& env,
                   std::optional<std::string> input, std::optional<PtySize> pty) {
  int in_pipe[2];
  int out_pipe[2];
  int err_pipe[2];
  if (::pipe2(in_pipe, O_CLOEXEC) != 0 || ::pipe2(err_pipe, O_CLOEXEC) != 0) {
    throw std::system_error(errno, std::generic_category(), "pipe");
  }
  if (pty) {
    winsize size{pty->rows, pty->columns, 0, 0};
    if (::openpty(&out_pipe[0], &out_pipe[1], nullptr, nullptr, &size) != 0) {
      throw std::system_error(errno, std::generic_category(), "openpty");
    }
    ::fcntl(out_pipe[0], F_SETFD, FD_CLOEXEC);
    ::fcntl(out_pipe[1], F_SETFD, FD_CLOEXEC);
  } else if (::pipe2(out_pipe, O_CLOEXEC) != 0) {
    throw std::system_error(errno, std::generic_category(), "pipe");
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in_pipe[0], 0);
  posix_spawn_file_actions_adddup2(&actions, out_pipe[1], 1);
  posix_spawn_file_actions_adddup2(&actions, err_pipe[1], 2);

  std::vector<char*> cargv;
  for (const std::string& a : argv) cargv.push_back(const_cast<char*>(a.c_str()));
  cargv.push_back(nullptr);
  std::vector<std::string> envs = child_environment(env);
  std::vector<char*> cenv;
  for (std::string& e : envs) cenv.push_back(e.data());
  cenv.push_back(nullptr);

  pid_t pid = 0;
  const int rc = ::posix_spawnp(&pid, cargv[0], &actions, nullptr, cargv.data(), cenv.data());
  posix_spawn_file_actions_destroy(&actions);
  close_fd(in_pipe[0]);
  close_fd(out_pipe[1]);
  close_fd(err_pipe[1]);
  if (rc != 0) throw std::system_error(rc, std::generic_category(), "spawn " + argv[0]);

  RunResult result;
  std::string pending = input.value_or("");
  size_t written = 0;
  if (pending.empty()) close_fd(in_pipe[1]);
  int out_fd = out_pipe[0];
  int err_fd = err_pipe[0];
  while (out_fd >= 0 || err_fd >= 0) {
    pollfd fds[3];
    nfds_t n = 0;
    if (out_fd >= 0) fds[n++] = {out_fd, POLLIN, 0};
    if (err_fd >= 0) fds[n++] = {err_fd, POLLIN, 0};
    if (in_pipe[1] >= 0) fds[n++] = {in_pipe[1], POLLOUT, 0};
    if (::poll(fds, n, -1) < 0) {
      if (errno == EINTR) continue;
      throw std::system_error(errno, std::generic_category(), "poll");
    }
    for (nfds_t i = 0; i < n; ++i) {
      if (fds[i].revents == 0) continue;
      if (fds[i].fd == in_pipe[1]) {
        const ssize_t w = ::write(in_pipe[1], pending.data() + written, pending.size() - written);
        if (w > 0) written += static_cast<size_t>(w);
        if (w < 0 || written == pending.size()) close_fd(in_pipe[1]);
        continue;
      }
      char buf[65536];
      const ssize_t r = ::read(fds[i].fd, buf, sizeof buf);
      if (r > 0) {
        (fds[i].fd == out_fd ? result.out : result.err).append(buf, static_cast<size_t>(r));
      } else if (r == 0 || errno != EINTR) {  // a terminal whose writers are gone: EIO
        if (fds[i].fd == out_fd) {
          close_fd(out_fd);
        } else {
          close_fd(err_fd);
        }
      }
    }
  }
  close_fd(in_pipe[1]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  if (pty) {  // the terminal ends lines with CR LF
    std::string lf;
    for (std::size_t i = 0; i < result.out.size(); ++i) {
      if (!(result.out[i] == '\r' && i + 1 < result.out.size() && result.out[i + 1] == '\n')) {
        lf += result.out[i];
      }
    }
    result.out = std::move(lf);
  }
  return result;
}

}  // namespace

RunResult run_program(const std::vector<std::string>& argv,
                      const std::map<std::string, std::optional<std::string>>& env,
                      std::optional<std::string> input) {
  return run_with(argv, env, std::move(input), std::nullopt);
}

RunResult run_on_terminal(const std::vector<std::string>& args, unsigned short columns,
                          unsigned short rows,
                          const std::map<std::string, std::optional<std::string>>& env) {
  std::vector<std::string> argv = {NEWSIDX_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_with(argv, env, std::nullopt, PtySize{columns, rows});
}

RunResult run_newsidx(const std::vector<std::string>& args,
                      const std::map<std::string, std::optional<std::string>>& env,
                      std::optional<std::string> input) {
  std::vector<std::string> argv = {NEWSIDX_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_program(argv, env, std::move(input));
}

std::vector<std::string> lines_of(std::string_view text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    if (end > start) out.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

std::optional<fs::path> shared_corpus(std::string_view name) {
  const fs::path p = fs::path(NEWSIDX_SOURCE_DIR).parent_path() / "shared" / "corpus" / name;
  std::error_code ec;
  if (fs::is_directory(p, ec)) return p;
  return std::nullopt;
}

fs::path sample_data() {
  return fs::path(NEWSIDX_SOURCE_DIR) / "data";
}

void skip(std::string_view reason) {
  std::cout << "SKIPPED: " << reason << std::endl;
}

}  // namespace newsidx::test
