// The characters that mark kinds of index tokens, shared by the query
// language (query.hpp), which writes them into FTS5 strings, and the French
// tokenizer (fts5_tokenizer.hpp), which reads and indexes them. None of them
// is a word character, so no analysed word ever starts with one.
#pragma once

namespace newsidx {

/// Marks a folded surface form in the index and in queries (`=manifestations`).
inline constexpr char kSurfaceMarker = '=';

/// Marks, in the index, a stem that is not the word's folded form.
inline constexpr char kStemMarker = '~';

}  // namespace newsidx
