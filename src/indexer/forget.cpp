// forget(): articles and paths out of the store (SPEC §5.8).
#include <algorithm>

#include "newsidx/error.hpp"
#include "newsidx/indexer.hpp"

namespace newsidx {

ForgetSummary forget(Store& store, const std::vector<std::string>& what) {
  ForgetSummary summary;
  std::vector<std::string> paths;
  for (const std::string& w : what) {
    const ArticleLookup found = store.find_article(w, kMaxIdCandidates);
    if (found.ids.size() > 1) {
      std::string message = "id prefix '" + w + "' is ambiguous; candidates:";
      for (const std::string& id : found.ids) {
        message += ' ';
        message += id;
      }
      throw Error(ErrorCode::kUsage, message);
    }
    if (found.ids.empty()) {
      summary.unknown.push_back(w);
    } else if (found.path) {
      paths.push_back(*found.path);
    } else {
      const std::vector<std::string> of_article = store.paths_of(found.ids[0]);
      paths.insert(paths.end(), of_article.begin(), of_article.end());
    }
  }
  if (!summary.unknown.empty()) return summary;
  store.begin_batch();
  for (const std::string& path : paths) {
    if (std::find(summary.paths.begin(), summary.paths.end(), path) != summary.paths.end()) {
      continue;  // named twice
    }
    const std::optional<std::string> id = store.id_of_path(path);
    const ForgetOutcome outcome = store.forget_path(path);
    if (outcome == ForgetOutcome::kNotStored) continue;
    summary.paths.push_back(path);
    if (outcome == ForgetOutcome::kArticleRemoved && id) summary.articles.push_back(*id);
  }
  store.commit_batch();
  return summary;
}

}  // namespace newsidx
