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
//     title, which a hit shows anyway), or the last column when none does;
//   * looks at the first kMaxSnippetInstances matches of that column only,
//     and takes the window of TOKENS tokens that holds the most distinct
//     phrases of the query, then the most matches, the earliest on ties;
//   * tokenizes the column only up to the end of that window;
//   * puts OPEN and CLOSE around every token of a phrase matched inside the
//     window, and ELLIPSIS where the window cuts the text.
// A window that starts at a token other than the first starts with
// ELLIPSIS; one that ends before the last token is followed by the
// characters after its last token up to the next space, then ELLIPSIS.
// Whatever the text (a 15 MB "word", a 200,000-character URL), a snippet
// stays short: each token and each run of characters between tokens shows
// at most kMaxSnippetPiece code points (then ELLIPSIS), and the snippet
// stops with ELLIPSIS once it holds kMaxSnippetCodePoints.
#pragma once

#include <sqlite3.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace newsidx {

class Analyzer;

/// The name the function is registered under.
inline constexpr const char* kSnippetFunction = "newsidx_snippet";

/// How many matches of a column the window is chosen among.
inline constexpr int kMaxSnippetInstances = 1000;

/// The most tokens a window may hold (TOKENS is clamped to [1, this]).
inline constexpr int kMaxSnippetTokens = 64;

/// The most code points a token, or the characters between two tokens,
/// shows in a snippet: longer than any word of a language, short next to
/// a line of text.
inline constexpr std::size_t kMaxSnippetPiece = 40;

/// The most code points of text in a snippet (markers and ellipses aside):
/// about four lines of a terminal.
inline constexpr std::size_t kMaxSnippetCodePoints = 320;

/// Registers newsidx_snippet() with the FTS5 module of `db`. Throws
/// Error(kDatabase) when FTS5 refuses it.
void register_snippet_function(sqlite3* db);

/// A match of a phrase of the query in a column: the position of its first
/// token, the phrase's index and its size in tokens (FTS5's xInst(), the
/// column aside).
struct SnippetInstance {
  int offset;
  int phrase;
  int size;
};

/// What newsidx_snippet(TABLE, OPEN, CLOSE, ELLIPSIS, TOKENS) gives for a
/// row whose last column holding a match has the text `text`, without a
/// cursor on the row: `instances` are the matches of that column in the
/// order of xInst() (by position, then phrase), of a query of `phrases`
/// phrases; the last column's text and no instances when no column holds
/// a match. `analyzer` cuts the text as the index's tokenizer does
/// (tokenize_text()). Throws std::bad_alloc, or Error(kInternal) should the
/// tokenizer fail.
[[nodiscard]] std::string snippet_of(std::string_view text, std::vector<SnippetInstance> instances,
                                     int phrases, int tokens, std::string_view open,
                                     std::string_view close, std::string_view ellipsis,
                                     Analyzer& analyzer);

}  // namespace newsidx
