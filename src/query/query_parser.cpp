// Parsing: the tokens of a query to its tree.
#include "query/query_parser.hpp"

#include <algorithm>
#include <utility>

#include "newsidx/query.hpp"
#include "query/query_error.hpp"

namespace newsidx::query {

Node make_node(NodeKind kind, std::size_t column, std::vector<Node> children) {
  Node node;
  node.kind = kind;
  node.column = column;
  node.children = std::move(children);
  return node;
}

std::optional<Node> Parser::run() {
  std::optional<Node> root = parse_or(0);
  if (peek().kind == TokenKind::kRightParen) fail_at("unbalanced parenthesis", peek().column);
  return root;
}

bool Parser::starts_primary() const {
  const TokenKind k = peek().kind;
  return k == TokenKind::kWord || k == TokenKind::kPhrase || k == TokenKind::kLeftParen ||
         k == TokenKind::kField || k == TokenKind::kNear || k == TokenKind::kDate;
}
bool Parser::starts_unary() const {
  return starts_primary() || peek().kind == TokenKind::kNot;
}

// nullopt when no operand comes next (at `)` or the end).
std::optional<Node> Parser::parse_or(int depth) {
  const TokenKind k = peek().kind;
  if (k == TokenKind::kOr || k == TokenKind::kAnd || k == TokenKind::kNearOp) {
    fail_at(peek().text, peek().column, " has nothing on its left");
  }
  if (!starts_unary()) return std::nullopt;
  std::vector<Node> alternatives;
  alternatives.push_back(parse_and(depth));
  while (peek().kind == TokenKind::kOr) {
    const Token& op = take();
    if (!starts_unary()) fail_at("OR", op.column, " has nothing on its right");
    alternatives.push_back(parse_and(depth));
  }
  if (alternatives.size() == 1) return std::move(alternatives.front());
  const std::size_t column = alternatives.front().column;
  return make_node(NodeKind::kOr, column, std::move(alternatives));
}

// REQUIRES: starts_unary().
Node Parser::parse_and(int depth) {
  std::vector<Node> items;
  items.push_back(parse_unary(depth));
  for (;;) {
    if (peek().kind == TokenKind::kAnd) {
      const Token& op = take();
      if (!starts_unary()) fail_at("AND", op.column, " has nothing on its right");
    } else if (!starts_unary()) {
      break;
    }
    items.push_back(parse_unary(depth));
  }
  if (items.size() == 1) return std::move(items.front());
  const std::size_t column = items.front().column;
  return make_node(NodeKind::kAnd, column, std::move(items));
}

// REQUIRES: starts_unary().
Node Parser::parse_unary(int depth) {
  if (peek().kind != TokenKind::kNot) return parse_near(depth);
  const Token& op = take();
  if (peek().kind == TokenKind::kNot) fail_at("double exclusion", peek().column);
  if (!starts_primary()) fail_at(op.text, op.column, " has nothing on its right");
  std::vector<Node> child;
  child.push_back(parse_near(depth));
  return make_node(NodeKind::kNot, op.column, std::move(child));
}

bool Parser::is_phrase(const Node& node) {
  return node.kind == NodeKind::kTerm;
}

// `a NEAR/N b NEAR/M c`: one NEAR group of every side, at the largest
// distance. REQUIRES: starts_primary().
Node Parser::parse_near(int depth) {
  Node left = parse_primary(depth);
  while (peek().kind == TokenKind::kNearOp) {
    const Token& op = take();
    const bool right_ok = peek().kind == TokenKind::kWord || peek().kind == TokenKind::kPhrase;
    if (!is_phrase(left) && left.kind != NodeKind::kNear) {
      fail_at(op.text, op.column, " must stand between two words or phrases");
    }
    if (!right_ok) {
      if (!starts_primary()) fail_at(op.text, op.column, " has nothing on its right");
      fail_at(op.text, op.column, " must stand between two words or phrases");
    }
    if (left.kind != NodeKind::kNear) {
      const std::size_t column = left.column;
      std::vector<Node> first;
      first.push_back(std::move(left));
      left = make_node(NodeKind::kNear, column, std::move(first));
      left.distance = op.distance;
    }
    left.distance = std::max(left.distance, op.distance);
    left.children.push_back(parse_primary(depth));
  }
  return left;
}

// REQUIRES: starts_primary().
Node Parser::parse_primary(int depth) {
  const Token& token = take();
  if (token.kind == TokenKind::kWord || token.kind == TokenKind::kPhrase ||
      token.kind == TokenKind::kDate) {
    Node node;
    node.kind = token.kind == TokenKind::kDate ? NodeKind::kDate : NodeKind::kTerm;
    node.column = token.column;
    node.term = token;
    return node;
  }
  if (token.kind == TokenKind::kNear) {
    std::vector<Node> phrases;
    for (const Token& item : token.items) {
      Node phrase;
      phrase.column = item.column;
      phrase.term = item;
      phrases.push_back(std::move(phrase));
    }
    Node node = make_node(NodeKind::kNear, token.column, std::move(phrases));
    node.distance = token.distance;
    return node;
  }
  if (depth + 1 > kMaxQueryNesting) fail_at("nested too deeply", token.column);
  if (token.kind == TokenKind::kField) {
    if (!starts_primary()) {
      fail_at(token.text, token.column, " must be followed by a word, a phrase or parentheses");
    }
    std::vector<Node> child;
    child.push_back(parse_primary(depth + 1));
    Node node = make_node(NodeKind::kField, token.column, std::move(child));
    node.term = token;
    return node;
  }
  // A group.
  std::optional<Node> inner = parse_or(depth + 1);
  if (!inner) {
    if (peek().kind == TokenKind::kRightParen) fail_at("empty parentheses", token.column);
    fail_at("unbalanced parenthesis", token.column);
  }
  if (peek().kind != TokenKind::kRightParen) fail_at("unbalanced parenthesis", token.column);
  take();
  if (inner->kind == NodeKind::kAnd || inner->kind == NodeKind::kOr) {
    inner->column = token.column;
  }
  return std::move(*inner);
}

}  // namespace newsidx::query
