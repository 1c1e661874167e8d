// "Did you mean": for the query words that no article holds, the nearest
// words of the vocabulary (vocabulary.hpp). Private to the store.
#pragma once

#include <string>
#include <vector>

#include "newsidx/search.hpp"
#include "store/sqlite.hpp"

namespace newsidx::store {

/// See Store::suggest_words.
[[nodiscard]] std::vector<WordSuggestion> suggest_words(sqlite::Db& db,
                                                        const std::vector<std::string>& words);

}  // namespace newsidx::store
