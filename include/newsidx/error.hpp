// Error: the one exception type the newsidx library throws.
//
// Every failure that a caller can act on carries an ErrorCode so that the CLI
// can map it to an exit status without parsing messages. Thread-safe as any
// immutable value.
#pragma once

#include <stdexcept>
#include <string>

namespace newsidx {

/// What kind of failure an Error reports.
enum class ErrorCode {
  kUsage,       ///< bad option or argument value
  kQuery,       ///< the user's query or date filter is invalid
  kDatabase,    ///< SQLite failed, or the file is not a usable newsidx database
  kNoDatabase,  ///< there is no database (or an empty one) where one is read
  kInternal,    ///< a bug or a library (ICU, libstemmer) failure
};

/// A failure with a message fit to show a user after "newsidx: error: ".
/// Messages describe the problem in the library's terms; the command line
/// adds the names of its options and commands.
class Error : public std::runtime_error {
 public:
  Error(ErrorCode code, const std::string& message) : std::runtime_error(message), code_(code) {}

  [[nodiscard]] ErrorCode code() const noexcept { return code_; }

 private:
  ErrorCode code_;
};

}  // namespace newsidx
