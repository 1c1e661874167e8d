// Character-set detection and conversion of input files to UTF-8.
//
// Stateless functions; safe to call from any thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace newsidx {

/// A file's text converted to UTF-8, and the encoding it was read as.
struct DecodedText {
  std::string utf8;      ///< valid UTF-8, BOM removed, line endings untouched
  std::string encoding;  ///< "UTF-8", "UTF-16LE", "UTF-16BE", "windows-1252", "ISO-8859-1", …
};

/// Decodes the bytes of a file: UTF-8 with or without BOM, UTF-16 with BOM,
/// and otherwise the charset ICU detects (in practice windows-1252,
/// ISO-8859-1 or ISO-8859-15 for French). Returns nullopt when the bytes are
/// not text (NUL bytes outside UTF-16, or binary content).
/// Throws Error(kInternal) only if ICU itself fails.
[[nodiscard]] std::optional<DecodedText> decode_text(std::string_view bytes);

}  // namespace newsidx
