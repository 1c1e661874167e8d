// Relevance pages: the best matches of a query by BM25, found without
// scoring every match. Private to the store.
//
// FTS5's bm25() scores a row from the frequency F of each phrase of the
// query in it, the row's size D in tokens, and one IDF per phrase. Ordering
// a search by it costs, for a common word, more than matching: the IDF of
// each phrase is one more pass over the phrase's matches, and D is a
// statement run for every match. A relevance page instead:
//   1. reads, in one pass over the matches (newsidx_match_terms()), F of each
//      phrase and a lower bound of D: the end of the last instance of a
//      phrase in each column;
//   2. counts the IDFs' matches in that pass when every match of a phrase is
//      a match of the query (a disjunction of phrases, no date filter), and
//      otherwise lets FTS5 count them as bm25() does;
//   3. bounds each match's score from above with D's lower bound, and reads
//      D (from FTS5's docsize table) and the exact score only for the matches
//      whose bound reaches the exact score of the page's last row so far.
// A match left out is below the page's last row: the page is the one that
// scoring every match gives, ids, order and scores (the same formula, in the
// same floating-point operations as bm25()). Ranking::kScoreEveryMatch
// keeps the plain way, which the tests compare against.
//
// Functions of a connection; one thread at a time, like the connection.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "newsidx/search.hpp"
#include "newsidx/store.hpp"
#include "store/match_terms.hpp"
#include "store/sqlite.hpp"

namespace newsidx::store {

/// A rowid of a page of results and its score.
using PageRow = std::pair<std::int64_t, double>;

/// The rows of one relevance page of `request` (which has a query), best
/// first, ties broken by date (newest first, undated last), then id. Sets
/// `*matches` to the number of matches when `matches` is given, and
/// `*instances` to the instances of the page's rows when `instances` is
/// given (complete only when they were read: Ranking::kBounded).
[[nodiscard]] std::vector<PageRow> best_page(sqlite::Db& db, const SearchRequest& request,
                                             std::int64_t* matches, Ranking ranking,
                                             PageInstances* instances = nullptr);

/// The rowids of `rows`, in order.
[[nodiscard]] std::vector<std::int64_t> rowids_of(const std::vector<PageRow>& rows);

}  // namespace newsidx::store
