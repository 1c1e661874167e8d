// The query translator (SPEC §5.3): user query -> FTS5 MATCH expression.
//
// Four passes, each small: decode the UTF-8 into code points (columns are
// code-point indexes), lex into items, parse by recursive descent into a
// tree, simplify the tree (drop unsearchable words, flatten nested groups,
// check that every exclusion excludes from something), then print it as
// FTS5 syntax in which every user word is a quoted string.
#include "newsidx/query.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include "newsidx/error.hpp"
#include "newsidx/token_marks.hpp"

namespace newsidx {
namespace {

// The FTS5 expression parser (SQLite 3.40) has a fixed stack of 100 entries
// and fails with "fts5: parser stack overflow" beyond it; printing keeps a
// count of the entries its output needs (see Printer) and refuses the query
// above this, with some margin.
constexpr int kMaxFts5ParserStack = 90;

// Quotes that delimit phrases besides the straight one: « », “ ”.
constexpr UChar32 kLeftGuillemet = 0x00AB;
constexpr UChar32 kRightGuillemet = 0x00BB;
constexpr UChar32 kLeftDoubleQuote = 0x201C;
constexpr UChar32 kRightDoubleQuote = 0x201D;

[[noreturn]] void fail(const std::string& message) {
  throw Error(ErrorCode::kQuery, "query: " + message);
}

// "query: WHAT at column N REST".
[[noreturn]] void fail_at(const std::string& what, std::size_t column, std::string_view rest = {}) {
  fail(what + " at column " + std::to_string(column) + std::string(rest));
}

// ---------------------------------------------------------------------------
// Lexing

enum class TokenKind { kWord, kPhrase, kLeftParen, kRightParen, kOr, kAnd, kNot, kField, kEnd };

struct Token {
  TokenKind kind = TokenKind::kEnd;
  std::size_t column = 0;   // 1-based, in code points
  std::string text;         // a word or phrase (pieces joined by one space); an operator as written
  bool surface = false;     // =word, ="phrase": written forms only
  bool prefix = false;      // word*, "phrase"*
  bool searchable = false;  // holds a letter or a digit
};

// Splits a query into tokens. Throws on invalid UTF-8 and unterminated
// phrases; everything else is left to the parser.
class Lexer {
 public:
  explicit Lexer(std::string_view query) : query_(query) { decode(); }

  std::vector<Token> run() {
    for (;;) {
      while (pos_ < cps_.size() && is_space(cps_[pos_])) ++pos_;
      if (pos_ == cps_.size()) break;
      lex_item();
    }
    Token end;
    end.column = cps_.size() + 1;
    tokens_.push_back(std::move(end));
    return std::move(tokens_);
  }

 private:
  // White space (but not the no-break spaces that may sit inside a number),
  // control characters and NUL separate items.
  static bool is_space(UChar32 c) { return u_isWhitespace(c) || u_iscntrl(c); }
  // Phrase quotes: straight, French guillemets, curly; any closing one
  // closes a phrase that any opening one began.
  static bool opens_phrase(UChar32 c) {
    return c == '"' || c == kLeftGuillemet || c == kLeftDoubleQuote;
  }
  static bool closes_phrase(UChar32 c) {
    return c == '"' || c == kRightGuillemet || c == kRightDoubleQuote;
  }
  // Operators and `-` are recognised after these only (not after a quote:
  // `"alep"OR` ends with the word OR).
  static bool separates_items(UChar32 c) { return is_space(c) || c == '(' || c == ')'; }
  static bool ends_word(UChar32 c) {
    return separates_items(c) || opens_phrase(c) || closes_phrase(c);
  }

  void decode() {
    if (query_.size() > static_cast<std::size_t>(std::numeric_limits<int32_t>::max())) {
      fail("too long");
    }
    const auto* bytes = reinterpret_cast<const uint8_t*>(query_.data());
    const auto length = static_cast<int32_t>(query_.size());
    int32_t i = 0;
    while (i < length) {
      offsets_.push_back(static_cast<std::size_t>(i));
      UChar32 c = 0;
      U8_NEXT(bytes, i, length, c);
      if (c < 0) fail_at("invalid UTF-8", cps_.size() + 1);
      cps_.push_back(c);
    }
    offsets_.push_back(query_.size());
  }

  [[nodiscard]] std::string_view bytes_of(std::size_t from, std::size_t to) const {
    return query_.substr(offsets_[from], offsets_[to] - offsets_[from]);
  }

  [[nodiscard]] bool has_alnum(std::size_t from, std::size_t to) const {
    for (std::size_t i = from; i < to; ++i) {
      if (u_isalnum(cps_[i])) return true;
    }
    return false;
  }

  [[nodiscard]] UChar32 at(std::size_t i) const { return i < cps_.size() ? cps_[i] : -1; }

  // An item starts at a boundary when white space, a parenthesis or the start
  // of the query precedes it: only there are operators and `-` recognised.
  [[nodiscard]] bool at_boundary() const { return pos_ == 0 || separates_items(cps_[pos_ - 1]); }

  // `title:` or `titre:`, any case, at pos_.
  [[nodiscard]] bool at_field() const {
    static constexpr std::string_view kNames[] = {"title:", "titre:"};
    for (std::string_view name : kNames) {
      bool same = pos_ + name.size() <= cps_.size();
      for (std::size_t i = 0; same && i < name.size(); ++i) {
        const UChar32 c = cps_[pos_ + i];
        const UChar32 lower = c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
        same = lower == static_cast<UChar32>(name[i]);
      }
      if (same) return true;
    }
    return false;
  }

  void push(TokenKind kind, std::size_t start_column, std::string text = {}) {
    Token token;
    token.kind = kind;
    token.column = start_column;
    token.text = std::move(text);
    tokens_.push_back(std::move(token));
  }

  void lex_item() {
    const UChar32 c = cps_[pos_];
    const std::size_t column = pos_ + 1;
    if (c == '(' || c == ')') {
      push(c == '(' ? TokenKind::kLeftParen : TokenKind::kRightParen, column);
      ++pos_;
    } else if (opens_phrase(c)) {
      lex_phrase(false);
    } else if (c == kSurfaceMarker && opens_phrase(at(pos_ + 1))) {
      lex_phrase(true);
    } else if (closes_phrase(c)) {
      fail_at("closing quote without an opening one", column);
    } else if (c == '-' && at_boundary() && pos_ + 1 < cps_.size() && !is_space(cps_[pos_ + 1]) &&
               cps_[pos_ + 1] != ')' && cps_[pos_ + 1] != '-') {
      push(TokenKind::kNot, column, "-");
      ++pos_;
    } else if (at_field()) {
      push(TokenKind::kField, column, std::string(bytes_of(pos_, pos_ + 5)) + ":");
      pos_ += 6;
    } else {
      lex_word();
    }
  }

  // A phrase from the quote at pos_ (after a surface marker when `surface`)
  // to the next quote, then any `*`.
  void lex_phrase(bool surface) {
    Token token;
    token.kind = TokenKind::kPhrase;
    token.column = pos_ + 1;
    token.surface = surface;
    const std::size_t open = surface ? pos_ + 1 : pos_;
    std::size_t close = open + 1;
    while (close < cps_.size() && !closes_phrase(cps_[close])) ++close;
    if (close == cps_.size()) fail_at("unterminated phrase starting", token.column);
    // Pieces between white space, joined by one space.
    for (std::size_t i = open + 1; i < close;) {
      while (i < close && is_space(cps_[i])) ++i;
      const std::size_t start = i;
      while (i < close && !is_space(cps_[i])) ++i;
      if (start == i) break;
      if (!token.text.empty()) token.text += ' ';
      token.text += bytes_of(start, i);
    }
    token.searchable = has_alnum(open + 1, close);
    pos_ = close + 1;
    while (at(pos_) == '*') {
      token.prefix = true;
      ++pos_;
    }
    tokens_.push_back(std::move(token));
  }

  // A word, or an operator when it stands alone.
  void lex_word() {
    const bool boundary = at_boundary();
    std::size_t start = pos_;
    std::size_t end = pos_;
    while (end < cps_.size() && !ends_word(cps_[end])) ++end;
    Token token;
    token.column = start + 1;
    const std::string_view word = bytes_of(start, end);
    pos_ = end;
    if (boundary && (word == "OR" || word == "AND" || word == "NOT")) {
      token.kind = word == "OR"    ? TokenKind::kOr
                   : word == "AND" ? TokenKind::kAnd
                                   : TokenKind::kNot;
      token.text = word;
      tokens_.push_back(std::move(token));
      return;
    }
    token.kind = TokenKind::kWord;
    while (start < end && cps_[start] == kSurfaceMarker) {
      token.surface = true;
      ++start;
    }
    while (end > start && cps_[end - 1] == '*') {
      token.prefix = true;
      --end;
    }
    token.text = bytes_of(start, end);
    token.searchable = has_alnum(start, end);
    tokens_.push_back(std::move(token));
  }

  std::string_view query_;
  std::vector<UChar32> cps_;
  std::vector<std::size_t> offsets_;  // byte offset of each code point, then of the end
  std::size_t pos_ = 0;
  std::vector<Token> tokens_;
};

// ---------------------------------------------------------------------------
// The tree

enum class NodeKind { kTerm, kAnd, kOr, kNot, kTitle };

struct Node {
  NodeKind kind = NodeKind::kTerm;
  std::size_t column = 0;      // where it starts in the query (a group: its parenthesis)
  Token term;                  // kTerm: the word or phrase
  std::vector<Node> children;  // kAnd, kOr: two or more; kNot, kTitle: one
};

Node make_node(NodeKind kind, std::size_t column, std::vector<Node> children) {
  Node node;
  node.kind = kind;
  node.column = column;
  node.children = std::move(children);
  return node;
}

// ---------------------------------------------------------------------------
// Parsing
//
//   query   := or END
//   or      := and (OR and)*
//   and     := unary (AND? unary)*
//   unary   := (NOT | -) primary | primary
//   primary := WORD | PHRASE | ( or ) | FIELD primary

class Parser {
 public:
  explicit Parser(std::vector<Token> tokens) : tokens_(std::move(tokens)) {}

  // The whole query, or nullopt when it is empty.
  std::optional<Node> run() {
    std::optional<Node> root = parse_or(0);
    if (peek().kind == TokenKind::kRightParen) fail_at("unbalanced parenthesis", peek().column);
    return root;
  }

 private:
  [[nodiscard]] const Token& peek() const { return tokens_[next_]; }
  const Token& take() { return tokens_[next_++]; }

  [[nodiscard]] bool starts_primary() const {
    const TokenKind k = peek().kind;
    return k == TokenKind::kWord || k == TokenKind::kPhrase || k == TokenKind::kLeftParen ||
           k == TokenKind::kField;
  }
  [[nodiscard]] bool starts_unary() const {
    return starts_primary() || peek().kind == TokenKind::kNot;
  }

  // nullopt when no operand comes next (at `)` or the end).
  std::optional<Node> parse_or(int depth) {
    const TokenKind k = peek().kind;
    if (k == TokenKind::kOr || k == TokenKind::kAnd) {
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
  Node parse_and(int depth) {
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
  Node parse_unary(int depth) {
    if (peek().kind != TokenKind::kNot) return parse_primary(depth);
    const Token& op = take();
    if (peek().kind == TokenKind::kNot) fail_at("double exclusion", peek().column);
    if (!starts_primary()) fail_at(op.text, op.column, " has nothing on its right");
    std::vector<Node> child;
    child.push_back(parse_primary(depth));
    return make_node(NodeKind::kNot, op.column, std::move(child));
  }

  // REQUIRES: starts_primary().
  Node parse_primary(int depth) {
    const Token& token = take();
    if (token.kind == TokenKind::kWord || token.kind == TokenKind::kPhrase) {
      Node node;
      node.column = token.column;
      node.term = token;
      return node;
    }
    if (depth + 1 > kMaxQueryNesting) fail_at("nested too deeply", token.column);
    if (token.kind == TokenKind::kField) {
      if (!starts_primary()) {
        fail_at(token.text, token.column, " must be followed by a word, a phrase or parentheses");
      }
      std::vector<Node> child;
      child.push_back(parse_primary(depth + 1));
      return make_node(NodeKind::kTitle, token.column, std::move(child));
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

  std::vector<Token> tokens_;
  std::size_t next_ = 0;
};

// ---------------------------------------------------------------------------
// Simplifying

// Throws when `node` is an exclusion standing where FTS5 needs something to
// exclude from (the whole query, an alternative, a title: or another
// exclusion).
void require_positive(const Node& node) {
  if (node.kind == NodeKind::kNot)
    fail_at("exclusion", node.column, " has nothing to exclude from");
}

// Drops the terms (and excluded terms) that repeat an earlier sibling as
// written: `alep alep` finds what `alep` finds, and FTS5's work per row grows with the square of
// the number of phrases in a query.
void drop_repeated_terms(std::vector<Node>& siblings) {
  std::unordered_set<std::string> seen;
  std::vector<Node> kept;
  kept.reserve(siblings.size());
  for (Node& node : siblings) {
    const bool excluded = node.kind == NodeKind::kNot;
    const Node& term = excluded ? node.children.front() : node;
    if (term.kind == NodeKind::kTerm) {
      std::string key = term.term.text;
      key += excluded ? "\x01-" : "\x01+";
      key += term.term.surface ? "=" : "";
      key += term.term.prefix ? "*" : "";
      if (!seen.insert(std::move(key)).second) continue;
    }
    kept.push_back(std::move(node));
  }
  siblings = std::move(kept);
}

// Returns `node` without unsearchable words, with AND inside AND and OR
// inside OR flattened, single-item groups replaced by their item and
// title: inside title: dropped; nullopt when nothing searchable is left.
std::optional<Node> simplify(Node node, bool in_title) {
  switch (node.kind) {
    case NodeKind::kTerm:
      if (!node.term.searchable) return std::nullopt;
      return node;
    case NodeKind::kTitle:
    case NodeKind::kNot: {
      const bool title = node.kind == NodeKind::kTitle;
      std::optional<Node> child = simplify(std::move(node.children.front()), in_title || title);
      if (!child) return std::nullopt;
      require_positive(*child);
      if (title && in_title) return child;
      node.children.front() = std::move(*child);
      return node;
    }
    case NodeKind::kAnd:
    case NodeKind::kOr: {
      std::vector<Node> kept;
      for (Node& child : node.children) {
        std::optional<Node> simple = simplify(std::move(child), in_title);
        if (!simple) continue;
        if (simple->kind == node.kind) {
          for (Node& grandchild : simple->children) kept.push_back(std::move(grandchild));
        } else {
          kept.push_back(std::move(*simple));
        }
      }
      drop_repeated_terms(kept);
      if (kept.empty()) return std::nullopt;
      if (node.kind == NodeKind::kOr) {
        for (const Node& child : kept) require_positive(child);
      } else {
        bool any_positive = false;
        for (const Node& child : kept) any_positive = any_positive || child.kind != NodeKind::kNot;
        if (!any_positive) require_positive(kept.front());
      }
      if (kept.size() == 1) return std::move(kept.front());
      node.children = std::move(kept);
      return node;
    }
  }
  return node;
}

// ---------------------------------------------------------------------------
// Printing

// Prints a simplified tree as FTS5 syntax. Parenthesises every group so that
// the output never depends on FTS5's precedence rules, and counts the parser
// stack entries FTS5 needs to read it: one per open parenthesis and per
// pending left operand and operator of AND/OR/NOT, and `title :` two.
class Printer {
 public:
  std::string run(const Node& root) {
    print(root, 0);
    return std::move(out_);
  }

 private:
  static bool is_group(const Node& node) {
    return node.kind == NodeKind::kAnd || node.kind == NodeKind::kOr;
  }

  static void check(int depth, std::size_t column) {
    if (depth > kMaxFts5ParserStack) fail_at("nested too deeply", column);
  }

  // A quoted FTS5 string, `"` doubled; the surface marker before each piece
  // of a surface or prefix term (the tokenizer reads the last word of a
  // prefix as the written forms that start with it: fts5_tokenizer.hpp).
  // A plain word that must be found is also searched as this written form
  // (the exact-form bonus): `("alep" OR "=alep")`, so that bm25 ranks the
  // articles that have the word as typed above those that have only another
  // form of it.
  void print_term(const Token& term, int depth, std::size_t column) {
    if (term.prefix) {
      check(depth + 1, column);
      print_quoted(term.text, true);
      out_ += " *";
    } else if (term.kind == TokenKind::kWord && !term.surface && !excluding_) {
      check(depth + 4, column);
      out_ += '(';
      print_quoted(term.text, false);
      out_ += " OR ";
      print_quoted(term.text, true);
      out_ += ')';
    } else {
      check(depth + 1, column);
      print_quoted(term.text, term.surface);
    }
  }

  // `text` quoted, with the marker before each of its words when `mark`.
  void print_quoted(const std::string& text, bool mark) {
    out_ += '"';
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
  void print_operand(const Node& node, int depth) {
    if (!is_group(node)) {
      print(node, depth);
      return;
    }
    check(depth + 1, node.column);
    out_ += '(';
    print(node, depth + 1);
    out_ += ')';
  }

  void print_list(const std::vector<const Node*>& items, std::string_view op, int depth) {
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (i > 0) out_ += op;
      print_operand(*items[i], i == 0 ? depth : depth + 2);
    }
  }

  void print(const Node& node, int depth) {
    switch (node.kind) {
      case NodeKind::kTerm:
        print_term(node.term, depth, node.column);
        return;
      case NodeKind::kTitle:
        check(depth + 2, node.column);
        out_ += "title : ";
        print_operand(node.children.front(), depth + 2);
        return;
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
    fail_at("exclusion", node.column, " has nothing to exclude from");
  }

  // Positives joined by AND, then NOT and the excluded items joined by OR
  // (a chain of NOTs would make FTS5's tree as deep as the list is long).
  void print_and(const Node& node, int depth) {
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

  std::string out_;
  bool excluding_ = false;  // printing what is excluded: no exact-form bonus
};

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
           t.kind == TokenKind::kNot;
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

std::string to_fts5_match(std::string_view query) {
  std::optional<Node> root = Parser(Lexer(query).run()).run();
  if (root) root = simplify(std::move(*root), false);
  if (!root) fail("no searchable word");
  require_positive(*root);
  return Printer().run(*root);
}

}  // namespace newsidx
