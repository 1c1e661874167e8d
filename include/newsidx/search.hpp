// SearchRequest and Hit: what a search asks the Store and what it gets back.
//
// Plain value types.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "newsidx/date.hpp"

namespace newsidx {

/// Result order of a search (SPEC §5.2).
enum class SortOrder { kRelevance, kNewest, kOldest };

/// Which articles a search, count or export selects, and in what order.
struct SearchRequest {
  /// An FTS5 expression from to_fts5_match(); nullopt selects every article
  /// (then a date filter is expected, or it is an export of everything).
  std::optional<std::string> match;
  /// The phrases of `match` as parse_query() gives them: a large index
  /// then counts bm25()'s IDFs in two halves at once. Empty: in one pass.
  std::vector<std::string> phrases;
  /// Articles whose date period overlaps [from.first_day(), to.last_day()];
  /// undated articles never match a date filter.
  std::optional<Date> from;
  std::optional<Date> to;
  /// kRelevance needs `match`; without one it behaves as kNewest.
  SortOrder sort = SortOrder::kRelevance;
  std::int64_t limit = 20;  ///< < 0: no limit
  std::int64_t offset = 0;
  /// Fold near duplicates (articles of one cluster) under the first of them
  /// in the result order: `limit` and `offset` then count the hits shown,
  /// each with its folded articles in Hit::similar. Counts ignore it.
  bool collapse = false;
  /// false: hits without snippet and matches (outputs that show neither,
  /// e.g. ids or paths), which costs much less per hit.
  bool snippets = true;
};

/// One search result.
struct Hit {
  std::string id;
  std::optional<Date> date;
  std::string title;
  std::string snippet;  ///< plain text
  /// [start, end) code-point offsets of matched words in `snippet`.
  std::vector<std::pair<std::size_t, std::size_t>> matches;
  double score = 0;  ///< higher is better; 0 without a query
  std::string path;  ///< first source path
  /// With SearchRequest::collapse: the ids of the other articles of its
  /// near-duplicate cluster that the request selects, folded under this hit
  /// (oldest first, then by id).
  std::vector<std::string> similar;
};

/// A near duplicate of an article (`newsidx similar`).
struct SimilarArticle {
  std::string id;
  std::optional<Date> date;
  std::string title;
  double resemblance = 0;  ///< estimated resemblance to the article, in [0, 1]
  std::string path;        ///< first source path
};

/// A word of a query that no article holds, and the word of the index
/// nearest to it: "did you mean".
struct WordSuggestion {
  std::string word;           ///< as written in the query
  std::string suggestion;     ///< a folded word of the index
  std::int64_t articles = 0;  ///< articles a search of `suggestion` finds
};

/// The bytes [start, end) of a text.
struct TextRange {
  std::size_t start = 0;
  std::size_t end = 0;

  friend bool operator==(const TextRange&, const TextRange&) = default;
};

/// The most match ranges found in one article (the first ones, in the title
/// then the body): a concordance of more lines is not read, and the work
/// stays bounded whatever the article.
inline constexpr std::size_t kMaxMatchRanges = 1000;

/// Where a query matches one article: its title and body (the texts of its
/// blocks joined by kBlockSeparator, as indexed) and the byte ranges of the
/// matched words and phrases in each, in order, overlapping ones merged.
struct TextMatches {
  std::string title;
  std::string body;
  std::vector<TextRange> in_title;
  std::vector<TextRange> in_body;
  bool truncated = false;  ///< more than kMaxMatchRanges matches: the first ones only
};

}  // namespace newsidx
