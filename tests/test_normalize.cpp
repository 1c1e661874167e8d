// The text normalization of the parser (parser/normalize.hpp), against
// plain statements of its rules on many generated lines.
#include <unicode/uchar.h>

#include <catch2/catch.hpp>
#include <cstddef>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "parser/headings_titles.hpp"
#include "parser/normalize.hpp"

namespace {

using newsidx::parser::append_collapsed;
using newsidx::parser::count_words;
using newsidx::parser::is_horizontal_space;
using newsidx::parser::next_code_point;

/// The characters lines are made of: letters, a digit, punctuation that
/// shares its first byte with spaces (’ «), and spaces of every kind.
const std::vector<std::string_view> kPieces = {"a",
                                               "Z",
                                               "é",
                                               "7",
                                               "’",
                                               "«",
                                               "-",
                                               " ",
                                               "\t",
                                               "\v",
                                               "\xC2\xA0",
                                               "\xE2\x80\xAF",
                                               "\f",
                                               "\xE2\x80\x89",
                                               "\xE2\x80\x87",
                                               "\xE3\x80\x80",
                                               "\xE1\x9A\x80",
                                               "\xC2\xAB"};

/// A line of `pieces` pieces drawn from kPieces.
std::string random_line(std::mt19937& rng, std::size_t pieces) {
  std::uniform_int_distribution<std::size_t> pick(0, kPieces.size() - 1);
  std::string line;
  for (std::size_t i = 0; i < pieces; ++i) line += kPieces[pick(rng)];
  return line;
}

/// append_collapsed()'s rules, one character at a time: runs of white space
/// become one no-break space when they hold one (the first), else a single
/// typographic space when the run is that alone, else one space; none at
/// the start or the end of the line.
std::string collapsed(std::string_view line) {
  std::string out;
  std::vector<std::pair<char32_t, std::string>> run;
  const auto is_no_break = [](char32_t c) { return c == 0xA0 || c == 0x202F || c == 0x2007; };
  for (std::size_t i = 0; i < line.size();) {
    const std::size_t start = i;
    const auto c = static_cast<char32_t>(next_code_point(line, i));
    std::string bytes(line.substr(start, i - start));
    if (is_horizontal_space(static_cast<UChar32>(c))) {
      run.emplace_back(c, std::move(bytes));
      continue;
    }
    if (!run.empty() && !out.empty()) {
      std::string space = " ";
      if (run.size() == 1 && run.front().second.size() > 1) space = run.front().second;
      for (const auto& [r, b] : run) {
        if (is_no_break(r)) {
          space = b;
          break;
        }
      }
      out += space;
    }
    run.clear();
    out += bytes;
  }
  return out;
}

/// count_words()'s rule: white space and line breaks separate tokens; a
/// token with a letter or digit is a word.
std::size_t words(std::string_view text) {
  std::size_t count = 0;
  bool counted = false;  // the current token is a word already
  for (std::size_t i = 0; i < text.size();) {
    const UChar32 c = next_code_point(text, i);
    if (is_horizontal_space(c) || c == '\n') {
      counted = false;
    } else if (!counted && u_isalnum(c)) {
      counted = true;
      ++count;
    }
  }
  return count;
}

}  // namespace

TEST_CASE("append_collapsed follows its rules on generated lines", "[parser]") {
  std::mt19937 rng(20261206);
  std::uniform_int_distribution<std::size_t> length(0, 14);
  for (int n = 0; n < 40000; ++n) {
    const std::string line = random_line(rng, length(rng));
    std::string out;
    append_collapsed(line, out);
    INFO("line: " << line);
    REQUIRE(out == collapsed(line));
    // After text already in `out`: the line is collapsed the same way.
    std::string after = "x\n";
    append_collapsed(line, after);
    REQUIRE(after == "x\n" + collapsed(line));
  }
}

TEST_CASE("count_words follows its rule on generated text", "[parser]") {
  std::mt19937 rng(61202026);
  std::uniform_int_distribution<std::size_t> length(0, 14);
  for (int n = 0; n < 40000; ++n) {
    std::string text = random_line(rng, length(rng));
    if (n % 3 == 0) text += "\n" + random_line(rng, length(rng));
    INFO("text: " << text);
    REQUIRE(count_words(text) == words(text));
  }
}
