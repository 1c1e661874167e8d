// The parse tree of a query (Node) and the recursive-descent parser that
// builds it from the lexer's tokens. Private to the query layer.
#pragma once

#include <cstddef>
#include <optional>
#include <utility>
#include <vector>

#include "query/lexer.hpp"

namespace newsidx::query {

// What a node of the parse tree is.
enum class NodeKind { kTerm, kAnd, kOr, kNot, kField, kNear, kDate };

// One node of the parse tree: a word or phrase, a group, an exclusion, a
// field, a NEAR group or a date: item.
struct Node {
  NodeKind kind = NodeKind::kTerm;
  std::size_t column = 0;      // where it starts in the query (a group: its parenthesis)
  Token term;                  // kTerm: the word or phrase; kField: the field; kDate: the period
  std::vector<Node> children;  // kAnd, kOr, kNear: two or more; kNot, kField: one
  int distance = kDefaultNearDistance;  // kNear
};

// A node of `kind` at `column` with `children`.
Node make_node(NodeKind kind, std::size_t column, std::vector<Node> children);

// Parses the tokens of a query (Lexer::run()) by recursive descent:
//
//   query   := or END
//   or      := and (OR and)*
//   and     := unary (AND? unary)*
//   unary   := (NOT | -) near | near
//   near    := primary (NEAR/N primary)*    (both sides words or phrases)
//   primary := WORD | PHRASE | NEAR(…) | DATE | ( or ) | FIELD primary
class Parser {
 public:
  explicit Parser(std::vector<Token> tokens) : tokens_(std::move(tokens)) {}

  // The whole query, or nullopt when it is empty.
  std::optional<Node> run();

 private:
  [[nodiscard]] const Token& peek() const { return tokens_[next_]; }
  const Token& take() { return tokens_[next_++]; }

  [[nodiscard]] bool starts_primary() const;
  [[nodiscard]] bool starts_unary() const;
  std::optional<Node> parse_or(int depth);
  Node parse_and(int depth);
  Node parse_unary(int depth);
  static bool is_phrase(const Node& node);
  Node parse_near(int depth);
  Node parse_primary(int depth);

  std::vector<Token> tokens_;
  std::size_t next_ = 0;
};

}  // namespace newsidx::query
