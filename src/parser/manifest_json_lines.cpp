// JSON Lines manifests: each line's object to the values of a row.
#include <array>
#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>

#include "parser/manifest_rows.hpp"
#include "parser/manifest_text.hpp"

namespace newsidx {
namespace {

using parser::Field;
using parser::field_named;
using parser::for_each_line;
using parser::kFieldCount;
using parser::RowValues;
using parser::same_field;
using parser::valid_utf8;

}  // namespace

void ManifestReader::read_json_lines(std::string_view text) {
  for_each_line(text, [&](int line, std::string_view row) { read_json_line(line, row); });
}

void ManifestReader::read_json_line(int line, std::string_view text) {
  if (!valid_utf8(text)) return warn(line, "not valid UTF-8; row ignored");
  nlohmann::json object;
  try {
    object = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    return warn(line, "invalid JSON at byte " + std::to_string(e.byte) + "; row ignored");
  }
  if (!object.is_object()) return warn(line, "not a JSON object; row ignored");
  RowValues values;
  std::array<std::string, kFieldCount> keys;  // the key that gave each value
  for (const auto& [key, value] : object.items()) {
    const std::optional<Field> field = field_named(key);
    if (!field) continue;
    std::string& first = keys[static_cast<std::size_t>(*field)];
    if (!first.empty()) {
      warn(line, same_field("keys", first, key));
      continue;
    }
    first = key;
    if (value.is_string()) {
      values[static_cast<std::size_t>(*field)] = value.get<std::string>();
    } else if (value.is_number()) {
      values[static_cast<std::size_t>(*field)] = value.dump();
    } else if (!value.is_null()) {
      warn(line, "the value of \"" + key + "\" is not text; ignored");
    }
  }
  add_row(line, std::move(values));
}

}  // namespace newsidx
