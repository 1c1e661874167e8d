// The FTS5 printer: a simplified query tree as an FTS5 MATCH expression in
// which every user word is a quoted string. Private to the query layer.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "query/query_parser.hpp"

namespace newsidx::query {

// Prints a simplified tree as FTS5 syntax. Parenthesises every group so that
// the output never depends on FTS5's precedence rules, and counts the parser
// stack entries FTS5 needs to read it: one per open parenthesis and per
// pending left operand and operator of AND/OR/NOT, and `title :` two.
class Printer {
 public:
  // The FTS5 expression of `root` (simplify()'d, its date: items taken out).
  std::string run(const Node& root);
  // After run(): each phrase of the expression as an FTS5 expression of its
  // own, within the column filters that hold it, in FTS5's order of phrases
  // (the order in which they are written).
  std::vector<std::string> take_phrases() { return std::move(phrases_); }

 private:
  static bool is_group(const Node& node);
  static void check(int depth, std::size_t column);
  void print_term(const Token& term, int depth, std::size_t column);
  void print_quoted(const std::string& text, bool mark);
  void print_phrase(const std::string& text, bool mark, bool prefix);
  void print_operand(const Node& node, int depth);
  void print_list(const std::vector<const Node*>& items, std::string_view op, int depth);
  void print_in_columns(std::string_view columns, const Node& node, int depth);
  void print_near(const Node& node, int depth);
  void print(const Node& node, int depth);
  void print_and(const Node& node, int depth);

  std::string out_;
  std::vector<std::string> phrases_;
  std::vector<std::string_view> columns_;  // the column filters being printed, outermost first
  bool excluding_ = false;                 // printing what is excluded: no exact-form bonus
  bool marked_ = false;  // printing inside a field of marked words (is_marked_field())
};

}  // namespace newsidx::query
