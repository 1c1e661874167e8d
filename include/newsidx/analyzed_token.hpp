// AnalyzedToken: one analysed word with owned strings, as `newsidx analyze`
// shows it (analyzer.hpp makes them, json.hpp prints them).
//
// Plain value type.
#pragma once

#include <cstddef>
#include <string>

namespace newsidx {

/// A token with owned strings, for display (`newsidx analyze`) and tests.
struct AnalyzedToken {
  std::string surface;  ///< the word as written: text[start, end)
  std::string folded;
  std::string stem;         ///< stem A: Snowball on the word as written, then folded
  std::string folded_stem;  ///< stem B: Snowball on the folded word (accents of suffixes restored)
  bool accented = false;    ///< folding changed more than the case
  std::size_t start = 0;
  std::size_t end = 0;
};

}  // namespace newsidx
