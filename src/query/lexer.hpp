// The lexer of the query language: the tokens of a query (words, phrases,
// operators, fields, NEAR groups, date: items) with their columns. Private
// to the query layer.
#pragma once

#include <unicode/umachine.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace newsidx::query {

// FTS5's distance between the phrases of a NEAR group when none is given.
inline constexpr int kDefaultNearDistance = 10;

// What a token is.
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

// One item of a query, as the lexer reads it.
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

// Splits a query into tokens. Throws on invalid UTF-8 and unterminated
// phrases; everything else is left to the parser.
class Lexer {
 public:
  explicit Lexer(std::string_view query) : query_(query) { decode(); }

  // The tokens of the query, then one kEnd token.
  std::vector<Token> run();

 private:
  static bool is_space(UChar32 c);
  static bool opens_phrase(UChar32 c);
  static bool closes_phrase(UChar32 c);
  static bool separates_items(UChar32 c);
  static bool ends_word(UChar32 c);

  void decode();
  [[nodiscard]] std::string_view bytes_of(std::size_t from, std::size_t to) const;
  [[nodiscard]] bool has_alnum(std::size_t from, std::size_t to) const;
  [[nodiscard]] UChar32 at(std::size_t i) const;
  [[nodiscard]] bool at_boundary() const;
  [[nodiscard]] bool at_name(std::string_view text) const;
  [[nodiscard]] const FieldName* field_at() const;
  [[nodiscard]] bool at_near_group() const;

  void push(TokenKind kind, std::size_t start_column, std::string text = {});
  void lex_item();
  void lex_field(const FieldName& field);
  void lex_near_group();
  int near_distance(std::size_t column, UChar32 close);
  void lex_phrase(bool surface);
  Token make_phrase(bool surface);
  void lex_word();
  [[nodiscard]] Token make_word(std::size_t start, std::size_t end) const;

  std::string_view query_;
  std::vector<UChar32> cps_;
  std::vector<std::size_t> offsets_;  // byte offset of each code point, then of the end
  std::size_t pos_ = 0;
  std::vector<Token> tokens_;
};

}  // namespace newsidx::query
