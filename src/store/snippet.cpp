#include "store/snippet.hpp"

#include <algorithm>
#include <new>
#include <string>
#include <string_view>
#include <vector>

#include "newsidx/analyzer.hpp"
#include "newsidx/error.hpp"
#include "newsidx/fts5_tokenizer.hpp"
#include "newsidx/token_marks.hpp"
#include "newsidx/utf8.hpp"
#include "store/fts5_function.hpp"

namespace newsidx {
namespace {

using Instance = SnippetInstance;

/// Where a snippet window lies among the tokens of a column: it starts at
/// the first token of the instances [first, last) (before the ideal lead is
/// subtracted) and marks every token of those instances.
struct Window {
  std::size_t first = 0;
  std::size_t last = 0;
};

/// The instances of the column that will give the snippet, in token order.
/// Picks the last column holding a match, or the last column when none does.
int collect_instances(const Fts5ExtensionApi* api, Fts5Context* fts, int& column,
                      std::vector<Instance>& out) {
  int count = 0;
  int rc = api->xInstCount(fts, &count);
  if (rc != SQLITE_OK) return rc;
  column = api->xColumnCount(fts) - 1;
  int best_column = -1;
  for (int i = 0; i < count; ++i) {
    int phrase = 0;
    int col = 0;
    int offset = 0;
    rc = api->xInst(fts, i, &phrase, &col, &offset);
    if (rc != SQLITE_OK) return rc;
    if (col > best_column) {  // instances come ordered by column, then offset
      best_column = col;
      out.clear();
    }
    if (static_cast<int>(out.size()) < kMaxSnippetInstances) {
      out.push_back({offset, phrase, api->xPhraseSize(fts, phrase)});
    }
  }
  if (best_column >= 0) column = best_column;
  return SQLITE_OK;
}

/// The instances that one window of `tokens` tokens covers best: the most
/// distinct phrases, then the most instances, the earliest on ties.
Window best_window(const std::vector<Instance>& instances, int phrases, int tokens) {
  std::vector<int> seen(static_cast<std::size_t>(std::max(phrases, 1)), 0);
  Window best;
  std::size_t best_distinct = 0;
  std::size_t distinct = 0;
  std::size_t end = 0;
  for (std::size_t begin = 0; begin < instances.size(); ++begin) {
    const long limit = static_cast<long>(instances[begin].offset) + tokens;
    while (end < instances.size() && instances[end].offset + instances[end].size <= limit) {
      if (seen[static_cast<std::size_t>(instances[end].phrase)]++ == 0) ++distinct;
      ++end;
    }
    if (end == begin) {  // a phrase longer than the window: it stands alone
      best = best_distinct == 0 ? Window{begin, begin + 1} : best;
      best_distinct = std::max<std::size_t>(best_distinct, 1);
      continue;
    }
    if (distinct > best_distinct ||
        (distinct == best_distinct && end - begin > best.last - best.first)) {
      best = {begin, end};
      best_distinct = distinct;
    }
    if (--seen[static_cast<std::size_t>(instances[begin].phrase)] == 0) --distinct;
  }
  return best;
}

/// Collects the byte ranges of the tokens at positions [from, to] of a
/// column; stops the tokenizer (with SQLITE_DONE) once past `to`.
struct TokenRanges {
  int from = 0;
  int to = 0;
  int position = -1;  ///< of the last token seen
  std::vector<std::pair<int, int>> ranges;

  static int on_token(void* self, int flags, const char* /*token*/, int /*size*/, int start,
                      int end) noexcept {
    auto& t = *static_cast<TokenRanges*>(self);
    if ((flags & FTS5_TOKEN_COLOCATED) != 0) return SQLITE_OK;
    ++t.position;
    if (t.position > t.to) return SQLITE_DONE;
    if (t.position >= t.from) t.ranges.emplace_back(start, end);
    return SQLITE_OK;
  }
};

std::string_view text_of(sqlite3_value* value) {
  const auto* p = reinterpret_cast<const char*>(sqlite3_value_text(value));
  return p != nullptr ? std::string_view(p, static_cast<std::size_t>(sqlite3_value_bytes(value)))
                      : std::string_view();
}

/// Writes the pieces of a snippet into `out`, each piece and the whole kept
/// within kMaxSnippetPiece and kMaxSnippetCodePoints code points.
class SnippetWriter {
 public:
  SnippetWriter(std::string& out, std::string_view open, std::string_view close,
                std::string_view ellipsis)
      : out_(out), open_(open), close_(close), ellipsis_(ellipsis) {}

  /// False once the snippet is full (it then ends with the ellipsis).
  [[nodiscard]] bool room() const { return !full_; }
  void ellipsis() { out_ += ellipsis_; }
  /// Text between tokens, or after the last one.
  void text(std::string_view piece) { append(piece); }
  /// A token, between OPEN and CLOSE when `marked`.
  void token(std::string_view piece, bool marked) {
    if (full_) return;
    if (marked) out_ += open_;
    append(piece);
    if (marked) out_ += close_;
  }

 private:
  void append(std::string_view piece) {
    if (full_ || piece.empty()) return;
    const std::size_t budget = std::min(kMaxSnippetPiece, kMaxSnippetCodePoints - written_);
    const std::size_t cut = byte_offset_of(piece, budget);
    out_ += piece.substr(0, cut);
    written_ += count_code_points(piece.substr(0, cut));
    if (cut < piece.size()) out_ += ellipsis_;
    if (written_ >= kMaxSnippetCodePoints) {
      full_ = true;
      if (cut == piece.size()) out_ += ellipsis_;
    }
  }

  std::string& out_;
  std::string_view open_, close_, ellipsis_;
  std::size_t written_ = 0;
  bool full_ = false;
};

/// Where the snippet of a row lies: its column's text, the matches chosen,
/// and the window of token positions [start, stop) around them.
struct SnippetPlan {
  std::string_view text;
  std::vector<Instance> instances;
  Window chosen;
  int first = 0;  ///< position of the first chosen match
  int span = 0;   ///< tokens from it to the end of the last chosen match
};

/// Picks the window of `plan`, whose text and instances are set.
void choose_window(SnippetPlan& plan, int phrases, int tokens) {
  plan.chosen = best_window(plan.instances, phrases, tokens);
  if (plan.chosen.last > plan.chosen.first) {
    plan.first = plan.instances[plan.chosen.first].offset;
    for (std::size_t i = plan.chosen.first; i < plan.chosen.last; ++i) {
      const Instance& in = plan.instances[i];
      plan.span = std::max(plan.span, in.offset + in.size - plan.first);
    }
  }
}

/// Reads the column and the matches of the current row and picks the window.
int plan_snippet(const Fts5ExtensionApi* api, Fts5Context* fts, int tokens, SnippetPlan& plan) {
  int column = 0;
  int rc = collect_instances(api, fts, column, plan.instances);
  if (rc != SQLITE_OK) return rc;
  const char* raw = nullptr;
  int raw_size = 0;
  rc = api->xColumnText(fts, column, &raw, &raw_size);
  if (rc != SQLITE_OK) return rc;
  // A field text's marker is not part of the text (it holds no token).
  plan.text = without_field_marker(
      raw != nullptr ? std::string_view(raw, static_cast<std::size_t>(raw_size)) : "");
  choose_window(plan, api->xPhraseCount(fts), tokens);
  return SQLITE_OK;
}

/// Writes the snippet that `plan` describes into `out`. `tokenize(found)`
/// calls TokenRanges::on_token with `found` for each token of the plan's
/// text, as the index's tokenizer cuts it for snippets (FTS5_TOKENIZE_AUX),
/// and returns what the tokenizer returns. Returns an SQLite error code or
/// SQLITE_OK.
template <typename Tokenize>
int write_snippet(const SnippetPlan& plan, Tokenize&& tokenize, SnippetWriter& out, int tokens) {
  const std::string_view text = plan.text;
  TokenRanges found;
  found.from = std::max(0, plan.first - tokens);
  found.to = plan.first + tokens;
  const int rc = tokenize(found);
  if (rc != SQLITE_OK && rc != SQLITE_DONE) return rc;
  const bool ended = rc == SQLITE_OK;  // every token of the column was seen
  const int total = found.from + static_cast<int>(found.ranges.size());
  // Centred on the matches, from the start of the text when they fit in the
  // first window, up to the end when the text ends within it.
  int start = plan.first + plan.span <= tokens
                  ? 0
                  : std::max(0, plan.first - std::max(0, tokens - plan.span) / 2);
  if (ended && start + tokens > total) start = std::max(found.from, total - tokens);
  const int stop = std::min(start + tokens, total);
  const auto marked = [&](int position) {
    for (std::size_t i = plan.chosen.first; i < plan.chosen.last; ++i) {
      const Instance& in = plan.instances[i];
      if (position >= in.offset && position < in.offset + in.size) return true;
    }
    return false;
  };
  const auto range = [&](int position) {
    return found.ranges[static_cast<std::size_t>(position - found.from)];
  };

  std::size_t cursor = 0;
  if (start > 0) {
    out.ellipsis();
    // Past the last token only when the index does not fit the text.
    cursor = start < total ? static_cast<std::size_t>(range(start).first) : text.size();
  }
  for (int p = start; p < stop && out.room(); ++p) {
    const auto [begin, end] = range(p);
    out.text(text.substr(cursor, static_cast<std::size_t>(begin) - cursor));
    out.token(text.substr(static_cast<std::size_t>(begin), static_cast<std::size_t>(end - begin)),
              marked(p));
    cursor = static_cast<std::size_t>(end);
  }
  if (!out.room()) return SQLITE_OK;
  if (ended && stop == total) {
    out.text(text.substr(std::min(cursor, text.size())));
  } else {
    // What sticks to the last token (a full stop, a closing quote), then the cut.
    const std::size_t space = text.find_first_of(" \t\n", cursor);
    out.text(text.substr(cursor, space == std::string_view::npos ? space : space - cursor));
    if (out.room()) out.ellipsis();
  }
  return SQLITE_OK;
}

void snippet_function(const Fts5ExtensionApi* api, Fts5Context* fts, sqlite3_context* result,
                      int argc, sqlite3_value** argv) noexcept {
  if (argc != 4) {
    sqlite3_result_error(result, "wrong number of arguments to function newsidx_snippet()", -1);
    return;
  }
  const int tokens = std::clamp(sqlite3_value_int(argv[3]), 1, kMaxSnippetTokens);
  store::set_text_result(result, kSnippetFunction, [&](std::string& out) {
    SnippetWriter writer(out, text_of(argv[0]), text_of(argv[1]), text_of(argv[2]));
    SnippetPlan plan;
    const int rc = plan_snippet(api, fts, tokens, plan);
    if (rc != SQLITE_OK) return rc;
    const auto tokenize = [&](TokenRanges& found) {
      return api->xTokenize(fts, plan.text.data(), static_cast<int>(plan.text.size()), &found,
                            TokenRanges::on_token);
    };
    return write_snippet(plan, tokenize, writer, tokens);
  });
}

}  // namespace

void register_snippet_function(sqlite3* db) {
  store::register_fts5_function(db, kSnippetFunction, snippet_function);
}

std::string snippet_of(std::string_view text, std::vector<SnippetInstance> instances, int phrases,
                       int tokens, std::string_view open, std::string_view close,
                       std::string_view ellipsis, Analyzer& analyzer) {
  tokens = std::clamp(tokens, 1, kMaxSnippetTokens);
  SnippetPlan plan;
  plan.text = text;
  plan.instances = std::move(instances);
  if (plan.instances.size() > static_cast<std::size_t>(kMaxSnippetInstances)) {
    plan.instances.resize(static_cast<std::size_t>(kMaxSnippetInstances));
  }
  choose_window(plan, phrases, tokens);
  const auto tokenize = [&](TokenRanges& found) {
    return tokenize_text(analyzer, text, &found, TokenRanges::on_token);
  };
  std::string out;
  SnippetWriter writer(out, open, close, ellipsis);
  if (write_snippet(plan, tokenize, writer, tokens) != SQLITE_OK) {
    throw Error(ErrorCode::kInternal, "a snippet could not be made");
  }
  return out;
}

}  // namespace newsidx
