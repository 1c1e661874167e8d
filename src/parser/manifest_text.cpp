#include "parser/manifest_text.hpp"

#include <fcntl.h>
#include <sys/stat.h>

#include <array>
#include <cerrno>
#include <optional>
#include <system_error>
#include <utility>

#include "newsidx/encoding.hpp"
#include "newsidx/error.hpp"
#include "newsidx/unique_fd.hpp"

namespace newsidx::parser {
namespace {

namespace fs = std::filesystem;

bool is_ascii_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

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

}  // namespace

std::string_view trim_ascii(std::string_view s) {
  while (!s.empty() && is_ascii_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_ascii_space(s.back())) s.remove_suffix(1);
  return s;
}

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

char csv_separator(std::string_view text) {
  const std::string_view header = first_line(text);
  const bool semicolon = header.find(';') != std::string_view::npos;
  return semicolon && header.find(',') == std::string_view::npos ? ';' : ',';
}

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

}  // namespace newsidx::parser
