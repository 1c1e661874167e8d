#include "newsidx/json.hpp"

#include <nlohmann/json.hpp>
#include <string_view>

#include "newsidx/error.hpp"

namespace newsidx {
namespace {

using Json = nlohmann::ordered_json;

std::string dump(const Json& j) {
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

Json optional_text(const std::optional<std::string>& s) {
  return s ? Json(*s) : Json(nullptr);
}

Json date_json(const std::optional<Date>& d) {
  return d ? Json(d->str()) : Json(nullptr);
}

/// The article model as an ordered JSON object (see article_json()).
Json article_object(const Article& a) {
  Json j;
  j["id"] = a.id;
  j["date"] = date_json(a.date);
  j["date_precision"] =
      a.date ? Json(std::string(precision_name(a.date->precision))) : Json(nullptr);
  j["date_start"] = a.date ? Json(a.date->first_day()) : Json(nullptr);
  j["date_end"] = a.date ? Json(a.date->last_day()) : Json(nullptr);
  j["title"] = a.title;
  j["title_source"] = title_source_name(a.title_source);
  j["lead"] = a.lead();
  Json blocks = Json::array();
  for (const Block& b : a.blocks) {
    blocks.push_back(
        {{"type", b.type == Block::Type::kHeading ? "heading" : "paragraph"}, {"text", b.text}});
  }
  j["blocks"] = std::move(blocks);
  j["metadata"] = {{"author", optional_text(a.metadata.author)},
                   {"source", optional_text(a.metadata.source)},
                   {"url", optional_text(a.metadata.url)}};
  j["word_count"] = a.word_count;
  Json sources = Json::array();
  for (const Source& s : a.sources) {
    sources.push_back({{"path", s.path}, {"encoding", s.encoding}, {"bytes", s.bytes}});
  }
  j["sources"] = std::move(sources);
  Json warnings = Json::array();
  for (const Warning& w : a.warnings)
    warnings.push_back({{"line", w.line}, {"message", w.message}});
  j["warnings"] = std::move(warnings);
  return j;
}

}  // namespace

std::string article_json(const Article& a) {
  return dump(article_object(a));
}

std::optional<std::string> opensearch_index_problem(std::string_view name) {
  if (name.empty()) return "an index name cannot be empty";
  if (name.size() > 255) return "an index name is at most 255 bytes long";
  if (name == "." || name == "..") return "an index name cannot be '.' or '..'";
  if (name[0] == '-' || name[0] == '_' || name[0] == '+') {
    return "an index name cannot start with '" + std::string(1, name[0]) + "'";
  }
  constexpr std::string_view kForbidden = "\\/*?\"<>|,#: ";
  for (const char c : name) {
    if (c >= 'A' && c <= 'Z') return "an index name must be in lower case";
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      return "an index name cannot hold control characters";
    }
    if (kForbidden.find(c) != std::string_view::npos) {
      return "an index name cannot hold '" + std::string(1, c) + "'";
    }
  }
  return std::nullopt;
}

std::string opensearch_bulk_json(const Article& a, std::string_view index) {
  if (const auto problem = opensearch_index_problem(index)) {
    throw Error(ErrorCode::kUsage, "invalid index name '" + std::string(index) + "': " + *problem);
  }
  const Json action = {{"index", {{"_index", std::string(index)}, {"_id", a.id}}}};
  Json doc = article_object(a);
  // A date is a period: indexed as a date_range, it matches a range query
  // when the two periods overlap, as the date filters of `search` do.
  doc["date"] =
      a.date ? Json{{"gte", a.date->first_day()}, {"lte", a.date->last_day()}} : Json(nullptr);
  return dump(action) + "\n" + dump(doc);
}

std::string rejection_json(const std::string& path, const std::string& reason) {
  return dump(Json{{"path", path}, {"rejected", reason}});
}

std::string hit_json(const Hit& h) {
  Json matches = Json::array();
  for (const auto& [start, end] : h.matches) matches.push_back({start, end});
  Json j;
  j["id"] = h.id;
  j["date"] = date_json(h.date);
  j["title"] = h.title;
  j["snippet"] = h.snippet;
  j["matches"] = std::move(matches);
  j["score"] = h.score;
  j["path"] = h.path;
  return dump(j);
}

std::string summary_json(const IngestSummary& s) {
  Json j;
  j["files"] = s.files;
  j["added"] = s.added;
  j["updated"] = s.updated;
  j["unchanged"] = s.unchanged;
  j["duplicates"] = s.duplicates;
  j["rejected"] = s.rejected;
  j["warnings"] = s.warnings;
  j["pruned"] = s.pruned;
  j["seconds"] = s.seconds;
  return dump(j);
}

std::string stats_json(const Stats& s) {
  Json histogram = Json::array();
  for (const auto& [period, n] : s.histogram) {
    histogram.push_back({{"period", period}, {"articles", n}});
  }
  Json j;
  j["articles"] = s.articles;
  j["sources"] = s.sources;
  j["duplicates"] = s.duplicates;
  j["undated"] = s.undated;
  j["first_date"] = optional_text(s.first_date);
  j["last_date"] = optional_text(s.last_date);
  j["db_bytes"] = s.db_bytes;
  j["histogram"] = std::move(histogram);
  return dump(j);
}

std::string token_json(const AnalyzedToken& t) {
  Json j;
  j["surface"] = t.surface;
  j["folded"] = t.folded;
  j["stem"] = t.stem;
  j["start"] = t.start;
  j["end"] = t.end;
  return dump(j);
}

}  // namespace newsidx
