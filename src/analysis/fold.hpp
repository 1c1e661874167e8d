// Folding of one code point for the French analysis (analyzer.hpp):
// case folding, compatibility decomposition, diacritics and ligatures removed;
// and the composition of a word as written.
//
// Stateless; safe to call from any thread (lookup tables are built block by
// block, once, on first use).
#pragma once

#include <unicode/umachine.h>

#include <string>
#include <string_view>

namespace newsidx::analysis {

/// Appends to `out` the folded UTF-8 form of the code point `c`: NFKC case
/// folding (which also drops default-ignorable characters such as U+00AD),
/// canonical decomposition without non-spacing and enclosing marks, and
/// ASCII for letters that do not decompose (œ→oe, æ→ae, ø→o, ł→l, đ→d, ð→d,
/// þ→th, ı→i, ħ→h; ß→ss comes from case folding). May append nothing.
/// REQUIRES: `c` is a valid code point other than a surrogate.
/// Throws std::bad_alloc when memory runs out.
void append_folded(UChar32 c, std::string& out);

/// Replaces the valid UTF-8 `text` by its Unicode NFC form (`e` + U+0301
/// becomes `é`). Throws Error(kInternal) if ICU fails.
void compose(std::string& text);

/// Appends to `out` the folded form of the UTF-8 `text`, code point by code
/// point (see append_folded()); invalid bytes are skipped.
void append_folded(std::string_view text, std::string& out);

/// The folded form of a single code point, computed with ICU without the
/// table (append_folded() uses it to build its tables). Throws Error(kInternal)
/// if ICU fails.
[[nodiscard]] std::string fold_code_point(UChar32 c);

}  // namespace newsidx::analysis
