// Manifests (manifest.hpp): bytes → records (CSV, TSV or JSON Lines) →
// checked, normalized rows → entries found by path.
#include "newsidx/manifest.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <memory>
#include <nlohmann/json.hpp>
#include <system_error>
#include <utility>

#include "newsidx/encoding.hpp"
#include "newsidx/error.hpp"
#include "newsidx/unique_fd.hpp"
#include "parser/french_date.hpp"
#include "parser/normalize.hpp"

namespace newsidx {
namespace {

namespace fs = std::filesystem;

// ---------------------------------------------------------------------------
// Columns

enum class Field : std::size_t { kFile, kTitle, kAuthor, kSource, kUrl, kDate };
constexpr std::size_t kFieldCount = 6;

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

constexpr std::string_view kFileColumns = "file, path, filename or fichier";

bool is_ascii_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

std::string_view trim_ascii(std::string_view s) {
  while (!s.empty() && is_ascii_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_ascii_space(s.back())) s.remove_suffix(1);
  return s;
}

bool iequals_ascii(std::string_view a, std::string_view lower) {
  if (a.size() != lower.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const char c = a[i] >= 'A' && a[i] <= 'Z' ? static_cast<char>(a[i] - 'A' + 'a') : a[i];
    if (c != lower[i]) return false;
  }
  return true;
}

/// The field a column or key names (any case, surrounding spaces ignored).
std::optional<Field> field_named(std::string_view name) {
  name = trim_ascii(name);
  for (const FieldName& f : kFieldNames) {
    if (iequals_ascii(name, f.name)) return f.field;
  }
  return std::nullopt;
}

/// The warning for two columns or keys naming one field.
std::string same_field(std::string_view what, std::string_view first, std::string_view second) {
  return std::string(what) + " \"" + std::string(first) + "\" and \"" + std::string(second) +
         "\" say the same; \"" + std::string(second) + "\" is ignored";
}

/// The values of one row, by field, as written.
using RowValues = std::array<std::optional<std::string>, kFieldCount>;

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

/// A value as stored: like an article's header line (control characters
/// removed, line breaks made spaces, NFC, white space collapsed and
/// trimmed), or nullopt when nothing is left. REQUIRES: valid UTF-8.
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

// ---------------------------------------------------------------------------
// Records of CSV and TSV files

/// One record of a table: its fields, or why it cannot be read.
struct Record {
  int line = 0;  ///< where it starts
  std::vector<std::string> fields;
  std::string problem;  ///< for a malformed record: the warning, what is lost included
};

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

/// Calls `on_line(number, line)` for each line of `text` that is not blank,
/// without its line end (LF or CRLF).
template <typename OnLine>
void for_each_line(std::string_view text, OnLine on_line) {
  std::size_t start = 0;
  for (int number = 1; start < text.size(); ++number) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!trim_ascii(line).empty()) on_line(number, line);
    start = end + 1;
  }
}

/// The records of a TSV file: tab-separated fields, one record per line.
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

/// The records of a CSV file, separated by `separator`.
std::vector<Record> csv_records(std::string_view text, char separator) {
  std::vector<Record> records;
  CsvReader reader(text, separator);
  Record record;
  while (reader.next(record)) records.push_back(std::move(record));
  return records;
}

// ---------------------------------------------------------------------------
// Formats

std::string lower_extension(const fs::path& path) {
  std::string ext = path.extension().string();
  for (char& c : ext) c = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  return ext;
}

std::string_view first_line(std::string_view text) {
  std::string_view line;
  for_each_line(text, [&](int, std::string_view l) {
    if (line.empty()) line = l;
  });
  return line;
}

/// The format from the extension, or else from the first line.
ManifestFormat detect_format(const fs::path& path, std::string_view text) {
  const std::string ext = lower_extension(path);
  if (ext == ".csv") return ManifestFormat::kCsv;
  if (ext == ".tsv" || ext == ".tab") return ManifestFormat::kTsv;
  if (ext == ".jsonl" || ext == ".ndjson" || ext == ".json") return ManifestFormat::kJsonLines;
  const std::string_view line = trim_ascii(first_line(text));
  if (!line.empty() && line.front() == '{') return ManifestFormat::kJsonLines;
  if (line.find('\t') != std::string_view::npos) return ManifestFormat::kTsv;
  return ManifestFormat::kCsv;
}

/// `;` when the header line has one and no `,` (spreadsheets in French
/// locales), else `,`.
char csv_separator(std::string_view text) {
  const std::string_view header = first_line(text);
  const bool semicolon = header.find(';') != std::string_view::npos;
  return semicolon && header.find(',') == std::string_view::npos ? ';' : ',';
}

/// The text of a manifest's bytes: UTF-16 with a BOM converted, a UTF-8 BOM
/// skipped; other bytes are kept as they are (rows that are not valid UTF-8
/// are reported one by one).
std::string manifest_text(std::string_view bytes, const fs::path& path) {
  const bool utf16 = bytes.size() >= 2 && ((bytes[0] == '\xFF' && bytes[1] == '\xFE') ||
                                           (bytes[0] == '\xFE' && bytes[1] == '\xFF'));
  if (utf16) {
    std::optional<DecodedText> decoded = decode_text(bytes);
    if (!decoded) throw Error(ErrorCode::kUsage, "manifest " + path.string() + " is not text");
    return std::move(decoded->utf8);
  }
  if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
  return std::string(bytes);
}

/// True when the period of `outer` holds the period of `inner`.
bool holds(const Date& outer, const Date& inner) {
  return outer.first_day() <= inner.first_day() && inner.last_day() <= outer.last_day();
}

// How the parser's warnings say that a file without a usable date line was
// dated (parser.cpp): "no date line; stored undated", "no date line; date
// 2016 taken from the path", "impossible date \"…\": …; stored undated".
constexpr std::string_view kNoDateLine = "no date line; ";
constexpr std::string_view kStoredUndated = "; stored undated";

/// Makes the warnings that say how an article without a usable date line was
/// dated say `dated` instead ("date 2016-12 from the manifest …").
void say_dated(std::vector<Warning>& warnings, const std::string& dated) {
  for (Warning& w : warnings) {
    if (w.message.starts_with(kNoDateLine)) {
      w.message = std::string(kNoDateLine) + dated;
    } else if (w.message.ends_with(kStoredUndated)) {
      w.message.replace(w.message.size() - kStoredUndated.size(), kStoredUndated.size(),
                        "; " + dated);
    }
  }
}

std::string read_bytes(const fs::path& path) {
  const auto fail = [&](int error) {
    return Error(ErrorCode::kUsage, "cannot read manifest " + path.string() + ": " +
                                        std::generic_category().message(error));
  };
  const UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY));
  if (!fd.valid()) throw fail(errno);
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) throw fail(errno);
  if (S_ISDIR(st.st_mode)) throw fail(EISDIR);
  std::string bytes;
  std::array<char, 1 << 16> buffer;
  while (true) {
    const ssize_t n = ::read(fd.get(), buffer.data(), buffer.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw fail(errno);
    if (n == 0) return bytes;
    bytes.append(buffer.data(), static_cast<std::size_t>(n));
  }
}

}  // namespace

const char* manifest_format_name(ManifestFormat format) {
  switch (format) {
    case ManifestFormat::kCsv:
      return "CSV";
    case ManifestFormat::kTsv:
      return "TSV";
    case ManifestFormat::kJsonLines:
      return "JSON Lines";
  }
  return "CSV";
}

// ---------------------------------------------------------------------------
// Rows

/// Turns the records or lines of a manifest into its entries and warnings.
class ManifestReader {
 public:
  explicit ManifestReader(Manifest& manifest) : m_(manifest) {}

  void read_table(const std::vector<Record>& records);
  void read_json_lines(std::string_view text);

 private:
  using Columns = std::vector<std::optional<Field>>;

  Columns header_columns(const Record& header);
  void read_json_line(int line, std::string_view text);
  void add_row(int line, RowValues values);
  std::optional<Date> row_date(int line, const std::string& value);
  void warn(int line, std::string message) { m_.warnings_.push_back({line, std::move(message)}); }

  Manifest& m_;
};

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

// ---------------------------------------------------------------------------
// Manifest

Manifest Manifest::read(const std::filesystem::path& path) {
  return parse(read_bytes(path), path);
}

Manifest Manifest::parse(std::string_view bytes, const std::filesystem::path& path) {
  Manifest m;
  std::error_code ec;
  m.path_ = fs::absolute(path, ec).lexically_normal();
  if (ec) m.path_ = path.lexically_normal();
  const std::string text = manifest_text(bytes, m.path_);
  if (trim_ascii(text).empty()) {
    throw Error(ErrorCode::kUsage, "manifest " + m.path_.string() + " is empty");
  }
  m.format_ = detect_format(m.path_, text);
  ManifestReader reader(m);
  switch (m.format_) {
    case ManifestFormat::kCsv:
      reader.read_table(csv_records(text, csv_separator(text)));
      break;
    case ManifestFormat::kTsv:
      reader.read_table(tsv_records(text));
      break;
    case ManifestFormat::kJsonLines:
      reader.read_json_lines(text);
      break;
  }
  return m;
}

std::vector<Warning> Manifest::apply(const ManifestEntry& entry, Article& article) const {
  if (entry.title) {
    article.title = *entry.title;
    article.title_source = TitleSource::kHeader;
  }
  if (entry.author) article.metadata.author = entry.author;
  if (entry.source) article.metadata.source = entry.source;
  if (entry.url) article.metadata.url = entry.url;
  std::vector<Warning> warnings;
  if (!entry.date || article.date == entry.date) return warnings;
  if (article.date && !holds(*article.date, *entry.date) && !holds(*entry.date, *article.date)) {
    const std::string file = article.sources.empty() ? "the file" : article.sources.front().path;
    warnings.push_back({entry.line, "date " + entry.date->str() + " differs from " +
                                        article.date->str() + " in " + file +
                                        "; the manifest's date is used"});
  }
  say_dated(article.warnings, "date " + entry.date->str() + " from the manifest " + path_.string() +
                                  ", line " + std::to_string(entry.line));
  article.date = entry.date;
  article.id = article_id(article.date, article.body());
  return warnings;
}

const ManifestEntry* Manifest::find(const std::filesystem::path& file,
                                    const std::filesystem::path& root) const {
  const fs::path normal = file.lexically_normal();
  if (const auto it = by_path_.find(normal.string()); it != by_path_.end()) {
    return &entries_[it->second];
  }
  fs::path folder = root.lexically_normal();
  if (!folder.has_filename()) folder = folder.parent_path();  // "/data/" is "/data"
  if (folder.empty()) return nullptr;
  const fs::path relative = normal.lexically_relative(folder);
  if (relative.empty() || *relative.begin() == "..") return nullptr;
  if (const auto it = by_relative_name_.find(relative.string()); it != by_relative_name_.end()) {
    return &entries_[it->second];
  }
  return nullptr;
}

}  // namespace newsidx
