// ForgetSummary: what `newsidx forget` removed (SPEC §5.8).
//
// Plain value type, filled by the indexer and printed by the output layer.
#pragma once

#include <string>
#include <vector>

namespace newsidx {

/// What forgetting articles and paths did to the database.
struct ForgetSummary {
  std::vector<std::string> paths;     ///< the stored paths forgotten, in order
  std::vector<std::string> articles;  ///< ids of the articles removed (no path left)
  std::vector<std::string> unknown;   ///< arguments that named nothing stored
};

}  // namespace newsidx
