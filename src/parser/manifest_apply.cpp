// Manifest::apply(): a manifest row applied to the article parsed from its
// file.
#include <string>
#include <string_view>
#include <vector>

#include "newsidx/manifest.hpp"

namespace newsidx {
namespace {

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

}  // namespace

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

}  // namespace newsidx
