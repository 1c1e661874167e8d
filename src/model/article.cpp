#include "newsidx/article.hpp"

#include <xxhash.h>

#include <cstdio>
#include <memory>
#include <new>

namespace newsidx {

const std::string& Article::lead() const {
  static const std::string kEmpty;
  for (const Block& b : blocks) {
    if (b.type == Block::Type::kParagraph) return b.text;
  }
  return kEmpty;
}

std::string Article::body() const {
  std::string out;
  for (const Block& b : blocks) {
    if (!out.empty()) out += kBlockSeparator;
    out += b.text;
  }
  return out;
}

const char* title_source_name(TitleSource s) {
  return s == TitleSource::kHeader ? "header" : "derived";
}

std::string article_id(const std::optional<Date>& date, std::string_view body) {
  const std::unique_ptr<XXH3_state_t, decltype(&XXH3_freeState)> state(XXH3_createState(),
                                                                       &XXH3_freeState);
  if (!state) throw std::bad_alloc();
  XXH3_64bits_reset(state.get());
  const std::string d = date ? date->str() : std::string();
  XXH3_64bits_update(state.get(), d.data(), d.size());
  XXH3_64bits_update(state.get(), "\n", 1);
  XXH3_64bits_update(state.get(), body.data(), body.size());
  const XXH64_hash_t h = XXH3_64bits_digest(state.get());
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

}  // namespace newsidx
