#include "store/family_forms.hpp"

#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "newsidx/fts5_tokenizer.hpp"
#include "newsidx/token_marks.hpp"
#include "store/search.hpp"

namespace newsidx::store {
namespace {

/// The forms a query tokenizer gives each position of a text: the first,
/// then those colocated with it.
using Positions = std::vector<std::vector<std::string>>;

/// The tokenizer `newsidx_french` of a connection, created for one use.
class QueryTokenizer {
 public:
  explicit QueryTokenizer(sqlite3* db) {
    fts5_api* api = fts5_api_of(db);
    void* context = nullptr;
    if (api->xFindTokenizer(api, kTokenizerName, &context, &module_) != SQLITE_OK) return;
    Fts5Tokenizer* made = nullptr;
    if (module_.xCreate(context, nullptr, 0, &made) != SQLITE_OK) return;
    tokenizer_ = std::unique_ptr<Fts5Tokenizer, Deleter>(made, Deleter{module_.xDelete});
  }

  /// The forms of each position of `text` read as a query, or nullopt when
  /// the tokenizer is missing or fails.
  std::optional<Positions> positions(std::string_view text) const {
    if (!tokenizer_) return std::nullopt;
    Positions out;
    const auto add = [](void* to, int flags, const char* token, int size, int, int) {
      auto& positions = *static_cast<Positions*>(to);
      if ((flags & FTS5_TOKEN_COLOCATED) == 0 || positions.empty()) positions.emplace_back();
      positions.back().emplace_back(token, static_cast<std::size_t>(size));
      return SQLITE_OK;
    };
    if (module_.xTokenize(tokenizer_.get(), &out, FTS5_TOKENIZE_QUERY, text.data(),
                          static_cast<int>(text.size()), add) != SQLITE_OK) {
      return std::nullopt;
    }
    return out;
  }

 private:
  struct Deleter {
    void (*destroy)(Fts5Tokenizer*);
    void operator()(Fts5Tokenizer* t) const { destroy(t); }
  };
  fts5_tokenizer module_{};
  std::unique_ptr<Fts5Tokenizer, Deleter> tokenizer_;
};

/// Whether a `*` follows `i` in `text`, past spaces: a prefix's.
bool prefix_follows(std::string_view text, std::size_t i) {
  const std::size_t next = text.find_first_not_of(' ', i + 1);
  return next != std::string_view::npos && text[next] == '*';
}

/// The forms of the one word of the FTS5 string `said` as an FTS5 group,
/// `("=juge" OR "=juges" …)`, when there are several (see as_forms()).
std::optional<std::string> forms_of(const QueryTokenizer& tokenizer, std::string_view said) {
  const std::optional<Positions> read = tokenizer.positions(said);
  if (!read || read->size() != 1 || read->front().size() < 2 ||
      read->front().size() > kMostOrForms) {
    return std::nullopt;
  }
  std::string forms = "(";
  for (const std::string& form : read->front()) {
    const std::string written = surface_text(form);
    const std::optional<Positions> back = tokenizer.positions(written);
    if (!back || back->size() != 1 || back->front().size() != 1 || back->front()[0] != form) {
      return std::nullopt;
    }
    if (forms.size() > 1) forms += " OR ";
    forms += fts5_string(written);
  }
  return forms + ')';
}

/// The deepest nesting of parentheses in `match`, strings aside.
int depth_of(std::string_view match) {
  int depth = 0;
  int deepest = 0;
  for (std::size_t i = 0; i < match.size(); ++i) {
    if (match[i] == '"') {
      const std::optional<Fts5String> string = fts5_string_at(match, i);
      if (!string) break;
      i = string->close;
    } else if (match[i] == '(') {
      deepest = std::max(deepest, ++depth);
    } else if (match[i] == ')') {
      --depth;
    }
  }
  return deepest;
}

/// `match` with each string that is one phrase of several forms (not in a
/// NEAR group, not a prefix) written as its forms.
std::string with_forms(const QueryTokenizer& tokenizer, std::string_view match) {
  std::string out;
  int depth = 0;
  int near_depth = -1;  // the depth of the NEAR group being read, if any
  for (std::size_t i = 0; i < match.size(); ++i) {
    const char c = match[i];
    if (c == '"') {
      const std::optional<Fts5String> string = fts5_string_at(match, i);
      if (!string) return std::string(match);
      const std::string_view written = match.substr(i, string->close + 1 - i);
      std::optional<std::string> forms;
      if (near_depth < 0 && !prefix_follows(match, string->close)) {
        forms = forms_of(tokenizer, string->text);
      }
      out += forms ? std::string_view(*forms) : written;
      i = string->close;
      continue;
    }
    if (c == '(') {
      ++depth;
      if (near_depth < 0 && out.size() >= 4 && out.compare(out.size() - 4, 4, "NEAR") == 0) {
        near_depth = depth;
      }
    } else if (c == ')') {
      if (depth == near_depth) near_depth = -1;
      --depth;
    }
    out += c;
  }
  return out;
}

}  // namespace

std::string match_as_forms(sqlite3* db, std::string_view match) {
  if (depth_of(match) > kMostRewrittenDepth) return std::string(match);
  return with_forms(QueryTokenizer(db), match);
}

std::vector<std::string> as_forms(sqlite3* db, const std::vector<std::string>& phrases) {
  std::vector<std::string> out;
  if (phrases.empty()) return out;
  const QueryTokenizer tokenizer(db);
  for (const std::string& phrase : phrases) out.push_back(with_forms(tokenizer, phrase));
  return out;
}

}  // namespace newsidx::store
