// Human-readable output of the commands (SPEC §5): text for a terminal,
// with ANSI colour only when asked. The JSON forms are in json.hpp.
//
// Stateless functions returning text; the CLI writes it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "newsidx/article.hpp"
#include "newsidx/forget_summary.hpp"
#include "newsidx/ingest_summary.hpp"
#include "newsidx/search.hpp"
#include "newsidx/stats.hpp"

namespace newsidx {

/// Whether to colour output: `choice` is "always", "never" or "auto" (colour
/// only on a terminal, and never when NO_COLOR is set).
[[nodiscard]] bool should_color(std::string_view choice, bool is_terminal, bool no_color_set);

/// `path` as text output shows it (search hits, articles, diagnostics):
/// unchanged, unless it holds a control character (C0, DEL, or U+0080-U+009F
/// in UTF-8: a line break, an escape sequence…) or starts with `"`; then in
/// double quotes with C escapes (`"a\nb.txt"`, `"\033[31mred.txt"`), so that
/// it cannot drive the terminal and stays on its line. Bytes that are not
/// valid UTF-8 are kept as they are.
[[nodiscard]] std::string quote_path(std::string_view path);

/// One search hit: date, id and title, the snippet with matched words
/// highlighted, the path (quote_path()), `+N similar` when near duplicates
/// are folded under it; a blank line after. With `width`
/// (a terminal's columns, 0 for no limit), the title line and the snippet
/// each fit one line, cut with `…` (the snippet around its first match);
/// the path is never cut.
[[nodiscard]] std::string format_hit(const Hit& hit, bool color, std::size_t width = 0);

/// One search hit on one line, `--format oneline`: date (10 columns), id
/// and title, fitted to `width` when it is not 0.
[[nodiscard]] std::string format_hit_line(const Hit& hit, bool color, std::size_t width = 0);

/// The concordance lines of one hit, `--format kwic`: one line per range of
/// `matches` (title first, unless the title opens the body, then body): date,
/// the first 8 digits of the id, the context before the match right-aligned
/// in a column, the match (highlighted as in a snippet), the context after
/// it. Line breaks of the text read as spaces. Fitted to `width` when it is
/// not 0.
[[nodiscard]] std::string format_concordance(const Hit& hit, const TextMatches& matches, bool color,
                                             std::size_t width = 0);

/// A near duplicate: resemblance (two decimals), date, id and title, then
/// the path (quote_path()).
[[nodiscard]] std::string format_similar(const SimilarArticle& article, bool color);

/// An article for reading: title, date, id and source paths (quote_path()),
/// then its blocks, headings set apart, paragraphs separated by blank lines.
/// With `marks` (of this article), its matches in the title and blocks are
/// highlighted as in a snippet. With `width`, paragraphs are wrapped at
/// spaces to that many columns.
[[nodiscard]] std::string format_article(const Article& article, bool color, std::size_t width = 0,
                                         const TextMatches* marks = nullptr);

/// "12,345 files: 12,000 added, 40 duplicates, 300 unchanged, 0 updated,
/// 5 rejected, 3 warnings — 3.2 s (3,858 files/s)".
[[nodiscard]] std::string format_summary(const IngestSummary& summary);

/// The stats figures and a histogram drawn with bars, fitted to `width`
/// columns (0: no limit; bars are at most 50 columns wide).
[[nodiscard]] std::string format_stats(const Stats& stats, bool color, std::size_t width = 0);

/// The figures of `stats QUERY` and, per period, a bar for the matching
/// articles beside "N / TOTAL" and the rate per 1,000, fitted to `width`
/// columns (0: no limit).
[[nodiscard]] std::string format_timeline(const Timeline& timeline, bool color,
                                          std::size_t width = 0);

/// "2 paths forgotten, 1 article removed".
[[nodiscard]] std::string format_forget_summary(const ForgetSummary& summary);

/// A one-line progress bar: `unit` (files, articles) done/total, rate and
/// time left.
[[nodiscard]] std::string format_progress(std::int64_t done, std::int64_t total, double seconds,
                                          std::string_view unit = "files", int width = 30);

}  // namespace newsidx
