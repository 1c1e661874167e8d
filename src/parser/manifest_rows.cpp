// Rows: the records of a table, and the values of any row, to the entries
// of a manifest.
#include "parser/manifest_rows.hpp"

#include <array>
#include <cstddef>
#include <filesystem>

#include "newsidx/error.hpp"
#include "parser/french_date.hpp"
#include "parser/manifest_text.hpp"

namespace newsidx {
namespace {

namespace fs = std::filesystem;

using parser::Field;
using parser::field_named;
using parser::kFieldCount;
using parser::kFileColumns;
using parser::normalized;
using parser::Record;
using parser::RowValues;
using parser::same_field;
using parser::trim_ascii;
using parser::valid_utf8;

}  // namespace

ManifestReader::Columns ManifestReader::header_columns(const Record& header) {
  Columns columns;
  std::array<const std::string*, kFieldCount> first{};
  for (const std::string& name : header.fields) {
    std::optional<Field> field = field_named(name);
    if (field) {
      const std::string*& seen = first[static_cast<std::size_t>(*field)];
      if (seen) {
        warn(header.line, same_field("columns", *seen, name));
        field.reset();
      } else {
        seen = &name;
      }
    }
    columns.push_back(field);
  }
  if (!first[static_cast<std::size_t>(Field::kFile)]) {
    throw Error(ErrorCode::kUsage, "manifest " + m_.path_.string() +
                                       ": no file column in the header line (" +
                                       std::string(kFileColumns) + ")");
  }
  return columns;
}

void ManifestReader::read_table(const std::vector<Record>& records) {
  if (records.empty()) {
    throw Error(ErrorCode::kUsage, "manifest " + m_.path_.string() + " has no header line");
  }
  if (!records.front().problem.empty()) {
    throw Error(ErrorCode::kUsage, "manifest " + m_.path_.string() +
                                       ": cannot read the header line: " + records.front().problem);
  }
  const Columns columns = header_columns(records.front());
  for (std::size_t r = 1; r < records.size(); ++r) {
    const Record& record = records[r];
    if (!record.problem.empty()) {
      warn(record.line, record.problem);
      continue;
    }
    if (record.fields.size() != columns.size()) {
      warn(record.line, std::to_string(record.fields.size()) + " fields where the header has " +
                            std::to_string(columns.size()) + "; row ignored");
      continue;
    }
    RowValues values;
    for (std::size_t c = 0; c < columns.size(); ++c) {
      if (columns[c]) values[static_cast<std::size_t>(*columns[c])] = record.fields[c];
    }
    add_row(record.line, std::move(values));
  }
}

std::optional<Date> ManifestReader::row_date(int line, const std::string& value) {
  const auto match = parser::match_date(value);
  if (!match || match->length != value.size()) {
    warn(line, "unrecognized date \"" + value + "\"; the row's date is ignored");
    return std::nullopt;
  }
  if (const auto problem = match->problem()) {
    warn(line, "impossible date \"" + value + "\": " + *problem + "; the row's date is ignored");
    return std::nullopt;
  }
  return match->date();
}

void ManifestReader::add_row(int line, RowValues values) {
  for (const std::optional<std::string>& value : values) {
    if (value && !valid_utf8(*value)) return warn(line, "not valid UTF-8; row ignored");
  }
  const auto value = [&](Field f) -> std::optional<std::string>& {
    return values[static_cast<std::size_t>(f)];
  };
  const std::string_view file = value(Field::kFile) ? trim_ascii(*value(Field::kFile)) : "";
  if (file.empty()) return warn(line, "no file name; row ignored");
  ManifestEntry entry;
  entry.line = line;
  entry.file = std::string(file);
  entry.path = (m_.path_.parent_path() / fs::path(entry.file)).lexically_normal();
  if (value(Field::kTitle)) entry.title = normalized(*value(Field::kTitle));
  if (value(Field::kAuthor)) entry.author = normalized(*value(Field::kAuthor));
  if (value(Field::kSource)) entry.source = normalized(*value(Field::kSource));
  if (value(Field::kUrl)) entry.url = normalized(*value(Field::kUrl));
  if (value(Field::kDate)) {
    if (const std::optional<std::string> date = normalized(*value(Field::kDate))) {
      entry.date = row_date(line, *date);
    }
  }
  const auto [it, added] = m_.by_path_.emplace(entry.path.string(), m_.entries_.size());
  if (!added) {
    return warn(line, entry.file + " is already on line " +
                          std::to_string(m_.entries_[it->second].line) + "; row ignored");
  }
  if (!fs::path(entry.file).is_absolute()) {
    m_.by_relative_name_.emplace(fs::path(entry.file).lexically_normal().string(),
                                 m_.entries_.size());
  }
  m_.entries_.push_back(std::move(entry));
}

}  // namespace newsidx
