// Printing: a query tree as FTS5 syntax.
#include "query/fts5_printer.hpp"

#include <utility>

#include "newsidx/token_marks.hpp"
#include "query/query_error.hpp"

namespace newsidx::query {
namespace {

// The FTS5 expression parser (SQLite 3.40) has a fixed stack of 100 entries
// and fails with "fts5: parser stack overflow" beyond it; printing keeps a
// count of the entries its output needs (see Printer) and refuses the query
// above this, with some margin.
constexpr int kMaxFts5ParserStack = 90;

}  // namespace

std::string Printer::run(const Node& root) {
  print(root, 0);
  return std::move(out_);
}

bool Printer::is_group(const Node& node) {
  return node.kind == NodeKind::kAnd || node.kind == NodeKind::kOr;
}

void Printer::check(int depth, std::size_t column) {
  if (depth > kMaxFts5ParserStack) fail_at("nested too deeply", column);
}

// A quoted FTS5 string, `"` doubled; the surface marker before each piece
// of a surface or prefix term (the tokenizer reads the last word of a
// prefix as the written forms that start with it: fts5_tokenizer.hpp).
// A plain word that must be found is also searched as this written form
// (the exact-form bonus): `("alep" OR "=alep")`, so that bm25 ranks the
// articles that have the word as typed above those that have only another
// form of it.
void Printer::print_term(const Token& term, int depth, std::size_t column) {
  if (term.prefix) {
    check(depth + 1, column);
    print_phrase(term.text, true, true);
  } else if (term.kind == TokenKind::kWord && !term.surface && !excluding_) {
    check(depth + 4, column);
    out_ += '(';
    print_phrase(term.text, false, false);
    out_ += " OR ";
    print_phrase(term.text, true, false);
    out_ += ')';
  } else {
    check(depth + 1, column);
    print_phrase(term.text, term.surface, false);
  }
}

// One phrase: `text` quoted (see print_quoted()), then ` *` for a prefix;
// also noted as an expression of its own, within the column filters that
// hold it: `title : ("=alep")`.
void Printer::print_phrase(const std::string& text, bool mark, bool prefix) {
  const std::size_t start = out_.size();
  print_quoted(text, mark);
  if (prefix) out_ += " *";
  std::string alone;
  for (const std::string_view columns : columns_) {
    alone += columns;
    alone += " : (";
  }
  alone.append(out_, start);
  alone.append(columns_.size(), ')');
  phrases_.push_back(std::move(alone));
}

// `text` quoted, with the surface marker before each of its words when
// `mark`; a field text (kFieldMarker) in a field of marked words.
void Printer::print_quoted(const std::string& text, bool mark) {
  out_ += '"';
  if (marked_) out_ += kFieldMarker;
  if (mark) out_ += kSurfaceMarker;
  for (const char c : text) {
    if (c == '"') {
      out_ += "\"\"";
    } else {
      out_ += c;
      if (c == ' ' && mark) out_ += kSurfaceMarker;
    }
  }
  out_ += '"';
}

// `node`, in parentheses when it is a group.
void Printer::print_operand(const Node& node, int depth) {
  if (!is_group(node)) {
    print(node, depth);
    return;
  }
  check(depth + 1, node.column);
  out_ += '(';
  print(node, depth + 1);
  out_ += ')';
}

void Printer::print_list(const std::vector<const Node*>& items, std::string_view op, int depth) {
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out_ += op;
    print_operand(*items[i], i == 0 ? depth : depth + 2);
  }
}

// `column : node`, the node printed as inside that field.
void Printer::print_in_columns(std::string_view columns, const Node& node, int depth) {
  check(depth + 2, node.column);
  out_ += columns;
  out_ += " : ";
  const bool was_marked = marked_;
  marked_ = is_marked_field(columns);
  columns_.push_back(columns);
  print_operand(node, depth + 2);
  columns_.pop_back();
  marked_ = was_marked;
}

// NEAR("a" "b c", N): the phrases of the group, without the exact-form
// bonus (NEAR takes phrases only).
void Printer::print_near(const Node& node, int depth) {
  check(depth + 3, node.column);
  out_ += "NEAR(";
  for (std::size_t i = 0; i < node.children.size(); ++i) {
    if (i > 0) out_ += ' ';
    const Token& term = node.children[i].term;
    print_phrase(term.text, term.surface || term.prefix, term.prefix);
  }
  out_ += ", " + std::to_string(node.distance) + ")";
}

void Printer::print(const Node& node, int depth) {
  // Outside any field, the words are not marked: they match the title and
  // the body only (token_marks.hpp), with no column filter.
  switch (node.kind) {
    case NodeKind::kTerm:
      print_term(node.term, depth, node.column);
      return;
    case NodeKind::kNear:
      print_near(node, depth);
      return;
    case NodeKind::kField:
      print_in_columns(node.term.field, node.children.front(), depth);
      return;
    case NodeKind::kDate:
      break;  // taken out of the query by take_dates()
    case NodeKind::kOr: {
      std::vector<const Node*> items;
      for (const Node& child : node.children) items.push_back(&child);
      print_list(items, " OR ", depth);
      return;
    }
    case NodeKind::kAnd:
      print_and(node, depth);
      return;
    case NodeKind::kNot:
      break;  // simplify() leaves exclusions only inside AND
  }
  if (node.kind == NodeKind::kDate) fail_at("date:", node.column, " must apply to the whole query");
  fail_at("exclusion", node.column, " has nothing to exclude from");
}

// Positives joined by AND, then NOT and the excluded items joined by OR
// (a chain of NOTs would make FTS5's tree as deep as the list is long).
void Printer::print_and(const Node& node, int depth) {
  std::vector<const Node*> positives;
  std::vector<const Node*> excluded;
  for (const Node& child : node.children) {
    if (child.kind != NodeKind::kNot) {
      positives.push_back(&child);
      continue;
    }
    const Node& target = child.children.front();
    if (target.kind == NodeKind::kOr) {
      for (const Node& alternative : target.children) excluded.push_back(&alternative);
    } else {
      excluded.push_back(&target);
    }
  }
  if (excluded.empty()) {
    print_list(positives, " AND ", depth);
    return;
  }
  if (positives.size() == 1) {
    print_operand(*positives.front(), depth);
  } else {
    check(depth + 1, node.column);
    out_ += '(';
    print_list(positives, " AND ", depth + 1);
    out_ += ')';
  }
  out_ += " NOT ";
  const bool was_excluding = excluding_;
  excluding_ = true;
  if (excluded.size() == 1) {
    print_operand(*excluded.front(), depth + 2);
  } else {
    check(depth + 3, excluded.front()->column);
    out_ += '(';
    print_list(excluded, " OR ", depth + 3);
    out_ += ')';
  }
  excluding_ = was_excluding;
}

}  // namespace newsidx::query
