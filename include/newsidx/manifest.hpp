// Manifest: a metadata table beside an archive's text files (a CSV, TSV or
// JSON Lines file giving each file's title, author, source, URL and date),
// and how its rows apply to the articles parsed from those files.
//
// Formats, from the file name's extension (.csv, .tsv/.tab,
// .jsonl/.ndjson/.json) or else from the content (a first line starting with
// `{` is JSON Lines; a header line with a tab is TSV; otherwise CSV):
//   * CSV (RFC 4180): fields separated by `,` (or by `;` when the header line
//     has a `;` and no `,`, as spreadsheets in French locales write it),
//     quoted with `"` when they hold the separator, a quote (doubled) or a
//     line break (a quote inside an unquoted field is kept as written);
//     records end with LF or CRLF;
//   * TSV (IANA text/tab-separated-values): fields separated by tabs, no
//     quoting, one record per line;
//   * JSON Lines: one JSON object per line; string values, numbers (read as
//     their text) or null (absent).
// CSV and TSV have a header line naming the columns, found by name in any
// order and any case: `file`/`path`/`filename`/`fichier` (required),
// `title`/`titre`, `author`/`auteur`, `source`, `url`, `date`; other columns
// are ignored. JSON Lines objects use the same names as keys. The bytes are
// UTF-8 (a BOM is skipped) or UTF-16 with a BOM. Values are normalized like
// article header lines (NFC, white space collapsed and trimmed), file names
// only trimmed of spaces (a name is bytes: NFC could change it); an empty
// value is absent. Dates take every form an article's date line takes
// (SPEC §1.1: `2016-12-15`, `15/12/2016`, `jeudi 15 décembre 2016`, …).
//
// Nothing in a row is lost silently: a bad row (no file name, a wrong number
// of fields, invalid JSON or UTF-8, a file listed twice) is left out with a
// warning giving its line; an unrecognized or impossible date is left out of
// its row (the rest of the row applies) with a warning; a CSV quote never
// closed loses the rest of the file, and its warning says so. Blank lines
// are skipped.
//
// A Manifest is an immutable value once read; safe to share between threads.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "newsidx/article.hpp"
#include "newsidx/date.hpp"

namespace newsidx {

/// The formats a manifest may have.
enum class ManifestFormat { kCsv, kTsv, kJsonLines };

/// "CSV", "TSV" or "JSON Lines".
[[nodiscard]] const char* manifest_format_name(ManifestFormat format);

/// What one row of a manifest says about one file.
struct ManifestEntry {
  int line = 0;                ///< 1-based line of the manifest where the row starts
  std::string file;            ///< the file as written in the row
  std::filesystem::path path;  ///< absolute and normal: relative names are
                               ///< taken from the manifest's folder
  std::optional<std::string> title;
  std::optional<std::string> author;
  std::optional<std::string> source;
  std::optional<std::string> url;
  std::optional<Date> date;

  friend bool operator==(const ManifestEntry&, const ManifestEntry&) = default;
};

/// The rows of one manifest file, and what was wrong with the others.
class Manifest {
 public:
  /// Reads the manifest at `path`. Throws Error(kUsage) when the file cannot
  /// be read (with the system's reason), is not text, or has no header line
  /// or no file column (naming the accepted column names).
  [[nodiscard]] static Manifest read(const std::filesystem::path& path);

  /// Parses the bytes of a manifest that lives at `path` (whose extension
  /// chooses the format and whose folder anchors relative file names; the
  /// file is not read). Throws like read().
  [[nodiscard]] static Manifest parse(std::string_view bytes, const std::filesystem::path& path);

  /// The manifest's path, absolute and normal.
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }
  [[nodiscard]] ManifestFormat format() const { return format_; }
  /// The good rows, in the order of the file.
  [[nodiscard]] const std::vector<ManifestEntry>& entries() const { return entries_; }
  /// One warning per bad row or value, with the manifest line it is on.
  [[nodiscard]] const std::vector<Warning>& warnings() const { return warnings_; }

  /// The row about `file` (an absolute path, as an article's Source has it),
  /// or nullptr: a row whose file name is absolute matches that path; a
  /// relative one matches the path it names from the manifest's folder, or
  /// from `root` (a folder being ingested) when given. The pointer stays
  /// valid as long as this Manifest.
  [[nodiscard]] const ManifestEntry* find(const std::filesystem::path& file,
                                          const std::filesystem::path& root = {}) const;

  /// Applies `entry` (one of entries()) to the article parsed from its file:
  /// each value the row has replaces the article's (title, author, source,
  /// url, date). A title from a manifest is an explicit title, as from a
  /// `titre:` line: `title_source` becomes "header" (the JSON contract keeps
  /// its two values; "derived" still means "made from the first sentence").
  /// When the date changes, the id is recomputed (SPEC §1.3), and the
  /// article's own warnings that said it was stored undated or dated from
  /// its path say instead that the date came from the manifest. Returns the
  /// warnings about the row, with its line in this manifest: the row and the
  /// file disagree on the date (neither period holds the other; a more
  /// precise date within the file's period is no disagreement).
  std::vector<Warning> apply(const ManifestEntry& entry, Article& article) const;

 private:
  Manifest() = default;
  void add(ManifestEntry entry);

  std::filesystem::path path_;
  ManifestFormat format_ = ManifestFormat::kCsv;
  std::vector<ManifestEntry> entries_;
  std::vector<Warning> warnings_;
  /// Index in entries_ by absolute path, and by the file name of relative
  /// rows as written (normal), for find().
  std::unordered_map<std::string, std::size_t> by_path_;
  std::unordered_map<std::string, std::size_t> by_relative_name_;

  friend class ManifestReader;
};

}  // namespace newsidx
