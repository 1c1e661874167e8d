// Lexing: a query's UTF-8 decoded into code points (columns are code-point
// indexes), then split into items.
#include "query/lexer.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <cstdint>
#include <limits>
#include <utility>

#include "newsidx/token_marks.hpp"
#include "query/query_error.hpp"

namespace newsidx::query {
namespace {

// Quotes that delimit phrases besides the straight one: « », “ ”.
constexpr UChar32 kLeftGuillemet = 0x00AB;
constexpr UChar32 kRightGuillemet = 0x00BB;
constexpr UChar32 kLeftDoubleQuote = 0x201C;
constexpr UChar32 kRightDoubleQuote = 0x201D;

// The largest distance a NEAR group may ask for: more than the words of
// any article.
constexpr int kMaxNearDistance = 1000000;

constexpr FieldName kFields[] = {
    {"title:", "title"},   {"titre:", "title"}, {"author:", "author"}, {"auteur:", "author"},
    {"source:", "source"}, {"lead:", "lead"},   {"chapo:", "lead"},    {"date:", ""}};

}  // namespace

std::vector<Token> Lexer::run() {
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

// White space (but not the no-break spaces that may sit inside a number),
// control characters and NUL separate items.
bool Lexer::is_space(UChar32 c) {
  return u_isWhitespace(c) || u_iscntrl(c);
}
// Phrase quotes: straight, French guillemets, curly; any closing one
// closes a phrase that any opening one began.
bool Lexer::opens_phrase(UChar32 c) {
  return c == '"' || c == kLeftGuillemet || c == kLeftDoubleQuote;
}
bool Lexer::closes_phrase(UChar32 c) {
  return c == '"' || c == kRightGuillemet || c == kRightDoubleQuote;
}
// Operators and `-` are recognised after these only (not after a quote:
// `"alep"OR` ends with the word OR).
bool Lexer::separates_items(UChar32 c) {
  return is_space(c) || c == '(' || c == ')';
}
bool Lexer::ends_word(UChar32 c) {
  return separates_items(c) || opens_phrase(c) || closes_phrase(c);
}

void Lexer::decode() {
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

std::string_view Lexer::bytes_of(std::size_t from, std::size_t to) const {
  return query_.substr(offsets_[from], offsets_[to] - offsets_[from]);
}

bool Lexer::has_alnum(std::size_t from, std::size_t to) const {
  for (std::size_t i = from; i < to; ++i) {
    if (u_isalnum(cps_[i])) return true;
  }
  return false;
}

UChar32 Lexer::at(std::size_t i) const {
  return i < cps_.size() ? cps_[i] : -1;
}

// An item starts at a boundary when white space, a parenthesis or the start
// of the query precedes it: only there are operators and `-` recognised.
bool Lexer::at_boundary() const {
  return pos_ == 0 || separates_items(cps_[pos_ - 1]);
}

// `text` (lower-case ASCII) at pos_, in any case.
bool Lexer::at_name(std::string_view text) const {
  bool same = pos_ + text.size() <= cps_.size();
  for (std::size_t i = 0; same && i < text.size(); ++i) {
    const UChar32 c = cps_[pos_ + i];
    const UChar32 lower = c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
    same = lower == static_cast<UChar32>(text[i]);
  }
  return same;
}

// The field (`title:`, `author:`, `date:`…) at pos_, or nullptr.
const FieldName* Lexer::field_at() const {
  for (const FieldName& field : kFields) {
    if (at_name(field.prefix)) return &field;
  }
  return nullptr;
}

// `NEAR(` as written (upper case, like every operator) at pos_.
bool Lexer::at_near_group() const {
  static constexpr std::string_view kOpen = "NEAR(";
  for (std::size_t i = 0; i < kOpen.size(); ++i) {
    if (at(pos_ + i) != static_cast<UChar32>(kOpen[i])) return false;
  }
  return true;
}

void Lexer::push(TokenKind kind, std::size_t start_column, std::string text) {
  Token token;
  token.kind = kind;
  token.column = start_column;
  token.text = std::move(text);
  tokens_.push_back(std::move(token));
}

void Lexer::lex_item() {
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

void Lexer::lex_field(const FieldName& field) {
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
void Lexer::lex_near_group() {
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
int Lexer::near_distance(std::size_t column, UChar32 close) {
  while (pos_ < cps_.size() && is_space(cps_[pos_])) ++pos_;
  long long value = 0;
  const std::size_t start = pos_;
  while (pos_ < cps_.size() && cps_[pos_] >= '0' && cps_[pos_] <= '9' &&
         value <= kMaxNearDistance) {
    value = value * 10 + (cps_[pos_] - '0');
    ++pos_;
  }
  while (close == ')' && pos_ < cps_.size() && is_space(cps_[pos_])) ++pos_;
  const bool ended = close == ')' ? at(pos_) == ')' : pos_ == cps_.size() || ends_word(cps_[pos_]);
  if (start == pos_ || !ended || value > kMaxNearDistance) {
    fail_at("NEAR", column,
            " needs a distance from 0 to " + std::to_string(kMaxNearDistance) +
                " words (NEAR(a b, 5) or a NEAR/5 b)");
  }
  return static_cast<int>(value);
}

void Lexer::lex_phrase(bool surface) {
  tokens_.push_back(make_phrase(surface));
}

// A phrase from the quote at pos_ (after a surface marker when `surface`)
// to the next quote, then any `*`.
Token Lexer::make_phrase(bool surface) {
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
void Lexer::lex_word() {
  const bool boundary = at_boundary();
  std::size_t start = pos_;
  std::size_t end = pos_;
  while (end < cps_.size() && !ends_word(cps_[end])) ++end;
  Token token;
  token.column = start + 1;
  const std::string_view word = bytes_of(start, end);
  pos_ = end;
  if (boundary && (word == "OR" || word == "AND" || word == "NOT")) {
    token.kind = word == "OR" ? TokenKind::kOr : word == "AND" ? TokenKind::kAnd : TokenKind::kNot;
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
Token Lexer::make_word(std::size_t start, std::size_t end) const {
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

}  // namespace newsidx::query
