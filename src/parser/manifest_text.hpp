// A manifest's bytes to its text, its format and its CSV separator, and the
// line helpers the table readers share. Private to the parser.
//
// Stateless functions; safe from any thread.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "newsidx/manifest.hpp"

namespace newsidx::parser {

/// `s` without the ASCII white space (space, tab, CR, LF) around it.
[[nodiscard]] std::string_view trim_ascii(std::string_view s);

/// Calls `on_line(number, line)` for each line of `text` that is not blank,
/// without its line end (LF or CRLF).
template <typename OnLine>
void for_each_line(std::string_view text, OnLine on_line) {
  std::size_t start = 0;
  for (int number = 1; start < text.size(); ++number) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!trim_ascii(line).empty()) on_line(number, line);
    start = end + 1;
  }
}

/// The bytes of the file at `path`. Throws Error(kUsage) with the system's
/// reason when it cannot be read (a folder cannot).
[[nodiscard]] std::string read_bytes(const std::filesystem::path& path);

/// The text of a manifest's bytes: UTF-16 with a BOM converted, a UTF-8 BOM
/// skipped; other bytes are kept as they are (rows that are not valid UTF-8
/// are reported one by one).
[[nodiscard]] std::string manifest_text(std::string_view bytes, const std::filesystem::path& path);

/// The format from the extension, or else from the first line.
[[nodiscard]] ManifestFormat detect_format(const std::filesystem::path& path,
                                           std::string_view text);

/// `;` when the header line has one and no `,` (spreadsheets in French
/// locales), else `,`.
[[nodiscard]] char csv_separator(std::string_view text);

}  // namespace newsidx::parser
