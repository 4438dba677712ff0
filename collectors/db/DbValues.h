#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace perfcase::DbValues {

// Longest text kept in a name or an argument (a statement, a filter):
// enough to recognise a query, small enough for a timeline tooltip.
constexpr std::size_t kMaxTextBytes = 2000;

// A finite decimal number ("12", "-0.5", "1e-3", " 42 "); std::nullopt for
// anything else (empty cells, "NaN", "null", "12 ms").
std::optional<double> number(std::string_view text);
// A whole number ("6", "6.0") within ±2^53; std::nullopt otherwise.
std::optional<std::int64_t> wholeNumber(std::string_view text);
// PostgreSQL's and pandas' spellings of a boolean: t/f, true/false (any
// case), 1/0; std::nullopt otherwise.
std::optional<bool> boolean(std::string_view text);
// A number as JSON: an integer when it is whole and exact in a double.
nlohmann::json json(double value);
// The text as valid UTF-8 (invalid sequences become U+FFFD; repaired set to
// true when that happened), cut to at most maxBytes on a character boundary.
std::string text(std::string_view raw, bool &repaired, std::size_t maxBytes = kMaxTextBytes);

} // namespace perfcase::DbValues
