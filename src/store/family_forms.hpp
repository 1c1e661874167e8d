// A one-word phrase as the OR of its word's forms, for counting its matches.
//
// The tokenizer reads a plain word of a query as every form of its family,
// at one position (FTS5 query-time synonyms, fts5_tokenizer.hpp). The
// articles that match such a phrase are those that hold any of its forms as
// written: `"juge"` matches what `("=juge" OR "=juges" OR …)` matches, and
// `lead : "\x01juge"` (a field text, token_marks.hpp) what `lead :
// ("\x01=juge" OR …)` matches. FTS5 walks the OR of plain terms much faster
// than one phrase of synonyms, whose forms it merges row by row: count(*)
// of `juge`'s 33 forms at a million articles of the benchmark's corpus took
// 40 ms as an OR, 105 ms as the phrase. So the walks that only count or
// list matches write the OR: bm25()'s IDFs (split_walk.hpp), counts and
// the rowids of `stats` (match_rowids.hpp). Not the ranking pass, which
// reads each phrase of each match (match_terms.hpp): 34 phrases instead of
// 2 made `juge`'s pass slower (130 ms against 80 at a million). Private to
// the store.
#pragma once

#include <sqlite3.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace newsidx::store {

/// The most forms written out as an OR; a larger family is counted as the
/// phrase.
inline constexpr std::size_t kMostOrForms = 256;

/// The deepest nesting of parentheses of an expression that
/// match_as_forms() rewrites: each group of forms nests one more, and
/// FTS5's parser has a fixed stack (query.hpp).
inline constexpr int kMostRewrittenDepth = 16;

/// Each of `phrases` (FTS5 expressions of one phrase within column
/// filters, as parse_query() gives them) with its phrase written as the OR
/// of its forms, when it is one word that the tokenizer of `db` reads as
/// several forms (kMostOrForms at most), each of which it reads back as
/// itself when written `=form`; else unchanged. Either matches the same
/// articles.
[[nodiscard]] std::vector<std::string> as_forms(sqlite3* db,
                                                const std::vector<std::string>& phrases);

/// The FTS5 expression `match` (as parse_query() prints it) with each of
/// its phrases written as as_forms() writes it, but for those of NEAR
/// groups and prefixes; unchanged when it nests deeper than
/// kMostRewrittenDepth. It matches the same articles, but its phrases are
/// not those of `match`: for counting matches and reading their rowids,
/// not for bm25().
[[nodiscard]] std::string match_as_forms(sqlite3* db, std::string_view match);

}  // namespace newsidx::store
