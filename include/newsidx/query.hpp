// The user query language (SPEC §5.3), translated to an FTS5 MATCH expression.
//
// Stateless; safe to call from any thread.
#pragma once

#include <string>
#include <string_view>

namespace newsidx {

/// Translates a user query into an FTS5 expression over the columns `title`
/// and `body` of the index. Every user word becomes a quoted FTS5 string (the
/// French tokenizer analyses it when FTS5 runs the query), so nothing the
/// user types is spliced into raw FTS5 syntax.
///
/// Syntax: words (AND), "phrases", OR, AND, NOT and -word, parentheses,
/// prefix*, title:word or title:"phrase" or title:(…), and =word (this form
/// only). Operators are upper case only.
///
/// Throws Error(kQuery) with a message like
/// "query: unterminated phrase starting at column 7" (1-based column in code
/// points) for an unterminated quote, unbalanced parenthesis, dangling
/// operator, or a query with no searchable word.
[[nodiscard]] std::string to_fts5_match(std::string_view query);

}  // namespace newsidx
