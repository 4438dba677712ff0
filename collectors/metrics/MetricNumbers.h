#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace perfcase::MetricNumbers {

// A plain decimal number as metrics files write it ("12", "-0.5", "1e-3",
// " 42 "; also "NaN", "+Inf", "-Inf", "Infinity", which come back as such so
// that the caller can count them). std::nullopt for anything else: "1,5",
// "0x10", "12 %", "null", "", and magnitudes a double cannot hold.
std::optional<double> parse(std::string_view text);

// A decimal number (digits, optional fraction, optional exponent; a leading
// sign) times 10^scaleDigits, as an exact integer: the digits are shifted,
// never rounded through a double, so "1757332688.804" seconds with
// scaleDigits 9 is 1757332688804000000 ns. Digits beyond the unit round half
// away from zero. std::nullopt when the text is not such a number or the
// result does not fit in 64 bits.
std::optional<std::int64_t> scaledInteger(std::string_view text, int scaleDigits);

// Digits of the integer part of an unsigned decimal ("1564308009.804" -> 10);
// 0 when the text is not a plain unsigned decimal (no exponent).
int integerDigits(std::string_view text);

// Spaces and tabs removed from both ends.
std::string_view trim(std::string_view text);

} // namespace perfcase::MetricNumbers
