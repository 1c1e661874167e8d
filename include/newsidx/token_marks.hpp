// The characters that mark how a query word is to be matched, shared by the
// query language (query.hpp), which writes them into FTS5 strings, and the
// French tokenizer (fts5_tokenizer.hpp), which reads them. None of them is a
// word character, so no analysed word ever starts with one.
#pragma once

namespace newsidx {

/// Marks, in a query, a word to match as written (`=manifestations`).
inline constexpr char kSurfaceMarker = '=';

}  // namespace newsidx
