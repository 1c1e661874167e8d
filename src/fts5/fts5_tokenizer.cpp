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

/// Emits what `flags` asks for (see fts5_tokenizer.hpp) for every token of
/// `text`. Returns the first non-OK code of `emit` at once.
int tokenize(Analyzer& analyzer, void* context, int flags, std::string_view text,
             TokenCallback emit) {
  const bool query = (flags & FTS5_TOKENIZE_QUERY) != 0;
  const bool prefix = (flags & FTS5_TOKENIZE_PREFIX) != 0;
  std::string marked;  // kSurfaceMarker + folded form of the current token
  analyzer.start(text);
  Token token;
  bool more = analyzer.next(token);
  while (more) {
    const int start = static_cast<int>(token.start);
    const int end = static_cast<int>(token.end);
    marked.assign(1, kSurfaceMarker);
    marked += token.folded;
    const int marked_size = static_cast<int>(marked.size());
    const std::string_view stem = token.stem;
    // A surface form is indexed only where it differs from the stem.
    const bool own_surface = token.folded != token.stem;
    const bool is_marked = token.word_start > 0 && text[token.word_start - 1] == kSurfaceMarker;
    const std::string folded(token.folded);  // the views die with the next token
    const std::string stem_copy(stem);
    more = analyzer.next(token);
    int rc = SQLITE_OK;
    if (!query) {
      rc = emit(context, 0, stem_copy.data(), static_cast<int>(stem_copy.size()), start, end);
      if (rc == SQLITE_OK && own_surface) {
        rc = emit(context, FTS5_TOKEN_COLOCATED, marked.data(), marked_size, start, end);
      }
    } else if (prefix && !more) {
      // The prefix itself: surface forms (`=bombard`), or words as written
      // whose surface is their stem (`bombard`).
      rc = is_marked ? emit(context, 0, marked.data(), marked_size, start, end)
                     : emit(context, 0, folded.data(), static_cast<int>(folded.size()), start, end);
    } else if (is_marked && own_surface) {
      rc = emit(context, 0, marked.data(), marked_size, start, end);
    } else {
      rc = emit(context, 0, stem_copy.data(), static_cast<int>(stem_copy.size()), start, end);
    }
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

DocumentTokens::DocumentTokens(std::string text, Analyzer& analyzer) : text_(std::move(text)) {
  const int rc = tokenize(analyzer, this, FTS5_TOKENIZE_DOCUMENT, text_, append);
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
