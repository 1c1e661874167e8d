// JSON forms of the model (SPEC §2) and of the command results (SPEC §5),
// the stable machine interface. Each function returns one line, no newline.
//
// Stateless functions; invalid UTF-8 (e.g. in file names) is replaced by
// U+FFFD rather than rejected.
#pragma once

#include <string>

#include "newsidx/analyzer.hpp"
#include "newsidx/article.hpp"
#include "newsidx/indexer.hpp"
#include "newsidx/search.hpp"
#include "newsidx/store.hpp"

namespace newsidx {

/// The article model: id, date, date_precision, date_start, date_end, title,
/// title_source, lead, blocks, metadata, word_count, sources, warnings.
[[nodiscard]] std::string article_json(const Article& article);
/// `{"path": …, "rejected": reason}` for a file `parse` could not read.
[[nodiscard]] std::string rejection_json(const std::string& path, const std::string& reason);
/// A search hit: id, date, title, snippet, matches, score, path.
[[nodiscard]] std::string hit_json(const Hit& hit);
/// The ingest summary: files, added, updated, unchanged, duplicates,
/// rejected, warnings, pruned, seconds.
[[nodiscard]] std::string summary_json(const IngestSummary& summary);
/// The stats object: articles, sources, duplicates, undated, first_date,
/// last_date, db_bytes, histogram.
[[nodiscard]] std::string stats_json(const Stats& stats);

/// One token of `analyze`: surface, folded, stem, start, end (byte offsets).
[[nodiscard]] std::string token_json(const AnalyzedToken& token);

}  // namespace newsidx
