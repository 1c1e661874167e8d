// The French analysis (analyzer.hpp) as an SQLite FTS5 tokenizer.
//
// Token conventions shared by the index, the store's vocabulary, the query
// translator (query.hpp) and users of the loadable extension. The index
// holds one token per word, its folded form `f` (`armee`, `prisons`,
// `hopitaux`): the words as written, as a plain full-text index would, and
// nothing stemmed. The stems live beside the index, in word families (see
// WordFamilies): each folded form is listed under the stem `A` of every
// written form it was seen with, and under its folded stem `B`
// (analyzer.hpp). So:
//   * a document (FTS5_TOKENIZE_DOCUMENT) and highlight()/snippet()
//     (FTS5_TOKENIZE_AUX) give `f` for each word, without stemming it;
//   * a query (FTS5_TOKENIZE_QUERY) gives for each word, at one position
//     (FTS5 query-time synonyms, which also hold for prefix terms):
//       - a plain word written with accents: every folded form listed under
//         its stem `A` (the user told us the accents); written without: those
//         listed under `A` or `B` — `réfugiés` finds réfugié(e)(s) but not
//         refuge, `declaree` finds déclaré;
//       - a word written with a leading kSurfaceMarker (`"=prison"`): `f`,
//         exactly that form;
//       - the last word of a prefix query (FTS5_TOKENIZE_PREFIX), marked or
//         not: `f`, so that `"hopital" *` runs over the words as written
//         (hôpital, not hôpitaux); the other words of a prefix phrase are
//         read as in a plain query;
//     and its own folded form when the families list nothing for it (an
//     unknown word, or a table indexed without a vocabulary).
// A text (document or query string) that starts with kFieldMarker is a
// field text (token_marks.hpp): it gives the tokens of the rest of it, as
// above, each with kFieldMarker before it, so that they never match the
// words of unmarked texts. Offsets are those of Analyzer tokens: `armée` in
// `l’armée`, the whole of `350 000`; in a field text, within the whole
// text.
//
// The tokenizer takes no arguments. Each FTS5 table gets its own tokenizer
// object (and Analyzer), used by one thread at a time like its connection.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
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

/// Gives `emit` each token of `text` as the tokenizer gives those of a
/// document and of highlight()/snippet() (FTS5_TOKENIZE_DOCUMENT, _AUX): the
/// folded form of each word, with its byte offsets in `text`. Returns the
/// first code of `emit` that is not SQLITE_OK, else SQLITE_OK.
int tokenize_text(Analyzer& analyzer, std::string_view text, void* context, TokenCallback emit);

/// Where the tokenizer finds word families: the folded forms listed under
/// a stem (a newsidx database's vocabulary, src/store/vocabulary.cpp). Called
/// by the connection's thread while FTS5 reads a query.
class WordFamilies {
 public:
  virtual ~WordFamilies() = default;
  /// Appends to `out` the folded forms listed under `stem`, if any.
  virtual void append_words(std::string_view stem, std::vector<std::string>& out) = 0;
};

/// Remembers (stem, folded form) pairs, to pass each on once: the pairs a
/// parsing thread has already listed, or those a writer has already added.
/// Forgets everything once it holds its maximum (then some are passed on
/// again, which costs little). One per thread.
///
/// A pair is remembered by its 128-bit hash (XXH3). Two pairs share a hash
/// with a probability of about 2^-128 per two pairs, far below that of a
/// memory error; the pair would not reach the vocabulary. The hashes are
/// kept in one array, each in the slot its hash names or the next free one
/// (open addressing): one cache line read a lookup, no allocation a pair.
/// The array has a power of 2 of 16-byte slots, at least two a pair: 32 to
/// 64 bytes a pair (a node-based set takes about 32), 32 MB for 2^20.
class SeenFamilies {
 public:
  /// About the vocabulary of a large archive: what a writer remembers.
  static constexpr std::size_t kMaxRemembered = std::size_t{1} << 20;

  /// Remembers at most `max_remembered` pairs.
  explicit SeenFamilies(std::size_t max_remembered = kMaxRemembered)
      : max_remembered_(max_remembered) {}

  /// True the first time (stem, word) is seen.
  bool first_time(std::string_view stem, std::string_view word);

 private:
  struct Key {
    std::uint64_t low;
    std::uint64_t high;
    bool operator==(const Key&) const = default;
  };
  /// Stores `k` unless it is there; returns whether it was not.
  /// REQUIRES: a free slot, and `k` is not {0, 0} (a free slot).
  bool insert(const Key& k);
  /// Twice the slots (kFirstSlots at first), keeping the keys.
  void grow();

  static constexpr std::size_t kFirstSlots = 1024;
  std::size_t max_remembered_;
  std::vector<Key> slots_;  ///< a power of 2 of them; {0, 0} is a free slot
  std::size_t size_ = 0;    ///< keys stored in `slots_`
  std::string key_;
};

/// The tokens the tokenizer gives one text as a document (the folded form
/// of each word, with offsets), computed ahead of time, e.g. on a parsing
/// thread, so that the thread that writes the index only replays them (see
/// TokenReplay); and, for the vocabulary, the (stem, folded form) pairs of
/// its words that the Analyzer had not seen recently (Token::fresh): every
/// pair of the text has been listed by one DocumentTokens of this Analyzer
/// or another. Owns a copy of the text.
class DocumentTokens {
 public:
  DocumentTokens() = default;
  /// Analyses `text` with `analyzer` exactly as the tokenizer does for
  /// FTS5_TOKENIZE_DOCUMENT, lists the family pairs of its fresh words
  /// (those that `seen`, when given, sees for the first time), and adds each
  /// word's folded form to `signature` when given (near-duplicate
  /// signatures from the same analysis). Throws std::bad_alloc.
  DocumentTokens(std::string text, Analyzer& analyzer, SeenFamilies* seen = nullptr,
                 SignatureBuilder* signature = nullptr);

  [[nodiscard]] const std::string& text() const { return text_; }
  /// Calls `emit` for each token, as the tokenizer would; stops at the
  /// first code other than SQLITE_OK and returns it.
  int replay(void* context, TokenCallback emit) const;
  /// Calls `fn(stem, word)` for each family pair of the fresh words.
  template <typename Fn>
  void for_each_family_pair(Fn&& fn) const {
    for (std::size_t i = 0; i < pairs_.size(); i += 2) fn(pairs_[i], pairs_[i + 1]);
  }

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
  std::vector<std::string> pairs_;  ///< stem, word, stem, word…
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

/// What a connection's tokenizers use besides the analysis.
struct TokenizerHooks {
  /// Pre-analysed documents to replay (see TokenReplay); not owned, must
  /// outlive the connection; may be null.
  TokenReplay* replay = nullptr;
  /// Word families for queries; may be null (then a word gives only its
  /// folded form).
  std::shared_ptr<WordFamilies> families;
};

/// Registers the tokenizer with the FTS5 module of an open connection.
/// Throws Error(kDatabase) when the connection has no FTS5 or registration
/// fails.
void register_french_tokenizer(sqlite3* db, const TokenizerHooks& hooks = {});

/// Registers the tokenizer through an FTS5 API obtained elsewhere (a
/// loadable extension gets it through its own API routines). Makes no
/// sqlite3_* call. Throws Error(kDatabase) when `api` is null, too old
/// (iVersion < 2) or refuses the tokenizer.
void register_french_tokenizer(fts5_api* api, const TokenizerHooks& hooks = {});

}  // namespace newsidx
