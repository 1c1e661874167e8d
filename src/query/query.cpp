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
// The columns a plain query searches: the text, not the author, source and
// lead columns (the lead is also in the body: searched twice, its words
// would weigh twice).
constexpr std::string_view kTextColumns = "{title body}";

// FTS5's distance between the phrases of a NEAR group when none is given.
constexpr int kDefaultNearDistance = 10;
// The largest distance a NEAR group may ask for: more than the words of
// any article.
constexpr int kMaxNearDistance = 1000000;

[[noreturn]] void fail(const std::string& message) {
  throw Error(ErrorCode::kQuery, "query: " + message);
}

// "query: WHAT at column N REST".
[[noreturn]] void fail_at(const std::string& what, std::size_t column, std::string_view rest = {}) {
  fail(what + " at column " + std::to_string(column) + std::string(rest));
}

// ---------------------------------------------------------------------------
// Lexing

enum class TokenKind {
  kWord,
  kPhrase,
  kLeftParen,
  kRightParen,
  kOr,
  kAnd,
  kNot,
  kField,
  kNear,    // NEAR(a b, N): the whole group, its phrases in `items`
  kNearOp,  // a NEAR/N b: the operator
  kDate,    // date:A..B: the period as written in `text`
  kEnd
};

struct Token {
  TokenKind kind = TokenKind::kEnd;
  std::size_t column = 0;   // 1-based, in code points
  std::string text;         // a word or phrase (pieces joined by one space); an operator as written
  bool surface = false;     // =word, ="phrase": written forms only
  bool prefix = false;      // word*, "phrase"*
  bool searchable = false;  // holds a letter or a digit
  std::string field;        // kField: the index column (title, author, source, lead)
  int distance = kDefaultNearDistance;  // kNear, kNearOp
  std::vector<Token> items;             // kNear: its words and phrases
};

// The fields of the query language: as typed (any case), and their column.
struct FieldName {
  std::string_view prefix;
  std::string_view column;
};
constexpr FieldName kFields[] = {
    {"title:", "title"},   {"titre:", "title"}, {"author:", "author"}, {"auteur:", "author"},
    {"source:", "source"}, {"lead:", "lead"},   {"chapo:", "lead"},    {"date:", ""}};

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

  // `text` (lower-case ASCII) at pos_, in any case.
  [[nodiscard]] bool at_name(std::string_view text) const {
    bool same = pos_ + text.size() <= cps_.size();
    for (std::size_t i = 0; same && i < text.size(); ++i) {
      const UChar32 c = cps_[pos_ + i];
      const UChar32 lower = c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
      same = lower == static_cast<UChar32>(text[i]);
    }
    return same;
  }

  // The field (`title:`, `author:`, `date:`…) at pos_, or nullptr.
  [[nodiscard]] const FieldName* field_at() const {
    for (const FieldName& field : kFields) {
      if (at_name(field.prefix)) return &field;
    }
    return nullptr;
  }

  // `NEAR(` as written (upper case, like every operator) at pos_.
  [[nodiscard]] bool at_near_group() const {
    static constexpr std::string_view kOpen = "NEAR(";
    for (std::size_t i = 0; i < kOpen.size(); ++i) {
      if (at(pos_ + i) != static_cast<UChar32>(kOpen[i])) return false;
    }
    return true;
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
    } else if (const FieldName* field = field_at()) {
      lex_field(*field);
    } else if (at_near_group()) {
      lex_near_group();
    } else {
      lex_word();
    }
  }

  void lex_field(const FieldName& field) {
    const std::size_t column = pos_ + 1;
    const std::size_t length = field.prefix.size();
    if (field.column.empty()) {  // date:PERIOD
      pos_ += length;
      std::size_t end = pos_;
      while (end < cps_.size() && !ends_word(cps_[end])) ++end;
      if (end == pos_) {
        fail_at("date:", column, " must be followed by a date or a period (date:2016-12..2017-03)");
      }
      push(TokenKind::kDate, column, std::string(bytes_of(pos_, end)));
      pos_ = end;
      return;
    }
    push(TokenKind::kField, column, std::string(bytes_of(pos_, pos_ + length)));
    tokens_.back().field = field.column;
    pos_ += length;
  }

  // NEAR(a "b c" d*, N): words and phrases, then an optional distance.
  void lex_near_group() {
    Token group;
    group.kind = TokenKind::kNear;
    group.column = pos_ + 1;
    group.text = "NEAR";
    pos_ += 5;
    for (;;) {
      while (pos_ < cps_.size() && is_space(cps_[pos_])) ++pos_;
      const UChar32 c = at(pos_);
      if (c == ')') break;
      if (c == ',') {
        ++pos_;
        group.distance = near_distance(group.column, ')');
        break;
      }
      if (c < 0 || c == '(')
        fail_at("NEAR(", group.column, " must hold words and phrases and end with )");
      if (opens_phrase(c) || (c == kSurfaceMarker && opens_phrase(at(pos_ + 1)))) {
        group.items.push_back(make_phrase(!opens_phrase(c)));
      } else if (closes_phrase(c)) {
        fail_at("closing quote without an opening one", pos_ + 1);
      } else {
        std::size_t end = pos_;
        while (end < cps_.size() && !ends_word(cps_[end]) && cps_[end] != ',') ++end;
        group.items.push_back(make_word(pos_, end));
        pos_ = end;
      }
    }
    ++pos_;  // the closing parenthesis
    tokens_.push_back(std::move(group));
  }

  // The digits at pos_ (after white space), up to white space and then
  // `close` (consumed but for a parenthesis) or the end of a word.
  int near_distance(std::size_t column, UChar32 close) {
    while (pos_ < cps_.size() && is_space(cps_[pos_])) ++pos_;
    long long value = 0;
    const std::size_t start = pos_;
    while (pos_ < cps_.size() && cps_[pos_] >= '0' && cps_[pos_] <= '9' &&
           value <= kMaxNearDistance) {
      value = value * 10 + (cps_[pos_] - '0');
      ++pos_;
    }
    while (close == ')' && pos_ < cps_.size() && is_space(cps_[pos_])) ++pos_;
    const bool ended =
        close == ')' ? at(pos_) == ')' : pos_ == cps_.size() || ends_word(cps_[pos_]);
    if (start == pos_ || !ended || value > kMaxNearDistance) {
      fail_at("NEAR", column,
              " needs a distance from 0 to " + std::to_string(kMaxNearDistance) +
                  " words (NEAR(a b, 5) or a NEAR/5 b)");
    }
    return static_cast<int>(value);
  }

  void lex_phrase(bool surface) { tokens_.push_back(make_phrase(surface)); }

  // A phrase from the quote at pos_ (after a surface marker when `surface`)
  // to the next quote, then any `*`.
  Token make_phrase(bool surface) {
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
    return token;
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
    if (boundary && (word == "NEAR" || word.rfind("NEAR/", 0) == 0)) {
      token.kind = TokenKind::kNearOp;
      token.text = word;
      if (word.size() > 4) {
        pos_ = start + 5;
        token.distance = near_distance(token.column, 0);
      }
      tokens_.push_back(std::move(token));
      return;
    }
    tokens_.push_back(make_word(start, end));
  }

  // The word of the code points [start, end): `=` marks and `*` taken off.
  [[nodiscard]] Token make_word(std::size_t start, std::size_t end) const {
    Token token;
    token.column = start + 1;
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
    return token;
  }

  std::string_view query_;
  std::vector<UChar32> cps_;
  std::vector<std::size_t> offsets_;  // byte offset of each code point, then of the end
  std::size_t pos_ = 0;
  std::vector<Token> tokens_;
};

// ---------------------------------------------------------------------------
// The tree

enum class NodeKind { kTerm, kAnd, kOr, kNot, kField, kNear, kDate };

struct Node {
  NodeKind kind = NodeKind::kTerm;
  std::size_t column = 0;      // where it starts in the query (a group: its parenthesis)
  Token term;                  // kTerm: the word or phrase; kField: the field; kDate: the period
  std::vector<Node> children;  // kAnd, kOr, kNear: two or more; kNot, kField: one
  int distance = kDefaultNearDistance;  // kNear
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
//   unary   := (NOT | -) near | near
//   near    := primary (NEAR/N primary)*    (both sides words or phrases)
//   primary := WORD | PHRASE | NEAR(…) | DATE | ( or ) | FIELD primary

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
           k == TokenKind::kField || k == TokenKind::kNear || k == TokenKind::kDate;
  }
  [[nodiscard]] bool starts_unary() const {
    return starts_primary() || peek().kind == TokenKind::kNot;
  }

  // nullopt when no operand comes next (at `)` or the end).
  std::optional<Node> parse_or(int depth) {
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
    if (peek().kind != TokenKind::kNot) return parse_near(depth);
    const Token& op = take();
    if (peek().kind == TokenKind::kNot) fail_at("double exclusion", peek().column);
    if (!starts_primary()) fail_at(op.text, op.column, " has nothing on its right");
    std::vector<Node> child;
    child.push_back(parse_near(depth));
    return make_node(NodeKind::kNot, op.column, std::move(child));
  }

  static bool is_phrase(const Node& node) { return node.kind == NodeKind::kTerm; }

  // `a NEAR/N b NEAR/M c`: one NEAR group of every side, at the largest
  // distance. REQUIRES: starts_primary().
  Node parse_near(int depth) {
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
  Node parse_primary(int depth) {
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

// A NEAR group without its unsearchable phrases; one phrase left is that
// phrase alone.
std::optional<Node> simplify_near(Node node) {
  std::vector<Node> kept;
  for (Node& phrase : node.children) {
    if (phrase.term.searchable) kept.push_back(std::move(phrase));
  }
  if (kept.empty()) return std::nullopt;
  if (kept.size() == 1) return std::move(kept.front());
  node.children = std::move(kept);
  return node;
}

// Returns `node` without unsearchable words, with AND inside AND and OR
// inside OR flattened, single-item groups replaced by their item and a
// field inside the same field dropped; nullopt when nothing searchable is
// left. `field` is the column of the enclosing field, "" outside any.
// Throws for a field inside another one (which would find nothing).
std::optional<Node> simplify(Node node, std::string_view field) {
  switch (node.kind) {
    case NodeKind::kTerm:
      if (!node.term.searchable) return std::nullopt;
      return node;
    case NodeKind::kDate:
      return node;
    case NodeKind::kNear:
      return simplify_near(std::move(node));
    case NodeKind::kField:
    case NodeKind::kNot: {
      const bool is_field = node.kind == NodeKind::kField;
      if (is_field && !field.empty() && node.term.field != field) {
        fail_at(node.term.text, node.column,
                " inside " + std::string(field) + ": would find nothing");
      }
      std::optional<Node> child =
          simplify(std::move(node.children.front()), is_field ? node.term.field : field);
      if (!child) return std::nullopt;
      require_positive(*child);
      if (is_field && !field.empty()) return child;
      node.children.front() = std::move(*child);
      return node;
    }
    case NodeKind::kAnd:
    case NodeKind::kOr: {
      std::vector<Node> kept;
      for (Node& child : node.children) {
        std::optional<Node> simple = simplify(std::move(child), field);
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

  static bool has_field(const Node& node) {
    if (node.kind == NodeKind::kField) return true;
    for (const Node& child : node.children) {
      if (has_field(child)) return true;
    }
    return false;
  }

  // `column : node`, the node printed as inside that field.
  void print_in_columns(std::string_view columns, const Node& node, int depth) {
    check(depth + 2, node.column);
    out_ += columns;
    out_ += " : ";
    const bool was_in_field = in_field_;
    in_field_ = true;
    print_operand(node, depth + 2);
    in_field_ = was_in_field;
  }

  // NEAR("a" "b c", N): the phrases of the group, without the exact-form
  // bonus (NEAR takes phrases only).
  void print_near(const Node& node, int depth) {
    check(depth + 3, node.column);
    out_ += "NEAR(";
    for (std::size_t i = 0; i < node.children.size(); ++i) {
      if (i > 0) out_ += ' ';
      const Token& term = node.children[i].term;
      print_quoted(term.text, term.surface || term.prefix);
      if (term.prefix) out_ += " *";
    }
    out_ += ", " + std::to_string(node.distance) + ")";
  }

  void print(const Node& node, int depth) {
    // The largest parts of the query outside any field search the text
    // columns only.
    if (!in_field_ && !has_field(node)) {
      print_in_columns(kTextColumns, node, depth);
      return;
    }
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
    if (node.kind == NodeKind::kDate)
      fail_at("date:", node.column, " must apply to the whole query");
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
  bool in_field_ = false;   // printing inside a column filter
};

// ---------------------------------------------------------------------------
// Inline dates

// The period of a `date:` item: `A..B`, `A..`, `..B` or `A` (= `A..A`).
void read_period(const Node& node, ParsedQuery& out) {
  const std::string& text = node.term.text;
  const auto date = [&](std::string_view part) {
    std::optional<Date> d = parse_iso_date(part);
    if (!d) {
      fail("invalid date '" + std::string(part) + "' at column " + std::to_string(node.column) +
           " (expected date:YYYY, date:YYYY-MM, date:YYYY-MM-DD or a period date:A..B)");
    }
    return *d;
  };
  const std::size_t dots = text.find("..");
  std::optional<Date> from;
  std::optional<Date> to;
  if (dots == std::string::npos) {
    from = to = date(text);
  } else {
    if (dots > 0) from = date(std::string_view(text).substr(0, dots));
    if (dots + 2 < text.size()) to = date(std::string_view(text).substr(dots + 2));
    if (!from && !to) fail_at("date:", node.column, " must be followed by a date or a period");
  }
  // Several periods: their intersection.
  if (from && (!out.from || from->first_day() > out.from->first_day())) out.from = from;
  if (to && (!out.to || to->last_day() < out.to->last_day())) out.to = to;
}

// Throws at the first `date:` left in `node`: one inside OR, NOT, NEAR or a
// field, where a period cannot apply.
void forbid_dates(const Node& node) {
  if (node.kind == NodeKind::kDate) {
    fail_at("date:", node.column, " must apply to the whole query, not inside OR, NOT or a field");
  }
  for (const Node& child : node.children) forbid_dates(child);
}

// Takes the `date:` items that apply to the whole query (the query, or one
// of its AND items) out of `root` into `out`.
void take_dates(std::optional<Node>& root, ParsedQuery& out) {
  if (!root) return;
  if (root->kind == NodeKind::kDate) {
    read_period(*root, out);
    root.reset();
    return;
  }
  if (root->kind == NodeKind::kAnd) {
    std::vector<Node> rest;
    for (Node& child : root->children) {
      if (child.kind == NodeKind::kDate) {
        read_period(child, out);
      } else {
        rest.push_back(std::move(child));
      }
    }
    if (rest.empty()) {
      root.reset();
      return;
    }
    if (rest.size() == 1) {
      root = std::move(rest.front());
    } else {
      root->children = std::move(rest);
    }
  }
  forbid_dates(*root);
}

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
  out.match = Printer().run(*root);
  return out;
}

std::string to_fts5_match(std::string_view query) {
  ParsedQuery parsed = parse_query(query);
  if (!parsed.match) fail("no searchable word");
  return std::move(*parsed.match);
}

}  // namespace newsidx
