#include "store/article_codec.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string_view>
#include <vector>

#include "newsidx/error.hpp"

namespace newsidx::store {
namespace {

// The blocks of an article are stored as its body (their texts joined by
// kBlockSeparator) and one letter per block for its type.
constexpr char kHeadingLetter = 'h';
constexpr char kParagraphLetter = 'p';

std::string block_types_of(const Article& a) {
  std::string out;
  out.reserve(a.blocks.size());
  for (const Block& b : a.blocks) {
    out += b.type == Block::Type::kHeading ? kHeadingLetter : kParagraphLetter;
  }
  return out;
}

std::vector<Block> blocks_of(std::string_view body, std::string_view types) {
  std::vector<Block> blocks;
  blocks.reserve(types.size());
  std::size_t pos = 0;
  for (const char t : types) {
    std::size_t end = body.find(kBlockSeparator, pos);
    if (end == std::string_view::npos) end = body.size();
    blocks.push_back({t == kHeadingLetter ? Block::Type::kHeading : Block::Type::kParagraph,
                      std::string(body.substr(pos, end - pos))});
    pos = std::min(end + kBlockSeparator.size(), body.size());
  }
  return blocks;
}

/// Warnings as a JSON array of {line, message}, or NULL when there are none.
std::optional<std::string> warnings_json(const std::vector<Warning>& warnings) {
  if (warnings.empty()) return std::nullopt;
  nlohmann::json j = nlohmann::json::array();
  for (const Warning& w : warnings) j.push_back({{"line", w.line}, {"message", w.message}});
  return j.dump();
}

std::vector<Warning> warnings_from_json(std::string_view text) {
  std::vector<Warning> out;
  if (text.empty()) return out;
  for (const auto& w : nlohmann::json::parse(text)) {
    out.push_back({w.at("line").get<int>(), w.at("message").get<std::string>()});
  }
  return out;
}

}  // namespace

LeadRange lead_range(std::string_view body, std::string_view types) {
  std::size_t pos = 0;
  for (const char t : types) {
    std::size_t end = body.find(kBlockSeparator, pos);
    if (end == std::string_view::npos) end = body.size();
    if (t == kParagraphLetter) {
      return {static_cast<std::int64_t>(pos), static_cast<std::int64_t>(end - pos)};
    }
    if (end == body.size()) break;
    pos = end + kBlockSeparator.size();
  }
  return {};
}

void bind_article(sqlite::Stmt& s, const Article& a, const std::string& body) {
  const std::string types = block_types_of(a);
  const LeadRange lead = lead_range(body, types);
  s.bind(1, std::string_view(a.id));
  if (a.date) s.bind(2, a.date->str()).bind(3, a.date->first_day()).bind(4, a.date->last_day());
  s.bind(5, std::string_view(a.title))
      .bind(6, std::string_view(title_source_name(a.title_source)))
      .bind(7, std::string_view(body))
      .bind(8, std::string_view(types))
      .bind(9, a.metadata.author)
      .bind(10, a.metadata.source)
      .bind(11, a.metadata.url)
      .bind(12, static_cast<std::int64_t>(a.word_count))
      .bind(13, warnings_json(a.warnings))
      .bind(17, lead.start)
      .bind(18, lead.bytes);
  // The raw file is stored as what comes before and after the body in it,
  // when the body stands in it as is: then the text is stored once.
  if (const std::size_t at = a.raw.find(body); !body.empty() && at != std::string::npos) {
    s.bind(14, std::string_view(a.raw).substr(0, at))
        .bind(15, std::string_view(a.raw).substr(at + body.size()));
  } else {
    s.bind(16, std::string_view(a.raw));
  }
}

std::optional<Date> date_from_column(const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  return parse_iso_date(*text);
}

ArticleReader::ArticleReader(sqlite::Db& db)
    : article_(db.get(),
               "SELECT id, date, title, title_source, body, block_types, author, source, url, "
               "word_count, warnings, raw_head, raw_tail, raw FROM article WHERE rowid = ?1"),
      sources_(db.get(),
               "SELECT path, encoding, size FROM source WHERE article = ?1 ORDER BY path") {}

Article ArticleReader::read(std::int64_t rowid) {
  sqlite::Stmt& s = article_;
  s.reset();
  s.bind(1, rowid);
  if (!s.step()) throw Error(ErrorCode::kDatabase, "article vanished during the read");
  Article a;
  a.id = s.column_text(0);
  a.date = date_from_column(s.column_optional_text(1));
  a.title = s.column_text(2);
  a.title_source = s.column_text(3) == "header" ? TitleSource::kHeader : TitleSource::kDerived;
  const std::string_view body = s.column_text(4);
  a.blocks = blocks_of(body, s.column_text(5));
  a.metadata = {s.column_optional_text(6), s.column_optional_text(7), s.column_optional_text(8)};
  a.word_count = static_cast<std::size_t>(s.column_int(9));
  a.warnings = warnings_from_json(s.column_text(10));
  if (s.column_is_null(13)) {
    a.raw = std::string(s.column_text(11)) + std::string(body) + std::string(s.column_text(12));
  } else {
    a.raw = s.column_text(13);
  }
  s.reset();

  sources_.reset();
  sources_.bind(1, rowid);
  while (sources_.step()) {
    a.sources.push_back({std::string(sources_.column_text(0)), std::string(sources_.column_text(1)),
                         static_cast<std::uint64_t>(sources_.column_int(2))});
  }
  sources_.reset();
  return a;
}

}  // namespace newsidx::store
