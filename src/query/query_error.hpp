// The errors of the query translator: Error(kQuery) with a message that
// starts "query: " and, where it applies, gives a column. Private to the
// query layer.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace newsidx::query {

// Throws Error(kQuery) with the message "query: MESSAGE".
[[noreturn]] void fail(const std::string& message);

// Throws Error(kQuery) with the message "query: WHAT at column N REST".
[[noreturn]] void fail_at(const std::string& what, std::size_t column, std::string_view rest = {});

}  // namespace newsidx::query
