// The tokenizer callbacks and their registration through an fts5_api. This
// file makes no sqlite3_* call, so that the loadable extension, which links
// it, calls SQLite only through its API routines; registering on a
// connection is in fts5_connection.cpp.
#include "newsidx/fts5_tokenizer.hpp"

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
  std::string marked;  ///< kSurfaceMarker + folded form of the current token
};

using TokenCallback = int (*)(void* context, int flags, const char* token, int size, int start,
                              int end);

/// Emits what `flags` asks for (see fts5_tokenizer.hpp) for every token of
/// `text`. Returns the first non-OK code of `emit` at once.
int tokenize(FrenchTokenizer& tokenizer, void* context, int flags, std::string_view text,
             TokenCallback emit) {
  const bool query = (flags & FTS5_TOKENIZE_QUERY) != 0;
  const bool prefix = (flags & FTS5_TOKENIZE_PREFIX) != 0;
  std::string& marked = tokenizer.marked;
  Analyzer& analyzer = tokenizer.analyzer;
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

int french_create(void* /*user_data*/, const char** /*args*/, int arg_count,
                  Fts5Tokenizer** out) noexcept {
  *out = nullptr;
  if (arg_count != 0) return SQLITE_ERROR;  // the tokenizer has no options
  try {
    // Owned by FTS5 until french_delete() adopts it back.
    *out = reinterpret_cast<Fts5Tokenizer*>(std::make_unique<FrenchTokenizer>().release());
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
    return tokenize(*reinterpret_cast<FrenchTokenizer*>(tokenizer), context, flags, view, emit);
  } catch (const std::bad_alloc&) {
    return SQLITE_NOMEM;
  } catch (...) {
    return SQLITE_ERROR;
  }
}

fts5_tokenizer french_tokenizer = {french_create, french_delete, french_tokenize};

}  // namespace

void register_french_tokenizer(fts5_api* api) {
  if (api == nullptr || api->iVersion < 2) {
    throw Error(ErrorCode::kDatabase, "this SQLite has no usable FTS5 module");
  }
  const int rc = api->xCreateTokenizer(api, kTokenizerName, nullptr, &french_tokenizer, nullptr);
  if (rc != SQLITE_OK) {
    throw Error(ErrorCode::kDatabase, std::string("cannot register the FTS5 tokenizer ") +
                                          kTokenizerName + " (SQLite code " + std::to_string(rc) +
                                          ")");
  }
}

}  // namespace newsidx
