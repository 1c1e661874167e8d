// JSON forms of the model (SPEC §2) and of the command results (SPEC §5),
// the stable machine interface. Each function returns one line, no newline.
//
// Stateless functions; invalid UTF-8 (e.g. in file names) is replaced by
// U+FFFD rather than rejected. A path that is not valid UTF-8 also comes as
// `"path_bytes"`, its bytes in base64, right after `"path"`.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "newsidx/analyzed_token.hpp"
#include "newsidx/article.hpp"
#include "newsidx/forget_summary.hpp"
#include "newsidx/ingest_summary.hpp"
#include "newsidx/search.hpp"
#include "newsidx/stats.hpp"

namespace newsidx {

/// The article model: id, date, date_precision, date_start, date_end, title,
/// title_source, lead, blocks, metadata, word_count, sources, warnings.
[[nodiscard]] std::string article_json(const Article& article);
/// `{"path": …, "rejected": reason}` for a file `parse` could not read.
[[nodiscard]] std::string rejection_json(const std::string& path, const std::string& reason);
/// A search hit: id, date, title, snippet, matches, score, path, similar
/// (the ids folded under it, Hit::similar).
[[nodiscard]] std::string hit_json(const Hit& hit);
/// A near duplicate (`newsidx similar`): id, date, title, resemblance, path.
[[nodiscard]] std::string similar_json(const SimilarArticle& article);
/// The ingest summary: files, added, updated, unchanged, duplicates,
/// rejected, warnings, pruned, seconds.
[[nodiscard]] std::string summary_json(const IngestSummary& summary);
/// The stats object: articles, sources, duplicates, undated, first_date,
/// last_date, db_bytes, clusters, clustered, histogram (every period
/// between the first and the last, those without an article included).
[[nodiscard]] std::string stats_json(const Stats& stats);
/// The object of `stats QUERY`: query, from, to (each null when not given),
/// articles (that match), total (all in the date filter), undated,
/// first_date, last_date, histogram: [{period, articles, total}].
[[nodiscard]] std::string timeline_json(const Timeline& timeline);
/// The summary of `forget`: paths (forgotten), articles (ids removed).
[[nodiscard]] std::string forget_json(const ForgetSummary& summary);

/// Why `name` cannot name an OpenSearch index, or nullopt when it can: it
/// must be 1 to 255 bytes without upper-case letters A-Z, not be `.` or `..`,
/// not start with `-`, `_` or `+`, and hold none of `\ / * ? " < > | , # :`,
/// space or control characters.
[[nodiscard]] std::optional<std::string> opensearch_index_problem(std::string_view name);

/// The two lines of an OpenSearch (or Elasticsearch) `_bulk` request that
/// index `article` into `index`, joined by '\n', without a final newline:
///   {"index":{"_index":INDEX,"_id":ID}}
///   the article model, shaped for share/newsidx/opensearch-template.json:
///   `date` is a range {"gte": date_start, "lte": date_end} (null when
///   undated), the other fields are those of article_json().
/// Throws Error(kUsage) when opensearch_index_problem(index) finds one.
[[nodiscard]] std::string opensearch_bulk_json(const Article& article, std::string_view index);

/// One token of `analyze`: surface, folded, stem, folded_stem, accented,
/// start, end (byte offsets).
[[nodiscard]] std::string token_json(const AnalyzedToken& token);

}  // namespace newsidx
