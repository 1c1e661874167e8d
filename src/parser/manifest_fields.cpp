#include "parser/manifest_fields.hpp"

#include <unicode/utf8.h>

#include <cstdint>

#include "parser/manifest_text.hpp"
#include "parser/normalize.hpp"

namespace newsidx::parser {
namespace {

struct FieldName {
  std::string_view name;
  Field field;
};

constexpr std::array<FieldName, 11> kFieldNames = {{
    {"file", Field::kFile},
    {"path", Field::kFile},
    {"filename", Field::kFile},
    {"fichier", Field::kFile},
    {"title", Field::kTitle},
    {"titre", Field::kTitle},
    {"author", Field::kAuthor},
    {"auteur", Field::kAuthor},
    {"source", Field::kSource},
    {"url", Field::kUrl},
    {"date", Field::kDate},
}};

bool iequals_ascii(std::string_view a, std::string_view lower) {
  if (a.size() != lower.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const char c = a[i] >= 'A' && a[i] <= 'Z' ? static_cast<char>(a[i] - 'A' + 'a') : a[i];
    if (c != lower[i]) return false;
  }
  return true;
}

}  // namespace

std::optional<Field> field_named(std::string_view name) {
  name = trim_ascii(name);
  for (const FieldName& f : kFieldNames) {
    if (iequals_ascii(name, f.name)) return f.field;
  }
  return std::nullopt;
}

std::string same_field(std::string_view what, std::string_view first, std::string_view second) {
  return std::string(what) + " \"" + std::string(first) + "\" and \"" + std::string(second) +
         "\" say the same; \"" + std::string(second) + "\" is ignored";
}

bool valid_utf8(std::string_view s) {
  if (s.size() > static_cast<std::size_t>(INT32_MAX)) return false;  // U8_NEXT counts in int32
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(s.data());
  const auto length = static_cast<std::int32_t>(s.size());
  std::int32_t i = 0;
  while (i < length) {
    UChar32 c = 0;
    U8_NEXT(bytes, i, length, c);
    if (c < 0) return false;
  }
  return true;
}

std::optional<std::string> normalized(std::string_view raw) {
  std::string text(raw);
  parser::clean_text(text);
  for (char& c : text) {
    if (c == '\n') c = ' ';
  }
  parser::to_nfc(text);
  std::string out;
  parser::append_collapsed(text, out);
  if (out.empty()) return std::nullopt;
  return out;
}

}  // namespace newsidx::parser
