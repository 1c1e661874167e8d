// Reading and writing the quantities users type and read: sizes, counts.
//
// Stateless functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace newsidx {

/// Parses a size: bytes, or a number with a K, M or G suffix (powers of
/// 1024, case-insensitive, an optional trailing "B"/"iB"): "16M", "512k",
/// "1GiB". Returns nullopt for anything else, zero included.
[[nodiscard]] std::optional<std::uint64_t> parse_size(std::string_view text);

/// "12,345": an integer with thousands separated by commas.
[[nodiscard]] std::string format_count(std::int64_t n);

/// "3.2 MiB", "512 B": a byte count for people.
[[nodiscard]] std::string format_bytes(std::uint64_t n);

}  // namespace newsidx
