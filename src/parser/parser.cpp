// The article parser (SPEC §1, §2): bytes → decoded, normalized text → header
// (date and metadata lines) → paragraphs and headings → title, word count, id.
#include "newsidx/parser.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unicode/uchar.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <memory>
#include <system_error>
#include <utility>
#include <vector>

#include "newsidx/encoding.hpp"
#include "newsidx/unique_fd.hpp"
#include "parser/french_date.hpp"
#include "parser/header_lines.hpp"
#include "parser/headings_titles.hpp"
#include "parser/lines.hpp"
#include "parser/normalize.hpp"

namespace newsidx {
namespace {

using parser::count_words;
using parser::DateLine;
using parser::derive_title;
using parser::Lines;
using parser::looks_like_heading;
using parser::match_date_line;
using parser::match_metadata;
using parser::MetaKey;
using parser::MetaLine;
using parser::split_lines;

constexpr std::string_view kNoText = "no article text";
constexpr std::string_view kNotText = "not a text file";
/// SPEC §1.4: the warnings about the date of a file without a date line are
/// about its first line.
constexpr int kFirstLine = 1;

ParseResult reject(std::string_view reason) {
  ParseResult r;
  r.rejection = reason;
  return r;
}

// ---------------------------------------------------------------------------
// The steps of parse_article()

/// A file's text: decoded, normalized (SPEC §1.2) and split into lines.
struct Text {
  Lines lines;
  std::string encoding;           ///< what it was read as (DecodedText::encoding)
  std::vector<Warning> warnings;  ///< about the decoding (DecodedText::warnings)
};

/// The text of the bytes of a file, or nullopt when they are not text.
std::optional<Text> decode_lines(std::string_view bytes) {
  std::optional<DecodedText> decoded = decode_text(bytes);
  if (!decoded) return std::nullopt;
  parser::clean_text(decoded->utf8);
  parser::to_nfc(decoded->utf8);
  return Text{split_lines(decoded->utf8), std::move(decoded->encoding),
              std::move(decoded->warnings)};
}

/// What the header of a file says: its metadata and date lines, in any
/// order, before the text (SPEC §1.1). Views into the text's lines.
struct Header {
  std::size_t text_line = 0;  ///< the first line after the header
  bool has_date_line = false;
  std::string_view first_text;            ///< text on the date line after the date
  std::optional<std::string_view> title;  ///< the value of the first `titre:` line
};

/// Keeps the value of a metadata line unless an earlier line gave that key.
void apply_metadata(const MetaLine& meta, Header& header, Metadata& metadata) {
  if (meta.value.empty()) return;
  auto keep_first = [&meta](std::optional<std::string>& field) {
    if (!field) field = std::string(meta.value);
  };
  switch (meta.key) {
    case MetaKey::kTitle:
      if (!header.title) header.title = meta.value;
      break;
    case MetaKey::kAuthor:
      keep_first(metadata.author);
      break;
    case MetaKey::kSource:
      keep_first(metadata.source);
      break;
    case MetaKey::kUrl:
      keep_first(metadata.url);
      break;
  }
}

/// Sets the article's date from the date line on line `number`, or warns
/// why it does not (a second date line, no date, an impossible date).
void apply_date_line(const DateLine& date_line, int number, bool second, Article& article) {
  if (second) {
    article.warnings.push_back({number, "another date line; ignored"});
  } else if (!date_line.match) {
    article.warnings.push_back(
        {number,
         date_line.written.empty()
             ? std::string("date line without a date; stored undated")
             : "unrecognized date \"" + std::string(date_line.written) + "\"; stored undated"});
  } else if (const auto problem = date_line.match->problem()) {
    article.warnings.push_back({number, "impossible date \"" + std::string(date_line.written) +
                                            "\": " + *problem + "; stored undated"});
  } else {
    article.date = date_line.match->date();
  }
}

/// Reads the header lines into `article` (metadata, date, warnings) and
/// says where the text starts.
Header read_header(const Lines& lines, Article& article) {
  Header header;
  std::size_t i = 0;
  for (; i < lines.spans.size(); ++i) {
    const std::string_view line = lines[i];
    if (line.empty()) continue;
    if (const auto meta = match_metadata(line)) {
      apply_metadata(*meta, header, article.metadata);
      continue;
    }
    const auto date_line = match_date_line(line);
    if (!date_line) break;
    apply_date_line(*date_line, static_cast<int>(i) + 1, header.has_date_line, article);
    header.has_date_line = true;
    if (!date_line->rest.empty()) {
      header.first_text = date_line->rest;
      ++i;
      break;
    }
  }
  header.text_line = i;
  return header;
}

/// How many paragraphs read_blocks() will find.
std::size_t count_blocks(const Lines& lines, const Header& header) {
  std::size_t count = header.first_text.empty() ? 0 : 1;
  for (std::size_t j = header.text_line; j < lines.spans.size(); ++j) {
    const bool starts_block =
        lines.spans[j].size != 0 &&
        (j == header.text_line ? header.first_text.empty() : lines.spans[j - 1].size == 0);
    if (starts_block) ++count;
  }
  return count;
}

/// The text after the header (SPEC §1.1): paragraphs separated by blank
/// lines, their lines joined by a space; a one-line paragraph followed by
/// another that looks like a heading is a heading.
void read_blocks(const Lines& lines, const Header& header, std::vector<Block>& blocks) {
  // Counted first: growing the vectors would briefly hold them twice, which
  // matters for files of millions of short paragraphs.
  const std::size_t block_count = count_blocks(lines, header);
  blocks.reserve(block_count);
  std::vector<std::size_t> line_counts;
  line_counts.reserve(block_count + 1);
  auto add_line = [&](std::string_view text) {
    if (line_counts.empty() || line_counts.back() == 0) {
      if (line_counts.empty()) line_counts.push_back(0);
      blocks.emplace_back();
    }
    Block& block = blocks.back();
    if (!block.text.empty()) block.text += ' ';
    block.text += text;
    ++line_counts.back();
  };
  if (!header.first_text.empty()) add_line(header.first_text);
  for (std::size_t i = header.text_line; i < lines.spans.size(); ++i) {
    const std::string_view line = lines[i];
    if (!line.empty()) {
      add_line(line);
    } else if (!line_counts.empty() && line_counts.back() != 0) {
      line_counts.push_back(0);
    }
  }
  for (std::size_t b = 0; b + 1 < blocks.size(); ++b) {
    if (line_counts[b] == 1 && looks_like_heading(blocks[b].text)) {
      blocks[b].type = Block::Type::kHeading;
    }
  }
}

/// SPEC §1.4, a file without a date line: the date its path holds, if any,
/// and a warning either way.
void take_date_from_path(const std::string& path, Article& article) {
  if (auto date = parser::date_from_path(path)) {
    article.date = date;
    article.warnings.push_back(
        {kFirstLine, "no date line; date " + date->str() + " taken from the path"});
  } else {
    article.warnings.push_back({kFirstLine, "no date line; stored undated"});
  }
}

/// The title (SPEC §1.3): the `titre:` line, else derived from the first block.
void set_title(std::optional<std::string_view> header_title, Article& article) {
  if (header_title) {
    article.title = std::string(*header_title);
    article.title_source = TitleSource::kHeader;
  } else {
    article.title = derive_title(article.blocks.front().text);
    article.title_source = TitleSource::kDerived;
  }
}

// ---------------------------------------------------------------------------
// The file

std::string system_reason(int error) {
  return std::generic_category().message(error);
}

/// "file too large (17 MiB > 16 MiB)": sizes in the largest binary unit that
/// divides the limit, rounded up.
std::string too_large(std::uint64_t size, std::uint64_t limit) {
  struct Unit {
    std::uint64_t bytes;
    const char* name;
  };
  static constexpr Unit kUnits[] = {{1ull << 30, "GiB"}, {1ull << 20, "MiB"}, {1ull << 10, "KiB"}};
  Unit unit{1, "bytes"};
  for (const Unit& u : kUnits) {
    if (limit >= u.bytes && limit % u.bytes == 0) {
      unit = u;
      break;
    }
  }
  const std::uint64_t n = (size + unit.bytes - 1) / unit.bytes;
  return "file too large (" + std::to_string(n) + " " + unit.name + " > " +
         std::to_string(limit / unit.bytes) + " " + unit.name + ")";
}

}  // namespace

ParseResult parse_article(std::string_view bytes, const std::string& path) {
  if (bytes.empty()) return reject(kNoText);
  std::optional<Text> text = decode_lines(bytes);
  if (!text) return reject(kNotText);

  Article article;
  article.warnings = std::move(text->warnings);
  const Header header = read_header(text->lines, article);
  read_blocks(text->lines, header, article.blocks);
  if (article.blocks.empty()) return reject(kNoText);
  if (!header.has_date_line) take_date_from_path(path, article);
  std::stable_sort(article.warnings.begin(), article.warnings.end(),
                   [](const Warning& a, const Warning& b) { return a.line < b.line; });
  set_title(header.title, article);
  for (const Block& block : article.blocks) article.word_count += count_words(block.text);
  article.id = article_id(article.date, article.body());
  article.sources.push_back({path, std::move(text->encoding), bytes.size()});
  article.raw = std::move(text->lines.raw);

  ParseResult result;
  result.article = std::move(article);
  return result;
}

ParseResult read_article(const std::filesystem::path& path, const ParseOptions& options) {
  const UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK));
  if (fd.get() < 0) return reject(system_reason(errno));
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) return reject(system_reason(errno));
  if (S_ISDIR(st.st_mode)) return reject(system_reason(EISDIR));
  if (!S_ISREG(st.st_mode)) return reject("not a regular file");
  const auto size = static_cast<std::uint64_t>(st.st_size);
  if (size > options.max_size) return reject(too_large(size, options.max_size));

  // One read() for the whole file in the usual case; a file that shrank
  // meanwhile gives what is left, one that grew is read up to its old size.
  const auto buffer = std::make_unique_for_overwrite<char[]>(size);
  std::size_t got = 0;
  while (got < size) {
    const ssize_t n = ::read(fd.get(), buffer.get() + got, size - got);
    if (n < 0) {
      if (errno == EINTR) continue;
      return reject(system_reason(errno));
    }
    if (n == 0) break;
    got += static_cast<std::size_t>(n);
  }

  std::error_code ec;
  std::filesystem::path absolute = path.is_absolute() ? path : std::filesystem::absolute(path, ec);
  if (ec) absolute = path;
  return parse_article(std::string_view(buffer.get(), got), absolute.string());
}

}  // namespace newsidx
