#include "KubeQuantity.h"

#include <charconv>
#include <cmath>

namespace perfcase::KubeQuantity {

namespace {

constexpr double kLimit = 1e30;

std::optional<double> suffixScale(std::string_view suffix)
{
    struct Entry
    {
        std::string_view suffix;
        double scale;
    };
    static constexpr Entry kSuffixes[] = {
        {"", 1},
        {"n", 1e-9},
        {"u", 1e-6},
        {"m", 1e-3},
        {"k", 1e3},
        {"M", 1e6},
        {"G", 1e9},
        {"T", 1e12},
        {"P", 1e15},
        {"E", 1e18},
        {"Ki", 1024.0},
        {"Mi", 1048576.0},
        {"Gi", 1073741824.0},
        {"Ti", 1099511627776.0},
        {"Pi", 1125899906842624.0},
        {"Ei", 1152921504606846976.0},
    };
    for (const Entry &entry : kSuffixes) {
        if (entry.suffix == suffix) return entry.scale;
    }
    return std::nullopt;
}

} // namespace

namespace {

// The quantity in units of `unit` (1 for cores or bytes, 1e-3 for
// millicores): the scale is divided first so "117m" in millicores is
// exactly 117, not 117 * 0.001 * 1000.
std::optional<double> parseIn(std::string_view text, double unit)
{
    while (!text.empty() && text.front() == ' ')
        text.remove_prefix(1);
    while (!text.empty() && text.back() == ' ')
        text.remove_suffix(1);
    if (text.empty()) return std::nullopt;
    std::size_t pos = text.front() == '+' || text.front() == '-' ? 1 : 0;
    std::size_t digits = 0;
    while (pos < text.size() && ((text[pos] >= '0' && text[pos] <= '9') || text[pos] == '.')) {
        digits += text[pos] != '.';
        ++pos;
    }
    if (digits == 0) return std::nullopt;
    // "1e3" is an exponent, "1E" is exa: an exponent needs digits after it.
    if (pos + 1 < text.size() && (text[pos] == 'e' || text[pos] == 'E')) {
        std::size_t after = pos + 1;
        if (after < text.size() && (text[after] == '+' || text[after] == '-')) ++after;
        std::size_t expDigits = after;
        while (expDigits < text.size() && text[expDigits] >= '0' && text[expDigits] <= '9')
            ++expDigits;
        if (expDigits > after && expDigits == text.size()) pos = expDigits;
    }
    std::string_view number =
        text.substr(text.front() == '+' ? 1 : 0, pos - (text.front() == '+' ? 1 : 0));
    double value = 0;
    auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), value);
    if (ec != std::errc() || end != number.data() + number.size()) return std::nullopt;
    std::string_view suffix = text.substr(pos);
    if (suffix == "K")
        suffix = "k"; // kubectl prints "K" for kilo now and then
    auto scale = suffixScale(suffix);
    if (!scale) return std::nullopt;
    value *= *scale / unit;
    if (!std::isfinite(value) || std::fabs(value) > kLimit) return std::nullopt;
    return value;
}

} // namespace

std::optional<double> parse(std::string_view text)
{
    return parseIn(text, 1.0);
}

std::optional<double> millicores(std::string_view text)
{
    return parseIn(text, 1e-3);
}

} // namespace perfcase::KubeQuantity
