// Character-set detection and conversion of input files to UTF-8.
//
// Stateless functions; safe to call from any thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "newsidx/article.hpp"

namespace newsidx {

/// A file's text converted to UTF-8, and the encoding it was read as.
struct DecodedText {
  std::string utf8;      ///< valid UTF-8, BOM removed, line endings untouched
  std::string encoding;  ///< "UTF-8", "UTF-16LE", "UTF-16BE", "windows-1252", "ISO-8859-1", …
  /// For UTF-8 input with ill-formed sequences (now U+FFFD in `utf8`): one
  /// warning per line that held some, naming the bytes replaced, e.g. line
  /// 12 "invalid UTF-8 byte E9 replaced by U+FFFD". Lines are counted as the
  /// parser counts them: LF, CRLF, CR, U+0085, U+2028 and U+2029 each end
  /// one. After 20 such lines, one last warning counts the lines left.
  std::vector<Warning> warnings;
};

/// Decodes the bytes of a file: UTF-16 with a BOM; UTF-8 with a BOM; bytes
/// that are UTF-8-like; and otherwise the single-byte charset ICU detects
/// (in practice windows-1252, ISO-8859-1 or ISO-8859-15 for French).
///
/// Bytes are UTF-8-like when they hold no more ill-formed sequences than
/// well-formed multi-byte ones: a UTF-8 file with a few broken bytes, not a
/// Latin-1 file, whose accented letters are ill-formed UTF-8 and which almost
/// never holds a valid multi-byte sequence. UTF-8 read with ill-formed
/// sequences has each maximal ill-formed subsequence replaced by U+FFFD (as
/// the Unicode standard recommends) and says so in `warnings`.
///
/// Returns nullopt when the bytes are not text (NUL bytes outside UTF-16, or
/// binary content). Throws Error(kInternal) only if ICU itself fails.
[[nodiscard]] std::optional<DecodedText> decode_text(std::string_view bytes);

}  // namespace newsidx
