// Manifests (manifest.hpp): bytes → records (CSV, TSV or JSON Lines) →
// checked, normalized rows → entries found by path.
//
// Each step has its file: manifest_text.cpp (bytes, format),
// manifest_csv_tsv.cpp and manifest_json_lines.cpp (records per format),
// manifest_fields.cpp (columns and values), manifest_rows.cpp (entries),
// manifest_apply.cpp (a row applied to an article). This file holds the
// public entry points and the lookup by path.
#include "newsidx/manifest.hpp"

#include <system_error>

#include "newsidx/error.hpp"
#include "parser/manifest_csv_tsv.hpp"
#include "parser/manifest_rows.hpp"
#include "parser/manifest_text.hpp"

namespace newsidx {
namespace {

namespace fs = std::filesystem;

using parser::csv_records;
using parser::csv_separator;
using parser::detect_format;
using parser::manifest_text;
using parser::read_bytes;
using parser::trim_ascii;
using parser::tsv_records;

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
