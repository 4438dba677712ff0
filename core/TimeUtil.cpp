#include "TimeUtil.h"

#include <charconv>
#include <chrono>
#include <cstdio>

namespace perfcase {

namespace {
constexpr std::int64_t kNsPerSecond = 1'000'000'000;
constexpr std::int64_t kNsPerDay = 86'400 * kNsPerSecond;

void civilFromDays(std::int64_t z, int &year, unsigned &month, unsigned &day)
{
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = unsigned(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    day = doy - (153 * mp + 2) / 5 + 1;
    month = mp < 10 ? mp + 3 : mp - 9;
    year = int(yoe + era * 400 + (month <= 2));
}

bool digits(std::string_view text, std::size_t pos, std::size_t count, int &value)
{
    if (pos + count > text.size())
        return false;
    value = 0;
    for (std::size_t i = pos; i < pos + count; ++i) {
        if (text[i] < '0' || text[i] > '9')
            return false;
        value = value * 10 + (text[i] - '0');
    }
    return true;
}
} // namespace

std::int64_t nowNs()
{
    using namespace std::chrono;
    return duration_cast<nanoseconds>(system_clock::now().time_since_epoch()).count();
}

std::int64_t daysFromCivil(int year, unsigned month, unsigned day)
{
    year -= month <= 2;
    const std::int64_t era = (year >= 0 ? year : year - 399) / 400;
    const unsigned yoe = unsigned(year - era * 400);
    const unsigned doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + std::int64_t(doe) - 719468;
}

std::string formatRfc3339(std::int64_t ns)
{
    std::int64_t days = ns / kNsPerDay;
    std::int64_t rest = ns % kNsPerDay;
    if (rest < 0) {
        rest += kNsPerDay;
        --days;
    }
    int year;
    unsigned month, day;
    civilFromDays(days, year, month, day);
    const auto seconds = rest / kNsPerSecond;
    const auto fraction = rest % kNsPerSecond;
    char buffer[48];
    int length = std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02d:%02d:%02d", year, month,
                               day, int(seconds / 3600), int(seconds / 60 % 60), int(seconds % 60));
    if (fraction != 0) {
        if (fraction % 1'000'000 == 0)
            length += std::snprintf(buffer + length, sizeof buffer - length, ".%03lld",
                                    static_cast<long long>(fraction / 1'000'000));
        else if (fraction % 1'000 == 0)
            length += std::snprintf(buffer + length, sizeof buffer - length, ".%06lld",
                                    static_cast<long long>(fraction / 1'000));
        else
            length += std::snprintf(buffer + length, sizeof buffer - length, ".%09lld",
                                    static_cast<long long>(fraction));
    }
    return std::string(buffer, length) + "Z";
}

std::optional<std::int64_t> parseRfc3339(std::string_view text)
{
    int year, month, day, hour, minute, second;
    if (!digits(text, 0, 4, year) || text.size() < 19 || text[4] != '-' ||
        !digits(text, 5, 2, month) || text[7] != '-' || !digits(text, 8, 2, day) ||
        (text[10] != 'T' && text[10] != 't' && text[10] != ' ') || !digits(text, 11, 2, hour) ||
        text[13] != ':' || !digits(text, 14, 2, minute) || text[16] != ':' ||
        !digits(text, 17, 2, second))
        return std::nullopt;
    if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60)
        return std::nullopt;
    std::size_t pos = 19;
    std::int64_t fraction = 0;
    if (pos < text.size() && (text[pos] == '.' || text[pos] == ',')) {
        ++pos;
        std::int64_t scale = 100'000'000;
        std::size_t start = pos;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
            fraction += (text[pos] - '0') * scale;
            scale /= 10;
            ++pos;
        }
        if (pos == start)
            return std::nullopt;
    }
    std::int64_t offsetSeconds = 0;
    if (pos < text.size() && (text[pos] == 'Z' || text[pos] == 'z')) {
        ++pos;
    } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
        int oh, om;
        int sign = text[pos] == '-' ? -1 : 1;
        if (!digits(text, pos + 1, 2, oh))
            return std::nullopt;
        std::size_t minutePos = pos + 3 < text.size() && text[pos + 3] == ':' ? pos + 4 : pos + 3;
        if (!digits(text, minutePos, 2, om))
            return std::nullopt;
        offsetSeconds = sign * (oh * 3600 + om * 60);
        pos = minutePos + 2;
    } else {
        return std::nullopt;
    }
    if (pos != text.size())
        return std::nullopt;
    std::int64_t days = daysFromCivil(year, unsigned(month), unsigned(day));
    std::int64_t secs = days * 86400 + hour * 3600 + minute * 60 + second - offsetSeconds;
    // A year runs to 9999, ns since the epoch only to 2262 (and from 1677).
    if (secs >= INT64_MAX / kNsPerSecond || secs <= INT64_MIN / kNsPerSecond)
        return std::nullopt;
    return secs * kNsPerSecond + fraction;
}

std::optional<std::int64_t> parseDuration(std::string_view text)
{
    if (text.empty())
        return std::nullopt;
    std::int64_t total = 0;
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t start = pos;
        while (pos < text.size() && ((text[pos] >= '0' && text[pos] <= '9') || text[pos] == '.'))
            ++pos;
        if (pos == start)
            return std::nullopt;
        double number = 0;
        auto [end, ec] = std::from_chars(text.data() + start, text.data() + pos, number);
        if (ec != std::errc() || end != text.data() + pos)
            return std::nullopt;
        std::string_view unit;
        std::size_t unitStart = pos;
        while (pos < text.size() && ((text[pos] >= 'a' && text[pos] <= 'z')))
            ++pos;
        unit = text.substr(unitStart, pos - unitStart);
        double scale;
        if (unit == "h")
            scale = 3600e9;
        else if (unit == "m")
            scale = 60e9;
        else if (unit == "s")
            scale = 1e9;
        else if (unit == "ms")
            scale = 1e6;
        else if (unit == "us")
            scale = 1e3;
        else if (unit == "ns")
            scale = 1;
        else
            return std::nullopt;
        total += std::int64_t(number * scale);
    }
    return total;
}

std::optional<std::int64_t> parseTimeArgument(std::string_view text, std::int64_t now)
{
    if (text.substr(0, 3) == "now") {
        if (text.size() == 3)
            return now;
        if (text[3] != '-' && text[3] != '+')
            return std::nullopt;
        auto delta = parseDuration(text.substr(4));
        if (!delta)
            return std::nullopt;
        return text[3] == '-' ? now - *delta : now + *delta;
    }
    if (auto rfc = parseRfc3339(text))
        return rfc;
    // Unix seconds, with the fraction read as digits so no ns are lost to a double.
    std::int64_t whole = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), whole);
    if (ec != std::errc() || end == text.data())
        return std::nullopt;
    std::int64_t fraction = 0;
    std::size_t pos = std::size_t(end - text.data());
    if (pos < text.size() && text[pos] == '.') {
        std::int64_t scale = 100'000'000;
        for (++pos; pos < text.size() && text[pos] >= '0' && text[pos] <= '9'; ++pos) {
            fraction += (text[pos] - '0') * scale;
            scale /= 10;
        }
    }
    if (pos != text.size())
        return std::nullopt;
    return whole * kNsPerSecond + (whole < 0 ? -fraction : fraction);
}

} // namespace perfcase
