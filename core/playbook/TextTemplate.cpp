#include "TextTemplate.h"

#include "TimeUtil.h"

#include <cmath>
#include <cstdio>
#include <regex>

namespace perfcase::TextTemplate {

namespace {

const std::regex &templateField()
{
    static const std::regex pattern(R"(\{([a-z][a-z0-9_]*)(?::([a-z]+))?\})");
    return pattern;
}

// Up to two decimals, none for large numbers, no trailing zeros.
std::string plainNumber(double value)
{
    char buffer[64];
    if (std::fabs(value) >= 100 || value == std::floor(value))
        std::snprintf(buffer, sizeof buffer, "%.0f", value);
    else
        std::snprintf(buffer, sizeof buffer, "%.2f", value);
    std::string text = buffer;
    if (text.find('.') != std::string::npos) {
        while (text.back() == '0')
            text.pop_back();
        if (text.back() == '.') text.pop_back();
    }
    if (text == "-0") text = "0";
    return text;
}

std::string withThousands(double value)
{
    std::string digits = plainNumber(std::round(value));
    bool negative = !digits.empty() && digits.front() == '-';
    if (negative) digits.erase(0, 1);
    for (int i = int(digits.size()) - 3; i > 0; i -= 3)
        digits.insert(std::size_t(i), ",");
    return negative ? "-" + digits : digits;
}

std::string bytes(double value)
{
    const char *units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
    int unit = 0;
    while (std::fabs(value) >= 1024 && unit < 4) {
        value /= 1024;
        ++unit;
    }
    return plainNumber(unit == 0 ? value : std::round(value * 10) / 10) + " " + units[unit];
}

} // namespace

std::string formatValue(const SqlValue &value, const std::string &format)
{
    if (std::holds_alternative<std::monostate>(value)) return "n/a";
    if (auto text = std::get_if<std::string>(&value)) return *text;
    double number = *numberOf(value);
    if (format == "int") return withThousands(number);
    if (format == "ms") return formatValue(SqlValue(number / 1e6), "num") + " ms";
    if (format == "s") return formatValue(SqlValue(number / 1e9), "num") + " s";
    if (format == "pct") {
        double percent = number * 100;
        // Whole percents read better; small shares keep one decimal.
        double shown =
            std::fabs(percent) >= 10 ? std::round(percent) : std::round(percent * 10) / 10;
        return plainNumber(shown) + " %";
    }
    if (format == "bytes") return bytes(number);
    if (format == "time") {
        auto ns = std::int64_t(std::llround(number / 1e6)) * 1000000;
        return formatRfc3339(ns);
    }
    if (std::holds_alternative<std::int64_t>(value)) return withThousands(number);
    return plainNumber(number);
}

std::string render(const std::string &text, const std::map<std::string, SqlValue> &facts)
{
    std::string out;
    auto begin = std::sregex_iterator(text.begin(), text.end(), templateField());
    std::size_t last = 0;
    for (auto it = begin; it != std::sregex_iterator(); ++it) {
        const auto &match = *it;
        out.append(text, last, std::size_t(match.position(0)) - last);
        auto fact = facts.find(match[1].str());
        out += fact == facts.end() ? match.str(0) : formatValue(fact->second, match[2].str());
        last = std::size_t(match.position(0) + match.length(0));
    }
    out.append(text, last, std::string::npos);
    return out;
}

std::vector<std::string> names(const std::string &text)
{
    std::vector<std::string> found;
    for (auto it = std::sregex_iterator(text.begin(), text.end(), templateField());
         it != std::sregex_iterator(); ++it)
        found.push_back((*it)[1].str());
    return found;
}

} // namespace perfcase::TextTemplate
