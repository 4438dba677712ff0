#include "KubeAge.h"

#include <charconv>

namespace perfcase::KubeAge {

namespace {

constexpr std::int64_t kSecond = 1'000'000'000;
// 100 years: far beyond any age kubectl prints, and its ns fit an int64
// (292 years would not).
constexpr std::int64_t kMaxSeconds = std::int64_t(100) * 365 * 86400;

std::string_view trim(std::string_view text)
{
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
        text.remove_suffix(1);
    return text;
}

} // namespace

std::optional<std::int64_t> parse(std::string_view text)
{
    text = trim(text);
    if (text.empty()) return std::nullopt;
    std::int64_t seconds = 0;
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::int64_t number = 0;
        auto [end, ec] = std::from_chars(text.data() + pos, text.data() + text.size(), number);
        // Each part is checked before it is scaled, so no claim overflows.
        if (ec != std::errc() || end == text.data() + pos || number < 0 || number > kMaxSeconds)
            return std::nullopt;
        pos = std::size_t(end - text.data());
        if (pos >= text.size()) return std::nullopt;
        std::int64_t unit;
        switch (text[pos]) {
        case 'y':
            unit = 365 * 86400;
            break;
        case 'd':
            unit = 86400;
            break;
        case 'h':
            unit = 3600;
            break;
        case 'm':
            unit = 60;
            break;
        case 's':
            unit = 1;
            break;
        default:
            return std::nullopt;
        }
        ++pos;
        if (number > kMaxSeconds / unit) return std::nullopt;
        seconds += number * unit;
        if (seconds > kMaxSeconds) return std::nullopt;
    }
    return seconds * kSecond;
}

std::optional<Interval> parseInterval(std::string_view text)
{
    text = trim(text);
    Interval interval;
    const std::size_t open = text.find(" (x");
    if (open == std::string_view::npos) {
        auto ago = parse(text);
        if (!ago) return std::nullopt;
        interval.lastAgo = *ago;
        return interval;
    }
    auto last = parse(text.substr(0, open));
    if (!last || text.back() != ')') return std::nullopt;
    std::string_view rest = text.substr(open + 3, text.size() - open - 4); // "5 over 58m"
    const std::size_t over = rest.find(" over ");
    if (over == std::string_view::npos) return std::nullopt;
    std::int64_t count = 0;
    std::string_view countText = rest.substr(0, over);
    auto [end, ec] = std::from_chars(countText.data(), countText.data() + countText.size(), count);
    if (ec != std::errc() || end != countText.data() + countText.size() || count < 0)
        return std::nullopt;
    auto first = parse(rest.substr(over + 6));
    if (!first) return std::nullopt;
    interval.lastAgo = *last;
    interval.firstAgo = *first;
    interval.count = count;
    return interval;
}

} // namespace perfcase::KubeAge
