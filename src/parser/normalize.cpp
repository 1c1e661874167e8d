#include "parser/normalize.hpp"

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <cstdint>

#include "newsidx/error.hpp"
#include "newsidx/utf8.hpp"

namespace newsidx::parser {
namespace {

bool is_ascii(std::string_view text) {
  for (char c : text) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

/// Characters that are dropped from the text: invisible or control.
bool is_removed(UChar32 c) {
  switch (c) {
    case 0x00AD:  // soft hyphen
    case 0x200B:  // zero-width space
    case 0x200C:  // zero-width non-joiner
    case 0x200D:  // zero-width joiner
    case 0x2060:  // word joiner
    case 0xFEFF:  // zero-width no-break space, stray byte-order mark
      return true;
    default:
      return c >= 0x80 && c <= 0x9F;  // C1 control characters (U+0085 handled before)
  }
}

bool is_no_break_space(UChar32 c) {
  return c == 0x00A0 || c == 0x202F || c == 0x2007;
}

}  // namespace

UChar32 previous_code_point(std::string_view text, std::size_t& i) {
  std::size_t start = i - 1;
  while (start > 0 && !starts_code_point(text[start])) --start;
  std::size_t j = start;
  const UChar32 c = next_code_point(text, j);
  i = start;
  return c;
}

void clean_text(std::string& text) {
  const std::size_t size = text.size();
  std::size_t r = 0;
  std::size_t w = 0;
  while (r < size) {
    const auto b = static_cast<std::uint8_t>(text[r]);
    if (b >= 0x20 && b < 0x7F) {
      text[w++] = text[r++];
    } else if (b < 0x80) {
      ++r;
      if (b == '\r') {
        text[w++] = '\n';
        if (r < size && text[r] == '\n') ++r;
      } else if (b >= '\t' && b <= '\f') {
        text[w++] = static_cast<char>(b);
      }  // other control characters are dropped
    } else if (b != 0xC2 && b != 0xE2 && b != 0xEF) {
      // Only U+0080..U+00BF, U+2000..U+2FFF and U+F000..U+FFFF hold characters
      // to change; any other byte is copied as is.
      text[w++] = text[r++];
    } else {
      const std::size_t start = r;
      const UChar32 c = next_code_point(text, r);
      if (is_line_break(c)) {
        text[w++] = '\n';
      } else if (!is_removed(c)) {
        for (std::size_t k = start; k < r; ++k) text[w++] = text[k];
      }
    }
  }
  text.resize(w);
}

void to_nfc(std::string& text) {
  if (is_ascii(text)) return;
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status))
    throw Error(ErrorCode::kInternal, "NFC: " + std::string(u_errorName(status)));
  const icu::StringPiece piece(text.data(), static_cast<int32_t>(text.size()));
  if (nfc->isNormalizedUTF8(piece, status) && U_SUCCESS(status)) return;
  status = U_ZERO_ERROR;
  std::string out;
  out.reserve(text.size());
  icu::StringByteSink<std::string> sink(&out);
  nfc->normalizeUTF8(0, piece, sink, nullptr, status);
  if (U_FAILURE(status))
    throw Error(ErrorCode::kInternal, "NFC: " + std::string(u_errorName(status)));
  text.swap(out);
}

bool is_line_break(UChar32 c) {
  return c == '\n' || c == '\r' || c == 0x0085 || c == 0x2028 || c == 0x2029;
}

bool is_wide_horizontal_space(UChar32 c) {
  return c != 0x0085 && c != 0x2028 && c != 0x2029 && u_isUWhiteSpace(c);
}

namespace {

/// Whether a byte may start a white-space character: ASCII space, tab, VT,
/// FF, or the lead byte of U+00A0, U+1680, U+2000..U+205F, U+3000.
bool may_start_space(std::uint8_t b) {
  return b == ' ' || (b >= '\t' && b <= '\f') || b == 0xC2 || b == 0xE1 || b == 0xE2 || b == 0xE3;
}

}  // namespace

void append_collapsed(std::string_view line, std::string& out) {
  const std::size_t line_start = out.size();
  // The pending run of white space: its length in code points, its first
  // character and its first no-break space (as bytes), if any.
  std::size_t run = 0;
  std::string_view run_first;
  std::string_view run_no_break;
  std::size_t i = 0;
  const std::size_t n = line.size();
  while (i < n) {
    // Copy a stretch of bytes that cannot be white space in one go, with
    // the single spaces between two of them (left as they are).
    std::size_t end = i;
    while (end < n) {
      const auto b = static_cast<std::uint8_t>(line[end]);
      if (!may_start_space(b)) {
        ++end;
      } else if (b == ' ' && end > i && end + 1 < n &&
                 !may_start_space(static_cast<std::uint8_t>(line[end + 1]))) {
        end += 2;
      } else {
        break;
      }
    }
    if (end == i) {
      const std::size_t start = i;
      const UChar32 c = next_code_point(line, i);
      if (is_horizontal_space(c)) {
        const std::string_view bytes = line.substr(start, i - start);
        if (run == 0) run_first = bytes;
        if (run_no_break.empty() && is_no_break_space(c)) run_no_break = bytes;
        ++run;
        continue;
      }
      end = i;
      i = start;
    }
    if (run > 0 && out.size() > line_start) {
      if (!run_no_break.empty()) {
        out += run_no_break;
      } else if (run == 1 && run_first.size() > 1) {
        out += run_first;  // a single typographic space (thin, en…) stays
      } else {
        out += ' ';
      }
    }
    run = 0;
    run_no_break = {};
    out.append(line.data() + i, end - i);
    i = end;
  }
}

}  // namespace newsidx::parser
