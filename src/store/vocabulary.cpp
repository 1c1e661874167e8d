#include "store/vocabulary.hpp"

#include "newsidx/error.hpp"

namespace newsidx::store {

void StoreFamilies::append_words(std::string_view stem, std::vector<std::string>& out) {
  try {
    if (!lookup_) lookup_.emplace(db_, "SELECT word FROM vocabulary WHERE stem = ?1");
    lookup_->reset();
    lookup_->bind(1, stem);
    while (lookup_->step()) out.emplace_back(lookup_->column_text(0));
  } catch (const Error&) {
    // No vocabulary table: the word is searched as written.
    lookup_.reset();
  }
}

VocabularyWriter::VocabularyWriter(sqlite::Db& db)
    : insert_(db.get(), "INSERT OR IGNORE INTO vocabulary(stem, word) VALUES(?1, ?2)") {}

void VocabularyWriter::add(const DocumentTokens& tokens) {
  tokens.for_each_family_pair([&](std::string_view stem, std::string_view word) {
    if (!added_.first_time(stem, word)) return;
    insert_.reset();
    insert_.bind(1, stem).bind(2, word);
    insert_.run();
  });
}

}  // namespace newsidx::store
