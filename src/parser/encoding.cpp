// Character-set detection and conversion to UTF-8 (SPEC §1.1 "Encodings").
//
// The order of the checks: byte-order marks first (UTF-8, UTF-16LE/BE); then
// binary content is refused; then valid UTF-8 is taken as is, and UTF-8 with
// a few ill-formed sequences is read with U+FFFD for them and a warning per
// line; anything else goes through ICU charset detection, restricted to the
// single-byte Western encodings a French archive actually holds, and is
// converted with ICU.
#include "newsidx/encoding.hpp"

#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/utf8.h>

#include <array>
#include <cstdint>
#include <memory>

#include "newsidx/error.hpp"
#include "parser/normalize.hpp"

namespace newsidx {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
constexpr std::string_view kUtf16LeBom = "\xFF\xFE";
constexpr std::string_view kUtf16BeBom = "\xFE\xFF";

constexpr const char* kWindows1252 = "windows-1252";
constexpr const char* kLatin1 = "ISO-8859-1";
constexpr const char* kLatin9 = "ISO-8859-15";

/// Below this, a byte is an ASCII character of its own.
constexpr std::uint8_t kFirstNonAscii = 0x80;
/// Bytes 0x80-0x9F: C1 control codes in ISO-8859-1/15, but ’ œ € … and other
/// printable characters in windows-1252.
constexpr std::uint8_t kFirstC1 = 0x80;
constexpr std::uint8_t kLastC1 = 0x9F;
/// Random binary data has about one control byte in ten; a text file has at
/// most a few strays (a DOS end-of-file mark, a form feed). More than one
/// control byte, and more than one in 64 bytes, is not text.
constexpr std::size_t kMaxStrayControls = 1;
constexpr std::size_t kBytesPerTolerableControl = 64;
/// UTF-8 takes at most 3 bytes for a character that one byte of a
/// single-byte charset, or two of UTF-16, encode.
constexpr std::size_t kMaxUtf8BytesPerInputByte = 3;
/// Room for one more U+FFFD, for a sequence cut short at the end.
constexpr std::size_t kTrailingSubstitution = 4;
/// Bytes of ISO-8859-15 that differ from ISO-8859-1 in French text: € at
/// 0xA4 (¤ in ISO-8859-1), Œ œ Ÿ at 0xBC-0xBE (¼ ½ ¾ in ISO-8859-1).
constexpr std::uint8_t kLatin9Euro = 0xA4;
constexpr std::uint8_t kLatin9FirstLigature = 0xBC;
constexpr std::uint8_t kLatin9LastLigature = 0xBE;
constexpr std::string_view kReplacementCharacter = "\xEF\xBF\xBD";  // U+FFFD
/// Past this many lines with ill-formed UTF-8, a file is not listed line by
/// line any more: one last warning counts the rest.
constexpr int kMaxWarnedLines = 20;
/// The ill-formed bytes a warning names at most (those of a long run of
/// broken text would make a useless message).
constexpr std::size_t kMaxNamedBytes = 16;
/// The first letter of the upper half of ISO-8859-1/15 (À); from there on,
/// every byte but × (0xD7) and ÷ (0xF7) is a letter.
constexpr std::uint8_t kFirstLatin1Letter = 0xC0;

struct DetectorCloser {
  void operator()(UCharsetDetector* d) const { ucsdet_close(d); }
};
using DetectorPtr = std::unique_ptr<UCharsetDetector, DetectorCloser>;

/// Throws Error(kInternal) when an ICU call failed.
void check(UErrorCode status, const char* what) {
  if (U_FAILURE(status)) {
    throw Error(ErrorCode::kInternal, std::string(what) + ": " + u_errorName(status));
  }
}

std::uint8_t byte_at(std::string_view s, std::size_t i) {
  return static_cast<std::uint8_t>(s[i]);
}

/// True when `bytes` opens with the signature of a common binary format
/// (image, PDF, archive, executable).
bool has_binary_signature(std::string_view bytes) {
  static constexpr auto kSignatures = std::to_array<std::string_view>({
      "\x89PNG",       // PNG
      "\xFF\xD8\xFF",  // JPEG
      "GIF87a",        // GIF
      "GIF89a",        //
      "%PDF-",         // PDF
      "PK\x03\x04",    // ZIP, docx, odt, epub
      "\x1F\x8B",      // gzip
      "\x7F"
      "ELF",  // executable
      "\xFD"
      "7zXZ",  // xz
  });
  for (std::string_view sig : kSignatures) {
    if (bytes.starts_with(sig)) return true;
  }
  return false;
}

/// True when UTF-8 or single-byte `bytes` are not text: a NUL byte, a binary
/// signature, or more C0 control bytes (other than tab, line feed, vertical
/// tab, form feed, carriage return) than text plausibly holds.
bool looks_binary(std::string_view bytes) {
  if (has_binary_signature(bytes)) return true;
  std::size_t controls = 0;
  std::size_t nuls = 0;
  for (char ch : bytes) {  // branch-free, so that it vectorizes
    const auto c = static_cast<std::uint8_t>(ch);
    nuls += c == 0;
    controls += (c < 0x20 && (c < '\t' || c > '\r')) || c == 0x7F;
  }
  if (nuls > 0) return true;
  return controls > kMaxStrayControls && controls * kBytesPerTolerableControl > bytes.size();
}

/// What the non-ASCII bytes of a text are, read as UTF-8.
struct Utf8Census {
  std::size_t well_formed = 0;  ///< valid multi-byte sequences
  std::size_t ill_formed = 0;   ///< maximal ill-formed subsequences (one U+FFFD each)
};

/// Reads `bytes` as UTF-8 (ill-formed: overlong forms, surrogates, code
/// points above U+10FFFF, stray or missing continuation bytes).
Utf8Census census_utf8(std::string_view bytes) {
  const auto* s = reinterpret_cast<const std::uint8_t*>(bytes.data());
  const auto length = static_cast<std::int64_t>(bytes.size());
  Utf8Census census;
  std::int64_t i = 0;
  while (i < length) {
    if (s[i] < kFirstNonAscii) {
      ++i;
      continue;
    }
    UChar32 c = 0;
    U8_NEXT(s, i, length, c);
    ++(c < 0 ? census.ill_formed : census.well_formed);
  }
  return census;
}

/// Bytes that are UTF-8 with a few ill-formed sequences rather than a
/// single-byte charset: no more ill-formed sequences than well-formed
/// multi-byte ones. The 500 articles of orangesum-500 re-encoded as
/// windows-1252 and ISO-8859-1 hold 0 well-formed sequences for a median of
/// 66 ill-formed ones; as UTF-8 they hold a median of 66 well-formed ones.
bool is_utf8_like(const Utf8Census& census) {
  return census.ill_formed <= census.well_formed;
}

/// Gathers the ill-formed sequences of a text into warnings, one per line.
class IllFormedLog {
 public:
  /// Records the ill-formed sequence `bytes` on `line`; `adjacent` when it
  /// follows the previous one with nothing in between.
  /// REQUIRES: lines in increasing order.
  void add(int line, std::string_view bytes, bool adjacent) {
    if (line != line_) start_line(line);
    bool first = true;
    for (const char b : bytes) {
      ++bytes_on_line_;
      if (named_bytes_ == kMaxNamedBytes) continue;
      if (named_bytes_ > 0) named_ += first && !adjacent ? ", " : " ";
      constexpr std::string_view kHex = "0123456789ABCDEF";
      const auto v = static_cast<std::uint8_t>(b);
      named_ += kHex[v >> 4];
      named_ += kHex[v & 0xF];
      ++named_bytes_;
      first = false;
    }
  }

  /// The warnings, in line order.
  std::vector<Warning> finish() {
    flush();
    if (lines_ > kMaxWarnedLines) {
      const int more = lines_ - kMaxWarnedLines;
      warnings_.push_back({first_unlisted_line_, "invalid UTF-8 on " + std::to_string(more) +
                                                     (more == 1 ? " more line" : " more lines") +
                                                     " from here on, replaced by U+FFFD"});
    }
    return std::move(warnings_);
  }

 private:
  void start_line(int line) {
    flush();
    line_ = line;
    ++lines_;
    if (lines_ == kMaxWarnedLines + 1) first_unlisted_line_ = line;
    named_.clear();
    named_bytes_ = 0;
    bytes_on_line_ = 0;
  }

  /// Turns the current line into a warning, unless past kMaxWarnedLines.
  void flush() {
    if (line_ == 0 || lines_ > kMaxWarnedLines) return;
    warnings_.push_back(
        {line_, std::string("invalid UTF-8 ") + (bytes_on_line_ == 1 ? "byte " : "bytes ") +
                    named_ + (bytes_on_line_ > named_bytes_ ? " …" : "") + " replaced by U+FFFD"});
  }

  std::vector<Warning> warnings_;
  int line_ = 0;   ///< the line being gathered; 0 before the first
  int lines_ = 0;  ///< lines seen with ill-formed sequences
  int first_unlisted_line_ = 0;
  std::string named_;            ///< the first bytes of the current line, in hex
  std::size_t named_bytes_ = 0;  ///< how many `named_` shows
  std::size_t bytes_on_line_ = 0;
};

/// `bytes` as UTF-8, each maximal ill-formed subsequence replaced by U+FFFD
/// and reported in the warnings.
DecodedText replace_ill_formed(std::string_view bytes) {
  const auto* s = reinterpret_cast<const std::uint8_t*>(bytes.data());
  const auto length = static_cast<std::int64_t>(bytes.size());
  DecodedText out{std::string(), "UTF-8", {}};
  out.utf8.reserve(bytes.size());
  IllFormedLog log;
  int line = 1;
  std::int64_t copied = 0;  // bytes[copied, i) are well-formed and wait to be copied
  std::int64_t last_end = -1;
  std::int64_t i = 0;
  while (i < length) {
    const std::int64_t start = i;
    if (s[i] < kFirstNonAscii) {
      if (s[i] == '\n') ++line;
      if (s[i] == '\r') {
        ++line;
        if (i + 1 < length && s[i + 1] == '\n') ++i;
      }
      ++i;
      continue;
    }
    UChar32 c = 0;
    U8_NEXT(s, i, length, c);
    if (c >= 0) {
      if (parser::is_line_break(c)) ++line;
      continue;
    }
    out.utf8.append(bytes, static_cast<std::size_t>(copied),
                    static_cast<std::size_t>(start - copied));
    out.utf8 += kReplacementCharacter;
    log.add(line,
            bytes.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(i - start)),
            start == last_end);
    last_end = i;
    copied = i;
  }
  out.utf8.append(bytes, static_cast<std::size_t>(copied));
  out.warnings = log.finish();
  return out;
}

/// Converts `bytes` from `charset` to UTF-8 with ICU; malformed input
/// becomes U+FFFD. Throws Error(kInternal) if ICU fails.
std::string convert_to_utf8(std::string_view bytes, const char* charset) {
  std::string out;
  if (bytes.empty()) return out;
  out.resize(bytes.size() * kMaxUtf8BytesPerInputByte + kTrailingSubstitution);
  UErrorCode status = U_ZERO_ERROR;
  const int32_t n = ucnv_convert("UTF-8", charset, out.data(), static_cast<int32_t>(out.size()),
                                 bytes.data(), static_cast<int32_t>(bytes.size()), &status);
  check(status, "ucnv_convert");
  out.resize(static_cast<std::size_t>(n));
  return out;
}

/// Evidence that ISO-8859-1 text is really ISO-8859-15: the bytes that hold
/// € Œ œ Ÿ there (¤ ¼ ½ ¾ in ISO-8859-1) used next to a letter, as French
/// never uses the ISO-8859-1 symbols.
bool looks_latin9(std::string_view bytes) {
  auto is_letter = [&](std::size_t i) {
    if (i >= bytes.size()) return false;
    const std::uint8_t c = byte_at(bytes, i);
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c >= kFirstLatin1Letter;
  };
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    const std::uint8_t c = byte_at(bytes, i);
    if (c == kLatin9Euro) return true;
    if (c >= kLatin9FirstLigature && c <= kLatin9LastLigature &&
        ((i > 0 && is_letter(i - 1)) || is_letter(i + 1))) {
      return true;
    }
  }
  return false;
}

bool has_c1_bytes(std::string_view bytes) {
  for (char ch : bytes) {
    const auto c = static_cast<std::uint8_t>(ch);
    if (c >= kFirstC1 && c <= kLastC1) return true;
  }
  return false;
}

/// The single-byte Western charset `bytes` are most likely written in, asking
/// ICU's detector and keeping only plausible answers (windows-1252 when ICU
/// proposes nothing plausible). Throws Error(kInternal) if ICU fails.
const char* detect_single_byte(std::string_view bytes) {
  // Bytes 0x80-0x9F are control codes in ISO-8859-1/15 but ’ œ € … in
  // windows-1252: their presence settles it, without the cost of detection
  // (about a millisecond per file).
  if (has_c1_bytes(bytes)) return kWindows1252;
  UErrorCode status = U_ZERO_ERROR;
  DetectorPtr detector(ucsdet_open(&status));
  check(status, "ucsdet_open");
  ucsdet_setText(detector.get(), bytes.data(), static_cast<int32_t>(bytes.size()), &status);
  check(status, "ucsdet_setText");
  int32_t count = 0;
  const UCharsetMatch** matches = ucsdet_detectAll(detector.get(), &count, &status);
  const char* charset = kWindows1252;
  if (U_SUCCESS(status)) {
    for (int32_t i = 0; i < count; ++i) {
      UErrorCode name_status = U_ZERO_ERROR;
      const std::string_view name = ucsdet_getName(matches[i], &name_status);
      if (U_FAILURE(name_status)) continue;
      if (name == kWindows1252 || name == kLatin1 || name == kLatin9) {
        charset = name == kWindows1252 ? kWindows1252 : name == kLatin1 ? kLatin1 : kLatin9;
        break;
      }
    }
  }
  if (charset == kLatin1 && looks_latin9(bytes)) return kLatin9;
  return charset;
}

}  // namespace

std::optional<DecodedText> decode_text(std::string_view bytes) {
  if (bytes.starts_with(kUtf16LeBom) || bytes.starts_with(kUtf16BeBom)) {
    const bool little = bytes.starts_with(kUtf16LeBom);
    const char* name = little ? "UTF-16LE" : "UTF-16BE";
    DecodedText out{convert_to_utf8(bytes.substr(kUtf16LeBom.size()), name), name, {}};
    if (looks_binary(out.utf8)) return std::nullopt;
    return out;
  }
  const bool bom = bytes.starts_with(kUtf8Bom);
  if (bom) bytes.remove_prefix(kUtf8Bom.size());
  if (looks_binary(bytes)) return std::nullopt;
  const Utf8Census census = census_utf8(bytes);
  if (census.ill_formed == 0) return DecodedText{std::string(bytes), "UTF-8", {}};
  // A BOM says UTF-8 even if many bytes are broken.
  if (bom || is_utf8_like(census)) return replace_ill_formed(bytes);
  const char* charset = detect_single_byte(bytes);
  return DecodedText{convert_to_utf8(bytes, charset), charset, {}};
}

}  // namespace newsidx
