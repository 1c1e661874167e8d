#include "analysis/fold.hpp"

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <array>
#include <cstdint>
#include <mutex>
#include <string>
#include <utility>

#include "newsidx/error.hpp"

namespace newsidx::analysis {
namespace {

/// Code points below this bound are folded through a table built once; the
/// others (rare in French text) are folded with ICU each time.
constexpr UChar32 kTableEnd = 0x2500;

/// ASCII for letters that are neither decomposed by NFKD nor folded by case
/// folding (ligatures and letters with a bar or stroke), or nullptr.
const char* ascii_for(UChar32 c) {
  switch (c) {
    case 0x0153:
      return "oe";  // œ
    case 0x00E6:
      return "ae";  // æ
    case 0x00F8:
      return "o";  // ø
    case 0x0142:
      return "l";  // ł
    case 0x0111:
      return "d";  // đ
    case 0x00F0:
      return "d";  // ð
    case 0x00FE:
      return "th";  // þ
    case 0x0131:
      return "i";  // ı
    case 0x0127:
      return "h";  // ħ
    default:
      return nullptr;
  }
}

void check(UErrorCode status) {
  if (U_FAILURE(status)) {
    throw Error(ErrorCode::kInternal, std::string("text folding failed: ") + u_errorName(status));
  }
}

/// Code points are folded in blocks of this many, each block on first use:
/// a short-lived `newsidx search` pays only for the blocks its text needs.
constexpr UChar32 kBlockSize = 64;
constexpr std::size_t kBlocks = kTableEnd / kBlockSize;

/// The folded forms of one block of code points, concatenated: the form of
/// the i-th code point of the block is pool[offsets[i], offsets[i + 1]).
struct FoldBlock {
  std::string pool;
  std::array<std::uint16_t, kBlockSize + 1> offsets{};
};

struct FoldTable {
  std::array<FoldBlock, kBlocks> blocks;
  std::array<std::once_flag, kBlocks> built;
};

FoldTable& fold_table() {
  static FoldTable table;
  return table;
}

const FoldBlock& fold_block(std::size_t b) {
  FoldTable& table = fold_table();
  std::call_once(table.built[b], [&] {
    FoldBlock& block = table.blocks[b];
    const auto first = static_cast<UChar32>(b) * kBlockSize;
    for (UChar32 i = 0; i < kBlockSize; ++i) {
      block.offsets[static_cast<std::size_t>(i)] = static_cast<std::uint16_t>(block.pool.size());
      block.pool += fold_code_point(first + i);
    }
    block.offsets[kBlockSize] = static_cast<std::uint16_t>(block.pool.size());
  });
  return table.blocks[b];
}

}  // namespace

std::string fold_code_point(UChar32 c) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* casefold = icu::Normalizer2::getNFKCCasefoldInstance(status);
  check(status);
  const icu::Normalizer2* decompose = icu::Normalizer2::getNFDInstance(status);
  check(status);
  const icu::UnicodeString folded = casefold->normalize(icu::UnicodeString(c), status);
  check(status);
  const icu::UnicodeString decomposed = decompose->normalize(folded, status);
  check(status);

  std::string out;
  for (int32_t i = 0; i < decomposed.length();) {
    const UChar32 d = decomposed.char32At(i);
    i += U16_LENGTH(d);
    const auto type = static_cast<UCharCategory>(u_charType(d));
    if (type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK) continue;
    if (const char* ascii = ascii_for(d)) {
      out += ascii;
    } else {
      icu::UnicodeString(d).toUTF8String(out);
    }
  }
  return out;
}

void append_folded(UChar32 c, std::string& out) {
  if (c < 0x80) {
    // ASCII: case folding only lowers letters; nothing decomposes.
    out += static_cast<char>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
  } else if (c < kTableEnd) {
    const FoldBlock& block = fold_block(static_cast<std::size_t>(c / kBlockSize));
    const auto i = static_cast<std::size_t>(c % kBlockSize);
    out.append(block.pool, block.offsets[i], block.offsets[i + 1] - block.offsets[i]);
  } else {
    out += fold_code_point(c);
  }
}

void append_folded(std::string_view text, std::string& out) {
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(text.data());
  const auto length = static_cast<std::int32_t>(text.size());
  for (std::int32_t i = 0; i < length;) {
    UChar32 c = 0;
    U8_NEXT(bytes, i, length, c);
    if (c >= 0) append_folded(c, out);
  }
}

void compose(std::string& text) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  check(status);
  std::string composed;
  icu::StringByteSink<std::string> sink(&composed, static_cast<int32_t>(text.size()));
  nfc->normalizeUTF8(0, icu::StringPiece(text.data(), static_cast<int32_t>(text.size())), sink,
                     nullptr, status);
  check(status);
  text = std::move(composed);
}

}  // namespace newsidx::analysis
