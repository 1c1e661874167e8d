#include "parser/manifest_csv_tsv.hpp"

#include <algorithm>
#include <cstddef>
#include <utility>

#include "parser/manifest_text.hpp"

namespace newsidx::parser {
namespace {

/// Reads RFC 4180 records, one at a time, with their line numbers.
class CsvReader {
 public:
  CsvReader(std::string_view text, char separator) : text_(text), separator_(separator) {}

  /// The next record that is not a blank line, or false at the end.
  bool next(Record& record) {
    while (pos_ < text_.size()) {
      record = Record{line_, {}, {}};
      if (at_line_end()) {
        end_line();
        continue;
      }
      read_record(record);
      return true;
    }
    return false;
  }

 private:
  [[nodiscard]] bool at_line_end() const {
    return text_[pos_] == '\n' ||
           (text_[pos_] == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n');
  }

  /// Moves past a line end (LF or CRLF) at pos_.
  void end_line() {
    pos_ += text_[pos_] == '\r' ? 2 : 1;
    ++line_;
  }

  void read_record(Record& record) {
    while (true) {
      std::string field;
      const bool read = text_[pos_] == '"' ? read_quoted(field, record) : read_plain(field);
      if (!read) return skip_rest_of_line();
      record.fields.push_back(std::move(field));
      if (pos_ >= text_.size()) return;
      if (text_[pos_] == separator_) {
        ++pos_;
        if (pos_ >= text_.size()) {
          record.fields.emplace_back();
          return;
        }
        continue;
      }
      return end_line();  // at_line_end(): read_plain() and read_quoted() stop there
    }
  }

  bool read_plain(std::string& field) {
    const std::size_t start = pos_;
    while (pos_ < text_.size() && text_[pos_] != separator_ && !at_line_end()) ++pos_;
    field.assign(text_.substr(start, pos_ - start));
    return true;
  }

  bool read_quoted(std::string& field, Record& record) {
    ++pos_;  // the opening quote
    while (true) {
      const std::size_t quote = text_.find('"', pos_);
      if (quote == std::string_view::npos) {
        record.problem = "a quoted field is never closed; the rest of the file is ignored";
        pos_ = text_.size();
        return false;
      }
      const std::string_view part = text_.substr(pos_, quote - pos_);
      line_ += static_cast<int>(std::count(part.begin(), part.end(), '\n'));
      field += part;
      pos_ = quote + 1;
      if (pos_ < text_.size() && text_[pos_] == '"') {
        field += '"';
        ++pos_;
        continue;
      }
      if (pos_ >= text_.size() || text_[pos_] == separator_ || at_line_end()) return true;
      record.problem = "text after the closing quote of a field; row ignored";
      return false;
    }
  }

  void skip_rest_of_line() {
    while (pos_ < text_.size() && !at_line_end()) ++pos_;
    if (pos_ < text_.size()) end_line();
  }

  std::string_view text_;
  char separator_;
  std::size_t pos_ = 0;
  int line_ = 1;
};

}  // namespace

std::vector<Record> tsv_records(std::string_view text) {
  std::vector<Record> records;
  for_each_line(text, [&](int number, std::string_view line) {
    Record record{number, {}, {}};
    std::size_t start = 0;
    while (true) {
      const std::size_t tab = line.find('\t', start);
      record.fields.emplace_back(line.substr(start, tab - start));
      if (tab == std::string_view::npos) break;
      start = tab + 1;
    }
    records.push_back(std::move(record));
  });
  return records;
}

std::vector<Record> csv_records(std::string_view text, char separator) {
  std::vector<Record> records;
  CsvReader reader(text, separator);
  Record record;
  while (reader.next(record)) records.push_back(std::move(record));
  return records;
}

}  // namespace newsidx::parser
