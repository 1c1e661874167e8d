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
#include "parser/normalize.hpp"

namespace newsidx {
namespace {

using parser::code_point_count;
using parser::is_horizontal_space;
using parser::next_code_point;
using parser::previous_code_point;

constexpr std::string_view kNoText = "no article text";
constexpr std::string_view kNotText = "not a text file";
constexpr std::string_view kEllipsis = "\xE2\x80\xA6";  // …
/// SPEC §1.1: a heading is at most 120 code points long.
constexpr std::size_t kMaxHeadingLength = 120;
/// SPEC §1.3: a derived title is at most 100 code points long, `…` included.
constexpr std::size_t kMaxTitleLength = 100;
/// A rubric before the first sentence (`VIDÉO.`, `FAIT DIVERS.`) is a few
/// words; 40 code points keeps a whole upper-case first sentence out.
constexpr std::size_t kMaxKickerLength = 40;
/// SPEC §1.4: the warnings about the date of a file without a date line are
/// about its first line.
constexpr int kFirstLine = 1;
/// The keyword that starts a date line, in any case.
constexpr std::string_view kDateKeyword = "date";

// Code points the sentence and heading rules look at.
constexpr UChar32 kHorizontalEllipsis = 0x2026;  // …
constexpr UChar32 kLeftGuillemet = 0x00AB;       // «
constexpr UChar32 kRightGuillemet = 0x00BB;      // »
constexpr UChar32 kLeftDoubleQuote = 0x201C;     // “
constexpr UChar32 kRightDoubleQuote = 0x201D;    // ”
constexpr UChar32 kRightSingleQuote = 0x2019;    // ’ (also the French apostrophe)
constexpr UChar32 kEnDash = 0x2013;              // –
constexpr UChar32 kEmDash = 0x2014;              // —
/// Below this, a byte is an ASCII character of its own.
constexpr unsigned char kFirstNonAscii = 0x80;

ParseResult reject(std::string_view reason) {
  ParseResult r;
  r.rejection = reason;
  return r;
}

// ---------------------------------------------------------------------------
// Lines

/// Where one line of the file is in the normalized text.
struct Span {
  std::size_t begin = 0;
  std::size_t size = 0;
};

/// The normalized file (Article::raw) and its lines.
struct Lines {
  std::string raw;
  std::vector<Span> spans;

  [[nodiscard]] std::string_view operator[](std::size_t i) const {
    return std::string_view(raw).substr(spans[i].begin, spans[i].size);
  }
};

/// Splits normalized text into lines, each with its white space collapsed
/// and trimmed; `raw` is those lines joined by LF, without trailing blank
/// lines.
Lines split_lines(std::string_view text) {
  Lines out;
  out.raw.reserve(text.size());
  out.spans.reserve(static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) + 1);
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const std::size_t begin = out.raw.size();
    parser::append_collapsed(text.substr(start, end - start), out.raw);
    out.spans.push_back({begin, out.raw.size() - begin});
    out.raw += '\n';
    start = end + 1;
  }
  while (!out.spans.empty() && out.spans.back().size == 0) out.spans.pop_back();
  out.raw.resize(out.spans.empty() ? 0 : out.spans.back().begin + out.spans.back().size);
  return out;
}

/// Skips white space at `pos`.
void skip_spaces(std::string_view s, std::size_t& pos) {
  while (pos < s.size()) {
    std::size_t next = pos;
    if (!is_horizontal_space(next_code_point(s, next))) return;
    pos = next;
  }
}

char ascii_lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool iequals_ascii(std::string_view a, std::string_view lower) {
  if (a.size() != lower.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (ascii_lower(a[i]) != lower[i]) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------
// Header lines

enum class MetaKey { kTitle, kAuthor, kSource, kUrl };

struct MetaLine {
  MetaKey key;
  std::string_view value;  ///< may be empty
};

/// A `key: value` metadata line (keys titre/title, auteur/author, source,
/// url in any case), or nullopt.
std::optional<MetaLine> match_metadata(std::string_view line) {
  std::size_t pos = 0;
  while (pos < line.size() &&
         ((line[pos] >= 'a' && line[pos] <= 'z') || (line[pos] >= 'A' && line[pos] <= 'Z'))) {
    ++pos;
  }
  const std::string_view key = line.substr(0, pos);
  MetaKey k;
  if (iequals_ascii(key, "titre") || iequals_ascii(key, "title")) {
    k = MetaKey::kTitle;
  } else if (iequals_ascii(key, "auteur") || iequals_ascii(key, "author")) {
    k = MetaKey::kAuthor;
  } else if (iequals_ascii(key, "source")) {
    k = MetaKey::kSource;
  } else if (iequals_ascii(key, "url")) {
    k = MetaKey::kUrl;
  } else {
    return std::nullopt;
  }
  skip_spaces(line, pos);
  if (pos >= line.size() || line[pos] != ':') return std::nullopt;
  ++pos;
  skip_spaces(line, pos);
  return MetaLine{k, line.substr(pos)};
}

/// A date line: `date[:] DATE[ text…]`.
struct DateLine {
  std::optional<parser::DateMatch> match;  ///< nullopt: `date:` then no date
  std::string_view written;                ///< the date as written
  std::string_view rest;                   ///< text after the date, or empty
};

/// Drops the separator between a date and the text that follows it on the
/// date line (white space, then one of `,;:.` or a dash followed by a space).
std::string_view strip_separator(std::string_view rest) {
  std::size_t pos = 0;
  skip_spaces(rest, pos);
  rest.remove_prefix(pos);
  if (rest.empty()) return rest;
  std::size_t after = 0;
  if (rest[0] == ',' || rest[0] == ';' || rest[0] == ':' || rest[0] == '.') {
    after = 1;
  } else {
    for (std::string_view dash : {"-", "\xE2\x80\x93", "\xE2\x80\x94"}) {  // - – —
      if (rest.starts_with(dash)) after = dash.size();
    }
    if (after != 0 && after < rest.size()) {
      std::size_t probe = after;
      if (!is_horizontal_space(next_code_point(rest, probe))) after = 0;
    }
  }
  pos = after;
  skip_spaces(rest, pos);
  return rest.substr(pos);
}

/// A date line (`date`, any case, then white space or `:`, then a date), or
/// nullopt. `date:` followed by something that is not a date still counts as
/// a date line (with no match); `date` without `:` and no date is text.
std::optional<DateLine> match_date_line(std::string_view line) {
  if (line.size() < kDateKeyword.size() ||
      !iequals_ascii(line.substr(0, kDateKeyword.size()), kDateKeyword)) {
    return std::nullopt;
  }
  std::size_t pos = kDateKeyword.size();
  skip_spaces(line, pos);
  const bool spaced = pos > kDateKeyword.size();
  bool colon = false;
  if (pos < line.size() && line[pos] == ':') {
    colon = true;
    ++pos;
    skip_spaces(line, pos);
  }
  if (!spaced && !colon) return std::nullopt;
  const std::string_view value = line.substr(pos);
  if (auto m = parser::match_date(value)) {
    return DateLine{m, value.substr(0, m->length), strip_separator(value.substr(m->length))};
  }
  if (!colon) return std::nullopt;
  return DateLine{std::nullopt, value, {}};
}

// ---------------------------------------------------------------------------
// Blocks, title, word count

bool is_upper_or_digit(UChar32 c) {
  return u_isupper(c) || u_istitle(c) || u_isdigit(c);
}

/// SPEC §1.1, for a one-line paragraph followed by another: at most 120
/// characters, starts with an upper-case letter or a digit, does not end with
/// sentence or quotation punctuation.
bool looks_like_heading(std::string_view text) {
  if (text.empty() || code_point_count(text) > kMaxHeadingLength) return false;
  std::size_t i = 0;
  if (!is_upper_or_digit(next_code_point(text, i))) return false;
  std::size_t j = text.size();
  switch (previous_code_point(text, j)) {
    case '.':
    case '!':
    case '?':
    case kHorizontalEllipsis:
    case ':':
    case ';':
    case ',':
    case kRightGuillemet:
    case '"':
    case kRightDoubleQuote:
      return false;
    default:
      return true;
  }
}

bool is_terminal(UChar32 c) {
  return c == '.' || c == '!' || c == '?' || c == kHorizontalEllipsis;
}

/// Closing quotes and brackets that belong to the sentence they follow.
bool is_closer(UChar32 c) {
  return c == kRightGuillemet || c == kRightDoubleQuote || c == '"' || c == ')' || c == ']' ||
         c == kRightSingleQuote || c == '\'';
}

/// What a new sentence may start with.
bool starts_sentence(UChar32 c) {
  return is_upper_or_digit(c) || c == kLeftGuillemet || c == kLeftDoubleQuote || c == '"' ||
         c == '(' || c == kEmDash || c == kEnDash || c == '[';
}

/// True when the word just before a period is an abbreviation or an
/// initial ("M. Macron", "J. Chirac", "Mme", "Dr"): the period then does not
/// end a sentence.
bool ends_with_abbreviation(std::string_view before) {
  static constexpr auto kAbbreviations = std::to_array<std::string_view>(
      {"M",   "MM", "Mme", "Mmes", "Mlle", "Mlles", "Me",  "Mes", "Mgr", "Dr",
       "Pr",  "St", "Ste", "Sts",  "Jr",   "Sr",    "Cie", "Gal", "Gén", "Col",
       "Cdt", "Lt", "av",  "bd",   "cf",   "env",   "ex",  "fig"});
  std::size_t start = before.size();
  while (start > 0) {
    std::size_t j = start;
    if (!u_isalpha(previous_code_point(before, j))) break;
    start = j;
  }
  const std::string_view word = before.substr(start);
  if (word.empty()) return false;
  if (code_point_count(word) == 1) return true;
  return std::find(kAbbreviations.begin(), kAbbreviations.end(), word) != kAbbreviations.end();
}

/// Byte length of the first sentence of `text`, final punctuation and
/// closing quotes included; text.size() when it has a single sentence.
std::size_t first_sentence_length(std::string_view text) {
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    const std::size_t start = i;
    const UChar32 c = next_code_point(text, i);
    if (!is_terminal(c)) continue;
    const std::size_t first_end = i;
    while (i < n) {  // "?!", "..."
      std::size_t j = i;
      if (!is_terminal(next_code_point(text, j))) break;
      i = j;
    }
    const bool single_period = c == '.' && i == first_end;
    std::size_t end = i;
    while (end < n) {  // `."`, `.)`, `. »`
      std::size_t j = end;
      const UChar32 d = next_code_point(text, j);
      if (is_closer(d)) {
        end = j;
        continue;
      }
      if (!is_horizontal_space(d) || j >= n) break;
      std::size_t k = j;
      const UChar32 e = next_code_point(text, k);
      if (e != kRightGuillemet && e != kRightDoubleQuote) break;
      end = k;
    }
    if (end == n) return n;
    std::size_t next = end;
    skip_spaces(text, next);
    if (next == end || next >= n) continue;
    std::size_t probe = next;
    if (!starts_sentence(next_code_point(text, probe))) continue;
    if (single_period && ends_with_abbreviation(text.substr(0, start))) continue;
    return end;
  }
  return n;
}

/// What a cut title must not end with before its `…`: white space, commas and
/// other separators, opening quotes and brackets.
bool is_title_trailer(UChar32 c) {
  return is_horizontal_space(c) || c == ',' || c == ';' || c == ':' || c == '-' || c == kEnDash ||
         c == kEmDash || c == kLeftGuillemet || c == kLeftDoubleQuote || c == '(';
}

/// True for a rubric set before the first sentence, such as `VIDÉO.` or
/// `FAIT DIVERS.`: short, with letters, none of them lower-case.
bool is_kicker(std::string_view sentence) {
  if (code_point_count(sentence) > kMaxKickerLength) return false;
  bool letters = false;
  std::size_t i = 0;
  while (i < sentence.size()) {
    const UChar32 c = next_code_point(sentence, i);
    if (u_islower(c)) return false;
    letters = letters || u_isalpha(c);
  }
  return letters;
}

/// The title derived from the first block (SPEC §1.3): its first sentence
/// (after a rubric like `VIDÉO.`, if any), cut at a word boundary to at most
/// 100 code points, `…` included.
std::string derive_title(std::string_view first_block) {
  std::string_view sentence = first_block.substr(0, first_sentence_length(first_block));
  if (sentence.size() < first_block.size() && is_kicker(sentence)) {
    std::size_t next = sentence.size();
    skip_spaces(first_block, next);
    const std::string_view rest = first_block.substr(next);
    sentence = rest.substr(0, first_sentence_length(rest));
  }
  if (code_point_count(sentence) <= kMaxTitleLength) return std::string(sentence);
  std::size_t limit = 0;  // bytes of the first kMaxTitleLength - 1 code points
  for (std::size_t k = 0; k + 1 < kMaxTitleLength; ++k) (void)next_code_point(sentence, limit);
  std::size_t cut = limit;
  if (sentence[limit] != ' ') {
    const std::size_t space = sentence.rfind(' ', limit);
    if (space != std::string_view::npos && space > 0) cut = space;
  }
  std::string_view head = sentence.substr(0, cut);
  while (!head.empty()) {
    std::size_t j = head.size();
    if (!is_title_trailer(previous_code_point(head, j))) break;
    head = head.substr(0, j);
  }
  if (head.empty()) head = sentence.substr(0, limit);
  std::string title;
  title.reserve(head.size() + kEllipsis.size());
  title += head;
  title += kEllipsis;
  return title;
}

bool is_ascii_alnum(UChar32 c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/// White-space-separated tokens of `text` holding at least one letter or digit.
std::size_t count_words(std::string_view text) {
  std::size_t words = 0;
  bool in_token = false;
  bool counted = false;
  std::size_t i = 0;
  while (i < text.size()) {
    const auto b = static_cast<unsigned char>(text[i]);
    UChar32 c = b;
    if (b < kFirstNonAscii) {
      ++i;
    } else {
      c = next_code_point(text, i);
    }
    if (is_horizontal_space(c) || c == '\n') {
      in_token = false;
      continue;
    }
    if (!in_token) {
      in_token = true;
      counted = false;
    }
    if (!counted && (c < kFirstNonAscii ? is_ascii_alnum(c) : u_isalnum(c))) {
      counted = true;
      ++words;
    }
  }
  return words;
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
