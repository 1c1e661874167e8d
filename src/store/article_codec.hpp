// Article <-> row: how an Article is laid out in the `article` and `source`
// tables (see schema.cpp), both ways. Private to the store.
//
// An ArticleReader belongs to the connection it was made on, and to one
// thread at a time.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "newsidx/article.hpp"
#include "store/sqlite.hpp"

namespace newsidx::store {

/// Inserts one article row; bind_article() fills its parameters.
inline constexpr const char* kInsertArticleSql =
    "INSERT INTO article(id, date, date_start, date_end, title, title_source, body, "
    "block_types, author, source, url, word_count, warnings, raw_head, raw_tail, raw, lead_start, "
    "lead_bytes) "
    "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)";

/// Where the lead (the first paragraph, Article::lead()) lies in a stored
/// body: its byte offset and size; {0, 0} when there is no paragraph.
struct LeadRange {
  std::int64_t start = 0;
  std::int64_t bytes = 0;
};

/// The lead range of a body whose blocks have the stored types `types` (one
/// letter per block, see schema.cpp).
[[nodiscard]] LeadRange lead_range(std::string_view body, std::string_view types);

/// Binds `article` (whose body() is `body`) to a statement of
/// kInsertArticleSql. REQUIRES: `body` == article.body().
void bind_article(sqlite::Stmt& insert, const Article& article, const std::string& body);

/// A date as stored ("2016-12", or NULL), back to a Date.
[[nodiscard]] std::optional<Date> date_from_column(const std::optional<std::string>& text);

/// Reads whole articles (with their sources) by rowid.
class ArticleReader {
 public:
  explicit ArticleReader(sqlite::Db& db);

  /// The article stored in row `rowid`. Throws Error(kDatabase) when the row
  /// is gone (deleted since its rowid was found).
  [[nodiscard]] Article read(std::int64_t rowid);

 private:
  sqlite::Stmt article_;
  sqlite::Stmt sources_;
};

}  // namespace newsidx::store
