// ManifestReader: the records of a table (CSV, TSV) or the lines of a JSON
// Lines file to the entries of a Manifest, with a warning for each row or
// value left out. Private to the parser.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "newsidx/date.hpp"
#include "newsidx/manifest.hpp"
#include "parser/manifest_csv_tsv.hpp"
#include "parser/manifest_fields.hpp"

namespace newsidx {

/// Turns the records or lines of a manifest into its entries and warnings.
/// A friend of Manifest: it fills the manifest it is given.
class ManifestReader {
 public:
  explicit ManifestReader(Manifest& manifest) : m_(manifest) {}

  void read_table(const std::vector<parser::Record>& records);
  void read_json_lines(std::string_view text);  // manifest_json_lines.cpp

 private:
  using Columns = std::vector<std::optional<parser::Field>>;

  Columns header_columns(const parser::Record& header);
  void read_json_line(int line, std::string_view text);  // manifest_json_lines.cpp
  void add_row(int line, parser::RowValues values);
  std::optional<Date> row_date(int line, const std::string& value);
  void warn(int line, std::string message) { m_.warnings_.push_back({line, std::move(message)}); }

  Manifest& m_;
};

}  // namespace newsidx
