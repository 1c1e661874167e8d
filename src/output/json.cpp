#include "newsidx/json.hpp"

#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "newsidx/error.hpp"
#include "output/json_writer.hpp"

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

/// A string value, or null when absent.
void optional_string(detail::JsonWriter& w, const std::optional<std::string>& s) {
  if (s) {
    w.string(*s);
  } else {
    w.null();
  }
}

/// `"path"`, and `"path_bytes"` (the bytes in base64) when the path is not
/// valid UTF-8: "path" then holds U+FFFD for the bad bytes and cannot be
/// opened, "path_bytes" can.
void write_path(detail::JsonWriter& w, std::string_view path) {
  w.key("path");
  w.string(path);
  if (!detail::is_valid_utf8(path)) {
    w.key("path_bytes");
    w.string(detail::base64(path));
  }
}

/// The same for a document built with nlohmann.
void add_path(Json& j, const std::string& path) {
  j["path"] = path;
  if (!detail::is_valid_utf8(path)) j["path_bytes"] = detail::base64(path);
}

/// How the `date` member of the article model is written.
enum class DateForm {
  kText,   ///< Date::str(): "2016-12" (article_json)
  kRange,  ///< {"gte": first day, "lte": last day} (opensearch_bulk_json)
};

/// A little more than the size of the article model of `a` when nothing needs
/// escaping, so that the output string is allocated once.
std::size_t expected_size(const Article& a) {
  std::size_t n = 512 + a.id.size() + a.title.size() + a.lead().size();
  for (const Block& b : a.blocks) n += b.text.size() + 40;
  for (const auto* s : {&a.metadata.author, &a.metadata.source, &a.metadata.url}) {
    if (*s) n += (*s)->size();
  }
  for (const Source& s : a.sources) n += s.path.size() + s.encoding.size() + 64;
  for (const Warning& w : a.warnings) n += w.message.size() + 40;
  return n;
}

/// The `date` member: the date as written, or as a range (see DateForm).
void write_date(detail::JsonWriter& w, const std::optional<Date>& date, DateForm date_form) {
  w.key("date");
  if (!date) {
    w.null();
  } else if (date_form == DateForm::kText) {
    w.string(date->str());
  } else {
    // A date is a period: indexed as a date_range, it matches a range query
    // when the two periods overlap, as the date filters of `search` do.
    w.begin_object();
    w.key("gte");
    w.string(date->first_day());
    w.key("lte");
    w.string(date->last_day());
    w.end_object();
  }
  const auto if_dated = [&date](auto text) {
    return date ? std::optional<std::string>(text(*date)) : std::nullopt;
  };
  w.key("date_precision");
  optional_string(w,
                  if_dated([](const Date& d) { return std::string(precision_name(d.precision)); }));
  w.key("date_start");
  optional_string(w, if_dated([](const Date& d) { return d.first_day(); }));
  w.key("date_end");
  optional_string(w, if_dated([](const Date& d) { return d.last_day(); }));
}

/// The `blocks` and `metadata` members.
void write_text(detail::JsonWriter& w, const Article& a) {
  w.key("blocks");
  w.begin_array();
  for (const Block& b : a.blocks) {
    w.begin_object();
    w.key("type");
    w.string(b.type == Block::Type::kHeading ? "heading" : "paragraph");
    w.key("text");
    w.string(b.text);
    w.end_object();
  }
  w.end_array();
  w.key("metadata");
  w.begin_object();
  w.key("author");
  optional_string(w, a.metadata.author);
  w.key("source");
  optional_string(w, a.metadata.source);
  w.key("url");
  optional_string(w, a.metadata.url);
  w.end_object();
}

/// The `sources` and `warnings` members.
void write_provenance(detail::JsonWriter& w, const Article& a) {
  w.key("sources");
  w.begin_array();
  for (const Source& s : a.sources) {
    w.begin_object();
    write_path(w, s.path);
    w.key("encoding");
    w.string(s.encoding);
    w.key("bytes");
    w.integer(s.bytes);
    w.end_object();
  }
  w.end_array();
  w.key("warnings");
  w.begin_array();
  for (const Warning& warning : a.warnings) {
    w.begin_object();
    w.key("line");
    w.integer(warning.line);
    w.key("message");
    w.string(warning.message);
    w.end_object();
  }
  w.end_array();
}

/// Writes the article model (see article_json()) as one object, its members
/// in the order of SPEC §2.
void write_article(detail::JsonWriter& w, const Article& a, DateForm date_form) {
  w.begin_object();
  w.key("id");
  w.string(a.id);
  write_date(w, a.date, date_form);
  w.key("title");
  w.string(a.title);
  w.key("title_source");
  w.string(title_source_name(a.title_source));
  w.key("lead");
  w.string(a.lead());
  write_text(w, a);
  w.key("word_count");
  w.integer(a.word_count);
  write_provenance(w, a);
  w.end_object();
}

}  // namespace

std::string article_json(const Article& a) {
  std::string out;
  out.reserve(expected_size(a));
  detail::JsonWriter w(out);
  write_article(w, a, DateForm::kText);
  return out;
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
  std::string out;
  out.reserve(expected_size(a) + index.size() + 64);
  {
    detail::JsonWriter action(out);
    action.begin_object();
    action.key("index");
    action.begin_object();
    action.key("_index");
    action.string(index);
    action.key("_id");
    action.string(a.id);
    action.end_object();
    action.end_object();
  }
  out += '\n';
  detail::JsonWriter doc(out);
  write_article(doc, a, DateForm::kRange);
  return out;
}

std::string rejection_json(const std::string& path, const std::string& reason) {
  Json j;
  add_path(j, path);
  j["rejected"] = reason;
  return dump(j);
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
  j["similar"] = h.similar;
  add_path(j, h.path);
  return dump(j);
}

std::string similar_json(const SimilarArticle& a) {
  Json j;
  j["id"] = a.id;
  j["date"] = date_json(a.date);
  j["title"] = a.title;
  j["resemblance"] = a.resemblance;
  add_path(j, a.path);
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
  j["clusters"] = s.clusters;
  j["clustered"] = s.clustered;
  j["histogram"] = std::move(histogram);
  return dump(j);
}

std::string timeline_json(const Timeline& t) {
  Json histogram = Json::array();
  for (const PeriodCount& p : t.periods) {
    histogram.push_back({{"period", p.period}, {"articles", p.articles}, {"total", p.total}});
  }
  Json j;
  j["query"] = t.query.empty() ? Json(nullptr) : Json(t.query);
  j["from"] = optional_text(t.from);
  j["to"] = optional_text(t.to);
  j["articles"] = t.articles;
  j["total"] = t.total;
  j["undated"] = t.undated;
  j["first_date"] = optional_text(t.first_date);
  j["last_date"] = optional_text(t.last_date);
  j["histogram"] = std::move(histogram);
  return dump(j);
}

std::string forget_json(const ForgetSummary& s) {
  Json j;
  Json paths = Json::array();
  for (const std::string& p : s.paths) {
    Json entry;
    add_path(entry, p);
    paths.push_back(std::move(entry));
  }
  j["paths"] = std::move(paths);
  j["articles"] = s.articles;
  return dump(j);
}

std::string token_json(const AnalyzedToken& t) {
  Json j;
  j["surface"] = t.surface;
  j["folded"] = t.folded;
  j["stem"] = t.stem;
  j["folded_stem"] = t.folded_stem;
  j["accented"] = t.accented;
  j["start"] = t.start;
  j["end"] = t.end;
  return dump(j);
}

}  // namespace newsidx
