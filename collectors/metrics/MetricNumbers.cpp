#include "MetricNumbers.h"

#include <charconv>
#include <cmath>
#include <limits>
#include <string>

namespace perfcase::MetricNumbers {

namespace {

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

bool equalsLower(std::string_view text, std::string_view lower)
{
    if (text.size() != lower.size()) return false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
        if (c != lower[i]) return false;
    }
    return true;
}

// Bounds what a hostile "number" can make us do.
constexpr std::size_t kMaxNumberChars = 400;
constexpr int kMaxExponent = 400;

} // namespace

std::string_view trim(std::string_view text)
{
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
        text.remove_suffix(1);
    return text;
}

std::optional<double> parse(std::string_view text)
{
    text = trim(text);
    if (text.empty() || text.size() > kMaxNumberChars) return std::nullopt;
    bool negative = false;
    if (text.front() == '+' || text.front() == '-') {
        negative = text.front() == '-';
        text.remove_prefix(1);
    }
    if (equalsLower(text, "nan")) return std::numeric_limits<double>::quiet_NaN();
    if (equalsLower(text, "inf") || equalsLower(text, "infinity"))
        return negative ? -std::numeric_limits<double>::infinity()
                        : std::numeric_limits<double>::infinity();
    // from_chars would take "inf" and "nan" spellings we handled above, and
    // nothing else that is not a decimal; insist on a digit or a point first.
    if (text.empty() || !(isDigit(text.front()) || text.front() == '.')) return std::nullopt;
    double value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return negative ? -value : value;
}

std::optional<std::int64_t> scaledInteger(std::string_view text, int scaleDigits)
{
    text = trim(text);
    if (text.empty() || text.size() > kMaxNumberChars) return std::nullopt;
    std::size_t pos = 0;
    const bool negative = text[0] == '-';
    if (text[0] == '-' || text[0] == '+') ++pos;
    std::string digits;
    int integerCount = 0;
    bool point = false, any = false;
    for (; pos < text.size(); ++pos) {
        const char c = text[pos];
        if (isDigit(c)) {
            any = true;
            if (!point) ++integerCount;
            digits += c;
        } else if (c == '.' && !point) {
            point = true;
        } else {
            break;
        }
    }
    if (!any) return std::nullopt;
    int exponent = 0;
    if (pos < text.size() && (text[pos] == 'e' || text[pos] == 'E')) {
        ++pos;
        bool expNegative = false;
        if (pos < text.size() && (text[pos] == '+' || text[pos] == '-'))
            expNegative = text[pos++] == '-';
        const std::size_t start = pos;
        while (pos < text.size() && isDigit(text[pos])) {
            exponent = exponent * 10 + (text[pos++] - '0');
            if (exponent > kMaxExponent) return std::nullopt;
        }
        if (pos == start) return std::nullopt;
        if (expNegative) exponent = -exponent;
    }
    if (pos != text.size()) return std::nullopt;

    // value = digits * 10^(integerCount - digits.size() + exponent + scale)
    const long shift = long(integerCount) - long(digits.size()) + exponent + scaleDigits;
    std::size_t keep = digits.size();
    bool roundUp = false;
    if (shift < 0) {
        const auto drop = std::size_t(-shift);
        if (drop > digits.size()) {
            keep = 0;
        } else {
            keep = digits.size() - drop;
            roundUp = digits[keep] >= '5';
        }
    }
    std::uint64_t value = 0;
    constexpr auto kLimit = std::uint64_t(std::numeric_limits<std::int64_t>::max());
    auto push = [&](int digit) {
        if (value > (kLimit - std::uint64_t(digit)) / 10) return false;
        value = value * 10 + std::uint64_t(digit);
        return true;
    };
    for (std::size_t i = 0; i < keep; ++i) {
        if (!push(digits[i] - '0')) return std::nullopt;
    }
    for (long i = 0; i < shift; ++i) {
        if (value == 0) break; // zeros stay zero whatever the exponent
        if (!push(0)) return std::nullopt;
    }
    if (roundUp) {
        if (value == kLimit) return std::nullopt;
        ++value;
    }
    return negative ? -std::int64_t(value) : std::int64_t(value);
}

int integerDigits(std::string_view text)
{
    text = trim(text);
    int count = 0;
    std::size_t pos = 0;
    while (pos < text.size() && isDigit(text[pos])) {
        ++count;
        ++pos;
    }
    if (count == 0) return 0;
    if (pos < text.size() && text[pos] == '.') {
        ++pos;
        while (pos < text.size() && isDigit(text[pos]))
            ++pos;
    }
    if (pos != text.size()) return 0;
    // Leading zeros do not make a number bigger.
    std::size_t zeros = text.find_first_not_of('0');
    if (zeros != std::string_view::npos && zeros > 0 && zeros < std::size_t(count))
        count -= int(zeros);
    return count;
}

} // namespace perfcase::MetricNumbers
