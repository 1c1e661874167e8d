#include "output/json_writer.hpp"

#include <array>
#include <cstddef>

namespace newsidx::detail {
namespace {

/// Bytes copied as they are without a second look: printable ASCII and DEL,
/// except `"` and `\`.
constexpr std::array<bool, 256> kPlain = [] {
  std::array<bool, 256> plain{};
  for (std::size_t b = 0x20; b < 0x80; ++b) plain[b] = b != '"' && b != '\\';
  return plain;
}();

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

[[nodiscard]] unsigned byte_at(std::string_view text, std::size_t i) {
  return static_cast<unsigned char>(text[i]);
}

/// What starts at a byte >= 0x80: a valid UTF-8 sequence of `length` bytes,
/// or (valid == false) an ill-formed subsequence of `length` bytes to replace
/// by one U+FFFD — a byte that cannot start a sequence, or the longest valid
/// beginning of a sequence cut short by the end of the text or a byte that
/// cannot follow. Overlong forms, surrogates and code points above U+10FFFF
/// are cut at their second byte, as the Unicode standard recommends.
struct Utf8Step {
  std::size_t length = 1;
  bool valid = false;
};

[[nodiscard]] Utf8Step utf8_step(std::string_view text, std::size_t i) {
  const unsigned lead = byte_at(text, i);
  std::size_t continuation = 0;  // bytes that must follow the lead byte
  unsigned low = 0x80;           // range of the byte after the lead byte
  unsigned high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    continuation = 1;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    continuation = 2;
    if (lead == 0xE0) low = 0xA0;   // no overlong form
    if (lead == 0xED) high = 0x9F;  // no surrogate
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    continuation = 3;
    if (lead == 0xF0) low = 0x90;   // no overlong form
    if (lead == 0xF4) high = 0x8F;  // nothing above U+10FFFF
  } else {
    return {1, false};  // a continuation byte, C0, C1 or F5..FF
  }
  for (std::size_t n = 1; n <= continuation; ++n) {
    if (i + n >= text.size()) return {n, false};
    const unsigned b = byte_at(text, i + n);
    if (b < low || b > high) return {n, false};
    low = 0x80;
    high = 0xBF;
  }
  return {continuation + 1, true};
}

/// Appends the escape sequence of an ASCII byte that is not plain.
void append_escape(std::string& out, unsigned b) {
  switch (b) {
    case '"':
      out += "\\\"";
      return;
    case '\\':
      out += "\\\\";
      return;
    case '\b':
      out += "\\b";
      return;
    case '\f':
      out += "\\f";
      return;
    case '\n':
      out += "\\n";
      return;
    case '\r':
      out += "\\r";
      return;
    case '\t':
      out += "\\t";
      return;
    default:
      break;
  }
  constexpr std::string_view kHex = "0123456789abcdef";
  const char escape[6] = {'\\', 'u', '0', '0', kHex[b >> 4], kHex[b & 0xF]};
  out.append(escape, sizeof escape);
}

}  // namespace

void append_json_string(std::string& out, std::string_view text) {
  out += '"';
  std::size_t copied = 0;  // text[copied, i) is valid and waits to be copied
  std::size_t i = 0;
  while (i < text.size()) {
    const unsigned b = byte_at(text, i);
    if (kPlain[b]) {
      ++i;
      continue;
    }
    std::size_t skip = 1;
    if (b >= 0x80) {
      const Utf8Step step = utf8_step(text, i);
      if (step.valid) {
        i += step.length;
        continue;
      }
      skip = step.length;
    }
    out.append(text, copied, i - copied);
    if (b >= 0x80) {
      out += kReplacement;
    } else {
      append_escape(out, b);
    }
    i += skip;
    copied = i;
  }
  out.append(text, copied, i - copied);
  out += '"';
}

bool is_valid_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    if (byte_at(text, i) < 0x80) {
      ++i;
      continue;
    }
    const Utf8Step step = utf8_step(text, i);
    if (!step.valid) return false;
    i += step.length;
  }
  return true;
}

std::string base64(std::string_view bytes) {
  constexpr std::string_view kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  constexpr unsigned kSixBits = 0x3F;
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {  // 3 bytes make 4 characters of 6 bits
    const unsigned group =
        byte_at(bytes, i) << 16 | byte_at(bytes, i + 1) << 8 | byte_at(bytes, i + 2);
    out += kAlphabet[group >> 18];
    out += kAlphabet[(group >> 12) & kSixBits];
    out += kAlphabet[(group >> 6) & kSixBits];
    out += kAlphabet[group & kSixBits];
  }
  const std::size_t rest = bytes.size() - i;  // 1 or 2 bytes: 2 or 3 characters and padding
  if (rest > 0) {
    const unsigned group = byte_at(bytes, i) << 16 | (rest == 2 ? byte_at(bytes, i + 1) << 8 : 0);
    out += kAlphabet[group >> 18];
    out += kAlphabet[(group >> 12) & kSixBits];
    out += rest == 2 ? kAlphabet[(group >> 6) & kSixBits] : '=';
    out += '=';
  }
  return out;
}

void JsonWriter::begin_object() {
  separate();
  out_ += '{';
  need_comma_ = false;
}

void JsonWriter::end_object() {
  out_ += '}';
  need_comma_ = true;
}

void JsonWriter::begin_array() {
  separate();
  out_ += '[';
  need_comma_ = false;
}

void JsonWriter::end_array() {
  out_ += ']';
  need_comma_ = true;
}

void JsonWriter::key(std::string_view name) {
  separate();
  append_json_string(out_, name);
  out_ += ':';
  need_comma_ = false;
}

void JsonWriter::string(std::string_view text) {
  separate();
  append_json_string(out_, text);
  need_comma_ = true;
}

void JsonWriter::null() {
  scalar("null");
}

void JsonWriter::boolean(bool value) {
  scalar(value ? "true" : "false");
}

void JsonWriter::scalar(std::string_view text) {
  separate();
  out_ += text;
  need_comma_ = true;
}

}  // namespace newsidx::detail
