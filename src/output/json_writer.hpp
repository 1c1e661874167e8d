// JsonWriter: writes one compact JSON text straight into a std::string, value
// by value, without building a document in memory. Private to the output
// module (json.cpp).
//
// The output is byte for byte what nlohmann::json's
// dump(-1, ' ', false, error_handler_t::replace) gives for the same values:
// no spaces, non-ASCII UTF-8 written as is, invalid UTF-8 replaced by U+FFFD.
// A JsonWriter belongs to one thread at a time.
#pragma once

#include <charconv>
#include <concepts>
#include <cstddef>
#include <string>
#include <string_view>

namespace newsidx::detail {

/// Appends `text` to `out` as a JSON string, quotes included: `"` and `\`
/// escaped, \b \f \n \r \t, other control characters below 0x20 as \u00xx
/// (lower-case hex), DEL and valid non-ASCII UTF-8 copied as they are. Each
/// maximal ill-formed subsequence of UTF-8 (a byte that cannot start a
/// sequence, or the longest valid beginning of a sequence that stops short) is
/// replaced by one U+FFFD. Throws only std::bad_alloc.
void append_json_string(std::string& out, std::string_view text);

/// True when `text` is well-formed UTF-8: append_json_string() then keeps it
/// as it is, and a reader gets the same bytes back.
[[nodiscard]] bool is_valid_utf8(std::string_view text);

/// `bytes` in base64 (RFC 4648 §4: the standard alphabet, `=` padding).
[[nodiscard]] std::string base64(std::string_view bytes);

/// Writes JSON values into a caller's string; commas and colons are its own
/// business. The calls must form one valid JSON value: key() only directly
/// inside an object and before each of its values, every begin_*() matched by
/// its end_*(). The writer does not check this.
class JsonWriter {
 public:
  /// Appends to `out`, which must outlive the writer; what `out` already
  /// holds is kept as it is.
  explicit JsonWriter(std::string& out) : out_(out) {}

  JsonWriter(const JsonWriter&) = delete;
  JsonWriter& operator=(const JsonWriter&) = delete;

  /// `{`: starts an object (itself a value).
  void begin_object();
  /// `}`: ends the innermost object.
  void end_object();
  /// `[`: starts an array (itself a value).
  void begin_array();
  /// `]`: ends the innermost array.
  void end_array();
  /// `"name":` — the key of the next value of the innermost object.
  void key(std::string_view name);

  /// A string value, escaped as append_json_string() does.
  void string(std::string_view text);
  /// `null`.
  void null();
  /// `true` or `false`.
  void boolean(bool value);
  /// An integer in decimal, as nlohmann writes it.
  template <std::integral T>
  requires(!std::same_as<T, bool>) void integer(T value) {
    char digits[24];  // 20 digits and a sign at most
    const auto [end, ec] = std::to_chars(digits, digits + sizeof digits, value);
    static_cast<void>(ec);  // cannot fail: the buffer holds any 64-bit integer
    scalar(std::string_view(digits, static_cast<std::size_t>(end - digits)));
  }

 private:
  /// Writes the comma that separates this value from the previous one.
  void separate() {
    if (need_comma_) out_ += ',';
  }
  /// Writes an unquoted scalar (number, literal) as a value.
  void scalar(std::string_view text);

  std::string& out_;
  /// True after a complete value or member: the next one needs a comma.
  bool need_comma_ = false;
};

}  // namespace newsidx::detail
