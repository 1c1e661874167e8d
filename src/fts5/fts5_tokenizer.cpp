// The tokenizer callbacks and their registration through an fts5_api. This
// file makes no sqlite3_* call, so that the loadable extension, which links
// it, calls SQLite only through its API routines; registering on a
// connection is in fts5_connection.cpp.
#include "newsidx/fts5_tokenizer.hpp"

#include <sqlite3.h>

#include <memory>
#include <new>
#include <string>
#include <string_view>

#include "newsidx/analyzer.hpp"
#include "newsidx/error.hpp"

namespace newsidx {
namespace {

/// What FTS5 knows as an Fts5Tokenizer: one per FTS5 table and connection.
struct FrenchTokenizer {
  Analyzer analyzer;
  TokenReplay* replay = nullptr;  ///< not owned; may be null
};

/// The tokens of one word, all at one position: the first one as is, the
/// others with FTS5_TOKEN_COLOCATED. After a non-OK code from `emit`, emits
/// nothing more. `buffer` is scratch space, reused from word to word.
class Position {
 public:
  Position(void* context, TokenCallback emit, int start, int end, std::string& buffer)
      : context_(context), emit_(emit), start_(start), end_(end), buffer_(buffer) {}

  /// Emits `token`, after `marker` unless it is '\0'.
  void add(char marker, std::string_view token) {
    if (rc_ != SQLITE_OK) return;
    if (marker != '\0') {
      buffer_.assign(1, marker);
      buffer_ += token;
      token = buffer_;
    }
    rc_ = emit_(context_, first_ ? 0 : FTS5_TOKEN_COLOCATED, token.data(),
                static_cast<int>(token.size()), start_, end_);
    first_ = false;
  }
  [[nodiscard]] int rc() const { return rc_; }

 private:
  void* context_;
  TokenCallback emit_;
  int start_;
  int end_;
  std::string& buffer_;
  bool first_ = true;
  int rc_ = SQLITE_OK;
};

/// What the tokenizer needs of a token.
struct Word {
  std::string_view folded;
  std::string_view stem;
  std::string_view folded_stem;
  bool accented = false;
  bool marked = false;  ///< written after kSurfaceMarker
  int start = 0;
  int end = 0;

  /// The word of `token`, a token of `text`; its views are the token's.
  static Word of(const Token& token, std::string_view text) {
    return {token.folded,
            token.stem,
            token.folded_stem,
            token.accented,
            token.word_start > 0 && text[token.word_start - 1] == kSurfaceMarker,
            static_cast<int>(token.start),
            static_cast<int>(token.end)};
  }
};

/// A Word with its own copies of the strings, kept while the tokenizer looks
/// at the next token (which ends the views of this one).
class SavedWord {
 public:
  void assign(const Token& token, std::string_view text) {
    folded_.assign(token.folded);
    stem_.assign(token.stem);
    folded_stem_.assign(token.folded_stem);
    word_ = Word::of(token, text);
    word_.folded = folded_;
    word_.stem = stem_;
    word_.folded_stem = folded_stem_;
  }
  [[nodiscard]] const Word& word() const { return word_; }

 private:
  std::string folded_;
  std::string stem_;
  std::string folded_stem_;
  Word word_;
};

/// Emits the tokens of `word` (see fts5_tokenizer.hpp): as in a document, or
/// as in a query; in a query, its written form when `written_form`. Returns
/// the first non-OK code of `emit`.
int emit_word(const Word& word, bool query, bool written_form, void* context, TokenCallback emit,
              std::string& buffer) {
  Position at(context, emit, word.start, word.end, buffer);
  if (!query) {
    if (word.folded == word.stem) {
      at.add('\0', word.stem);
    } else {
      at.add(kStemMarker, word.stem);
      at.add(kSurfaceMarker, word.folded);
    }
    if (word.folded_stem != word.stem) at.add(kStemMarker, word.folded_stem);
  } else if (written_form) {
    at.add('\0', word.folded);
    at.add(kSurfaceMarker, word.folded);
  } else {
    at.add('\0', word.stem);
    at.add(kStemMarker, word.stem);
    if (!word.accented && word.folded_stem != word.stem) {
      at.add('\0', word.folded_stem);
      at.add(kStemMarker, word.folded_stem);
    }
  }
  return at.rc();
}

/// Emits what `flags` asks for (see fts5_tokenizer.hpp) for every token of
/// `text`, and adds each folded word to `signature` when given. Returns the
/// first non-OK code of `emit` at once.
int tokenize(Analyzer& analyzer, void* context, int flags, std::string_view text,
             TokenCallback emit, SignatureBuilder* signature = nullptr) {
  const bool query = (flags & FTS5_TOKENIZE_QUERY) != 0;
  std::string buffer;
  analyzer.start(text);
  Token token;
  if (!query || (flags & FTS5_TOKENIZE_PREFIX) == 0) {
    while (analyzer.next(token)) {
      if (signature != nullptr) signature->add(token.folded);
      const Word word = Word::of(token, text);
      const int rc = emit_word(word, query, word.marked, context, emit, buffer);
      if (rc != SQLITE_OK) return rc;
    }
    return SQLITE_OK;
  }
  // A prefix query: the last word is the prefix of written forms.
  SavedWord saved;
  bool more = analyzer.next(token);
  while (more) {
    saved.assign(token, text);
    more = analyzer.next(token);
    const Word& word = saved.word();
    const int rc = emit_word(word, true, word.marked || !more, context, emit, buffer);
    if (rc != SQLITE_OK) return rc;
  }
  return SQLITE_OK;
}

int french_create(void* user_data, const char** /*args*/, int arg_count,
                  Fts5Tokenizer** out) noexcept {
  *out = nullptr;
  if (arg_count != 0) return SQLITE_ERROR;  // the tokenizer has no options
  try {
    auto tokenizer = std::make_unique<FrenchTokenizer>();
    tokenizer->replay = static_cast<TokenReplay*>(user_data);
    // Owned by FTS5 until french_delete() adopts it back.
    *out = reinterpret_cast<Fts5Tokenizer*>(tokenizer.release());
    return SQLITE_OK;
  } catch (const std::bad_alloc&) {
    return SQLITE_NOMEM;
  } catch (...) {
    return SQLITE_ERROR;
  }
}

void french_delete(Fts5Tokenizer* tokenizer) noexcept {
  std::unique_ptr<FrenchTokenizer> adopted(reinterpret_cast<FrenchTokenizer*>(tokenizer));
}

int french_tokenize(Fts5Tokenizer* tokenizer, void* context, int flags, const char* text, int size,
                    TokenCallback emit) noexcept {
  try {
    const std::string_view view =
        size > 0 ? std::string_view(text, static_cast<std::size_t>(size)) : std::string_view();
    auto& french = *reinterpret_cast<FrenchTokenizer*>(tokenizer);
    if (french.replay != nullptr && (flags & FTS5_TOKENIZE_DOCUMENT) != 0) {
      if (const DocumentTokens* ready = french.replay->take(view)) {
        return ready->replay(context, emit);
      }
    }
    return tokenize(french.analyzer, context, flags, view, emit);
  } catch (const std::bad_alloc&) {
    return SQLITE_NOMEM;
  } catch (...) {
    return SQLITE_ERROR;
  }
}

fts5_tokenizer french_tokenizer = {french_create, french_delete, french_tokenize};

}  // namespace

DocumentTokens::DocumentTokens(std::string text, Analyzer& analyzer, SignatureBuilder* signature)
    : text_(std::move(text)) {
  const int rc = tokenize(analyzer, this, FTS5_TOKENIZE_DOCUMENT, text_, append, signature);
  if (rc == SQLITE_NOMEM) throw std::bad_alloc();
}

int DocumentTokens::append(void* self, int flags, const char* token, int size, int start,
                           int end) noexcept {
  auto& t = *static_cast<DocumentTokens*>(self);
  try {
    t.entries_.push_back({static_cast<std::uint32_t>(t.bytes_.size()),
                          static_cast<std::uint32_t>(size), flags, start, end});
    t.bytes_.append(token, static_cast<std::size_t>(size));
    return SQLITE_OK;
  } catch (const std::bad_alloc&) {
    return SQLITE_NOMEM;
  }
}

int DocumentTokens::replay(void* context, TokenCallback emit) const {
  for (const Entry& e : entries_) {
    const int rc =
        emit(context, e.flags, bytes_.data() + e.offset, static_cast<int>(e.size), e.start, e.end);
    if (rc != SQLITE_OK) return rc;
  }
  return SQLITE_OK;
}

const DocumentTokens* TokenReplay::take(std::string_view text) {
  for (auto it = pending_.begin(); it != pending_.end(); ++it) {
    if ((*it)->text() == text) {
      const DocumentTokens* found = *it;
      pending_.erase(it);
      return found;
    }
  }
  return nullptr;
}

void register_french_tokenizer(fts5_api* api, TokenReplay* replay) {
  if (api == nullptr || api->iVersion < 2) {
    throw Error(ErrorCode::kDatabase, "this SQLite has no usable FTS5 module");
  }
  const int rc = api->xCreateTokenizer(api, kTokenizerName, replay, &french_tokenizer, nullptr);
  if (rc != SQLITE_OK) {
    throw Error(ErrorCode::kDatabase, std::string("cannot register the FTS5 tokenizer ") +
                                          kTokenizerName + " (SQLite code " + std::to_string(rc) +
                                          ")");
  }
}

}  // namespace newsidx
