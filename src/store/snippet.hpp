// newsidx_snippet(): an FTS5 auxiliary function that cuts a snippet around
// the first matches of a row, in time linear in the size of the row. Private
// to the store.
//
//   newsidx_snippet(TABLE, OPEN, CLOSE, ELLIPSIS, TOKENS)
//
// works like FTS5's snippet(TABLE, -1, OPEN, CLOSE, ELLIPSIS, TOKENS), whose
// choice of window takes time quadratic in the number of matches in a row
// (seconds for a common word in a 1 MB article). This one:
//   * takes the last column that holds a match (the body rather than the
//     title, which a hit shows anyway), or the first column when none does;
//   * looks at the first kMaxSnippetInstances matches of that column only,
//     and takes the window of TOKENS tokens that holds the most distinct
//     phrases of the query, then the most matches, the earliest on ties;
//   * tokenizes the column only up to the end of that window;
//   * puts OPEN and CLOSE around every token of a phrase matched inside the
//     window, and ELLIPSIS where the window cuts the text.
// A window that starts at a token other than the first starts with
// ELLIPSIS; one that ends before the last token is followed by the
// characters after its last token up to the next space, then ELLIPSIS.
#pragma once

#include <sqlite3.h>

#include <cstddef>

namespace newsidx {

/// The name the function is registered under.
inline constexpr const char* kSnippetFunction = "newsidx_snippet";

/// How many matches of a column the window is chosen among.
inline constexpr int kMaxSnippetInstances = 1000;

/// Registers newsidx_snippet() with the FTS5 module of `db`. Throws
/// Error(kDatabase) when FTS5 refuses it.
void register_snippet_function(sqlite3* db);

}  // namespace newsidx
