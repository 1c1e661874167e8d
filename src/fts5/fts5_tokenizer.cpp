// The tokenizer callbacks and their registration through an fts5_api. This
// file makes no sqlite3_* call, so that the loadable extension, which links
// it, calls SQLite only through its API routines; registering on a
// connection is in fts5_connection.cpp.
#include "newsidx/fts5_tokenizer.hpp"

#include <sqlite3.h>
#include <xxhash.h>

#include <algorithm>
#include <memory>
#include <new>
#include <string>
#include <string_view>
#include <utility>

#include "newsidx/analyzer.hpp"
#include "newsidx/error.hpp"

namespace newsidx {
namespace {

/// What FTS5 knows as an Fts5Tokenizer: one per FTS5 table and connection.
struct FrenchTokenizer {
  Analyzer analyzer;
  TokenizerHooks hooks;
  std::vector<std::string> family;  ///< scratch: the words of one query word
};

/// The tokens of one word, all at one position: the first one as is, the
/// others with FTS5_TOKEN_COLOCATED. After a non-OK code from `emit`, emits
/// nothing more.
class Position {
 public:
  Position(void* context, TokenCallback emit, int start, int end)
      : context_(context), emit_(emit), start_(start), end_(end) {}

  void add(std::string_view token) {
    if (rc_ != SQLITE_OK) return;
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
  bool first_ = true;
  int rc_ = SQLITE_OK;
};

/// True when `token`, a token of `text`, was written after kSurfaceMarker.
bool is_marked(const Token& token, std::string_view text) {
  return token.word_start > 0 && text[token.word_start - 1] == kSurfaceMarker;
}

/// Emits the tokens of a query word (see fts5_tokenizer.hpp): its family,
/// or its folded form when `written_form` or when no family is known.
int emit_query_word(FrenchTokenizer& t, const Token& token, bool written_form, void* context,
                    TokenCallback emit) {
  Position at(context, emit, static_cast<int>(token.start), static_cast<int>(token.end));
  std::vector<std::string>& family = t.family;
  family.clear();
  if (!written_form && t.hooks.families) {
    t.hooks.families->append_words(token.stem, family);
    if (!token.accented && token.folded_stem != token.stem) {
      t.hooks.families->append_words(token.folded_stem, family);
    }
  }
  if (family.empty()) {
    at.add(token.folded);
    return at.rc();
  }
  std::sort(family.begin(), family.end());
  family.erase(std::unique(family.begin(), family.end()), family.end());
  for (const std::string& word : family) at.add(word);
  return at.rc();
}

/// What a text that starts with kFieldMarker gives: the tokens of the rest
/// of it, each marked, at their offsets in the whole text.
class MarkedTokens {
 public:
  MarkedTokens(void* context, TokenCallback to) : context_(context), emit_(to) {}

  static int emit(void* self, int flags, const char* token, int size, int start, int end) noexcept {
    auto& m = *static_cast<MarkedTokens*>(self);
    try {
      m.token_.assign(1, kFieldMarker);
      m.token_.append(token, static_cast<std::size_t>(size));
    } catch (const std::bad_alloc&) {
      return SQLITE_NOMEM;
    }
    return m.emit_(m.context_, flags, m.token_.data(), static_cast<int>(m.token_.size()), start + 1,
                   end + 1);
  }

 private:
  void* context_;
  TokenCallback emit_;
  std::string token_;
};

/// Emits the folded form of every word of `text` (a document, or text
/// for highlight()/snippet()); with `pairs`, also collects the family pairs
/// of its fresh words there (stem, word, stem, word…), those new to `seen`
/// when it is given; adds each folded word to `signature` when given. The
/// words of a field text (kFieldMarker) are emitted marked, and listed and
/// signed as they are.
int tokenize_document(Analyzer& analyzer, void* context, std::string_view text, TokenCallback emit,
                      std::vector<std::string>* pairs, SeenFamilies* seen = nullptr,
                      SignatureBuilder* signature = nullptr) {
  if (is_field_text(text)) {
    MarkedTokens marked(context, emit);
    return tokenize_document(analyzer, &marked, text.substr(1), MarkedTokens::emit, pairs, seen,
                             signature);
  }
  analyzer.start(text, pairs != nullptr ? Analyzer::Stems::kCompute : Analyzer::Stems::kSkip);
  Token token;
  while (analyzer.next(token)) {
    const int rc = emit(context, 0, token.folded.data(), static_cast<int>(token.folded.size()),
                        static_cast<int>(token.start), static_cast<int>(token.end));
    if (rc != SQLITE_OK) return rc;
    if (signature != nullptr) signature->add(token.folded);
    if (pairs == nullptr || !token.fresh) continue;
    const auto add = [&](std::string_view stem) {
      if (seen != nullptr && !seen->first_time(stem, token.folded)) return;
      pairs->emplace_back(stem);
      pairs->emplace_back(token.folded);
    };
    add(token.stem);
    if (token.folded_stem != token.stem) add(token.folded_stem);
  }
  return SQLITE_OK;
}

/// Emits what a query asks for (see fts5_tokenizer.hpp) for every word of
/// `text`. Returns the first non-OK code of `emit` at once.
int tokenize_query(FrenchTokenizer& t, void* context, int flags, std::string_view text,
                   TokenCallback emit) {
  if (is_field_text(text)) {
    MarkedTokens marked(context, emit);
    return tokenize_query(t, &marked, flags, text.substr(1), MarkedTokens::emit);
  }
  const bool prefix = (flags & FTS5_TOKENIZE_PREFIX) != 0;
  Analyzer& analyzer = t.analyzer;
  analyzer.start(text);
  Token token;
  bool more = analyzer.next(token);
  while (more) {
    // The views of a token end with the next one: keep what is needed.
    Token word = token;
    std::string folded(token.folded), stem(token.stem), folded_stem(token.folded_stem);
    word.folded = folded;
    word.stem = stem;
    word.folded_stem = folded_stem;
    more = analyzer.next(token);
    const bool written_form = is_marked(word, text) || (prefix && !more);
    const int rc = emit_query_word(t, word, written_form, context, emit);
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
    tokenizer->hooks = *static_cast<const TokenizerHooks*>(user_data);
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
    if ((flags & FTS5_TOKENIZE_QUERY) != 0)
      return tokenize_query(french, context, flags, view, emit);
    if (french.hooks.replay != nullptr && (flags & FTS5_TOKENIZE_DOCUMENT) != 0) {
      if (const DocumentTokens* ready = french.hooks.replay->take(view)) {
        return ready->replay(context, emit);
      }
    }
    return tokenize_document(french.analyzer, context, view, emit, nullptr);
  } catch (const std::bad_alloc&) {
    return SQLITE_NOMEM;
  } catch (...) {
    return SQLITE_ERROR;
  }
}

fts5_tokenizer french_tokenizer = {french_create, french_delete, french_tokenize};

void delete_hooks(void* hooks) noexcept {
  std::unique_ptr<TokenizerHooks> adopted(static_cast<TokenizerHooks*>(hooks));
}

}  // namespace

int tokenize_text(Analyzer& analyzer, std::string_view text, void* context, TokenCallback emit) {
  return tokenize_document(analyzer, context, text, emit, nullptr);
}

bool SeenFamilies::first_time(std::string_view stem, std::string_view word) {
  key_.assign(stem);
  key_ += '\0';  // words hold no NUL
  key_ += word;
  if (size_ >= max_remembered_) {
    std::fill(slots_.begin(), slots_.end(), Key{});
    size_ = 0;
  }
  const XXH128_hash_t h = XXH3_128bits(key_.data(), key_.size());
  // {0, 0} marks a free slot: a pair of that hash is kept as {0, 1}, which
  // it then shares with the pairs of that hash (a collision like any other).
  const Key k{h.low64, h.high64 | static_cast<std::uint64_t>(h.low64 == 0 && h.high64 == 0)};
  if (2 * (size_ + 1) > slots_.size()) grow();
  return insert(k);
}

bool SeenFamilies::insert(const Key& k) {
  // The hash is uniform: its low bits name the slot.
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = k.low & mask;; i = (i + 1) & mask) {
    if (slots_[i] == k) return false;
    if (slots_[i] == Key{}) {
      slots_[i] = k;
      ++size_;
      return true;
    }
  }
}

void SeenFamilies::grow() {
  std::vector<Key> old =
      std::exchange(slots_, std::vector<Key>(slots_.empty() ? kFirstSlots : 2 * slots_.size()));
  size_ = 0;
  for (const Key& k : old) {
    if (!(k == Key{})) insert(k);
  }
}

DocumentTokens::DocumentTokens(std::string text, Analyzer& analyzer, SeenFamilies* seen,
                               SignatureBuilder* signature)
    : text_(std::move(text)) {
  const int rc = tokenize_document(analyzer, this, text_, append, &pairs_, seen, signature);
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

void register_french_tokenizer(fts5_api* api, const TokenizerHooks& hooks) {
  if (api == nullptr || api->iVersion < 2) {
    throw Error(ErrorCode::kDatabase, "this SQLite has no usable FTS5 module");
  }
  // A copy owned by FTS5, freed with the tokenizer's registration.
  auto owned = std::make_unique<TokenizerHooks>(hooks);
  const int rc =
      api->xCreateTokenizer(api, kTokenizerName, owned.get(), &french_tokenizer, delete_hooks);
  if (rc == SQLITE_OK) {
    [[maybe_unused]] TokenizerHooks* now_fts5s = owned.release();
  }
  if (rc != SQLITE_OK) {
    throw Error(ErrorCode::kDatabase, std::string("cannot register the FTS5 tokenizer ") +
                                          kTokenizerName + " (SQLite code " + std::to_string(rc) +
                                          ")");
  }
}

}  // namespace newsidx
