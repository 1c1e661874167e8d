// The query translator (SPEC §5.3): user query -> FTS5 MATCH expression.
//
// Four passes, each small: decode the UTF-8 into code points (columns are
// code-point indexes), lex into items, parse by recursive descent into a
// tree, simplify the tree (drop unsearchable words, flatten nested groups,
// check that every exclusion excludes from something), then print it as
// FTS5 syntax in which every user word is a quoted string.
//
// Each pass has its file: lexer.cpp, query_parser.cpp, query_simplify.cpp,
// fts5_printer.cpp; the `date:` items are taken out of the tree by
// query_dates.cpp. This file holds the public functions.
#include "newsidx/query.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "query/fts5_printer.hpp"
#include "query/lexer.hpp"
#include "query/query_dates.hpp"
#include "query/query_error.hpp"
#include "query/query_parser.hpp"
#include "query/query_simplify.hpp"

namespace newsidx {
namespace {

using query::fail;
using query::Lexer;
using query::Node;
using query::NodeKind;
using query::Parser;
using query::Printer;
using query::require_positive;
using query::simplify;
using query::take_dates;
using query::Token;
using query::TokenKind;

}  // namespace

std::vector<std::string> query_notes(std::string_view query) {
  const std::vector<Token> tokens = Lexer(query).run();
  const auto is_operand_end = [](const Token& t) {
    return t.kind == TokenKind::kWord || t.kind == TokenKind::kPhrase ||
           t.kind == TokenKind::kRightParen;
  };
  const auto is_operand_start = [](const Token& t) {
    return t.kind == TokenKind::kWord || t.kind == TokenKind::kPhrase ||
           t.kind == TokenKind::kLeftParen || t.kind == TokenKind::kField ||
           t.kind == TokenKind::kNear || t.kind == TokenKind::kDate || t.kind == TokenKind::kNot;
  };
  std::vector<std::string> notes;
  for (std::size_t i = 1; i + 1 < tokens.size(); ++i) {
    const Token& t = tokens[i];
    if (t.kind != TokenKind::kWord || t.surface || t.prefix) continue;
    std::string lower;
    for (const char c : t.text)
      lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    if (lower != "or" && lower != "and" && lower != "not") continue;
    if (!is_operand_end(tokens[i - 1]) || !is_operand_start(tokens[i + 1])) continue;
    std::string upper = lower;
    for (char& c : upper) c = static_cast<char>(c - 'a' + 'A');
    std::string note = "'";
    note += t.text;
    note += "' is searched as a word; ";
    note += upper;
    note += upper == "OR" ? " means either" : upper == "AND" ? " means both" : " means without";
    if (std::find(notes.begin(), notes.end(), note) == notes.end())
      notes.push_back(std::move(note));
  }
  return notes;
}

namespace {

void collect_words(const Node& node, std::vector<std::string>& out) {
  switch (node.kind) {
    case NodeKind::kTerm:
      if (node.term.kind == TokenKind::kWord && !node.term.prefix && !node.term.surface &&
          node.term.searchable) {
        out.push_back(node.term.text);
      }
      break;
    case NodeKind::kNot:
    case NodeKind::kDate:
      break;
    default:
      for (const Node& child : node.children) collect_words(child, out);
  }
}

}  // namespace

std::vector<std::string> query_words(std::string_view query) {
  std::optional<Node> root = Parser(Lexer(query).run()).run();
  std::vector<std::string> out;
  if (root) root = simplify(std::move(*root), "");
  if (root) collect_words(*root, out);
  return out;
}

ParsedQuery parse_query(std::string_view query) {
  std::optional<Node> root = Parser(Lexer(query).run()).run();
  if (root) root = simplify(std::move(*root), "");
  ParsedQuery out;
  take_dates(root, out);
  if (!root) {
    if (!out.from && !out.to) fail("no searchable word");
    return out;
  }
  require_positive(*root);
  Printer printer;
  out.match = printer.run(*root);
  out.phrases = printer.take_phrases();
  return out;
}

std::string to_fts5_match(std::string_view query) {
  ParsedQuery parsed = parse_query(query);
  if (!parsed.match) fail("no searchable word");
  return std::move(*parsed.match);
}

}  // namespace newsidx
