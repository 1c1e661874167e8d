#include "store/family_forms.hpp"

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "newsidx/fts5_tokenizer.hpp"
#include "newsidx/token_marks.hpp"

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

/// `text` as an FTS5 string: quoted, `"` doubled.
std::string quoted(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    out += c;
    if (c == '"') out += '"';
  }
  return out + '"';
}

/// Where the one string of `phrase` is: [open, close] are its quotes, and
/// `text` what it says. False when there is none, or it is not alone.
struct PhraseString {
  std::size_t open = 0;
  std::size_t close = 0;
  std::string text;
};
std::optional<PhraseString> string_of(std::string_view phrase) {
  PhraseString s;
  s.open = phrase.find('"');
  if (s.open == std::string_view::npos) return std::nullopt;
  for (std::size_t i = s.open + 1; i < phrase.size(); ++i) {
    if (phrase[i] != '"') {
      s.text += phrase[i];
    } else if (i + 1 < phrase.size() && phrase[i + 1] == '"') {
      s.text += '"';
      ++i;
    } else {
      s.close = i;
      // What follows holds no other string, and no `*` of a prefix.
      if (phrase.find_first_of("\"*", i + 1) != std::string_view::npos) return std::nullopt;
      return s;
    }
  }
  return std::nullopt;
}

/// `phrase` as the OR of its forms, or unchanged (see as_forms()).
std::string as_forms(const QueryTokenizer& tokenizer, std::string_view phrase) {
  const std::optional<PhraseString> string = string_of(phrase);
  if (!string) return std::string(phrase);
  const std::optional<Positions> read = tokenizer.positions(string->text);
  if (!read || read->size() != 1 || read->front().size() < 2 ||
      read->front().size() > kMostOrForms) {
    return std::string(phrase);
  }
  std::string forms = "(";
  for (const std::string& form : read->front()) {
    const std::string written = kSurfaceMarker + form;
    const std::optional<Positions> back = tokenizer.positions(written);
    if (!back || back->size() != 1 || back->front().size() != 1 || back->front()[0] != form) {
      return std::string(phrase);
    }
    if (forms.size() > 1) forms += " OR ";
    forms += quoted(written);
  }
  forms += ')';
  return std::string(phrase.substr(0, string->open)) + forms +
         std::string(phrase.substr(string->close + 1));
}

}  // namespace

std::vector<std::string> as_forms(sqlite3* db, const std::vector<std::string>& phrases) {
  std::vector<std::string> out;
  if (phrases.empty()) return out;
  const QueryTokenizer tokenizer(db);
  for (const std::string& phrase : phrases) out.push_back(as_forms(tokenizer, phrase));
  return out;
}

}  // namespace newsidx::store
