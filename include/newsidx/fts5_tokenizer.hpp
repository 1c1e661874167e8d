// The French analysis (analyzer.hpp) as an SQLite FTS5 tokenizer.
//
// Token conventions shared by the index, the query translator (query.hpp)
// and users of the loadable extension. A word with the folded form `f`, the
// stem `A` and the folded stem `B` (analyzer.hpp) is indexed as:
//   * `A` alone when `f` is `A` (`alep`, `prison`): plain tokens are exactly
//     the folded forms that are their own stem;
//   * otherwise `~A` (kStemMarker) and, at the same position
//     (FTS5_TOKEN_COLOCATED), `=f` (kSurfaceMarker): `prisons` gives
//     `~prison` and `=prisons`;
//   * and, where `B` differs from `A`, also `~B` at the same position
//     (`declaree`, written without accents, gives `~declare`, `=declaree` and
//     `~declar`).
// So every form is indexed once and every stem once per word, and:
//   * a stem `S` is found as `S` or `~S`;
//   * a folded form `f` is found as `f` or `=f` — exactly that form, and a
//     prefix of these two finds the words as written that start with it,
//     never a stem.
// At query time (FTS5_TOKENIZE_QUERY) a word gives these alternatives, at one
// position (FTS5 query-time synonyms, which also hold for prefix terms):
//   * a plain word written with accents: `A`, `~A` (the user told us the
//     accents); written without: `A`, `~A`, `B`, `~B` (without repeats);
//   * a word written with a leading kSurfaceMarker (`"=prison"`): `f`, `=f`;
//   * the last word of a prefix query (FTS5_TOKENIZE_PREFIX), marked or not:
//     `f`, `=f` (so `"hopital" *` finds `hôpital`, not `hôpitaux`); the other
//     words of a prefix phrase are read as in a plain query.
// FTS5_TOKENIZE_AUX (highlight(), snippet()) gives what documents give.
// Offsets are those of Analyzer tokens: `armée` in `l’armée`, the whole of
// `350 000`.
//
// The tokenizer takes no arguments. Each FTS5 table gets its own tokenizer
// object (and Analyzer), used by one thread at a time like its connection.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "newsidx/analyzer.hpp"
#include "newsidx/near_duplicate.hpp"
#include "newsidx/token_marks.hpp"

// The SQLite types this header names; sqlite3.h defines them. Only the store
// and the fts5 layer include sqlite3.h.
struct sqlite3;
struct fts5_api;

namespace newsidx {

/// The name the tokenizer is registered under: `tokenize='newsidx_french'`.
inline constexpr const char* kTokenizerName = "newsidx_french";

/// What FTS5 calls for each token (its xToken callback).
using TokenCallback = int (*)(void* context, int flags, const char* token, int size, int start,
                              int end);

/// The tokens the tokenizer gives one text as a document (stems and their
/// colocated surface forms, with offsets), computed ahead of time, e.g. on a
/// parsing thread, so that the thread that writes the index only replays
/// them (see TokenReplay). Owns a copy of the text.
class DocumentTokens {
 public:
  DocumentTokens() = default;
  /// Analyses `text` with `analyzer` exactly as the tokenizer does for
  /// FTS5_TOKENIZE_DOCUMENT, and adds each word's folded form to `signature`
  /// when given (near-duplicate signatures from the same analysis). Throws
  /// std::bad_alloc.
  DocumentTokens(std::string text, Analyzer& analyzer, SignatureBuilder* signature = nullptr);

  [[nodiscard]] const std::string& text() const { return text_; }
  /// Calls `emit` for each token, as the tokenizer would; stops at the
  /// first code other than SQLITE_OK and returns it.
  int replay(void* context, TokenCallback emit) const;

 private:
  struct Entry {
    std::uint32_t offset;  ///< of the token text in bytes_
    std::uint32_t size;
    int flags;  ///< 0 or FTS5_TOKEN_COLOCATED
    int start;
    int end;
  };
  static int append(void* self, int flags, const char* token, int size, int start,
                    int end) noexcept;

  std::string text_;
  std::string bytes_;
  std::vector<Entry> entries_;
};

/// Texts whose tokens a connection's tokenizer replays instead of analysing
/// them: when FTS5 asks for the document tokens of a text equal to a queued
/// one, its DocumentTokens are replayed. Owned by whoever registered the
/// tokenizer with it, and outlives the connection; used by the connection's
/// thread only. The queued DocumentTokens must outlive their stay in it.
class TokenReplay {
 public:
  void queue(const DocumentTokens& tokens) { pending_.push_back(&tokens); }
  void clear() { pending_.clear(); }
  /// The queued tokens of `text`, taken out of the queue, or nullptr.
  const DocumentTokens* take(std::string_view text);

 private:
  std::vector<const DocumentTokens*> pending_;
};

/// The FTS5 API of an open connection (owned by the connection). Throws
/// Error(kDatabase) when the connection has no FTS5, or one too old
/// (iVersion < 2).
[[nodiscard]] fts5_api* fts5_api_of(sqlite3* db);

/// Registers the tokenizer with the FTS5 module of an open connection; with
/// a `replay`, its tokenizers replay the tokens queued there (see
/// TokenReplay). Throws Error(kDatabase) when the connection has no FTS5 or
/// registration fails.
void register_french_tokenizer(sqlite3* db, TokenReplay* replay = nullptr);

/// Registers the tokenizer through an FTS5 API obtained elsewhere (a
/// loadable extension gets it through its own API routines). Makes no
/// sqlite3_* call. Throws Error(kDatabase) when `api` is null, too old
/// (iVersion < 2) or refuses the tokenizer.
void register_french_tokenizer(fts5_api* api, TokenReplay* replay = nullptr);

}  // namespace newsidx
