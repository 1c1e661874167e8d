// The user query language (SPEC §5.3), translated to an FTS5 MATCH expression.
//
// Stateless; safe to call from any thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "newsidx/date.hpp"

namespace newsidx {

/// How many parentheses and `title:` prefixes may enclose one another in a
/// query. Deeper queries fail with "query: nested too deeply at column N".
inline constexpr int kMaxQueryNesting = 200;

/// Translates a user query into an FTS5 expression over the columns `title`
/// and `body` of the index. Every user word becomes a quoted FTS5 string (the
/// French tokenizer analyses it when FTS5 runs the query), so nothing the
/// user types is spliced into raw FTS5 syntax. The result is meant to be
/// bound as a parameter of `MATCH`.
///
/// Syntax (items are separated by white space, control characters or NUL):
///   alep convoi           both words (implicit AND)     A(alep) AND A(convoi)
///   "reprise d'Alep"      phrase (also « … », “ … ”)    "reprise d'Alep"
///   alep OR homs          either                        A(alep) OR A(homs)
///   (alep OR homs) convoi grouping                      (A(alep) OR A(homs)) AND A(convoi)
///   alep -russie          exclusion, also `NOT russie`  A(alep) NOT "russie"
///   bombard*              prefix of the written form    "=bombard" *
///   title:alep            in the title only (also       title : A(alep)
///                         title:"…", title:(…), titre:)
///   =manifestations       this written form only        "=manifestations"
///   ="a b", "a b"*        a phrase of written forms, a phrase of written forms ending in a prefix
/// where A(w) is `("w" OR "=w")`: a word to be found is searched as itself
/// and as its written form, so that bm25 counts a word found as typed above
/// one found only through its stem (an excluded word is just `"w"`).
///
/// Precedence: NOT and `-` bind tightest (to the one item that follows),
/// then AND (explicit or implicit), then OR: `a b OR c -d` is
/// `(a AND b) OR (c NOT d)`. Operators are recognised only in upper case and
/// as separate items; `or`, `Or`, `-OR` and `title:OR` are words. A word is
/// anything else up to white space, a parenthesis or a quote (`d'Alep`,
/// `Alep-Est`, `http://x` stay one word). A phrase runs from an opening quote
/// (`"`, `«`, `“`) to the next closing one (`"`, `»`, `”`); a closing `»` or
/// `”` with no phrase open is an error. A word or phrase with no letter or
/// digit is dropped. `-` is an exclusion only at the start of an item and
/// directly followed by what it excludes.
///
/// Throws Error(kQuery) with a message starting "query: " and, where it
/// applies, a 1-based column counted in code points, for: invalid UTF-8, an
/// unterminated phrase, a closing quote without an opening one, an
/// unbalanced parenthesis, empty parentheses, an
/// operator with nothing on one side, `title:` with nothing after it, a double
/// exclusion, an exclusion with nothing to exclude from (`-russie` alone,
/// `alep OR -russie`), nesting deeper than kMaxQueryNesting or than FTS5's
/// parser accepts, and a query with no searchable word.
[[nodiscard]] std::string to_fts5_match(std::string_view query);

/// Remarks on a valid query that may not mean what its author meant: for a
/// lower-case (or mixed-case) `or`, `and` or `not` between two words,
/// "'or' is searched as a word; OR means either". Empty for most queries.
/// Throws like to_fts5_match() for invalid UTF-8 and unbalanced quotes.
[[nodiscard]] std::vector<std::string> query_notes(std::string_view query);

/// The words of a valid query as written, for "did you mean": its plain
/// words outside NOT and `date:`, also in fields and NEAR groups; not its
/// phrases, prefixes (`word*`) or written forms (`=word`). Throws like
/// to_fts5_match().
[[nodiscard]] std::vector<std::string> query_words(std::string_view query);
/// What a query asks: an FTS5 expression (as to_fts5_match() makes it) and
/// the period of its `date:` items.
struct ParsedQuery {
  std::optional<std::string> match;  ///< nullopt when the query is only dates
  /// Each phrase of `match` as an FTS5 expression of its own (what FTS5's
  /// xQueryPhrase() runs, and bm25()'s IDFs count), in FTS5's order.
  std::vector<std::string> phrases;
  /// Articles whose period overlaps [from.first_day(), to.last_day()].
  std::optional<Date> from;
  std::optional<Date> to;
};

/// Translates a query like to_fts5_match(), and takes out its `date:` items:
///   date:2016-12..2017-03   a period (either end may be left out:
///                           date:2016.., date:..2017-03); date:2016 is
///                           date:2016..2016
/// A `date:` item applies to the whole query: it must be the query or one
/// of its AND items (also inside parentheses that are themselves AND items);
/// several intersect. Inside OR, NOT, NEAR or a field it is an error
/// ("query: date: at column N must apply to the whole query, …"), as is an
/// invalid date. Throws like to_fts5_match(), but a query of dates only is
/// valid (match is then nullopt).
[[nodiscard]] ParsedQuery parse_query(std::string_view query);

}  // namespace newsidx
