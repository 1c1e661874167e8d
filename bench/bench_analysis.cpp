// bench_analysis: throughput of the French analysis and of its FTS5 tokenizer,
// next to FTS5's own `unicode61 remove_diacritics 2`, on a folder of articles.
//
//   bench_analysis [FOLDER] [--mb N] [--runs N] [--index-mb N]
//
// FOLDER (default: ../shared/corpus/orangesum-500 beside the source tree) is
// read whole (*.txt); with --mb the texts are repeated up to N MB. Each
// measurement runs --runs times (default 5) and the median is printed.
// Finally the first --index-mb MB (default 20; 0 skips) of the folder's texts,
// not repeated, are indexed into contentless FTS5 tables to show what the
// colocated tokens (=forms, and folded stems that differ) cost.
#include <sqlite3.h>
#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/utext.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/word_scanner.hpp"
#include "newsidx/analyzer.hpp"
#include "newsidx/fts5_tokenizer.hpp"

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

struct Options {
  fs::path folder =
      fs::path(NEWSIDX_SOURCE_DIR).parent_path() / "shared" / "corpus" / "orangesum-500";
  double mb = 0;
  int runs = 5;
  double index_mb = 20;
};

Options parse_options(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw std::runtime_error(arg + " needs a value");
      return argv[++i];
    };
    if (arg == "--mb") {
      options.mb = std::stod(value());
    } else if (arg == "--runs") {
      options.runs = std::max(1, std::stoi(value()));
    } else if (arg == "--index-mb") {
      options.index_mb = std::stod(value());
    } else if (arg == "-h" || arg == "--help") {
      std::puts("usage: bench_analysis [FOLDER] [--mb N] [--runs N] [--index-mb N]");
      std::exit(0);
    } else if (!arg.empty() && arg[0] == '-') {
      throw std::runtime_error("unknown option " + arg);
    } else {
      options.folder = arg;
    }
  }
  return options;
}

std::vector<std::string> read_texts(const fs::path& folder) {
  std::vector<fs::path> paths;
  for (const auto& entry : fs::recursive_directory_iterator(folder)) {
    if (entry.is_regular_file() && entry.path().extension() == ".txt") {
      paths.push_back(entry.path());
    }
  }
  std::sort(paths.begin(), paths.end());
  std::vector<std::string> texts;
  for (const fs::path& path : paths) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    texts.push_back(bytes.str());
  }
  return texts;
}

std::size_t total_bytes(const std::vector<std::string>& texts) {
  std::size_t total = 0;
  for (const std::string& t : texts) total += t.size();
  return total;
}

constexpr double kMB = 1024.0 * 1024.0;

/// Runs `work` (which returns a count of tokens) `runs` times over `bytes`
/// bytes and prints the median throughput.
void measure(const char* name, int runs, std::size_t bytes,
             const std::function<std::size_t()>& work) {
  std::vector<double> seconds;
  std::size_t tokens = 0;
  for (int i = 0; i < runs; ++i) {
    const auto start = Clock::now();
    tokens = work();
    seconds.push_back(std::chrono::duration<double>(Clock::now() - start).count());
  }
  std::sort(seconds.begin(), seconds.end());
  const double median = seconds[seconds.size() / 2];
  std::printf("%-44s %8.1f MB/s %8.2f Mtok/s %11zu tokens\n", name, bytes / kMB / median,
              tokens / 1e6 / median, tokens);
}

struct DbCloser {
  void operator()(sqlite3* db) const noexcept { sqlite3_close_v2(db); }
};
using DbPtr = std::unique_ptr<sqlite3, DbCloser>;

DbPtr open_memory_db() {
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open(":memory:", &raw);
  DbPtr db(raw);
  if (rc != SQLITE_OK) throw std::runtime_error("cannot open an in-memory database");
  return db;
}

void exec(sqlite3* db, const std::string& sql) {
  char* error = nullptr;
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
    const std::string message = error != nullptr ? error : "?";
    sqlite3_free(error);
    throw std::runtime_error(sql + ": " + message);
  }
}

fts5_api* fts5_of(sqlite3* db) {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &stmt, nullptr) != SQLITE_OK) {
    throw std::runtime_error("no FTS5");
  }
  fts5_api* api = nullptr;
  sqlite3_bind_pointer(stmt, 1, &api, "fts5_api_ptr", nullptr);
  sqlite3_step(stmt);
  sqlite3_finalize(stmt);
  if (api == nullptr) throw std::runtime_error("no FTS5 API");
  return api;
}

/// An FTS5 tokenizer found by name and created with arguments.
class Fts5Instance {
 public:
  Fts5Instance(fts5_api* api, const char* name, std::vector<const char*> args) {
    void* user_data = nullptr;
    if (api->xFindTokenizer(api, name, &user_data, &methods_) != SQLITE_OK ||
        methods_.xCreate(user_data, args.data(), static_cast<int>(args.size()), &tokenizer_) !=
            SQLITE_OK) {
      throw std::runtime_error(std::string("cannot create the FTS5 tokenizer ") + name);
    }
  }
  ~Fts5Instance() { methods_.xDelete(tokenizer_); }
  Fts5Instance(const Fts5Instance&) = delete;
  Fts5Instance& operator=(const Fts5Instance&) = delete;

  /// Tokenizes `text` as a document; returns the number of tokens emitted.
  std::size_t count(std::string_view text) const {
    std::size_t tokens = 0;
    const int rc = methods_.xTokenize(tokenizer_, &tokens, FTS5_TOKENIZE_DOCUMENT, text.data(),
                                      static_cast<int>(text.size()),
                                      [](void* context, int, const char*, int, int, int) {
                                        ++*static_cast<std::size_t*>(context);
                                        return SQLITE_OK;
                                      });
    if (rc != SQLITE_OK) throw std::runtime_error("xTokenize failed");
    return tokens;
  }

 private:
  fts5_tokenizer methods_{};
  Fts5Tokenizer* tokenizer_ = nullptr;
};

// --- "stems only": newsidx_french without its colocated tokens (each word
// is then one token: its stem, or its folded form when that is its own
// stem), to measure what they cost in the index. Registered in the bench
// only.

struct StemsOnly {
  fts5_tokenizer methods{};
  Fts5Tokenizer* inner = nullptr;
  ~StemsOnly() {
    if (inner != nullptr) methods.xDelete(inner);
  }
};

struct StemsOnlyContext {
  void* context;
  int (*emit)(void*, int, const char*, int, int, int);
};

int stems_only_create(void* user_data, const char**, int, Fts5Tokenizer** out) {
  *out = nullptr;
  try {
    auto* api = static_cast<fts5_api*>(user_data);
    auto wrapper = std::make_unique<StemsOnly>();
    void* inner_data = nullptr;
    int rc = api->xFindTokenizer(api, newsidx::kTokenizerName, &inner_data, &wrapper->methods);
    if (rc == SQLITE_OK) rc = wrapper->methods.xCreate(inner_data, nullptr, 0, &wrapper->inner);
    if (rc != SQLITE_OK) return rc;
    *out = reinterpret_cast<Fts5Tokenizer*>(wrapper.release());
    return SQLITE_OK;
  } catch (...) {
    return SQLITE_NOMEM;
  }
}

void stems_only_delete(Fts5Tokenizer* tokenizer) {
  std::unique_ptr<StemsOnly> adopted(reinterpret_cast<StemsOnly*>(tokenizer));
}

int stems_only_tokenize(Fts5Tokenizer* tokenizer, void* context, int flags, const char* text,
                        int size, int (*emit)(void*, int, const char*, int, int, int)) {
  auto* wrapper = reinterpret_cast<StemsOnly*>(tokenizer);
  StemsOnlyContext forward{context, emit};
  return wrapper->methods.xTokenize(
      wrapper->inner, &forward, flags, text, size,
      [](void* ctx, int token_flags, const char* token, int token_size, int start, int end) {
        if ((token_flags & FTS5_TOKEN_COLOCATED) != 0) return SQLITE_OK;
        auto* f = static_cast<StemsOnlyContext*>(ctx);
        return f->emit(f->context, token_flags, token, token_size, start, end);
      });
}

fts5_tokenizer stems_only_methods = {stems_only_create, stems_only_delete, stems_only_tokenize};

/// Indexes `texts` into a contentless table using `tokenize` and prints the
/// time taken and the size of the index.
void measure_index(const char* name, const std::string& tokenize,
                   const std::vector<std::string>& texts, std::size_t bytes) {
  const DbPtr db = open_memory_db();
  newsidx::register_french_tokenizer(db.get());
  fts5_api* api = fts5_of(db.get());
  if (api->xCreateTokenizer(api, "stems_only", api, &stems_only_methods, nullptr) != SQLITE_OK) {
    throw std::runtime_error("cannot register stems_only");
  }
  exec(db.get(),
       "CREATE VIRTUAL TABLE t USING fts5(body, content='', tokenize='" + tokenize + "')");
  sqlite3_stmt* insert = nullptr;
  sqlite3_prepare_v2(db.get(), "INSERT INTO t(rowid, body) VALUES(?1, ?2)", -1, &insert, nullptr);
  const auto start = Clock::now();
  exec(db.get(), "BEGIN");
  sqlite3_int64 rowid = 0;
  for (const std::string& text : texts) {
    sqlite3_bind_int64(insert, 1, ++rowid);
    sqlite3_bind_text(insert, 2, text.data(), static_cast<int>(text.size()), SQLITE_STATIC);
    if (sqlite3_step(insert) != SQLITE_DONE) throw std::runtime_error("insert failed");
    sqlite3_reset(insert);
  }
  exec(db.get(), "COMMIT");
  exec(db.get(), "INSERT INTO t(t) VALUES('optimize')");
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  sqlite3_finalize(insert);
  // The index proper: the blocks of the table's %_data shadow table.
  sqlite3_stmt* size = nullptr;
  sqlite3_prepare_v2(db.get(), "SELECT sum(length(block)) FROM t_data", -1, &size, nullptr);
  sqlite3_step(size);
  const double db_mb = static_cast<double>(sqlite3_column_int64(size, 0)) / kMB;
  sqlite3_finalize(size);
  std::printf("%-44s %8.1f MB/s %8.1f MB index (%.2f x text)\n", name, bytes / kMB / seconds, db_mb,
              db_mb / (bytes / kMB));
}

std::size_t icu_word_count(const std::vector<std::string>& texts) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> words(
      icu::BreakIterator::createWordInstance(icu::Locale::getFrench(), status));
  if (U_FAILURE(status)) throw std::runtime_error("no ICU word break iterator");
  std::size_t count = 0;
  for (const std::string& text : texts) {
    UText* utext = utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status);
    words->setText(utext, status);
    if (U_FAILURE(status)) throw std::runtime_error("ICU setText failed");
    words->first();
    while (words->next() != icu::BreakIterator::DONE) {
      if (words->getRuleStatus() != UBRK_WORD_NONE) ++count;
    }
    utext_close(utext);
  }
  return count;
}

int run(int argc, char** argv) {
  const Options options = parse_options(argc, argv);
  const std::vector<std::string> base = read_texts(options.folder);
  if (base.empty()) throw std::runtime_error("no .txt file in " + options.folder.string());
  const std::size_t base_bytes = total_bytes(base);
  std::vector<std::string> texts = base;
  std::size_t bytes = base_bytes;
  while (bytes < options.mb * kMB) {
    for (const std::string& t : base) {
      texts.push_back(t);
      bytes += t.size();
    }
  }
  std::printf("corpus: %s: %zu files, %.1f MB; measured on %zu texts, %.1f MB; median of %d runs\n",
              options.folder.string().c_str(), base.size(), base_bytes / kMB, texts.size(),
              bytes / kMB, options.runs);

  measure("segmentation: ICU word BreakIterator (fr)", options.runs, bytes,
          [&] { return icu_word_count(texts); });
  measure("segmentation+folding: newsidx WordScanner", options.runs, bytes, [&] {
    std::size_t count = 0;
    std::string folded;
    std::string written;
    newsidx::analysis::WordSpan span;
    for (const std::string& text : texts) {
      newsidx::analysis::WordScanner scanner(text);
      while (scanner.next(span, folded, written)) ++count;
    }
    return count;
  });
  measure("analysis (+ Snowball stemming): Analyzer", options.runs, bytes, [&] {
    std::size_t count = 0;
    newsidx::Analyzer analyzer;  // a new one each run: its stem cache starts empty
    newsidx::Token token;
    for (const std::string& text : texts) {
      analyzer.start(text);
      while (analyzer.next(token)) ++count;
    }
    return count;
  });

  const DbPtr db = open_memory_db();
  newsidx::register_french_tokenizer(db.get());
  fts5_api* api = fts5_of(db.get());
  measure("FTS5 xTokenize: newsidx_french", options.runs, bytes, [&] {
    std::size_t count = 0;
    const Fts5Instance french(api, newsidx::kTokenizerName, {});
    for (const std::string& text : texts) count += french.count(text);
    return count;
  });
  measure("FTS5 xTokenize: unicode61 remove_diacritics 2", options.runs, bytes, [&] {
    std::size_t count = 0;
    const Fts5Instance unicode61(api, "unicode61", {"remove_diacritics", "2"});
    for (const std::string& text : texts) count += unicode61.count(text);
    return count;
  });

  if (options.index_mb > 0) {
    std::vector<std::string> indexed;
    std::size_t indexed_bytes = 0;
    for (const std::string& t : base) {  // repeated texts would flatter the index size
      if (indexed_bytes >= options.index_mb * kMB) break;
      indexed.push_back(t);
      indexed_bytes += t.size();
    }
    std::printf("index (contentless FTS5 table, %zu texts, %.1f MB, one run):\n", indexed.size(),
                indexed_bytes / kMB);
    measure_index("  unicode61 remove_diacritics 2", "unicode61 remove_diacritics 2", indexed,
                  indexed_bytes);
    measure_index("  newsidx_french, stems only", "stems_only", indexed, indexed_bytes);
    measure_index("  newsidx_french (+ colocated =forms, stems)", newsidx::kTokenizerName, indexed,
                  indexed_bytes);
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_analysis: error: %s\n", e.what());
    return 2;
  }
}
