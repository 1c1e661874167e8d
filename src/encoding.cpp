// Placeholder: replaced by the implementation of encoding.hpp.
#include "newsidx/encoding.hpp"

#include "newsidx/error.hpp"

namespace newsidx {
std::optional<DecodedText> decode_text(std::string_view) {
  throw Error(ErrorCode::kInternal, "decode_text: not implemented yet");
}
}  // namespace newsidx
