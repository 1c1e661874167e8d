#include "store/match_ranges.hpp"

#include <algorithm>
#include <charconv>
#include <new>
#include <string_view>
#include <utility>
#include <vector>

#include "newsidx/error.hpp"
#include "newsidx/fts5_tokenizer.hpp"
#include "newsidx/token_marks.hpp"
#include "store/fts5_function.hpp"
#include "store/schema.hpp"
#include "store/search.hpp"

namespace newsidx::store {
namespace {

/// A match: a column and the token positions [first, last] it covers.
struct Instance {
  int column;
  int first;
  int last;
};

/// The byte ranges of the tokens of a column up to position `last`; stops
/// the tokenizer (SQLITE_DONE) past it. Colocated tokens (other forms of
/// the same word) share the position of the token before them.
struct TokenBytes {
  int last = 0;
  std::vector<std::pair<int, int>> ranges;

  static int on_token(void* self, int flags, const char* /*token*/, int /*size*/, int start,
                      int end) noexcept {
    auto& t = *static_cast<TokenBytes*>(self);
    if ((flags & FTS5_TOKEN_COLOCATED) != 0) return SQLITE_OK;
    if (static_cast<int>(t.ranges.size()) > t.last) return SQLITE_DONE;
    try {
      t.ranges.emplace_back(start, end);
    } catch (const std::bad_alloc&) {
      return SQLITE_NOMEM;
    }
    return SQLITE_OK;
  }
};

/// The first kMaxMatchRanges matches of the row, by column then position;
/// `truncated` when there are more. A word found through two phrases of the
/// query (its family and its written form) is one match. FTS5 lists the
/// instances by column, then position.
int collect(const Fts5ExtensionApi* api, Fts5Context* fts, std::vector<Instance>& out,
            bool& truncated) {
  int count = 0;
  int rc = api->xInstCount(fts, &count);
  if (rc != SQLITE_OK) return rc;
  truncated = false;
  for (int i = 0; i < count; ++i) {
    int phrase = 0;
    int column = 0;
    int offset = 0;
    rc = api->xInst(fts, i, &phrase, &column, &offset);
    if (rc != SQLITE_OK) return rc;
    const int size = std::max(1, api->xPhraseSize(fts, phrase));
    const Instance instance{column, offset, offset + size - 1};
    // The instances at this position come one after the other.
    bool repeated = false;
    for (auto seen = out.rbegin();
         seen != out.rend() && seen->column == column && seen->first == offset && !repeated;
         ++seen) {
      repeated = seen->last == instance.last;
    }
    if (repeated) continue;
    if (out.size() == kMaxMatchRanges) {
      truncated = true;
      break;
    }
    out.push_back(instance);
  }
  std::sort(out.begin(), out.end(), [](const Instance& a, const Instance& b) {
    return a.column != b.column ? a.column < b.column : a.first < b.first;
  });
  return SQLITE_OK;
}

/// Appends " COLUMN START END" for the matches [begin, end) of one column,
/// merging those that overlap. Returns an SQLite code.
int write_column(const Fts5ExtensionApi* api, Fts5Context* fts, const Instance* begin,
                 const Instance* end, std::string& out) {
  const int column = begin->column;
  TokenBytes tokens;
  for (const Instance* i = begin; i != end; ++i) tokens.last = std::max(tokens.last, i->last);
  const char* text = nullptr;
  int size = 0;
  int rc = api->xColumnText(fts, column, &text, &size);
  if (rc != SQLITE_OK) return rc;
  // Offsets in the text without a field text's marker, which holds no token.
  const std::string_view bare = without_field_marker(
      text != nullptr ? std::string_view(text, static_cast<std::size_t>(size)) : "");
  rc = api->xTokenize(fts, bare.data(), static_cast<int>(bare.size()), &tokens,
                      TokenBytes::on_token);
  if (rc != SQLITE_OK && rc != SQLITE_DONE) return rc;
  int open_start = -1;
  int open_end = -1;
  const auto flush = [&] {
    if (open_start < 0) return;
    for (const int n : {column, open_start, open_end}) {
      out += ' ';
      out += std::to_string(n);
    }
  };
  for (const Instance* i = begin; i != end; ++i) {
    // Past the last token only when the index does not fit the text.
    if (i->last >= static_cast<int>(tokens.ranges.size())) continue;
    const int start = tokens.ranges[static_cast<std::size_t>(i->first)].first;
    const int stop = tokens.ranges[static_cast<std::size_t>(i->last)].second;
    if (start <= open_end) {
      open_end = std::max(open_end, stop);
      continue;
    }
    flush();
    open_start = start;
    open_end = stop;
  }
  flush();
  return SQLITE_OK;
}

void match_ranges_function(const Fts5ExtensionApi* api, Fts5Context* fts, sqlite3_context* result,
                           int argc, sqlite3_value** /*argv*/) noexcept {
  if (argc != 0) {
    sqlite3_result_error(result, "wrong number of arguments to function newsidx_match_ranges()",
                         -1);
    return;
  }
  set_text_result(result, kMatchRangesFunction, [&](std::string& out) {
    std::vector<Instance> instances;
    bool truncated = false;
    int rc = collect(api, fts, instances, truncated);
    out.assign(1, truncated ? '1' : '0');
    for (std::size_t i = 0; rc == SQLITE_OK && i < instances.size();) {
      std::size_t j = i;
      while (j < instances.size() && instances[j].column == instances[i].column) ++j;
      rc = write_column(api, fts, &instances[i], instances.data() + j, out);
      i = j;
    }
    return rc;
  });
}

/// Sorts `ranges` and merges those that overlap.
void merge_ranges(std::vector<TextRange>& ranges) {
  std::sort(ranges.begin(), ranges.end(),
            [](const TextRange& a, const TextRange& b) { return a.start < b.start; });
  std::vector<TextRange> merged;
  for (const TextRange& r : ranges) {
    if (!merged.empty() && r.start <= merged.back().end) {
      merged.back().end = std::max(merged.back().end, r.end);
    } else {
      merged.push_back(r);
    }
  }
  ranges = std::move(merged);
}

/// Reads the numbers of what newsidx_match_ranges() returned into `m`: the
/// title's ranges, and the body's with the lead's (a slice of the body from
/// its byte `lead_start`). The author's and source's are in neither text.
void read_ranges(std::string_view text, std::size_t lead_start, TextMatches& m) {
  std::vector<std::size_t> numbers;
  const char* p = text.data();
  const char* end = text.data() + text.size();
  while (p < end) {
    std::size_t n = 0;
    const auto [next, error] = std::from_chars(p, end, n);
    if (error != std::errc()) break;
    numbers.push_back(n);
    p = next;
    while (p < end && *p == ' ') ++p;
  }
  m.truncated = !numbers.empty() && numbers[0] == 1;
  for (std::size_t i = 1; i + 2 < numbers.size(); i += 3) {
    const std::size_t column = numbers[i];
    const TextRange range{numbers[i + 1], numbers[i + 2]};
    if (column == kTitleColumn) {
      m.in_title.push_back(range);
    } else if (column == kBodyColumn) {
      m.in_body.push_back(range);
    } else if (column == kLeadColumn) {
      m.in_body.push_back({range.start + lead_start, range.end + lead_start});
    }
  }
  merge_ranges(m.in_body);
}

}  // namespace

void register_match_ranges_function(sqlite3* db) {
  register_fts5_function(db, kMatchRangesFunction, match_ranges_function);
}

std::optional<TextMatches> matches_in(sqlite::Db& db, std::string_view id,
                                      const std::string& match) {
  sqlite::Stmt s(db.get(), std::string("SELECT a.title, a.body, a.lead_start, ") +
                               kMatchRangesFunction +
                               "(article_fts) FROM article_fts JOIN article a ON a.rowid = "
                               "article_fts.rowid WHERE article_fts MATCH ?1 AND "
                               "article_fts.rowid = (SELECT rowid FROM article WHERE id = ?2)");
  s.bind(kMatch, std::string_view(match)).bind(2, id);
  if (!step_query(s)) return std::nullopt;
  TextMatches m;
  m.title = s.column_text(0);
  m.body = s.column_text(1);
  read_ranges(s.column_text(3), static_cast<std::size_t>(s.column_int(2)), m);
  return m;
}

}  // namespace newsidx::store
