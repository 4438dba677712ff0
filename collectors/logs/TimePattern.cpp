#include "TimePattern.h"

#include <array>
#include <cctype>
#include <cstdint>
#include <stdexcept>

namespace perfcase {

namespace {

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

// Reads between min and max digits at pos.
bool number(std::string_view text, std::size_t &pos, int minDigits, int maxDigits, int &value)
{
    int count = 0;
    value = 0;
    while (count < maxDigits && pos < text.size() && isDigit(text[pos])) {
        value = value * 10 + (text[pos] - '0');
        ++pos;
        ++count;
    }
    return count >= minDigits;
}

bool fraction(std::string_view text, std::size_t &pos, std::int64_t &ns)
{
    std::int64_t scale = 100'000'000;
    std::size_t start = pos;
    ns = 0;
    while (pos < text.size() && isDigit(text[pos])) {
        ns += (text[pos] - '0') * scale;
        scale /= 10;
        ++pos;
    }
    return pos > start;
}

// Z, +hh:mm, +hhmm or +hh.
bool offset(std::string_view text, std::size_t &pos, int &seconds)
{
    if (pos < text.size() && (text[pos] == 'Z' || text[pos] == 'z')) {
        ++pos;
        seconds = 0;
        return true;
    }
    if (pos >= text.size() || (text[pos] != '+' && text[pos] != '-'))
        return false;
    int sign = text[pos] == '-' ? -1 : 1;
    ++pos;
    int hours, minutes = 0;
    if (!number(text, pos, 2, 2, hours))
        return false;
    if (pos < text.size() && text[pos] == ':')
        ++pos;
    if (pos < text.size() && isDigit(text[pos]) && !number(text, pos, 2, 2, minutes))
        return false;
    seconds = sign * (hours * 3600 + minutes * 60);
    return hours <= 18;
}

bool monthName(std::string_view text, std::size_t &pos, int &month)
{
    static constexpr std::array<std::string_view, 12> names{
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
    if (pos + 3 > text.size())
        return false;
    char lower[3];
    for (int i = 0; i < 3; ++i)
        lower[i] = char(std::tolower(static_cast<unsigned char>(text[pos + i])));
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (std::string_view(lower, 3) == names[i]) {
            month = int(i) + 1;
            pos += 3;
            while (pos < text.size() && std::isalpha(static_cast<unsigned char>(text[pos])))
                ++pos; // "September"
            return true;
        }
    }
    return false;
}

bool skipWord(std::string_view text, std::size_t &pos)
{
    std::size_t start = pos;
    while (pos < text.size() && std::isalpha(static_cast<unsigned char>(text[pos])))
        ++pos;
    return pos > start;
}

int daysInMonth(int year, int month)
{
    static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    // A year-less time (year < 0) may be any year: allow 29 February.
    bool leap = year < 0 || (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0));
    return month == 2 && leap ? 29 : days[month - 1];
}

bool valid(const ParsedTime &t)
{
    return t.month >= 1 && t.month <= 12 && t.day >= 1 && t.day <= daysInMonth(t.year, t.month) &&
           t.hour <= 24 && t.minute <= 59 && t.second <= 60;
}

// Any ISO 8601 / RFC 3339 date-time: "2024-04-25T05:32:35.584725130Z",
// "2021-02-14 01:34:02 CET", "2023-05-29 13:20:38,758", "2019-03-14T00:22:56+00:00".
bool parseIso(std::string_view text, ParsedTime &t)
{
    std::size_t pos = 0;
    if (!number(text, pos, 4, 4, t.year) || pos >= text.size() || text[pos++] != '-' ||
        !number(text, pos, 2, 2, t.month) || pos >= text.size() || text[pos++] != '-' ||
        !number(text, pos, 2, 2, t.day) || pos >= text.size() ||
        (text[pos] != 'T' && text[pos] != ' ' && text[pos] != 't'))
        return false;
    ++pos;
    if (!number(text, pos, 2, 2, t.hour) || pos >= text.size() || text[pos++] != ':' ||
        !number(text, pos, 2, 2, t.minute))
        return false;
    if (pos < text.size() && text[pos] == ':') {
        ++pos;
        if (!number(text, pos, 2, 2, t.second))
            return false;
        if (pos < text.size() && (text[pos] == '.' || text[pos] == ',')) {
            ++pos;
            if (!fraction(text, pos, t.fractionNs))
                return false;
        }
    }
    if (pos < text.size() && text[pos] == ' ')
        ++pos;
    if (pos < text.size()) {
        if (offset(text, pos, t.offsetSeconds)) {
            t.hasOffset = true;
        } else {
            std::size_t start = pos;
            if (!skipWord(text, pos))
                return false;
            t.abbreviation = text.substr(start, pos - start);
        }
    }
    return pos == text.size() && valid(t);
}

bool parseEpoch(std::string_view text, ParsedTime &t)
{
    std::size_t pos = 0;
    std::int64_t whole = 0;
    std::size_t start = pos;
    // 18 digits cannot overflow; more could never fit in ns anyway.
    while (pos < text.size() && isDigit(text[pos]) && pos - start < 18)
        whole = whole * 10 + (text[pos++] - '0');
    if (pos == start)
        return false;
    std::int64_t frac = 0;
    if (pos < text.size() && text[pos] == '.') {
        ++pos;
        fraction(text, pos, frac);
    }
    if (pos != text.size() || whole > (INT64_MAX - frac) / 1'000'000'000)
        return false; // junk, or after 2262 in ns
    t.isEpoch = true;
    t.epochNs = whole * 1'000'000'000 + frac;
    return true;
}

} // namespace

TimePattern::TimePattern(std::string_view spec) : m_spec(spec)
{
    if (spec == "iso8601") {
        m_iso = true;
        return;
    }
    if (spec == "epoch") {
        m_tokens.push_back({Op::Epoch});
        return;
    }
    m_hasYear = false;
    for (std::size_t i = 0; i < spec.size(); ++i) {
        char c = spec[i];
        if (c == ' ') {
            m_tokens.push_back({Op::Space});
            continue;
        }
        if (c != '%' || i + 1 >= spec.size()) {
            m_tokens.push_back({Op::Literal, c});
            continue;
        }
        switch (spec[++i]) {
        case 'Y': m_tokens.push_back({Op::Year4}); m_hasYear = true; break;
        case 'y': m_tokens.push_back({Op::Year2}); m_hasYear = true; break;
        case 'm': m_tokens.push_back({Op::Month}); break;
        case 'd': m_tokens.push_back({Op::Day}); break;
        case 'e': m_tokens.push_back({Op::DaySpace}); break;
        case 'H': m_tokens.push_back({Op::Hour}); break;
        case 'M': m_tokens.push_back({Op::Minute}); break;
        case 'S': m_tokens.push_back({Op::Second}); break;
        case 'f': m_tokens.push_back({Op::Fraction}); break;
        case 'F': m_tokens.push_back({Op::OptionalFraction}); break;
        case 'z': m_tokens.push_back({Op::Offset}); break;
        case 'Z': m_tokens.push_back({Op::ZoneAny}); break;
        case 'b': m_tokens.push_back({Op::MonthName}); break;
        case 'a': m_tokens.push_back({Op::WeekdayName}); break;
        case 's': m_tokens.push_back({Op::Epoch}); m_hasYear = true; break;
        case '%': m_tokens.push_back({Op::Literal, '%'}); break;
        default:
            throw std::invalid_argument("unknown time directive %" + std::string(1, spec[i]));
        }
    }
}

bool TimePattern::parse(std::string_view text, ParsedTime &t) const
{
    t = ParsedTime();
    if (m_iso)
        return parseIso(text, t);
    if (m_tokens.size() == 1 && m_tokens[0].op == Op::Epoch)
        return parseEpoch(text, t);
    std::size_t pos = 0;
    for (const Token &token : m_tokens) {
        switch (token.op) {
        case Op::Literal:
            if (pos >= text.size() || text[pos] != token.literal)
                return false;
            ++pos;
            break;
        case Op::Space:
            if (pos >= text.size() || text[pos] != ' ')
                return false;
            while (pos < text.size() && text[pos] == ' ')
                ++pos;
            break;
        case Op::Year4:
            if (!number(text, pos, 4, 4, t.year))
                return false;
            break;
        case Op::Year2:
            if (!number(text, pos, 2, 2, t.year))
                return false;
            t.year += t.year < 70 ? 2000 : 1900;
            break;
        case Op::Month:
            if (!number(text, pos, 1, 2, t.month))
                return false;
            break;
        case Op::Day:
            if (!number(text, pos, 1, 2, t.day))
                return false;
            break;
        case Op::DaySpace:
            while (pos < text.size() && text[pos] == ' ')
                ++pos;
            if (!number(text, pos, 1, 2, t.day))
                return false;
            break;
        case Op::Hour:
            if (!number(text, pos, 1, 2, t.hour))
                return false;
            break;
        case Op::Minute:
            if (!number(text, pos, 2, 2, t.minute))
                return false;
            break;
        case Op::Second:
            if (!number(text, pos, 2, 2, t.second))
                return false;
            break;
        case Op::Fraction:
            if (!fraction(text, pos, t.fractionNs))
                return false;
            break;
        case Op::OptionalFraction:
            if (pos + 1 < text.size() && (text[pos] == '.' || text[pos] == ',') &&
                isDigit(text[pos + 1])) {
                ++pos;
                fraction(text, pos, t.fractionNs);
            }
            break;
        case Op::Offset:
            if (!offset(text, pos, t.offsetSeconds))
                return false;
            t.hasOffset = true;
            break;
        case Op::ZoneAny:
            if (offset(text, pos, t.offsetSeconds)) {
                t.hasOffset = true;
            } else {
                std::size_t start = pos;
                if (!skipWord(text, pos))
                    return false;
                t.abbreviation = text.substr(start, pos - start);
            }
            break;
        case Op::MonthName:
            if (!monthName(text, pos, t.month))
                return false;
            break;
        case Op::WeekdayName:
            if (!skipWord(text, pos))
                return false;
            break;
        case Op::Epoch: {
            std::size_t start = pos;
            while (pos < text.size() && (isDigit(text[pos]) || text[pos] == '.'))
                ++pos;
            ParsedTime epoch;
            if (!parseEpoch(text.substr(start, pos - start), epoch))
                return false;
            t.isEpoch = true;
            t.epochNs = epoch.epochNs;
            break;
        }
        }
    }
    return pos == text.size() && (t.isEpoch || valid(t));
}

} // namespace perfcase
