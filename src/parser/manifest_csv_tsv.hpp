// The records of CSV and TSV manifests: their fields, one record at a time,
// with the line each starts on. Private to the parser.
//
// Stateless functions on views; safe from any thread.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace newsidx::parser {

/// One record of a table: its fields, or why it cannot be read.
struct Record {
  int line = 0;  ///< where it starts
  std::vector<std::string> fields;
  std::string problem;  ///< for a malformed record: the warning, what is lost included
};

/// The records of a TSV file: tab-separated fields, one record per line.
[[nodiscard]] std::vector<Record> tsv_records(std::string_view text);

/// The records of a CSV file, separated by `separator`.
[[nodiscard]] std::vector<Record> csv_records(std::string_view text, char separator);

}  // namespace newsidx::parser
