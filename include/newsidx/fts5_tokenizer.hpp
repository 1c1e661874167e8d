// The French analysis (analyzer.hpp) as an SQLite FTS5 tokenizer.
//
// Token conventions shared by the index, the query translator (query.hpp)
// and users of the loadable extension:
//   * every word is indexed as its stem (`armee` -> `arme`), and, at the
//     same position (FTS5_TOKEN_COLOCATED), as its folded surface form
//     prefixed with kSurfaceMarker (`=armee`) — only when that form differs
//     from the stem (`alep` is indexed once, as `alep`): this keeps the index
//     small;
//   * at query time a plain word yields its stem; a word written with a
//     leading kSurfaceMarker (`"=manifestations"`) yields `=` and its folded
//     form, or its stem when the two are the same (so `=alep` also finds a
//     rare `aleps`, whose stem is `alep`: the one imprecision of the scheme);
//   * in a prefix query (FTS5_TOKENIZE_PREFIX) the last word yields its folded
//     form, with the marker when written with it: a prefix search for words
//     as written is `("=bombard" * OR "bombard" *)` — surface forms, and words
//     that are their own stem; the other words of a prefix phrase are read as
//     in a plain query.
//   * FTS5_TOKENIZE_AUX (highlight(), snippet()) gives what documents give.
// Offsets are those of Analyzer tokens: `armée` in `l’armée`, the whole of
// `350 000`.
//
// The tokenizer takes no arguments. Each FTS5 table gets its own tokenizer
// object (and Analyzer), used by one thread at a time like its connection.
#pragma once

#include <sqlite3.h>

namespace newsidx {

/// The name the tokenizer is registered under: `tokenize='newsidx_french'`.
inline constexpr const char* kTokenizerName = "newsidx_french";

/// Marks a folded surface form in the index and in queries.
inline constexpr char kSurfaceMarker = '=';

/// The FTS5 API of an open connection (owned by the connection). Throws
/// Error(kDatabase) when the connection has no FTS5, or one too old
/// (iVersion < 2).
[[nodiscard]] fts5_api* fts5_api_of(sqlite3* db);

/// Registers the tokenizer with the FTS5 module of an open connection.
/// Throws Error(kDatabase) when the connection has no FTS5 or registration
/// fails.
void register_french_tokenizer(sqlite3* db);

/// Registers the tokenizer through an FTS5 API obtained elsewhere (a
/// loadable extension gets it through its own API routines). Makes no
/// sqlite3_* call. Throws Error(kDatabase) when `api` is null, too old
/// (iVersion < 2) or refuses the tokenizer.
void register_french_tokenizer(fts5_api* api);

}  // namespace newsidx
